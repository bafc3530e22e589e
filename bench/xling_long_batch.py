"""The cost of the cross-lingual checks over a long batch in which every source is new.

``qc bench xling --measure cost`` times batches of about a hundred documents. A news desk's
batch runs to thousands, and over those the per-word caches of every detector fill up: most
words of a new article have been seen before, its sentences and its source have not. This
script approximates that with what WMT22 en→de offers (:func:`qc.bench.xling.long_batch_cost`):
every document of both splits in every translation (references A and B and the nine systems,
2,244 ten-segment documents), checked as ``qc check FILE.jsonl --no-lm`` does, with the kept
sources emptied before every document, since WMT22 gives each source in eleven translations.
Eleven translations of the same text also repeat their words, which spares the other detectors
more per-word work than new articles would: the ratio reads higher than for new copy. It prints
each run and the medians (CPU ms per document, with / without the source) over the whole batch
and over its second half.

    python bench/xling_long_batch.py --wmt data/wmt
"""

from __future__ import annotations

import argparse
from pathlib import Path

from qc.bench.xling import LAYOUTS, long_batch_cost


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wmt", type=Path, default=Path("../shared/wmt"), help="folder with the WMT22 files")
    ap.add_argument("--layout", choices=sorted(LAYOUTS), default="lines", help="how segments are joined")
    ap.add_argument("--runs", type=int, default=3, help="runs per mode (fresh processes)")
    args = ap.parse_args()
    res = long_batch_cost(args.wmt, args.runs, args.layout)
    for mode, runs in res["runs"].items():
        for k, (whole, second) in enumerate(runs, 1):
            print(f"run {k} {mode:8s} {whole * 1e3:.3f} ms/doc (second half {second * 1e3:.3f})")
    print(f"{res['documents']} documents ({args.layout}), every source new, median of {args.runs} runs, "
          "CPU ms per document")
    for label in ("whole", "second_half"):
        r = res[label]
        print(f"{label.replace('_', ' '):12s} without {r['seconds_without'] * 1e3:.3f}  "
              f"with {r['seconds_with'] * 1e3:.3f}  ratio {r['ratio']:.3f}")


if __name__ == "__main__":
    main()
