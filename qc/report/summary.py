"""Batch summary and the helpers every renderer shares (positions, display-safe text, repairs).

>>> line_col("ab\\ncd", 4)
(2, 2)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from qc.model import Finding, Repair, Report

VERDICTS = ("pass", "review", "reject", "error")


def qc_version() -> str:
    try:
        return metadata.version("qc")
    except metadata.PackageNotFoundError:  # running from a checkout without installing
        return "0+unknown"


@dataclass
class Summary:
    """Counts over a batch of reports; ``add`` as reports stream by."""

    verdicts: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    findings: int = 0

    def add(self, report: Report) -> None:
        self.verdicts[report.verdict] += 1
        self.findings += len(report.findings)
        self.categories.update(f.category for f in report.findings if f.severity != "info")

    @property
    def documents(self) -> int:
        return sum(self.verdicts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            **{v: self.verdicts.get(v, 0) for v in VERDICTS},
            "findings": self.findings,
            "categories": dict(self.categories.most_common()),
        }


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of ``offset``; lines end at ``\\n``."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


# Control characters would move the terminal cursor or inject escape sequences:
# show them as Unicode "control pictures" (U+2400 block) instead.
_DISPLAY = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
_DISPLAY[0x7F] = 0x2421
_DISPLAY[0x0D] = 0x240D


def display_safe(text: str) -> str:
    """``text`` with control characters made visible (``\\x1b`` → ``␛``); tab and LF kept."""
    return text.translate(_DISPLAY)


#: characters of a source sentence shown beside a cross-lingual finding
SOURCE_CHARS = 200


def source_excerpt(f: Finding, limit: int = SOURCE_CHARS) -> str | None:
    """The source text a cross-lingual finding refers to (``evidence["source_text"]``: the
    aligned source sentence, or the omitted one), display-safe and clipped; None for others.

    >>> f = Finding.at("x", 0, 1, category="number", severity="major", message="m", confidence=1,
    ...                detector="crosslingual", evidence={"source_text": "58 people died."})
    >>> source_excerpt(f)
    '58 people died.'
    """
    src = f.evidence.get("source_text") if f.evidence else None
    if not isinstance(src, str) or not src.strip():
        return None
    src = " ".join(display_safe(src).split())
    return src if len(src) <= limit else src[: limit - 1].rstrip() + "…"


def best_repair(f: Finding) -> Repair | None:
    return max(f.repairs, key=lambda r: r.score) if f.repairs else None


def describe_repair(f: Finding, text: str | None = None) -> str:
    """The finding's best repair in words: ``delete``, ``→ “wird.”`` (the span as repaired) …

    >>> from qc.model import Repair
    >>> t = "treffen wird ."
    >>> f = Finding.at(t, 8, 14, category="typography", severity="minor", message="m", confidence=1,
    ...                detector="d", repairs=[Repair(12, 13, "")])
    >>> describe_repair(f)
    '→ “wird.”'
    """
    r = best_repair(f)
    if r is None:
        return ""
    if (r.start, r.end) == (f.start, f.end):
        return "delete" if r.replacement == "" else f"replace with “{r.replacement}”"
    if f.start <= r.start <= r.end <= f.end:
        a, b = r.start - f.start, r.end - f.start
        return f"→ “{f.text[:a]}{r.replacement}{f.text[b:]}”"
    if text is not None and 0 <= r.start <= r.end <= len(text):
        return f"replace “{text[r.start : r.end]}” with “{r.replacement}”"
    return f"replace {r.start}..{r.end} with “{r.replacement}”"
