"""Cross-lingual checks of a translation against its source, on one shared alignment.

``CrossLingualDetector`` (name ``crosslingual``) runs only when a document has a
source (``needs_source``). It aligns source and target sentences once
(:mod:`qc.xling.bitext`) and runs the checks, each switchable in the config::

    [detectors.crosslingual]
    names = false          # skip the name check
    min_chrf = 75.0        # untranslated: chrF to the source that counts as a copy

Flags "85 Menschen starben." against the source "58 people died." (number);
leaves "1.686 Menschen starben am 4. September." against "1,686 people died on
Sept. 4." alone.
"""

from __future__ import annotations

import dataclasses

from qc.detectors.base import Detector, DetectorOptions, register
from qc.model import Document, Finding
from qc.segment import Segmentation
from qc.xling.bitext import bitext_for
from qc.xling.check_coverage import check_coverage
from qc.xling.check_length import check_length
from qc.xling.check_names import check_names
from qc.xling.check_numbers import check_numbers
from qc.xling.check_untranslated import check_untranslated


@dataclasses.dataclass
class CrossLingualOptions(DetectorOptions):
    numbers: bool = True
    names: bool = True
    omission: bool = True
    addition: bool = True
    untranslated: bool = True
    length_ratio: bool = True
    #: untranslated: chrF (0..100) to the aligned source above which a sentence is a copy
    min_chrf: float = 70.0
    #: length-ratio: allowed band of target/expected length, and the shortest pair checked
    min_length_ratio: float = 0.45
    max_length_ratio: float = 2.2
    min_length_chars: int = 50
    #: sentence splitter for both sides: "fast" (regex, default) or "syntok" (thorough, ~30x slower)
    segmenter: str = "fast"


@register
class CrossLingualDetector(Detector):
    name = "crosslingual"
    Options = CrossLingualOptions
    needs_source = True

    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        o: CrossLingualOptions = self.options  # type: ignore[assignment]
        if not doc.source or not doc.source.strip() or not doc.text.strip():
            return []
        if o.segmenter == "syntok":
            bt = bitext_for(doc, seg.sentences if seg is not None else None, segmenter="syntok")
        else:
            # the duplicate detector splits the target with the same splitter: segment once
            bt = bitext_for(doc, seg.fast_sentences if seg is not None else None, segmenter=o.segmenter)
        findings: list[Finding] = []
        untranslated: frozenset[int] = frozenset()
        if o.untranslated:
            found, untranslated = check_untranslated(bt, self.name, min_chrf=o.min_chrf)
            findings += found
        if o.omission or o.addition:
            findings += check_coverage(bt, self.name, omission=o.omission, addition=o.addition,
                                       skip_targets=untranslated)
        if o.numbers:
            findings += check_numbers(bt, self.name)
        if o.names:
            findings += check_names(bt, self.name)
        if o.length_ratio:
            findings += check_length(bt, self.name, min_ratio=o.min_length_ratio,
                                     max_ratio=o.max_length_ratio, min_chars=o.min_length_chars)
        return findings
