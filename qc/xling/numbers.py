"""Numbers, amounts, percentages, times and dates of a sentence, as comparable values.

Each :class:`Quantity` carries the set of values it may mean, so formats compare
across languages: English ``1,686`` and German ``1.686`` are both ``{1686}``;
``3.5`` and ``3,5`` both ``{3.5}``; ``1.5 billion`` and ``1,5 Milliarden`` both
``{1.5e9}``; ``3 p.m.`` is ``{180, 900}`` minutes and matches ``15 Uhr``. A German
number left in English form (``1,686``) gets the English reading only in
``alt_values``, so the check can say "right number, wrong format".

Example::

    >>> [sorted(q.values) for q in extract("Sales rose 5% to $1.5 billion.", "en")]
    [[5.0], [1500000000.0]]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Final

from qc.xling.data import number_tables
from qc.xling.value import Value
from qc.xling.word_caches import cache_for

_NO_VALUES: Final[frozenset[float]] = frozenset()


class Quantity(Value):
    """A number, amount, date or time of a text: its span, text and readings; a value (equal
    by its fields, never changed once made; see :class:`~qc.xling.value.Value`)."""

    __slots__ = ("alt_values", "end", "kind", "start", "text", "values")
    FIELDS = ("start", "end", "text", "values", "kind", "alt_values")

    def __init__(self, start: int, end: int, text: str, values: frozenset[float], kind: str = "number",
                 alt_values: frozenset[float] = _NO_VALUES) -> None:
        self.start = start
        self.end = end
        self.text = text
        #: readings in this language's conventions
        self.values = values
        #: "number" (digits), "word" (spelled out), "month", "weekday"
        self.kind = kind
        #: readings under the other convention (English digits in German text)
        self.alt_values = alt_values


# Digits with optional grouping (comma, dot, apostrophe, narrow/no-break space) and decimals.
_NUM: Final = re.compile(
    r"(?<![\d.,_])(?:\d{1,3}(?:(?:[,.'\u202f\u00a0\u2009])\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d])"
)
_TIME: Final = re.compile(
    r"(?<![\w.,])(\d{1,2})(?:[:.](\d{2}))?\s?(a\.m\.|p\.m\.|am\b|pm\b|Uhr\b|h\b(?!\s?\d{2}(?!\d)))"
    r"|(?<![\w.,])(\d{1,2}):(\d{2})(?![\d])"
    # French "14h30", "14 h 30"
    r"|(?<![\w.,])(\d{1,2})\s?h\s?(\d{2})(?![\d])",
    re.IGNORECASE,
)
_WORD: Final = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
#: a run of digits (``\d+``): ASCII digits and the code points from U+0660 on (where the other
#: scripts' digits are) are a quick range test, and the lookbehind keeps the digits among them
_DIGIT_RUN: Final = re.compile(r"[0-9\u0660-\U0010FFFF](?<=\d)\d*")
#: "Sunday Mirror", "Sunday Times": a weekday followed by a capitalised word is part of a name
_NAME_AFTER: Final = re.compile(r" [A-Z][a-z]")
#: languages that write a decimal comma and group thousands with dots or spaces ("1.500,5",
#: French "1 500,5"); the others read like English ("1,500.5")
DECIMAL_COMMA: Final = frozenset({"de", "it", "fr", "es", "pt"})
#: French groups thousands with a plain space too ("1 500 obus")
_SPACED_THOUSANDS: Final = re.compile(r"(?<![\d.,_])\d{1,3}(?: \d{3})+(?:,\d+)?(?![\d])")
#: languages whose number words, months and weekdays are written in lower case ("martedì",
#: "le 4 mars"); in English only the capitalised words count ("May 4", not "may")
_LOWER_CASE_CALENDAR: Final = frozenset({"it", "fr", "es", "pt"})
_MULT_AFTER: Final = re.compile(r"\s?([^\W\d_]+)\.?")
#: an apostrophe that cuts a year ("the class of '88"), not one inside a word
_APOSTROPHE_YEAR: Final = re.compile(r"(?<!\w)['’]$")
#: a four-digit year and a range dash right before a two-digit number ("1986-88")
_YEAR_BEFORE: Final = re.compile(r"(?<!\d)(?:19|20)\d\d[-–/]$")


@cache
def _tables(lang: str) -> tuple[dict[str, float], dict[str, float], dict[str, int], dict[str, int]]:
    t = number_tables()

    def get(section: str) -> dict:
        return {k.lower(): v for k, v in t.get(section, {}).get(lang, {}).items()}

    return get("words"), get("multipliers"), get("months"), get("weekdays")


@cache
def _idioms(lang: str) -> tuple[re.Pattern[str], ...]:
    """The language's idioms as one alternation (one pass over the text)."""
    pats = number_tables().get("idioms", {}).get(lang, [])
    return (re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE),) if pats else ()


