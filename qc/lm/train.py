"""Train the default German LM: a sentencepiece tokenizer plus a small GPT-2.

Reproducible from a TOML config (see ``configs/lm-default.toml``)::

    qc lm train --config configs/lm-default.toml

Steps: read the training files of the corpus (never ``*.valid.*``, never WMT),
train a unigram sentencepiece model, encode every line as ``<s> line </s>``,
pack the stream into fixed-length blocks, train with AdamW and a warmup +
cosine schedule, evaluate on the held-out files, and save a folder that
``AutoModelForCausalLM.from_pretrained(..., local_files_only=True)`` loads.
"""

from __future__ import annotations

import json
import logging
import lzma
import math
import os
import random
import time
import tomllib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass
class TrainConfig:
    corpus_dir: str = "data/corpus"
    train_glob: str = "*.txt.xz"
    output_dir: str = "models/qc-de-lm"
    work_dir: str = "runs/lm"
    seed: int = 13
    # tokenizer
    vocab_size: int = 8000
    spm_sentence_sample: int = 1_000_000
    # model (GPT-2 family)
    n_layer: int = 4
    n_embd: int = 320
    n_head: int = 5
    context: int = 128
    dropout: float = 0.0
    # optimisation
    batch_size: int = 32
    max_steps: int = 2500
    learning_rate: float = 2e-3
    min_lr_ratio: float = 0.1
    warmup_steps: int = 100
    weight_decay: float = 0.1
    grad_clip: float = 1.0
    threads: int = 0  # 0 = torch default
    checkpoint_every: int = 500
    eval_lines: int = 200
    save_dtype: str = "float16"
    # CUDA only: compile the model with torch.compile (falls back to eager on failure)
    compile: bool = False
    # stop after about this many seconds of training: at step 250 the rate of steps 50-250
    # fixes ``max_steps`` (recorded in training.json, so a rerun can pin it); 0 = off
    time_budget_s: float = 0.0
    # resume: initialise weights from an HF folder (e.g. a checkpoint) and continue
    # the schedule at ``start_step`` (optimizer moments restart, with a short re-warmup)
    init_from: str = ""
    start_step: int = 0
    rewarmup_steps: int = 50
    # per-file sampling weights (file stem -> repeat factor), e.g. news up-weighted
    file_weights: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_toml(cls, path: str | Path) -> TrainConfig:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown keys in {path}: {sorted(unknown)}")
        return cls(**data)


def read_lines(path: Path) -> list[str]:
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip()]


def training_files(cfg: TrainConfig) -> list[Path]:
    files = sorted(p for p in Path(cfg.corpus_dir).glob(cfg.train_glob) if ".valid." not in p.name)
    if not files:
        raise FileNotFoundError(f"no training files matching {cfg.train_glob} in {cfg.corpus_dir}")
    return files


def valid_files(cfg: TrainConfig) -> list[Path]:
    return sorted(Path(cfg.corpus_dir).glob("*.valid.txt*"))


def load_training_lines(cfg: TrainConfig) -> list[str]:
    rng = random.Random(cfg.seed)
    lines: list[str] = []
    for path in training_files(cfg):
        part = read_lines(path)
        stem = path.name.split(".")[0]
        weight = cfg.file_weights.get(stem, 1.0)
        whole, frac = int(weight), weight - int(weight)
        lines.extend(part * whole)
        if frac > 0:
            lines.extend(rng.sample(part, int(len(part) * frac)))
        log.info("%s: %d lines (weight %.2f)", path.name, len(part), weight)
    rng.shuffle(lines)
    return lines


