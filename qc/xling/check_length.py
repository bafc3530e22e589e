"""Length ratio: aligned pairs whose lengths disagree far beyond normal translation variation.

The expected target length is the source length times the document's own
target/source ratio; pairs outside ``[min_ratio, max_ratio]`` of that, with a
source of at least ``min_chars`` characters, are reported (minor): often a
half-translated or truncated sentence.

Example::

    >>> from qc.xling.bitext import build_bitext
    >>> src = "The ministry said that new infections fell sharply over the past week in all regions."
    >>> bt = build_bitext(src, "Das Ministerium sagte.", "en")
    >>> [f.category for f in check_length(bt, "xling")]
    ['length-ratio']
"""

from __future__ import annotations

from qc.model import Finding
from qc.xling.bitext import Bitext


def check_length(bt: Bitext, detector: str, *, min_ratio: float = 0.45, max_ratio: float = 2.2,
                 min_chars: int = 50) -> list[Finding]:
    findings: list[Finding] = []
    ls_all = sum(bt.src_chars) or 1
    lt_all = sum(bt.tgt_chars) or 1
    doc_ratio = min(1.6, max(0.8, lt_all / ls_all))
    for link in bt.links:
        if not link.src or not link.tgt:
            continue
        ls, lt = bt.chars(link)
        if ls < min_chars and lt < min_chars * doc_ratio:
            continue
        r = lt / (doc_ratio * ls)
        if min_ratio <= r <= max_ratio:
            continue
        s, e = bt.tgt_span(link.tgt)
        what = "much shorter" if r < min_ratio else "much longer"
        findings.append(Finding.at(
            bt.target, s, e, category="length-ratio", severity="minor", confidence=0.5, detector=detector,
            message=f"the translation is {what} than its source (ratio {r:.2f} of the usual)",
            evidence={**bt.evidence(link.src), "ratio": round(r, 2)},
        ))
    return findings
