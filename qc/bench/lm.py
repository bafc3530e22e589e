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
import resource
import time
from pathlib import Path
from typing import Annotated, Any

import typer


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


def _timed(fn: Any, *args: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - t0


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        import torch

        torch.cuda.synchronize()


def run(texts: list[str], *, model: str | None, device: str, threads: int, quantize: bool) -> dict:
    """Measure one device; ``texts`` must fit the model's context (see ``main``)."""
    from qc.lm.scorer import LMScorer

    scorer = LMScorer.load(model, device=device, threads=threads if device == "cpu" else None)
    # scored tokens: the sentence's tokens plus </s> (<s> is context only)
    n_tokens = sum(len(x) + 1 for x in scorer.tokenizer(texts, add_special_tokens=False)["input_ids"])
    warm = texts[:20]
    naive_nll(scorer, warm), scorer.nll(warm)  # warm-up: first calls allocate and pick kernels
    _sync(device)
    naive, t_naive = _timed(naive_nll, scorer, texts)
    _sync(device)
    batched, t_nll = _timed(scorer.nll, texts)
    _sync(device)
    _, t_score = _timed(scorer.score_texts, texts)
    _sync(device)
    res = {
        "device": device,
        "threads": threads if device == "cpu" else None,
        "model": scorer.name,
        "sentences": len(texts),
        "tokens": n_tokens,
        "naive_tokens_per_s": round(n_tokens / t_naive),
        "scorer_nll_tokens_per_s": round(n_tokens / t_nll),
        "scorer_score_texts_tokens_per_s": round(n_tokens / t_score),
        "speedup_nll": round(t_naive / t_nll, 2),
        "speedup_score_texts": round(t_naive / t_score, 2),
        "max_abs_nll_diff": round(max(abs(a - b) for a, b in zip(naive, batched, strict=True)), 5),
    }
    if quantize and device == "cpu":
        qscorer = LMScorer.load(model, device="cpu", quantize=True, threads=threads)
        qscorer.nll(warm)
        qnll, t_q = _timed(qscorer.nll, texts)
        res["int8_nll_tokens_per_s"] = round(n_tokens / t_q)
        res["int8_speedup_over_fp32_scorer"] = round(t_nll / t_q, 2)
        res["int8_mean_abs_nll_diff_per_token"] = round(
            sum(abs(a - b) for a, b in zip(qnll, batched, strict=True)) / n_tokens, 5
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
    cuda: Annotated[bool, typer.Option(help="Also measure on CUDA when present")] = True,
    quantize: Annotated[bool, typer.Option(help="Also measure int8 dynamic quantisation on CPU")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the measurements as JSON")] = False,
) -> None:
    """Tokens/s of LMScorer vs a naive per-sentence transformers loop (same model, same sentences)."""
    import torch

    from qc.lm.perplexity import read_lines
    from qc.lm.scorer import LMScorer

    texts = list(read_lines(path, lines))
    # the naive loop cannot slide a window, so keep sentences that fit the context
    cpu = LMScorer.load(lm, device="cpu", threads=threads)
    ids = cpu.tokenizer(texts, add_special_tokens=False)["input_ids"]
    fits = [t for t, x in zip(texts, ids, strict=True) if len(x) + 2 <= cpu.context]
    results = [run(fits, model=lm, device="cpu", threads=threads, quantize=quantize)]
    if cuda and torch.cuda.is_available():
        results.append(run(fits, model=lm, device="cuda", threads=threads, quantize=False))
    summary = {"file": path.name, "lines_read": len(texts), "lines_scored": len(fits), "results": results}
    if as_json:
        print(json.dumps(summary, indent=2))
        return
    print(f"qc bench lm: {path.name}, {len(fits)} of {len(texts)} lines (those that fit the context)")
    for r in results:
        where = f"{r['device']}" + (f", {r['threads']} threads" if r["threads"] else f" ({r.get('gpu')})")
        print(f"  {where}: {r['tokens']:,} tokens")
        print(f"    naive per-sentence loop  {r['naive_tokens_per_s']:>9,} tokens/s")
        print(f"    LMScorer.nll             {r['scorer_nll_tokens_per_s']:>9,} tokens/s  "
              f"×{r['speedup_nll']}")
        print(f"    LMScorer.score_texts     {r['scorer_score_texts_tokens_per_s']:>9,} tokens/s  "
              f"×{r['speedup_score_texts']}")
        if "int8_nll_tokens_per_s" in r:
            print(f"    LMScorer.nll int8        {r['int8_nll_tokens_per_s']:>9,} tokens/s  "
                  f"×{r['int8_speedup_over_fp32_scorer']} over fp32, "
                  f"|ΔNLL|/token {r['int8_mean_abs_nll_diff_per_token']}")
        print(f"    max |NLL naive - NLL scorer| per sentence: {r['max_abs_nll_diff']}")
        gpu = f", GPU peak {r['gpu_peak_mem_mb']} MB" if "gpu" in r else ""
        print(f"    peak RSS {r['peak_rss_mb']} MB{gpu}")
