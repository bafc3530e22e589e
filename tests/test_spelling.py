"""Spelling: typos of German words are flagged with ranked suggestions; names, acronyms,
compounds, foreign words and addresses are left alone."""

from __future__ import annotations

import pytest
from _seedkit import flagged, gold, negatives, overlapping, run, seed_names, seed_text

from qc.detectors.spelling import SpellingDetector
from qc.lang.lexicon import LexiconUnavailable, edit_distance, find_dictionary
from qc.model import Finding
from qc.repair import apply_repairs


def spell(text: str, **options: object) -> list[Finding]:
    return flagged(run("spelling", text, **options))


@pytest.mark.parametrize(
    ("text", "typo", "best"),
    [
        ("Die Regirung tagte am Montag.", "Regirung", "Regierung"),
        ("Die Bundesregirung tagte am Montag.", "Bundesregirung", "Bundesregierung"),
        ("Das Treffen werde wärhend des Forums stattfinden.", "wärhend", "während"),
        ("Er hat mit Putin gesprochn.", "gesprochn", "gesprochen"),
        ("Das Gespräch fand in der Hauptstat statt.", "Hauptstat", "Hauptstadt"),
        ("Die Infizierten genasen rasch.", "genasen", "genesen"),
    ],
)
def test_typo_of_a_german_word_is_flagged_with_the_intended_word_first(
    text: str, typo: str, best: str
) -> None:
    [f] = spell(text)
    assert (f.category, f.severity, f.text) == ("spelling", "minor", typo)
    assert f.repairs[0].replacement == best
    assert text[f.start : f.end] == typo
    assert typo in f.message and best in f.message


def test_repairs_are_ranked_best_first_with_falling_scores() -> None:
    [f] = spell("Er sagte, das werde wärhend des Forums geschehen.")
    assert len(f.repairs) >= 2
    scores = [r.score for r in f.repairs]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]


def test_applying_the_best_repair_fixes_the_text() -> None:
    text = "Die Regirung tagte, wärhend Kim reiste."
    assert apply_repairs(text, run("spelling", text)) == "Die Regierung tagte, während Kim reiste."


def test_seed_articles_have_no_spurious_spelling_findings() -> None:
    spans = {}
    for g in gold():
        spans.setdefault(g["doc"], []).append((g["start"], g["end"]))
    extra = [
        (name, f.text)
        for name in seed_names()
        for f in spell(seed_text(name))
        if not any(f.start < e and s < f.end for s, e in spans.get(name, []))
    ]
    assert extra == []


def test_seed_negatives_are_not_spelling_errors() -> None:
    for neg in negatives():
        found = overlapping(spell(seed_text(neg["doc"])), neg["start"], neg["end"])
        assert found == [], (neg["match"], [f.text for f in found])


def test_gender_colon_word_is_not_a_spelling_error() -> None:
    assert spell("Nach Meinung von Beobachter:innen, Lehrer*innen und BürgerInnen geht es um mehr.") == []


def test_unknown_names_are_not_spelling_errors() -> None:
    text = "Laut dem Experten Terence Roehrig fuhr der Zug über Chasan und Khasan; Peskow schwieg."
    assert spell(text) == []


def test_capitalised_word_recurring_in_the_document_is_taken_for_a_name() -> None:
    text = "Die Firma heißt Regirung. Regirung will wachsen."
    assert spell(text) == []
    assert [f.text for f in spell("Die Firma heißt Regirung.")] == ["Regirung"]


def test_capitalised_word_next_to_a_name_part_is_taken_for_a_name() -> None:
    assert spell("Die Ministerin Nancy Faeser und Eroll Flynn im Werra-Meißner-Kreis; die Regirung AG.") == []
    assert [f.text for f in spell("Laut Faeser kam es anders.")] == ["Faeser"]


def test_acronyms_numbers_urls_handles_and_placeholders_are_skipped() -> None:
    text = ("KCNA und die UNO melden 122mm, iPhone-Verkäufe, siehe https://www.exmaple.com/regirung-news, "
            "info@regirung.de, @Regirung, #PRS_ORG# und www.wärhend.de.")
    assert spell(text) == []


