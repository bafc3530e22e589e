"""Alignment anchors and the names check on text written for these tests."""

from qc.xling.align import AlignParams, align_lines
from qc.xling.bitext import build_bitext
from qc.xling.check_coverage import check_coverage
from qc.xling.check_names import check_names
from qc.xling.lexicon import source_concepts, target_concepts

SERVICE_SRC = (
    "Thank you for your order.\n"
    "We will send the package tomorrow morning.\n"
    "Please check your email for the tracking link.\n"
    "The delivery usually takes a few days."
)
SERVICE_TGT = (
    "Vielen Dank für Ihre Bestellung.\n"
    "Bitte prüfen Sie Ihre E-Mail auf den Link zur Sendungsverfolgung.\n"
    "Die Lieferung dauert normalerweise einige Tage."
)


def _omitted(params: AlignParams) -> list[str]:
    bt = build_bitext(SERVICE_SRC, SERVICE_TGT, "en", params=params)
    return [f.evidence["source_text"] for f in check_coverage(bt, "t") if f.category == "omission"]


def test_translated_words_locate_an_omitted_sentence_without_numbers_or_names():
    assert _omitted(AlignParams()) == ["We will send the package tomorrow morning."]


def test_lengths_alone_blame_the_wrong_sentence_for_that_omission():
    # the reason for the lexicon: with its weight at zero the aligner picks another sentence
    assert _omitted(AlignParams(lexicon_weight=0.0)) != ["We will send the package tomorrow morning."]


def test_lexicon_maps_inflected_german_words_to_english_entries():
    shared = source_concepts("The children bought new shoes.") & target_concepts(
        "Die Kinder kauften neue Schuhe."
    )
    assert len(shared) == 4


def test_line_pairs_align_one_to_one_when_line_counts_agree():
    links = align_lines([30, 60, 40], [35, 70, 45], lambda s, t: 0.0, [0, 1, 2], [0, 1, 2])
    assert [(link.src, link.tgt) for link in links] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


QUOTE_SRC = 'Whatever is needed, the government will supply it," Biden said.'


def _names(target: str) -> list[tuple[str, str]]:
    return [(f.text, f.severity) for f in check_names(build_bitext(QUOTE_SRC, target, "en"), "t")]


def test_misspelt_name_after_a_closing_quote_is_flagged_on_the_word():
    assert _names("„Was auch immer nötig ist, die Regierung wird es liefern“, sagte Buiden.") == [
        ("Buiden", "major")
    ]


def test_name_after_a_closing_quote_must_appear_in_the_translation():
    found = _names("„Was auch immer nötig ist, die Regierung wird es liefern“, sagte er.")
    assert [sev for _, sev in found] == ["minor"]


def test_name_kept_after_a_closing_quote_is_fine():
    assert _names("„Was auch immer nötig ist, die Regierung wird es liefern“, sagte Biden.") == []


def test_german_form_of_a_source_word_is_no_misspelling():
    bt = build_bitext("Critics blamed Russophobia in the West.",
                      "Kritiker machten die Russophobie im Westen verantwortlich.", "en")
    assert [f for f in check_names(bt, "t") if "misspelling" in f.message] == []


def _no_anchor(si: tuple[int, ...], ti: tuple[int, ...]) -> float:
    raise AssertionError("the dynamic programme ran")


def test_one_paragraph_with_as_many_sentences_of_agreeing_lengths_is_paired_in_order():
    links = align_lines([40, 62, 35], [44, 70, 38], _no_anchor, [0, 0, 0], [0, 0, 0])
    assert [(link.src, link.tgt) for link in links] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_one_paragraph_with_a_pair_of_disagreeing_lengths_goes_to_the_programme():
    calls: list[tuple[tuple[int, ...], tuple[int, ...]]] = []

    def anchor(si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        calls.append((si, ti))
        return 0.0

    links = align_lines([40, 62, 35], [44, 200, 20], anchor, [0, 0, 0], [0, 0, 0])
    assert calls and len(links) >= 3


def test_an_omission_in_one_paragraph_is_still_found():
    bt = build_bitext(SERVICE_SRC.replace("\n", " "), SERVICE_TGT.replace("\n", " "), "en")
    omitted = [f.evidence["source_text"] for f in check_coverage(bt, "t") if f.category == "omission"]
    assert omitted == ["We will send the package tomorrow morning."]
