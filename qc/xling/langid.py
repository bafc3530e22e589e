"""Language identification for source detection and the untranslated check (pycld2).

Example::

    >>> detect_language("The ministry said on Saturday that 58 people had died.")
    'en'
"""

from __future__ import annotations

from typing import Final

import pycld2

from qc.lang.evidence import word_evidence

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
    try:
        reliable, _, details = pycld2.detect(text)
    except pycld2.error:
        return default
    code = details[0][1] if details else "un"
    if reliable and code != "un":
        return code
    return _by_word_frequency(text) or default


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
