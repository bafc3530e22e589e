"""Heuristics-only throughput: articles/s of the full pipeline without the LM, one process.

The input articles (default: the seed fixtures of a source checkout) are repeated
until ``--articles`` documents have been checked. Prints articles/s, characters/s,
the one-off start-up cost (building detectors, loading dictionaries, one warm-up
pass over the articles), the CPU time (comparable on a busy machine) and each
detector's share of the checking time. Segmentation is computed lazily, so its cost
is charged to the first detector that asks for it; it is also timed on its own.

Example::

    qc bench heuristics --articles 1000
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Annotated

import typer

from qc.config import Config
from qc.io import read_documents
from qc.model import Document
from qc.pipeline import Checker
from qc.segment import Segmentation


def default_articles() -> list[str]:
    """The seed fixtures of a source checkout, if there is one."""
    for root in (Path(__file__).resolve().parents[2], Path.cwd()):
        seeds = root / "fixtures" / "seeds"
        if seeds.is_dir():
            return [str(seeds)]
    return []


def run(docs: list[Document], n_articles: int, config: Config | None = None) -> dict:
    """Check ``n_articles`` documents cycling through ``docs``; return the measurements."""
    t0 = time.perf_counter()
    checker = Checker(config or Config(), use_lm=False)
    for doc in docs:  # warm-up: lazily loaded lexicons and caches count as start-up, not throughput
        checker.check(Document(id=doc.id, text=doc.text))
    startup = time.perf_counter() - t0
    per_detector: dict[str, float] = defaultdict(float)
    chars = findings = errors = 0
    t0, cpu0 = time.perf_counter(), time.process_time()
    for i in range(n_articles):
        src = docs[i % len(docs)]
        report = checker.check(Document(id=f"{src.id}#{i}", text=src.text, metadata=dict(src.metadata)))
        chars += len(src.text)
        findings += len(report.findings)
        errors += report.verdict == "error"
        for name, seconds in report.timings.items():
            per_detector[name] += seconds
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    segmentation: dict[str, float] = defaultdict(float)
    for i in range(n_articles):
        seg = Segmentation(docs[i % len(docs)].text)
        for part in ("lines", "content_lines", "paragraphs", "sentences", "tokens"):
            t1 = time.perf_counter()
            getattr(seg, part)
            segmentation[part] += time.perf_counter() - t1
    total = per_detector.pop("total", elapsed)
    detectors = {name: round(s, 4) for name, s in sorted(per_detector.items(), key=lambda kv: -kv[1])}
    return {
        "articles": n_articles,
        "distinct_articles": len(docs),
        "characters": chars,
        "seconds": round(elapsed, 3),
        "articles_per_s": round(n_articles / elapsed, 1) if elapsed else None,
        "chars_per_s": round(chars / elapsed) if elapsed else None,
        # CPU time of this process: comparable across runs on a busy machine, unlike wall time
        "cpu_seconds": round(cpu, 3),
        "articles_per_cpu_s": round(n_articles / cpu, 1) if cpu else None,
        "startup_s": round(startup, 3),
        "detectors": checker.detector_names,
        "detector_seconds": detectors,
        "other_seconds": round(max(0.0, total - sum(per_detector.values())), 4),
        "segmentation_alone_s": {k: round(v, 4) for k, v in segmentation.items()},
        "findings": findings,
        "errors": errors,
    }


def print_result(res: dict) -> None:
    print(
        f"qc bench heuristics: {res['articles']} articles ({res['distinct_articles']} distinct), "
        f"{res['characters']:,} characters, no LM, 1 process"
    )
    print(f"  start-up (detectors, dictionaries, one warm-up pass): {res['startup_s']:.3f} s")
    print(
        f"  checking: {res['seconds']:.3f} s → {res['articles_per_s']} articles/s, "
        f"{res['chars_per_s']:,} chars/s"
    )
    print(
        f"  CPU time: {res['cpu_seconds']:.3f} s → {res['articles_per_cpu_s']} articles per CPU-second "
        "(wall time suffers when other processes share the cores)"
    )
    total = sum(res["detector_seconds"].values()) + res["other_seconds"]
    print("  time share:")
    rows = [*res["detector_seconds"].items(), ("merge/repair/score", res["other_seconds"])]
    for name, s in rows:
        share = 100 * s / total if total else 0.0
        print(f"    {name:<22} {share:5.1f} %  {1000 * s / res['articles']:7.3f} ms/article")
    seg = res["segmentation_alone_s"]
    parts = ", ".join(f"{k} {1000 * v / res['articles']:.3f}" for k, v in seg.items())
    print(
        f"  segmentation alone: {1000 * sum(seg.values()) / res['articles']:.3f} ms/article ({parts}); "
        "in the pipeline it is charged to the first detector that uses it"
    )
    print(f"  findings: {res['findings']}, errors: {res['errors']}")


def main(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Articles (files, folders, JSONL); default: the seeds")
    ] = None,
    articles: Annotated[int, typer.Option("--articles", "-n", min=1, help="Articles to check")] = 1000,
    config: Annotated[Path | None, typer.Option(help="TOML configuration")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the measurements as JSON")] = False,
) -> None:
    """Heuristics-only throughput (articles/s, per-detector time share), no LM, one process."""
    sources = paths or default_articles()
    if not sources:
        raise typer.BadParameter("no articles given and no fixtures/seeds folder found", param_hint="PATHS")
    docs = [d for d in read_documents(sources) if d.error is None]
    if not docs:
        raise typer.BadParameter("no readable articles", param_hint="PATHS")
    res = run(docs, articles, Config.from_toml(config) if config else None)
    if as_json:
        print(json.dumps(res, indent=2))
    else:
        print_result(res)
