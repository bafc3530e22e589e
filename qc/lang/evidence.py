"""Is a piece of text German or another language? Two independent kinds of evidence.

1. **Language ID** (pycld2, Apache-2.0): fast and good on lines of a few dozen
   characters, but it marks short strings unreliable and is easily swayed by
   names ("Korrespondenten der Associated Press berichteten" comes out English).
2. **Word frequencies** (wordfreq, MIT; de/en/it/fr/es lists): for each word of at
   least ``min_len`` letters the Zipf frequency in every language. A text counts
   as foreign only when the best other language beats German by ``margin`` on
   average *and* most words lean that way, so a German line with a few English
   names stays German.

The frequency lists are loaded once per process (module-level cache) and word
look-ups are memoised, so per-line cost is a few dictionary hits.

Example::

    >>> verdict = foreign_verdict("© Riproduzione riservata")
    >>> verdict.lang, verdict.is_foreign
    ('it', True)
    >>> foreign_verdict("Korrespondenten der Associated Press berichteten").is_foreign
    False
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

import pycld2

from qc.lang.frequencies import frequency_dict

TARGET = "de"
#: languages with frequency lists; the first is the target language
LANGS: tuple[str, ...] = ("de", "en", "it", "fr", "es")
#: languages whose large wordfreq list is loaded (the others use the small list)
LARGE_LISTS: frozenset[str] = frozenset({"de", "en"})

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@cache
def _freq_dict(lang: str) -> dict[str, float]:
    # German and English (the usual source language) need the large lists: rare words must
    # still count for their language. For Italian, French and Spanish the small lists (words
    # with Zipf >= ~3) are enough to tell a footer or sentence, at a tenth of the memory.
    return frequency_dict(lang, "best" if lang in LARGE_LISTS else "small")


@lru_cache(maxsize=262_144)
def word_zipfs(word: str) -> tuple[float, ...]:
    """Zipf frequency (0 = unknown, 7 = 'the') of a lower-cased word in each of :data:`LANGS`."""
    out = []
    for lang in LANGS:
        f = _freq_dict(lang).get(word, 0.0)
        out.append(round(math.log10(f) + 9.0, 2) if f > 0 else 0.0)
    return tuple(out)


def words_of(text: str, min_len: int = 3) -> list[str]:
    """Lower-cased letter words of at least ``min_len`` letters (slug hyphens split words)."""
    return [w.lower() for w in _WORD.findall(text) if len(w) >= min_len]


@dataclass(frozen=True, slots=True)
class WordEvidence:
    n_words: int
    #: mean Zipf frequency per language
    mean: dict[str, float]
    #: share of words whose frequency in ``lang`` exceeds German by at least 1
    lean: dict[str, float]


def word_evidence(text: str, min_len: int = 3) -> WordEvidence:
    words = words_of(text, min_len)
    if not words:
        return WordEvidence(0, dict.fromkeys(LANGS, 0.0), dict.fromkeys(LANGS, 0.0))
    zs = [word_zipfs(w) for w in words]
    sums = [sum(col) for col in zip(*zs, strict=True)]
    leans = [0] + [sum(1 for z in zs if z[i] >= z[0] + 1.0) for i in range(1, len(LANGS))]
    n = len(words)
    return WordEvidence(
        n,
        {lang: round(s / n, 3) for lang, s in zip(LANGS, sums, strict=True)},
        {lang: round(c / n, 3) for lang, c in zip(LANGS, leans, strict=True)},
    )


@dataclass(frozen=True, slots=True)
class CldGuess:
    lang: str  # ISO code, "un" when unknown
    percent: int
    reliable: bool


@lru_cache(maxsize=65_536)
def cld_guess(text: str) -> CldGuess:
    """pycld2's top language for ``text``; unreliable for short strings."""
    try:
        reliable, _n, details = pycld2.detect(text)
    except pycld2.error:  # invalid UTF-8 such as lone surrogates
        return CldGuess("un", 0, False)
    lang, pct = details[0][1], int(details[0][2])
    return CldGuess(lang, pct, bool(reliable))


@dataclass(frozen=True, slots=True)
class LanguageVerdict:
    """Whether a text is foreign (not German), in which language, and why."""

    lang: str | None
    is_foreign: bool
    confidence: float
    evidence: dict[str, object] = field(default_factory=dict)


