"""The fast sentence splitter of the cross-lingual checks: exact offsets, abbreviations, German ordinals."""

from __future__ import annotations

from qc.lang.sentences import fast_sentences


def test_abbreviations_and_initials_do_not_end_english_sentences() -> None:
    text = "Dr. Smith met Mr. Jones in the U.S. on Sept. 4. They agreed. Prices rose 2.5%. Fine."
    assert [s.text for s in fast_sentences(text, "en")] == [
        "Dr. Smith met Mr. Jones in the U.S. on Sept. 4.",
        "They agreed.",
        "Prices rose 2.5%.",
        "Fine.",
    ]


def test_german_ordinals_and_dates_stay_in_their_sentence() -> None:
    text = "Am 24. Dezember kam er. Die 2. Bundesliga spielt z. B. heute."
    assert [s.text for s in fast_sentences(text, "de")] == [
        "Am 24. Dezember kam er.",
        "Die 2. Bundesliga spielt z. B. heute.",
    ]


def test_sentences_never_cross_lines_and_offsets_are_exact() -> None:
    text = "  Er sagte: „Ja.“ Dann ging er!\n\nNeu? Ja.\r\nEnde ohne Punkt"
    spans = fast_sentences(text, "de")
    assert [s.text for s in spans] == ["Er sagte: „Ja.“", "Dann ging er!", "Neu?", "Ja.", "Ende ohne Punkt"]
    assert all(text[s.start : s.end] == s.text for s in spans)
