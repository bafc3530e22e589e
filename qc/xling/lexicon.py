"""Translated-word anchors: which entries of a small English→German lexicon two sentences share.

Numbers and names anchor only the sentences that have them; everyday sentences
("We are sorry for the delay.") need words. :func:`source_concepts` maps source
words (lower-cased, plural/tense endings stripped) to lexicon entries, and
:func:`target_concepts` maps German words to the entries whose stems they start
with (also after the participle prefix "ge-"). The lexicon is
``qc/data/xling_lexicon.toml``; a language without a table yields no concepts.

Example::

    >>> s = source_concepts("The customer bought two books.", "en")
    >>> t = target_concepts("Der Kunde kaufte zwei Bücher.")
    >>> len(s & t)
    3
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Final

from qc.xling.data import lexicon_tables
from qc.xling.word_caches import cache_for, cached

_WORD: Final = re.compile(r"[^\W\d_]+")
#: the entries of a word or sentence the lexicon has none for: one shared empty set (most words
#: have none, and the per-word caches keep each word's entries: an empty frozenset of their own
#: would take some 200 bytes and an object the garbage collector tracks, per cached word)
NO_ENTRIES: Final[frozenset[int]] = frozenset()


@cache
def _lexicon(lang: str) -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]], int, int]:
    """(source word → entry ids, German stem → entry ids, shortest and longest stem)."""
    table: dict[str, list[str]] = lexicon_tables().get(f"{lang}_de", {})
    src: dict[str, set[int]] = {}
    stems: dict[str, set[int]] = {}
    for k, (word, german) in enumerate(table.items()):
        src.setdefault(word.lower(), set()).add(k)
        for stem in german:
            stems.setdefault(stem.lower(), set()).add(k)
    lens = [len(s) for s in stems] or [0]
    return (
        {w: frozenset(v) for w, v in src.items()},
        {s: frozenset(v) for s, v in stems.items()},
        min(lens),
        max(lens),
    )


def _base_forms(word: str) -> tuple[str, ...]:
    """The word and its forms without an English inflection ending."""
    forms = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                         ("ing", "e"), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: len(word) - len(suffix)] + repl
            forms.append(base)
            if len(base) >= 4 and base[-1] == base[-2]:
                forms.append(base[:-1])  # stopped → stop, running → run
    return tuple(forms)


def source_concepts(text: str, lang: str = "en") -> frozenset[int]:
    """Lexicon entries of the words of a source sentence."""
    if not _lexicon(lang)[0]:
        return NO_ENTRIES
    return _concepts(text, lang, _SOURCE_CONCEPTS, _source_word_concepts)


def target_concepts(text: str, lang: str = "en") -> frozenset[int]:
    """Lexicon entries whose German stems start the words of a target sentence."""
    if not _lexicon(lang)[1]:
        return NO_ENTRIES
    return _concepts(text, lang, _TARGET_CONCEPTS, _target_word_concepts)


def source_word_concepts(word: str, lang: str = "en") -> frozenset[int]:
    """:func:`source_concepts` of one lower-case run of letters (cached as there)."""
    return cached(_SOURCE_CONCEPTS, lang, word, _source_word_concepts)


def target_word_concepts(word: str, lang: str = "en") -> frozenset[int]:
    """:func:`target_concepts` of one lower-case run of letters (cached as there)."""
    return cached(_TARGET_CONCEPTS, lang, word, _target_word_concepts)


#: each language's words' entries, as :func:`_source_word_concepts` and :func:`_target_word_concepts`
#: read them (words recur across a batch)
_SOURCE_CONCEPTS: Final[dict[str, dict[str, frozenset[int]]]] = {}
_TARGET_CONCEPTS: Final[dict[str, dict[str, frozenset[int]]]] = {}


def _concepts(text: str, lang: str, caches: dict[str, dict[str, frozenset[int]]],
              read: Callable[[str, str], frozenset[int]]) -> frozenset[int]:
    """The entries ``read`` gives the distinct lower-case words of ``text``, each word's cached."""
    cache = caches.get(lang)
    out: set[int] = set()
    for w in set(_WORD.findall(text.lower())):
        got = cache.get(w) if cache is not None else None
        if got is None:
            cache = cache_for(caches, lang)
            got = cache[w] = read(w, lang)
        if got:
            out |= got
    return frozenset(out) if out else NO_ENTRIES


def _source_word_concepts(word: str, lang: str) -> frozenset[int]:
    """The entries of the first form of a lower-case source word (:func:`_base_forms`) the lexicon has."""
    src = _lexicon(lang)[0]
    for form in _base_forms(word):
        hit = src.get(form)
        if hit is not None:
            return hit
    return NO_ENTRIES


def _target_word_concepts(word: str, lang: str) -> frozenset[int]:
    """The entries whose German stems start a lower-case target word (or the word after "ge")."""
    _, stems, lo, hi = _lexicon(lang)
    hits: list[frozenset[int]] = []
    for body in (word, word[2:]) if word.startswith("ge") else (word,):
        for k in range(lo, min(hi, len(body)) + 1):
            hit = stems.get(body[:k])
            if hit is not None:
                hits.append(hit)
    if len(hits) <= 1:  # (the usual case: the table's own set, or the shared empty one)
        return hits[0] if hits else NO_ENTRIES
    return frozenset().union(*hits)
