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
from collections.abc import Callable, Collection, Container, Iterable
from functools import cache, lru_cache
from typing import Final

from rapidfuzz.distance import Indel

from qc.lang.frequencies import zipf
from qc.lang.lexicon import LexiconUnavailable, find_dictionary, open_hunspell
from qc.xling.data import name_tables
from qc.xling.value import Value
from qc.xling.word_caches import CACHE_MAX, cache_for, cached

_ZIPF: Final[dict[str, dict[str, float]]] = {}


def zipf_frequency(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency, cached (names and words repeat across a batch; a hit is one
    probe of a dict smaller than the frequency list, without lower-casing the word)."""
    return cached(_ZIPF, lang, word, zipf)


class NameMention(Value):
    """A name in a source sentence: its span and text, its name-like words and the weak ones; a
    value (equal by its fields, never changed once made; see :class:`~qc.xling.value.Value`)."""

    __slots__ = ("end", "start", "text", "weak_words", "words")
    FIELDS = ("start", "end", "text", "words", "weak_words")

    def __init__(self, start: int, end: int, text: str, words: tuple[str, ...],
                 weak_words: tuple[str, ...] = ()) -> None:
        self.start = start
        self.end = end
        self.text = text
        #: the name-like words of the mention (common words such as "President" dropped)
        self.words = words
        #: capitalised words inside the sentence that the frequency test calls common; they
        #: count as names when the translation keeps them verbatim elsewhere ("Banksy")
        self.weak_words = weak_words


class NameMatch(Value):
    """How :func:`find_name` found a name in the target (a value, as :class:`NameMention` is)."""

    __slots__ = ("found", "near", "partial", "similarity")
    FIELDS = ("found", "near", "similarity", "partial")

    def __init__(self, found: bool, near: str = "", similarity: float = 0.0, partial: bool = False) -> None:
        self.found = found
        #: the closest target word when not found (a mangled spelling), else ""
        self.near = near
        self.similarity = similarity
        #: the last word of a multi-word name was found (a first name or title left out)
        self.partial = partial


#: a capitalised word or an initialism ("U.S."); the pattern opens with a character class so
#: that the regex engine scans for candidates in C: ranges around the capital's class (which the
#: lookbehind after it then tests exactly: a letter, not lower-case ASCII or Latin-1), because
#: ranges are quicker to test than Unicode categories; then the word boundary before it
_CAP: Final = re.compile(
    r"[A-Zª²³µ¹º¼-¾À-ÖØ-Þ\u0100-\U0010FFFF](?<=[^\W\d_a-zß-ÿ])(?<![\w#].)(?:(?<=[A-Z])\.(?:[A-Z]\.)+|[^\W_]*(?:[-'’][^\W\d_]+)*(?![\w#]))"
)
_ROMAN: Final = re.compile(r"^[IVXLC]+$")
#: the letters of :data:`_ROMAN` (a word opening with another is no Roman numeral: no regex call)
_ROMAN_LETTERS: Final = "IVXLC"
_POSSESSIVE: Final = re.compile(r"['’]s?$")
_APOSTROPHE: Final = re.compile(r"['’]")
#: what splits a capitalised token into name words: hyphens, and apostrophes before a capital
#: ("O'Mahony", "D'Alema"; not the contraction "Don't")
_PARTS: Final = re.compile(r"-|'(?=[^\W\d_a-zß-ÿ])")
#: a run of letters
_LETTERS: Final = re.compile(r"[^\W\d_]+")
#: a number between two capitalised words keeps a name together ("Movimento 5 Stelle")
_NUMBER_GAP: Final = re.compile(r" \d{1,2} ")


def _has_apostrophe(word: str) -> bool:
    """Whether ``word`` holds a straight or curly apostrophe (only then are the apostrophe
    patterns asked: most words hold none)."""
    return "'" in word or "’" in word


def without_possessive(word: str) -> str:
    """``word`` without a final "'s", "’s", "'" or "’" (``_POSSESSIVE.sub("", word)``)."""
    return _POSSESSIVE.sub("", word) if _has_apostrophe(word) else word


def _before_apostrophe(word: str) -> str:
    """What comes before the first apostrophe of ``word`` (all of it without one)."""
    return _APOSTROPHE.split(word, 1)[0] if _has_apostrophe(word) else word


def _name_parts(token: str) -> list[str]:
    """``_PARTS.split(token)``: the token split at hyphens and at apostrophes before a capital."""
    return _PARTS.split(token) if "-" in token or "'" in token else [token]


_FOLD_PAIRS: Final = (("dsch", "j"), ("tsch", "ch"), ("sch", "sh"), ("zh", "sh"), ("kh", "ch"), ("ck", "k"),
                      ("ph", "f"), ("x", "ks"), ("y", "j"), ("v", "w"), ("-", " "), (".", ""))


#: the pairs without an "h": a word without one can match no other (and no pair writes one)
_FOLD_PAIRS_WITHOUT_H: Final = tuple((a, b) for a, b in _FOLD_PAIRS if "h" not in a)


#: :func:`fold`'s results by word (one language-free cache, emptied when full)
_FOLDED: Final[dict[str, str]] = {}


def fold(word: str) -> str:
    """A spelling-insensitive key: ``fold("Wladimir") == fold("Vladimir")``.

    Cached: the names checks fold the same target words for every name they look up.
    """
    got = _FOLDED.get(word)
    if got is None:
        if len(_FOLDED) >= CACHE_MAX:
            _FOLDED.clear()
        got = _FOLDED[word] = _fold(word)
    return got


def _fold(word: str) -> str:
    w = word.lower().replace("ß", "ss")
    if not w.isascii():  # (ASCII has nothing to decompose)
        w = unicodedata.normalize("NFKD", w)
        if not w.isascii():  # (an ASCII character is never a combining mark: no look-up for those)
            w = "".join([c for c in w if c < "\x80" or not unicodedata.combining(c)])
    for a, b in _FOLD_PAIRS if "h" in w else _FOLD_PAIRS_WITHOUT_H:
        if a in w:
            w = w.replace(a, b)
    w = w.replace("ae", "a").replace("oe", "o").replace("ue", "u")  # Caesar/Cäsar
    # c before e/i → z (Nutraceutical/Nutrazeutika), other c not before h → k (Omicron/Omikron);
    # then a doubled character once, pairs from the left (as ``(.)\1`` → ``\1`` would)
    if "c" in w:
        chars = list(w)
        n = len(w)
        for i, ch in enumerate(w):
            if ch == "c":
                nxt = w[i + 1] if i + 1 < n else ""
                chars[i] = "z" if nxt in ("e", "i") else ("c" if nxt == "h" else "k")
        w = "".join(chars)
    if not _has_doubled(w):
        return w  # (most words have no doubled letter)
    out: list[str] = []
    n, i = len(w), 0
    while i < n:
        ch = w[i]
        out.append(ch)
        i += 2 if i + 1 < n and w[i + 1] == ch and ch != "\n" else 1
    return "".join(out)


def _has_doubled(w: str) -> bool:
    """Whether a character other than a line break follows itself in ``w`` (what the folding
    then writes once). Compiled, this loop takes about half the time of a search for ``(.)\\1``,
    which the regex engine tries at every position of the word."""
    prev = ""
    for ch in w:
        if ch == prev and ch != "\n":
            return True
        prev = ch
    return False


@cache
def _table() -> dict[str, tuple[str, ...]]:
    """Folded source name → folded German renderings: spellings, then adjectives."""
    table: dict[str, tuple[str, ...]] = {
        fold(k): tuple(fold(v) for v in vs) for k, vs in name_tables().get("names", {}).items()
    }
    for k, vs in name_tables().get("adjectives", {}).items():
        key = fold(k)
        table[key] = (*table.get(key, ()), *(fold(v) for v in vs))
    return table


@cache
def _exonym_stems() -> dict[str, tuple[str, ...]]:
    """Stems of the one-word German spellings ("deutsch" of Deutschland), by folded source name;
    an acronym ("UN", "USA") has none: its letters start too many words ("und", "unter")."""
    return {
        fold(k): tuple(f[: max(4, len(f) - 4)] for f in (fold(v) for v in vs) if " " not in f and len(f) >= 4)
        for k, vs in name_tables().get("names", {}).items()
    }


@cache
def _common() -> frozenset[str]:
    return frozenset(w.lower() for w in name_tables().get("common", {}).get("words", []))


def _in_common(word: str) -> bool:
    """In the [common] list, also as a plural ("Saturdays", "Iranians")."""
    low = word.lower()
    return low in _common() or (low.endswith("s") and low[:-1] in _common())


#: :func:`is_common_word` of each word in both readings, by language (bits: :data:`_PLAIN`, :data:`_STRICT`)
_COMMON_WORD: Final[dict[str, dict[str, int]]] = {}
#: the word is common in the plain reading (inside a sentence) ...
_PLAIN: Final = 1
#: ... and at a sentence start (the strict reading)
_STRICT: Final = 2


def is_common_word(word: str, lang: str = "en", strict: bool = False) -> bool:
    """True for capitalised words that are translated rather than kept ("Ministry", "Russian");
    ``strict`` for a word at a sentence start, where only very rare or clearly international
    words count as names.

    Cached: the answer depends on the word alone (tables, frequencies, the English dictionary,
    which takes two hunspell look-ups), and names recur within an article and across a batch.
    Both readings are worked out together (:func:`_common_readings`): most words asked in one
    are asked in the other too, and they share every look-up but the dictionary's.
    """
    cache = _COMMON_WORD.get(lang)
    got = cache.get(word) if cache is not None else None
    if got is None:
        got = cache_for(_COMMON_WORD, lang)[word] = _common_readings(word, lang)
    return (got & (_STRICT if strict else _PLAIN)) != 0


def _common_readings(word: str, lang: str) -> int:
    """:func:`is_common_word` of ``word`` in both readings, as bits (:data:`_PLAIN`, :data:`_STRICT`)."""
    w = without_possessive(word)
    if _in_common(w):
        return _PLAIN | _STRICT
    if fold(w) in _table():
        return 0
    if w[:1] in _ROMAN_LETTERS and _ROMAN.match(w):
        return _PLAIN | _STRICT  # "World War II"
    freq = name_tables().get("frequency", {})
    zl = zipf_frequency(w, lang)
    zde = zipf_frequency(w, "de")
    if w.isupper() and len(w) > 1 and zl >= 4.0:
        return _PLAIN | _STRICT  # shouting: "BUT", "EVEN"
    if zde < zl:
        # the German spelling of a transliterated name is what German text counts: Vladimir/Wladimir
        zde = max(zde, zipf_frequency(_germanise(w), "de"))
    rare = zl < freq.get("rare_en", 2.0) and zde < 2.0 and not _english_compound(w.lower(), lang)
    # sentence starts: only very rare or clearly international words count as names
    strict = 0 if rare or (zde >= zl - 0.3 and zl < 5.0 and zde >= 1.5) else _STRICT
    if lang != "en":
        # Romance languages capitalise little besides names (no demonyms, months, titles)
        return strict
    international = zde >= 1.5 and zl - zde < freq.get("max_en_de_gap", 0.9)
    # English uses its own place names far more than German does ("Canberra" 3.6 vs 2.7), which
    # the frequency test takes for a translated word; the English dictionary knows better
    return strict | (0 if international or rare or _english_proper_noun(w) else _PLAIN)


@cache
def _english_dictionary() -> object | None:
    """hunspell's English dictionary (Debian: hunspell-en-us), or None where it is missing."""
    try:
        return open_hunspell(*find_dictionary(("en_US", "en_GB", "en_AU", "en_CA", "en")))
    except (LexiconUnavailable, OSError):
        return None


def _english_proper_noun(word: str) -> bool:
    """Whether the English dictionary has ``word`` only capitalised ("Canberra", "Midwest"):
    a name. Demonyms (-an, -ese, -ish), capitalised in English and translated in lower case
    into German, are left to the frequency test; without the dictionary, always False."""
    h = _english_dictionary()
    if (
        h is None
        or not word[:1].isupper()
        or word.isupper()  # an acronym's lower case is never a word: no evidence either way
        or len(_before_apostrophe(word)) < 2  # "I'm", "I'll": the pronoun, not a name
        or word.endswith(("an", "ese", "ish"))
    ):
        return False
    try:
        # (the lower case first: most words asked are common words, which that settles)
        return not h.spell(word.lower()) and bool(h.spell(word))  # type: ignore[attr-defined]
    except UnicodeError:
        return False


def _germanise(word: str) -> str:
    w = word.lower()
    for a, b in (("sh", "sch"), ("ch", "tsch"), ("v", "w"), ("y", "j")):
        w = w.replace(a, b)
    return w


def _english_compound(w: str, lang: str) -> bool:
    """"Shuttlebays", "Teleloading": two frequent words glued together are no name."""
    return any(
        zipf_frequency(w[:k], lang) >= 3.0 and zipf_frequency(w[k:], lang) >= 3.0
        for k in range(4, len(w) - 3)
    )


def _is_title_case(words: list[str], lang: str) -> bool:
    """Headline case: most longer words capitalised, at least two of them common words.

    (Counted with an early exit: once the longer words in lower case are too many for the
    capitalised ones to reach 70%, the rest are not read; most sentences are no headline.)
    """
    n_long = 0
    for k in range(1, len(words)):
        if len(words[k]) > 3:
            n_long += 1
    if n_long < 3:
        return False
    needed = 0.7 * n_long
    caps: list[str] = []
    lower = 0
    for k in range(1, len(words)):
        w = words[k]
        if len(w) > 3:
            if w[0].isupper():
                caps.append(w)
            else:
                lower += 1
                if n_long - lower < needed:
                    return False
    return len(caps) >= needed and sum(is_common_word(w, lang) for w in caps) >= 2


def extract_names(text: str, lang: str, start: int = 0, end: int | None = None) -> list[NameMention]:
    """Name mentions in the sentence ``text[start:end]``, offsets into ``text``."""
    end = len(text) if end is None else end
    all_words = _LETTERS.findall(text, start, end)
    title = _is_title_case(all_words, lang)
    first_word = _LETTERS.search(text, start, end)
    first_pos = first_word.start() if first_word else start
    out: list[NameMention] = []
    run: list[re.Match[str]] = []
    prev_end = -1
    for m in _CAP.finditer(text, start, end):
        gap = text[prev_end : m.start()] if prev_end >= 0 else ""
        if run and gap not in (" ", "-") and not (3 <= len(gap) <= 4 and _NUMBER_GAP.fullmatch(gap)):
            _flush_names(text, lang, run, title, first_pos, out)
        run.append(m)
        prev_end = m.end()
        token = m.group()
        if _has_apostrophe(token) and _POSSESSIVE.search(token):
            _flush_names(text, lang, run, title, first_pos, out)
    _flush_names(text, lang, run, title, first_pos, out)
    return out


def _flush_names(text: str, lang: str, run: list[re.Match[str]], title: bool, first_pos: int,
                 out: list[NameMention]) -> None:
    """The name mention of ``run``, a run of capitalised words of :func:`extract_names`'s
    sentence (``title``: the sentence is in headline case; ``first_pos``: where its first word
    starts), appended to ``out``; ``run`` is emptied. (A module function, not a closure: a
    compiled closure is called as a Python object.)"""
    if not run:
        return
    s, e = run[0].start(), run[-1].end()
    words: list[str] = []
    weak: list[str] = []
    for m in run:
        # parts split at hyphens and apostrophes, as the target's words are ("O'Mahony":
        # "O", "Mahony"; the one-letter part is no name word)
        for w in _name_parts(without_possessive(m.group()).replace("’", "'")):
            if len(w) < 2 or not w[0].isupper():
                continue
            if title:
                # headline case: only names the tables know or very rare words
                if fold(w) in _table() or (zipf_frequency(w, lang) < 2.5 and not is_common_word(w, lang)):
                    words.append(w)
                continue
            strict = m.start() == first_pos or _after_sentence_mark(text, m.start())
            if not is_common_word(w, lang, strict=strict):
                words.append(w)
            elif not strict and w.lower() not in _common() and not w.isupper():
                weak.append(w)
    if words and all(_written_lowercase(w, text) for w in words):
        # every name-like word is one the document also writes in lower case: a title-cased
        # label ("tap Sync Now" after "when the sync is complete"), not a name
        words = []
    phrase = without_possessive(text[s:e])
    if fold(phrase) not in _table():
        # the name itself without leading titles ("Vice President"), or, when the table knows
        # it without some leading words, that ("El Banco Central Europeo": "Banco" is a
        # common word; "The United Nations": both words are) — never dropping a name word
        a = phrase.find(words[0]) if words else len(phrase)
        known = next((m.start() - s for m in run[1:] if m.start() - s <= a
                      and fold(without_possessive(text[m.start() : e])) in _table()), None)
        a = known if known is not None else (a if words else 0)
        s, phrase = (s + a, phrase[a:]) if a > 0 else (s, phrase)
    if not words and fold(phrase) in _table():
        words = [phrase]
    if words or weak:
        out.append(NameMention(s, s + len(phrase), phrase, tuple(words), tuple(weak)))
    run.clear()


def _written_lowercase(word: str, text: str) -> bool:
    """Whether the document also writes ``word`` in lower case, as a whole word, so it is a
    common word in title case (a button label, a product name made of ordinary words),
    unless the tables know it."""
    low = word.lower()
    i = text.find(low)
    while i >= 0:
        j = i + len(low)
        if (i == 0 or not text[i - 1].isalpha()) and (j == len(text) or not text[j].isalpha()):
            return fold(word) not in _table()
        i = text.find(low, i + 1)
    return False


#: :func:`name_words_in` results: every name word is in the target verbatim (or common) ...
PRESENT: Final = "present"
#: ... some only in a German spelling the name test accepts (Germany/Deutschlands) ...
RENDERED: Final = "rendered"
#: ... or some name word is missing: the names must be extracted and looked for
MISSING: Final = "missing"


def capitalised_tokens(text: str, start: int, end: int) -> list[str]:
    """The capitalised words and initialisms of ``text[start:end]``, as :func:`name_words_in`
    reads them.

    >>> capitalised_tokens("The U.S. envoy met Kim Jong-un.", 0, 31)
    ['The', 'U.S.', 'Kim', 'Jong-un']
    """
    return _CAP.findall(text, start, end)


def name_words_in(text: str, start: int, end: int, present: Collection[str],
                  kept: Container[str] = frozenset(), lang: str = "en",
                  folded: Callable[[], tuple[list[str], str]] | None = None,
                  capitalised: list[str] | None = None,
                  classes: list[WordClasses | None] | None = None) -> str:
    """Whether the name words of ``text[start:end]`` are in ``present``, decided without
    :func:`extract_names`: each capitalised word is either present, a common word in every
    position (sentence start or not) that could not become a name, or rendered in a German
    spelling :func:`renders` accepts (then the name test would find it; :data:`RENDERED`,
    as capitalised source words are then missing verbatim, which the misspelling test reads).

    ``kept`` holds the words the whole translation keeps verbatim (a common word kept
    verbatim may count as a name, see ``NameMention.weak_words``). ``folded`` returns
    :func:`folded_words` of ``present`` (any order, repeats allowed) when the caller
    shares them with :func:`find_name`; ``capitalised``: :func:`capitalised_tokens` of the
    sentence, when the caller keeps them, and ``classes``: a list beside them that keeps each
    token's word classes once read (None until then; a source sentence keeps it, so a source
    checked again asks no cache). ``present`` is best a set (it is asked for each capitalised
    word).

    >>> name_words_in("The talks with Putin ended.", 0, 27, {"Putin", "Gespräche"}, lang="en")
    'present'
    >>> name_words_in("The talks in Germany ended.", 0, 27, {"Deutschland", "Gespräche"}, lang="en")
    'rendered'
    """
    if capitalised is None:
        capitalised = capitalised_tokens(text, start, end)
    status = PRESENT  # (the usual outcome: every capitalised token is in the translation verbatim)
    rendered: tuple[list[str], str] | None = None
    sentence = ""
    for k in range(len(capitalised)):
        g = capitalised[k]
        if g in present:
            continue
        token_classes = classes[k] if classes is not None else None
        if token_classes is None:
            token_classes = _word_classes(g, lang)
            if classes is not None:
                classes[k] = token_classes
        for w, name_like, phrases in token_classes:
            if w in present:
                continue
            if phrases and not sentence:
                sentence = text[start:end]
            in_phrase = bool(phrases) and any(p in sentence for p in phrases)
            counts = in_phrase or name_like or (w in kept and not w.isupper())
            if counts and not _written_lowercase(w, text):
                if in_phrase:
                    return MISSING
                rendered = rendered or (folded() if folded is not None else folded_words(present))
                if not renders(fold(w), *rendered):
                    return MISSING
                status = RENDERED
    return status


#: what :func:`name_words_in` needs to know of a capitalised token apart from the text
#: (:func:`_word_classes`): its words that could be name words, each with whether it is name-like
#: and the multi-word table names it may start
WordClasses = tuple[tuple[str, bool, tuple[str, ...]], ...]


_WORD_CLASSES: Final[dict[str, dict[str, WordClasses]]] = {}


def _word_classes(token: str, lang: str) -> WordClasses:
    """What :func:`name_words_in` needs to know of a capitalised token, apart from the text:
    its words (possessive dropped, split at hyphens and at apostrophes before a capital) that
    could be name words, each with whether it is a name in some position (not a common word at
    a sentence start or inside a sentence) and the multi-word table names it may start. Words
    of the [common] list and lower-case or one-letter parts are left out (cached)."""
    return cached(_WORD_CLASSES, lang, token, _read_word_classes)


def _read_word_classes(token: str, lang: str) -> WordClasses:
    if _has_apostrophe(token):
        token = _POSSESSIVE.sub("", token).replace("’", "'")
    out: list[tuple[str, bool, tuple[str, ...]]] = []
    for w in _name_parts(token):
        if len(w) < 2 or not w[0].isupper() or _in_common(w):
            continue
        name_like = not is_common_word(w, lang) or not is_common_word(w, lang, strict=True)
        out.append((w, name_like, _phrase_heads().get(w, ())))
    return tuple(out)


@cache
def _phrase_heads() -> dict[str, tuple[str, ...]]:
    """Multi-word table names by their first word ("White" → "White House")."""
    heads: dict[str, list[str]] = {}
    for k in name_tables().get("names", {}):
        if " " in k:
            heads.setdefault(k.split()[0], []).append(k)
    return {h: tuple(v) for h, v in heads.items()}


def _after_sentence_mark(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` may start a (quoted) sentence: after a colon, a dash or an
    *opening* quote. A straight quote followed by a space closes a quotation
    (``…," Biden said``), and the word after it continues the sentence."""
    before = text[max(0, pos - 3) : pos]
    if before.endswith(("\" ", "” ")):
        return False
    return before.strip().endswith((":", "\"", "“", "(", "«", "„", "-", "–"))


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """2·matches / total length (difflib's ratio, as an LCS: rapidfuzz's Indel similarity), 0..1.

    Rounded so that thresholds such as 0.7 compare alike on every platform; a value
    not above ``floor`` may be returned as 0 (the computation stops early).
    """
    return round(Indel.normalized_similarity(a, b, score_cutoff=floor), 9)


def find_name(name: str, target_words: list[str], words: tuple[str, ...] = (),
              no_near: frozenset[str] = frozenset(),
              folded_target: tuple[list[str], str] | None = None) -> NameMatch:
    """Whether the target renders the name: the whole phrase via the table, else each word.

    Words in ``no_near`` (capitalised common words) are never matched to a near spelling.
    ``folded_target``: :func:`folded_words` of ``target_words``, when the caller has it.
    """
    words = words or tuple(name.split())
    if words and all(w in target_words for w in words):
        return NameMatch(True)  # kept verbatim, the usual case: no folding or fuzzy matching needed
    # the folded words, each between NULs: one substring test asks "does any word contain /
    # start with / equal this spelling" at C speed (folded words hold no NUL and no blank)
    folded, joined = folded_target if folded_target is not None else folded_words(target_words)
    key = fold(name)
    for alt in _table().get(key, ()):
        # the spelling starting a word, word by word ("weißes haus": its blanks are NULs here);
        # a short one (an acronym: "eu", "un", "usa") must be a whole word, not a word's start
        needle = "\0" + alt.replace(" ", "\0")
        if (needle + "\0" if len(alt) <= 3 else needle) in joined:
            return NameMatch(True)
    best = NameMatch(True)
    last_found = True
    for k, word in enumerate(words):
        m = _find_word(word, folded, target_words, joined)
        if word in no_near and not m.found:
            m = NameMatch(False, "", m.similarity)
        if k == len(words) - 1:
            last_found = m.found
        if not m.found and (best.found or m.similarity > best.similarity):
            best = m
    if not best.found and last_found and len(words) > 1 and not best.near:
        return NameMatch(False, "", best.similarity, partial=True)
    return best


def renders(key: str, folded: list[str], joined: str) -> bool:
    """Whether the folded target words render the folded name word ``key`` in one of its
    spellings (itself or the table's): equal to it, starting with it (an inflection, at
    most 12 more letters; spellings of 3+ letters), containing it (a compound:
    "Kremlsprecher"; 5+ letters; also without a final vowel before a linking "s":
    "Quirinale" in "Quirinalspalast"), or starting with an exonym's stem (Deutschland/deutschen);
    a demonym of a place in the table counts as that place ("Midwesterner": "Mittleren Westen").
    ``joined`` is ``folded`` between NULs (substring tests in C)."""
    for alt in (key, *_table().get(key, ()), *_demonym_base_spellings(key)):
        if len(alt) >= 5:
            if alt in joined or (len(alt) >= 7 and alt[-1] in "aeio" and alt[:-1] + "s" in joined):
                return True
        elif len(alt) >= 3:
            if "\0" + alt in joined and any(fw.startswith(alt) and len(fw) - len(alt) <= 12 for fw in folded):
                return True
        elif "\0" + alt + "\0" in joined:
            return True
    return any("\0" + stem in joined for stem in _exonym_stems().get(key, ()))


#: endings that make a demonym of a place name ("Midwest|erner", "London|er", "Paris|ians")
_DEMONYM_ENDINGS: Final = ("erners", "erner", "ers", "er", "ians", "ian", "ans", "an", "ites", "ite", "ese")


@lru_cache(maxsize=1 << 16)
def _demonym_base_spellings(key: str) -> tuple[str, ...]:
    """The table's German spellings of the place a folded demonym names ("midwesterner" →
    "mittleren westen"): German often says "aus dem Mittleren Westen" for "Midwesterner"."""
    table = _table()
    for ending in _DEMONYM_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 4:
            spellings = table.get(key[: -len(ending)])
            if spellings:  # a spelling of several words, word by word (NULs stand between words)
                return tuple(sp.replace(" ", "\0") for sp in spellings)
    return ()


def folded_words(words: Iterable[str]) -> tuple[list[str], str]:
    """The folded words and the same joined between NULs, as :func:`renders` takes them."""
    folded = [fold(w) for w in words]
    return folded, "\0" + "\0".join(folded) + "\0"


def _find_word(word: str, folded: list[str], original: list[str], joined: str) -> NameMatch:
    """Whether a target word renders ``word`` (:func:`renders`); else the closest capitalised
    word, if close. ``joined`` is ``folded`` between NULs."""
    key = fold(word)
    if renders(key, folded, joined):
        return NameMatch(True)
    # not found: the closest capitalised word (similarity stops early below the best so far)
    best_ratio, best_word = 0.0, ""
    if len(key) >= 4:
        for fw, ow in zip(folded, original, strict=True):
            if not ow[:1].isupper():
                continue
            ratio = similarity(key, fw[: len(key) + 2], best_ratio)
            if ratio > best_ratio:
                best_ratio, best_word = ratio, ow
    if len(key) >= 8 and best_ratio >= 0.88:
        return NameMatch(True)
    if (
        best_ratio >= 0.7
        and best_word[:2].lower() == key[:2]
        and key not in _table()
        and zipf_frequency(word, "en") >= 3.0
        and zipf_frequency(best_word, "de") >= 2.0
    ):
        return NameMatch(True)  # a translated cognate of a common word: Vampire/Vampir, Chronicles/Chroniken
    return NameMatch(False, best_word if best_ratio >= 0.7 else "", round(best_ratio, 3))
