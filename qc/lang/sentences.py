"""A cheap sentence splitter for line detectors that only need rough sentence spans.

syntok (used by :class:`qc.segment.Segmentation`) is exact but costs milliseconds
per article; the duplicate and foreign-language detectors only compare or
language-test whole sentences, so a split after ``.!?…`` before an upper-case
letter, digit or opening quote is enough and keeps them fast.

Example::

    >>> [("Er kam. Sie ging!")[s:e] for s, e in rough_sentences("Er kam. Sie ging!")]
    ['Er kam.', 'Sie ging!']
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[^\d\s][.!?…])[\"'“”»«]?[ \t\u00a0]+(?=[\"„“«»(]?[A-ZÄÖÜ0-9])")


def rough_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` inside ``text[start:end]``, trailing blanks excluded."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.start()
        while stop < m.end() and text[stop] in "\"'“”»«":
            stop += 1  # a closing quote belongs to the sentence it closes
        out.append((cursor, stop))
        cursor = m.end()
    out.append((cursor, end))
    return [(s, e) for s, e in out if text[s:e].strip()]
