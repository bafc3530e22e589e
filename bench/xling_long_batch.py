"""The cost of the cross-lingual checks over a long batch in which every source is new.

``qc bench xling --measure cost`` times batches of about a hundred documents. A news desk's
batch runs to thousands, and over those the per-word caches of every detector fill up: most
words of a new article have been seen before, its sentences and its source have not. This
script approximates that with what WMT22 en→de offers: every document of both splits in every
translation (references A and B and the nine systems, 2,244 ten-segment documents), checked
as ``qc check FILE.jsonl --no-lm`` does (read from JSONL, reports written as JSONL, start-up
and a five-document warm-up not timed). WMT22 has 204 source documents, each in eleven
translations, so the script empties the kept sources (:func:`~qc.xling.bitext.forget_sources`)
before every document: each source is then read as a new one would be. Each run is a fresh
process; the two modes alternate; the medians of the CPU time per document, over the whole
batch and over its second half (caches fuller), give the ratio with / without the source.

    python bench/xling_long_batch.py --wmt data/wmt
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from qc.bench.xling import LAYOUTS, _warm_up, every_translation, load_wmt


def one_run(wmt: Path, jsonl: Path, layout: str, mode: str) -> tuple[float, float]:
    """CPU seconds per document over the whole batch and over its second half (one process)."""
    from qc.cli import build_checker, build_config
    from qc.io import expand_paths, read_source
    from qc.report.sink import ReportSink
    from qc.xling.bitext import forget_sources

    cfg = build_config(None, True, None, None)
    checker = build_checker(cfg)
    _warm_up(checker, load_wmt(wmt), "test", 10, 5, mode, layout)
    total = sum(1 for _ in jsonl.open(encoding="utf-8"))
    n, half = 0, 0.0
    t = time.process_time()
    with open(os.devnull, "w", encoding="utf-8") as out:
        sink = ReportSink("jsonl", out, signature=cfg.signature(), detectors=checker.detector_names)
        for src in expand_paths([str(jsonl)]):
            for doc in read_source(src):
                forget_sources()  # every source new, as in wire copy
                sink.add(checker.check(doc))
                n += 1
                if n == total // 2:
                    half = time.process_time()
        sink.close()
    end = time.process_time()
    return (end - t) / n, (end - half) / (n - total // 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wmt", type=Path, default=Path("../shared/wmt"), help="folder with the WMT22 files")
    ap.add_argument("--layout", choices=sorted(LAYOUTS), default="lines", help="how segments are joined")
    ap.add_argument("--runs", type=int, default=3, help="runs per mode (fresh processes)")
    ap.add_argument("--one", nargs=2, metavar=("JSONL", "MODE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(*one_run(args.wmt, Path(args.one[0]), args.layout, args.one[1]))
        return

    data = load_wmt(args.wmt)
    docs = [d for split in ("tune", "test") for d in every_translation(data, split, 10, args.layout)]
    times: dict[str, list[tuple[float, float]]] = {"without": [], "with": []}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in times:
            rows = [{"id": f"{side}-{r.start}", "text": text} for side, r, text, _ in docs]
            if mode == "with":
                rows = [{**row, "source": d[3]} for row, d in zip(rows, docs, strict=True)]
            Path(tmp, f"{mode}.jsonl").write_text(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        for k in range(args.runs):
            for mode in ("without", "with") if k % 2 == 0 else ("with", "without"):
                run = subprocess.run(
                    [sys.executable, __file__, "--wmt", str(args.wmt), "--layout", args.layout,
                     "--one", str(Path(tmp, f"{mode}.jsonl")), mode],
                    capture_output=True, text=True, check=True,
                )
                whole, second = map(float, run.stdout.split())
                times[mode].append((whole, second))
                print(f"run {k + 1} {mode:8s} {whole * 1e3:.3f} ms/doc (second half {second * 1e3:.3f})",
                      flush=True)
    print(f"{len(docs)} documents ({args.layout}), every source new, median of {args.runs} runs, "
          "CPU ms per document")
    for label, i in (("whole batch", 0), ("second half", 1)):
        without = median(t[i] for t in times["without"])
        with_source = median(t[i] for t in times["with"])
        print(f"{label:12s} without {without * 1e3:.3f}  with {with_source * 1e3:.3f}  "
              f"ratio {with_source / without:.3f}")


if __name__ == "__main__":
    main()
