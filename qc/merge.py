"""Merge findings from all detectors.

Two rules, applied in priority order (severity, confidence, span length):

* a finding inside a kept finding of the same category is a duplicate and dropped;
* a finding inside a kept *major* finding whose best repair deletes that span is moot
  (a typography fault or a word-order guess inside a boilerplate line that goes away) and
  dropped, so editors see one finding per artifact.

Other overlaps between categories stay (e.g. a spelling slip in a sentence that also has a
word-order problem); the repair engine picks non-overlapping repairs later.
"""

from __future__ import annotations

from qc.model import SEVERITY_RANK, Finding


def priority(f: Finding) -> tuple[int, float, int]:
    """Higher is more important: severity, then confidence, then longer span."""
    return (SEVERITY_RANK[f.severity], f.confidence, f.end - f.start)


def _deletes_span(f: Finding) -> bool:
    if f.severity != "major" or not f.repairs:
        return False
    best = max(f.repairs, key=lambda r: r.score)
    return best.replacement == "" and best.start <= f.start and f.end <= best.end


def _covered(f: Finding, k: Finding) -> bool:
    return k.start <= f.start and f.end <= k.end and (k.category == f.category or _deletes_span(k))


def merge_findings(findings: list[Finding]) -> list[Finding]:
    """E.g. an arrow run flagged by typography inside a deleted read-aloud widget line is dropped."""
    kept: list[Finding] = []
    for f in sorted(findings, key=priority, reverse=True):
        if any(_covered(f, k) for k in kept):
            continue
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.category))
