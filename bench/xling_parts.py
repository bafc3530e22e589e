"""Where the cross-lingual detector's time goes, and how it grows with document length.

Checks every WMT22 en→de document of a split once with its source, the translations
(references A and B and the nine systems) taking turns, as ``qc bench xling --measure cost``
does for its batch (every source new: a source is read once per text and kept for its next
translation), after a five-document warm-up on the other split, and prints CPU milliseconds
per document for each step of the detector: identifying the source language, splitting
the source into sentences, reading its numbers, aligning, and each check (the names
check also by its parts). Each step is timed by wrapping the function that does it, so
the parts add up to a little more than the untimed detector. Wrapping needs the Python
modules: the script sets ``QC_PURE_PYTHON=1`` before it imports qc, so where the
cross-lingual modules are installed compiled (``setup.py``) it times their pure-Python
form, which is about a fifth slower throughout (the ``--sizes`` passes run the modules as
installed).

``--sizes 10 30`` also checks the documents of each size with and without the source,
each pass in a fresh process, and prints the cost per document: the difference between
two sizes is the cost of one more segment, which fixed per-document costs do not blur.

    python bench/xling_parts.py --wmt data/wmt
    python bench/xling_parts.py --wmt data/wmt --sizes 10 30
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

# the wrapped functions must be Python's: the sources, also where compiled modules are installed;
# the size passes (``--one``, fresh processes) run the modules as installed
os.environ["QC_PARTS_INSTALLED"] = os.environ.get("QC_PARTS_INSTALLED", os.environ.get("QC_PURE_PYTHON", ""))
os.environ["QC_PURE_PYTHON"] = os.environ["QC_PARTS_INSTALLED"] if "--one" in sys.argv else "1"

import qc.detectors.xling_checks as checks
import qc.xling.bitext as bitext
import qc.xling.check_names as check_names
from qc.bench.xling import _warm_up, add_wmt_arguments, load_wmt, one_translation_each
from qc.model import Document
from qc.pipeline import Checker

#: (module, function, label): the steps timed, in the order they run
STEPS = (
    (bitext, "detect_language", "source language"),
    (bitext, "sentence_bounds", "source sentences"),
    (bitext, "extract_by_sentence", "source numbers"),
    (bitext, "align_lines", "alignment (with anchors)"),
    (checks, "check_untranslated", "untranslated"),
    (checks, "check_coverage", "omission / addition"),
    (checks, "check_numbers", "numbers"),
    (checks, "check_names", "names"),
    (check_names, "name_words_in", "  names: pre-test"),
    (check_names, "find_name", "  names: name test"),
    (check_names, "_misspelt_names", "  names: misspelling test"),
    (checks, "check_length", "length ratio"),
)


def _timed(module: ModuleType, name: str, label: str, spent: dict[str, float]) -> Callable[[], None]:
    """Wrap ``module.name`` so that its CPU time adds up under ``label``; returns the undo."""
    original = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - t

    setattr(module, name, wrapper)
    return lambda: setattr(module, name, original)


def _batch(data: dict[str, list[str]], split: str, size: int, layout: str) -> list[tuple[str, str]]:
    return [(text, source) for _, _, text, source in one_translation_each(data, split, size, layout)]


def parts(
    data: dict[str, list[str]], split: str, size: int, layout: str = "lines"
) -> tuple[dict[str, float], float, int]:
    """CPU seconds per step, the detector's own seconds, and the number of documents."""
    checker = Checker(use_lm=False)
    _warm_up(checker, data, split, size, 5, "with", layout)
    spent: dict[str, float] = defaultdict(float)
    undo = [_timed(m, n, label, spent) for m, n, label in STEPS]
    own, batch = 0.0, _batch(data, split, size, layout)
    try:
        for text, source in batch:
            own += checker.check(Document("d", text, source=source)).timings.get("crosslingual", 0.0)
    finally:
        for u in undo:
            u()
    return dict(spent), own, len(batch)


def one_pass(wmt: Path, split: str, size: int, mode: str, layout: str = "lines") -> tuple[int, float]:
    """Documents and CPU seconds per document of one pass over the batch (see :func:`by_size`)."""
    data = load_wmt(wmt)
    checker = Checker(use_lm=False)
    _warm_up(checker, data, split, size, 5, mode, layout)
    batch = _batch(data, split, size, layout)
    t = time.process_time()
    for text, source in batch:
        checker.check(Document("d", text, source=source if mode == "with" else None))
    return len(batch), (time.process_time() - t) / len(batch)


def by_size(
    wmt: Path, split: str, sizes: list[int], layout: str = "lines"
) -> list[tuple[int, int, float, float]]:
    """(size, documents, seconds per document without, with the source) for each size, each
    pass in a fresh process (new text for every per-word cache, as in a batch)."""
    out = []
    for size in sizes:
        got = {}
        for mode in ("without", "with"):
            run = subprocess.run(
                [sys.executable, __file__, "--wmt", str(wmt), "--split", split, "--layout", layout,
                 "--one", str(size), mode],
                capture_output=True, text=True, check=True,
            )
            docs, seconds = run.stdout.split()
            got[mode] = float(seconds)
        out.append((size, int(docs), got["without"], got["with"]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_wmt_arguments(ap)
    ap.add_argument("--sizes", type=int, nargs="*", default=[], help="also compare these document sizes")
    ap.add_argument("--one", nargs=2, metavar=("SIZE", "MODE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        docs, seconds = one_pass(args.wmt, args.split, int(args.one[0]), args.one[1], args.layout)
        print(docs, seconds)
        return
    data = load_wmt(args.wmt)

    spent, own, n = parts(data, args.split, args.size, args.layout)
    print(f"{n} documents of {args.size} segments ({args.split} split, {args.layout}, "
          "translations taking turns), CPU ms per document")
    print(f"{'crosslingual detector (untimed)':32s} {own / n * 1000:7.3f}")
    for _, _, label in STEPS:
        print(f"{label:32s} {spent.get(label, 0.0) / n * 1000:7.3f}")

    if args.sizes:
        print("\nsize  documents  without ms/doc  with ms/doc  with/without")
        rows = by_size(args.wmt, args.split, args.sizes, args.layout)
        for size, docs, without, with_ in rows:
            print(f"{size:4d}  {docs:9d}  {without * 1000:13.3f}  {with_ * 1000:11.3f}  "
                  f"{with_ / without:12.2f}")
        for (s0, _, w0, x0), (s1, _, w1, x1) in pairwise(rows):
            dw, dx = (w1 - w0) / (s1 - s0), (x1 - x0) / (s1 - s0)
            print(f"one more segment ({s0} → {s1}): without {dw * 1000:.3f} ms, with {dx * 1000:.3f} ms, "
                  f"ratio {dx / dw:.2f}")


if __name__ == "__main__":
    main()
