"""The data model: documents in, findings with exact spans and repairs, reports out.

All offsets are code-point offsets into ``Document.text`` exactly as decoded
(Python ``str`` indices, no normalisation), so ``text[f.start:f.end] == f.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["major", "minor", "info"]
Verdict = Literal["pass", "review", "reject", "error"]

SEVERITIES: tuple[Severity, ...] = ("major", "minor", "info")
SEVERITY_RANK: dict[str, int] = {"major": 2, "minor": 1, "info": 0}

#: Categories of findings. The first ten are those of the seed gold annotations;
#: the others are finer or cross-lingual categories, documented in the README.
CATEGORIES: dict[str, str] = {
    "foreign-language": "a line or fragment in another language (footers, agency tags, URL slugs)",
    "boilerplate": "web page chrome: widgets, ads, teasers, another page's byline",
    "metadata-leak": "date/id/category fields or slugs leaked into the body",
    "duplicate": "a line repeating the headline or another line",
    "word-order": "scrambled word order, e.g. a verb moved inside a name",
    "typography": "spacing and punctuation faults, stray symbol runs",
    "spelling": "unknown or misspelled words",
    "calque": "a literal rendering of a source-language idiom",
    "untranslated": "a source-language phrase or sentence left untranslated",
    "attribution": "source/agency lines that belong in metadata",
    "grammar": "inflection or agreement slips found by the fluency scorer",
    "mojibake": "text decoded with the wrong encoding",
    "number": "a number, amount or date that differs from the source",
    "name": "a name of the source missing or mangled in the target",
    "omission": "a source sentence with no counterpart in the target",
    "addition": "a target sentence with no counterpart in the source",
    "length-ratio": "an aligned pair whose lengths disagree strongly",
    "input": "the document could not be read as text",
}


@dataclass(frozen=True, slots=True)
class Repair:
    """Replace ``text[start:end]`` with ``replacement`` (``""`` deletes)."""

    start: int
    end: int
    replacement: str
    score: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Finding:
    """One artifact found in a document, with its exact span and suggested repairs."""

    category: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    confidence: float
    detector: str
    evidence: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    repairs: tuple[Repair, ...] = ()

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        if self.severity not in SEVERITY_RANK:
            raise ValueError(f"unknown severity {self.severity!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside 0..1")

    @classmethod
    def at(
        cls,
        text: str,
        start: int,
        end: int,
        *,
        category: str,
        severity: Severity,
        message: str,
        confidence: float,
        detector: str,
        repairs: tuple[Repair, ...] | list[Repair] = (),
        evidence: dict[str, Any] | None = None,
    ) -> Finding:
        """Build a finding whose ``text`` is cut from the document text itself."""
        return cls(
            category=category,
            severity=severity,
            start=start,
            end=end,
            text=text[start:end],
            message=message,
            confidence=round(min(1.0, max(0.0, confidence)), 4),
            detector=detector,
            evidence=evidence or {},
            repairs=tuple(repairs),
        )

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def to_dict(self, *, with_evidence: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "category": self.category,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "confidence": self.confidence,
            "detector": self.detector,
            "repairs": [r.to_dict() for r in self.repairs],
        }
        if with_evidence:
            out["evidence"] = self.evidence
        return out


@dataclass(slots=True)
class Document:
    """A text to check. ``source`` is the original the text was translated from, if known."""

    id: str
    text: str
    source: str | None = None
    source_lang: str | None = None
    reference: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    #: set by readers when the input could not be decoded/parsed; such documents
    #: produce an error report instead of findings.
    error: str | None = None


@dataclass(slots=True)
class SentenceScore:
    """Fluency of one sentence: mean negative log-likelihood per token (nats)."""

    start: int
    end: int
    nll_per_token: float
    tokens: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "nll_per_token": round(self.nll_per_token, 4),
            "tokens": self.tokens,
        }


@dataclass(slots=True)
class Report:
    id: str
    score: float
    verdict: Verdict
    findings: list[Finding]
    repaired: str
    text: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    sentence_scores: list[SentenceScore] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, *, with_evidence: bool = False) -> dict[str, Any]:
        """The JSONL schema documented in the README."""
        out: dict[str, Any] = {
            "id": self.id,
            "score": self.score,
            "verdict": self.verdict,
            "findings": [f.to_dict(with_evidence=with_evidence) for f in self.findings],
            "repaired": self.repaired,
        }
        if self.error is not None:
            out["error"] = self.error
        if with_evidence:
            out["timings"] = self.timings
            out["sentence_scores"] = [s.to_dict() for s in self.sentence_scores]
            out.update(self.extra)
        return out
