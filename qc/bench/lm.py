"""LM scoring throughput: ``LMScorer`` against a naive one-sentence-at-a-time loop.

Both score the same sentences with the same model object in the same run: the naive loop
tokenizes one sentence, runs ``model(input_ids)`` and takes ``log_softmax``; the scorer
batches by length (see :mod:`qc.lm.scorer`). Reports scored tokens/s of each, the ratio,
the largest difference between their per-sentence NLLs (a correctness check), and the
peak resident memory of the process. Runs on CPU with ``--threads`` torch threads, and on
CUDA too when present. Sentences come from a file given on the command line (one per
line, ``.txt`` or ``.txt.xz``), e.g. a corpus ``*.valid.txt.xz`` or WMT references.

Example::

    qc bench lm data/corpus/de-news-extra.valid.txt.xz --lines 2000 --threads 2
"""

from __future__ import annotations

import json
import math
import os
import resource
import time
from pathlib import Path
from typing import Annotated, Any

import typer

LABELS = {
    "naive": "naive per-sentence loop",
    "nll": "LMScorer.nll",
    "score_texts": "LMScorer.score_texts",
    "int8_nll": "LMScorer.nll, int8",
}


def naive_nll(scorer: Any, texts: list[str]) -> list[float]:
    """Per-sentence NLL the straightforward way: one forward pass per sentence."""
    import torch

    out = []
    with torch.inference_mode():
        for text in texts:
            tokens = scorer.tokenizer(text, add_special_tokens=False)["input_ids"]
            ids = [scorer.bos_id, *tokens, scorer.eos_id]
            x = torch.tensor([ids], device=scorer.device)
            logprobs = torch.log_softmax(scorer.model(x).logits[0, :-1].float(), dim=-1)
            out.append(-logprobs.gather(-1, x[0, 1:, None]).sum().item())
    return out


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        import torch

        torch.cuda.synchronize()


