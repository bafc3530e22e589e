"""Refuse HTML documents instead of silently checking (or silently stripping) markup.

qc checks plain text and reports offsets into that text, so stripping tags would
make every offset point into a text the user never saw. A document is treated as
HTML when it starts like an HTML page (``<!DOCTYPE html``, ``<html``, ``<head``,
``<body``) or when HTML tags make up at least 10 % of its non-blank characters
(with at least three tags). A stray tag in prose (``Der Tag <br> blieb``) is not
HTML; detectors may still flag it as an artifact.

>>> html_reason("<!doctype html><title>x</title>")
'HTML document (starts with <!doctype html); qc checks plain text: extract the text first'
>>> html_reason("Kim trifft Putin <b>heute</b>.") is None
True
"""

from __future__ import annotations

import re

_PAGE_START = re.compile(r"\A\s*(<!doctype\s+html|<html|<head|<body)\b", re.IGNORECASE)
_TAG = re.compile(
    r"</?(?:a|abbr|article|aside|b|body|br|div|em|figure|footer|h[1-6]|head|header|hr|html|i|img|li|link|"
    r"meta|nav|ol|p|script|section|span|strong|style|table|td|th|title|tr|u|ul)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_MIN_TAGS = 3
_MIN_TAG_SHARE = 0.10


def html_reason(text: str) -> str | None:
    """Why ``text`` is HTML rather than plain text, or ``None`` when it is plain text."""
    m = _PAGE_START.match(text)
    if m:
        start = m.group(1).lower()
        return f"HTML document (starts with {start}); qc checks plain text: extract the text first"
    tags = _TAG.findall(text)
    if len(tags) < _MIN_TAGS:
        return None
    visible = sum(1 for ch in text if not ch.isspace())
    tag_chars = sum(len(t) for t in tags)
    if visible and tag_chars >= _MIN_TAG_SHARE * visible:
        return (
            f"HTML markup ({len(tags)} tags, {100 * tag_chars // visible} % of the characters); "
            "qc checks plain text: extract the text first"
        )
    return None
