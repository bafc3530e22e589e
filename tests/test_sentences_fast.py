"""The fast sentence splitter of the cross-lingual checks: exact offsets, abbreviations, German ordinals."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qc.lang.sentences import _LAST_WORD, _last_word, fast_sentences


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


def test_a_word_with_an_apostrophe_before_a_full_stop_ends_the_sentence() -> None:
    """"wouldn't." and "geht's." end sentences: the word is read whole, not as the letter after its
    apostrophe (which would pass for an initial, "J. Smith")."""
    text = "I know people who wouldn't. I was buying tires. It was John’s. Then J. Smith left."
    assert [s.text for s in fast_sentences(text, "en")] == [
        "I know people who wouldn't.", "I was buying tires.", "It was John’s.", "Then J. Smith left.",
    ]
    assert [s.text for s in fast_sentences("So geht's. Dann kam er.", "de")] == ["So geht's.", "Dann kam er."]


def test_sentences_never_cross_lines_and_offsets_are_exact() -> None:
    text = "  Er sagte: „Ja.“ Dann ging er!\n\nNeu? Ja.\r\nEnde ohne Punkt"
    spans = fast_sentences(text, "de")
    assert [s.text for s in spans] == ["Er sagte: „Ja.“", "Dann ging er!", "Neu?", "Ja.", "Ende ohne Punkt"]
    assert all(text[s.start : s.end] == s.text for s in spans)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 .,)\t\u00a0ü_'’", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_last_word_before_a_boundary_equals_the_regex_search(body: str, a: int, b: int) -> None:
    """Reading the last word after the last blank finds what the regex finds over the whole span."""
    start, end = min(a, b, len(body)), min(max(a, b), len(body))
    word = _LAST_WORD.search(body, start, end)
    assert _last_word(body, start, end) == (word.group(1) if word else "")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab A Z0 .!?…\"'”»)(\t\n\r\u2028\u3000。", max_size=40),
       st.sampled_from(["de", "en"]))
def test_sentences_lie_within_lines_stripped_and_cover_every_visible_character(text: str, lang: str) -> None:
    """Whatever the text: sentences are in order, never cross a line break, neither start nor end
    with whitespace, and together hold every non-blank character of every line."""
    bounds = [(s.start, s.end) for s in fast_sentences(text, lang)]
    covered = set()
    previous_end = 0
    for start, end in bounds:
        piece = text[start:end]
        assert previous_end <= start < end
        assert piece == piece.strip() and not any(c in piece for c in "\n\r\u2028")
        covered.update(range(start, end))
        previous_end = end
    visible = {i for i, c in enumerate(text) if not c.isspace()}
    assert visible <= covered


def test_no_and_nr_are_abbreviations_only_before_a_number():
    text = "The owner says no. I asked again. See No. 5 for details. Die Regel Nr. 3 gilt."
    assert [sp.text for sp in fast_sentences(text, "en")] == [
        "The owner says no.", "I asked again.", "See No. 5 for details.", "Die Regel Nr. 3 gilt."
    ]


def test_german_abbreviations_of_months_and_articles_do_not_end_a_sentence():
    text = "Er kam am 3. Okt. 2020 an. Nach Art. 5 GG gilt das. Siehe Kap. 3 im Buch."
    assert [sp.text for sp in fast_sentences(text, "de")] == [
        "Er kam am 3. Okt. 2020 an.", "Nach Art. 5 GG gilt das.", "Siehe Kap. 3 im Buch."
    ]
    # "art" before a word is the English word, which may end a sentence
    assert len(fast_sentences("He loves modern art. The museum is open.", "en")) == 2


def test_german_amounts_in_millions_and_billions_stay_in_their_sentence():
    text = "Der Umsatz stieg auf 5 Mio. Euro. Die Schulden betragen 3 Mrd. Dollar. Es kamen 2 Tsd. Gäste."
    assert [sp.text for sp in fast_sentences(text, "de")] == [
        "Der Umsatz stieg auf 5 Mio. Euro.", "Die Schulden betragen 3 Mrd. Dollar.", "Es kamen 2 Tsd. Gäste."
    ]


def test_a_spaced_quote_after_a_full_stop_still_opens_a_sentence() -> None:
    """Machine translation spaces quotes off ("wird. " Natürlich …"): the full stop still ends the
    sentence, and the quote goes with the next one; a quote that hugs its word did already."""
    text = 'Das wird teuer. " Natürlich zahlen wir. " Er lachte. „ Wir auch."'
    assert [s.text for s in fast_sentences(text, "de")] == [
        "Das wird teuer.", '" Natürlich zahlen wir.', '" Er lachte.', '„ Wir auch."',
    ]
    # an abbreviation before it still holds the sentence together
    assert len(fast_sentences('Er traf Dr. " Hans " Meier.', "de")) == 1
