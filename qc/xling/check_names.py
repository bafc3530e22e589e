"""Names check: the names of a source sentence must appear in its aligned target.

German spellings are accepted through :mod:`qc.xling.names` (table, folding,
genitive/compound forms). A name that is absent but has a close target word
("Mokhber" → "Mokhbar") is reported on that word as a mangled name (major);
a name with no trace is reported on the target sentence (the translator may have
used a pronoun, hence the lower confidence).

Example::

    >>> from qc.xling.bitext import build_bitext
    >>> src, tgt = "Vladimir Putin met Mohammad Mokhber.", "Wladimir Putin traf Mohammad Mokhbar."
    >>> bt = build_bitext(src, tgt, "en")
    >>> [(f.text, f.category) for f in check_names(bt, "xling")]
    [('Mokhbar', 'name')]
"""

from __future__ import annotations

import re

from qc.model import Finding
from qc.xling.bitext import Bitext
from qc.xling.names import find_name

_WORD = re.compile(r"[^\W\d_]+")


def check_names(bt: Bitext, detector: str) -> list[Finding]:
    findings: list[Finding] = []
    text = bt.target
    for k, link in enumerate(bt.links):
        if not link.src or not link.tgt:
            continue
        s, e = bt.tgt_span(link.tgt)
        own = _WORD.findall(text, s, e)
        lo = bt.links[k - 1].tgt if k and bt.links[k - 1].tgt else link.tgt
        hi = bt.links[k + 1].tgt if k + 1 < len(bt.links) and bt.links[k + 1].tgt else link.tgt
        wide = _WORD.findall(text, bt.tgt[lo[0]].span.start, bt.tgt[hi[-1]].span.end)
        for name in (n for i in link.src for n in bt.src[i].names):
            if find_name(name.text, own, words=name.words).found:
                continue
            match = find_name(name.text, wide, words=name.words)
            if match.found:
                continue
            ev = {**bt.evidence(link.src), "source_name": name.text}
            near = re.search(rf"(?<!\w){re.escape(match.near)}(?!\w)", text[s:e]) if match.near else None
            if near is not None:
                findings.append(Finding.at(
                    text, s + near.start(), s + near.end(), category="name", severity="major",
                    confidence=0.8, detector=detector,
                    message=f"“{match.near}” looks like a misspelling of the source name “{name.text}”",
                    evidence={**ev, "similarity": match.similarity},
                ))
            else:
                multi = len(name.words) > 1
                findings.append(Finding.at(
                    text, s, e, category="name", severity="major" if multi else "minor",
                    confidence=0.7 if multi else 0.6, detector=detector,
                    message=f"the source name “{name.text}” does not appear in the translation",
                    evidence=ev,
                ))
    return findings
