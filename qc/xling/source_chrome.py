"""Page chrome in a source text: lines that a faithful translation leaves out.

Sources often come scraped from the original page, with its share buttons, breadcrumbs,
teasers and footer. A translation that drops them is right to, so their sentences are
no omissions. A source line counts as chrome when it is short (at most
:data:`MAX_WORDS` words) and

- holds a footer or teaser phrase of any language qc knows (``[footers]`` of
  ``qc/data/foreign.toml``: "Riproduzione riservata", "Leggi anche", "Lire aussi",
  "All rights reserved", …) or a copyright sign;
- is a row of items separated by ``|``, ``·`` or ``•`` (share buttons, breadcrumbs,
  reading-time widgets: "Partager sur Facebook | Tweeter");
- or is an agency or site tag of its own ("(ANSA)", "(Uniononline/L)").

Example::

    >>> is_chrome_line("© Riproduzione riservata"), is_chrome_line("Home | Politica | Esteri")
    (True, True)
    >>> is_chrome_line("Il governo ha approvato la manovra da 24 miliardi.")
    False
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from qc.lang.data import load_data
from qc.lang.shapes import agency_tag_parts

#: longest line, in words, that can be chrome (a footer, a widget row, a teaser)
MAX_WORDS: Final = 12

_SEPARATORS: Final = re.compile(r"\s[·•]\s|\s*\|\s*")


@cache
def _footer_phrases() -> tuple[str, ...]:
    return tuple(p.lower() for p in load_data("foreign")["footers"]["phrases"])


def is_chrome_line(line: str) -> bool:
    """Whether a source line is page chrome rather than article text (see the module)."""
    s = line.strip()
    if not s or len(s.split()) > MAX_WORDS:
        return False
    if "©" in s or agency_tag_parts(s) is not None:
        return True
    low = s.lower()
    if any(p in low for p in _footer_phrases()):
        return True
    # a row of two or more short items ("Partager sur Facebook | Tweeter")
    items = [i for i in _SEPARATORS.split(s) if i.strip()]
    return len(items) >= 2 and all(len(i.split()) <= 5 for i in items)
