"""Omission and addition: sentences on one side with no counterpart on the other.

The aligner's 1-0 links are omissions and 0-1 links additions. Before reporting,
a null link is checked against its neighbours: when the neighbouring aligned
target is longer than its own source explains by about the missing sentence's
length (three sentences merged into one), the content is there and nothing is
reported. An omission has no target text, so its finding is zero-width at the
gap (``text[start:end] == ""``) and the source sentence is in ``evidence``.

Example::

    >>> from qc.xling.bitext import build_bitext
    >>> bt = build_bitext("It rained. The 3 roads to Bern were closed. Schools opened.",
    ...                   "Es regnete. Die Schulen öffneten.", "en")
    >>> [(f.category, f.start, f.end) for f in check_coverage(bt, "xling")]
    [('omission', 11, 11)]
"""

from __future__ import annotations

from qc.model import Finding, Repair
from qc.xling.align import Link
from qc.xling.bitext import Bitext
from qc.xling.source_chrome import is_chrome_line


def _groups(links: list[Link], side: str) -> list[tuple[int, int]]:
    """Runs [a, b) of consecutive null links whose other side is empty."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(links):
        if _is_null(links[k], side):
            a = k
            while k < len(links) and _is_null(links[k], side):
                k += 1
            runs.append((a, k))
        else:
            k += 1
    return runs


def _is_null(link: Link, side: str) -> bool:
    return bool(link.src) and not link.tgt if side == "omission" else bool(link.tgt) and not link.src


def _ratio(bt: Bitext) -> float:
    ls = sum(bt.src_chars) or 1
    lt = sum(bt.tgt_chars) or 1
    return min(1.6, max(0.8, lt / ls))


def _absorbed(bt: Bitext, link: Link | None, missing: int, side: str, ratio: float) -> bool:
    """Whether a neighbour link is long enough on the other side to contain ``missing`` characters."""
    if link is None or not link.src or not link.tgt:
        return False
    ls, lt = bt.chars(link)
    if side == "omission":
        return lt - ratio * ls >= 0.9 * ratio * missing
    return ratio * ls - lt >= 0.9 * missing


def _on_chrome_line(bt: Bitext, i: int) -> bool:
    """Whether source sentence ``i`` lies on a line of page chrome (:mod:`qc.xling.source_chrome`)."""
    start, end = bt.src[i].start, bt.src[i].end
    a = bt.source.rfind("\n", 0, start) + 1
    b = bt.source.find("\n", end)
    return is_chrome_line(bt.source[a : b if b >= 0 else len(bt.source)])


def check_coverage(bt: Bitext, detector: str, *, omission: bool = True, addition: bool = True,
                   skip_targets: frozenset[int] = frozenset(),
                   skip_source_chrome: bool = False) -> list[Finding]:
    """Omission and addition findings; ``skip_source_chrome`` leaves out source sentences on lines
    of page chrome (share buttons, footers, teasers), which a translation rightly drops."""
    findings: list[Finding] = []
    if all(link.src and link.tgt for link in bt.links):
        return findings  # every link pairs sentences: nothing omitted or added (the usual case)
    ratio = _ratio(bt)
    text = bt.target
    for side in ("omission", "addition"):
        if (side == "omission" and not omission) or (side == "addition" and not addition):
            continue
        for a, b in _groups(bt.links, side):
            prev = bt.links[a - 1] if a else None
            nxt = bt.links[b] if b < len(bt.links) else None
            if side == "omission":
                ids = tuple(i for link in bt.links[a:b] for i in link.src)
                if skip_source_chrome:
                    ids = tuple(i for i in ids if not _on_chrome_line(bt, i))
                    if not ids:
                        continue
                length = sum(bt.src_chars[i] for i in ids)
                if _absorbed(bt, prev, length, side, ratio) or _absorbed(bt, nxt, length, side, ratio):
                    continue
                pos = bt.tgt[prev.tgt[-1]].end if prev and prev.tgt else (
                    bt.tgt[nxt.tgt[0]].start if nxt and nxt.tgt else 0)
                major = length >= 25
                findings.append(Finding.at(
                    text, pos, pos, category="omission", severity="major" if major else "minor",
                    confidence=0.8 if major else 0.5, detector=detector,
                    message=f"{len(ids)} source sentence(s) have no counterpart in the translation here",
                    evidence=bt.evidence(ids),
                ))
            else:
                ids = tuple(j for link in bt.links[a:b] for j in link.tgt if j not in skip_targets)
                if not ids:
                    continue
                length = sum(bt.tgt_chars[j] for j in ids)
                if _absorbed(bt, prev, length, side, ratio) or _absorbed(bt, nxt, length, side, ratio):
                    continue
                major = length >= 25
                for j in ids:
                    s, e = bt.tgt[j].start, bt.tgt[j].end
                    findings.append(Finding.at(
                        text, s, e, category="addition", severity="major" if major else "minor",
                        confidence=0.75 if major else 0.5, detector=detector,
                        message="this sentence has no counterpart in the source text",
                        repairs=[Repair(s, e, "", 0.5)],
                    ))
    return findings
