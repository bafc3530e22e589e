"""The cost of a source in instructions: a measure of ``qc bench xling --measure cost`` that
the machine's load cannot move.

CPU times on a shared machine vary from run to run by far more than the differences worth
measuring (one run's rounds of the same code spread from 0.9 to 1.8). Counted instructions do
not: this script runs one pass over the test documents under valgrind's callgrind, with and
without the sources, and reads what that pass executed, the whole pipeline
(``Checker(use_lm=False).check``) as the cost benchmark times it. With the same code and
``PYTHONHASHSEED=0`` (set here) two runs give the same counts.

The pass is cut out of the run by callgrind's dumps: a marker call (``binascii.crc_hqx``) before
and after it makes callgrind write the counts so far, so setup, loading and warm-up land in
other parts. ``--first-sight`` warms up on the other split (as ``first_sight_cost``); the
default checks every document once with and once without its source first (as ``cost``),
which fills the per-word caches.

With ``--cache-sim`` callgrind also simulates the caches (32 KiB L1, 1 MiB L2 as last level)
and the script gives an estimate of cycles: instructions / 3 + 12 per L1 miss + 40 per L2
miss. The estimate is a model, not a measurement; it shows why the time ratio exceeds the
instruction ratio: the cross-lingual checks miss the caches more per instruction than the
other detectors do.

    python bench/xling_instructions.py --wmt data/wmt
    python bench/xling_instructions.py --wmt data/wmt --layout paragraphs --first-sight --cache-sim

Needs valgrind (Debian: ``apt-get install valgrind``); about a minute per mode.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

#: the C function of the marker call (``binascii.crc_hqx``, which nothing else in a check calls;
#: zlib's checksums are called while data files load): callgrind dumps its counts when it is entered
MARKER = "binascii_crc_hqx"

#: events callgrind writes with --cache-sim=yes: instructions, L1 / LL misses (instructions,
#: data reads, data writes)
_EVENTS = ("Ir", "I1mr", "ILmr", "Dr", "D1mr", "DLmr", "Dw", "D1mw", "DLmw")

_PASS = """
import binascii, sys
from pathlib import Path
from qc.bench.xling import _warm_up, doc_text, documents, load_wmt
from qc.model import Document
from qc.pipeline import Checker

wmt, layout, mode, first_sight = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
data = load_wmt(Path(wmt))
pairs = [(doc_text(data, "A", r, layout), doc_text(data, "src", r, layout))
         for r in documents(len(data["src"]), 10, "test")]
checker = Checker(use_lm=False)
if first_sight:
    _warm_up(checker, data, "test", 10, len(pairs), mode, layout)
else:
    for m in ("without", "with"):
        for text, source in pairs:
            checker.check(Document("t", text, source=source if m == "with" else None))
binascii.crc_hqx(b"start", 0)
for text, source in pairs:
    checker.check(Document("t", text, source=source if mode == "with" else None))
binascii.crc_hqx(b"end", 0)
print(len(pairs))
"""


def count(wmt: Path, layout: str, mode: str, first_sight: bool, cache_sim: bool) -> dict[str, Any]:
    """Events of one pass over the test documents in ``mode`` ("with" or "without" sources)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "callgrind.out")
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", f"--dump-before={MARKER}",
               "--dump-instr=no", "--compress-strings=no"]
        if cache_sim:
            cmd += ["--cache-sim=yes", "--I1=32768,8,64", "--D1=32768,8,64", "--LL=1048576,8,64"]
        cmd += [sys.executable, "-c", _PASS, str(wmt), layout, mode, "1" if first_sight else "0"]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            raise SystemExit(f"valgrind failed:\n{proc.stderr[-2000:]}")
        n_docs = int(proc.stdout.strip().splitlines()[-1])
        # dumps: .1 before the first marker (setup, warm-up), .2 before the second (the pass), and
        # the rest at exit; any other number means the marker matched another call too, or none
        dumps = sorted(p.name for p in Path(tmp).glob("callgrind.out*"))
        if dumps != ["callgrind.out", "callgrind.out.1", "callgrind.out.2"]:
            raise SystemExit(f"expected two dumps at the marker {MARKER}, got files {dumps}: "
                             "was it called during the pass, or is the symbol named otherwise here?")
        totals = _totals(Path(f"{out}.2"))
    return {"documents": n_docs, **{k: v / n_docs for k, v in totals.items()}}


def _totals(path: Path) -> dict[str, int]:
    """The ``totals:`` (or ``summary:``) line of a callgrind dump, by event."""
    events: list[str] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("events:"):
            events = line.split()[1:]
        elif line.startswith(("totals:", "summary:")):
            return dict(zip(events, map(int, line.split()[1:]), strict=False))
    raise SystemExit(f"no totals in {path}")


def cycles(ev: dict[str, float]) -> float:
    """Estimated cycles: instructions at three per cycle, 12 per L1 miss, 40 per last-level miss."""
    l1 = ev.get("I1mr", 0) + ev.get("D1mr", 0) + ev.get("D1mw", 0)
    ll = ev.get("ILmr", 0) + ev.get("DLmr", 0) + ev.get("DLmw", 0)
    return ev["Ir"] / 3 + 12 * l1 + 40 * ll


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wmt", type=Path, required=True, help="the WMT22 en-de folder")
    ap.add_argument("--layout", default="lines", choices=("lines", "paragraphs", "paragraph"))
    ap.add_argument("--first-sight", action="store_true", help="warm up on the other split only")
    ap.add_argument("--cache-sim", action="store_true", help="simulate the caches (slower)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:  # (two processes: each mode's own valgrind)
        futures = {mode: pool.submit(count, args.wmt, args.layout, mode, args.first_sight, args.cache_sim)
                   for mode in ("without", "with")}
        got = {mode: f.result() for mode, f in futures.items()}
    res: dict[str, Any] = {
        "layout": args.layout, "first_sight": args.first_sight, "documents": got["with"]["documents"],
        "instructions_without": round(got["without"]["Ir"]), "instructions_with": round(got["with"]["Ir"]),
        "ratio": round(got["with"]["Ir"] / got["without"]["Ir"], 3),
    }
    if args.cache_sim:
        res["events_without"] = {k: round(v) for k, v in got["without"].items() if k in _EVENTS}
        res["events_with"] = {k: round(v) for k, v in got["with"].items() if k in _EVENTS}
        res["cycles_ratio_estimate"] = round(cycles(got["with"]) / cycles(got["without"]), 3)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    print(f"layout={res['layout']}  {'first sight' if res['first_sight'] else 'warm'}  "
          f"documents={res['documents']}")
    print(f"instructions per document: {res['instructions_without'] / 1e6:.3f}M without source, "
          f"{res['instructions_with'] / 1e6:.3f}M with source (ratio {res['ratio']:.3f})")
    if args.cache_sim:
        print(f"estimated cycles (model, see --help): ratio {res['cycles_ratio_estimate']:.3f}")


if __name__ == "__main__":
    main()
