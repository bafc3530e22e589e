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

from qc.xling.value import Value


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
    #: otherwise the sentence pairs at either end whose lengths agree are paired in order too, and
    #: the programme aligns only the stretch between them, widened by this many sentences a side
    window_margin: int = 2
    #: extra cost of a merge that explains its counterpart no better than its best single
    #: sentence does: not by anchors, and by length by less than ``merge_length_margin``
    #: (the other sentence is then more likely omitted or added), unless each of its sentences
    #: alone shares more than ``merge_part_evidence`` with the counterpart (a sentence split in
    #: two: each half carries words of the other side)
    cost_unsupported_merge: float = 1.5
    merge_length_margin: float = 2.0
    merge_part_evidence: float = 0.2


#: the defaults (the parameters are frozen: one instance serves every call without its own)
DEFAULT_PARAMS: Final = AlignParams()


class Link(Value):
    """Source sentence indices aligned to target sentence indices (one side may be empty), and the
    bead's cost in the programme (unrounded: no check reads it, and rounding a float costs more
    than computing the length cost); a value (equal by its fields, never changed once made; see
    :class:`~qc.xling.value.Value`)."""

    __slots__ = ("cost", "src", "tgt")
    FIELDS = ("src", "tgt", "cost")

    def __init__(self, src: tuple[int, ...], tgt: tuple[int, ...], cost: float) -> None:
        self.src = src
        self.tgt = tgt
        self.cost = cost


def _norm_tail(z: float) -> float:
    """2·(1 − Φ(|z|)): the two-sided tail probability of a standard normal."""
    return math.erfc(abs(z) / math.sqrt(2.0))


def length_cost(ls: int, lt: int, ratio: float, variance: float) -> float:
    """Gale–Church: −log P(|δ|) where δ = (lt − ratio·ls) / sqrt(variance·ls)."""
    mean = (ls + lt / ratio) / 2.0
    delta = (lt - ratio * ls) / math.sqrt(variance * (mean if mean > 1.0 else 1.0))
    tail = _norm_tail(delta)
    cost = -math.log(tail if tail > 1e-11 else 1e-11)
    return cost if cost < 25.0 else 25.0


class BeadSimilarity:
    """The anchor similarity of the beads the programme weighs, by sentence index: ``one(i, j)``
    links source ``i`` to target ``j``, ``src_pair(i, j)`` sources ``i`` and ``i + 1`` to target
    ``j``, ``tgt_pair(i, j)`` source ``i`` to targets ``j`` and ``j + 1``. Subclasses compute them
    (:class:`qc.xling.bitext.BitextAnchors`); :func:`align` also takes a plain function of the
    bead's source and target indices, which it wraps in :class:`FromFunction`."""

    def one(self, i: int, j: int) -> float:
        raise NotImplementedError

    def src_pair(self, i: int, j: int) -> float:
        raise NotImplementedError

    def tgt_pair(self, i: int, j: int) -> float:
        raise NotImplementedError


AnchorFunction = Callable[[tuple[int, ...], tuple[int, ...]], float]


class FromFunction(BeadSimilarity):
    """``anchor(source_ids, target_ids)`` as a :class:`BeadSimilarity`."""

    def __init__(self, anchor: AnchorFunction) -> None:
        self.anchor = anchor

    def one(self, i: int, j: int) -> float:
        return self.anchor((i,), (j,))

    def src_pair(self, i: int, j: int) -> float:
        return self.anchor((i, i + 1), (j,))

    def tgt_pair(self, i: int, j: int) -> float:
        return self.anchor((i,), (j, j + 1))


class Shifted(BeadSimilarity):
    """Another similarity seen from sentence ``di`` of the source and ``dj`` of the target (a
    line pair or a stretch of the whole text, aligned on its own)."""

    def __init__(self, base: BeadSimilarity, di: int, dj: int) -> None:
        self.base, self.di, self.dj = base, di, dj

    def one(self, i: int, j: int) -> float:
        return self.base.one(i + self.di, j + self.dj)

    def src_pair(self, i: int, j: int) -> float:
        return self.base.src_pair(i + self.di, j + self.dj)

    def tgt_pair(self, i: int, j: int) -> float:
        return self.base.tgt_pair(i + self.di, j + self.dj)


