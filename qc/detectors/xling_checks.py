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
from qc.detectors.boilerplate import chrome_lines
from qc.model import Document, Finding
from qc.segment import Segmentation, Span
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
    #: when the target has more lines than the source and at most that many are lines the
    #: boilerplate detector reports, leave those out of the alignment: page chrome has no source
    #: counterpart, and without it the lines correspond again (the boilerplate detector reports
    #: them itself; in a pipeline without that detector nothing is left out)
    skip_boilerplate: bool = True
    #: a source line of page chrome (share buttons, breadcrumbs, "Leggi anche: …", "© …", an
    #: agency tag) that the translation leaves out is no omission
    skip_source_chrome: bool = True


@register
class CrossLingualDetector(Detector):
    name = "crosslingual"
    Options = CrossLingualOptions
    needs_source = True

    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        o: CrossLingualOptions = self.options  # type: ignore[assignment]
        if not doc.source or not doc.source.strip() or not doc.text.strip():
            return []
        spans: list[Span] | None = None
        shared: dict[object, object] | None = None
        if seg is not None:
            shared = seg.shared
            # the duplicate detector splits the target with the same splitter: segment once
            spans = seg.sentences if o.segmenter == "syntok" else seg.fast_sentences
            # in a pipeline, the boilerplate detector's lines with its options, if it runs
            run: dict[str, object] | None = seg.shared.get("options")  # type: ignore[assignment]
            if o.skip_boilerplate and (run is None or "boilerplate" in run):
                chrome_options = run.get("boilerplate") if run else None
                spans = _outside(spans, _surplus_chrome(seg, doc.source, chrome_options))
        bt = bitext_for(doc, spans, segmenter=o.segmenter, shared=shared)
        findings: list[Finding] = []
        untranslated: frozenset[int] = frozenset()
        if o.untranslated:
            found, untranslated = check_untranslated(bt, self.name, min_chrf=o.min_chrf)
            findings += found
        if o.omission or o.addition:
            findings += check_coverage(bt, self.name, omission=o.omission, addition=o.addition,
                                       skip_targets=untranslated, skip_source_chrome=o.skip_source_chrome)
        if o.numbers:
            findings += check_numbers(bt, self.name)
        if o.names:
            findings += check_names(bt, self.name)
        if o.length_ratio:
            findings += check_length(bt, self.name, min_ratio=o.min_length_ratio,
                                     max_ratio=o.max_length_ratio, min_chars=o.min_length_chars)
        return findings


def _surplus_chrome(seg: Segmentation, source: str, options: object = None) -> list[Span]:
    """The target's chrome lines when they account for lines the target has beyond the source's
    (a chrome line among corresponding lines is more likely a headline the rules mistake)."""
    surplus = len(seg.content_lines) - sum(map(bool, map(str.strip, source.splitlines())))
    if surplus <= 0:
        return []
    chrome = chrome_lines(seg, options)  # type: ignore[arg-type]
    return [c.span for c in chrome] if len(chrome) <= surplus else []


def _outside(spans: list[Span], lines: list[Span]) -> list[Span]:
    """The sentence spans that do not lie within any of ``lines``."""
    if not lines:
        return spans
    return [sp for sp in spans if not any(ln.start <= sp.start and sp.end <= ln.end for ln in lines)]
