"""Score candidate rewrites of one sentence against the original, sharing the prefix.

All candidates of a window differ from the original only from their edit point
on, so the model runs once over the shared token prefix and then scores only
the suffixes, batched, on a copy of the prefix's key/value cache. The gain of a
candidate is ``nll(original) - nll(candidate)`` over the whole sentence (with
``</s>``), which equals the difference over the suffixes.

Example (needs a model)::

    >>> scorer = LMScorer.load()                                   # doctest: +SKIP
    >>> gains("Wladimir bestätigten Putin.", ["Wladimir Putin bestätigten."], scorer)  # doctest: +SKIP
    [4.1]
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Sequence
from functools import cache
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
        kv = pre.get("cache")  # (transformers 5.24 on; ``past_key_values`` before)
        if kv is None:
            kv = pre.past_key_values
        if n > 1:
            kv.batch_repeat_interleave(n)
        ids = torch.full((n, width), scorer.pad_id, dtype=torch.long)
        mask = torch.zeros((n, len(prefix) + width), dtype=torch.long)
        mask[:, : len(prefix)] = 1
        for row, s in enumerate(suffixes):
            ids[row, : len(s)] = torch.tensor(s)
            mask[row, len(prefix) : len(prefix) + len(s)] = 1
        ids = ids.to(device)
        out = model(input_ids=ids, attention_mask=mask.to(device), use_cache=True,
                    **{cache_keyword(type(model)): kv})
        lp = torch.log_softmax(out.logits[:, :-1].float(), dim=-1)
        inner = lp.gather(-1, ids[:, 1:].unsqueeze(-1)).squeeze(-1).cpu()
        head = first[ids[:, 0]].cpu()
    return [float(head[r]) + float(inner[r, : len(s) - 1].sum()) for r, s in enumerate(suffixes)]


@cache
def cache_keyword(model_class: type) -> str:
    """The keyword by which a causal LM's ``forward`` takes a key/value cache: ``cache`` from
    transformers 5.24 on (which deprecates ``past_key_values`` and will drop it), else
    ``past_key_values``. Read from the signature, once per model class."""
    try:
        params = inspect.signature(model_class.forward).parameters
    except (TypeError, ValueError, AttributeError):
        return "past_key_values"
    return "cache" if "cache" in params else "past_key_values"


def common_suffix(a: Sequence[int], b: Sequence[int], limit: int) -> int:
    """Length of the common suffix of two id sequences, at most ``limit``.

    >>> common_suffix([1, 2, 3], [4, 2, 3], 5)
    2
    """
    n = min(len(a), len(b), limit)
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def gains(
    original: str,
    candidates: Sequence[str],
    scorer: Any,
    *,
    original_ids: list[int] | None = None,
    original_logprobs: Sequence[float] | None = None,
    use_cache: bool = True,
    tail: int | None = None,
) -> list[float]:
    """``nll(original) - nll(candidate)`` in nats for each candidate sentence (positive = better).

    ``original_logprobs`` (the scored targets of ``<s> original </s>``, as
    :meth:`LMScorer.score_texts` returns them) spare one forward pass. With
    ``use_cache=False`` the full candidates are batch-scored instead (the
    reference implementation). ``tail``: score only this many tokens after the
    edited region (the rest of the sentence is shared and its scores change
    little); ``None`` scores to the end of the sentence, exactly.
    """
    if not candidates:
        return []
    cand_ids = encode(scorer, candidates)
    # longer than the context: the scorer's sliding window handles it
    if use_cache and max(len(c) for c in cand_ids) > scorer.context:
        use_cache, tail = False, None
    if not use_cache:
        nlls = scorer.nll([original, *candidates])
        return [nlls[0] - x for x in nlls[1:]]
    orig = original_ids or encode(scorer, [original])[0]
    if original_logprobs is None:
        original_logprobs = scorer.score_texts([original])[0].logprobs
    # the shared prefix must leave every sequence at least one target of its own
    cut = min(min(common_prefix(orig, c), len(c) - 1) for c in cand_ids)
    cut = max(1, min(cut, len(orig) - 1))
    stops = []  # (stop in candidate, stop in original): score targets cut..stop-1
    for c in cand_ids:
        if tail is None:
            stops.append((len(c), len(orig)))
            continue
        shared = common_suffix(orig, c, min(len(orig), len(c)) - cut)
        keep = max(0, shared - tail)  # shared tail tokens left unscored
        stops.append((len(c) - keep, len(orig) - keep))
    suffixes = [c[cut:stop] for c, (stop, _) in zip(cand_ids, stops, strict=True)]
    scores = suffix_logprobs(scorer, orig[:cut], suffixes)
    return [-math.fsum(original_logprobs[cut - 1 : o_stop - 1]) + sc
            for sc, (_, o_stop) in zip(scores, stops, strict=True)]
