"""Every cross-lingual finding on WMT22 en→de, as JSON: a regression check for speed work.

Checks the ten-segment documents of both splits with every side (references A and B and
each system) against the English source and writes one row per finding (document, side,
span, category, severity, confidence, message, evidence, repairs). Two runs that should
find the same (before and after an optimisation) must write byte-identical files:

    python bench/xling_findings.py --wmt data/wmt before.json
    # ... change the code ...
    python bench/xling_findings.py --wmt data/wmt after.json && cmp before.json after.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from qc.bench.xling import add_wmt_arguments, doc_text, documents, load_wmt
from qc.detectors.xling_checks import CrossLingualDetector
from qc.model import Document
from qc.segment import Segmentation


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", type=Path, help="JSON file to write")
    add_wmt_arguments(ap, split=False)
    args = ap.parse_args()

    data = load_wmt(args.wmt)
    detector = CrossLingualDetector()
    rows = []
    for split in ("tune", "test"):
        for r in documents(len(data["src"]), args.size, split):
            source = doc_text(data, "src", r, args.layout)
            for side in sorted(k for k in data if k != "src"):
                text = doc_text(data, side, r, args.layout)
                for f in detector.detect(Document("d", text, source=source), Segmentation(text)):
                    rows.append([
                        split, r.start, side, f.start, f.end, f.category, f.severity, round(f.confidence, 3),
                        f.message, json.dumps(f.evidence, sort_keys=True, default=str),
                        [[x.start, x.end, x.replacement] for x in f.repairs],
                    ])
    args.output.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    print(f"{len(rows)} findings → {args.output}")


if __name__ == "__main__":
    main()
