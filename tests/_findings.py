"""Building findings by hand for tests of merge, repair and reports."""

from __future__ import annotations

from qc.model import Finding, Repair


def span_finding(
    text: str,
    start: int,
    end: int,
    *,
    category: str = "boilerplate",
    severity: str = "major",
    replacement: str | None = None,
    confidence: float = 0.9,
    message: str = "m",
) -> Finding:
    """A finding on ``text[start:end]``, with one repair when ``replacement`` is given."""
    repairs = [] if replacement is None else [Repair(start, end, replacement)]
    return Finding.at(
        text, start, end, category=category, severity=severity, message=message,
        confidence=confidence, detector="test", repairs=repairs,
    )