def similarity(anchor: BeadSimilarity | AnchorFunction) -> BeadSimilarity:
    return anchor if isinstance(anchor, BeadSimilarity) else FromFunction(anchor)


#: the programme's beads (source, target sentences), in the order it weighs them (a tie goes to
#: the first)
_BEADS: Final = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
_UNKNOWN: Final = float("nan")


def align(
    src_lens: Sequence[int],
    tgt_lens: Sequence[int],
    anchor: BeadSimilarity | AnchorFunction,
    params: AlignParams | None = None,
    src_lines: Sequence[int] | None = None,
    tgt_lines: Sequence[int] | None = None,
    ratio: float | None = None,
    merge_evidence: bool = False,
) -> list[Link]:
    """Best monotone alignment of sentences given their lengths and an anchor similarity.

    ``anchor`` gives a bead's similarity (−1..1, plus the cognate and lexicon bonuses): a
    :class:`BeadSimilarity`, or a function of the bead's source and target indices;
    ``src_lines``/``tgt_lines`` (line number of each sentence) make merges across
    line breaks expensive; ``ratio`` (target/source characters) defaults to the totals'.
    ``merge_evidence``: a merge costs ``cost_unsupported_merge`` more unless anchors or
    lengths show that both its sentences belong to the counterpart (for whole documents and
    paragraphs, where a merge would otherwise swallow an omitted or added sentence; a line
    with a single sentence on one side, where sentences are split and joined freely, goes
    without).

    The programme's tables are flat lists, row ``i`` (source sentences read) of ``m + 1``
    cells (target sentences read); a 1-1 similarity is computed once, on first use, since a
    merge's parts ask for it again.
    """
    p = params or DEFAULT_PARAMS
    sim = similarity(anchor)
    n, m = len(src_lens), len(tgt_lens)
    if ratio is None:
        ratio = doc_ratio(src_lens, tgt_lens, p)
    var, aw, null = p.variance, p.anchor_weight, p.cost_null
    cross, margin, part_evidence = p.cost_cross_line, p.merge_length_margin, p.merge_part_evidence
    unsupported = p.cost_unsupported_merge if merge_evidence else 0.0
    # omissions and additions shift the path off the diagonal by at most |n - m| plus local noise
    band = abs(n - m) + 5
    inf = float("inf")
    w = m + 1
    cost: list[float] = [inf] * ((n + 1) * w)
    back: list[int] = [-1] * ((n + 1) * w)
    ones: list[float] = [_UNKNOWN] * (n * m)
    lengths: list[float] = [_UNKNOWN] * (n * m)  # 1-1 length costs (a merge's parts ask again)
    cost[0] = 0.0
    for i in range(n + 1):
        centre = i * m / n if n else 0
        lo, hi = max(0, int(centre - band)), min(m, int(centre + band) + 1)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            here = i * w + j
            best, arg = inf, -1
            if i >= 1 and j >= 1:
                prev = cost[here - w - 1]
                if prev != inf:
                    s = _one(ones, sim, i - 1, j - 1, m)
                    c = prev + (_length(lengths, src_lens, tgt_lens, i - 1, j - 1, m, ratio, var) - aw * s)
                    if c < best:
                        best, arg = c, 0
            if i >= 1:
                prev = cost[here - w]
                if prev != inf and prev + null < best:
                    best, arg = prev + null, 1
            if j >= 1:
                prev = cost[here - 1]
                if prev != inf and prev + null < best:
                    best, arg = prev + null, 2
            if i >= 2 and j >= 1:
                prev = cost[here - 2 * w - 1]
                if prev != inf:
                    i0, j0 = i - 2, j - 1
                    lt = tgt_lens[j0]
                    s = sim.src_pair(i0, j0)
                    length = length_cost(src_lens[i0] + src_lens[i0 + 1], lt, ratio, var)
                    prior = p.cost_merge + _unsupported(s, length, (i0, j0, i0 + 1, j0), unsupported, margin,
                                                        part_evidence, ones, lengths, sim, src_lens, tgt_lens,
                                                        m, ratio, var)
                    c = prev + (prior + length - aw * s)
                    if src_lines and src_lines[i0] != src_lines[i0 + 1]:
                        c += cross
                    if c < best:
                        best, arg = c, 3
            if i >= 1 and j >= 2:
                prev = cost[here - w - 2]
                if prev != inf:
                    i0, j0 = i - 1, j - 2
                    ls = src_lens[i0]
                    s = sim.tgt_pair(i0, j0)
                    length = length_cost(ls, tgt_lens[j0] + tgt_lens[j0 + 1], ratio, var)
                    prior = p.cost_merge + _unsupported(s, length, (i0, j0, i0, j0 + 1), unsupported, margin,
                                                        part_evidence, ones, lengths, sim, src_lens, tgt_lens,
                                                        m, ratio, var)
                    c = prev + (prior + length - aw * s)
                    if tgt_lines and tgt_lines[j0] != tgt_lines[j0 + 1]:
                        c += cross
                    if c < best:
                        best, arg = c, 4
            cost[here], back[here] = best, arg
    links: list[Link] = []
    i, j = n, m
    while i > 0 or j > 0:
        step = back[i * w + j]
        if step < 0:  # outside the band: fall back to nulls (never expected)
            step = 1 if i > 0 else 2
        di, dj = _BEADS[step]
        total = cost[i * w + j]
        c = total - cost[(i - di) * w + j - dj] if total < inf else inf
        links.append(Link(tuple(range(i - di, i)), tuple(range(j - dj, j)), c))
        i, j = i - di, j - dj
    links.reverse()
    return links


