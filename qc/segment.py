"""Segmentation with exact code-point offsets: lines, paragraphs, sentences, tokens.

Sentences and tokens come from syntok (MIT), which keeps offsets into the original
string. syntok never splits before a sentence that starts in lower case, which MT
output produces ("… kommt. dann ging er."), so such splits are added by one rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import syntok.segmenter as syntok_segmenter


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Token(Span):
    #: True when whitespace precedes the token in the text
    spaced: bool


# syntok is tuned on English: it ends a sentence after a German ordinal ("am 3. Oktober",
# "im 20. Jahrhundert") and then misses the next real boundary; and it never splits before a
# sentence that starts in lower case, which MT output produces ("… kommt. dann ging er.").
# So its sentences are refined: ordinal splits are merged back, then pieces are split after
# [.!?] + space when the next word starts a sentence and the word before the stop is not an
# abbreviation, an initial or an ordinal.
_ORDINAL_END = re.compile(r"(?:^|[\s(])(?:\d{1,2}|[IVXLC]{1,6})\.$")
_BOUNDARY = re.compile(r"([.!?])[\"“”»«’)]*\s+(?=[„\"»«(]?[^\W\d_])")
_CLOSERS = frozenset("\"“”»«’)")
_ABBREVIATIONS = frozenset(
    [
        "bzw", "usw", "etc", "vgl", "ggf", "inkl", "evtl", "ca", "sog", "zzgl", "bspw", "abs", "ziff",
        "nr", "dr", "prof", "st", "mio", "mrd", "tsd", "jh", "jhd", "bzgl", "dt", "engl", "frz", "ital",
        "russ", "amerik", "gegr", "geb", "gest", "verh", "hrsg", "vs", "co", "inc", "ltd", "jr", "sr",
        "mr", "mrs", "ms", "no", "str", "tel", "z", "b", "d", "h", "u", "a", "o", "ä", "s", "v", "w",
        "m",
    ]
)


def _is_abbreviation_or_ordinal(text: str, stop: int, floor: int) -> bool:
    """Is the word that ends at ``stop`` (the index of the stop) an abbreviation or ordinal?"""
    start = stop
    while start > floor and not text[start - 1].isspace():
        start -= 1
    word = text[start:stop].lstrip("(„\"'")
    if not word:
        return True
    if word.isdigit() and len(word) <= 2:
        return True  # "am 3. Oktober"; a year ("2019.") is a real end
    if "." in word:
        return True  # "z.B.", "u.a."
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _refine(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in pieces:
        if merged and _ORDINAL_END.search(text[merged[-1][0] : merged[-1][1]]):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    out: list[tuple[int, int]] = []
    for s, e in merged:
        cursor = s
        for m in _BOUNDARY.finditer(text, s, e):
            if _is_abbreviation_or_ordinal(text, m.start(1), cursor):
                continue
            end = m.end(1)
            while end < e and text[end] in _CLOSERS:
                end += 1  # closing quotes and brackets stay with their sentence
            out.append((cursor, end))
            cursor = m.end()
        out.append((cursor, e))
    return [(a, b) for a, b in out if b > a]


#: what ``str.splitlines`` breaks lines at, stripped from the end of each line
LINE_BREAKS = "\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"


def iter_lines(text: str) -> list[Span]:
    """Lines without their line break; empty lines included."""
    out: list[Span] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip(LINE_BREAKS)
        out.append(Span(pos, pos + len(body), body))
        pos += len(raw)
    return out


def iter_paragraphs(text: str) -> list[Span]:
    """Blocks of non-blank lines separated by blank lines."""
    out: list[Span] = []
    block: list[Span] = []
    for line in [*iter_lines(text), Span(len(text), len(text), "")]:
        if line.text.strip():
            block.append(line)
        elif block:
            out.append(Span(block[0].start, block[-1].end, text[block[0].start : block[-1].end]))
            block = []
    return out


def iter_sentences(text: str) -> list[Span]:
    """Sentences inside each line; a sentence never crosses a line break."""
    out: list[Span] = []
    for line in iter_lines(text):
        if not line.text.strip():
            continue
        pieces: list[tuple[int, int]] = []
        for para in syntok_segmenter.analyze(line.text):
            for sent in para:
                toks = list(sent)
                if not toks:
                    continue
                s = line.start + toks[0].offset
                e = line.start + toks[-1].offset + len(toks[-1].value)
                pieces.append((s, e))
        for ps, pe in _refine(text, pieces):
            out.append(Span(ps, pe, text[ps:pe]))
    return out


_TOKEN = re.compile(r"\w+(?:[-'’.:]\w+)*|[^\w\s]", re.UNICODE)


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words (with inner hyphens, apostrophes, dots, gender colons) and single symbols."""
    end = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), m.group(), m.start() > 0 and text[m.start() - 1].isspace())
        for m in _TOKEN.finditer(text, start, end)
    ]


class Segmentation:
    """Lazily computed segments of one text, shared by all detectors."""

    def __init__(self, text: str) -> None:
        self.text = text
        #: analyses that more than one detector needs, computed by the first that asks
        #: (keyed by the analysis and its options; see ``chrome_lines`` in the boilerplate detector)
        self.shared: dict[object, object] = {}

    @cached_property
    def lines(self) -> list[Span]:
        return iter_lines(self.text)

    @cached_property
    def content_lines(self) -> list[Span]:
        """Non-blank lines, stripped of surrounding whitespace (offsets adjusted)."""
        out = []
        for line in self.lines:
            stripped = line.text.strip()
            if stripped:
                lead = len(line.text) - len(line.text.lstrip())
                s = line.start + lead
                out.append(Span(s, s + len(stripped), stripped))
        return out

    @cached_property
    def paragraphs(self) -> list[Span]:
        return iter_paragraphs(self.text)

    @cached_property
    def sentences(self) -> list[Span]:
        return iter_sentences(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        return iter_tokens(self.text)

    @cached_property
    def fast_sentences(self) -> list[Span]:
        """German sentences by the fast regex splitter (:mod:`qc.lang.sentences`), within lines."""
        from qc.lang.sentences import fast_sentences  # (that module builds on this one)

        return fast_sentences(self.text, "de")

    def line_of(self, offset: int) -> Span:
        for line in self.lines:
            if line.start <= offset <= line.end:
                return line
        return Span(len(self.text), len(self.text), "")