def train_tokenizer(cfg: TrainConfig, lines: list[str], out_dir: Path) -> Path:
    import sentencepiece as spm

    out_dir.mkdir(parents=True, exist_ok=True)
    sample_path = out_dir / "spm_sample.txt"
    rng = random.Random(cfg.seed)
    sample = lines if len(lines) <= cfg.spm_sentence_sample else rng.sample(lines, cfg.spm_sentence_sample)
    sample_path.write_text("\n".join(sample) + "\n", encoding="utf-8")
    prefix = out_dir / "tokenizer"
    spm.SentencePieceTrainer.train(
        input=str(sample_path),
        model_prefix=str(prefix),
        vocab_size=cfg.vocab_size,
        model_type="unigram",
        character_coverage=0.9995,
        byte_fallback=True,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        split_digits=True,
        pad_id=0,
        unk_id=1,
        bos_id=2,
        eos_id=3,
        num_threads=max(1, cfg.threads or 2),
        input_sentence_size=cfg.spm_sentence_sample,
        shuffle_input_sentence=True,
        minloglevel=2,
    )
    sample_path.unlink()
    return prefix.with_suffix(".model")


def encode_stream(sp, lines: list[str]):
    import numpy as np

    ids = sp.encode(lines, num_threads=max(4, os.cpu_count() or 1))
    bos, eos = sp.bos_id(), sp.eos_id()
    total = sum(len(x) + 2 for x in ids)
    stream = np.empty(total, dtype=np.int32)
    pos = 0
    for seq in ids:
        stream[pos] = bos
        stream[pos + 1 : pos + 1 + len(seq)] = seq
        stream[pos + 1 + len(seq)] = eos
        pos += len(seq) + 2
    return stream


def lr_at(step: int, cfg: TrainConfig) -> float:
    if cfg.start_step and step >= cfg.start_step:
        ramp = min(1.0, (step - cfg.start_step + 1) / max(1, cfg.rewarmup_steps))
        return ramp * _schedule(step, cfg)
    return _schedule(step, cfg)


def _schedule(step: int, cfg: TrainConfig) -> float:
    if step < cfg.warmup_steps:
        return cfg.learning_rate * (step + 1) / cfg.warmup_steps
    progress = (step - cfg.warmup_steps) / max(1, cfg.max_steps - cfg.warmup_steps)
    cosine = 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
    return cfg.learning_rate * (cfg.min_lr_ratio + (1 - cfg.min_lr_ratio) * cosine)


def build_model(cfg: TrainConfig, vocab_size: int, bos: int, eos: int, pad: int):
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(
        vocab_size=vocab_size,
        n_positions=cfg.context,
        n_embd=cfg.n_embd,
        n_layer=cfg.n_layer,
        n_head=cfg.n_head,
        resid_pdrop=cfg.dropout,
        embd_pdrop=cfg.dropout,
        attn_pdrop=cfg.dropout,
        bos_token_id=bos,
        eos_token_id=eos,
        pad_token_id=pad,
        tie_word_embeddings=True,
    )
    return GPT2LMHeadModel(config)


def save_model(model, tokenizer_model: Path, out_dir: Path, dtype: str, extra: dict) -> None:
    import shutil

    import torch

    from qc.lm.hf_tokenizer import save_hf_tokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    to_save = model.to(getattr(torch, dtype))
    to_save.save_pretrained(out_dir, safe_serialization=True)
    model.to(torch.float32)
    shutil.copy(tokenizer_model, out_dir / "tokenizer.model")
    save_hf_tokenizer(out_dir / "tokenizer.model", out_dir)
    (out_dir / "training.json").write_text(json.dumps(extra, indent=2, ensure_ascii=False) + "\n")


