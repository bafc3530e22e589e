"""Cross-lingual checks on translations with page chrome added: WMT22 documents plus boilerplate lines.

Takes the ten-segment WMT22 en→de documents of both splits (references A and B and two
systems), adds page-chrome lines written for this benchmark (reading-time widgets, ad
markers, share bars, agency footers, "Lesen Sie auch" teasers) at the top, the bottom,
the middle or two places, with a fixed seed, and checks each document against its source
with ``skip_boilerplate`` off and on. Reports, per setting: the cross-lingual detector's
CPU time per document, its additions on real sentences (false alarms) and on the added
lines, its omissions, and how many added lines the boilerplate detector or an addition
reports (what an editor sees after merging).

    python bench/xling_boilerplate.py --wmt data/wmt
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from qc.bench.xling import documents, load_wmt
from qc.detectors.boilerplate import BoilerplateDetector
from qc.detectors.xling_checks import CrossLingualDetector
from qc.model import Document
from qc.segment import Segmentation

HEAD = (
    "Vorlesen lassen? | Lesedauer: 3 Min.",
    "Anzeige",
    "Teilen auf Facebook | Teilen auf X | Per E-Mail teilen",
    "Das Wichtigste in Kürze",
)
TAIL = (
    "© dpa-infocom, dpa:231124-99-104513/2",
    "Mehr zum Thema",
    "Video: So reagiert die Börse auf die Zinsentscheidung",
    "Lesen Sie auch: Die wichtigsten Fragen und Antworten zur Wahl",
)
CHROME = frozenset(HEAD + TAIL)
PLACES = ("head", "tail", "both", "middle", "two-middle")


def with_chrome(lines: list[str], place: str, rng: random.Random) -> list[str]:
    """``lines`` with chrome added at ``place`` (one of :data:`PLACES`)."""
    out = list(lines)
    if place in ("head", "both"):
        out.insert(0, rng.choice(HEAD))
    if place in ("tail", "both"):
        out.append(rng.choice(TAIL))
    if place == "middle":
        out.insert(len(out) // 2, rng.choice(HEAD + TAIL))
    if place == "two-middle":
        out.insert(len(out) // 3, rng.choice(HEAD))
        out.insert(2 * len(out) // 3, rng.choice(TAIL))
    return out


def build(data: dict[str, list[str]], sides: tuple[str, ...]) -> list[tuple[str, str]]:
    docs = []
    for split, seed in (("tune", 2), ("test", 1)):
        rng = random.Random(seed)
        for r in documents(len(data["src"]), 10, split):
            for side in sides:
                lines = with_chrome([data[side][i] for i in r], rng.choice(PLACES), rng)
                docs.append(("\n".join(lines), "\n".join(data["src"][i] for i in r)))
    return docs


def measure(docs: list[tuple[str, str]], skip: bool) -> dict[str, float]:
    """Time per document and counts for one setting of ``skip_boilerplate``."""
    detector = CrossLingualDetector({"skip_boilerplate": skip})
    boilerplate = BoilerplateDetector()
    for text, source in docs[:30]:  # warm-up: dictionaries and tables
        detector.detect(Document("w", text, source=source), Segmentation(text))
    counts: Counter[str] = Counter()
    seconds = 0.0
    for text, source in docs:
        seg = Segmentation(text)
        chrome_found = boilerplate.detect(Document("d", text), seg)  # the pipeline runs it first
        t = time.process_time()
        found = detector.detect(Document("d", text, source=source), seg)
        seconds += time.process_time() - t
        for f in found:
            counts[f.category + (" on chrome" if f.text in CHROME else "")] += 1
        reported = [(f.start, f.end) for f in chrome_found] + [
            (f.start, f.end) for f in found if f.category == "addition"
        ]
        pos = 0
        for line in text.split("\n"):
            if line in CHROME:
                counts["chrome lines"] += 1
                counts["chrome lines reported"] += any(a <= pos and pos + len(line) <= b for a, b in reported)
            pos += len(line) + 1
    return {"ms_per_doc": round(1000 * seconds / len(docs), 3), **counts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wmt", type=Path, default=Path("../shared/wmt"), help="folder with the WMT22 files")
    args = ap.parse_args()
    docs = build(load_wmt(args.wmt), ("A", "B", "Online-A", "PROMT"))
    print(f"{len(docs)} documents with page chrome added")
    for skip in (False, True):
        r = measure(docs, skip)
        print(
            f"skip_boilerplate={str(skip).lower():5s}  {r['ms_per_doc']:.2f} ms/doc  "
            f"additions on real sentences {r.get('addition', 0)}, "
            f"on chrome {r.get('addition on chrome', 0)}; "
            f"omissions {r.get('omission', 0)}; chrome lines reported "
            f"{r.get('chrome lines reported', 0)} of {r.get('chrome lines', 0)}"
        )


if __name__ == "__main__":
    main()
