"""Reference scores: sacrebleu chrF, BLEU and TER against a human reference, when one is given.

``ReferenceScorer`` (name ``reference``) finds nothing; its ``contribute`` hook
adds ``report.extra["reference_scores"]`` (per document, per sentence, with
sacrebleu signatures) for documents with ``Document.reference`` set, with or
without a source. It is reported in JSON output with ``--evidence``.
"""

from __future__ import annotations

from qc.detectors.base import Detector, register
from qc.model import Document, Finding, Report
from qc.segment import Segmentation
from qc.xling.reference import reference_scores


@register
class ReferenceScorer(Detector):
    name = "reference"
    #: runs with a reference alone; checks ``doc.reference`` itself
    needs_source = False

    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        return []

    def contribute(self, doc: Document, seg: Segmentation, report: Report) -> None:
        if not doc.reference or not doc.reference.strip() or not doc.text.strip():
            return
        report.extra["reference_scores"] = reference_scores(doc.text, doc.reference)
