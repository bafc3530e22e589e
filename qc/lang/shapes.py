"""Shape rules for strings that defeat language ID: URL slugs and agency tags.

Example::

    >>> is_slug("toi-allgemeines"), is_slug("Kim Jong-un")
    (True, False)
    >>> agency_tag_parts("(Uniononline/L)")
    ['Uniononline', 'L']
"""

from __future__ import annotations

import re

# lower-case words joined by hyphens/underscores, no spaces: "kim-jong-un-to-travel", "toi-allgemeines"
_SLUG = re.compile(r"[a-z0-9äöüß]+(?:[-_][a-z0-9äöüß]+)+")
# a parenthesised tag: "(ANSA)", "(dpa/AFP)", "(Uniononline/L)", "(dpa/lni)"
_PART = r"[\w.&\-]+(?: [\w.&\-]+){0,2}"  # one name of up to three words
_TAG = re.compile(rf"\(\s*((?=[A-Za-zÀ-ÿ]){_PART}(?:\s*/\s*{_PART})*)\s*\)")
#: a tag at the end of a line, after the last sentence: "… Land. (Uniononline/L)"
TRAILING_TAG = re.compile(r"(?<=[.!?“\"»])[ \t]*" + _TAG.pattern + r"[ \t]*$")


def is_slug(text: str) -> bool:
    """A whole string shaped like a URL slug or category key (at least one joiner, a letter)."""
    return bool(_SLUG.fullmatch(text)) and any(c.isalpha() for c in text)


def slug_words(text: str) -> str:
    """The slug as words, for language evidence: ``"kim-jong-un"`` -> ``"kim jong un"``."""
    return re.sub(r"[-_]+", " ", text)


def agency_tag_parts(text: str) -> list[str] | None:
    """The slash-separated parts of a whole-string agency tag, or None."""
    m = _TAG.fullmatch(text.strip().rstrip(".,;"))
    if not m:
        return None
    return [p.strip() for p in m.group(1).split("/")]
