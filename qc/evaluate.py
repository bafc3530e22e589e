"""Score findings against gold annotations in the seeds' format (span overlap).

Gold records: ``{"doc", "match", "start", "end", "category", "severity", "repair", ...}``;
negatives: ``{"doc", "match", "start", "end"}``. A gold item counts as found when a
major/minor finding overlaps its span; a finding is a true positive when it overlaps
a gold item (of any category: categories are reported separately below).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qc.model import Report

FLAGGING = ("major", "minor")


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def doc_key(doc_id: str) -> str:
    """Gold uses file names; reports use the path as given. Compare by base name."""
    return Path(doc_id).name


@dataclass
class CategoryScore:
    tp_gold: int = 0
    gold: int = 0
    tp_pred: int = 0
    pred: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    categories: dict[str, CategoryScore] = field(default_factory=lambda: defaultdict(CategoryScore))
    missed: list[dict[str, Any]] = field(default_factory=list)
    extra: list[dict[str, Any]] = field(default_factory=list)
    negatives_flagged: list[dict[str, Any]] = field(default_factory=list)
    negatives_total: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "categories": {
                c: {
                    "precision": round(s.precision, 3),
                    "recall": round(s.recall, 3),
                    "f1": round(s.f1, 3),
                    "gold": s.gold,
                    "found": s.tp_gold,
                    "predicted": s.pred,
                }
                for c, s in sorted(self.categories.items())
            },
            "missed": self.missed,
            "extra_findings": self.extra,
            "negatives_flagged": self.negatives_flagged,
            "negatives_total": self.negatives_total,
        }


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate(
    reports: list[Report],
    gold: list[dict[str, Any]],
    negatives: list[dict[str, Any]] | None = None,
) -> Evaluation:
    ev = Evaluation()
    by_doc = {doc_key(r.id): r for r in reports}
    gold_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        gold_by_doc[doc_key(g["doc"])].append(g)
    for key, report in by_doc.items():
        flagged = [f for f in report.findings if f.severity in FLAGGING]
        items = gold_by_doc.get(key, [])
        for g in items:
            if g.get("severity") not in FLAGGING:
                continue
            cat = ev.categories[g["category"]]
            cat.gold += 1
            if any(_overlap(f.start, f.end, g["start"], g["end"]) for f in flagged):
                cat.tp_gold += 1
            else:
                ev.missed.append({"doc": key, "match": g["match"], "category": g["category"]})
        for f in flagged:
            cat = ev.categories[f.category]
            cat.pred += 1
            if any(_overlap(f.start, f.end, g["start"], g["end"]) for g in items):
                cat.tp_pred += 1
            else:
                ev.extra.append({"doc": key, "text": f.text, "category": f.category, "severity": f.severity,
                                 "detector": f.detector})
    for n in negatives or []:
        report = by_doc.get(doc_key(n["doc"]))
        if report is None:
            continue
        ev.negatives_total += 1
        for f in report.findings:
            if f.severity in FLAGGING and _overlap(f.start, f.end, n["start"], n["end"]):
                ev.negatives_flagged.append({"doc": doc_key(n["doc"]), "match": n["match"], "finding": f.text,
                                             "category": f.category, "detector": f.detector})
    return ev