def _unsupported(s: float, length: float, parts: tuple[int, int, int, int], extra: float, margin: float,
                 part_evidence: float, ones: list[float], lengths: list[float], sim: BeadSimilarity,
                 src_lens: Sequence[int], tgt_lens: Sequence[int], m: int, ratio: float,
                 variance: float) -> float:
    """``extra`` (``cost_unsupported_merge``, or 0 without merge evidence) when a merge of
    similarity ``s`` and length cost ``length`` explains its counterpart no better than its
    better part does (``parts``: the two 1-1 pairs, source and target index each): not by
    anchors, and by length by less than ``margin``, and one of its parts shares no more than
    ``part_evidence`` with the counterpart; else 0."""
    if not extra:
        return 0.0
    ia, ja, ib, jb = parts
    one_a, one_b = _one(ones, sim, ia, ja, m), _one(ones, sim, ib, jb, m)
    if _smaller(one_a, one_b) > part_evidence:
        return 0.0  # each sentence carries words of the counterpart: a split, not an addition
    fit = _smaller(_length(lengths, src_lens, tgt_lens, ia, ja, m, ratio, variance),
                   _length(lengths, src_lens, tgt_lens, ib, jb, m, ratio, variance))
    return extra if s <= _larger(one_a, one_b) and length > fit - margin else 0.0


def _length(lengths: list[float], src_lens: Sequence[int], tgt_lens: Sequence[int], i: int, j: int, m: int,
            ratio: float, variance: float) -> float:
    """The length cost of source ``i`` with target ``j``, kept in ``lengths`` once computed."""
    got = lengths[i * m + j]
    if got != got:  # NaN: not yet computed
        got = lengths[i * m + j] = length_cost(src_lens[i], tgt_lens[j], ratio, variance)
    return got


def _larger(a: float, b: float) -> float:
    return b if b > a else a


def _smaller(a: float, b: float) -> float:
    return b if b < a else a


