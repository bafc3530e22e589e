"""wordfreq frequency lists, loaded once per process and shared by every module.

wordfreq caches ``get_frequency_dict`` by its exact arguments, so ``("de",)``,
``("de", "best")`` and ``("de", "large")`` would load the same German list three times
(~100 MB each). Everything in qc goes through :func:`frequency_dict`, which asks for
each list under one key.

>>> frequency_dict("de")["und"] > 0.01
True
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache

import wordfreq


@cache
def frequency_dict(lang: str, wordlist: str = "best") -> dict[str, float]:
    """Word → frequency (0..1) for ``lang``; ``wordlist`` is "best" (large where there is one) or "small"."""
    if wordlist not in ("best", "small"):
        raise ValueError(f"wordlist must be 'best' or 'small', not {wordlist!r}")
    return wordfreq.get_frequency_dict(lang, "best" if wordlist == "best" else "small")


#: wordfreq's floor: a word it does not list has frequency 1e-9, Zipf 0
_MIN_FREQ = 1e-9
#: :func:`zipf` of a word the list lacks, computed as for any other (wordfreq's floor frequency)
_ZIPF_UNLISTED = round(math.log(_MIN_FREQ, 10) + 9, 2)
#: the frequency lists by language, as :func:`zipf` reads them (one dict probe, not a cached call)
_LISTS: dict[str, dict[str, float]] = {}


def zipf(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)``, read straight from the list for a word of Latin
    letters (one token: the NFC, case-folded word; about 20x faster on a word not seen before),
    through wordfreq for anything else (digits, apostrophes, other scripts).

    >>> zipf("und", "de") == wordfreq.zipf_frequency("und", "de")
    True
    """
    if not word.isalpha():
        return wordfreq.zipf_frequency(word, lang)
    if word.isascii():
        key = word.lower()  # (NFC and case folding change nothing else in ASCII)
    elif max(word) < "\u0250":  # Latin letters (every code point below U+0250)
        key = unicodedata.normalize("NFC", word).casefold()
    else:
        return wordfreq.zipf_frequency(word, lang)
    freqs = _LISTS.get(lang)
    if freqs is None:
        freqs = _LISTS[lang] = frequency_dict(lang)
    freq = freqs.get(key, 0.0)
    got = _ZIPF_OF.get(freq)
    if got is None:
        got = _ZIPF_OF[freq] = _zipf_of(freq)
    return got


#: :func:`_zipf_of` by frequency: a list holds a few hundred distinct frequencies (wordfreq
#: stores them in bins), so one dict probe replaces two logarithms and two roundings
_ZIPF_OF: dict[float, float] = {}


def _zipf_of(freq: float) -> float:
    if freq <= _MIN_FREQ:
        return _ZIPF_UNLISTED  # (names and rare words, which the cross-lingual checks ask about most)
    # wordfreq keeps three significant digits
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)
