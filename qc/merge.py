"""Merge findings from all detectors: drop exact duplicates and contained same-category findings.

Findings of different categories may overlap (a boilerplate line can also hold a
typography fault); the repair engine picks non-overlapping repairs later.
"""

from __future__ import annotations

from qc.model import SEVERITY_RANK, Finding


def priority(f: Finding) -> tuple[int, float, int]:
    """Higher is more important: severity, then confidence, then longer span."""
    return (SEVERITY_RANK[f.severity], f.confidence, f.end - f.start)


def merge_findings(findings: list[Finding]) -> list[Finding]:
    kept: list[Finding] = []
    for f in sorted(findings, key=priority, reverse=True):
        if any(
            k.category == f.category and k.start <= f.start and f.end <= k.end
            for k in kept
        ):
            continue
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.category))
