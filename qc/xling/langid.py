"""Language identification for source detection and the untranslated check (pycld2).

Example::

    >>> detect_language("The ministry said on Saturday that 58 people had died.")
    'en'
"""

from __future__ import annotations

from functools import cache
from typing import Final

import pycld2
from wordfreq import zipf_frequency

from qc.lang.evidence import word_evidence
from qc.xling.data import lexicon_tables

#: languages the cross-lingual checks have number/name data for; others fall back to English
#: rules (the names check then reports at "info" only: its rules would misread the language)
SUPPORTED: Final = ("en", "it", "fr", "es", "pt", "de")


#: characters read to tell a document's language: plenty for cld2, and the cost of a
#: long article no longer grows with its length
SAMPLE_CHARS: Final = 600


def detect_language(text: str, default: str = "en", sample: int | None = SAMPLE_CHARS) -> str:
    """ISO 639-1 code of the main language of ``text`` (``default`` when unsure), read from
    its first ``sample`` characters (cut at a space; None reads all).

    pycld2 decides; where it is unsure (a sentence or two), the word frequencies of
    :func:`qc.lang.evidence.word_evidence` may still settle it:

    >>> detect_language("El Banco Central Europeo subió los tipos de interés.")
    'es'
    """
    if sample is not None and len(text) > sample:
        cut = text.rfind(" ", sample // 2, sample)
        text = text[: cut if cut > 0 else sample]
    if clearly_english(text):
        return "en"  # (what pycld2 says of such a text, several times faster)
    try:
        reliable, _, details = pycld2.detect(text)
    except pycld2.error:
        return default
    code = details[0][1] if details else "un"
    if reliable and code != "un":
        return code
    return _by_word_frequency(text) or default


#: frequent English words that are no frequent words of another language written in Latin
#: letters ("to", "in", "on", "is", "was", "for", "at", "by", "he" are: Czech, Italian, French,
#: Dutch, German, Danish, Spanish); about a seventh of the words of English news
ENGLISH_MARKERS: Final = frozenset({
    "the", "and", "of", "that", "with", "from", "which", "this", "would", "their", "been", "said",
    "were", "has", "have", "had", "they", "she", "its", "than", "after", "about", "could", "there",
})
#: a text is clearly English with at least this many marker words making up this share of its
#: words, and UTF-8 bytes beyond one per character for at most this share of its characters
#: (curly quotes and accented names; not a passage in another script, which pycld2 weighs by bytes)
ENGLISH_MIN_MARKERS: Final = 6
ENGLISH_MIN_SHARE: Final = 0.10
ENGLISH_MAX_EXTRA_BYTES: Final = 0.1
#: ... and at least this many marker words in each third of it (a passage in another language
#: lacks them)
ENGLISH_MIN_PER_THIRD: Final = 2
#: ... and at least this many times as many marker words as frequent words of other languages
#: (:func:`_other_function_words`: a text mixing one of them in)
ENGLISH_MIN_LEAD: Final = 4
#: a function word of another language at least this frequent in English (Zipf) is an English word
ENGLISH_WORD_ZIPF: Final = 4.5


@cache
def _other_function_words() -> frozenset[str]:
    """Frequent words of other languages that are no frequent English words ("do", "as", "son",
    "per" are): the function words of the other languages with rules, and the most frequent
    words of twenty more (``[language_id] not_english`` in ``xling_lexicon.toml``)."""
    tables = lexicon_tables()
    function_words: dict[str, list[str]] = tables.get("function_words", {})
    ours = {w for lang, words in function_words.items() if lang != "en" for w in words
            if zipf_frequency(w, "en") < ENGLISH_WORD_ZIPF}
    return frozenset(ours.union(tables.get("language_id", {}).get("not_english", [])))


@cache
def _marker_tokens() -> frozenset[str]:
    """The whitespace tokens that are marker words: lower case, capitalised (at a sentence
    start), and followed by a comma, full stop, colon or semicolon."""
    forms = ENGLISH_MARKERS | {w.capitalize() for w in ENGLISH_MARKERS}
    return frozenset(forms | {w + p for w in forms for p in ",.;:"})


_MARKER: Final = 1
_OTHER: Final = 2


@cache
def _token_kinds() -> dict[str, int]:
    """Each whitespace token :func:`clearly_english` counts: :data:`_MARKER` for a marker
    token, :data:`_OTHER` for a frequent word of another language, or both."""
    kinds = dict.fromkeys(_marker_tokens(), _MARKER)
    for w in _other_function_words():
        kinds[w] = kinds.get(w, 0) | _OTHER
    return kinds


def clearly_english(text: str) -> bool:
    """Whether ``text`` is English beyond doubt: English marker words (:data:`ENGLISH_MARKERS`)
    are at least :data:`ENGLISH_MIN_SHARE` of its words and far outnumber the frequent words
    of other languages, in each third of the text, and hardly any character is of another script
    (by UTF-8 bytes). A shortcut before
    pycld2 for the most common source language: pycld2 reads such a text as English too (none
    of 15,372 texts tried disagreed: WMT22 sources, the fixtures, word salad of 40 languages
    and English mixed with others), at about two thirds of its cost. Anything less clear (a short
    text, a mixed one, another language sharing some of the words) goes to pycld2.

    >>> clearly_english("The ministry said on Saturday that 58 people had died and that the search "
    ...                 "had been called off.")
    True
    >>> clearly_english("De minister zei dat de zoektocht was gestaakt.")
    False
    """
    words = text.split()
    n = len(words)
    if n < ENGLISH_MIN_MARKERS:
        return False
    # marker words per third of the text, and frequent words of other languages, in one look-up
    # per word (a plain loop: compiled, a dict probe is a C call, cheaper than mapping a set's
    # bound method over the words)
    kinds = _token_kinds()
    third = n // 3
    thirds = [0, 0, 0]
    n_other = 0
    for i, w in enumerate(words):
        kind = kinds.get(w, 0)
        if kind:
            if kind & _MARKER:
                thirds[0 if i < third else (1 if i < 2 * third else 2)] += 1
            if kind & _OTHER:
                n_other += 1
    hits = thirds[0] + thirds[1] + thirds[2]
    if hits < ENGLISH_MIN_MARKERS or hits < ENGLISH_MIN_SHARE * n:
        return False
    if hits < ENGLISH_MIN_LEAD * n_other:
        return False
    # English throughout, not a passage of it: each third has marker words
    if min(thirds) < ENGLISH_MIN_PER_THIRD:
        return False
    # UTF-8 takes 2 bytes for an accented letter, 3 for a curly quote, 3 for a CJK character
    extra_bytes = 0 if text.isascii() else len(text.encode("utf-8", "surrogatepass")) - len(text)
    return extra_bytes <= ENGLISH_MAX_EXTRA_BYTES * len(text)


#: word evidence for a short text: the best language's mean Zipf frequency must beat the
#: next one's by this much, and this share of the words must lean to it rather than to German
WORD_MARGIN: Final = 1.0
WORD_LEAN: Final = 0.5


def _by_word_frequency(text: str) -> str | None:
    """The language whose word frequencies clearly fit ``text`` best (wordfreq lists of
    :data:`qc.lang.evidence.LANGS`), or None."""
    ev = word_evidence(text, min_len=2)
    if ev.n_words < 3:
        return None
    (best, z1), (_, z2) = sorted(ev.mean.items(), key=lambda kv: -kv[1])[:2]
    if z1 - z2 < WORD_MARGIN or (best != "de" and ev.lean[best] < WORD_LEAN):
        return None
    return best


def language_scores(text: str) -> dict[str, int]:
    """Percent of ``text`` per detected language, e.g. ``{"en": 97}``; empty when unreliable."""
    try:
        reliable, _, details = pycld2.detect(text)
    except pycld2.error:
        return {}
    if not reliable:
        return {}
    return {code: pct for _, code, pct, _ in details if code != "un"}
