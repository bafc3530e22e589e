"""Sentence alignment: Gale–Church length dynamic programming, strengthened by anchors.

Beads are 1-1, 1-2, 2-1 (a sentence split or merged in translation), 1-0
(omission) and 0-1 (addition). Each bead costs the Gale–Church length term
(how unlikely the target length is given the source length) plus a prior for
its type, minus an *anchor* bonus: shared numbers, shared names and character
n-gram overlap. Anchors decide what lengths alone cannot — an inserted sentence
of plausible length shares no numbers or names with its neighbours' sources.

Example::

    >>> links = align([40, 60, 50], [45, 70], lambda s, t: 0.0)
    >>> [(l.src, l.tgt) for l in links]
    [((0,), (0,)), ((1, 2), (1,))]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class AlignParams:
    #: variance of target length per source character (Gale–Church s²)
    variance: float = 6.8
    #: bead priors as costs (−log probability)
    cost_merge: float = 2.3
    cost_null: float = 3.5
    #: weight of the anchor similarity (−1..1) subtracted from a bead's cost
    anchor_weight: float = 3.0
    #: weight of shared cognate word prefixes (added to the anchor similarity)
    cognate_weight: float = 4.0
    #: weight of shared lexicon entries (qc/data/xling_lexicon.toml; added to the anchor similarity)
    lexicon_weight: float = 3.0
    #: extra cost of merging sentences that sit on different lines (paragraphs correspond)
    cost_cross_line: float = 2.5
    #: ratio target/source characters is estimated per document, clipped to this range
    min_ratio: float = 0.8
    max_ratio: float = 1.6
    #: line-by-line alignment: a line pair of one sentence each is linked without the
    #: dynamic programme when its length cost is at most this (|δ| ≈ 2.5)
    line_guard: float = 4.5
    #: without lines to go by, sentences are paired in order without the dynamic programme
    #: when both sides have as many and every pair's length cost is at most this
    diagonal_guard: float = 3.0
    #: extra cost of a merge that explains its counterpart no better than its best single
    #: sentence does: not by anchors, and by length by less than ``merge_length_margin``
    #: (the other sentence is then more likely omitted or added)
    cost_unsupported_merge: float = 1.5
    merge_length_margin: float = 2.0


#: the defaults (the parameters are frozen: one instance serves every call without its own)
DEFAULT_PARAMS: Final = AlignParams()


class Link:
    """Source sentence indices aligned to target sentence indices (one side may be empty); a
    value (equal by its fields, never changed once made). A plain class rather than a frozen
    dataclass, whose constructor sets each field through ``object.__setattr__``: compiled, this
    one is native code, and an alignment makes one per sentence."""

    __slots__ = ("cost", "src", "tgt")

    def __init__(self, src: tuple[int, ...], tgt: tuple[int, ...], cost: float) -> None:
        self.src = src
        self.tgt = tgt
        self.cost = cost

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Link):
            return False
        return (self.src, self.tgt, self.cost) == (other.src, other.tgt, other.cost)

    def __hash__(self) -> int:
        return hash((self.src, self.tgt, self.cost))

    def __repr__(self) -> str:
        return f"Link(src={self.src!r}, tgt={self.tgt!r}, cost={self.cost!r})"


_BEADS: Final = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


def _norm_tail(z: float) -> float:
    """2·(1 − Φ(|z|)): the two-sided tail probability of a standard normal."""
    return math.erfc(abs(z) / math.sqrt(2.0))


def length_cost(ls: int, lt: int, ratio: float, variance: float) -> float:
    """Gale–Church: −log P(|δ|) where δ = (lt − ratio·ls) / sqrt(variance·ls)."""
    mean = (ls + lt / ratio) / 2.0
    delta = (lt - ratio * ls) / math.sqrt(variance * max(mean, 1.0))
    return min(25.0, -math.log(max(_norm_tail(delta), 1e-11)))


def align(
    src_lens: Sequence[int],
    tgt_lens: Sequence[int],
    anchor: Callable[[tuple[int, ...], tuple[int, ...]], float],
    params: AlignParams | None = None,
    src_lines: Sequence[int] | None = None,
    tgt_lines: Sequence[int] | None = None,
    ratio: float | None = None,
    merge_evidence: bool = False,
) -> list[Link]:
    """Best monotone alignment of sentences given their lengths and an anchor similarity.

    ``anchor(src_ids, tgt_ids)`` returns a similarity in −1..1 for a candidate bead;
    ``src_lines``/``tgt_lines`` (line number of each sentence) make merges across
    line breaks expensive; ``ratio`` (target/source characters) defaults to the totals'.
    ``merge_evidence``: a merge costs ``cost_unsupported_merge`` more unless anchors or
    lengths show that both its sentences belong to the counterpart (for whole documents,
    where a merge would otherwise swallow an omitted or added sentence; inside a line,
    where sentences are split and joined freely, it is left out).
    """
    p = params or DEFAULT_PARAMS
    n, m = len(src_lens), len(tgt_lens)
    if ratio is None:
        ratio = doc_ratio(src_lens, tgt_lens, p)
    # omissions and additions shift the path off the diagonal by at most |n - m| plus local noise
    band = abs(n - m) + 5
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    lengths: dict[tuple[int, int], float] = {}  # length costs by (source, target) characters
    for i in range(n + 1):
        centre = i * m / n if n else 0
        lo, hi = max(0, int(centre - band)), min(m, int(centre + band) + 1)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best, arg = inf, None
            for di, dj in _BEADS:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or cost[pi][pj] == inf:
                    continue
                if di == 0 or dj == 0:
                    c = cost[pi][pj] + p.cost_null
                else:
                    c = cost[pi][pj] + _bead_cost(
                        src_lens, tgt_lens, pi, i, pj, j, ratio, p, anchor, merge_evidence, lengths
                    )
                if (di == 2 and src_lines and src_lines[pi] != src_lines[pi + 1]) or (
                    dj == 2 and tgt_lines and tgt_lines[pj] != tgt_lines[pj + 1]
                ):
                    c += p.cost_cross_line
                if c < best:
                    best, arg = c, (di, dj)
            cost[i][j], back[i][j] = best, arg
    links: list[Link] = []
    i, j = n, m
    while i > 0 or j > 0:
        step = back[i][j]
        if step is None:  # outside the band: fall back to nulls (never expected)
            step = (1, 0) if i > 0 else (0, 1)
        di, dj = step
        c = cost[i][j] - cost[i - di][j - dj] if cost[i][j] < inf else inf
        links.append(Link(tuple(range(i - di, i)), tuple(range(j - dj, j)), round(c, 4)))
        i, j = i - di, j - dj
    links.reverse()
    return links


def doc_ratio(src_lens: Sequence[int], tgt_lens: Sequence[int], params: AlignParams | None = None) -> float:
    """Target/source characters of the whole text, clipped to the plausible range."""
    p = params or DEFAULT_PARAMS
    total_s, total_t = sum(src_lens), sum(tgt_lens)
    return min(p.max_ratio, max(p.min_ratio, total_t / total_s)) if total_s and total_t else 1.0


def _line_groups(lines: Sequence[int]) -> list[list[int]]:
    """Sentence indices grouped by line, in order."""
    groups: list[list[int]] = []
    for k, line in enumerate(lines):
        if groups and lines[groups[-1][0]] == line:
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def align_lines(
    src_lens: Sequence[int],
    tgt_lens: Sequence[int],
    anchor: Callable[[tuple[int, ...], tuple[int, ...]], float],
    src_lines: Sequence[int],
    tgt_lines: Sequence[int],
    params: AlignParams | None = None,
) -> list[Link]:
    """Align line by line when both sides have as many lines, else the whole text at once.

    Translations keep their paragraphs, so when the line counts agree the
    alignment decomposes: a line pair of one sentence each whose lengths agree
    is linked directly, other line pairs get their own small programme. That is
    both cheaper and safer (a sentence cannot drift into the next paragraph);
    an omitted or added paragraph changes the count and takes the global path.

    >>> [(l.src, l.tgt) for l in align_lines([40, 30, 50], [72, 52], lambda s, t: 0.0, [0, 0, 1], [0, 1])]
    [((0, 1), (0,)), ((2,), (1,))]
    """
    p = params or DEFAULT_PARAMS
    sg, tg = _line_groups(src_lines), _line_groups(tgt_lines)
    ratio = doc_ratio(src_lens, tgt_lens, p)
    if len(sg) != len(tg) or len(sg) < 2:
        diagonal = _diagonal(src_lens, tgt_lens, ratio, p)
        if diagonal is not None:
            return diagonal
        return align(src_lens, tgt_lens, anchor, p, src_lines, tgt_lines, ratio, merge_evidence=True)
    links: list[Link] = []
    for a, b in zip(sg, tg, strict=True):
        if len(a) == len(b) == 1:
            c = length_cost(src_lens[a[0]], tgt_lens[b[0]], ratio, p.variance)
            if c <= p.line_guard:
                links.append(Link((a[0],), (b[0],), round(c, 4)))
                continue
        a0, b0 = a[0], b[0]

        def local(si: tuple[int, ...], ti: tuple[int, ...], a0: int = a0, b0: int = b0) -> float:
            return anchor(tuple(i + a0 for i in si), tuple(j + b0 for j in ti))

        for link in align([src_lens[i] for i in a], [tgt_lens[j] for j in b], local, p, ratio=ratio):
            links.append(
                Link(tuple(i + a0 for i in link.src), tuple(j + b0 for j in link.tgt), link.cost)
            )
    return links


def _diagonal(
    src_lens: Sequence[int], tgt_lens: Sequence[int], ratio: float, p: AlignParams
) -> list[Link] | None:
    """The sentences paired in order, when both sides have as many and every pair's lengths
    agree (length cost at most ``diagonal_guard``); else None (the dynamic programme decides).

    Without lines to go by, this is the sentence-level form of the line-by-line shortcut,
    and it spares the programme's anchors (names, numbers, cognates and lexicon entries of
    every sentence): on the WMT22 documents joined into one paragraph each (2,244 with all
    translations), 1,683 qualify, the programme aligns every one of them exactly so, and the
    detector takes about 1.4 instead of 3.2 ms per document.

    >>> [(l.src, l.tgt) for l in _diagonal([40, 60], [44, 63], 1.05, AlignParams())]
    [((0,), (0,)), ((1,), (1,))]
    >>> _diagonal([40, 60], [90, 12], 1.05, AlignParams()) is None
    True
    """
    if len(src_lens) != len(tgt_lens) or not src_lens:
        return None
    links = []
    for k, (ls, lt) in enumerate(zip(src_lens, tgt_lens, strict=True)):
        c = length_cost(ls, lt, ratio, p.variance)
        if c > p.diagonal_guard:
            return None
        links.append(Link((k,), (k,), round(c, 4)))
    return links


def _bead_cost(
    src_lens: Sequence[int],
    tgt_lens: Sequence[int],
    i0: int,
    i1: int,
    j0: int,
    j1: int,
    ratio: float,
    p: AlignParams,
    anchor: Callable[[tuple[int, ...], tuple[int, ...]], float],
    merge_evidence: bool = False,
    lengths: dict[tuple[int, int], float] | None = None,
) -> float:
    """The cost of linking sentences ``i0:i1`` to ``j0:j1``; ``lengths`` memoises length costs."""
    if i0 == i1 or j0 == j1:
        return p.cost_null
    lengths = {} if lengths is None else lengths

    def length(ls: int, lt: int) -> float:
        got = lengths.get((ls, lt))
        if got is None:
            got = lengths[(ls, lt)] = length_cost(ls, lt, ratio, p.variance)
        return got

    ls = src_lens[i0] if i1 - i0 == 1 else src_lens[i0] + src_lens[i0 + 1]
    lt = tgt_lens[j0] if j1 - j0 == 1 else tgt_lens[j0] + tgt_lens[j0 + 1]
    si, ti = tuple(range(i0, i1)), tuple(range(j0, j1))
    sim = anchor(si, ti)
    cost = length(ls, lt)
    if (i1 - i0) == (j1 - j0) == 1:
        return cost - p.anchor_weight * sim
    prior = p.cost_merge
    if merge_evidence and p.cost_unsupported_merge:
        # the parts: each source sentence with the target, or the source with each target sentence
        if i1 - i0 == 2:
            best_part = max(anchor((i0,), ti), anchor((i0 + 1,), ti))
            fit = min(length(src_lens[i0], lt), length(src_lens[i0 + 1], lt))
        else:
            best_part = max(anchor(si, (j0,)), anchor(si, (j0 + 1,)))
            fit = min(length(ls, tgt_lens[j0]), length(ls, tgt_lens[j0 + 1]))
        if sim <= best_part and cost > fit - p.merge_length_margin:
            prior += p.cost_unsupported_merge
    return prior + cost - p.anchor_weight * sim