def foreign_verdict(
    text: str,
    *,
    margin: float = 1.0,
    min_len: int = 3,
    min_words: int = 2,
    min_lean: float = 0.5,
    cld_min_chars: int = 40,
) -> LanguageVerdict:
    """Decide whether ``text`` is in a language other than German.

    Word evidence is required in every case (``min_words`` words of ``min_len``
    letters, mean Zipf margin over German, ``min_lean`` of words leaning foreign).
    pycld2, when reliable on a long enough text, must agree with it; on short
    texts it is only a tie-breaker for the language name.
    """
    guess = cld_guess(text) if len(text) >= cld_min_chars else None
    if guess is not None and guess.reliable and guess.lang == TARGET:
        # long enough for language ID and it says German: word evidence could only disagree
        return LanguageVerdict(None, False, 0.0, {"cld2": {"lang": guess.lang, "percent": guess.percent}})
    ev = word_evidence(text, min_len)
    if ev.n_words < min_words:
        return LanguageVerdict(None, False, 0.0, {"words": ev.n_words})
    best = max(LANGS[1:], key=lambda lang: (ev.mean[lang], ev.lean[lang]))
    gap = ev.mean[best] - ev.mean[TARGET]
    details: dict[str, object] = {
        "words": ev.n_words,
        "mean_zipf": ev.mean,
        "lean": ev.lean[best],
        "margin": round(gap, 3),
    }
    if gap < margin or ev.lean[best] < min_lean:
        return LanguageVerdict(None, False, 0.0, details)
    guess = guess or cld_guess(text)
    details["cld2"] = {"lang": guess.lang, "percent": guess.percent, "reliable": guess.reliable}
    lang = guess.lang if guess.reliable and guess.lang not in (TARGET, "un") else best
    agree = guess.reliable and guess.lang == best
    confidence = min(0.99, 0.55 + 0.12 * gap + 0.2 * ev.lean[best] + (0.15 if agree else 0.0))
    return LanguageVerdict(lang, True, confidence, details)


_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,:]\d+)*")


@dataclass(frozen=True, slots=True)
class ForeignRun:
    """A stretch of words leaning to one foreign language, ``text[start:end]``."""

    start: int
    end: int
    lang: str
    leaning: int  # words that lean to ``lang``
    words: int  # all words in the run (names and numbers included)


@lru_cache(maxsize=262_144)
def lean(word: str, margin: float = 1.0) -> str | None:
    """``"de"`` for a German word, a language code for a clearly foreign one, None if neutral."""
    if word[0].isdigit():
        return None
    zs = word_zipfs(word.lower())
    best = max(range(1, len(LANGS)), key=lambda i: zs[i])
    if zs[best] >= 3.0 and zs[best] - zs[0] >= margin:
        return LANGS[best]
    if zs[0] > 0 and zs[0] - zs[best] >= 0.5:
        return TARGET
    return None


def foreign_runs(text: str, start: int = 0, end: int | None = None, *, min_leaning: int = 4,
                 margin: float = 1.0) -> list[ForeignRun]:
    """Maximal runs of words leaning to one foreign language, with no German word inside.

    Works without sentence punctuation ("… die 2022 explodiert Many are kicking
    themselves …"), so untranslated fragments are found where a sentence splitter
    would not cut. Neutral words (names, numbers, words common to both languages)
    may sit inside a run but not at its edges.

    >>> [text[r.start:r.end] for text in ["Er sagte: I will keep providing the images, danke."]
    ...  for r in foreign_runs(text)]
    ['I will keep providing the images']
    """
    end = len(text) if end is None else end
    # cheap first pass without positions: most German lines have too few foreign-leaning words
    leaning_words = 0
    for word in _TOKEN.findall(text, start, end):
        code = lean(word, margin)
        leaning_words += code is not None and code != TARGET
    if leaning_words < min_leaning:
        return []
    runs: list[ForeignRun] = []
    current: list[tuple[int, int, str | None]] = []  # (start, end, lean) of the open run

    def close() -> None:
        while current and current[-1][2] is None:
            current.pop()
        langs = [code for _, _, code in current if code is not None]
        if langs and len(langs) >= min_leaning:
            lang = max(set(langs), key=langs.count)
            runs.append(ForeignRun(current[0][0], current[-1][1], lang, langs.count(lang), len(current)))
        current.clear()

    for m in _TOKEN.finditer(text, start, end):
        leaning = lean(m.group(), margin)
        if leaning == TARGET:
            close()
        elif leaning is not None or current:
            current.append((m.start(), m.end(), leaning))
    close()
    return runs
