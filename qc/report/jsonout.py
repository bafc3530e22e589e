"""JSON Lines (one report object per line) and JSON (one object holding all reports).

JSONL is the stable machine schema (see README): ``{"id", "score", "verdict",
"findings": [...], "repaired"}`` plus ``"error"`` for documents that failed.

>>> from qc.model import Report
>>> jsonl_line(Report("a", 100.0, "pass", [], "Text."))
'{"id": "a", "score": 100.0, "verdict": "pass", "findings": [], "repaired": "Text."}'
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from qc.model import Report
from qc.report.summary import Summary, qc_version


def jsonl_line(report: Report, *, evidence: bool = False) -> str:
    return json.dumps(report.to_dict(with_evidence=evidence), ensure_ascii=False, default=str)


def json_document(
    reports: Sequence[Report],
    *,
    evidence: bool = False,
    signature: str = "",
    detectors: Sequence[str] = (),
    summary: Summary | None = None,
) -> str:
    """One JSON object: ``{"qc", "signature", "detectors", "summary", "reports": [...]}``."""
    if summary is None:
        summary = Summary()
        for r in reports:
            summary.add(r)
    out: dict[str, Any] = {
        "qc": qc_version(),
        "signature": signature,
        "detectors": list(detectors),
        "summary": summary.to_dict(),
        "reports": [r.to_dict(with_evidence=evidence) for r in reports],
    }
    return json.dumps(out, ensure_ascii=False, indent=2, default=str)
