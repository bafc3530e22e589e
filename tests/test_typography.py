"""Typography: spacing/punctuation faults, symbol runs, mojibake, unbalanced quotes.

Correct German typography (gender colon, „…“, suspended hyphens, z. B.) is left alone.
"""

from __future__ import annotations

import pytest
from _seedkit import flagged, gold, negatives, overlapping, run, seed_names, seed_text

from qc.model import Finding
from qc.repair import apply_repairs


def typo(text: str, **options: object) -> list[Finding]:
    return flagged(run("typography", text, **options))


def fixed(text: str, **options: object) -> str:
    return apply_repairs(text, run("typography", text, **options))


@pytest.mark.parametrize("item", gold("typography"), ids=lambda g: g["match"])
def test_seed_space_before_full_stop_is_flagged_and_repaired_exactly(item: dict) -> None:
    text = seed_text(item["doc"])
    found = overlapping(typo(text), item["start"], item["end"])
    assert len(found) == 1
    f = found[0]
    assert (f.category, f.severity) == ("typography", "minor")
    # the repair, applied alone, turns the gold span into the gold repair
    expected = text[: item["start"]] + item["repair"] + text[item["end"] :]
    assert apply_repairs(text, [f]) == expected


def test_repairing_the_seed_fixes_all_four_stops_and_nothing_else() -> None:
    text = seed_text("002_ec6ff0b1464700ef.txt")
    out = fixed(text)
    for item in gold("typography"):
        assert item["repair"] in out
    assert len(text) - len(out) == 4  # four spaces removed
    assert typo(out) == []


def test_seed_negatives_are_not_typography_errors() -> None:
    for neg in negatives():
        found = overlapping(typo(seed_text(neg["doc"])), neg["start"], neg["end"])
        assert found == [], (neg["match"], [f.text for f in found])


def test_seed_typography_findings_all_lie_inside_gold_spans() -> None:
    spans = {}
    for g in gold():
        spans.setdefault(g["doc"], []).append((g["start"], g["end"]))
    for name in seed_names():
        for f in typo(seed_text(name)):
            assert any(f.start < e and s < f.end for s, e in spans.get(name, [])), (name, f.text)


def test_gender_colon_is_not_a_typography_error() -> None:
    assert typo("Nach Meinung von Beobachter:innen und Expert:innen geht es um mehr.") == []


def test_suspended_hyphen_dates_and_abbreviations_are_correct_german() -> None:
    text = "Die 122- und 152-Millimeter-Geschosse, z. B. am Montag (04.09.2023), d. h. bald."
    assert typo(text) == []


def test_times_scores_ellipses_and_dashes_are_left_alone() -> None:
    assert typo("Um 12:30 Uhr stand es 3 : 1. Er zögerte … dann – nach einer Pause – ging er …") == []


def test_emoticons_are_not_spaces_before_punctuation() -> None:
    assert typo("Danke für die Hilfe :) Bis bald ;)") == []


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("Das hat er bestätigt , sagte sie.", "Das hat er bestätigt, sagte sie."),
        ("Wie geht es weiter ?", "Wie geht es weiter?"),
        ("Es gibt drei Gründe : Geld, Macht und Zeit.", "Es gibt drei Gründe: Geld, Macht und Zeit."),
        ("Seit 2019 .", "Seit 2019."),
        ("„Wir machen weiter .“", "„Wir machen weiter.“"),
        ("Er sagte „Nein“ .", "Er sagte „Nein“."),
    ],
)
def test_space_before_punctuation_is_removed(text: str, repaired: str) -> None:
    found = typo(text)
    assert len(found) == 1 and found[0].category == "typography"
    assert fixed(text) == repaired


def test_space_before_punctuation_span_starts_at_the_word_before() -> None:
    [f] = typo("Die Raketen kamen an .")
    assert f.text == "an ."


def test_spaces_inside_german_quotes_are_removed() -> None:
    assert fixed("Er sagte: „ Wir kommen wieder “, und ging.") == "Er sagte: „Wir kommen wieder“, und ging."


def test_english_style_opening_quote_is_not_a_space_before_closing_quote() -> None:
    assert typo("Er nannte es “Business as usual” und ging.") == []


def test_several_spaces_between_words_become_one() -> None:
    text = "Der Zug fuhr  langsam   nach Norden."
    assert [f.text for f in typo(text)] == ["  ", "   "]
    assert fixed(text) == "Der Zug fuhr langsam nach Norden."


def test_indentation_and_blank_lines_are_not_double_spaces() -> None:
    assert typo("  Eingerückter Absatz.\n\n\nNächster Absatz.") == []


def test_stray_arrow_run_is_deleted_with_one_space() -> None:
    text = "Vorlesen lassen? ↑↑⇑⇑↑↑ | Lesedauer 3 Minuten"
    [f] = typo(text)
    assert f.text == "↑↑⇑⇑↑↑"
    assert fixed(text) == "Vorlesen lassen? | Lesedauer 3 Minuten"


def test_repeated_symbol_separator_is_stray() -> None:
    assert [f.text for f in typo("Ende des Textes *****")] == ["*****"]


def test_single_bullet_symbol_and_short_dash_rules_are_left_alone() -> None:
    assert typo("► Lesen Sie auch: Kim in Wladiwostok\n---\nText.") == []


def test_mojibake_word_is_repaired_with_its_intended_letters() -> None:
    text = "Kim auf dem Weg zu GesprÃ¤chen mit Putin Ã¼ber Waffen."
    found = typo(text)
    assert {f.category for f in found} == {"mojibake"}
    assert [f.text for f in found] == ["GesprÃ¤chen", "Ã¼ber"]
    assert fixed(text) == "Kim auf dem Weg zu Gesprächen mit Putin über Waffen."


def test_mojibake_quotes_are_repaired() -> None:
    assert fixed("Er sagte â€žJaâ€œ und ging.") == "Er sagte „Ja“ und ging."


def test_mojibake_severity_is_configurable() -> None:
    [f] = typo("GesprÃ¤che", mojibake_severity="major")
    assert f.severity == "major"


def test_correct_accented_text_is_not_mojibake() -> None:
    assert typo("Die Âme-Stiftung in Besançon half Müller, Ørsted und Françoise.") == []


def test_unclosed_german_quote_is_flagged_without_a_repair() -> None:
    [f] = typo("Er sagte: „Wir kommen wieder. Dann ging er.")
    assert f.text == "„Wir" and f.repairs == ()


def test_stray_closing_quote_is_flagged() -> None:
    assert [f.text for f in typo("Er ging nach Hause.” Dann kam sie.")] == ["”"]


def test_balanced_quotes_of_every_style_are_left_alone() -> None:
    text = 'Sie lasen „New York Times“ und „Washington Post“, »Die Zeit«, “Le Monde” und "Bild".'
    assert typo(text) == []


def test_quotation_continued_in_the_next_paragraph_is_not_unbalanced() -> None:
    text = "„Wir kommen wieder.\n\n„Und dann reden wir weiter“, sagte er."
    assert typo(text) == []


def test_quotation_over_several_lines_of_one_paragraph_is_balanced() -> None:
    assert typo("Er sagte: „Wir kommen wieder.\nDann reden wir weiter.“\n\nEnde.") == []


def test_inch_marks_are_not_quotes() -> None:
    assert typo('Ein 16" Bildschirm und ein 27" Monitor.') == []


def test_checks_can_be_switched_off_one_by_one() -> None:
    text = "Der Zug fuhr  langsam ."
    assert typo(text, space_before_punctuation=False, double_spaces=False) == []
