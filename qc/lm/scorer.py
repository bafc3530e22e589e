"""Score German text with a causal language model: per-token log-probabilities with offsets.

The default model is the small GPT-2 shipped in ``models/qc-de-lm``; any local folder or
Hugging Face hub id of a causal LM works the same way (``AutoModelForCausalLM`` +
``AutoTokenizer``). The model is loaded once per process and cached.

Example::

    >>> scorer = LMScorer.load()                      # doctest: +SKIP
    >>> s = scorer.score_texts(["Der Hund bellt."])[0]  # doctest: +SKIP
    >>> s.text[slice(*s.offsets[0])], s.n_tokens       # doctest: +SKIP
    ('Der', 5)
    >>> scorer.nll(["Der Hund bellt.", "Hund der bellt."])  # doctest: +SKIP
    [21.4, 29.8]

Speed comes from length-bucketed batching: texts are sorted by token count and cut into
batches bounded by a token budget (small on CPU, where cache matters; large on GPU), so
padding only fills the gap between neighbours of similar length. Texts longer than the
model's context are scored with a sliding window (stride = context / 2): every token is scored
exactly once, with at least half a context of left context (the last window is aligned to
the end of the text, so the tail gets a full one).
"""

from __future__ import annotations

import bisect
import logging
import math
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

log = logging.getLogger(__name__)

#: environment variable that overrides the shipped default model
MODEL_ENV = "QC_LM_MODEL"
#: padded tokens per batch on CPU. Small batches keep the logits (tokens x vocabulary) in cache:
#: on 2 threads with the default model, 512 scored 25 % faster than 2048 and 30 % faster than 4096
CPU_BATCH_TOKENS = 512
#: on GPU, batches are bounded by the size of the logits: one logit element takes about 12 bytes
#: (bf16 logits, their fp32 copy, the log-sum-exp temporaries); budgeting 64 per element keeps
#: the logits to about a fifth of the card's memory ...
GPU_BYTES_PER_LOGIT = 64
#: ... and by this many tokens
GPU_MAX_BATCH_TOKENS = 65536


def default_model_path() -> Path:
    """The shipped model folder: ``<repo>/models/qc-de-lm`` unless ``QC_LM_MODEL`` is set.

    >>> default_model_path().name  # doctest: +SKIP
    'qc-de-lm'
    """
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env)
    import qc

    return Path(qc.__file__).resolve().parents[1] / "models" / "qc-de-lm"


def resolve_model(model: str | Path | None) -> tuple[str, bool]:
    """Return ``(name_or_path, is_local)`` for a model argument.

    ``None`` means the shipped default. A relative path that does not exist in the current
    directory is also tried relative to the repository root, so the config value
    ``models/qc-de-lm`` works from anywhere. Anything else is treated as a hub id.

    >>> resolve_model("gpt2")
    ('gpt2', False)
    """
    if model is None:
        path = default_model_path()
        return str(path), True
    path = Path(model).expanduser()
    if path.exists():
        return str(path.resolve()), True
    if not path.is_absolute():
        import qc

        under_repo = Path(qc.__file__).resolve().parents[1] / path
        if under_repo.exists():
            return str(under_repo), True
    if path.is_absolute() or str(model).startswith((".", "~")):
        raise FileNotFoundError(f"language model folder not found: {model}")
    return str(model), False


@dataclass(frozen=True)
class TextScore:
    """Log-probabilities of the scored tokens of one text.

    ``offsets[i]`` is the ``(start, end)`` code-point span in ``text`` of the i-th scored
    token; the end-of-sentence token, when scored, gets ``(len(text), len(text))``. Byte
    fallback pieces of one character share that character's span. ``logprobs[i]`` is the
    natural-log probability of that token given everything before it.

    >>> s = TextScore("ab", [(0, 1), (1, 2), (2, 2)], [-1.0, -2.0, -0.5])
    >>> s.n_tokens, s.nll, s.words
    (3, 3.5, 1)
    """

    text: str
    offsets: list[tuple[int, int]]
    logprobs: list[float]
    token_ids: list[int] = field(default_factory=list)

    @property
    def n_tokens(self) -> int:
        return len(self.logprobs)

    @property
    def nll(self) -> float:
        """Total negative log-likelihood in nats."""
        return -math.fsum(self.logprobs)

    @property
    def nll_per_token(self) -> float:
        return self.nll / self.n_tokens if self.logprobs else 0.0

    @property
    def ppl(self) -> float:
        """Per-token perplexity."""
        return math.exp(self.nll_per_token)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def word_logprobs(self) -> list[tuple[int, int, float]]:
        """Sum the token log-probabilities per whitespace-separated word: ``(start, end, logprob)``.

        A token belongs to the word that holds its first non-space character (a bare
        ``▁`` piece goes to the following word); the end-of-sentence token and tokens of
        trailing whitespace are left out.

        >>> TextScore("ab cd", [(0, 2), (2, 4), (4, 5), (5, 5)], [-1.0, -2.0, -0.5, -0.1]).word_logprobs()
        [(0, 2, -1.0), (3, 5, -2.5)]
        """
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", self.text)]
        totals = [0.0] * len(spans)
        starts = [a for a, _ in spans]
        for (a, b), lp in zip(self.offsets, self.logprobs, strict=True):
            if a == b == len(self.text):
                continue  # end of sentence
            pos = next((i for i in range(a, b) if not self.text[i].isspace()), b)
            k = bisect.bisect_right(starts, pos) - 1
            if 0 <= k < len(spans) and pos < spans[k][1]:
                totals[k] += lp
            elif k + 1 < len(spans):  # whitespace-only token before a word
                totals[k + 1] += lp
        return [(a, b, t) for (a, b), t in zip(spans, totals, strict=True)]


