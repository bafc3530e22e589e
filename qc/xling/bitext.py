"""A document's source and target as aligned sentences with features, built once per document.

All checks read the same :class:`Bitext`; :func:`bitext_for` keeps it with the document's
segmentation (``Segmentation.shared``, which lives as long as one ``Checker.check``), so
separate detectors never align twice. Only what was read of the source alone outlives the
document (:func:`source_side`: a source checked again, with another translation or a corrected
one, is not read twice).

Example::

    >>> from qc.model import Document
    >>> bt = bitext_for(Document("d", "Er kam. Sie ging.", source="He came. She left."))
    >>> [(l.src, l.tgt) for l in bt.links]
    [((0,), (0,)), ((1,), (1,))]
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from typing import Final

from qc.lang.sentences import fast_sentences, sentence_bounds
from qc.model import SEVERITY_RANK, Document, Finding, Severity
from qc.segment import Span, iter_sentences
from qc.xling.align import DEFAULT_PARAMS, AlignParams, BeadSimilarity, Link, align_lines
from qc.xling.langid import SUPPORTED, detect_language
from qc.xling.lexicon import (
    NO_ENTRIES,
    source_concepts,
    source_word_concepts,
    target_concepts,
    target_word_concepts,
)
from qc.xling.names import (
    NameMention,
    WordClasses,
    _table,
    capitalised_tokens,
    extract_names,
    fold,
)
from qc.xling.numbers import WORD_EDGE, Quantity, extract, extract_by_sentence, extract_digits
from qc.xling.word_caches import cache_for


class Sentence:
    """One sentence with its anchors; features are computed on first use.

    Most documents align line by line without the dynamic programme, so the
    word sets it needs are built only for the sentences it actually compares;
    and a target sentence's numbers are read only when its source sentence has
    numbers (about a quarter of news sentences) or the aligner compares it.

    A sentence is its offsets into the whole text (``doc_text[start:end]``): a source is
    split into offsets only (:func:`~qc.lang.sentences.sentence_bounds`), and :attr:`span`
    builds a :class:`~qc.segment.Span` on request.

    (A plain class, not a dataclass: compiled by mypyc, its constructor is native code,
    and a bitext builds one per sentence.)
    """

    __slots__ = ("_capitalised", "_cognates", "_digits", "_entries", "_keys", "_names", "_quantities",
                 "_text", "_token_classes", "_values", "_word_runs", "_words", "doc_text", "end", "lang",
                 "side", "start")

    def __init__(self, start: int, end: int, quantities: list[Quantity] | None = None, side: str = "target",
                 doc_text: str = "", lang: str = "de", text: str | None = None) -> None:
        self.start = start
        self.end = end
        #: ``doc_text[start:end]`` when the caller has it (a target span's text), else read on first use
        self._text = text
        #: the sentence's numbers, or None to extract them from ``doc_text`` on first use
        self._quantities = quantities
        #: "source" keys come from the name mentions, "target" keys from capitalised words
        self.side = side
        #: the whole text and its language (names and numbers are extracted from it on first use)
        self.doc_text = doc_text
        self.lang = lang
        self._values: frozenset[float] | None = None
        self._digits: list[Quantity] | None = None
        self._names: list[NameMention] | None = None
        self._capitalised: list[str] | None = None
        self._token_classes: list[WordClasses | None] | None = None
        self._word_runs: list[str] | None = None
        self._keys: frozenset[str] | None = None
        self._words: frozenset[str] | None = None
        self._cognates: frozenset[str] | None = None
        self._entries: frozenset[int] | None = None

    def __repr__(self) -> str:
        return f"Sentence({self.start}, {self.end}, side={self.side!r}, lang={self.lang!r})"

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.doc_text[self.start : self.end]
        return self._text

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    @property
    def quantities(self) -> list[Quantity]:
        if self._quantities is None:
            self._quantities = extract(self.doc_text, self.lang, self.start, self.end, self._digits)
        return self._quantities

    @property
    def digit_quantities(self) -> list[Quantity]:
        """The quantities written in digits (:func:`~qc.xling.numbers.extract_digits`): enough
        for the numbers check when they match every source number, and cheaper to read."""
        if self._digits is None:
            if self._quantities is not None:
                self._digits = [q for q in self._quantities if q.kind == "number"]
            else:
                self._digits = extract_digits(self.doc_text, self.lang, self.start, self.end)
        return self._digits

    @property
    def values(self) -> frozenset[float]:
        """Every reading of every quantity, for anchoring."""
        if self._values is None:
            self._values = frozenset(v for q in self.quantities for v in (q.values | q.alt_values))
        return self._values

    @property
    def names(self) -> list[NameMention]:
        """Name mentions (source sentences only; the names check skips sentences whose
        capitalised words all recur in the translation, so most are never extracted)."""
        if self._names is None:
            self._names = (
                extract_names(self.doc_text, self.lang, self.start, self.end)
                if self.side == "source"
                else []
            )
        return self._names

    @property
    def capitalised(self) -> list[str]:
        """The capitalised tokens (:func:`~qc.xling.names.capitalised_tokens`): the names check's
        pre-test reads them for every source sentence, and a source is kept with its sentences."""
        if self._capitalised is None:
            self._capitalised = capitalised_tokens(self.doc_text, self.start, self.end)
        return self._capitalised

    @property
    def token_classes(self) -> list[WordClasses | None]:
        """The word classes of each of :attr:`capitalised` once the names check has read them
        (None until then): kept, as the tokens are, with the source."""
        if self._token_classes is None:
            self._token_classes = [None] * len(self.capitalised)
        return self._token_classes

    @property
    def word_runs(self) -> list[str]:
        """The words of the sentence as :func:`words_in` reads them (runs of letters and digits),
        read once: the checks ask a source sentence's with the source kept, a target sentence's
        through :attr:`Bitext.target_words`."""
        if self._word_runs is None:
            self._word_runs = words_in(self.doc_text, self.start, self.end)
        return self._word_runs

    @property
    def keys(self) -> frozenset[str]:
        """Folded 4-letter prefixes of name words (source) or of capitalised words (target)."""
        if self._keys is None:
            self._keys = _name_keys(self.names) if self.side == "source" else _caps_keys(self.text)
        return self._keys

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = _word_set(self.text)
        return self._words

    @property
    def cognates(self) -> frozenset[str]:
        if self._cognates is None:
            self._cognates = _cognates(self.words)
        return self._cognates

    @property
    def source_entries(self) -> frozenset[int]:
        """A source sentence's entries in the bilingual lexicon (:func:`source_concepts` in its
        language), kept with the sentence and so with the source (:func:`source_side`)."""
        if self._entries is None:
            self._entries = source_concepts(self.text, self.lang)
        return self._entries


class Bitext:
    """Source and target sentences and their alignment: what every check reads.

    (A plain class, not a dataclass, as :class:`Sentence` is: compiled by mypyc, its constructor
    is native code; a dataclass's is Python.)
    """

    __slots__ = ("_target_word_sets", "_target_words", "links", "source", "source_lang", "src", "src_chars",
                 "target", "tgt", "tgt_chars", "unsupported_lang")

    def __init__(self, source: str, target: str, source_lang: str, src: list[Sentence], tgt: list[Sentence],
                 links: list[Link], src_chars: list[int] | None = None, tgt_chars: list[int] | None = None,
                 unsupported_lang: str | None = None) -> None:
        self.source = source
        self.target = target
        self.source_lang = source_lang
        self.src = src
        self.tgt = tgt
        self.links = links
        #: characters of each source / target sentence
        self.src_chars: list[int] = [] if src_chars is None else src_chars
        self.tgt_chars: list[int] = [] if tgt_chars is None else tgt_chars
        #: the source's own language when qc has no rules for it (``source_lang`` is then "en",
        #: whose rules stand in); None for a supported language
        self.unsupported_lang = unsupported_lang
        self._target_words: list[list[str]] | None = None
        self._target_word_sets: list[set[str]] | None = None

    @property
    def target_words(self) -> list[list[str]]:
        """The words (letters and digits) of each target sentence, read once for all checks."""
        if self._target_words is None:
            self._target_words = [t.word_runs for t in self.tgt]
        return self._target_words

    @property
    def target_word_sets(self) -> list[set[str]]:
        """:attr:`target_words` of each target sentence as a set (for membership tests; not to be
        changed by the caller)."""
        if self._target_word_sets is None:
            self._target_word_sets = [set(words) for words in self.target_words]
        return self._target_word_sets

    def as_hints(self, findings: list[Finding], most: Severity, max_confidence: float = 1.0) -> list[Finding]:
        """``findings`` as they are for a source language with rules; for one without (the English
        rules stood in and may misread it) at severity ``most`` and confidence ``max_confidence``
        at the most, with the language in the evidence."""
        if not self.unsupported_lang:
            return findings
        return [
            replace(f, severity=most if SEVERITY_RANK[f.severity] > SEVERITY_RANK[most] else f.severity,
                    confidence=min(f.confidence, max_confidence),
                    evidence={**f.evidence, "source_language": self.unsupported_lang})
            for f in findings
        ]

    def chars(self, link: Link) -> tuple[int, int]:
        """Characters of a link's source and target sentences."""
        sc, tc = self.src_chars, self.tgt_chars
        ls = sc[link.src[0]] if len(link.src) == 1 else sum(sc[i] for i in link.src)
        lt = tc[link.tgt[0]] if len(link.tgt) == 1 else sum(tc[j] for j in link.tgt)
        return ls, lt

    def src_span(self, ids: tuple[int, ...]) -> tuple[int, int]:
        return self.src[ids[0]].start, self.src[ids[-1]].end

    def tgt_span(self, ids: tuple[int, ...]) -> tuple[int, int]:
        return self.tgt[ids[0]].start, self.tgt[ids[-1]].end

    def evidence(self, ids: tuple[int, ...]) -> dict[str, object]:
        """The ``evidence`` fields that locate source sentences in the source text."""
        if not ids:
            return {}
        s, e = self.src_span(ids)
        return {"source_start": s, "source_end": e, "source_text": self.source[s:e]}


_WORDS_LOWER: Final = re.compile(r"\w{3,}")


def _word_set(text: str) -> frozenset[str]:
    """Lower-cased words of three or more characters: a cheap copy detector for the aligner."""
    return frozenset(_WORDS_LOWER.findall(text.lower()))


def _cognates(words: frozenset[str]) -> frozenset[str]:
    """Folded 4-letter prefixes of longer words: Konflikt/conflict, System/system, Technik/technology."""
    return frozenset(fold(w)[:4] for w in words if len(w) >= 5 and not w.isdigit())


def _prefixes(words: list[str]) -> set[str]:
    return {fold(w)[:4] for w in words if len(w) >= 2}


def _name_keys(names: list[NameMention]) -> frozenset[str]:
    keys: set[str] = set()
    for n in names:
        keys |= _prefixes(list(n.words))
        for alt in _table().get(fold(n.text), ()):
            keys |= {w[:4] for w in alt.split()}
    return frozenset(keys)


_LETTER_WORD: Final = re.compile(r"[^\W\d_]+")
_WORD: Final = re.compile(r"[^\W_]+")



def words_in(text: str, start: int, end: int) -> list[str]:
    """``_WORD.findall(text, start, end)`` (the runs of letters and digits), faster: a
    whitespace token that is all letters and digits once the punctuation around it is
    stripped is its own only word, and only the other tokens go through the regex.

    >>> words_in("Er sagte: „Das Iran-Abkommen gilt.“", 0, 35)
    ['Er', 'sagte', 'Das', 'Iran', 'Abkommen', 'gilt']
    """
    out: list[str] = []
    for token in text[start:end].split():
        if token.isalnum():
            out.append(token)
        else:
            core = token.strip(WORD_EDGE)
            if core.isalnum():
                out.append(core)
            # "US-Präsident", "Iran-Abkommen": the parts between the hyphens, else the regex
            elif "-" not in core or not _hyphenated_words(core, out):
                out.extend(_WORD.findall(token))
    return out


def _hyphenated_words(core: str, out: list[str]) -> bool:
    """Append the parts of ``core`` between hyphens to ``out`` when every part is letters and
    digits (then they are its only words; the regex is dearer), else append nothing: False."""
    parts = core.split("-")
    if not all(part.isalnum() for part in parts):
        return False
    out.extend(parts)
    return True


def _caps_keys(text: str) -> frozenset[str]:
    return frozenset(_prefixes([w for w in _LETTER_WORD.findall(text) if w[0].isupper()]))


#: what a sentence's anchors take from one of its words (a run of letters and digits, as
#: :attr:`Sentence.word_runs` reads them), for one source language's lexicon: the name keys of its
#: capitalised runs of letters (:func:`_caps_keys`; a target word's only: a source sentence's keys
#: come from its name mentions), the word in lower case as :func:`_word_set` has it ("" when
#: shorter), its cognate prefix as :func:`_cognates` has it ("" when none) and its lexicon entries
#: (:func:`~qc.xling.lexicon.source_concepts` or :func:`~qc.xling.lexicon.target_concepts`)
_WordAnchors = tuple[tuple[str, ...], str, str, frozenset[int]]
#: the records by side ("source", "target"), language and word
_WORD_ANCHORS: Final[dict[str, dict[str, dict[str, _WordAnchors]]]] = {"source": {}, "target": {}}


def _read_word_anchors(run: str, side: str, lang: str) -> _WordAnchors:
    letters = [run] if run.isalpha() else _LETTER_WORD.findall(run)
    target = side == "target"
    keys = tuple([fold(x)[:4] for x in letters if len(x) >= 2 and x[0].isupper()]) if target else ()
    low = run.lower()
    cognate = fold(low)[:4] if len(low) >= 5 and not low.isdigit() else ""
    concepts: frozenset[int] = NO_ENTRIES  # (shared: most words have no entries, see there)
    for x in letters:
        w = x.lower()
        entries = target_word_concepts(w, lang) if target else source_word_concepts(w, lang)
        if entries:
            concepts = entries if not concepts else concepts | entries
    return keys, low if len(low) >= 3 else "", cognate, concepts


def _word_anchor_sets(s: Sentence, lang: str) -> tuple[set[str], set[str], set[int]] | None:
    """A sentence's name keys (a target sentence's; none for a source sentence), cognates and
    lexicon entries (``lang``: the source's language, whose lexicon is read), as
    :attr:`Sentence.keys`, :attr:`Sentence.cognates` and the lexicon's
    :func:`~qc.xling.lexicon.target_concepts` or :func:`~qc.xling.lexicon.source_concepts` have
    them, read from its words with one cached record each instead of a pass over the text per
    feature; the sentence's :attr:`~Sentence.words` are set on the way.

    None when the text holds "_" (a word character that joins the words the regexes of those
    functions read), "İ" (two characters in lower case) or "Σ" (lower-cased by its context): the
    words in lower case may then differ from the words of the text in lower case.
    """
    text = s.text
    if "_" in text or "\u0130" in text or "\u03a3" in text:
        return None
    side = s.side
    caches = _WORD_ANCHORS[side]
    cache = caches.get(lang)
    keys: set[str] = set()
    words: set[str] = set()
    cognates: set[str] = set()
    concepts: set[int] = set()
    for run in s.word_runs:
        got = cache.get(run) if cache is not None else None
        if got is None:
            cache = cache_for(caches, lang)
            got = cache[run] = _read_word_anchors(run, side, lang)
        k, w, c, e = got
        if k:
            keys.update(k)
        if w:
            words.add(w)
        if c:
            cognates.add(c)
        if e:
            concepts |= e
    if s._words is None:
        s._words = frozenset(words)
    return keys, cognates, concepts


def _target_sentence(text: str, span: Span, quantities: list[Quantity] | None = None) -> Sentence:
    """A German sentence; its numbers are extracted on first use unless given."""
    return Sentence(span.start, span.end, quantities, "target", text, "de", span.text)


def anchor_similarity(src: list[Sentence], tgt: list[Sentence]) -> float:
    """−1..1: how much of the source sentences' numbers and names the target sentences share.

    Negative when anchors exist but do not match: a pair that disagrees on its
    numbers and names is less likely than a pair with no anchors at all.
    """
    s_vals = src[0].values if len(src) == 1 else frozenset().union(*(s.values for s in src))
    t_vals = tgt[0].values if len(tgt) == 1 else frozenset().union(*(t.values for t in tgt))
    s_keys = src[0].keys if len(src) == 1 else frozenset().union(*(s.keys for s in src))
    t_keys = tgt[0].keys if len(tgt) == 1 else frozenset().union(*(t.keys for t in tgt))
    return _anchor_sets(s_vals, t_vals, s_keys, t_keys)


def _anchor_sets(
    s_vals: frozenset[float], t_vals: frozenset[float], s_keys: frozenset[str], t_keys: frozenset[str]
) -> float:
    return _anchor_score(len(s_vals), len(t_vals), len(s_vals & t_vals), len(s_vals | t_vals), len(s_keys),
                         len(s_keys & t_keys))


def _anchor_score(n_sv: int, n_tv: int, n_v_shared: int, n_v_all: int, n_sk: int, n_k_shared: int) -> float:
    """The anchor similarity from counts: numbers (readings) on each side, shared and in all;
    source name keys, and those the target shares."""
    if not (n_sv or n_tv or n_sk):
        return 0.0
    weight = 0
    anchor = 0.0
    if n_sv or n_tv:
        anchor += 2 * n_v_shared / (n_sv + n_tv) * n_v_all
        weight += n_v_all
    if n_sk:
        anchor += n_k_shared / n_sk * n_sk
        weight += n_sk
    anchor /= weight
    # few anchors are weak evidence either way
    return (2.0 * anchor - 1.0) * min(1.0, weight / 2.0)


_ORDINAL_END: Final = re.compile(r"(?<![\w.])\d{1,2}\.$")


def join_ordinal_splits(text: str, spans: list[Span]) -> list[Span]:
    """Undo sentence splits after a German ordinal: "am 24." + "Dezember …" is one sentence.

    syntok ends a sentence at "24." before any capitalised word; in German that is
    almost always a date or an ordinal ("die 2. Bundesliga").
    """
    out: list[Span] = []
    for sp in spans:
        prev_text = out[-1].text if out else ""
        if (
            prev_text.rstrip()[-2:-1].isdigit()  # (cheap test first: most sentences end in a letter)
            and _ORDINAL_END.search(prev_text)
            and text[out[-1].end : sp.start].strip(" ") == ""
        ):
            prev = out.pop()
            out.append(Span(prev.start, sp.end, text[prev.start : sp.end]))
        else:
            out.append(sp)
    return out


#: languages whose characters each carry about a syllable or a word, and the range of German
#: characters per source character the aligner estimates within (instead of 0.8–1.6)
_DENSE_SCRIPTS: Final = frozenset({"zh", "ja", "ko"})
_DENSE_RATIO: Final = (1.8, 5.0)


class SourceSide:
    """What a bitext needs of its source alone: its language, its sentences (with the features
    they compute on first use), their lengths and line numbers. Kept for the next bitext of the
    same source (:func:`source_side`)."""

    __slots__ = ("chars", "detected", "lang", "lines", "sentences")

    def __init__(self, detected: str, lang: str, sentences: list[Sentence], lines: list[int]) -> None:
        self.detected = detected
        self.lang = lang
        self.sentences = sentences
        self.chars = [s.end - s.start for s in sentences]
        self.lines = lines


#: recent sources' :class:`SourceSide`, by (source, declared language, segmenter)
_SOURCE_SIDES: Final[dict[tuple[str, str | None, str], SourceSide]] = {}
#: the most sources kept (a batch that checks several translations of a source, or a document
#: again after an edit, finds its source read)
SOURCE_SIDES_MAX: Final = 256


def source_side(source: str, source_lang: str | None = None, segmenter: str = "fast") -> SourceSide:
    """The source's language, sentences and features, read once per source text."""
    key = (source, source_lang, segmenter)
    got = _SOURCE_SIDES.get(key)
    if got is None:
        got = _read_source_side(source, source_lang, segmenter)
        if len(_SOURCE_SIDES) >= SOURCE_SIDES_MAX:
            _SOURCE_SIDES.clear()
        _SOURCE_SIDES[key] = got
    return got


def forget_sources() -> None:
    """Drop every kept :class:`SourceSide` (tests; a long-running process never needs to)."""
    _SOURCE_SIDES.clear()


def _read_source_side(source: str, source_lang: str | None, segmenter: str) -> SourceSide:
    # "EN", "en-US", cld2's "zh-Hant": the language itself
    detected = (source_lang or detect_language(source)).lower().replace("_", "-").split("-")[0]
    lang = detected if detected in SUPPORTED else "en"
    if segmenter == "syntok":
        src_bounds = [(s.start, s.end) for s in iter_sentences(source)]
    elif segmenter == "fast":
        src_bounds = sentence_bounds(source, lang)
    else:
        raise ValueError(f"unknown segmenter {segmenter!r}; use 'fast' or 'syntok'")
    # every source sentence's numbers are checked: one pass over the whole source; a target
    # sentence's numbers only where its source has some (read lazily, sentence by sentence)
    src_q = extract_by_sentence(source, lang, src_bounds)
    if detected not in SUPPORTED:
        # the English rules stand in: a digit string may then mean what either convention reads
        # ("1.500" in Portuguese is 1500, in English 1.5)
        src_q = [[Quantity(q.start, q.end, q.text, q.values | q.alt_values, q.kind, q.alt_values) for q in qs]
                 for qs in src_q]
    src = [Sentence(a, b, q, "source", source, lang) for (a, b), q in zip(src_bounds, src_q, strict=True)]
    return SourceSide(detected, lang, src, _line_numbers(source, src))


def build_bitext(
    source: str,
    target: str,
    source_lang: str | None = None,
    params: AlignParams | None = None,
    target_sentences: list[Span] | None = None,
    segmenter: str = "fast",
) -> Bitext:
    """Segment both sides, extract features and align.

    ``segmenter``: ``"fast"`` (:mod:`qc.lang.sentences`, the default) or ``"syntok"``
    (:func:`qc.segment.iter_sentences`); ``target_sentences`` reuses the pipeline's
    (``Segmentation.fast_sentences`` or ``.sentences``, as the segmenter says).
    """
    if segmenter == "syntok":
        spans = iter_sentences(target) if target_sentences is None else target_sentences
    elif segmenter == "fast":
        spans = fast_sentences(target, "de") if target_sentences is None else target_sentences
    else:
        raise ValueError(f"unknown segmenter {segmenter!r}; use 'fast' or 'syntok'")
    side = source_side(source, source_lang, segmenter)
    detected, lang, src = side.detected, side.lang, side.sentences
    spans = join_ordinal_splits(target, spans)
    tgt = [_target_sentence(target, s) for s in spans]

    src_chars = side.chars
    tgt_chars = [t.end - t.start for t in tgt]
    if detected in _DENSE_SCRIPTS:
        # a Chinese, Japanese or Korean character stands for several German ones
        base = params or DEFAULT_PARAMS
        params = replace(base, min_ratio=_DENSE_RATIO[0], max_ratio=_DENSE_RATIO[1])
    links = align_lines(
        src_chars,
        tgt_chars,
        BitextAnchors(src, tgt, params or DEFAULT_PARAMS, lang),
        side.lines,
        _line_numbers(target, tgt),
        params,
    )
    return Bitext(source, target, lang, src, tgt, links, src_chars, tgt_chars,
                  unsupported_lang=None if detected in SUPPORTED else detected)


class _Bits:
    """A sentence's anchors (or a merge's) as bit sets: numbers (every reading), name keys,
    cognates, lexicon entries; and how many of each (a bead's score asks for each sentence's
    counts many times, and a popcount from compiled code is a Python method call)."""

    __slots__ = ("cognates", "entries", "keys", "n_cognates", "n_entries", "n_keys", "n_values", "values")

    def __init__(self, values: int, keys: int, cognates: int, entries: int) -> None:
        self.values, self.keys, self.cognates, self.entries = values, keys, cognates, entries
        self.n_values = values.bit_count() if values else 0
        self.n_keys = keys.bit_count() if keys else 0
        self.n_cognates = cognates.bit_count() if cognates else 0
        self.n_entries = entries.bit_count() if entries else 0

    def union(self, other: _Bits) -> _Bits:
        """The anchors of the two sentences together (a merge's)."""
        return _Bits(self.values | other.values, self.keys | other.keys, self.cognates | other.cognates,
                     self.entries | other.entries)


class BitextAnchors(BeadSimilarity):
    """The aligner's anchor similarity of a bead, from the sentences' features as bit sets.

    Each feature of the document's sentences (a number's reading, a name key, a cognate, a
    lexicon entry) gets a bit on first sight; a sentence's features of a kind are an int, a
    merge's are its sentences' or-ed together, and a shared count is a popcount. (Frozensets
    read the same; the programme weighs a few hundred beads a document, and sets made and
    intersected for each cost several times as much.) Each sentence's and merge's counts are
    taken once; a bead's score counts only what the two sides share.
    """

    def __init__(self, src: list[Sentence], tgt: list[Sentence], params: AlignParams, lang: str) -> None:
        self.src, self.tgt, self.lang = src, tgt, lang
        self.cognate_weight, self.lexicon_weight = params.cognate_weight, params.lexicon_weight
        #: each feature's bit (an int with that one bit set), by feature
        self._bit: dict[object, int] = {}
        self._src_bits: list[_Bits | None] = [None] * len(src)
        self._tgt_bits: list[_Bits | None] = [None] * len(tgt)
        #: merges of sentence ``i`` with ``i + 1`` (the programme asks for each with several counterparts)
        self._src_pairs: list[_Bits | None] = [None] * len(src)
        self._tgt_pairs: list[_Bits | None] = [None] * len(tgt)
        #: 1-1 similarities (the runs at either end and the programme ask for the same pairs)
        self._ones: dict[int, float] = {}

    def _mask(self, items: Collection[object]) -> int:
        if not items:
            return 0
        bits = self._bit
        mask = 0
        for x in items:
            b = bits.get(x)
            if b is None:
                # the feature's own bit, made once per document (or-ing it in then makes no int
                # beyond the result: cheaper, compiled, than setting bits in a byte string)
                b = bits[x] = 1 << len(bits)
            mask |= b
        return mask

    def _source(self, i: int) -> _Bits:
        got = self._src_bits[i]
        if got is None:
            s = self.src[i]
            sets = _word_anchor_sets(s, self.lang) if s._cognates is None else None
            if sets is not None:  # (kept with the sentence, and so with the source)
                _, cognates, entries = sets
                s._cognates = frozenset(cognates)
                s._entries = frozenset(entries) if entries else NO_ENTRIES
            got = self._src_bits[i] = _Bits(self._mask(s.values), self._mask(s.keys), self._mask(s.cognates),
                                            self._mask(s.source_entries))
        return got

    def _target(self, j: int) -> _Bits:
        got = self._tgt_bits[j]
        if got is None:
            t = self.tgt[j]
            sets = _word_anchor_sets(t, self.lang)
            keys, cognates, concepts = sets if sets is not None else (
                t.keys, t.cognates, target_concepts(t.text, self.lang))
            got = self._tgt_bits[j] = _Bits(self._mask(t.values), self._mask(keys), self._mask(cognates),
                                            self._mask(concepts))
        return got

    def one(self, i: int, j: int) -> float:
        key = i << 20 | j
        got = self._ones.get(key)
        if got is None:
            a = self._score(self._source(i), self._target(j))
            # a copied (untranslated) sentence anchors itself
            sw, tw = self.src[i].words, self.tgt[j].words
            # (most pairs share no word: that test makes no set)
            if sw and tw and a < 1.0 and not sw.isdisjoint(tw):
                copy = 2 * len(sw & tw) / (len(sw) + len(tw))
                if copy >= 0.5:
                    a = max(a, copy)
            got = self._ones[key] = a
        return got

    def src_pair(self, i: int, j: int) -> float:
        merged = self._src_pairs[i]
        if merged is None:
            merged = self._src_pairs[i] = self._source(i).union(self._source(i + 1))
        return self._score(merged, self._target(j))

    def tgt_pair(self, i: int, j: int) -> float:
        merged = self._tgt_pairs[j]
        if merged is None:
            merged = self._tgt_pairs[j] = self._target(j).union(self._target(j + 1))
        return self._score(self._source(i), merged)

    def _score(self, s: _Bits, t: _Bits) -> float:
        sv, tv, sk, tk = s.values, t.values, s.keys, t.keys
        a = 0.0
        if sv or tv or sk:
            v_shared = (sv & tv).bit_count() if sv and tv else 0
            a = _anchor_score(s.n_values, t.n_values, v_shared, s.n_values + t.n_values - v_shared, s.n_keys,
                              (sk & tk).bit_count() if sk and tk else 0)
        sc, tc = s.cognates, t.cognates
        if sc and tc:
            # chance overlap of unrelated sentences is about 0.05
            a += self.cognate_weight * (2 * (sc & tc).bit_count() / (s.n_cognates + t.n_cognates) - 0.05)
        sl, tl = s.entries, t.entries
        if sl and tl:
            # translated words: Dice about 0.5 for translations, 0.04 for unrelated sentences
            a += self.lexicon_weight * (2 * (sl & tl).bit_count() / (s.n_entries + t.n_entries) - 0.1)
        return a


def _line_numbers(text: str, sents: list[Sentence]) -> list[int]:
    out, line, pos = [], 0, 0
    for s in sents:
        line += text.count("\n", pos, s.start)
        pos = s.start
        out.append(line)
    return out


def bitext_for(doc: Document, target_sentences: list[Span] | None = None, segmenter: str = "fast",
               shared: dict[object, object] | None = None) -> Bitext:
    """The bitext of a document that has a source.

    Pass the pipeline's segmentation of the target as ``target_sentences`` to reuse it:
    ``Segmentation(doc.text).fast_sentences``, or ``.sentences`` with ``segmenter="syntok"``
    (the cross-lingual detector leaves out sentences of page chrome; other sentences, another
    bitext), and its ``shared`` dict to build the bitext once per document for every
    detector that asks (it is freed with the segmentation, after the check).
    """
    key = ("bitext", doc.source, doc.source_lang, segmenter,
           None if target_sentences is None else tuple((s.start, s.end) for s in target_sentences))
    if shared is not None:
        hit = shared.get(key)
        if isinstance(hit, Bitext):
            return hit
    bt = build_bitext(
        doc.source or "", doc.text, doc.source_lang, target_sentences=target_sentences, segmenter=segmenter
    )
    if shared is not None:
        shared[key] = bt
    return bt
