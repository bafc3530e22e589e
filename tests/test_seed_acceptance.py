"""Acceptance of "qc check" on the five seed articles, heuristics only, compared with gold.

- every major gold item other than word-order is flagged by an overlapping major/minor finding;
- every typography gold item is flagged;
- no major/minor finding overlaps a negative span;
- the repaired text is exactly the text with those gold repairs applied (line deletions remove
  their line), plus nothing else but the gold spelling and calque repairs;
- at most 3 other major/minor findings across the five articles.
"""

from __future__ import annotations

import pytest

from qc.evaluate import evaluate
from qc.model import Document, Finding, Repair
from qc.pipeline import Checker
from qc.repair import apply_repairs
from tests._seedkit import SEEDS, gold, negatives, seed_names, seed_text

HEURISTIC_MAJORS = [g for g in gold() if g["severity"] == "major" and g["category"] != "word-order"]
TYPOGRAPHY = gold("typography")
#: gold items whose repair the heuristics apply
REPAIRED = HEURISTIC_MAJORS + TYPOGRAPHY + gold("spelling") + gold("calque")


@pytest.fixture(scope="module")
def reports():
    checker = Checker(use_lm=False)
    return {
        name: checker.check(Document(id=str(SEEDS / name), text=seed_text(name))) for name in seed_names()
    }


def test_the_seed_gold_has_thirteen_heuristic_majors_and_four_typography_items() -> None:
    assert (len(HEURISTIC_MAJORS), len(TYPOGRAPHY)) == (13, 4)


@pytest.mark.parametrize(
    "item", HEURISTIC_MAJORS + TYPOGRAPHY, ids=lambda g: f"{g['category']}:{g['match'][:30]}"
)
def test_gold_item_is_flagged(reports, item: dict) -> None:
    found = [
        f
        for f in reports[item["doc"]].findings
        if f.severity in ("major", "minor") and f.start < item["end"] and item["start"] < f.end
    ]
    assert found, f"missed {item['category']} {item['match']!r}"


def test_no_negative_is_flagged_and_few_extra_findings(reports) -> None:
    ev = evaluate(list(reports.values()), gold(), negatives())
    assert ev.negatives_flagged == []
    assert len(ev.extra) <= 3, ev.extra


@pytest.mark.parametrize("name", seed_names())
def test_repaired_text_is_the_gold_repaired_text(reports, name: str) -> None:
    text = seed_text(name)
    gold_findings = [
        Finding.at(
            text,
            g["start"],
            g["end"],
            category=g["category"],
            severity=g["severity"],
            message="gold",
            confidence=1.0,
            detector="gold",
            repairs=[Repair(g["start"], g["end"], g["repair"])],
        )
        for g in REPAIRED
        if g["doc"] == name
    ]
    assert reports[name].repaired == apply_repairs(text, gold_findings)


@pytest.mark.parametrize("name", seed_names())
def test_rechecking_the_repaired_text_finds_none_of_the_repaired_artifacts(reports, name: str) -> None:
    again = Checker(use_lm=False).check(Document(id=name, text=reports[name].repaired))
    repaired_categories = {g["category"] for g in REPAIRED}
    assert [
        f.text
        for f in again.findings
        if f.severity in ("major", "minor") and f.category in repaired_categories
    ] == []
