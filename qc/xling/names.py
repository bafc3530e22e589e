"""Names of a source sentence and whether a German sentence renders them.

A *name* is a run of capitalised source tokens that are not capitalised common
words. Common words are told apart by frequency: a word much more frequent in
English than in German text ("Ministry", "Russian") is translated, while a name
("Putin", "Mokhber") is as frequent in German as in English, or rare in both.
Sentence starts and title-case headlines must pass a stricter test.

Matching allows German spellings: the table in ``qc/data/names_de.toml`` (Kremlin →
Kreml) plus :func:`fold`, a transliteration folding (Vladimir/Wladimir,
Pyongyang/Pjöngjang, Gorbachev/Gorbatschow all fold to the same key), genitive
and compound forms ("Putins", "Iran-Deal") and a fuzzy ratio for long names.

Example::

    >>> [n.text for n in extract_names("Vladimir Putin met Kim Jong Un in the Kremlin.", "en")]
    ['Vladimir Putin', 'Kim Jong Un', 'Kremlin']
    >>> find_name("Vladimir Putin", ["Wladimir", "Putin", "traf"]).found
    True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from wordfreq import zipf_frequency

from qc.xling.data import name_tables


@dataclass(frozen=True, slots=True)
class NameMention:
    start: int
    end: int
    text: str
    #: the name-like words of the mention (common words such as "President" dropped)
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NameMatch:
    found: bool
    #: the closest target word when not found (a mangled spelling), else ""
    near: str = ""
    similarity: float = 0.0


_CAP = re.compile(r"(?<![\w])(?:[A-Z]\.){2,}|(?<![\w])[^\W\d_a-zß-ÿ][\w]*(?:[-'’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")


def fold(word: str) -> str:
    """A spelling-insensitive key: ``fold("Wladimir") == fold("Vladimir")``."""
    w = unicodedata.normalize("NFKD", word.lower().replace("ß", "ss"))
    w = "".join(c for c in w if not unicodedata.combining(c))
    for a, b in (("dsch", "j"), ("tsch", "ch"), ("sch", "sh"), ("zh", "sh"), ("kh", "ch"), ("ck", "k"),
                 ("ph", "f"), ("y", "j"), ("v", "w"), ("-", " "), (".", "")):
        w = w.replace(a, b)
    return re.sub(r"(.)\1", r"\1", w)


@cache
def _table() -> dict[str, tuple[str, ...]]:
    return {fold(k): tuple(fold(v) for v in vs) for k, vs in name_tables().get("names", {}).items()}


@cache
def _common() -> frozenset[str]:
    return frozenset(w.lower() for w in name_tables().get("common", {}).get("words", []))


@cache
def is_common_word(word: str, lang: str = "en", strict: bool = False) -> bool:
    """True for capitalised words that are translated rather than kept ("Ministry", "Russian")."""
    w = _POSSESSIVE.sub("", word)
    if w.lower() in _common():
        return True
    if fold(w) in _table():
        return False
    freq = name_tables().get("frequency", {})
    zl = zipf_frequency(w, lang)
    zde = zipf_frequency(w, "de")
    if strict:
        # sentence starts, title case: only rare or clearly international words count as names
        return zl >= 4.0 and not (w.isupper() and len(w) > 1) and not (zde >= zl and zl < 5.0)
    if lang != "en":
        # Romance languages capitalise little besides names (no demonyms, months, titles)
        return False
    return zl >= freq.get("min_common_en", 3.0) and zl - zde >= freq.get("max_en_de_gap", 0.9)


def _is_title_case(words: list[str], lang: str) -> bool:
    """Headline case: most longer words capitalised, at least two of them common words."""
    long_words = [w for w in words[1:] if len(w) > 3]
    caps = [w for w in long_words if w[0].isupper()]
    return (
        len(long_words) >= 3
        and len(caps) >= 0.7 * len(long_words)
        and sum(is_common_word(w, lang) for w in caps) >= 2
    )


def extract_names(text: str, lang: str, start: int = 0, end: int | None = None) -> list[NameMention]:
    """Name mentions in the sentence ``text[start:end]``, offsets into ``text``."""
    end = len(text) if end is None else end
    all_words = re.findall(r"[^\W\d_]+", text[start:end])
    title = _is_title_case(all_words, lang)
    first_word = re.search(r"[^\W\d_]", text[start:end])
    first_pos = start + first_word.start() if first_word else start
    out: list[NameMention] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        if not run:
            return
        s, e = run[0].start(), run[-1].end()
        words = []
        for m in run:
            w = _POSSESSIVE.sub("", m.group())
            strict = title or m.start() == first_pos or _after_sentence_mark(text, m.start())
            if len(w) >= 2 and not is_common_word(w, lang, strict=strict):
                words.append(w)
        phrase = _POSSESSIVE.sub("", text[s:e])
        if words or fold(phrase) in _table():
            if not words:
                words = [phrase]
            out.append(NameMention(s, s + len(phrase), phrase, tuple(words)))
        run.clear()

    prev_end = -1
    for m in _CAP.finditer(text, start, end):
        gap = text[prev_end : m.start()] if prev_end >= 0 else ""
        if run and gap not in (" ", "-"):
            flush()
        run.append(m)
        prev_end = m.end()
        if _POSSESSIVE.search(m.group()):
            flush()
    flush()
    return out


def _after_sentence_mark(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos].strip()
    return before.endswith((":", "\"", "“", "(", "«", "„", "-", "–"))


def find_name(name: str, target_words: list[str], words: tuple[str, ...] = ()) -> NameMatch:
    """Whether the target renders the name: the whole phrase via the table, else each word."""
    folded_text = " " + " ".join(fold(w) for w in target_words) + " "
    key = fold(name)
    for alt in _table().get(key, ()):
        if f" {alt}" in folded_text:
            return NameMatch(True)
    folded_words = [fold(w) for w in target_words]
    best = NameMatch(True)
    for word in words or tuple(name.split()):
        m = _find_word(fold(word), folded_words, target_words)
        if not m.found and (best.found or m.similarity > best.similarity):
            best = m
    return best


def _find_word(key: str, folded: list[str], original: list[str]) -> NameMatch:
    alts = (key, *_table().get(key, ()))
    best_ratio, best_word = 0.0, ""
    for fw, ow in zip(folded, original, strict=True):
        for alt in alts:
            if fw == alt or (len(alt) >= 3 and fw.startswith(alt) and len(fw) - len(alt) <= 12):
                return NameMatch(True)
            if len(alt) >= 5 and alt in fw:
                return NameMatch(True)  # inside a compound: "Kremlsprecher"
        if len(key) >= 4 and ow[:1].isupper():
            ratio = SequenceMatcher(None, key, fw[: len(key) + 2]).ratio()
            if ratio > best_ratio:
                best_ratio, best_word = ratio, ow
    if len(key) >= 8 and best_ratio >= 0.88:
        return NameMatch(True)
    return NameMatch(False, best_word if best_ratio >= 0.6 else "", round(best_ratio, 3))
