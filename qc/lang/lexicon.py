"""German lexicon access: hunspell (Debian's hunspell-de-de) plus wordfreq frequencies.

The dictionary is found on a search path (``QC_HUNSPELL_PATH``, then hunspell's own
``DICPATH``, then the usual system folders) and loaded once per process; every
lookup is cached, because news copy repeats its words and names.

Example::

    >>> lex = german_lexicon()
    >>> lex.known("Gespräche"), lex.known("Gesprche")
    (True, False)
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

#: folders searched for ``<lang>.dic``/``<lang>.aff`` after the environment variables
DEFAULT_DICT_DIRS: tuple[str, ...] = (
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell",
    "~/.local/share/hunspell",
    "~/Library/Spelling",
)

INSTALL_HINT = (
    "the spelling detector needs the hunspell Python binding and a German hunspell dictionary: "
    "on Debian/Ubuntu `apt-get install hunspell-de-de libhunspell-dev` and `pip install hunspell`; "
    "or point QC_HUNSPELL_PATH at a folder holding {lang}.dic and {lang}.aff; "
    "or disable the detector ([detectors.spelling] enabled = false)"
)

#: word-formation data (linking elements, verb particles, grade endings): qc/data/lexicon_de.toml
_MORPHOLOGY = tomllib.loads((Path(__file__).resolve().parent.parent / "data" / "lexicon_de.toml")
                           .read_text(encoding="utf-8"))
_LINKS: tuple[str, ...] = ("", *_MORPHOLOGY["links"])
PARTICLES: frozenset[str] = frozenset(_MORPHOLOGY["particles"])
_GRADE_ENDINGS: tuple[str, ...] = tuple(sorted(_MORPHOLOGY["grade_endings"], key=len, reverse=True))
_AGENT_ENDINGS: tuple[str, ...] = tuple(sorted(_MORPHOLOGY["agent_endings"], key=len, reverse=True))


class LexiconUnavailable(RuntimeError):
    """The hunspell binding or the dictionary is missing."""


def open_hunspell(dic: Path, aff: Path) -> object:
    """A hunspell checker for ``dic``/``aff``; :class:`LexiconUnavailable` without the binding."""
    try:
        import hunspell  # type: ignore[import-not-found]
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise LexiconUnavailable("the hunspell binding is not installed; "
                                 + INSTALL_HINT.format(lang=dic.stem)) from exc
    return hunspell.HunSpell(str(dic), str(aff))


def dictionary_dirs(extra: Iterable[str] = ()) -> list[Path]:
    """The folders searched for a hunspell dictionary, in order."""
    dirs: list[str] = list(extra)
    for var in ("QC_HUNSPELL_PATH", "DICPATH"):
        dirs.extend(p for p in os.environ.get(var, "").split(os.pathsep) if p)
    dirs.extend(DEFAULT_DICT_DIRS)
    return [Path(d).expanduser() for d in dirs]


def find_dictionary(langs: Sequence[str] = ("de_DE", "de_AT", "de_CH", "de"),
                    extra_dirs: Iterable[str] = ()) -> tuple[Path, Path]:
    """``(dic, aff)`` of the first language found on the search path."""
    dirs = dictionary_dirs(extra_dirs)
    for lang in langs:
        for d in dirs:
            dic, aff = d / f"{lang}.dic", d / f"{lang}.aff"
            if dic.is_file() and aff.is_file():
                return dic, aff
    searched = ", ".join(str(d) for d in dirs)
    raise LexiconUnavailable(f"no hunspell dictionary {'/'.join(langs)} in {searched}; "
                             + INSTALL_HINT.format(lang=langs[0]))


def zipf(freq: float) -> float:
    """wordfreq's Zipf scale: log10 of frequency per billion words (0 = unknown)."""
    return math.log10(freq) + 9.0 if freq > 0 else 0.0


@dataclass(frozen=True, slots=True)
class Suggestion:
    word: str
    score: float


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (adjacent transpositions cost 1)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


