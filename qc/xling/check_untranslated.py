"""Untranslated: a target sentence still in the source language, or nearly a copy of its source.

Two signals, both required to be strong, because names, product codes and
hashtags legitimately stay identical: the language identifier (pycld2) reads the
sentence as the source language *and* most of its words are source-language
words (more frequent there than in German, by wordfreq), or the sentence is a
near copy of its aligned source (sacrebleu chrF ≥ ``min_chrf``) with enough
source-language words.

Example::

    >>> from qc.xling.bitext import build_bitext
    >>> bt = build_bitext("The talks will continue next week.", "The talks will continue next week.", "en")
    >>> [f.category for f in check_untranslated(bt, "xling")[0]]
    ['untranslated']
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from sacrebleu.metrics import CHRF

from qc.model import Finding
from qc.xling.bitext import Bitext
from qc.xling.data import lexicon_tables
from qc.xling.langid import language_scores
from qc.xling.names import zipf_frequency

_WORD: Final = re.compile(r"[^\W\d_]{2,}")
_CHRF: Final = CHRF()


@cache
def _function_words(lang: str) -> frozenset[str]:
    """The language's function words as a sentence may write them: in lower case, capitalised
    (at a sentence start) and in capitals (those forms that lower-case back to the word)."""
    words = lexicon_tables().get("function_words", {}).get(lang, [])
    return frozenset(form for w in words for form in (w, w.capitalize(), w.upper()) if form.lower() == w)


def source_word_share(sentence: str, lang: str, floor: float = 0.0,
                      runs: list[str] | None = None) -> tuple[float, int]:
    """Share of words clearly more frequent in ``lang`` than in German, and the word count.

    A share below ``floor`` may come back as any value below it: counting stops once the
    words left cannot lift the share to ``floor`` (most sentences read are German).
    ``runs``: the sentence's runs of letters and digits (:attr:`~qc.xling.bitext.Sentence.word_runs`)
    when the caller has them (the words are read from those).

    >>> source_word_share("The talks will continue next week.", "en")
    (0.8333333333333334, 6)
    >>> source_word_share("Die Gespräche gehen nächste Woche weiter.", "en", floor=0.4)[0] < 0.4
    True
    """
    words = _WORD.findall(sentence) if runs is None else _words_of_runs(runs)
    if not words:
        return 0.0, 0
    n = len(words)
    # the share stays below the floor once more than this many words are not foreign
    allowed = n - floor * n
    foreign = native = 0
    for w in words:
        if zipf_frequency(w, lang) - zipf_frequency(w, "de") >= 1.0:
            foreign += 1
        else:
            native += 1
            if native > allowed:
                return foreign / n, n  # below the floor whatever the other words are
    return foreign / n, n


def _words_of_runs(runs: list[str]) -> list[str]:
    """``_WORD.findall`` of a text from its runs of letters and digits (``[^\\W_]+``): a match
    never crosses a run's end, so it is the run itself when the run is all letters (two or more),
    else the pattern's matches inside the run (``[^\\W\\d_]`` also takes numeric signs such as
    "²", which are no letters)."""
    out: list[str] = []
    for run in runs:
        if run.isalpha():
            if len(run) >= 2:
                out.append(run)
        else:
            out += _WORD.findall(run)
    return out


def check_untranslated(bt: Bitext, detector: str, *, min_chrf: float = 70.0,
                       min_share: float = 0.5) -> tuple[list[Finding], frozenset[int]]:
    """Findings, and the target sentence indices flagged (additions skip those)."""
    findings: list[Finding] = []
    flagged: set[int] = set()
    text = bt.target
    aligned_src: dict[int, tuple[int, ...]] | None = None  # built for the few sentences that get this far
    german, foreign = _function_words("de"), _function_words(bt.source_lang)
    for j, sent in enumerate(bt.tgt):
        if foreign and german:
            # cheap pre-test: German function words and none of the source language's, as the
            # words are written (a word in mixed case, "tHe", counts as none)
            # (the sentence's word set: its hashes are stored, and the names check builds it anyway)
            words = bt.target_word_sets[j]
            if not german.isdisjoint(words) and foreign.isdisjoint(words):
                continue
        share, n = source_word_share(sent.text, bt.source_lang, floor=min_share * 0.8,
                                     runs=bt.target_words[j])
        if n < 3 or share < min_share * 0.8:
            continue
        if aligned_src is None:
            aligned_src = {j: link.src for link in bt.links for j in link.tgt}
        src_ids = aligned_src.get(j, ())
        chrf = 0.0
        if src_ids:
            s, e = bt.src_span(src_ids)
            chrf = _CHRF.sentence_score(sent.text, [bt.source[s:e]]).score
        lang_pct = language_scores(sent.text).get(bt.source_lang, 0)
        is_copy = chrf >= min_chrf
        is_source_lang = lang_pct >= 80 and share >= min_share
        if not (is_copy or is_source_lang):
            continue
        flagged.add(j)
        reason = f"a near copy of its source (chrF {chrf:.0f})" if is_copy else (
            f"in the source language ({bt.source_lang}, {lang_pct}%)")
        findings.append(Finding.at(
            text, sent.start, sent.end, category="untranslated", severity="major",
            confidence=0.9 if (is_copy and is_source_lang) else 0.75, detector=detector,
            message=f"this sentence was not translated: it is {reason}",
            evidence={**bt.evidence(src_ids), "chrf": round(chrf, 1), "source_word_share": round(share, 2)},
        ))
    return findings, frozenset(flagged)
