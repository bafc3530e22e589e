"""The fluency check of one document: score sentences, localise, rewrite, compare.

1. every sentence is scored once (per-token log-probabilities with offsets);
   that also yields the per-sentence fluency score of the report;
2. words with high surprisal become windows (:mod:`qc.fluency.localize`),
   highest peaks of the whole document first, until the candidate budget of the
   effort is spent (this bounds the LM calls per article);
3. candidate rewrites of each window (:mod:`qc.fluency.candidates`) are scored
   against the original with a shared prefix cache (:mod:`qc.fluency.scoring`);
4. a window becomes a :class:`Proposal` when its best candidate beats the
   original by at least ``margin_minor`` nats after the candidate kind's prior
   cost (inserting a word or changing a spelling is a bigger claim than a swap).

Example (needs a model)::

    >>> scorer = LMScorer.load()                                                      # doctest: +SKIP
    >>> props, scores = check_document(text, seg.sentences, scorer, FluencySettings())  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from qc.fluency.candidates import EFFORT_KINDS, PATTERN_KINDS, Candidate, FluencyData, generate
from qc.fluency.localize import excess_surprisal, peak_windows, word_surprisal
from qc.fluency.scoring import gains
from qc.model import SentenceScore
from qc.segment import Span, iter_tokens

#: prior cost (nats) of each candidate kind: the LM must prefer the rewrite by more than this
DEFAULT_KIND_COST: dict[str, float] = {
    "swap": 0.0,
    "move": 1.0,
    "verb-end": 1.5,
    "compound": 0.0,
    # the English "X said," pattern is itself evidence (it is rare in German): a bonus
    "reporting": -1.5,
    "case": 2.0,
    "comma": 3.0,
    "article": 3.0,
    "spelling": 2.0,
}

#: per effort: windows per sentence, candidate budget per document
EFFORT_BUDGET: dict[str, tuple[int, int]] = {"fast": (3, 200), "thorough": (6, 2000)}
#: per effort: tokens scored after an edit (None = to the end of the sentence, exact)
EFFORT_TAIL: dict[str, int | None] = {"fast": 4, "thorough": None}


@dataclass
class FluencySettings:
    """Calibrated thresholds (see ``bench/bench_synth.py``); margins in nats."""

    effort: str = "fast"
    peak_nats: float = 6.0
    margin_minor: float = 4.5
    margin_major: float = 8.0
    min_words: int = 4
    #: a sentence gets one surprisal window per this many tokens (up to the effort's maximum)
    words_per_window: int = 12
    #: windows are ranked by surprisal summed over this many words either side (0: the word alone)
    window_spread: int = 1
    #: share of a word's unigram surprisal subtracted before peak picking (see localize.excess_surprisal)
    unigram_discount: float = 0.5
    #: tokens scored after an edit (None: to the sentence end); set per effort when left at -1
    tail: int | None = -1
    kind_cost: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_KIND_COST))
    #: candidate kinds to generate (None: the effort's defaults, candidates.EFFORT_KINDS)
    kinds: frozenset[str] | None = None


@dataclass
class Proposal:
    """The best rewrite of one window and its runners-up, in document offsets."""

    start: int
    end: int
    kind: str
    category: str
    margin: float
    gain: float
    peak: float
    #: (start, end, replacement, margin), best first, at most three
    repairs: list[tuple[int, int, str, float]]
    original_nll: float
    candidate_nll: float


@dataclass
class _Window:
    sent: int
    lo: int
    hi: int
    peak: float
    #: None = the effort's kinds; else only these (pattern windows over a whole sentence)
    kinds: frozenset[str] | None = None


def _union_repairs(
    text: str, cands: Sequence[tuple[Candidate, float]]
) -> tuple[int, int, list[tuple[int, int, str, float]]]:
    """Rewrite each candidate onto the union of their spans, so all repairs share one span."""
    start = min(c.start for c, _ in cands)
    end = max(c.end for c, _ in cands)
    out = []
    for c, m in cands:
        rep = text[start : c.start] + c.replacement + text[c.end : end]
        out.append((start, end, rep, m))
    return start, end, out


def check_document(
    text: str,
    sentences: Sequence[Span],
    scorer: Any,
    settings: FluencySettings,
    *,
    known: Callable[[str], bool] | None = None,
    suggest: Callable[[str], list[str]] | None = None,
    zipf: Callable[[str], float] | None = None,
    data: FluencyData | None = None,
) -> tuple[list[Proposal], list[SentenceScore]]:
    """Proposals (flag-worthy or not: the caller applies the thresholds) and sentence scores."""
    data = data or FluencyData.load()
    sents = [s for s in sentences if len(s.text.split()) >= settings.min_words]
    if not sents:
        return [], []
    scored = scorer.score_texts([s.text for s in sents])
    sentence_scores = [
        SentenceScore(s.start, s.end, sc.nll_per_token, sc.n_tokens)
        for s, sc in zip(sents, scored, strict=True)
    ]
    per_sentence, budget = EFFORT_BUDGET[settings.effort]
    active = settings.kinds if settings.kinds is not None else EFFORT_KINDS[settings.effort]
    if settings.tail == -1:
        settings = dataclasses.replace(settings, tail=EFFORT_TAIL[settings.effort])
    tokens = [iter_tokens(text, s.start, s.end) for s in sents]
    windows: list[_Window] = []
    surprisals: list[list[float]] = []
    for i, (s, sc) in enumerate(zip(sents, scored, strict=True)):
        # the </s> surprisal belongs to no word; a truncated sentence shows up at its last word
        surprisal = word_surprisal(tokens[i], sc.offsets, sc.logprobs, base=s.start)
        if zipf is not None and settings.unigram_discount:
            surprisal = excess_surprisal(tokens[i], surprisal, zipf, settings.unigram_discount)
        surprisals.append(surprisal)
        # one window per started `words_per_window` words, at most `per_sentence`
        n_windows = min(per_sentence, 1 + len(tokens[i]) // settings.words_per_window)
        for lo, hi, peak in peak_windows(surprisal, threshold=settings.peak_nats, max_windows=n_windows,
                                         spread=settings.window_spread):
            windows.append(_Window(i, lo, hi, peak))
        # pattern candidates (split compounds, English reporting clauses) are rare: try them anywhere
        windows.append(_Window(i, 0, len(tokens[i]) - 1, math.inf, PATTERN_KINDS))
    windows.sort(key=lambda w: -w.peak)

    proposals: list[Proposal] = []
    seen: dict[int, set[str]] = {}
    for w in windows:
        if budget <= 0:
            break
        s = sents[w.sent]
        cands = generate(s.text, tokens[w.sent], w.lo, w.hi, data, effort=settings.effort,
                         known=known, suggest=suggest, base=s.start,
                         kinds=active if w.kinds is None else w.kinds & active)
        texts = [c.apply(s.text, s.start) for c in cands]
        done = seen.setdefault(w.sent, set())
        keep = [(c, t) for c, t in zip(cands, texts, strict=True) if t not in done]
        keep = keep[:budget]
        if not keep:
            continue
        budget -= len(keep)
        done.update(t for _, t in keep)
        sc = scored[w.sent]
        full_ids = [scorer.bos_id, *sc.token_ids]
        g = gains(s.text, [t for _, t in keep], scorer, original_ids=full_ids, original_logprobs=sc.logprobs,
                  tail=settings.tail)
        ranked = sorted(
            ((c, gain, gain - settings.kind_cost.get(c.kind, 0.0))
             for (c, _), gain in zip(keep, g, strict=True)),
            key=lambda x: -x[2],
        )
        best, best_gain, best_margin = ranked[0]
        top = [(c, m) for c, _, m in ranked if m > 0 and c.start < best.end and best.start < c.end][:3]
        if not top:
            top = [(best, best_margin)]
        start, end, repairs = _union_repairs(text, top)
        proposals.append(Proposal(
            start=start, end=end, kind=best.kind, category=best.category, margin=best_margin, gain=best_gain,
            peak=w.peak if w.kinds is None else max(surprisals[w.sent], default=0.0),
            repairs=repairs, original_nll=sc.nll, candidate_nll=sc.nll - best_gain,
        ))
    return _non_overlapping(proposals), sentence_scores


def _non_overlapping(proposals: list[Proposal]) -> list[Proposal]:
    """Keep the highest-margin proposal where windows of one sentence found overlapping rewrites."""
    kept: list[Proposal] = []
    for p in sorted(proposals, key=lambda p: -p.margin):
        if not any(p.start < k.end and k.start < p.end for k in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: p.start)
