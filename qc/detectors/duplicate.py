"""Repeated text: the headline again (often slug-derived: no punctuation, truncated),
a line or paragraph repeated verbatim, a sentence repeated.

Lines are compared as sequences of lower-cased words, so punctuation and case do
not matter: "Russland Droht ein Waffendeal Kim auf dem Weg nach Russland" repeats
the start of the headline "Russland: Droht ein Waffendeal? Kim auf dem Weg nach
Russland zu Gesprächen mit Putin". The later copy is reported (``duplicate``, major)
and repaired by deleting it.

Example::

    >>> from qc.pipeline import check_text
    >>> text = "Kim reist nach Moskau zu Putin\\n\\nKim reist nach Moskau\\n\\nText."
    >>> [f.text for f in check_text(text).findings]
    ['Kim reist nach Moskau']
"""

from __future__ import annotations

import dataclasses
import re

from qc.detectors.base import Detector, DetectorOptions, register
from qc.model import Document, Finding, Repair
from qc.segment import Segmentation, Span

_WORD = re.compile(r"[^\W_]+")


def _key(text: str) -> tuple[str, ...]:
    """Lower-cased words of ``text``, punctuation ignored: the identity of a line or sentence."""
    return tuple(_WORD.findall(text.lower()))


@dataclasses.dataclass
class DuplicateOptions(DetectorOptions):
    #: fewest words a line needs to count as a copy of (part of) the headline
    headline_min_words: int = 4
    #: share of the headline's words a partial copy must have
    headline_min_share: float = 0.6
    #: fewest words for a verbatim repeated line or sentence ("Anzeige" twice is boilerplate)
    repeat_min_words: int = 5
    #: ... and fewest characters (short instructions such as "Tippen Sie auf OK." repeat legitimately)
    repeat_min_chars: int = 40
    #: also look for repeated sentences inside paragraphs
    sentences: bool = True


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]


def _contains(seq: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(seq[i : i + n] == part for i in range(len(seq) - n + 1))


@register
class DuplicateDetector(Detector):
    name = "duplicate"
    Options = DuplicateOptions
    examples_flagged = (
        "Russland: Droht ein Waffendeal? Kim auf dem Weg nach Russland zu Gesprächen mit Putin\n\n"
        "Russland Droht ein Waffendeal Kim auf dem Weg nach Russland\nDer Text beginnt.",
        "Titel\n\nDer Zug fuhr am Sonntag in Pjöngjang los.\n\nDer Zug fuhr am Sonntag in Pjöngjang los.",
        "Titel\n\nDer Zug fuhr am Sonntag in Pjöngjang los. Er kam an. "
        "Der Zug fuhr am Sonntag in Pjöngjang los.",
        "Kim reist nach Russland zu Gesprächen mit Putin\n\n"
        "Kim reist nach Russland zu Gesprächen mit Putin Der Zug fuhr am Sonntag los.",
    )
    examples_clean = (
        "Kim reist nach Russland\n\nKim reist nach Russland, um Putin zu treffen. Das ist selten.",
        "Titel\n\nAnzeige\n\nText hier.\n\nAnzeige",
        "Kim trifft Putin\n\nKim trifft Putin in Wladiwostok, sagte der Kreml am Montag.",
    )

    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        o: DuplicateOptions = self.options  # type: ignore[assignment]
        text = doc.text
        lines = seg.content_lines
        if not lines:
            return []
        out: list[Finding] = []
        headline = list(_key(lines[0].text))
        seen: dict[tuple[str, ...], Span] = {tuple(headline): lines[0]}
        for line in lines[1:]:
            key = _key(line.text)
            if len(key) >= o.repeat_min_words and len(line.text) >= o.repeat_min_chars and key in seen:
                where = "the headline" if seen[key] is lines[0] else "an earlier line"
                out.append(self._delete(text, line.start, line.end, "repeat", f"line repeats {where}", 0.95))
                continue
            seen.setdefault(key, line)
            found = self._headline_copy(text, line, key, headline, o)
            if found is not None:
                out.append(found)
        if o.sentences:
            out.extend(self._repeated_sentences(text, seg, out, o))
        return out

    def _headline_copy(self, text: str, line: Span, key: tuple[str, ...], headline: list[str],
                       o: DuplicateOptions) -> Finding | None:
        need = max(o.headline_min_words, round(o.headline_min_share * len(headline)))
        if len(headline) < o.headline_min_words or len(key) < need or key[0] not in headline:
            return None
        tokens = list(key)
        if len(tokens) <= len(headline) and _contains(headline, tokens):
            return self._delete(text, line.start, line.end, "headline",
                                "line repeats the headline (without its punctuation)", 0.9)
        # the line opens with the headline's first words and goes on: cut the copied words
        k = 0
        while k < min(len(tokens), len(headline)) and tokens[k] == headline[k]:
            k += 1
        if k >= need and k >= 5:
            words = _words(line.text)
            end = line.start + words[k - 1][1]
            while end < line.end and text[end] in " \t":
                end += 1
            return self._delete(text, line.start, end, "headline-prefix",
                                "paragraph opens with a copy of the headline", 0.8)
        return None

    def _repeated_sentences(self, text: str, seg: Segmentation, found: list[Finding],
                            o: DuplicateOptions) -> list[Finding]:
        out = []
        seen: set[str] = set()
        lines = seg.content_lines
        for line, spans in zip(lines, _by_line(seg.fast_sentences, lines), strict=True):
            for s_start, s_end in spans:
                if s_end - s_start < o.repeat_min_chars:
                    continue
                # a verbatim repeat: blanks and case aside (cheaper than word keys on every sentence)
                words = text[s_start:s_end].lower().split()
                if len(words) < o.repeat_min_words:
                    continue
                key = " ".join(words)
                if key in seen and len(spans) > 1 and not any(
                    f.start <= s_start and s_end <= f.end for f in found
                ):
                    start = s_start
                    while start > line.start and text[start - 1] in " \t":
                        start -= 1  # take the blank before the sentence with it
                    message = "sentence repeated verbatim"
                    out.append(self._delete(text, start, s_end, "sentence", message, 0.9))
                seen.add(key)
        return out

    def _delete(self, text: str, start: int, end: int, rule: str, message: str, confidence: float) -> Finding:
        return Finding.at(
            text, start, end, category="duplicate", severity="major", message=message, confidence=confidence,
            detector=self.name, repairs=[Repair(start, end, "")], evidence={"rule": rule},
        )


def _by_line(sentences: list[Span], lines: list[Span]) -> list[list[tuple[int, int]]]:
    """The (start, end) of the sentences of each line (a sentence never crosses a line break)."""
    out: list[list[tuple[int, int]]] = []
    k = 0
    for line in lines:
        spans: list[tuple[int, int]] = []
        while k < len(sentences) and sentences[k].start < line.end:
            if sentences[k].start >= line.start:
                spans.append((sentences[k].start, sentences[k].end))
            k += 1
        out.append(spans)
    return out
