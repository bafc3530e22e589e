"""Candidate generation, localisation and synthetic injection: pure functions, no model."""

from __future__ import annotations

import random

import pytest

from qc.bench.synth import build_articles, diff_span, inject_compound, inject_swap, inject_verb
from qc.fluency.candidates import FluencyData, generate, moves, swaps
from qc.fluency.localize import peak_windows, word_surprisal
from qc.segment import iter_tokens

KNOWN = {"Nordkoreanischer", "Gipfeltreffen", "Gipfel", "Treffen", "Kreml"}


def known(word: str) -> bool:
    return word in KNOWN


def results(sentence: str, lo: int, hi: int, effort: str = "fast") -> set[str]:
    toks = iter_tokens(sentence)
    cands = generate(sentence, toks, lo, hi, FluencyData.load(), effort=effort, known=known)
    return {c.apply(sentence) for c in cands}


def test_verb_inside_name_is_moved_back_by_a_swap():
    s = "mit Präsident Wladimir bestätigten Putin inmitten der Krise."
    assert "mit Präsident Wladimir Putin bestätigten inmitten der Krise." in results(s, 2, 4)


def test_split_direction_compound_is_joined_with_its_stem():
    s = "Norden Koreanischer Führer Kim Jong-un sei abgereist."
    assert "Nordkoreanischer Führer Kim Jong-un sei abgereist." in results(s, 0, 2)


def test_english_reporting_clause_gets_inversion_comma_and_article():
    s = "Kim werde Russland besuchen Kreml sagte, während die Agentur berichtete."
    assert "Kim werde Russland besuchen, sagte der Kreml, während die Agentur berichtete." in results(s, 3, 5)


def test_thorough_effort_adds_comma_and_article_candidates():
    s = "Er sagte er komme morgen nach Berlin."
    fast, thorough = results(s, 1, 3), results(s, 1, 3, "thorough")
    assert "Er sagte, er komme morgen nach Berlin." in thorough - fast


def test_candidates_never_reorder_the_sentence_initial_word_or_punctuation():
    s = "Berlin, die Hauptstadt, wächst."
    toks = iter_tokens(s)
    for c in swaps(toks, 0, len(toks) - 1) + moves(toks, 0, len(toks) - 1, 4):
        assert c.start > 0
        assert "," not in s[c.start : c.end]


def test_candidates_are_unique_and_differ_from_the_original():
    s = "Die Regierung hat am Montag die neuen Regeln beschlossen."
    toks = iter_tokens(s)
    cands = generate(s, toks, 1, 6, FluencyData.load(), effort="thorough", known=known)
    texts = [c.apply(s) for c in cands]
    assert s not in texts
    assert len(texts) == len(set(texts))
    assert all(c.start < c.end for c in cands)  # insertions cover a word: no empty spans


def test_word_surprisal_charges_pieces_to_the_word_they_end_in():
    toks = iter_tokens("Der Kreml sagte")
    # "▁Der", "▁Kre", "ml", "▁sagte" with offsets as the HF tokenizer reports them
    offsets = [(0, 3), (3, 7), (7, 9), (9, 15), (15, 15)]
    assert word_surprisal(toks, offsets, [-1.0, -4.0, -2.0, -3.0, -0.5]) == [1.0, 6.0, 3.0]


def test_peak_windows_take_highest_peaks_first_and_respect_the_threshold():
    assert peak_windows([1, 9, 2, 8, 1, 1, 7], threshold=5, max_windows=2) == [(0, 2, 9), (1, 4, 8)]
    assert peak_windows([1, 2, 3], threshold=5, max_windows=2) == []


@pytest.mark.parametrize("seed", range(5))
def test_injected_span_restores_the_clean_sentence(seed):
    clean = "Die Staats- und Regierungschefs wollen beim Gipfeltreffen über neue Hilfen sprechen."
    rng = random.Random(seed)
    for inject in (inject_swap, inject_verb, inject_compound):
        dirty = inject(clean, rng, known)
        assert dirty and dirty != clean
        a, b, orig = diff_span(clean, dirty)
        assert dirty[:a] + orig + dirty[b:] == clean


def test_compound_injection_splits_into_two_known_words():
    dirty = inject_compound("Das Gipfeltreffen beginnt am Montag.", random.Random(0), known)
    assert dirty == "Das Gipfel Treffen beginnt am Montag."


def test_synthetic_articles_are_mostly_clean_and_split_dev_test():
    sents = [f"Satz Nummer {i} hat heute genau sieben Wörter." for i in range(240)]
    arts = build_articles(sents, density=0.2, seed=1)
    n_inj = sum(len(a.injections) for a in arts)
    assert 0.1 * 240 < n_inj < 0.3 * 240
    assert {a.split for a in arts} == {"dev", "test"}
    for a in arts:
        for inj in a.injections:
            assert a.text[inj.start : inj.end] != inj.original


def test_peak_windows_with_spread_prefer_a_run_of_surprised_words_to_one_rare_word():
    # a scrambled phrase: four words at 6 nats; a rare name: one word at 9 nats
    surprisal = [1, 6, 6, 6, 1, 1, 9, 1]
    assert peak_windows(surprisal, threshold=5, max_windows=1)[0][:2] == (4, 7)
    lo, hi, rank = peak_windows(surprisal, threshold=5, max_windows=1, spread=1)[0]
    assert (lo, hi, rank) == (0, 3, 18)
    # the threshold still applies to the word itself: a run of 4-nat words opens nothing
    assert peak_windows([4, 4, 4, 4], threshold=5, max_windows=2, spread=1) == []


def test_reorderings_keep_names_together_and_never_touch_no_break_spaces():
    from qc.fluency.candidates import generate

    unknown = {"Owen", "Paterson"}

    def known(w: str) -> bool:
        return w not in unknown

    s = "Das sagte kürzlich Owen Paterson im Parlament."
    toks = iter_tokens(s)
    reorders = [c for c in generate(s, toks, 1, 5, FluencyData.load(), known=known)
                if c.kind in ("swap", "move", "verb-end")]
    texts = {c.apply(s) for c in reorders}
    assert "Das sagte Owen kürzlich Paterson im Parlament." not in texts
    assert not any("Owen Paterson" not in t for t in texts)
    assert "Das kürzlich sagte Owen Paterson im Parlament." in texts  # other swaps stay
    s = "Es braucht mehr als 30\u00a0GB für das Spiel."
    toks = iter_tokens(s)
    cands = generate(s, toks, 2, 6, FluencyData.load(), known=known)
    assert cands and all("\u00a0" in c.apply(s) for c in cands)


def test_word_substitutions_are_off_by_default_and_can_be_asked_for():
    from qc.detectors.fluency import FluencyDetector

    s = "Die Regierung hat am montag die neuen Regeln beschlossen."
    toks = iter_tokens(s)
    default = generate(s, toks, 1, 6, FluencyData.load(), effort="thorough", known=known)
    assert {c.kind for c in default} >= {"swap", "comma"}
    assert not {c.kind for c in default} & {"case", "spelling"}
    asked = generate(s, toks, 1, 6, FluencyData.load(), effort="thorough",
                     known=lambda w: w == "Montag", kinds=frozenset({"case"}))
    assert {c.kind for c in asked} == {"case"}
    assert any(c.apply(s) == "Die Regierung hat am Montag die neuen Regeln beschlossen." for c in asked)
    assert FluencyDetector({"kinds": ["case", "swap"]}).settings.kinds == frozenset({"case", "swap"})
    with pytest.raises(ValueError, match="unknown fluency kinds"):
        _ = FluencyDetector({"kinds": ["rhyme"]}).settings
