"""A document's source and target as aligned sentences with features, built once per document.

All checks read the same :class:`Bitext`; :func:`bitext_for` caches it on the
document's identity, so separate detectors never align twice.

Example::

    >>> from qc.model import Document
    >>> bt = bitext_for(Document("d", "Er kam. Sie ging.", source="He came. She left."))
    >>> [(l.src, l.tgt) for l in bt.links]
    [((0,), (0,)), ((1,), (1,))]
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field

from qc.model import Document
from qc.segment import Span, iter_sentences
from qc.xling.align import AlignParams, Link, align
from qc.xling.langid import SUPPORTED, detect_language
from qc.xling.names import NameMention, _table, extract_names, fold
from qc.xling.numbers import Quantity, extract


@dataclass(slots=True)
class Sentence:
    span: Span
    quantities: list[Quantity]
    #: folded 4-letter prefixes of name words (source) or of capitalised words (target)
    keys: frozenset[str]
    trigrams: frozenset[str]
    names: list[NameMention] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def values(self) -> frozenset[float]:
        return frozenset(v for q in self.quantities for v in (q.values | q.alt_values))


@dataclass(slots=True)
class Bitext:
    source: str
    target: str
    source_lang: str
    src: list[Sentence]
    tgt: list[Sentence]
    links: list[Link]

    def src_span(self, ids: tuple[int, ...]) -> tuple[int, int]:
        return self.src[ids[0]].span.start, self.src[ids[-1]].span.end

    def tgt_span(self, ids: tuple[int, ...]) -> tuple[int, int]:
        return self.tgt[ids[0]].span.start, self.tgt[ids[-1]].span.end

    def evidence(self, ids: tuple[int, ...]) -> dict[str, object]:
        """The ``evidence`` fields that locate source sentences in the source text."""
        if not ids:
            return {}
        s, e = self.src_span(ids)
        return {"source_start": s, "source_end": e, "source_text": self.source[s:e]}


def _trigrams(text: str) -> frozenset[str]:
    t = " ".join(text.lower().split())
    return frozenset(t[i : i + 3] for i in range(len(t) - 2))


def _prefixes(words: list[str]) -> set[str]:
    return {fold(w)[:4] for w in words if len(w) >= 2}


def _source_sentence(text: str, span: Span, lang: str) -> Sentence:
    names = extract_names(text, lang, span.start, span.end)
    keys: set[str] = set()
    for n in names:
        keys |= _prefixes(list(n.words))
        for alt in _table().get(fold(n.text), ()):
            keys |= {w[:4] for w in alt.split()}
    quantities = extract(text, lang, span.start, span.end)
    return Sentence(span, quantities, frozenset(keys), _trigrams(span.text), names)


_WORD = re.compile(r"[^\W\d_]+")


def _target_sentence(text: str, span: Span) -> Sentence:
    caps = [w for w in _WORD.findall(span.text) if w[0].isupper()]
    return Sentence(span, extract(text, "de", span.start, span.end), frozenset(_prefixes(caps)),
                    _trigrams(span.text))


def anchor_similarity(src: list[Sentence], tgt: list[Sentence]) -> float:
    """−1..1: how much of the source sentences' numbers and names the target sentences share.

    Negative when anchors exist but do not match: a pair that disagrees on its
    numbers and names is less likely than a pair with no anchors at all.
    """
    s_vals = frozenset().union(*(s.values for s in src))
    t_vals = frozenset().union(*(t.values for t in tgt))
    s_keys = frozenset().union(*(s.keys for s in src))
    t_keys = frozenset().union(*(t.keys for t in tgt))
    scores: list[tuple[float, float]] = []
    if s_vals or t_vals:
        scores.append((2 * len(s_vals & t_vals) / (len(s_vals) + len(t_vals)), len(s_vals | t_vals)))
    if s_keys:
        scores.append((len(s_keys & t_keys) / len(s_keys), len(s_keys)))
    if not scores:
        return 0.0
    weight = sum(w for _, w in scores)
    anchor = sum(s * w for s, w in scores) / weight
    # few anchors are weak evidence either way
    return (2.0 * anchor - 1.0) * min(1.0, weight / 2.0)


def build_bitext(source: str, target: str, source_lang: str | None = None,
                 params: AlignParams | None = None) -> Bitext:
    """Segment both sides, extract features and align."""
    lang = source_lang or detect_language(source)
    lang = lang if lang in SUPPORTED else "en"
    src = [_source_sentence(source, s, lang) for s in iter_sentences(source)]
    tgt = [_target_sentence(target, s) for s in iter_sentences(target)]

    def anchor(si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        a = anchor_similarity([src[i] for i in si], [tgt[j] for j in ti])
        if len(si) == len(ti) == 1:
            # a copied (untranslated) sentence anchors itself
            s3, t3 = src[si[0]].trigrams, tgt[ti[0]].trigrams
            if s3 and t3:
                copy = 2 * len(s3 & t3) / (len(s3) + len(t3))
                if copy >= 0.5:
                    a = max(a, copy)
        return a

    links = align([len(s.span) for s in src], [len(t.span) for t in tgt], anchor, params)
    return Bitext(source, target, lang, src, tgt, links)


_CACHE: OrderedDict[int, tuple[str, str | None, str | None, Bitext]] = OrderedDict()


def bitext_for(doc: Document) -> Bitext:
    """The (cached) bitext of a document that has a source."""
    key = id(doc)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is doc.text and hit[1] is doc.source and hit[2] == doc.source_lang:
        return hit[3]
    bt = build_bitext(doc.source or "", doc.text, doc.source_lang)
    _CACHE[key] = (doc.text, doc.source, doc.source_lang, bt)
    while len(_CACHE) > 16:
        _CACHE.popitem(last=False)
    return bt
