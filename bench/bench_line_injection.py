"""Recall of the line detectors on artifacts injected into clean German articles.

Clean articles are built from a German file (one segment per line, e.g. WMT22 human
references), ``--block`` segments each, paragraphs separated by blank lines. Into
each article one artifact of every class is injected at a random paragraph break,
built from a parallel English file where one is given (same line numbers):

* ``english-line``   an English source sentence as its own paragraph    → foreign
* ``english-inline`` an English sentence appended to a German paragraph  → foreign (untranslated)
* ``english-slug``   a URL slug of an English sentence                   → foreign
* ``category-slug``  a slug of two German words from the article         → metadata
* ``date-field``     "date 2023-09-11" opening a paragraph               → metadata
* ``headline-copy``  the first line, punctuation removed, truncated      → duplicate
* ``ad-marker``      "Anzeige" / "Werbung"                               → boilerplate

An artifact counts as found when a major/minor finding of any line detector overlaps
it. Findings elsewhere are counted as false alarms (the clean text itself may hold
real artifacts, so this is an upper bound). Usage::

    python bench/bench_line_injection.py REF.de --source SRC.en --articles 150
"""

from __future__ import annotations

import argparse
import lzma
import random
import re
from collections import Counter

from qc.detectors import REGISTRY
from qc.model import Document
from qc.segment import Segmentation

LINE_DETECTORS = ("foreign", "boilerplate", "metadata", "duplicate", "attribution")


def _read(path: str) -> list[str]:
    opener = lzma.open if path.endswith(".xz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [line.strip() for line in fh]


def _slug(sentence: str, n: int = 9) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", sentence.lower())[:n])


def build(paras: list[str], english: list[str], rng: random.Random) -> tuple[str, dict[str, tuple[int, int]]]:
    """One article with injected artifacts; returns the text and each artifact's span."""
    headline = paras[0]
    words = re.findall(r"\w+", headline)
    german_words = [w.lower() for p in paras for w in re.findall(r"[A-Za-zäöüß]{5,}", p)]
    pieces: list[tuple[str, str | None]] = [(p, None) for p in paras]
    pair = rng.sample(german_words, 2) if len(german_words) > 1 else ["politik", "inland"]
    eng = [e for e in english if len(e.split()) >= 6] or ["The talks are expected to continue next week."]
    injections = {
        "english-line": rng.choice(eng),
        "english-slug": _slug(rng.choice(eng)),
        "category-slug": "-".join(pair),
        "headline-copy": " ".join(words[: max(4, round(0.7 * len(words)))]),
        "ad-marker": rng.choice(["Anzeige", "Werbung"]),
    }
    for kind, artifact in injections.items():
        pos = rng.randrange(1, len(pieces) + 1) if kind != "headline-copy" else 1
        pieces.insert(pos, (artifact, kind))
    text, spans = "", {}
    for i, (piece, kind) in enumerate(pieces):
        if i:
            text += "\n\n"
        if kind is None and i > 0 and "date-field" not in spans and rng.random() < 0.3:
            spans["date-field"] = (len(text), len(text) + len("date 2023-09-11 "))
            text += "date 2023-09-11 "
        if kind is None and i > 0 and "english-inline" not in spans and rng.random() < 0.3:
            inline = " " + rng.choice(eng)
            spans["english-inline"] = (len(text) + len(piece), len(text) + len(piece) + len(inline))
            piece += inline
        if kind is not None:
            spans[kind] = (len(text), len(text) + len(piece))
        text += piece
    return text, spans


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("german")
    ap.add_argument("--source", help="parallel English file (same line numbers) for English artifacts")
    ap.add_argument("--articles", type=int, default=150)
    ap.add_argument("--block", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show-missed", action="store_true")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    german = _read(args.german)
    english = _read(args.source) if args.source else []
    detectors = [REGISTRY[name]() for name in LINE_DETECTORS]
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    false_alarms: Counter[str] = Counter()
    examples: list[str] = []
    starts = list(range(0, len(german) - args.block, args.block))
    for start in rng.sample(starts, min(args.articles, len(starts))):
        paras = [p for p in german[start : start + args.block] if p]
        if len(paras) < 3:
            continue
        text, spans = build(paras, english[start : start + args.block] or english[:50], rng)
        seg = Segmentation(text)
        findings = [f for d in detectors for f in d.detect(Document(id="x", text=text), seg)
                    if f.severity in ("major", "minor")]
        for kind, (s, e) in spans.items():
            total[kind] += 1
            hit = any(f.start < e and s < f.end for f in findings)
            found[kind] += hit
            if not hit and args.show_missed:
                print(f"MISSED {kind}: {text[max(0, s - 60):e]!r}")
        for f in findings:
            if not any(f.start < e and s < f.end for s, e in spans.values()):
                false_alarms[f"{f.detector}/{f.evidence.get('rule')}"] += 1
                if len(examples) < 15:
                    examples.append(f"{f.detector}: {f.text[:80]!r}")
    print(f"articles: {sum(total.values()) and max(total.values())}")
    for kind in sorted(total):
        recall = found[kind] / total[kind]
        print(f"  {kind:15} found {found[kind]:4d} / {total[kind]:4d}  recall {recall:.3f}")
    print(f"findings outside injected spans: {sum(false_alarms.values())} {dict(false_alarms)}")
    for line in examples:
        print("   ", line)


if __name__ == "__main__":
    main()