_REGEX_SYNTAX: Final = re.compile(r"[.^$*+?{}\[\]|()]")


@cache
def _idiom_literals(lang: str) -> tuple[str, ...] | None:
    """Lower-case literals of which every idiom contains one (the idiom itself, ``\\b`` aside),
    so that a text with none of them skips the idiom pass; None when an idiom is a real pattern."""
    out = []
    for p in number_tables().get("idioms", {}).get(lang, []):
        body = p.replace("\\b", "")
        if _REGEX_SYNTAX.search(body):
            return None
        out.append(body.lower())
    return tuple(out)


def _idiom_spans(segment: str, low: str | None, lang: str, base: int) -> list[tuple[int, int]]:
    """The offsets of the language's idioms in ``segment`` (``low``: the segment in lower case,
    or None to lower-case it only if the language has idioms: German has none)."""
    literals = _idiom_literals(lang)
    if literals is not None:
        if not literals:
            return []
        if low is None:
            low = segment.lower()
        if not any(lit in low for lit in literals):
            return []
    return [(m.start() + base, m.end() + base) for p in _idioms(lang) for m in p.finditer(segment)]


@lru_cache(maxsize=8192)
def _parse_digits(s: str, lang: str) -> tuple[frozenset[float], frozenset[float]]:
    """Readings of a digit string: (native convention, other convention).

    Cached: the same digit strings (years, small counts) recur across a batch."""
    s = re.sub(r"['\u202f\u00a0\u2009 ]", "", s)
    if lang in DECIMAL_COMMA:
        thousands, decimal = ".", ","
    else:
        thousands, decimal = ",", "."

    def read(th: str, dec: str) -> float | None:
        body = s
        if th in body:
            parts = body.split(dec)[0].split(th)
            if len(parts) > 1 and not all(len(p) == 3 for p in parts[1:]):
                return None
            body = body.replace(th, "")
        if body.count(dec) > 1:
            return None
        try:
            return float(body.replace(dec, "."))
        except ValueError:
            return None

    native = read(thousands, decimal)
    other = read(decimal, thousands)
    nat = {native} if native is not None else set()
    oth = {other} if other is not None and other != native else set()
    if not nat:
        # "3.5" in German text is not German, but clearly means 3.5
        nat, oth = set(), oth or ({other} if other is not None else set())
    return frozenset(nat), frozenset(oth)


