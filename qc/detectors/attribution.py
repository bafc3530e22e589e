"""Source and agency credit lines in the body: "Quelle: Agenturen", "Mit Material von dpa", "(dpa/AFP)".

They are legitimate wire metadata, so they are reported as ``attribution`` with
severity ``info``: the repair (delete the line, or the trailing tag) is offered but
the engine does not apply info repairs automatically. Agencies and line prefixes
are listed in ``qc/data/attribution.toml``. Foreign sources' tags such as
"(Uniononline/L)" are the foreign-language detector's.

Example::

    >>> from qc.pipeline import check_text
    >>> [(f.text, f.severity) for f in check_text("Kim reist.\\n\\nQuelle: Agenturen").findings]
    [('Quelle: Agenturen', 'info')]
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache

from qc.detectors.base import Detector, DetectorOptions, register
from qc.lang.data import load_data
from qc.lang.shapes import TRAILING_TAG, agency_tag_parts
from qc.model import Document, Finding, Repair
from qc.segment import Segmentation


@dataclasses.dataclass
class AttributionOptions(DetectorOptions):
    #: longest attribution line, in words (default from the data file)
    max_words: int | None = None
    #: a TOML file extending qc/data/attribution.toml
    extra_file: str | None = None


@dataclass(frozen=True)
class _Lexicon:
    agencies: frozenset[str]
    prefixes: tuple[str, ...]
    max_words: int


@cache
def _lexicon(extra_file: str | None) -> _Lexicon:
    data = load_data("attribution", extra_file)
    return _Lexicon(
        agencies=frozenset(a.lower() for a in data["agencies"]["names"]),
        prefixes=tuple(p.lower() for p in data["lines"]["prefixes"]),
        max_words=int(data["lines"]["max_words"]),
    )


_LIST_SPLIT = re.compile(r"\s*(?:/|,|;|\bund\b|&)\s*")


@register
class AttributionDetector(Detector):
    name = "attribution"
    flags_at = ("info",)
    Options = AttributionOptions
    # reported as info (never major/minor): the examples test accepts info for "flagged"
    examples_flagged = (
        "Kim reist nach Russland.\n\nQuelle: Agenturen",
        "Kim reist nach Russland.\n\n(dpa/AFP)",
        "Kim reist nach Russland.\n\nMit Material von dpa und Reuters",
        "Kim reist nach Russland. (dpa)",
        "Kim reist nach Russland.\n\ndpa/AFP/rtr",
    )
    examples_clean = (
        "Die Quelle des Gerüchts war ein Beamter.",
        "Quelle: Ein Beamter sagte der Nachrichtenagentur dpa am Montag, der Zug sei bereits abgefahren.",
        "Kim reist nach Russland. (Uniononline/L)",
    )

    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        o: AttributionOptions = self.options  # type: ignore[assignment]
        lex = _lexicon(o.extra_file)
        max_words = o.max_words or lex.max_words
        text = doc.text
        out: list[Finding] = []
        for line in seg.content_lines:
            s = line.text
            rule = self._line_rule(s, lex, max_words)
            if rule is not None:
                message = f"source line ‘{s}’ belongs in metadata"
                out.append(self._info(text, line.start, line.end, rule, message))
                continue
            m = TRAILING_TAG.search(s)
            if m is not None and self._german_tag([p.strip() for p in m.group(1).split("/")], lex):
                out.append(self._info(text, line.start + m.start(), line.start + m.end(), "tag",
                                      f"agency credit ‘{m.group().strip()}’ belongs in metadata"))
        return out

    def _line_rule(self, s: str, lex: _Lexicon, max_words: int) -> str | None:
        if len(s.split()) > max_words:
            return None
        lower = s.lower()
        if any(lower.startswith(p) for p in lex.prefixes):
            return "prefix"
        parts = agency_tag_parts(s)
        if parts is not None:
            return "tag" if self._german_tag(parts, lex) else None
        names = [p for p in _LIST_SPLIT.split(s.strip().strip("()").lower()) if p]
        if names and all(n in lex.agencies for n in names):
            return "agency-list"  # "dpa/AFP/rtr", "dpa, AFP"
        return None

    @staticmethod
    def _german_tag(parts: list[str], lex: _Lexicon) -> bool:
        return bool(parts) and parts[0].lower() in lex.agencies

    def _info(self, text: str, start: int, end: int, rule: str, message: str) -> Finding:
        return Finding.at(
            text, start, end, category="attribution", severity="info", message=message, confidence=0.9,
            detector=self.name, repairs=[Repair(start, end, "")], evidence={"rule": rule},
        )
