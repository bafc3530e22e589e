"""wordfreq frequency lists, loaded once per process and shared by every module.

wordfreq caches ``get_frequency_dict`` by its exact arguments, so ``("de",)``,
``("de", "best")`` and ``("de", "large")`` would load the same German list three times
(~100 MB each). Everything in qc goes through :func:`frequency_dict`, which asks for
each list under one key.

>>> frequency_dict("de")["und"] > 0.01
True
"""

from __future__ import annotations

from functools import cache

import wordfreq

#: languages whose large list is used ("best" is the large list for these anyway)
LARGE_LISTS: frozenset[str] = frozenset({"de", "en", "fr", "it", "es", "nl", "pt"})


@cache
def frequency_dict(lang: str, wordlist: str = "best") -> dict[str, float]:
    """Word → frequency (0..1) for ``lang``; ``wordlist`` is "best" (large where there is one) or "small"."""
    if wordlist not in ("best", "small"):
        raise ValueError(f"wordlist must be 'best' or 'small', not {wordlist!r}")
    return wordfreq.get_frequency_dict(lang, "best" if wordlist == "best" else "small")