def train(cfg: TrainConfig) -> dict:
    import numpy as np
    import sentencepiece as spm
    import torch

    torch.manual_seed(cfg.seed)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    work = Path(cfg.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.time()

    lines = load_training_lines(cfg)
    tok_path = work / "tokenizer.model"
    if not tok_path.exists():
        tok_path = train_tokenizer(cfg, lines, work)
    sp = spm.SentencePieceProcessor(model_file=str(tok_path))
    log.info("tokenizer ready (%.0f s)", time.time() - t0)

    stream_path = work / "stream.npy"
    if stream_path.exists():
        stream = np.load(stream_path)
    else:
        stream = encode_stream(sp, lines)
        np.save(stream_path, stream)
    n_words = sum(len(x.split()) for x in lines)
    log.info(
        "stream: %d tokens, %.2f tokens/word (%.0f s)", len(stream), len(stream) / n_words, time.time() - t0
    )

    block = cfg.context
    n_blocks = len(stream) // block
    blocks = torch.from_numpy(stream[: n_blocks * block].astype(np.int64)).view(n_blocks, block)
    if device == "cuda":
        blocks = blocks.to(device)  # the whole stream fits easily; no host copies per step
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True

    if cfg.init_from:
        from transformers import AutoModelForCausalLM

        model = AutoModelForCausalLM.from_pretrained(
            cfg.init_from, local_files_only=True, dtype=torch.float32
        )
        model = model.to(device)
        log.info("initialised from %s, continuing at step %d", cfg.init_from, cfg.start_step)
    else:
        model = build_model(cfg, sp.get_piece_size(), sp.bos_id(), sp.eos_id(), sp.pad_id()).to(device)
    n_params = sum(p.numel() for p in model.parameters())
    log.info("model: %.2f M parameters on %s", n_params / 1e6, device)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.learning_rate,
        betas=(0.9, 0.95),
        fused=device == "cuda",
    )
    forward = model
    if cfg.compile and device == "cuda":
        forward = torch.compile(model)
    gen = torch.Generator().manual_seed(cfg.seed)
    order = torch.randperm(n_blocks, generator=gen)
    autocast = torch.autocast("cuda", dtype=torch.bfloat16) if device == "cuda" else _null()
    model.train()
    step, cursor, t_train = cfg.start_step, cfg.start_step * cfg.batch_size % n_blocks, time.time()
    window_loss = torch.zeros((), device=device)  # summed on the device: no sync per step
    recent: list[float] = []
    rate_from: tuple[int, float] | None = None
    while step < cfg.max_steps:
        if cursor + cfg.batch_size > n_blocks:
            order, cursor = torch.randperm(n_blocks, generator=gen), 0
        batch = blocks[order[cursor : cursor + cfg.batch_size].to(blocks.device)]
        cursor += cfg.batch_size
        for group in opt.param_groups:
            group["lr"] = lr_at(step, cfg)
        with autocast:
            try:
                loss = forward(input_ids=batch, labels=batch).loss
            except Exception:
                if forward is model:
                    raise
                log.exception("torch.compile failed; training in eager mode")
                forward = model
                loss = forward(input_ids=batch, labels=batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        opt.step()
        opt.zero_grad(set_to_none=True)
        window_loss += loss.detach()
        step += 1
        if step - cfg.start_step == 50:
            rate_from = (step, time.time())
        if cfg.time_budget_s and rate_from and step - cfg.start_step == 250:
            steps_per_s = (step - rate_from[0]) / (time.time() - rate_from[1])
            left = cfg.time_budget_s - (time.time() - t_train)
            budget_steps = step + max(0, int(steps_per_s * left))
            if budget_steps < cfg.max_steps:
                cfg = replace(cfg, max_steps=max(budget_steps, cfg.warmup_steps + 1, step + 1))
                log.info("time budget: %.1f steps/s, max_steps set to %d", steps_per_s, cfg.max_steps)
        if step % 50 == 0:
            recent.append(window_loss.item() / 50)
            window_loss.zero_()
            elapsed = time.time() - t_train
            log.info(
                "step %d/%d loss %.3f lr %.2e %.0f tok/s",
                step,
                cfg.max_steps,
                recent[-1],
                lr_at(step, cfg),
                (step - cfg.start_step) * cfg.batch_size * block / elapsed,
            )
        if cfg.checkpoint_every and step % cfg.checkpoint_every == 0 and step < cfg.max_steps:
            save_model(model, tok_path, work / "checkpoint", cfg.save_dtype, {"step": step})
            model.train()
    train_seconds = time.time() - t_train
    model.eval()
    summary = {
        "config": asdict(cfg),
        "parameters": n_params,
        "train_tokens": step * cfg.batch_size * block,
        "stream_tokens": len(stream),
        "tokens_per_word": len(stream) / n_words,
        "train_seconds": round(train_seconds, 1),
        "device": device if device == "cpu" else torch.cuda.get_device_name(),
        "final_train_loss": sum(recent[-2:]) / max(1, len(recent[-2:])),
    }
    save_model(model, tok_path, Path(cfg.output_dir), cfg.save_dtype, summary)
    return summary


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