def test_suspended_hyphens_and_hyphenated_compounds_are_checked_part_by_part() -> None:
    assert spell("Die Staats- und Regierungschefs, die 122- und 152-Millimeter-Artilleriegeschosse.") == []
    [f] = spell("Die Bundes-Regirung tagte.")
    assert f.text == "Regirung"


def test_name_heading_a_hyphenated_compound_is_not_a_spelling_error() -> None:
    assert spell("Die Beharra-Fregatten und die Wagner-Gruppe; das Kimm-Regime.") == []


def test_lower_case_part_of_a_capitalised_name_is_a_name_part() -> None:
    assert spell("Professor Lee Jung-wook und Kim Jong-un trafen sich; kein Make-up, viel Know-how.") == []


def test_compounds_of_known_words_are_accepted() -> None:
    text = ("Die Separatistengebiete, die Infanterieraketen und der Kremlsprecher; "
            "ein atomgetriebenes U-Boot, dessen Echo nachhallen wird.")
    assert spell(text) == []


def test_inflected_forms_built_from_known_words_are_accepted() -> None:
    text = ("Ich werde versuchen, Ihnen weiterzuhelfen und zurückzustürmen; eine jugendlichere Zeit, "
            "die verwundbarsten Menschen, ein Missbraucher, als sie ihm zurief.")
    assert spell(text) == []


def test_foreign_words_and_sentences_are_left_to_the_foreign_detector() -> None:
    text = ("© Riproduzione riservata. Das Motto lautete „Business as usual“, sagte Watson. "
            "Il presidente ha detto: „la situaziona è molto difficile“.")
    assert spell(text) == []


def test_allow_file_words_are_accepted(tmp_path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("# house spellings\nRegirung\n", encoding="utf-8")
    # another dictionary folder on the path gives this test its own lexicon instance
    found = spell("Die Regirung tagte.", allow_file=str(words), dictionary_dirs=[str(tmp_path)])
    assert found == []


def test_missing_dictionary_raises_a_clear_error_naming_the_apt_packages(tmp_path) -> None:
    with pytest.raises(LexiconUnavailable, match="hunspell-de-de libhunspell-dev"):
        SpellingDetector({"dictionary_langs": ["xx_XX"], "dictionary_dirs": [str(tmp_path)]})
    with pytest.raises(LexiconUnavailable):
        find_dictionary(("xx_XX",), [str(tmp_path)])


def test_disabled_detector_needs_no_dictionary() -> None:
    det = SpellingDetector({"enabled": False, "dictionary_langs": ["xx_XX"]})
    assert det.options.enabled is False


def test_dictionary_is_found_through_the_environment(tmp_path, monkeypatch) -> None:
    dic, _ = find_dictionary()
    (tmp_path / "qx_QX.dic").write_bytes(dic.read_bytes()[:0] + b"1\nWort\n")
    (tmp_path / "qx_QX.aff").write_bytes(b"SET UTF-8\n")
    monkeypatch.setenv("QC_HUNSPELL_PATH", str(tmp_path))
    assert find_dictionary(("qx_QX",)) == (tmp_path / "qx_QX.dic", tmp_path / "qx_QX.aff")


def test_edit_distance_counts_a_transposition_as_one_edit() -> None:
    assert edit_distance("wärhend", "während") == 1
    assert edit_distance("Regirung", "Regierung") == 1
    assert edit_distance("abc", "abc") == 0


def test_seed_compound_missing_its_dative_plural_r_is_flagged() -> None:
    [item] = gold("spelling")
    found = overlapping(spell(seed_text(item["doc"])), item["start"], item["end"])
    assert [f.text for f in found] == ["Militärvertreten"]
    assert found[0].repairs[0].replacement == item["repair"]


def test_rare_compound_ending_in_a_verb_form_is_flagged() -> None:
    [f] = spell("Die Zahl an Drittanbieten wuchs.")
    assert f.repairs[0].replacement == "Drittanbietern"


def test_compounds_ending_in_real_nouns_are_not_flagged_as_verb_forms() -> None:
    text = ("Das Waffenabkommen, die Gerichtsverfahren, das Zusammenleben, die Geschäftstagen-Regel, "
            "an täglichen Knotenkriegen, die Versandröhren und die Profispielerinnen.")
    assert spell(text) == []
    assert spell("Die Zahl an Drittanbieten wuchs.", verbal_compound_tails=False) == []
