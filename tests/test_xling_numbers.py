"""Cross-lingual number check: German number forms accepted, changed numbers reported on the target."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from qc.xling import check_numbers as numbers_check
from qc.xling.bitext import build_bitext
from qc.xling.check_numbers import check_numbers
from qc.xling.numbers import (
    _WORD,
    _candidate_words,
    _exact_known,
    _german_cardinals,
    _known,
    _word_occurrences,
    compound_heads,
    distinct_words,
    extract,
    extract_digits,
)


def _numbers(source: str, target: str, lang: str = "en"):
    return check_numbers(build_bitext(source, target, lang), "crosslingual")


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The ministry registered 1,686 new cases.", "Das Ministerium verzeichnete 1.686 neue Fälle."),
        ("Inflation rose to 3.5 percent.", "Die Inflation stieg auf 3,5 Prozent."),
        ("Sales fell 5% last year.", "Der Umsatz sank im vergangenen Jahr um 5 %."),
        ("The deal is worth $2 billion.", "Das Geschäft ist 2 Milliarden Dollar wert."),
        ("The deal is worth $1.5bn.", "Das Geschäft ist 1,5 Mrd. Dollar wert."),
        ("The vote is on Sept. 4.", "Die Abstimmung ist am 4. September."),
        ("The army fired 122mm shells.", "Die Armee feuerte 122-Millimeter-Granaten ab."),
        ("Eight cities are in the orange zone.", "Acht Städte liegen in der orangefarbenen Zone."),
        ("He met 8 ministers.", "Er traf acht Minister."),
        ("The meeting starts at 3 p.m. on Monday.", "Die Sitzung beginnt am Montag um 15 Uhr."),
        ("They got the third dose.", "Sie erhielten die dritte Dosis."),
        ("The bag has a 2-way zip.", "Die Tasche hat einen Zwei-Wege-Reißverschluss."),
        # a year cut to two digits is written in full
        ("The club won the cup in three seasons (1986-88).",
         "Der Verein gewann den Pokal in drei Spielzeiten (1986-1988)."),
        ("She joined the class of '88.", "Sie kam in den Jahrgang 1988."),
        ("Support is open 24/7.", "Der Support ist rund um die Uhr erreichbar."),
        ("The war ended in 1945.", "Der Krieg endete 1945."),
        ("The first train left at 06:45.", "Der erste Zug fuhr um 6.45 ab."),
        ("The polls close at 18:00.", "Die Wahllokale schließen um 18.00 Uhr."),
        ("Talks resume at 14.30 in London.", "Die Gespräche gehen um 14.30 Uhr in London weiter."),
        ("Tens of thousands of people marched.", "Zehntausende Menschen marschierten."),
        ("Hundreds of thousands fled the city.", "Hunderttausende flohen aus der Stadt."),
        ("The hall seats two hundred guests.", "Der Saal fasst zweihundert Gäste."),
    ],
)
def test_german_forms_of_source_numbers_are_accepted(source: str, target: str) -> None:
    assert _numbers(source, target) == []


def test_changed_number_is_reported_on_the_target_number() -> None:
    target = "Das Ministerium verzeichnete 1.868 neue Fälle."
    (f,) = _numbers("The ministry registered 1,686 new cases.", target)
    assert (f.category, f.severity, f.text) == ("number", "major", "1.868")
    assert target[f.start : f.end] == f.text
    assert f.evidence["source_text"] == "The ministry registered 1,686 new cases."
    assert f.evidence["source_number"] == "1,686"
    assert f.repairs[0].replacement == "1.686"  # the source number in German form


def test_billion_rendered_as_german_billion_is_an_error() -> None:
    found = _numbers("The deal is worth $2 billion.", "Das Geschäft ist 2 Billionen Dollar wert.")
    assert [f.text for f in found] == ["2 Billionen"]


def test_missing_number_is_reported_on_the_sentence() -> None:
    target = "Viele Menschen starben."
    (f,) = _numbers("58 people died.", target)
    assert (f.category, f.start, f.end) == ("number", 0, len(target))


def test_changed_month_is_reported() -> None:
    found = _numbers("The vote is on Sept. 4.", "Die Abstimmung ist am 4. Oktober.")
    assert [f.text for f in found] == ["Oktober"]


def test_english_thousands_separator_in_german_is_a_minor_format_slip_with_repair() -> None:
    (f,) = _numbers(
        "The ministry registered 1,686 new cases.", "Das Ministerium verzeichnete 1,686 neue Fälle."
    )
    assert (f.severity, f.text) == ("minor", "1,686")
    assert f.repairs[0].replacement == "1.686"


def test_number_readings_follow_each_language() -> None:
    (en,) = extract("1,686", "en")
    (de,) = extract("1.686", "de")
    assert en.values == de.values == frozenset({1686.0})
    (it,) = extract("3,5 milioni", "it")
    assert it.values == frozenset({3.5e6})


def test_changed_clock_time_is_reported() -> None:
    found = _numbers("The first train left at 06:45.", "Der erste Zug fuhr um 7.45 ab.")
    assert [f.text for f in found] == ["7.45"]


def test_english_decimal_kept_in_german_is_still_a_format_slip() -> None:
    # "18.12" could be a German clock time, but against the English decimal 18.12 the format differs
    (f,) = _numbers("The share closed at 18.12 euros.", "Die Aktie schloss bei 18.12 Euro.")
    assert (f.severity, f.text, f.repairs[0].replacement) == ("minor", "18.12", "18,12")


def test_german_number_compounds_are_read_whole() -> None:
    found = extract("Zehntausende, zweihundert, dreiundzwanzig, Dreijährige", "de")
    values = [sorted(q.values) for q in found]
    assert values == [[10000.0], [200.0], [23.0], [3.0]]
    (q,) = extract("tens of thousands of fans", "en")
    assert (q.text, q.values) == ("tens of thousands", frozenset({10000.0}))


def test_thousands_rendered_as_tens_of_thousands_is_reported() -> None:
    (f,) = _numbers("Thousands of people marched.", "Zehntausende Menschen marschierten.")
    assert (f.category, f.evidence["source_number"]) == ("number", "Thousands")


def test_spelled_out_multiples_are_one_quantity() -> None:
    (en,) = extract("two million people", "en")
    (de,) = extract("zwei Millionen Menschen", "de")
    assert en.values == de.values == frozenset({2e6})
    assert _numbers("Two million people voted.", "2 Millionen Menschen stimmten ab.") == []


_TOKEN_TEXT = st.lists(
    st.sampled_from(["two", "Twenty", "five", "-", "–", ",", ".", "'", "’", "(", ")", "5", "_", "²", "ß", "é",
                     "über", " ", "  ", "\n", "\t", "\u00a0", "İ", "/", "„", "“", "…", "x"]),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TOKEN_TEXT)
def test_distinct_words_equal_the_word_regex(text: str) -> None:
    """The fast reading of a text's distinct words finds exactly what the regex finds."""
    assert distinct_words(text) == set(_WORD.findall(text))