def run(
    texts: list[str], *, model: str | None, device: str, threads: int, quantize: bool, rounds: int = 5
) -> dict:
    """Measure one device; ``texts`` must fit the model's context (see ``main``).

    The methods take turns on ``rounds`` slices of the sentences, so that load from other
    processes falls on all of them alike; wall time and process CPU time are both summed.
    """
    from qc.lm.scorer import LMScorer

    scorer = LMScorer.load(model, device=device, threads=threads if device == "cpu" else None)
    methods: dict[str, Any] = {
        "naive": lambda xs: naive_nll(scorer, xs),
        "nll": scorer.nll,
        "score_texts": lambda xs: [s.nll for s in scorer.score_texts(xs)],
    }
    if quantize and device == "cpu":
        qscorer = LMScorer.load(model, device="cpu", quantize=True, threads=threads)
        methods["int8_nll"] = qscorer.nll
    # scored tokens: the sentence's tokens plus </s> (<s> is context only)
    n_tokens = sum(len(x) + 1 for x in scorer.tokenizer(texts, add_special_tokens=False)["input_ids"])
    # warm-up: first calls allocate and pick kernels; on a GPU each new batch shape picks its own,
    # so the scorer's methods see every shape once (a long batch job reaches that steady state)
    for name, fn in methods.items():
        fn(texts if device.startswith("cuda") and name != "naive" else texts[:20])
    wall = dict.fromkeys(methods, 0.0)
    cpu = dict.fromkeys(methods, 0.0)
    nlls: dict[str, list[float]] = {name: [] for name in methods}
    step = max(1, math.ceil(len(texts) / max(1, rounds)))
    for i in range(0, len(texts), step):
        part = texts[i : i + step]
        for name, fn in methods.items():
            _sync(device)
            w0, c0 = time.perf_counter(), time.process_time()
            nlls[name].extend(fn(part))
            _sync(device)
            wall[name] += time.perf_counter() - w0
            cpu[name] += time.process_time() - c0
    res: dict[str, Any] = {
        "device": device,
        "threads": threads if device == "cpu" else None,
        "model": scorer.name,
        "sentences": len(texts),
        "tokens": n_tokens,
        "load_average": round(os.getloadavg()[0], 2),
    }
    for name in methods:
        res[f"{name}_tokens_per_s"] = round(n_tokens / wall[name])
        res[f"{name}_tokens_per_cpu_s"] = round(n_tokens / cpu[name]) if cpu[name] else None
        if name != "naive":
            res[f"{name}_speedup"] = round(wall["naive"] / wall[name], 2)
            res[f"{name}_speedup_cpu"] = round(cpu["naive"] / cpu[name], 2) if cpu[name] else None
    res["max_abs_nll_diff"] = round(
        max(abs(a - b) for a, b in zip(nlls["naive"], nlls["nll"], strict=True)), 5
    )
    if "int8_nll" in methods:
        res["int8_mean_abs_nll_diff_per_token"] = round(
            sum(abs(a - b) for a, b in zip(nlls["int8_nll"], nlls["nll"], strict=True)) / n_tokens, 5
        )
    if device.startswith("cuda"):
        import torch

        res["gpu"] = torch.cuda.get_device_name()
        res["gpu_peak_mem_mb"] = round(torch.cuda.max_memory_allocated() / 2**20, 1)
    res["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return res


def main(
    path: Annotated[Path, typer.Argument(help="Sentences, one per line (.txt or .txt.xz)", exists=True)],
    lines: Annotated[int, typer.Option(help="Use the first N non-empty lines")] = 2000,
    lm: Annotated[str | None, typer.Option("--lm", help="Model folder or hub id (default: shipped)")] = None,
    threads: Annotated[int, typer.Option(help="torch CPU threads")] = 2,
    cpu: Annotated[bool, typer.Option(help="Measure on CPU")] = True,
    cuda: Annotated[bool, typer.Option(help="Also measure on CUDA when present")] = True,
    rounds: Annotated[int, typer.Option(help="Methods take turns on this many slices")] = 5,
    quantize: Annotated[bool, typer.Option(help="Also measure int8 dynamic quantisation on CPU")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the measurements as JSON")] = False,
) -> None:
    """Tokens/s of LMScorer vs a naive per-sentence transformers loop (same model, same sentences)."""
    import torch

    from qc.lm.perplexity import read_lines
    from qc.lm.scorer import LMScorer

    texts = list(read_lines(path, lines))
    # the naive loop cannot slide a window, so keep sentences that fit the context
    cpu_scorer = LMScorer.load(lm, device="cpu", threads=threads)
    ids = cpu_scorer.tokenizer(texts, add_special_tokens=False)["input_ids"]
    fits = [t for t, x in zip(texts, ids, strict=True) if len(x) + 2 <= cpu_scorer.context]
    results = []
    if cpu:
        results.append(run(fits, model=lm, device="cpu", threads=threads, quantize=quantize, rounds=rounds))
    if cuda and torch.cuda.is_available():
        results.append(run(fits, model=lm, device="cuda", threads=threads, quantize=False, rounds=rounds))
    summary = {"file": path.name, "lines_read": len(texts), "lines_scored": len(fits), "results": results}
    if as_json:
        print(json.dumps(summary, indent=2))
        return
    print(f"qc bench lm: {path.name}, {len(fits)} of {len(texts)} lines (those that fit the context)")
    for r in results:
        where = f"{r['device']}" + (f", {r['threads']} threads" if r["threads"] else f" ({r.get('gpu')})")
        print(f"  {where}: {r['tokens']:,} tokens, load average {r['load_average']}")
        print(f"    {'method':<24} {'tokens/s':>9} {'speed-up':>8} {'tokens/CPU-s':>12} {'speed-up':>8}")
        for name, label in LABELS.items():
            if f"{name}_tokens_per_s" not in r:
                continue
            up, up_cpu = r.get(f"{name}_speedup", 1.0), r.get(f"{name}_speedup_cpu", 1.0)
            print(f"    {label:<24} {r[f'{name}_tokens_per_s']:>9,} {up:>7}× "
                  f"{r[f'{name}_tokens_per_cpu_s'] or 0:>12,} {up_cpu:>7}×")
        print(f"    max |NLL naive - NLL scorer| per sentence: {r['max_abs_nll_diff']} nats")
        if "int8_mean_abs_nll_diff_per_token" in r:
            print(f"    int8 vs fp32 mean |ΔNLL| per token: {r['int8_mean_abs_nll_diff_per_token']} nats")
        gpu = f", GPU peak {r['gpu_peak_mem_mb']} MB" if "gpu" in r else ""
        print(f"    peak RSS {r['peak_rss_mb']} MB{gpu}")
