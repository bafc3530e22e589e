"""Foreign-language lines, source tags, slugs and untranslated English phrases."""

from __future__ import annotations

import pytest
from _seedkit import flagged, gold, negatives, overlapping, repaired, run, seed_names, seed_text

from qc.lang.evidence import foreign_verdict


@pytest.mark.parametrize("item", gold("foreign-language"), ids=lambda g: g["match"][:30])
def test_seed_foreign_lines_are_major_deletions(item: dict) -> None:
    found = overlapping(flagged(run("foreign", seed_text(item["doc"]))), item["start"], item["end"])
    assert [f.category for f in found] == ["foreign-language"]
    assert found[0].severity == "major"
    assert (found[0].start, found[0].end) == (item["start"], item["end"])
    assert [r.replacement for r in found[0].repairs] == [""]


def test_untranslated_event_name_is_reported_as_info_by_default() -> None:
    (item,) = gold("untranslated")
    found = overlapping(run("foreign", seed_text(item["doc"])), item["start"], item["end"])
    assert [(f.category, f.severity, f.text) for f in found] == [("untranslated", "info", item["match"])]


def test_untranslated_phrases_can_be_promoted_to_minor() -> None:
    (item,) = gold("untranslated")
    found = overlapping(flagged(run("foreign", seed_text(item["doc"]), phrase_severity="minor")),
                        item["start"], item["end"])
    assert [(f.category, f.severity) for f in found] == [("untranslated", "minor")]


def test_no_seed_negative_is_flagged() -> None:
    for neg in negatives():
        found = overlapping(flagged(run("foreign", seed_text(neg["doc"]))), neg["start"], neg["end"])
        assert not found, (neg["match"], [f.text for f in found])


def test_english_press_names_in_german_sentences_are_not_foreign() -> None:
    text = "Das berichteten die New York Times, die Washington Post und Associated Press am Montag."
    assert flagged(run("foreign", text)) == []


@pytest.mark.parametrize("name", seed_names())
def test_repair_removes_the_foreign_lines_and_a_recheck_finds_none(name: str) -> None:
    text = repaired("foreign", seed_text(name))
    assert not [f for f in run("foreign", text) if f.repairs]


def test_english_sentence_inside_german_paragraph_is_untranslated() -> None:
    text = ("Der Gipfel beginnt am Dienstag. The leaders will discuss arms deals and food aid. "
            "Danach reist er ab.")
    found = flagged(run("foreign", text))
    assert [(f.category, f.text) for f in found] == [
        ("untranslated", "The leaders will discuss arms deals and food aid.")
    ]


@pytest.mark.parametrize("line", [
    "Leia também: Governo aprova orçamento", "Alle rechten voorbehouden", "Lees ook: de begroting",
    "Czytaj także: budżet", "(Lusa)",
])
def test_footers_and_tags_of_portuguese_dutch_and_polish_pages_are_foreign(line: str) -> None:
    text = "Die Regierung hat am Dienstag den Haushalt vorgestellt.\n\n" + line
    found = flagged(run("foreign", text))
    assert [(f.category, f.severity, f.text) for f in found] == [("foreign-language", "major", line)]


def test_german_wire_credit_tag_is_not_foreign() -> None:
    assert flagged(run("foreign", "Kim reist nach Russland.\n\n(dpa/lni)")) == []


def test_foreign_agency_tag_from_the_data_file_is_flagged() -> None:
    found = flagged(run("foreign", "Kim reist nach Russland.\n\n(ANSA)"))
    assert [f.text for f in found] == ["(ANSA)"]


def test_phrase_rule_can_be_switched_off() -> None:
    text = "Putin spricht heute beim Eastern Economic Forum in Wladiwostok."
    assert run("foreign", text, untranslated_phrases=False) == []


def test_short_german_lines_are_not_foreign_by_word_evidence() -> None:
    for line in ("Anzeige", "Quelle: Agenturen", "Liefert Kim Putin Waffen?", "Gustav Knudsen | Reflexivum"):
        assert not foreign_verdict(line).is_foreign, line


def test_short_italian_and_spanish_lines_are_foreign() -> None:
    assert foreign_verdict("Riproduzione riservata").lang == "it"
    assert foreign_verdict("Todos los derechos reservados").lang == "es"


def test_unknown_phrase_severity_is_rejected() -> None:
    with pytest.raises(ValueError, match="phrase_severity"):
        run("foreign", "Text.", phrase_severity="huge")


def test_english_fragment_without_punctuation_before_it_is_found() -> None:
    text = ("Sie könnte die nächste große Kryptowährung sein "
            "Many are kicking themselves for missing out on such gains.")
    found = flagged(run("foreign", text))
    assert [(f.category, f.severity) for f in found] == [("untranslated", "major")]
    assert found[0].text.startswith("Many are kicking") and found[0].text.endswith("gains.")


def test_quoted_english_words_are_a_minor_fragment() -> None:
    text = "Er schrieb „when the looting starts, the shooting starts“ und löschte es."
    found = flagged(run("foreign", text))
    assert [(f.category, f.severity) for f in found] == [("untranslated", "minor")]


def test_title_case_english_name_is_not_an_untranslated_sentence() -> None:
    text = "Die Centers for Disease Control and Prevention empfehlen eine Auffrischung."
    assert flagged(run("foreign", text)) == []