_NUMBER_TEXT = st.lists(
    st.sampled_from(["two", "twenty-five", "Five", "million", "march", "may", "tre", "venti", "zwei",
                     "Dreiundzwanzig", "hundert", "Millionen", "montags", "mai", "hund", "-", ",", ".", "(",
                     ")", "“", "5", "x", " ", "\n", "\u00a0", "é", "ß", "martedì", "terça-feira",
                     "sexta-feira", "’", "_", "\t"]),
    max_size=30,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_NUMBER_TEXT, st.sampled_from(["en", "it", "pt", "de"]))
@example("Il martedì, „mercoledì“ e venerdì-sera", "it")
@example("na terça-feira (três) e no sábado", "pt")
@example("le deuxième, en février", "fr")
@example("éfive two-thirds “Twenty-five” x-two", "en")
def test_number_word_candidates_are_the_table_words_among_the_distinct_words(text: str, lang: str) -> None:
    """The set-based candidate search finds every distinct word the tables can read (in German
    exactly those), and the words it finds besides have no whole-word occurrence in the text."""
    low = text.lower()
    known, exact = _known(lang), _exact_known(lang)
    found = set(_candidate_words(low, lang))
    if lang == "de":
        expected = {w for w in distinct_words(low) if w in known or w[:4] in known or w[:5] in known}
        assert found == expected
        return
    expected = {w for w in distinct_words(low)
                if w in exact or ("-" in w and (w[:4] in known or w[:5] in known))}
    assert found >= expected
    occurrences = sorted(_word_occurrences(text, 0, list(found), low))
    assert occurrences == sorted(_word_occurrences(text, 0, list(expected), low))


