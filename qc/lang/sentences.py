"""A fast regex sentence splitter, for detectors that segment on a hot path.

syntok (``qc.segment.iter_sentences``) is thorough but costs about as much as all
heuristic detectors together; the cross-lingual checks must segment two texts and the
duplicate detector compares every sentence, so they use this splitter (the
cross-lingual detector takes syntok with ``segmenter = "syntok"``). It
splits inside each line after ``.``, ``!``, ``?`` or ``…`` (plus closing quotes or
brackets) followed by whitespace and an upper-case letter or digit, or an opening
quote or bracket before one (a blank after it allowed), except after abbreviations,
single letters and German ordinals ("am 24. Dezember"), and after the Chinese/Japanese
full stops "。！？" (a source text in those languages has no space after them). Offsets
are exact.

Example::

    >>> [s.text for s in fast_sentences("Dr. Smith met Mr. Jones on Sept. 4. They agreed.", "en")]
    ['Dr. Smith met Mr. Jones on Sept. 4.', 'They agreed.']
    >>> [s.text for s in fast_sentences("Am 3. Mai kam er. Er blieb.", "de")]
    ['Am 3. Mai kam er.', 'Er blieb.']
"""

from __future__ import annotations

import re

from qc.segment import LINE_BREAKS, Span

#: a sentence's final marks and the closing quotes and brackets after them (the first mark as a
#: class of its own, not inside the repeat: a pattern that opens with a character class lets the
#: regex engine skip in C to the next character of that class, while one that opens with a repeat
#: is tried at every position: a search through a line with no boundary costs about 3x as much)
_END_MARKS = r"[.!?…][.!?…]*[\"'”’“‘»«)\]]*"
#: ... and then whitespace and the next sentence's first character: an upper-case letter or a
#: digit, or an opening quote or bracket before one, which machine translation sometimes spaces
#: off ("wird. " Natürlich …")
_BOUNDARY = re.compile(_END_MARKS + r"(?=\s+(?:[\"'“„«»‚(\[][ \u00a0]?)?[A-ZÄÖÜÀ-Ý0-9])")
_ENDS_SENTENCE = re.compile(_END_MARKS + r"\s*$")
#: the same, plus Chinese and Japanese full stops, which no space follows (a slower scan:
#: used only on lines that have one)
_BOUNDARY_CJK = re.compile(_BOUNDARY.pattern + r"|[。！？]+[」』”’）)]*(?=\S)")
#: the last word before a full stop, with its apostrophes: "wouldn't", "John's" and "geht's" end a
#: sentence; without them the word would read as the single letter "t" or "s", an initial
_LAST_WORD = re.compile(r"(\w+(?:['’]\w+)*)\W*$")
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "mt",
        "jr",
        "sr",
        "no",
        "nr",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "col",
        "lt",
        "sgt",
        "capt",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "bzw",
        # German amounts: "5 Mio. Euro", "3 Mrd. Dollar", "2 Tsd. Einwohner"
        "mio",
        "mrd",
        "tsd",
        # German months English does not share ("3. Okt. 2020"), "Hrsg. Meier"
        "okt",
        "dez",
        "hrsg",
        # before a number only (_BEFORE_NUMBERS): "Art. 5 GG", "Kap. 3", "Bd. 2"
        "art",
        "kap",
        "bd",
        "usw",
        "vgl",
        "ggf",
        "inkl",
        "evtl",
        "ca",
        "sog",
        "zzgl",
        "bspw",
        "abs",
        "ziff",
        "str",
        "tel",
        "fig",
        "approx",
        "dept",
        "est",
        "z",
        "b",
        "d",
        "h",
        "u",
        "a",
        "o",
        "ä",
        "s",
    ]
)


def _last_word(body: str, start: int, end: int) -> str:
    """The last word of ``body[start:end]`` ("" if none): read after the last blank first
    (the regex tries every position it is given, so a short tail is cheaper)."""
    blank = body.rfind(" ", start, end)
    word = _LAST_WORD.search(body, blank + 1, end) if blank >= 0 else None
    if word is None:
        word = _LAST_WORD.search(body, start, end)
    return word.group(1) if word else ""


#: abbreviations only before a number ("No. 5", "Nr. 3", "Art. 5"): "no", "art" are also words
#: that end sentences
_BEFORE_NUMBERS = frozenset({"no", "nr", "art", "kap", "bd"})


def _digit_follows(body: str, pos: int) -> bool:
    """Whether the first character after the blanks from ``pos`` on is a digit."""
    rest = body[pos : pos + 8].lstrip()
    return rest[:1].isdigit()


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with a sentence's final mark (closing quotes and brackets after it
    allowed): a heading or a chat line without one does not.

    >>> ends_sentence("Er sagte: „Ja.“"), ends_sentence("Gipfel in Genf")
    (True, False)
    """
    return _ENDS_SENTENCE.search(text) is not None


def fast_sentences(text: str, lang: str = "de") -> list[Span]:
    """Sentences inside each line; a sentence never crosses a line break."""
    return [Span(s, e, text[s:e]) for s, e in sentence_bounds(text, lang)]


def sentence_bounds(text: str, lang: str = "de") -> list[tuple[int, int]]:
    """The (start, end) offsets of :func:`fast_sentences`, without building spans (the
    cross-lingual checks split every source this way and keep only the offsets).

    >>> sentence_bounds("Er kam.  Sie ging.\\nDann nichts.")
    [(0, 7), (9, 18), (19, 31)]
    """
    out: list[tuple[int, int]] = []
    pos = 0
    # (a text without a Chinese or Japanese full stop, nearly every one, needs no test per line)
    cjk = "。" in text or "！" in text or "？" in text
    for raw in text.splitlines(keepends=True):
        line_start = pos
        pos += len(raw)
        body = raw.rstrip(LINE_BREAKS)
        indented = body.lstrip()
        if not indented:
            continue  # a blank line
        start = len(body) - len(indented)
        boundary = _BOUNDARY_CJK if cjk and ("。" in body or "！" in body or "？" in body) else _BOUNDARY
        # one search per boundary (most lines hold one sentence: a single search finds none)
        m = boundary.search(body)
        while m is not None:
            prev = _last_word(body, start, m.start()) if m.group().startswith(".") else ""
            if not prev or not (
                (prev.lower() in _ABBREV
                 # "No. 5", "Nr. 3"; but "The owner says no. I asked …" ends a sentence
                 and (prev.lower() not in _BEFORE_NUMBERS or _digit_follows(body, m.end())))
                or (len(prev) == 1 and not prev.isdigit())
                or (lang == "de" and prev.isdigit() and len(prev) <= 2 and m.group() == ".")
            ):
                end = m.end()
                if body[start:end].strip():
                    out.append((line_start + start, line_start + end))
                start = end
                while start < len(body) and body[start].isspace():
                    start += 1
            m = boundary.search(body, m.end())
        # the rest of the line, without trailing blanks (body[start:].rstrip(), not copied)
        tail_end = len(body.rstrip())
        if tail_end > start:
            out.append((line_start + start, line_start + tail_end))
    return out