def _one(ones: list[float], sim: BeadSimilarity, i: int, j: int, m: int) -> float:
    """The 1-1 similarity of source ``i`` and target ``j``, kept in ``ones`` once computed."""
    got = ones[i * m + j]
    if got != got:  # NaN: not yet computed
        got = ones[i * m + j] = sim.one(i, j)
    return got


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
    anchor: BeadSimilarity | AnchorFunction,
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
    sim = similarity(anchor)
    sg, tg = _line_groups(src_lines), _line_groups(tgt_lines)
    ratio = doc_ratio(src_lens, tgt_lens, p)
    if len(sg) != len(tg) or len(sg) < 2:
        diagonal = _diagonal(src_lens, tgt_lens, ratio, p)
        if diagonal is not None:
            return diagonal
        return _align_window(src_lens, tgt_lens, sim, src_lines, tgt_lines, ratio, p)
    links: list[Link] = []
    # (indices rather than ``zip(sg, tg, strict=True)``, which compiles to a Python call; the
    # group counts are equal here)
    for g in range(len(sg)):
        a, b = sg[g], tg[g]
        if len(a) == len(b) == 1:
            c = length_cost(src_lens[a[0]], tgt_lens[b[0]], ratio, p.variance)
            if c <= p.line_guard:
                links.append(Link((a[0],), (b[0],), c))
                continue
        a0, b0 = a[0], b[0]
        sl, tl = [src_lens[i] for i in a], [tgt_lens[j] for j in b]
        # a paragraph of several sentences on both sides: paired in order when its sentences do
        # (as a whole text without lines, :func:`_diagonal`); a merge there may hide an omitted
        # or added sentence, as in a whole text; one sentence against several is a sentence split
        # or joined
        paragraph = len(a) >= 2 and len(b) >= 2
        inner = _diagonal(sl, tl, ratio, p) if paragraph else None
        if inner is None:
            inner = _single_split(sl, tl, ratio, p)
        if inner is None:
            inner = align(sl, tl, Shifted(sim, a0, b0), p, ratio=ratio, merge_evidence=paragraph)
        for link in inner:
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
    translations), 1,730 qualify, and the programme aligns every one of them exactly so.

    >>> [(l.src, l.tgt) for l in _diagonal([40, 60], [44, 63], 1.05, AlignParams())]
    [((0,), (0,)), ((1,), (1,))]
    >>> _diagonal([40, 60], [90, 12], 1.05, AlignParams()) is None
    True
    """
    if len(src_lens) != len(tgt_lens) or not src_lens:
        return None
    links = []
    for k in range(len(src_lens)):  # (as many on both sides, tested above)
        ls, lt = src_lens[k], tgt_lens[k]
        c = length_cost(ls, lt, ratio, p.variance)
        if c > p.diagonal_guard:
            return None
        links.append(Link((k,), (k,), c))
    return links


def _agreeing_run(src_lens: Sequence[int], tgt_lens: Sequence[int], ratio: float, p: AlignParams,
                  from_end: bool) -> int:
    """How many sentence pairs in order, from the start (or the end) of both sides, agree in
    length (length cost at most ``diagonal_guard``)."""
    n, m = len(src_lens), len(tgt_lens)
    k = 0
    while k < n and k < m:
        i, j = (n - 1 - k, m - 1 - k) if from_end else (k, k)
        if length_cost(src_lens[i], tgt_lens[j], ratio, p.variance) > p.diagonal_guard:
            break
        k += 1
    return k


def _single_split(src_lens: Sequence[int], tgt_lens: Sequence[int], ratio: float, p: AlignParams,
                  head: int = -1, tail: int = -1) -> list[Link] | None:
    """One sentence split in two (or two joined), told by lengths alone; else None (the
    programme decides).

    One side has one sentence more; the pairs in order agree in length (length cost at most
    ``diagonal_guard``) from the start up to one place and, shifted by one, from there to
    the end (``head`` and ``tail``: those runs, when the caller has them); at that place
    neither sentence pair agrees, and the bead of the one sentence with the two does. An added
    or dropped sentence leaves the pairs before it agreeing with one of the sentences there,
    so it fails the test. Like :func:`_diagonal`, this spares the programme's anchors: on the
    WMT22 documents joined into one paragraph each (2,244 with all translations), 183 of the
    514 that go to the programme qualify, and it aligns every one of them exactly so.

    >>> [(l.src, l.tgt) for l in _single_split([40, 120, 50], [42, 60, 62, 52], 1.0, AlignParams())]
    [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
    >>> _single_split([40, 120, 50], [42, 118, 95, 52], 1.0, AlignParams()) is None  # one added
    True
    """
    n, m = len(src_lens), len(tgt_lens)
    if n - m not in (1, -1):
        return None
    if head < 0:
        head = _agreeing_run(src_lens, tgt_lens, ratio, p, from_end=False)
    if tail < 0:
        tail = _agreeing_run(src_lens, tgt_lens, ratio, p, from_end=True)
    k = head
    if k + tail != min(n, m) - 1:
        return None
    var = p.variance
    if m > n:  # source sentence k in target sentences k and k + 1
        c = length_cost(src_lens[k], tgt_lens[k] + tgt_lens[k + 1], ratio, var)
        bead = Link((k,), (k, k + 1), p.cost_merge + c)
    else:  # source sentences k and k + 1 in target sentence k
        c = length_cost(src_lens[k] + src_lens[k + 1], tgt_lens[k], ratio, var)
        bead = Link((k, k + 1), (k,), p.cost_merge + c)
    if c > p.diagonal_guard:
        return None
    links = _in_order(src_lens, tgt_lens, ratio, var, 0, k, 0)
    links.append(bead)
    links += _in_order(src_lens, tgt_lens, ratio, var, k + len(bead.src), n, m - n)
    return links


def _in_order(src_lens: Sequence[int], tgt_lens: Sequence[int], ratio: float, variance: float, first: int,
              stop: int, shift: int) -> list[Link]:
    """Source sentences ``first`` to ``stop - 1`` each linked to the target sentence ``shift``
    places on, with its length cost."""
    return [Link((k,), (k + shift,), length_cost(src_lens[k], tgt_lens[k + shift], ratio, variance))
            for k in range(first, stop)]


def _align_window(
    src_lens: Sequence[int],
    tgt_lens: Sequence[int],
    sim: BeadSimilarity,
    src_lines: Sequence[int],
    tgt_lines: Sequence[int],
    ratio: float,
    p: AlignParams,
) -> list[Link]:
    """The whole-text alignment, with the programme run only where the sides part.

    A translation that splits one sentence in two, or drops or adds one, pairs in order
    before that place and in order (shifted) after it: the pairs at either end whose
    lengths agree are linked directly, and the programme aligns the stretch between the
    two runs (or where they overlap) widened by ``window_margin`` sentences a side, its
    ends fixed. The lengths of pairs shifted by a dropped or added sentence can agree by
    chance, so a run may go on past the place: then the window's own alignment parts from
    the diagonal near one of its edges (:func:`_near_edge`), and the window is widened
    (twice the margin, and so on) until it does not, or is the whole text. Of 3,270 paragraph documents that
    took this path (the WMT22 documents of every translation, and five runs of the benchmark's
    injected errors), one came out otherwise than under the programme over the whole text: a
    run hid a dropped sentence and a split one that cancel out, and the window paired the
    sentences between them shifted by one (the benchmark's numbers are the same).
    """
    n, m = len(src_lens), len(tgt_lens)
    shift = m - n
    head = _agreeing_run(src_lens, tgt_lens, ratio, p, from_end=False)
    tail = _agreeing_run(src_lens, tgt_lens, ratio, p, from_end=True)
    split = _single_split(src_lens, tgt_lens, ratio, p, head, tail)
    if split is not None:
        return split
    margin = p.window_margin
    while True:
        lo = max(0, min(head, n - tail) - margin)
        hi = min(n, max(head, n - tail) + margin)
        if (lo == 0 and hi == n) or hi + shift < lo or hi + shift > m:
            return align(src_lens, tgt_lens, sim, p, src_lines, tgt_lines, ratio, merge_evidence=True)
        t_lo, t_hi = lo, hi + shift
        inner = align(src_lens[lo:hi], tgt_lens[t_lo:t_hi], Shifted(sim, lo, t_lo), p, src_lines[lo:hi],
                      tgt_lines[t_lo:t_hi], ratio, merge_evidence=True)
        if not _near_edge(inner, hi - lo, t_hi - t_lo, lo > 0, hi < n, p.window_margin):
            break
        margin *= 2  # the sides part outside the window: widen it
    links = _in_order(src_lens, tgt_lens, ratio, p.variance, 0, lo, 0)
    for link in inner:
        links.append(Link(tuple(i + lo for i in link.src), tuple(j + t_lo for j in link.tgt), link.cost))
    links += _in_order(src_lens, tgt_lens, ratio, p.variance, hi, n, shift)
    return links


def _near_edge(links: list[Link], n: int, m: int, open_start: bool, open_end: bool, margin: int) -> bool:
    """Whether a window's alignment (``n`` × ``m`` sentences) parts from the diagonal within
    ``margin`` sentences of an edge that is not the text's own: the sides part outside the
    stretch the runs left, and the window cannot be trusted."""
    for link in links:
        if len(link.src) == len(link.tgt) == 1:
            continue
        ends = [(link.src[0], link.src[-1], n)] if link.src else []
        ends += [(link.tgt[0], link.tgt[-1], m)] if link.tgt else []
        for first, last, size in ends:
            if (open_start and first < margin) or (open_end and last >= size - margin):
                return True
    return False
