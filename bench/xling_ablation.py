"""What each cross-lingual check adds to a whole check, and what the detector costs outside one.

The cost target of the cross-lingual checks is a ratio: a check with the source against the
same check without it. ``qc bench xling --measure cost`` measures that ratio; this script
shows where it comes from. It checks the same documents (``--docs`` documents of ``--size``
segments, ten by default, reference A with its English source) again and again with one ``Checker`` whose
cross-lingual detector is swapped for one with some checks switched off, the variants
alternating pass by pass (and their order reversed every other pass), as the repeated
measure of ``qc bench xling`` does, and prints per variant the median CPU time per document,
the extra time over checking without the source, the ratio, and the detector's own share
(its timing in the report). The rest of the extra time is spent by the other detectors,
which run slower beside the cross-lingual one (it most likely evicts what they keep in the
CPU's caches: the detector alone also slows down when a few MB are copied between documents).
A last line times the full detector alone on the same documents (segmented beforehand,
nothing else running between documents), for the difference that sharing the CPU makes.

``--fresh-sentence-caches`` empties the foreign-language detector's per-sentence pycld2
cache and the cross-lingual detector's kept sources (:func:`~qc.xling.bitext.source_side`)
before every pass: repeated passes otherwise find every sentence's verdict and every source
read there, which a batch of new articles never does (the first lowers the time without a
source, the second the time with one).

    python bench/xling_ablation.py --wmt data/wmt
    python bench/xling_ablation.py --wmt data/wmt --fresh-sentence-caches
"""

from __future__ import annotations

import argparse
import time
from statistics import median

from qc.bench.xling import add_wmt_arguments, doc_text, documents, load_wmt
from qc.detectors.xling_checks import CrossLingualDetector
from qc.lang.evidence import cld_guess
from qc.model import Document
from qc.pipeline import Checker
from qc.segment import Segmentation
from qc.xling.bitext import forget_sources

#: variant → the detector's options that differ from the defaults
VARIANTS: dict[str, dict[str, bool]] = {
    "all checks": {},
    "without names": {"names": False},
    "without numbers": {"numbers": False},
    "without untranslated": {"untranslated": False},
    "alignment only": {"names": False, "numbers": False, "untranslated": False, "omission": False,
                       "addition": False, "length_ratio": False},
}
WITHOUT_SOURCE = "no source"


def ablation(
    pairs: list[tuple[str, str]], passes: int = 15, fresh_sentence_caches: bool = False
) -> dict[str, tuple[float, float]]:
    """Per variant (and :data:`WITHOUT_SOURCE`): median CPU seconds per document of a whole
    check, and the cross-lingual detector's own median seconds per document."""
    checker = Checker(use_lm=False)
    stock = list(checker.detectors)
    chains = {
        name: [CrossLingualDetector(opts) if d.name == "crosslingual" else d for d in stock]
        for name, opts in VARIANTS.items()
    }
    names = [WITHOUT_SOURCE, *VARIANTS]

    def one_pass(name: str) -> tuple[float, float]:
        checker.detectors = chains.get(name, stock)
        if fresh_sentence_caches:
            cld_guess.cache_clear()
            forget_sources()
        own = 0.0
        t = time.process_time()
        for text, source in pairs:
            report = checker.check(Document("d", text, source=None if name == WITHOUT_SOURCE else source))
            own += report.timings.get("crosslingual", 0.0)
        return (time.process_time() - t) / len(pairs), own / len(pairs)

    try:
        for name in names:  # warm-up: the per-word caches every detector keeps
            one_pass(name)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
        for k in range(passes):
            for name in names if k % 2 == 0 else names[::-1]:
                runs[name].append(one_pass(name))
    finally:
        checker.detectors = stock
    return {name: (median(t for t, _ in got), median(o for _, o in got)) for name, got in runs.items()}


def detector_alone(pairs: list[tuple[str, str]], passes: int = 15) -> float:
    """Minimum over ``passes`` of the full detector's CPU seconds per document, run on its own."""
    checker = Checker(use_lm=False)
    detector = CrossLingualDetector()
    options = checker._options
    docs = [Document("d", text, source=source) for text, source in pairs]
    best = float("inf")
    for _ in range(passes + 1):
        segs = []
        for doc in docs:
            seg = Segmentation(doc.text)
            seg.shared["options"] = options
            _ = seg.fast_sentences, seg.content_lines  # segmented beforehand, as in a check
            segs.append(seg)
        t = time.process_time()
        for doc, seg in zip(docs, segs, strict=True):
            detector.detect(doc, seg)
        best = min(best, (time.process_time() - t) / len(docs))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_wmt_arguments(ap)
    ap.add_argument("--docs", type=int, default=60, help="documents checked in every pass")
    ap.add_argument("--passes", type=int, default=15, help="timed passes per variant")
    ap.add_argument("--fresh-sentence-caches", action="store_true",
                    help="empty the per-sentence pycld2 cache and the kept sources before every pass")
    args = ap.parse_args()
    data = load_wmt(args.wmt)
    pairs = [(doc_text(data, "A", r, args.layout), doc_text(data, "src", r, args.layout))
             for r in documents(len(data["src"]), args.size, args.split)[: args.docs]]
    res = ablation(pairs, args.passes, args.fresh_sentence_caches)
    base = res[WITHOUT_SOURCE][0]
    print(f"{len(pairs)} documents of {args.size} segments ({args.split} split, {args.layout}, reference A), "
          f"median of {args.passes} passes, CPU ms per document"
          + (", per-sentence caches emptied every pass" if args.fresh_sentence_caches else ""))
    print(f"{'variant':22s} {'check':>7s} {'extra':>7s} {'ratio':>6s} {'detector':>9s} {'others':>7s}")
    for name, (seconds, own) in res.items():
        extra = seconds - base
        print(f"{name:22s} {seconds * 1e3:7.3f} {extra * 1e3:7.3f} {seconds / base:6.3f} "
              f"{own * 1e3:9.3f} {(extra - own) * 1e3:7.3f}")
    print(f"the full detector alone: {detector_alone(pairs, args.passes) * 1e3:.3f} ms per document")


if __name__ == "__main__":
    main()
