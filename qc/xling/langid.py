"""Language identification for source detection and the untranslated check (pycld2).

Example::

    >>> detect_language("The ministry said on Saturday that 58 people had died.")
    'en'
"""

from __future__ import annotations

import pycld2

#: languages the cross-lingual checks have number/name data for; others fall back to English rules
SUPPORTED = ("en", "it", "de")


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the main language of ``text`` (``default`` when unsure)."""
    try:
        reliable, _, details = pycld2.detect(text)
    except pycld2.error:
        return default
    code = details[0][1] if details else "un"
    return code if reliable and code != "un" else default


def language_scores(text: str) -> dict[str, int]:
    """Percent of ``text`` per detected language, e.g. ``{"en": 97}``; empty when unreliable."""
    try:
        reliable, _, details = pycld2.detect(text)
    except pycld2.error:
        return {}
    if not reliable:
        return {}
    return {code: pct for _, code, pct, _ in details if code != "un"}