def test_number_words_are_found_in_hyphenated_and_punctuated_english() -> None:
    values = [sorted(q.values) for q in extract("(Twenty-five) of them, two-thirds; two.", "en")]
    assert values == [[25.0], [2.0]]


@pytest.mark.parametrize(
    "text",
    [
        "Am 4. September um 15.30 Uhr kamen 1.686 Menschen, acht davon aus 24/7-Diensten.",
        "Two million people and 3.5 percent, 12:39 p.m. on Sept. 4, 122mm and $1.5bn.",
        "Zwei Millionen, 2 Mio. und zweihundert Menschen am Montag, dem 3. Mai 2021.",
    ],
)
def test_digit_quantities_are_the_number_kind_of_all_quantities(text: str) -> None:
    lang = "en" if text.startswith("Two") else "de"
    assert extract_digits(text, lang) == [q for q in extract(text, lang) if q.kind == "number"]


@pytest.mark.parametrize(
    ("source", "target", "shortcut"),
    [
        ("He met 8 ministers and eight envoys.", "Er traf acht Minister und 8 Gesandte.", True),
        ("On May 3, 58 people died in 2021.", "Am 3. Mai 2021 starben 58 Menschen.", False),
        ("58 people died in 2021, 12 of them on 3 May.", "2021 starben 58 Menschen, 12 am 3. Mai.", False),
        ("58 people died in 2021 and 12 in 2020.", "2021 starben 58 Menschen, 2020 zwölf.", False),
        ("58 people died in 2021 and 12 in 2020.", "2021 starben 58 Menschen und 2020 12.", True),
        ("He met 8 ministers and 8 envoys.", "Er traf acht Minister und 8 Gesandte.", False),
        ("Two of the 2 teams scored 2 goals.", "Zwei der 2 Teams erzielten 2 Tore.", False),
        ("The 2 teams scored two goals.", "Die 2 Teams erzielten 2 Tore.", True),
        ("58 people died.", "85 Menschen starben.", False),
        ("The 1,686 cases rose by 3.5%.", "Die 1,686 Fälle stiegen um 3,5 %.", False),
    ],
)
def test_the_digits_shortcut_gives_the_findings_of_the_full_matching(
    source: str, target: str, shortcut: bool
) -> None:
    """A link whose source numbers all have digit counterparts skips the number words; the
    findings are those of the full matching over digits and words."""
    bt = build_bitext(source, target, "en")
    (link,) = bt.links
    digits = [q for j in link.tgt for q in bt.tgt[j].digit_quantities]
    assert numbers_check._all_matched(bt.src[0].quantities, digits) == shortcut
    fast = [(f.start, f.end, f.message) for f in check_numbers(bt, "crosslingual")]
    full = check_numbers(build_bitext(source, target, "en"), "crosslingual", digits_shortcut=False)
    assert [(f.start, f.end, f.message) for f in full] == fast


_COMPOUND_TEXT = st.lists(
    st.sampled_from(["zwei", "drei", "fünf", "hundert", "tausend", "eins", "sterne", "-", "--", "_", "3",
                     " ", "x", "ä", "²", "½", "Ⅻ", ".", "„"]),
    max_size=12,
).map("".join)


@given(_COMPOUND_TEXT)
@example("die fünf-sterne-bewegung, zwei-drei-tage und 3-zimmer")
@example("_zwei-x 2zwei-x -zwei-x zwei-_ zwei-² zwei-ä")
def test_compound_heads_are_the_matches_of_the_cardinal_regex(text: str) -> None:
    """The hyphen-led search for a cardinal heading a compound finds exactly what the regex finds."""
    cardinals = "|".join(re.escape(k) for k, v in _german_cardinals() if v >= 2)
    regex = re.compile(rf"(?<![\w-])({cardinals})-(?=[^\W\d_])")
    assert compound_heads(text) == [m.span(1) for m in regex.finditer(text)]
