"""``qc lm …``: score sentences, measure perplexity, train the default model.

Mounted by ``qc.cli`` as ``app.add_typer(lm_app, name="lm")``; also runnable alone with
``python -m qc.lm.cli``. Examples::

    qc lm score article.txt                       # one JSON object per non-empty line
    qc lm perplexity data/corpus/*.valid.txt.xz --lines 200 --format text
    qc lm train --config configs/lm-default.toml
"""

from __future__ import annotations

import json
import logging
import lzma
import math
import sys
from collections.abc import Iterator
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Annotated

import typer

from qc.lm.scorer import LMScorer  # light: torch/transformers are imported on load

lm_app = typer.Typer(help="Language model: sentence scores, perplexity, training.", no_args_is_help=True)

LmOption = Annotated[
    str | None, typer.Option("--lm", help="Model folder or hub id (default: the shipped models/qc-de-lm).")
]
DeviceOption = Annotated[str | None, typer.Option(help="cpu, cuda, cuda:1 … (default: cuda if present).")]
ThreadsOption = Annotated[int | None, typer.Option(help="torch CPU threads (default: torch's choice).")]
QuantizeOption = Annotated[bool, typer.Option(help="int8 dynamic quantisation (CPU only).")]


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    text = "text"


def _numbered_lines(path: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) for the non-empty lines of a file; ``-`` reads stdin."""
    if path == "-":
        handle = sys.stdin
    else:
        opener = lzma.open if path.endswith(".xz") else open
        handle = opener(path, "rt", encoding="utf-8", newline="")
    try:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\r\n")
            if line.strip():
                yield number, line
    finally:
        if handle is not sys.stdin:
            handle.close()


def _load(lm: str | None, device: str | None, threads: int | None, quantize: bool) -> LMScorer:
    try:
        return LMScorer.load(lm, device=device, quantize=quantize, threads=threads)
    except (FileNotFoundError, OSError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@lm_app.command()
def score(
    files: Annotated[list[str], typer.Argument(help=".txt / .txt.xz files, or - for stdin.")],
    lm: LmOption = None,
    device: DeviceOption = None,
    threads: ThreadsOption = None,
    quantize: QuantizeOption = False,
    tokens: Annotated[bool, typer.Option("--tokens", help="Add per-token text and logprobs.")] = False,
    lines: Annotated[int | None, typer.Option(help="Only the first N non-empty lines per file.")] = None,
) -> None:
    """Score each non-empty line as a sentence; print one JSON object per line.

    Fields: file, line (1-based line number), text, tokens, words, nll (nats), nll_per_token,
    ppl (per token), ppl_per_word; with --tokens also pieces [[text, logprob], …].
    """
    scorer = _load(lm, device, threads, quantize)
    for path in files:
        numbered = islice(_numbered_lines(path), lines)
        while chunk := list(islice(numbered, 1000)):
            for (number, text), s in zip(chunk, scorer.score_texts([t for _, t in chunk]), strict=True):
                row: dict[str, object] = {
                    "file": path,
                    "line": number,
                    "text": text,
                    "tokens": s.n_tokens,
                    "words": s.words,
                    "nll": round(s.nll, 4),
                    "nll_per_token": round(s.nll_per_token, 4),
                    "ppl": round(s.ppl, 3),
                    "ppl_per_word": round(math.exp(s.nll / s.words), 3) if s.words else None,
                }
                if tokens:
                    row["pieces"] = [
                        [text[a:b], round(lp, 4)] for (a, b), lp in zip(s.offsets, s.logprobs, strict=True)
                    ]
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


@lm_app.command()
def perplexity(
    files: Annotated[list[Path], typer.Argument(help=".txt / .txt.xz files, one sentence per line.")],
    format: Annotated[OutputFormat, typer.Option("--format", help="jsonl or text.")] = OutputFormat.jsonl,
    stream: Annotated[bool, typer.Option(help="Score each file as one stream (sliding window).")] = False,
    lines: Annotated[int | None, typer.Option(help="Only the first N non-empty lines per file.")] = None,
    lm: LmOption = None,
    device: DeviceOption = None,
    threads: ThreadsOption = None,
    quantize: QuantizeOption = False,
) -> None:
    """Per-word perplexity and bits per character of each file (see qc.lm.perplexity)."""
    from qc.lm.perplexity import file_perplexity

    for path in files:
        if not path.exists():
            typer.echo(f"error: no such file: {path}", err=True)
            raise typer.Exit(2)
    scorer = _load(lm, device, threads, quantize)
    if format is OutputFormat.text:
        typer.echo(f"{'file':<32} {'tokens':>9} {'words':>9} {'chars':>10} {'ppl/word':>10} {'bits/char':>9}")
    for path in files:
        result = file_perplexity(path, scorer, stream=stream, limit=lines)
        if format is OutputFormat.jsonl:
            row = result.to_dict() | {"model": scorer.name, "stream": stream, "lines": lines}
            typer.echo(json.dumps(row, ensure_ascii=False))
        else:
            typer.echo(
                f"{result.file:<32} {result.tokens:>9} {result.words:>9} {result.chars:>10} "
                f"{result.perplexity_per_word:>10.2f} {result.bits_per_char:>9.4f}"
            )


@lm_app.command()
def train(
    config: Annotated[Path, typer.Option("--config", help="TOML config.", exists=True, dir_okay=False)],
) -> None:
    """Train the tokenizer and model described by a TOML config (see configs/lm-default.toml)."""
    from qc.lm.train import TrainConfig
    from qc.lm.train import train as run_training

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    summary = run_training(TrainConfig.from_toml(config))
    typer.echo(json.dumps(summary, indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":
    lm_app()
