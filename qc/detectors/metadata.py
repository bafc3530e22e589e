"""Metadata fields, category slugs, timestamps and URLs leaked into the article body.

Rules:

* **field line** — a short line "name: value" with a known field name
  ("id: 12345", "category: Politik", "Veröffentlicht: 11.09.2023");
* **field prefix** — such a field opening a longer paragraph; only the field is cut;
* **bare field** — a lower-case English key and a date/number without separator
  (" date 2023-09 Es dauert …"), at the start of a line or after a sentence;
* **timestamp** — an ISO date/time as a whole line or opening a line;
* **dateline** — a short line that is a date (and time) with a few words around it
  ("Aktualisiert am 12.09.2023", "Von Max Muster | 12.09.2023, 10:22 Uhr");
* **category slug** — a line shaped like a slug ("toi-allgemeines") whose words are
  not clearly another language (those are the foreign-language detector's);
* **URL** — a line that is only a URL; **JSON** — a line of ``"key": value`` pairs.

Field names are listed in ``qc/data/metadata.toml``. Findings are
``metadata-leak``, major, repaired by deleting the field (and its line if nothing
else is left on it).

Example::

    >>> from qc.pipeline import check_text
    >>> [f.text for f in check_text(" date 2023-09 Es dauert lange.").findings]
    [' date 2023-09 ']
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache

from qc.detectors.base import Detector, DetectorOptions, register
from qc.lang.data import load_data
from qc.lang.evidence import foreign_verdict
from qc.lang.shapes import is_slug, slug_words
from qc.model import Document, Finding, Repair
from qc.segment import Segmentation, Span

_ISO = r"\d{4}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_GERMAN_DATE = r"\d{1,2}\.\d{1,2}\.\d{2,4}(?:,?\s\d{1,2}[:.]\d{2}(?:\sUhr)?)?"
_VALUE = rf"(?:{_ISO}|{_GERMAN_DATE}|\d{{3,}}|[a-z0-9]+(?:[-_][a-z0-9]+)+)"
_ISO_LINE = re.compile(rf"{_ISO}")
_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
# a full date with a year, optionally a time: the core of a dateline
_DATE_TIME = re.compile(
    rf"(?:{_ISO}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\d{{1,2}}\.\s?(?:{_MONTHS})\s\d{{4}})"
    r"(?:,?\s*(?:um\s)?\d{1,2}[:.]\d{2}(?:\s?Uhr)?)?"
)
_ISO_OPENING = re.compile(rf"[ \t]*{_ISO}(?=[ \t]+\S)[ \t]+")
_URL_LINE = re.compile(
    r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.(?:de|at|ch|com|org|net|eu|it|fr|es|uk|info|io|news)/?"
)
_JSON_PAIR = re.compile(r"\"[\w-]+\"\s*:\s*")


def _sentence_value(line: str) -> bool:
    """'Datum: Der Gipfel beginnt am 12. September.' is prose after a colon, not a field value."""
    value = re.split(r"[:=]", line, maxsplit=1)[1].strip()
    return value.endswith((".", "!", "?")) and len(value.split()) >= 3 and not re.search(r"\d", value[-4:])


@dataclasses.dataclass
class MetadataOptions(DetectorOptions):
    #: longest line (words) taken as a whole field line
    max_words: int | None = None
    #: report slug-shaped lines in German words (category keys)
    category_slugs: bool = True
    #: a TOML file extending qc/data/metadata.toml
    extra_file: str | None = None


@dataclass(frozen=True)
class _Patterns:
    field_line: re.Pattern[str]
    field_prefix: re.Pattern[str]
    bare: re.Pattern[str]
    bare_names: tuple[str, ...]
    max_words: int
    dateline_max_words: int
    dateline_words: frozenset[str]


@cache
def _patterns(extra_file: str | None) -> _Patterns:
    data = load_data("metadata", extra_file)["fields"]
    names = "|".join(re.escape(n) for n in sorted(data["names"], key=len, reverse=True))
    bare = "|".join(re.escape(n) for n in sorted(data["bare_names"], key=len, reverse=True))
    return _Patterns(
        field_line=re.compile(rf"(?i:{names})\s*[:=]\s*\S.*"),
        field_prefix=re.compile(rf"[ \t]*(?i:{names})\s*[:=]\s*{_VALUE}[ \t]+(?=\S)"),
        # at a line start (with its surrounding blanks) or after a sentence (leading blank only)
        bare=re.compile(rf"(?:^[ \t]*|(?<=[.!?“\"])[ \t]+)(?:{bare})[ \t]*[:=]?[ \t]*{_VALUE}(?:[ \t]+|$)",
                        re.MULTILINE),
        bare_names=tuple(data["bare_names"]),
        max_words=int(data["max_words"]),
        dateline_max_words=int(data["dateline_max_words"]),
        dateline_words=frozenset(w.lower() for w in data["dateline_words"]),
    )


@register
class MetadataLeakDetector(Detector):
    name = "metadata"
    Options = MetadataOptions
    examples_flagged = (
        " date 2023-09 Es dauert lange, bis Kim wieder reist.",
        "Kim reist nach Russland.\n\ntoi-allgemeines",
        "id: 12345\n\nKim reist nach Russland.",
        "Kim reist nach Russland.\n\ncategory: Politik",
        "Veröffentlicht: 11.09.2023, 10:22 Uhr\n\nKim reist nach Russland.",
        "2023-09-11T10:22:00Z\n\nKim reist nach Russland.",
        "Kim reist nach Russland. published 2023-09-11 Der Zug fährt.",
        "Kim reist nach Russland.\n\nhttps://example.com/politik/kim-reist",
    )
    examples_clean = (
        "Am Montag (04.09.2023) berichteten die Zeitungen.",
        "Das Datum: Der Gipfel beginnt am 12. September.",
        "Die Partei hat 12345 Mitglieder, sagte die Sprecherin.",
        "Die Kategorie der Sendung ist umstritten.",
        "Kim Jong-un trifft Putin.",
        "Das Treffen ist für 2023 geplant.",
    )

    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        o: MetadataOptions = self.options  # type: ignore[assignment]
        pats = _patterns(o.extra_file)
        max_words = o.max_words or pats.max_words
        text = doc.text
        out: list[Finding] = []
        for line in seg.content_lines:
            whole = self._whole_line(line, pats, max_words, o)
            if whole is not None:
                rule, message = whole
                out.append(self._delete(text, line.start, line.end, rule, message, 0.9))
                continue
            m = pats.field_prefix.match(line.text)
            if m is None:
                m = _ISO_OPENING.match(line.text)
            if m is not None:
                out.append(self._delete(text, line.start + m.start(), line.start + m.end(), "field-prefix",
                                        f"metadata field ‘{m.group().strip()}’ opens the paragraph", 0.85))
        # bare fields also inside lines, over the raw text so that leading blanks are kept
        bare = pats.bare.finditer(text) if any(n in text for n in pats.bare_names) else ()
        for m in bare:
            if any(f.start <= m.start() and m.end() <= f.end for f in out):
                continue
            out = [f for f in out if not (m.start() <= f.start and f.end <= m.end())]
            out.append(self._delete(text, m.start(), m.end(), "bare-field",
                                    f"metadata field ‘{m.group().strip()}’ in the body", 0.9))
        return sorted(out, key=lambda f: f.start)

    @staticmethod
    def _whole_line(
        line: Span, pats: _Patterns, max_words: int, o: MetadataOptions
    ) -> tuple[str, str] | None:
        s = line.text
        if '":' in s and len(_JSON_PAIR.findall(s)) >= 2:
            return "json", "JSON metadata in the body"
        if s.count(" ") > max(max_words, pats.dateline_max_words + 8):
            return None  # a paragraph: only JSON and opening fields can hide in it
        if _ISO_LINE.fullmatch(s):
            return "timestamp", f"timestamp ‘{s}’ as a line of the body"
        if _URL_LINE.fullmatch(s):
            return "url", "URL of the source page as a line of the body"
        if len(s.split()) <= max_words and pats.field_line.fullmatch(s) and not _sentence_value(s):
            return "field-line", f"metadata field ‘{s.split(':')[0].split('=')[0].strip()}’ in the body"
        if o.category_slugs and is_slug(s) and not foreign_verdict(slug_words(s)).is_foreign:
            return "category-slug", f"category slug ‘{s}’ of the source site"
        m = _DATE_TIME.search(s)
        if m is not None and not s.rstrip().endswith(("?", "!")):
            rest = re.findall(r"[^\W\d_]+", s[: m.start()] + " " + s[m.end() :])
            timed = re.search(r"\d{1,2}:\d{2}|\bUhr\b", s) is not None
            marked = timed or any(c in s for c in "|•·") or not rest
            lowered = [w.lower() for w in rest]
            byline = next((i for i, w in enumerate(lowered) if w in ("von", "by")), None)
            fields = lowered if byline is None else lowered[:byline]  # a name may follow "von"
            worded = any(w in pats.dateline_words for w in lowered) and all(
                w in pats.dateline_words or w in ("am", "um", "zuletzt") for w in fields
            )
            if len(rest) <= pats.dateline_max_words and (marked or worded):
                return "dateline", f"timestamp or dateline ‘{s}’ of the page"
        return None

    def _delete(self, text: str, start: int, end: int, rule: str, message: str, confidence: float) -> Finding:
        return Finding.at(
            text, start, end, category="metadata-leak", severity="major", message=message,
            confidence=confidence, detector=self.name, repairs=[Repair(start, end, "")],
            evidence={"rule": rule},
        )