def extract(text: str, lang: str, start: int = 0, end: int | None = None,
            digits: list[Quantity] | None = None) -> list[Quantity]:
    """All quantities in ``text[start:end]`` with offsets into ``text``.

    ``digits``: the span's :func:`extract_digits`, when the caller has them already.
    """
    end = len(text) if end is None else end
    words, mults, months, weekdays = _tables(lang)
    segment = text[start:end]
    low = segment.lower()
    skip = _idiom_spans(segment, low, lang, start)
    out = _digit_quantities(text, lang, start, end, skip) if digits is None else list(digits)
    digit_spans = [(q.start, q.end) for q in out]
    taken = list(digit_spans)

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken) and not any(a < e and s < b for a, b in skip)

    # the set of distinct words is tested first; only their occurrences are visited
    for ws, we in _word_occurrences(segment, start, _candidate_words(low, lang), low):
        word = text[ws:we]
        w = word.lower()
        if not free(ws, we):
            continue
        taken.append((ws, we))
        value: float | None = _word_value(w, words, lang)
        capitalised = word[0].isupper()
        if value is not None and lang != "de" and capitalised and _mid_sentence(text, ws, start):
            value = None  # "Fox and Seven": a capitalised number word inside a sentence is a name
        if value is not None:
            out.append(Quantity(ws, we, word, frozenset({value}), "word"))
            continue
        if w in mults and len(w) > 2:
            # "millions of people" / "Millionen Menschen" without a digit before it;
            # "tens of thousands" / "Zehntausende"
            order = _ORDER_OF.search(text, max(start, ws - 16), ws) if lang == "en" else None
            factor = (10.0 if order.group(1).lower() == "tens" else 100.0) if order else 1.0
            qs = order.start() if order else ws
            out.append(Quantity(qs, we, text[qs:we], frozenset({float(mults[w]) * factor}), "word"))
            continue
        if value is None and lang == "de" and w[:5] in _weekday_stems():
            # "Montagnachmittag", "sonntägliche"
            day = float(_weekday_stems()[w[:5]])
            out.append(Quantity(ws, we, word, frozenset({day}), "weekday"))
            continue
        if lang in _LOWER_CASE_CALENDAR:
            # lower case, or capitalised at a sentence start; "Plácido Domingo" is a name
            calendar_case = not capitalised or not _mid_sentence(text, ws, start)
        else:
            calendar_case = capitalised
        if w in weekdays and calendar_case and not _NAME_AFTER.match(text, we, end):
            out.append(Quantity(ws, we, word, frozenset({float(weekdays[w])}), "weekday"))
            continue
        if w in months and calendar_case and _near_digits(ws, we, digit_spans):
            out.append(Quantity(ws, we, word, frozenset({float(months[w])}), "month"))
    if lang == "de" and "-" in segment:
        # a number word leading a hyphenated compound: "Fünf-Sterne-Bewegung", "Zwei-Staaten-Lösung"
        for a, h in compound_heads(low):
            ws, we = start + a, start + h
            if free(ws, we):
                taken.append((ws, we))
                out.append(Quantity(ws, we, text[ws:we], frozenset({float(words[low[a:h]])}), "word"))
    out.sort(key=lambda q: q.start)
    return _join_spelled_multiples(text, out)


