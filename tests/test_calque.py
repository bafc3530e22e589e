"""Calque rules (qc/data/calque.toml): each rule's own examples, and the seed calques."""

from __future__ import annotations

import pytest

from qc.detectors.calque import calque_rules
from qc.pipeline import check_text
from tests._seedkit import flagged, gold, run, seed_text

RULES = calque_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.idiom for r in RULES])
def test_each_rule_matches_its_flagged_examples_and_not_its_clean_ones(rule) -> None:
    for text in rule.flags:
        assert rule.pattern.search(text) and (not rule.requires or rule.requires in text), text
    for text in rule.clean:
        assert not (rule.pattern.search(text) and (not rule.requires or rule.requires in text)), text


@pytest.mark.parametrize("item", gold("calque"), ids=[g["match"] for g in gold("calque")])
def test_seed_calques_are_found_with_the_gold_repair(item: dict) -> None:
    found = [
        f
        for f in flagged(run("calque", seed_text(item["doc"])))
        if f.start == item["start"] and f.end == item["end"]
    ]
    assert found and found[0].repairs[0].replacement == item["repair"]


def test_the_north_is_only_a_calque_when_the_text_is_about_north_korea() -> None:
    assert not check_text("Die Truppen zogen in den von Rebellen gehaltenen Norden.").findings
    dative = check_text("Nordkorea testet Raketen. Japan warnt vor dem atomar bewaffneten Norden.")
    assert [f.repairs[0].replacement for f in dative.findings] == ["dem atomar bewaffneten Nordkorea"]
    # accusative would need "das atomar bewaffnete Nordkorea": flagged, no automatic repair
    accusative = check_text("Nordkorea testet Raketen. Japan fürchtet den atomar bewaffneten Norden.")
    assert [(f.category, f.repairs) for f in accusative.findings] == [("calque", ())]


def test_a_year_after_von_or_bis_is_not_the_english_in_year() -> None:
    assert not check_text("Die Zahl stieg von 2010 bis 2019 stetig an.").findings
    assert [f.text for f in check_text("Die Wirtschaft wuchs in 2019 kräftig.").findings] == ["in 2019"]