class GermanLexicon:
    """hunspell spelling + wordfreq frequencies, all lookups cached.

    >>> lex = german_lexicon()
    >>> lex.compound_known("Separatistengebiete")  # hunspell alone rejects it
    True
    """

    def __init__(self, dic: Path, aff: Path, *, frequent_zipf: float = 3.0) -> None:
        self.path = dic
        self._h = open_hunspell(dic, aff)
        self._frequent_zipf = frequent_zipf
        # per-instance caches (lru_cache on bound methods would pin the instance)
        self.known = lru_cache(maxsize=200_000)(self._known)  # type: ignore[method-assign]
        self.compound_known = lru_cache(maxsize=50_000)(self._compound_known)  # type: ignore[method-assign]
        self.suggest = lru_cache(maxsize=20_000)(self._suggest)  # type: ignore[method-assign]
        self.near_frequent = lru_cache(maxsize=50_000)(self._near_frequent)  # type: ignore[method-assign]
        self.verbal_tail_fixes = lru_cache(maxsize=100_000)(self._verbal_tail_fixes)  # type: ignore[method-assign]
        self._deletes: dict[str, list[str]] | None = None

    # -- hunspell -------------------------------------------------------------
    def add(self, words: Iterable[str]) -> None:
        """Accept extra words (an allow list); compounds built on them are accepted too."""
        for w in words:
            self._h.add(w)
        self.known.cache_clear()
        self.compound_known.cache_clear()

    def _known(self, word: str) -> bool:
        """hunspell accepts the word (its capitalised variants of lower-case entries included)."""
        return bool(self._h.spell(word))

    def _compound_known(self, word: str, depth: int = 2) -> bool:
        """The word is a compound of known parts hunspell does not list.

        Splits into head + tail (tail at least 4 letters, head at least 3 or a verb
        particle), the tail known in the word's own case, the head known as is,
        capitalised or after removing a linking element ("Separatisten|gebiete",
        "atom|getriebenen", "zu|rief"); lower-case words may also be inflected
        forms of known words (:meth:`_inflected_known`).
        """
        if self.known(word):
            return True
        if depth == 0 or len(word) < 6:
            return False
        cap = word[0].isupper()
        if self._inflected_known(word):
            return True
        for i in range(len(word) - 4, 1, -1):
            head, tail = word[:i], word[i:]
            if i == 2 and head not in PARTICLES:
                continue
            tail_form = tail.capitalize() if cap else tail
            if not (self.known(tail_form) or (cap and self.known(tail))):
                continue
            if not cap and head in PARTICLES:
                return True  # "zu|rief", "zurück|stürmen"
            for link in _LINKS:
                if link and not head.endswith(link):
                    continue
                stem = head[: len(head) - len(link)] if link else head
                if len(stem) < 3:
                    continue
                if self.known(stem) or self.known(stem.capitalize()) or (
                    depth > 1 and self._compound_known(stem.capitalize(), depth - 1)
                ):
                    return True
        return False

    def _inflected_known(self, word: str) -> bool:
        """Forms the dictionary lacks but German grammar builds from known words.

        "weiter|zu|helfen" (zu-infinitive of a particle verb), "jugendlich|ere"
        (comparative/superlative of a known adjective), "Missbrauch|er" (agent noun
        of a known verb).
        """
        if word[0].isupper():
            low = word.lower()
            for ending in _AGENT_ENDINGS:
                base = low[: -len(ending)]
                if low.endswith(ending) and len(base) >= 4 and self.known(base + "en"):
                    return True
            return False
        for i in range(2, len(word) - 4):
            if word[i:i + 2] == "zu" and word[:i] in PARTICLES and self._compound_known(
                    word[:i] + word[i + 2:], 1):
                return True
        for ending in _GRADE_ENDINGS:
            base = word[: -len(ending)]
            if word.endswith(ending) and len(base) >= 4 and self.known(base):
                return True
        return False

    def _suggest(self, word: str) -> tuple[Suggestion, ...]:
        """hunspell's suggestions, best first, scored by rank and edit distance (slow: cached)."""
        out: list[Suggestion] = []
        for rank, s in enumerate(self._h.suggest(word)[:8]):
            if " " in s or ("-" in s and "-" not in word):
                continue  # "nach hallen", "-raketen", "Haupts-tat": splits and fragments are no repairs
            d = edit_distance(word.lower(), s.lower())
            score = round(1.0 / (1 + rank) * (1.0 / d if d else 1.0), 4)
            out.append(Suggestion(s, score))
        return tuple(sorted(out, key=lambda s: -s.score))

    def _verbal_tail_fixes(self, word: str) -> tuple[str, ...]:
        """Nouns meant by a rare compound noun whose last part is a verb form, one letter short.

        "Militärvertreten" (hunspell accepts it: "Militär" + the verb "vertreten") most
        likely means "Militärvertretern": the tail is a verb form, not a noun (no
        noun paradigm in hunspell, its genitive "-s" form rare in wordfreq), and inserting
        one letter before its last letter gives a frequent noun-only form. Empty when in doubt.

        >>> german_lexicon().verbal_tail_fixes("Militärvertreten")
        ('Militärvertretern',)
        """
        if "-" in word or not word[:1].isupper() or self.zipf(word) >= 1.0 or not self.known(word):
            return ()
        for i in range(3, len(word) - 4):
            head, tail = word[:i], word[i:]
            if len(tail) < 6 or tail == "innen" or not self.known(tail):
                continue  # the tail must be a lower-case word: a verb form (not the suffix "-innen")
            if not (self.known(head) or self.known(head.capitalize())
                    or (head.endswith("s") and self.known(head[:-1]))):
                continue
            if max(self.zipf(tail + "s"), self.zipf(tail + "es")) >= 2.0:
                continue  # the tail is a noun too ("Verfahren", "des Verfahrens")
            cap = tail.capitalize()
            stems = {b.decode("utf-8", "replace") for b in self._h.stem(cap)}
            if any(st[:1].isupper() and st != cap for st in stems):
                continue  # the tail is an inflected noun ("Kriegen" of "Krieg")
            fixes = [
                n for n in self.near_frequent(tail)
                if len(n) == len(tail) + 1 and n[:-2] == tail[:-1] and n[-1] == tail[-1]
                and self.zipf(n) >= 3.0 and self.known(n.capitalize()) and not self.known(n)
            ]
            if fixes:
                return tuple(head + n for n in sorted(fixes, key=lambda n: -self.zipf(n)))
        return ()

    # -- wordfreq -------------------------------------------------------------
    def zipf(self, word: str, lang: str = "de") -> float:
        """wordfreq Zipf frequency of a single word (0.0 when unknown)."""
        return _zipf(word.lower(), lang)

    def _build_deletes(self) -> dict[str, list[str]]:
        # symmetric-delete index of frequent German word forms (cf. SymSpell):
        # two words are within one edit when they share a key
        import wordfreq

        freqs = _freq_dict("de")
        index: dict[str, list[str]] = {}
        for w in wordfreq.iter_wordlist("de"):  # most frequent first: stop at the threshold
            if zipf(freqs.get(w, 0.0)) < self._frequent_zipf:
                break
            if not w.isalpha() or len(w) < 4:
                continue
            for key in {w} | {w[:i] + w[i + 1:] for i in range(len(w))}:
                index.setdefault(key, []).append(w)
        return index

    def _near_frequent(self, word: str) -> tuple[str, ...]:
        """Frequent German word forms (wordfreq Zipf ≥ ``frequent_zipf``) one edit away.

        >>> german_lexicon().near_frequent("regirung")
        ('regierung',)
        """
        if self._deletes is None:
            self._deletes = self._build_deletes()
        w = word.lower()
        keys = {w} | {w[:i] + w[i + 1:] for i in range(len(w))}
        found: set[str] = set()
        for k in keys:
            for cand in self._deletes.get(k, ()):
                if cand != w and edit_distance(w, cand) == 1:
                    found.add(cand)
        return tuple(sorted(found))


