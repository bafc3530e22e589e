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


# A lower-case sentence start after a full stop: the word before the stop has at
# least three letters (no abbreviation such as "z.B." or "ca.") and is no ordinal.
_LOWER_START = re.compile(r"(?<=[^\W\d_]{3})([.!?])\s+(?=[a-zäöüß])")
_ABBREVIATIONS = frozenset("bzw usw etc vgl ggf inkl evtl ca sog zzgl bspw abs ziff nr".split())


def _split_lowercase_starts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    cursor = start
    for m in _LOWER_START.finditer(text, start, end):
        word_start = m.start(1)
        while word_start > start and (text[word_start - 1].isalpha()):
            word_start -= 1
        if text[word_start : m.start(1)].lower() in _ABBREVIATIONS:
            continue
        pieces.append((cursor, m.end(1)))
        cursor = m.end()
    pieces.append((cursor, end))
    return [(s, e) for s, e in pieces if e > s]


def iter_lines(text: str) -> list[Span]:
    """Lines without their line break; empty lines included."""
    out: list[Span] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        out.append(Span(pos, pos + len(body), body))
        pos += len(raw)
    return out


def iter_paragraphs(text: str) -> list[Span]:
    """Blocks of non-blank lines separated by blank lines."""
    out: list[Span] = []
    block: list[Span] = []
    for line in iter_lines(text) + [Span(len(text), len(text), "")]:
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
        for para in syntok_segmenter.analyze(line.text):
            for sent in para:
                toks = list(sent)
                if not toks:
                    continue
                s = line.start + toks[0].offset
                e = line.start + toks[-1].offset + len(toks[-1].value)
                for ps, pe in _split_lowercase_starts(text, s, e):
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

    def line_of(self, offset: int) -> Span:
        for line in self.lines:
            if line.start <= offset <= line.end:
                return line
        return Span(len(self.text), len(self.text), "")
