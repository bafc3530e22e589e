"""Calques: literal renderings of source-language idioms ("im Geheimnis" for "in secret").

The rules are data (``qc/data/calque.toml``): a pattern, a repair template, the idiom it
renders, an optional word the document must contain (``requires``), and examples that
must / must not match — every rule's examples are run by ``tests/test_calque.py``. Findings
are ``calque``, minor: idiomatic German is a matter of style and editors decide.

Example::

    >>> from qc.pipeline import check_text
    >>> [(f.text, f.repairs[0].replacement) for f in check_text("Kim reist im Geheimnis.").findings]
    [('im Geheimnis', 'im Geheimen')]
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache

import regex

from qc.detectors.base import Detector, DetectorOptions, register
from qc.lang.data import load_data
from qc.model import Document, Finding, Repair
from qc.segment import Segmentation


@dataclasses.dataclass
class CalqueOptions(DetectorOptions):
    #: a TOML file with more [[rules]] (see qc/data/calque.toml)
    extra_file: str | None = None
    confidence: float = 0.6


@dataclass(frozen=True)
class CalqueRule:
    pattern: regex.Pattern[str]
    repair: str
    idiom: str
    requires: str | None
    flags: tuple[str, ...]
    clean: tuple[str, ...]

    def expand(self, m: regex.Match[str]) -> str:
        out = self.repair
        for i in range(len(m.groups()), 0, -1):
            out = out.replace(f"${i}", m.group(i) or "")
        return out


@cache
def calque_rules(extra_file: str | None = None) -> tuple[CalqueRule, ...]:
    return tuple(
        CalqueRule(
            pattern=regex.compile(r["pattern"]),
            repair=r.get("repair", ""),
            idiom=r["idiom"],
            requires=r.get("requires"),
            flags=tuple(r.get("flags", ())),
            clean=tuple(r.get("clean", ())),
        )
        for r in load_data("calque", extra_file)["rules"]
    )


@register
class CalqueDetector(Detector):
    name = "calque"
    Options = CalqueOptions
    examples_flagged = tuple(ex for rule in calque_rules() for ex in rule.flags)
    examples_clean = tuple(ex for rule in calque_rules() for ex in rule.clean)

    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        o: CalqueOptions = self.options  # type: ignore[assignment]
        text = doc.text
        out: list[Finding] = []
        for rule in calque_rules(o.extra_file):
            if rule.requires and rule.requires not in text:
                continue
            for m in rule.pattern.finditer(text):
                repairs = [Repair(m.start(), m.end(), rule.expand(m))] if rule.repair else []
                out.append(
                    Finding.at(
                        text,
                        m.start(),
                        m.end(),
                        category="calque",
                        severity="minor",
                        message=f"literal rendering of the idiom ‘{rule.idiom}’",
                        confidence=o.confidence,
                        detector=self.name,
                        repairs=repairs,
                        evidence={"idiom": rule.idiom, "rule": rule.pattern.pattern},
                    )
                )
        return out
