"""Helpers for detector tests over the seed articles (fixtures/seeds)."""

from __future__ import annotations

import json
from pathlib import Path

from qc.detectors import REGISTRY
from qc.model import Document, Finding
from qc.repair import apply_repairs
from qc.segment import Segmentation

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def seed_text(name: str) -> str:
    return (SEEDS / name).read_bytes().decode("utf-8")


def _jsonl(name: str) -> list[dict]:
    return [json.loads(x) for x in (SEEDS / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def gold(category: str | None = None) -> list[dict]:
    return [g for g in _jsonl("gold.jsonl") if category is None or g["category"] == category]


def negatives() -> list[dict]:
    return _jsonl("negatives.jsonl")


def run(name: str, text: str, **options: object) -> list[Finding]:
    return REGISTRY[name](dict(options)).detect(Document(id="t", text=text), Segmentation(text))


def flagged(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity in ("major", "minor")]


def overlapping(findings: list[Finding], start: int, end: int) -> list[Finding]:
    return [f for f in findings if f.start < end and start < f.end]


def seed_names() -> list[str]:
    return sorted(p.name for p in SEEDS.glob("*.txt"))


def repaired(name: str, text: str) -> str:
    return apply_repairs(text, run(name, text))