def _freq_dict(lang: str) -> dict[str, float]:
    from qc.lang.frequencies import frequency_dict

    return frequency_dict(lang)


@lru_cache(maxsize=200_000)
def _zipf(word: str, lang: str) -> float:
    return zipf(_freq_dict(lang).get(word, 0.0))


@cache
def german_lexicon(
    extra_dirs: tuple[str, ...] = (),
    langs: tuple[str, ...] = ("de_DE", "de_AT", "de_CH", "de"),
    allow_files: tuple[str, ...] = (),
    frequent_zipf: float = 3.0,
) -> GermanLexicon:
    """The German lexicon for these settings, loaded once per process (cached).

    ``allow_files`` are word lists (one word a line, ``#`` comments) added to the
    dictionary. Raises :class:`LexiconUnavailable` when hunspell or the dictionary is missing.
    """
    dic, aff = find_dictionary(langs, extra_dirs)
    lex = GermanLexicon(dic, aff, frequent_zipf=frequent_zipf)
    for path in allow_files:
        lex.add(read_word_list(path))
    return lex


#: the project's allow list: news words newer than the Debian dictionary ("Lockdown", "Brexit")
ALLOW_FILE = Path(__file__).resolve().parent.parent / "data" / "spelling_allow.txt"


def project_lexicon(
    extra_dirs: tuple[str, ...] = (),
    langs: tuple[str, ...] = ("de_DE", "de_AT", "de_CH", "de"),
    allow_file: str | None = None,
) -> GermanLexicon:
    """The lexicon every check uses: :func:`german_lexicon` with the project's allow list
    (:data:`ALLOW_FILE`) and the user's, so that the spelling detector, the fluency
    candidates and the cross-lingual name check agree on what is a German word and
    share one hunspell session (and its caches) per process.
    """
    allow = (str(ALLOW_FILE), *([allow_file] if allow_file else []))
    return german_lexicon(tuple(extra_dirs), tuple(langs), allow)


def read_word_list(path: str | Path) -> list[str]:
    """Words of a list file: one a line, ``#`` starts a comment, blank lines ignored."""
    words = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return words
