"""Alignment-based checks: omission, addition, untranslated sentences and length ratio."""

from __future__ import annotations

from qc.model import Document
from qc.pipeline import Checker
from qc.xling.bitext import build_bitext
from qc.xling.check_coverage import check_coverage
from qc.xling.check_length import check_length
from qc.xling.check_untranslated import check_untranslated

SOURCE = (
    "The storm reached the coast on Monday.\n"
    "More than 20,000 homes lost power in Brittany.\n"
    "Schools stayed closed in 14 towns.\n"
    "The weather service expects calmer winds by Wednesday."
)
TARGET = (
    "Der Sturm erreichte am Montag die Küste.\n"
    "Mehr als 20.000 Haushalte in der Bretagne waren ohne Strom.\n"
    "In 14 Orten blieben die Schulen geschlossen.\n"
    "Der Wetterdienst erwartet bis Mittwoch ruhigeren Wind."
)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def test_faithful_translation_aligns_one_to_one_without_findings() -> None:
    bt = build_bitext(SOURCE, TARGET, "en")
    assert [(link.src, link.tgt) for link in bt.links] == [((i,), (i,)) for i in range(4)]
    assert check_coverage(bt, "crosslingual") == []
    assert check_length(bt, "crosslingual") == []
    assert check_untranslated(bt, "crosslingual")[0] == []


def test_deleted_sentence_is_a_zero_width_omission_with_its_source_in_evidence() -> None:
    lines = _lines(TARGET)
    del lines[1]
    target = "\n".join(lines)
    (f,) = check_coverage(build_bitext(SOURCE, target, "en"), "crosslingual")
    assert f.category == "omission" and f.start == f.end and f.text == target[f.start : f.end] == ""
    assert f.evidence["source_text"] == "More than 20,000 homes lost power in Brittany."


def test_inserted_sentence_is_an_addition_with_a_deletion_repair() -> None:
    lines = _lines(TARGET)
    lines.insert(2, "Lesen Sie auch: Die besten Rezepte für den Herbst und was Sie dazu brauchen.")
    target = "\n".join(lines)
    (f,) = check_coverage(build_bitext(SOURCE, target, "en"), "crosslingual")
    assert f.category == "addition" and f.text.startswith("Lesen Sie auch")
    assert f.repairs and f.repairs[0].replacement == ""


def test_split_sentence_is_a_one_to_two_link_not_an_addition() -> None:
    target = TARGET.replace(
        "Mehr als 20.000 Haushalte in der Bretagne waren ohne Strom.",
        "Mehr als 20.000 Haushalte waren ohne Strom. Das betraf vor allem die Bretagne.",
    )
    bt = build_bitext(SOURCE, target, "en")
    assert ((1,), (1, 2)) in [(link.src, link.tgt) for link in bt.links]
    assert check_coverage(bt, "crosslingual") == []


def test_sentence_left_in_english_is_untranslated() -> None:
    lines = _lines(TARGET)
    lines[3] = "The weather service expects calmer winds by Wednesday."
    target = "\n".join(lines)
    found, flagged = check_untranslated(build_bitext(SOURCE, target, "en"), "crosslingual")
    assert [f.category for f in found] == ["untranslated"] and flagged == {3}
    assert found[0].severity == "major"


def test_names_and_codes_identical_in_both_languages_are_not_untranslated() -> None:
    bt = build_bitext(
        "Press TV, #PRS_ORG#\nGo to COVID-19 portal.", "Press TV, #PRS_ORG#\nGehen Sie zum COVID-19-Portal."
    )
    assert check_untranslated(bt, "crosslingual")[0] == []


def test_half_translated_sentence_is_a_length_ratio_outlier() -> None:
    source = SOURCE.replace(
        "The weather service expects calmer winds by Wednesday.",
        "The weather service expects calmer winds by Wednesday, but warns that heavy rain will continue "
        "over the whole region, with flooding likely in low-lying areas near rivers.",
    )
    (f,) = check_length(build_bitext(source, TARGET, "en"), "crosslingual")
    assert (f.category, f.severity) == ("length-ratio", "minor")
    assert f.text == "Der Wetterdienst erwartet bis Mittwoch ruhigeren Wind."


def test_pipeline_findings_have_valid_spans() -> None:
    lines = _lines(TARGET)
    del lines[0]
    lines[1] = "In 41 Orten blieben die Schulen geschlossen."
    target = "\n".join(lines)
    report = Checker(use_lm=False).check(Document("d", target, source=SOURCE))
    cats = {f.category for f in report.findings if f.detector == "crosslingual"}
    assert {"omission", "number"} <= cats
    for f in report.findings:
        assert target[f.start : f.end] == f.text