@dataclass
class _Window:
    """One forward pass worth of tokens: ``ids`` with targets ``ids[first:]`` to be scored."""

    text_index: int
    order: int  # position of this window within its text
    ids: list[int]
    first: int  # index in ids of the first scored target (>= 1)


class LMScorer:
    """A causal LM that turns texts into per-token log-probabilities (see module docstring)."""

    _cache: ClassVar[dict[tuple[str, str, bool], LMScorer]] = {}

    def __init__(
        self, model: Any, tokenizer: Any, device: str, *, name: str = "", max_context: int | None = None
    ) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.device = device
        self.name = name
        config = model.config
        eos = tokenizer.eos_token_id if tokenizer.eos_token_id is not None else config.eos_token_id
        bos = tokenizer.bos_token_id if tokenizer.bos_token_id is not None else config.bos_token_id
        if isinstance(eos, list):
            eos = eos[0]
        if eos is None:
            raise ValueError(f"model {name!r} has no end-of-sentence token; cannot score sentences")
        # GPT-2 style models have no separate start token and use eos as one.
        self.eos_id: int = int(eos)
        self.bos_id: int = int(bos) if bos is not None else self.eos_id
        pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else config.pad_token_id
        self.pad_id: int = int(pad) if pad is not None else self.eos_id
        ctx = getattr(config, "n_positions", None) or getattr(config, "max_position_embeddings", None) or 1024
        self.context: int = int(max_context or ctx)
        if self.context < 2:
            raise ValueError("context must be at least 2 tokens")
        vocab = int(getattr(config, "vocab_size", 0) or len(tokenizer))
        if device.startswith("cuda"):
            budget = min(GPU_MAX_BATCH_TOKENS, gpu_logit_budget(device) // max(1, vocab))
        else:
            budget = CPU_BATCH_TOKENS
        #: most padded tokens per forward pass (at least one full window)
        self.batch_tokens: int = max(self.context, budget)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(
        cls,
        model: str | None = None,
        *,
        device: str | None = None,
        quantize: bool | None = False,
        threads: int | None = None,
    ) -> LMScorer:
        """Load (once per process) a causal LM and its tokenizer.

        ``model``: ``None`` for the shipped default (``QC_LM_MODEL`` overrides it), a local
        folder, or a hub id (offline when ``HF_HUB_OFFLINE`` is set). ``device``: ``None`` =
        CUDA if present, else CPU. ``quantize``: int8 dynamic quantisation of the linear
        layers (CPU only; ``None``: on CPU yes, on a GPU no). ``threads``: torch intra-op threads
        (process-wide).

        >>> scorer = LMScorer.load(device="cpu", threads=2)  # doctest: +SKIP
        """
        import torch

        if threads:
            torch.set_num_threads(threads)
        name, local = resolve_model(model)
        if local and not Path(name).exists():
            raise FileNotFoundError(
                f"language model not found at {name}; train it (qc lm train) or set {MODEL_ENV} / --lm"
            )
        device, quantize = resolve_device(device, quantize)
        if quantize and not device.startswith("cpu"):
            raise ValueError("quantize=True is only supported on CPU")
        key = (name, device, quantize)
        if key not in cls._cache:
            cls._cache[key] = cls._load_uncached(name, local, device, quantize)
        return cls._cache[key]

    @classmethod
    def _load_uncached(cls, name: str, local: bool, device: str, quantize: bool) -> LMScorer:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from transformers.utils import logging as hf_logging

        # a per-file "Loading weights" bar on stderr would interleave with qc's own output
        hf_logging.disable_progress_bar()
        offline = local or os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0", "false", "False")
        if device.startswith("cuda"):
            dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        else:
            dtype = torch.float32  # fp16 weights on disk are upcast: CPU fp16 matmuls are slow
        tokenizer = AutoTokenizer.from_pretrained(name, local_files_only=offline)
        if not getattr(tokenizer, "is_fast", False):
            raise ValueError(f"{name}: a fast tokenizer (tokenizer.json) is needed for character offsets")
        try:
            model = AutoModelForCausalLM.from_pretrained(
                name, dtype=dtype, attn_implementation="sdpa", local_files_only=offline
            )
        except (ValueError, ImportError):  # architectures without SDPA support
            model = AutoModelForCausalLM.from_pretrained(name, dtype=dtype, local_files_only=offline)
        model.to(device).eval()
        if quantize:
            model = quantize_dynamic_int8(model)
        log.info("loaded LM %s on %s (%s%s)", name, device, dtype, ", int8" if quantize else "")
        return cls(model, tokenizer, device, name=name)

    # ------------------------------------------------------------------ scoring
    def score_texts(self, texts: list[str], *, add_special: bool = True) -> list[TextScore]:
        """Per-token log-probabilities and character offsets for each text.

        With ``add_special`` the text is scored as a sentence: ``<s>`` is prepended (not
        scored) and ``</s>`` appended (scored). Without it, the first token only serves as
        context and is not scored.
        """
        enc = self.tokenizer(list(texts), add_special_tokens=False, return_offsets_mapping=True)
        ids = [list(x) for x in enc["input_ids"]]
        logprobs = self._score_ids(ids, add_special)
        out = []
        for text, tok_ids, offs, lps in zip(texts, ids, enc["offset_mapping"], logprobs, strict=True):
            spans = [(int(a), int(b)) for a, b in offs]
            scored_ids = list(tok_ids)
            if add_special:
                spans.append((len(text), len(text)))
                scored_ids.append(self.eos_id)
            else:
                spans, scored_ids = spans[1:], scored_ids[1:]
            out.append(TextScore(text, spans, lps, scored_ids))
        return out

    def nll(self, texts: list[str], *, add_special: bool = True) -> list[float]:
        """Total negative log-likelihood (nats) per text; the fast path, without offsets.

        >>> LMScorer.load().nll(["Das ist gut.", "Gut das ist."])  # doctest: +SKIP
        [14.2, 22.9]
        """
        ids = [list(x) for x in self.tokenizer(list(texts), add_special_tokens=False)["input_ids"]]
        return [-math.fsum(lps) for lps in self._score_ids(ids, add_special)]

    def score_ids(self, ids: list[list[int]], *, first: int = 1) -> list[list[float]]:
        """Log-probabilities of ``seq[first:]`` given their prefixes, for each token-id sequence.

        The low-level entry point (no special tokens are added): ``score_texts`` and ``nll``
        call it with ``[bos, *tokens, eos]``; :mod:`qc.lm.perplexity` with a stream of sentences.
        ``first`` >= 1 lets a caller pass left context that is not scored.
        """
        if first < 1:
            raise ValueError("first must be >= 1: the first token has no prefix to be scored with")
        windows: list[_Window] = []
        for i, seq in enumerate(ids):
            windows.extend(split_windows(i, list(seq), self.context, first))
        results: dict[tuple[int, int], list[float]] = {}
        for batch in self._batches(windows):
            for win, lps in zip(batch, self._forward(batch), strict=True):
                results[(win.text_index, win.order)] = lps
        out: list[list[float]] = [[] for _ in ids]
        for win in windows:  # windows are in text order, then window order
            out[win.text_index].extend(results[(win.text_index, win.order)])
        return out

    def _score_ids(self, ids: list[list[int]], add_special: bool) -> list[list[float]]:
        if add_special:
            return self.score_ids([[self.bos_id, *seq, self.eos_id] for seq in ids])
        return self.score_ids(ids)

    def _batches(self, windows: list[_Window]) -> list[list[_Window]]:
        """Sort by length and cut into batches of at most ``batch_tokens`` padded tokens."""
        batches: list[list[_Window]] = []
        current: list[_Window] = []
        for win in sorted(windows, key=lambda w: len(w.ids), reverse=True):
            width = len(current[0].ids) if current else len(win.ids)
            if current and (len(current) + 1) * width > self.batch_tokens:
                batches.append(current)
                current = []
            current.append(win)
        if current:
            batches.append(current)
        return batches

    def _forward(self, batch: list[_Window]) -> list[list[float]]:
        import torch

        width = max(len(w.ids) for w in batch)
        if width < 2:
            return [[] for _ in batch]
        if self.device.startswith("cuda"):
            width = -(-width // 8) * 8  # fewer distinct shapes: kernels chosen once per shape
        # right padding with </s>, never scored; not the pad id, whose presence without a mask
        # makes transformers warn about padding
        input_ids = torch.full((len(batch), width), self.eos_id, dtype=torch.long)
        for row, win in enumerate(batch):
            input_ids[row, : len(win.ids)] = torch.tensor(win.ids, dtype=torch.long)
        with torch.inference_mode():
            ids_on_device = input_ids.to(self.device, non_blocking=True)
            # Padding is on the right and attention is causal, so no real token ever sees a pad:
            # no attention mask is needed, and without one SDPA takes its fastest (causal) kernel.
            logits = self.model(input_ids=ids_on_device, use_cache=False).logits
            # position t predicts token t+1; keep only real (non-padding) targets
            logits = logits[:, :-1].float()
            targets = ids_on_device[:, 1:]
            gathered = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
            rows = (gathered - torch.logsumexp(logits, dim=-1)).cpu().tolist()
        return [rows[row][win.first - 1 : len(win.ids) - 1] for row, win in enumerate(batch)]


def resolve_device(device: str | None, quantize: bool | None) -> tuple[str, bool]:
    """The device (``None``: CUDA if present, else CPU) and whether to quantise (``None``: on CPU).

    >>> resolve_device("cpu", None), resolve_device("cpu", False), resolve_device("cuda:0", None)
    (('cpu', True), ('cpu', False), ('cuda:0', False))
    """
    if device is None:
        import torch

        device = "cuda" if torch.cuda.is_available() else "cpu"
    return device, device.startswith("cpu") if quantize is None else bool(quantize)


def gpu_logit_budget(device: str) -> int:
    """Logit elements one forward pass may produce on ``device``: a fraction of its memory.

    An 80 GB card takes batches of 65,536 tokens (the cap) with a 12k vocabulary and about
    8,900 with a 150k one; an 8 GB card a tenth of that.
    """
    import torch

    total = torch.cuda.get_device_properties(torch.device(device)).total_memory
    return int(total // GPU_BYTES_PER_LOGIT)


def split_windows(text_index: int, ids: list[int], context: int, first: int = 1) -> list[_Window]:
    """Cut one token sequence into model-sized windows that score every target once.

    Targets are ``ids[first:]``. Windows start every ``context // 2`` tokens; each scores the
    targets the previous one did not reach, so every target sees at least ``context // 2``
    tokens of left context (or all there is). The last window is aligned to the end of the
    sequence, which gives the tail a full context.

    >>> [(w.ids, w.first) for w in split_windows(0, list(range(7)), 4)]
    [([0, 1, 2, 3], 1), ([2, 3, 4, 5], 2), ([3, 4, 5, 6], 3)]
    """
    n = len(ids)
    if first >= n:
        return []
    if n <= context:
        return [_Window(text_index, 0, list(ids), first)]
    stride = max(1, context // 2)
    start = max(0, min(first - stride, n - context))
    starts = []
    while start + context < n:
        starts.append(start)
        start += stride
    starts.append(n - context)
    windows = []
    scored_to = first  # first target index not yet scored
    for order, begin in enumerate(starts):
        end = begin + context
        windows.append(_Window(text_index, order, ids[begin:end], scored_to - begin))
        scored_to = end
    return windows


def quantize_dynamic_int8(model: Any) -> Any:
    """int8 dynamic quantisation of every linear layer for CPU inference.

    GPT-2 implements its attention and MLP projections as ``Conv1D`` (a transposed linear),
    which ``quantize_dynamic`` ignores, so those are first rewritten as ``nn.Linear``.
    """
    import torch
    from torch import nn

    try:
        from transformers.pytorch_utils import Conv1D
    except ImportError:  # pragma: no cover - very old/new transformers
        Conv1D = None

    def convert(module: nn.Module) -> None:
        for child_name, child in module.named_children():
            if Conv1D is not None and isinstance(child, Conv1D):
                n_in, n_out = child.weight.shape
                linear = nn.Linear(n_in, n_out, bias=child.bias is not None)
                with torch.no_grad():
                    linear.weight.copy_(child.weight.t())
                    if child.bias is not None:
                        linear.bias.copy_(child.bias)
                setattr(module, child_name, linear)
            else:
                convert(child)

    convert(model)
    with warnings.catch_warnings():
        # torch.ao.quantization is deprecated in favour of torchao (not a dependency); it still
        # works in torch 2.13 and only this optional path uses it
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        return torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
