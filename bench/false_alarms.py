"""False-alarm rate of detectors on clean German text, one segment per line.

Plain or xz-compressed files. Each line is checked as its own document (harsher than whole articles: names
cannot recur), and findings of the chosen detectors are counted per 100 segments.

    python bench/false_alarms.py --detector spelling --show 30 clean-ref.de [more.de ...]
    python bench/false_alarms.py --detector typography --block 10 --join " " clean-ref.de
"""

from __future__ import annotations

import argparse
import lzma
import time
from collections import Counter

from qc.detectors import REGISTRY
from qc.model import Document
from qc.segment import Segmentation


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--detector", action="append", required=True, help="detector name (repeatable)")
    ap.add_argument("--show", type=int, default=20, help="print this many findings")
    ap.add_argument("--block", type=int, default=1, help="lines per document (1 = each line alone)")
    ap.add_argument("--max-lines", type=int, default=10**9, help="read at most this many lines per file")
    ap.add_argument("--join", default="\n", help="joins the lines of a block (' ' makes one paragraph, so "
                    "quotations spanning segments pair up)")
    args = ap.parse_args()
    detectors = [REGISTRY[name]() for name in args.detector]
    for path in args.files:
        opener = lzma.open if path.endswith(".xz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            lines = [line.rstrip("\n") for _, line in zip(range(args.max_lines), fh, strict=False)]
        blocks = [args.join.join(lines[i : i + args.block]) for i in range(0, len(lines), args.block)]
        found: Counter[str] = Counter()
        shown = 0
        t0 = time.perf_counter()
        for i, text in enumerate(blocks):
            doc = Document(id=f"{path}:{i}", text=text)
            seg = Segmentation(text)
            for det in detectors:
                for f in det.detect(doc, seg):
                    if f.severity == "info":
                        continue
                    found[f.category] += 1
                    if shown < args.show:
                        shown += 1
                        best = f.repairs[0].replacement if f.repairs else "-"
                        ctx = text[max(0, f.start - 30) : f.end + 30].replace("\n", " ")
                        print(f"  {f.category:11} {f.text!r:28} -> {best!r:24} | …{ctx}…")
        dt = time.perf_counter() - t0
        total = sum(found.values())
        print(f"{path}: {len(lines)} segments, {total} findings = {100 * total / max(1, len(lines)):.2f} "
              f"per 100 segments {dict(found)} ({dt:.2f}s)")


if __name__ == "__main__":
    main()