def extract_digits(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """The quantities :func:`extract` reads from digits (numbers, amounts, clock times) in
    ``text[start:end]``, in order: the same as its quantities of kind "number" (spelled-out
    words never take a digit's place), without the dearer search for number words."""
    end = len(text) if end is None else end
    segment = text[start:end]
    return _digit_quantities(text, lang, start, end, _idiom_spans(segment, None, lang, start))


def _digit_quantities(text: str, lang: str, start: int, end: int,
                      skip: list[tuple[int, int]]) -> list[Quantity]:
    mults = _tables(lang)[1]
    out: list[Quantity] = []
    # a digit run is where every time and number starts: search those (fast) rather than
    # trying the patterns, whose lookbehinds defeat the regex engine's scan, at every position;
    # a run starts after everything taken so far (``consumed``), so only idioms can overlap it
    # (each match's offsets are read once: a match method is a Python call from compiled code)
    consumed = start
    for d in _DIGIT_RUN.finditer(text, start, end):
        ds, d_end = d.span()
        if ds < consumed:
            continue
        # every clock time opens with one or two digits: a longer run (a year, an amount) is none
        m = _TIME.match(text, ds, end) if d_end - ds <= 2 else None
        if m is not None:
            q = _time_quantity(m)
            if q is not None:
                out.append(q)
                consumed = m.end()
                continue
        spaced = _SPACED_THOUSANDS.match(text, ds, end) if lang == "fr" else None
        m = spaced or _NUM.match(text, ds, end)
        if m is None:
            continue
        ms, e = m.span()
        if skip and any(a < e and ms < b for a, b in skip):
            continue
        digits = text[ms:e]
        nat, oth = _parse_digits(digits, lang)  # frozensets (cached)
        tail = _MULT_AFTER.match(text, e, end)
        unit = tail.group(1).lower() if tail else ""
        if tail is not None and unit in mults:
            factor = mults[unit]
            ambiguous = unit in {"m", "k"}
            e = tail.end(1)
            more = _MULT_AFTER.match(text, e, end)
            if more is not None and more.group(1).lower() in mults and not ambiguous:
                # Spanish "mil millones", Portuguese "mil milhões": a thousand millions
                factor *= mults[more.group(1).lower()]
                e = more.end(1)
            nat = frozenset({v * factor for v in nat} | (nat if ambiguous else set()))
            oth = frozenset({v * factor for v in oth})
        elif lang in DECIMAL_COMMA and lang != "fr" and "." in digits:
            nat = nat | _clock_readings(digits)
        elif e - ms == 2 and ms > start and (
                _APOSTROPHE_YEAR.search(text, max(start, ms - 2), ms)
                or _YEAR_BEFORE.search(text, max(start, ms - 5), ms)):
            # a year cut to two digits ("the class of '88", "1986-88"): German may write it in full
            v = float(digits)
            nat = nat | {1900.0 + v, 2000.0 + v}
        if nat or oth:
            out.append(Quantity(ms, e, text[ms:e], nat, "number", oth))
            consumed = e
    return out


_MULTIPLES: Final = frozenset({100.0, 1e3, 1e6, 1e9, 1e12})


def _join_spelled_multiples(text: str, qs: list[Quantity]) -> list[Quantity]:
    """"two hundred", "zwei Millionen": a spelled-out number before a spelled-out multiple
    is one quantity (200; 2,000,000), as "zweihundert" and "2 million" are."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == q.kind == "word"
            and len(q.values) == 1
            and next(iter(q.values)) in _MULTIPLES
            and len(prev.values) == 1
            and 1 < next(iter(prev.values)) < next(iter(q.values))
            and text[prev.end : q.start].strip() == ""
        ):
            value = next(iter(prev.values)) * next(iter(q.values))
            out[-1] = Quantity(prev.start, q.end, text[prev.start : q.end], frozenset({value}), "word")
            continue
        out.append(q)
    return out


_ORDER_OF: Final = re.compile(r"\b(tens|hundreds)\s+of\s+$", re.IGNORECASE)
_DOTTED_TIME: Final = re.compile(r"(\d{1,2})\.(\d{2})")


def _clock_readings(s: str) -> set[float]:
    """Clock readings of a dotted "12.39" in German, Italian, Spanish or Portuguese text, where
    times are written so ("um 12.39"); the English source has "12:39" or "12.39 p.m.". (English
    "18.12" stays a decimal: against German "18.12" it is then the number format that differs.)"""
    m = _DOTTED_TIME.fullmatch(s)
    if m is None:
        return set()
    h, mi = int(m.group(1)), int(m.group(2))
    if h > 24 or mi > 59:
        return set()
    return {float(h * 60 + mi)} | ({float((h + 12) * 60 + mi)} if h < 12 else set())


def _time_quantity(m: re.Match[str]) -> Quantity | None:
    """A clock time in minutes after midnight ("3 p.m." = 900, "15 Uhr" = 900)."""
    if m.group(3):
        h, mi, suffix = int(m.group(1)), int(m.group(2) or 0), m.group(3).lower()
    elif m.group(4):
        h, mi, suffix = int(m.group(4)), int(m.group(5)), ""
    else:
        h, mi, suffix = int(m.group(6)), int(m.group(7)), "h"
    if h > 24 or mi > 59:
        return None
    vals = {float(h * 60 + mi)}
    if suffix.startswith("p") and h < 12:
        vals = {float((h + 12) * 60 + mi)}
    elif not suffix.startswith("a") and h < 12:
        vals.add(float((h + 12) * 60 + mi))  # "um 3 Uhr" may be afternoon
    if m.group(2) and m.string[m.end(1)] == ".":
        vals.add(h + mi / 100)  # "12.00 Uhr" for a British "12.00" (no suffix: a plain decimal there)
    if suffix in ("uhr", "h") and not m.group(2) and not m.group(7):
        vals.add(float(h))  # "15 Uhr" for the bare hour of Italian "alle 15", Spanish "a las 15"
    return Quantity(m.start(), m.end(), m.group(), frozenset(vals), "number")


def _word_occurrences(
    segment: str, base: int, words: list[str], low: str | None = None
) -> list[tuple[int, int]]:
    """Offsets of whole-word occurrences of the lower-case ``words`` in ``segment`` (longest first).

    A word inside a hyphenated compound does not count ("foo-two"), as for the tokeniser.
    ``low`` is ``segment.lower()`` when the caller has it.
    """
    if not words:
        return []
    low = segment.lower() if low is None else low
    if len(low) != len(segment):  # lower-casing changed offsets (rare: "İ"); compare case-sensitively
        low = segment
    out: list[tuple[int, int]] = []
    n = len(low)
    for w in sorted(words, key=len, reverse=True):
        i = low.find(w)
        while i >= 0:
            j = i + len(w)
            before = low[i - 1] if i else " "
            after = low[j] if j < n else " "
            if not (before.isalpha() or before == "-") and not (
                after.isalpha() or (after == "-" and j + 1 < n and low[j + 1].isalpha())
            ):
                out.append((base + i, base + j))
            i = low.find(w, i + 1)
    return out


def _word_value(w: str, words: dict[str, float], lang: str) -> float | None:
    if w in words:
        return float(words[w])
    if "-" in w:
        a, _, b = w.partition("-")
        if a in words and b in words and words[a] >= 20 and words[b] < 10:
            return float(words[a] + words[b])  # twenty-five
        return None
    if lang == "de" and w[:4] in _stems(lang):
        compound = _german_compound(w)
        if compound is not None:
            return compound  # "zweihundert", "Zehntausende", "dreiundzwanzig"
        # inflected ordinals and compounds: "dritten", "Dreijährige", "zweitgrößte"
        for cut in range(len(w) - 1, 3, -1):
            stem = w[:cut]
            if stem in words and words[stem] >= 2:
                return float(words[stem])
    return None


@cache
def _german_compound_head_words() -> frozenset[str]:
    """German cardinals of two or more (:func:`_german_cardinals`), as they lead a hyphenated
    compound: "Fünf-Sterne-Bewegung", "Zwei-Staaten-Lösung"."""
    return frozenset(k for k, v in _german_cardinals() if v >= 2)


#: a letter (a word character that is no digit or underscore)
_LETTER: Final = re.compile(r"[^\W\d_]")


def compound_heads(low: str) -> list[tuple[int, int]]:
    r"""The (start, end) of each German cardinal of two or more that leads a hyphenated compound
    in the lower-case ``low``: a whole word (no word character or hyphen before it) followed by a
    hyphen and a letter. The matches of ``(?<![\w-])(zwei|drei|…)-(?=[^\W\d_])``, found from
    the hyphens: the regex tries its alternation at every position.

    >>> compound_heads("die fünf-sterne-bewegung und 3-zimmer, zwei-drei-tage")
    [(4, 8), (39, 43)]
    """
    heads = _german_compound_head_words()
    out: list[tuple[int, int]] = []
    h = low.find("-")
    while h >= 0:
        a = h
        while a > 0 and (low[a - 1].isalnum() or low[a - 1] == "_"):
            a -= 1  # back over the word characters (``\w``) before the hyphen
        if a < h and (a == 0 or low[a - 1] != "-") and low[a:h] in heads and _LETTER.match(low, h + 1):
            out.append((a, h))
        h = low.find("-", h + 1)
    return out


@cache
def _german_cardinals() -> tuple[tuple[str, int], ...]:
    """German cardinal morphemes (the shortest word of each value: "zwei", "sieben", "hundert"),
    longest first, for reading compounds."""
    by_value: dict[int, str] = {}
    for k, v in sorted(_tables("de")[0].items(), key=lambda kv: (len(kv[0]), kv[0])):
        if v >= 1 and v not in by_value and k.isalpha():
            by_value[int(v)] = k
    return tuple(sorted(((k, v) for v, k in by_value.items()), key=lambda kv: -len(kv[0])))


def _german_compound(w: str) -> float | None:
    """The value of a German number written as one word of two or more cardinals
    ("zweihundert" 200, "Zehntausende" 10,000, "dreiundzwanzig" 23), ignoring an ending;
    None for one cardinal ("Dreijährige": the caller reads it)."""
    total, current, parts, i = 0, 0, 0, 0
    while i < len(w):
        if parts and w.startswith("und", i):
            i += 3
            continue
        hit = next(((m, v) for m, v in _german_cardinals() if w.startswith(m, i)), None)
        if hit is None:
            break
        morph, value = hit
        if value == 100:
            current = (current or 1) * 100
        elif value == 1000:
            total, current = total + (current or 1) * 1000, 0
        else:
            current += value
        parts += 1
        i += len(morph)
    return float(total + current) if parts >= 2 else None


@cache
def _weekday_stems() -> dict[str, int]:
    """German weekday stems, also inside compounds and adjectives ("Sonntagmorgen", "sonntägliche")."""
    stems = {k[:5]: v for k, v in _tables("de")[3].items()}
    stems.update({"sonnä": 7, "montä": 1, "samst": 6})
    return stems


def _mid_sentence(text: str, pos: int, start: int) -> bool:
    """Whether ``pos`` follows a word of its own sentence (not a line start or a sentence mark)."""
    k = pos - 1
    while k >= start and text[k] in " \t\u00a0":
        k -= 1
    return k >= start and text[k] not in "\n.!?:\"“„(«"


def _candidate_words(low: str, lang: str) -> list[str]:
    """Distinct lower-case words of ``low`` that may be number words (tested on the set, not per token).

    Outside German only whole table words count (and hyphenated ones: "twenty-five"). The
    text is read as bytes, one per character, in which every byte but an ASCII letter or a
    hyphen is a blank: its tokens are then letter runs, and those that are table words are
    found by one set intersection. Tokens with a hyphen are read as the word regex reads
    them, and table words beyond ASCII ("martedì") by a substring test. A few words may come
    out that are no words of the text (the letters of "éfive" after the "é"): the whole-word
    test of :func:`_word_occurrences` finds no occurrence of those. German needs the stems of
    compounds ("dreiundzwanzig"), so every word is tested."""
    if lang == "de":
        # each whitespace token's candidates are cached (tokens recur across a batch)
        cache = _TOKEN_CANDIDATES.get(lang)
        found_de: set[str] = set()
        for token in low.split():
            got = cache.get(token) if cache is not None else None
            if got is None:
                cache = cache_for(_TOKEN_CANDIDATES, lang)
                got = cache[token] = _german_candidates(token)
            if got:
                found_de.update(got)
        return list(found_de)
    known = _known(lang)
    ascii_words, other_words = _exact_known_bytes(lang)
    runs = low.encode("ascii", "replace").translate(_LETTER_RUNS)
    found = {w.decode() for w in ascii_words.intersection(runs.split())}
    if other_words and not low.isascii():
        found.update(w for w in other_words if w in low)
    if b"-" in runs:
        exact = _exact_known(lang)
        for token in _hyphenated_tokens(low):
            for w in _WORD.findall(token):
                if w in exact or ("-" in w and (w[:4] in known or w[:5] in known)):
                    found.add(w)
    return list(found)


#: each language's whitespace tokens (lower case) and the words of each that may be number words
#: (:func:`_german_candidates`)
_TOKEN_CANDIDATES: Final[dict[str, dict[str, tuple[str, ...]]]] = {}


def _german_candidates(token: str) -> tuple[str, ...]:
    """The words of a lower-case German whitespace token (as :func:`distinct_words` reads them)
    that may be number words: a word's first four letters are those of some table word or stem
    when it passes (one test), and German needs the stems of compounds ("dreiundzwanzig")."""
    known, heads = _known("de"), _known_heads("de")
    words = [token] if token.isalpha() else _token_words(token)
    return tuple([w for w in words if w[:4] in heads and (w in known or w[:4] in known or w[:5] in known)])


#: byte → itself for an ASCII letter or a hyphen, else a blank (with ``encode("ascii", "replace")``,
#: which writes "?" for every character beyond ASCII, one byte per character)
_LETTER_RUNS: Final = bytes(c if (65 <= c <= 90 or 97 <= c <= 122 or c == 45) else 32 for c in range(256))


def _hyphenated_tokens(text: str) -> set[str]:
    """The whitespace tokens of ``text`` (as ``str.split`` cuts them) that hold a hyphen."""
    out: set[str] = set()
    n = len(text)
    i = text.find("-")
    while i >= 0:
        a, b = i, i + 1
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < n and not text[b].isspace():
            b += 1
        out.add(text[a:b])
        i = text.find("-", b)
    return out


#: characters around a word that are no word characters (stripped before the whole-word test)
WORD_EDGE: Final = ".,;:!?\"'()[]“”‘’«»„‚–—…/"


def distinct_words(text: str) -> set[str]:
    """``set(_WORD.findall(text))`` of a lower-cased text, faster: a whitespace token that is
    all letters (once punctuation around it is stripped) is its own only match, and only the
    other tokens go through the regex.

    >>> sorted(distinct_words("two-thirds (two) of 5-year-olds, twice."))
    ['of', 'twice', 'two', 'two-thirds', 'year-olds']
    """
    out: set[str] = set()
    for token in set(text.split()):
        if token.isalpha():
            out.add(token)
        else:
            out.update(_token_words(token))
    return out


def _token_words(token: str) -> list[str]:
    """The words (``_WORD`` matches) of a whitespace token that is not all letters: the
    token itself once punctuation around it is stripped, when that leaves only letters."""
    core = token.strip(WORD_EDGE)
    return [core] if core.isalpha() else _WORD.findall(token)


def extract_by_sentence(text: str, lang: str, spans: Sequence[tuple[int, int]]) -> list[list[Quantity]]:
    """:func:`extract` over the whole text once, grouped by the sentence spans (start, end) given.

    A quantity belongs to the sentence in which it starts; one regex pass per
    document is several times cheaper than one per sentence.

    >>> by = extract_by_sentence("It cost $5. Two came.", "en", [(0, 11), (12, 21)])
    >>> [[q.text for q in qs] for qs in by]
    [['5'], ['Two']]
    """
    out: list[list[Quantity]] = [[] for _ in spans]
    if not spans:
        return out
    starts = [s for s, _ in spans]
    for q in extract(text, lang, spans[0][0], spans[-1][1]):
        k = bisect_right(starts, q.start) - 1
        if k >= 0 and q.start < spans[k][1]:
            out[k].append(q)
    return out


@cache
def _known(lang: str) -> frozenset[str]:
    """Every table word, plus 4-letter stems of German number words, for a fast pre-filter."""
    extra = frozenset(_weekday_stems()) if lang == "de" else frozenset()
    return _exact_known(lang) | _stems(lang) | extra


@cache
def _known_heads(lang: str) -> frozenset[str]:
    """The first four letters of every :func:`_known` entry: a word that is known, or whose
    4- or 5-letter prefix is, starts with one of them."""
    return frozenset(k[:4] for k in _known(lang))


@cache
def _exact_known(lang: str) -> frozenset[str]:
    """The table words themselves: the candidates outside German."""
    words, mults, months, weekdays = _tables(lang)
    return frozenset(words) | frozenset(mults) | frozenset(months) | frozenset(weekdays)


@cache
def _exact_known_bytes(lang: str) -> tuple[frozenset[bytes], tuple[str, ...]]:
    """The table words of ASCII letters (and hyphens) as bytes, and the others as they are."""
    words = _exact_known(lang)
    plain = frozenset(w.encode() for w in words if w.isascii() and w.replace("-", "").isalpha())
    return plain, tuple(sorted(w for w in words if w.encode() not in plain))


@cache
def _stems(lang: str) -> frozenset[str]:
    return frozenset(k[:4] for k, v in _tables(lang)[0].items() if len(k) >= 4 and v >= 2)


def _near_digits(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(0 <= s - b <= 3 or 0 <= a - e <= 3 for a, b in spans)


_SWAP_SEPARATORS: Final = str.maketrans(",.", ".,")


def german_form(q: Quantity) -> str | None:
    """The German spelling of an English-format digit string: ``1,686`` → ``1.686``, ``3.5`` → ``3,5``."""
    s = q.text
    if not re.fullmatch(r"[\d.,]+", s):
        return None
    return s.translate(_SWAP_SEPARATORS)
