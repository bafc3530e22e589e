"""Score candidate rewrites of one sentence against the original, sharing the prefix.

All candidates of a window differ from the original only from their edit point
on, so the model runs once over the shared token prefix and then scores only
the suffixes, batched, on a copy of the prefix's key/value cache. The gain of a
candidate is ``nll(original) - nll(candidate)`` over the whole sentence (with
``</s>``), which equals the difference over the suffixes.

Example (needs a model)::

    >>> scorer = LMScorer.load()                                   # doctest: +SKIP
    >>> gains("mit Wladimir bestätigten Putin.", ["mit Wladimir Putin bestätigten."], scorer)  # doctest: +SKIP
    [4.1]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """Length of the common prefix of two id sequences.

    >>> common_prefix([1, 2, 3], [1, 2, 4])
    2
    """
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def encode(scorer: Any, texts: Sequence[str]) -> list[list[int]]:
    """``<s> text </s>`` token ids, as the scorer scores sentences."""
    ids = scorer.tokenizer(list(texts), add_special_tokens=False)["input_ids"]
    return [[scorer.bos_id, *x, scorer.eos_id] for x in ids]


def suffix_logprobs(scorer: Any, prefix: list[int], suffixes: list[list[int]]) -> list[float]:
    """Total log-probability of each suffix after the shared ``prefix`` (prefix run once)."""
    import torch

    model, device = scorer.model, scorer.device
    n = len(suffixes)
    width = max(len(s) for s in suffixes)
    with torch.inference_mode():
        pre = model(input_ids=torch.tensor([prefix], device=device), use_cache=True)
        first = torch.log_softmax(pre.logits[0, -1].float(), dim=-1)
        cache = pre.past_key_values
        if n > 1:
            cache.batch_repeat_interleave(n)
        ids = torch.full((n, width), scorer.pad_id, dtype=torch.long)
        mask = torch.zeros((n, len(prefix) + width), dtype=torch.long)
        mask[:, : len(prefix)] = 1
        for row, s in enumerate(suffixes):
            ids[row, : len(s)] = torch.tensor(s)
            mask[row, len(prefix) : len(prefix) + len(s)] = 1
        ids = ids.to(device)
        out = model(input_ids=ids, attention_mask=mask.to(device), past_key_values=cache, use_cache=True)
        lp = torch.log_softmax(out.logits[:, :-1].float(), dim=-1)
        inner = lp.gather(-1, ids[:, 1:].unsqueeze(-1)).squeeze(-1).cpu()
        head = first[ids[:, 0]].cpu()
    return [float(head[r]) + float(inner[r, : len(s) - 1].sum()) for r, s in enumerate(suffixes)]


def gains(
    original: str,
    candidates: Sequence[str],
    scorer: Any,
    *,
    original_ids: list[int] | None = None,
    original_logprobs: Sequence[float] | None = None,
    use_cache: bool = True,
) -> list[float]:
    """``nll(original) - nll(candidate)`` in nats for each candidate sentence (positive = better).

    ``original_logprobs`` (the scored targets of ``<s> original </s>``, as
    :meth:`LMScorer.score_texts` returns them) spare one forward pass. With
    ``use_cache=False`` the full candidates are batch-scored instead (the
    reference implementation, and faster for a handful of very short texts).
    """
    if not candidates:
        return []
    if use_cache:
        cand_ids = encode(scorer, candidates)
        # longer than the context: the scorer's sliding window handles it
        use_cache = max(len(c) for c in cand_ids) <= scorer.context
    if not use_cache:
        nlls = scorer.nll([original, *candidates])
        return [nlls[0] - x for x in nlls[1:]]
    orig = original_ids or encode(scorer, [original])[0]
    if original_logprobs is None:
        original_logprobs = scorer.score_texts([original])[0].logprobs
    # the shared prefix must leave every sequence at least one target of its own
    cut = min(min(common_prefix(orig, c), len(c) - 1) for c in cand_ids)
    cut = max(1, min(cut, len(orig) - 1))
    orig_suffix = -math.fsum(original_logprobs[cut - 1 :])
    scores = suffix_logprobs(scorer, orig[:cut], [c[cut:] for c in cand_ids])
    return [orig_suffix + s for s in scores]
