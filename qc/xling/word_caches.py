"""Per-word caches of the cross-lingual checks: plain dicts, one per language or variant.

A hit is one probe, with no key tuple to build and no recency list to reorder (as ``lru_cache``
has), and the checks look up some 160 cached words per document. A cache that is full starts
afresh rather than evicting word by word.

    >>> caches: dict[str, dict[str, int]] = {}
    >>> cache_for(caches, "en")["two"] = 2
    >>> caches
    {'en': {'two': 2}}
    >>> cached(caches, "en", "three", lambda word, lang: len(word))
    5

A loop over a sentence's words takes ``caches.get(lang)`` once and probes that dict itself (one
probe per word); a single look-up goes through :func:`cached`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, TypeVar

#: the most entries a per-word cache holds before it starts afresh
CACHE_MAX: Final = 1 << 17

_V = TypeVar("_V")


def cache_for(caches: dict[str, dict[str, _V]], key: str) -> dict[str, _V]:
    """The per-word cache ``caches[key]`` (one per language or variant), emptied when full."""
    cache = caches.get(key)
    if cache is None:
        cache = caches[key] = {}
    elif len(cache) >= CACHE_MAX:
        cache.clear()
    return cache


def cached(caches: dict[str, dict[str, _V]], key: str, word: str, read: Callable[[str, str], _V]) -> _V:
    """``read(word, key)``, kept in the per-word cache ``caches[key]``."""
    cache = caches.get(key)
    got = cache.get(word) if cache is not None else None
    if got is None:
        got = cache_for(caches, key)[word] = read(word, key)
    return got
