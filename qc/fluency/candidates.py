"""Candidate rewrites around a suspicious region of a sentence (pure functions).

The language model never proposes text; it only compares the original sentence
with a small set of rewrites generated here from the classes of artifact that
MT output shows: adjacent swaps, a word (often the finite verb) moved a few
places, a split compound, a case slip, a missing comma or article, an English
"X said," reporting clause, and lexicon spelling suggestions.

Example::

    >>> from qc.segment import iter_tokens
    >>> s = "mit Präsident Wladimir bestätigten Putin inmitten"
    >>> toks = iter_tokens(s)
    >>> cands = generate(s, toks, 2, 4, FluencyData.load(), effort="fast")
    >>> any(c.apply(s) == "mit Präsident Wladimir Putin bestätigten inmitten" for c in cands)
    True
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise

from qc.segment import Token

#: categories of findings a candidate kind maps onto (see qc.model.CATEGORIES)
KIND_CATEGORY: dict[str, str] = {
    "swap": "word-order",
    "move": "word-order",
    "verb-end": "word-order",
    "compound": "word-order",
    "reporting": "word-order",
    "case": "spelling",
    "comma": "grammar",
    "article": "grammar",
    "spelling": "spelling",
}

#: which kinds each effort generates by default (fast keeps the cheap, high-yield ones).
#: "case" and "spelling" (word substitutions) are off by default: the shipped LM prefers
#: frequent words, so a substitution wins on rare, correct words (10 false alarms on the seed
#: articles, whose one misspelling the spelling detector finds anyway). Enable them with
#: ``[detectors.fluency] kinds = [...]`` for a stronger model.
EFFORT_KINDS: dict[str, frozenset[str]] = {
    "fast": frozenset({"swap", "move", "compound", "reporting"}),
    "thorough": frozenset({"swap", "move", "verb-end", "compound", "reporting", "comma", "article"}),
}
#: kinds triggered by a lexical pattern rather than by surprisal: few candidates,
#: so they are generated over the whole sentence
PATTERN_KINDS: frozenset[str] = frozenset({"compound", "reporting"})
#: farthest a single word is moved, per effort
EFFORT_MOVE: dict[str, int] = {"fast": 2, "thorough": 4}


@dataclass(frozen=True, slots=True)
class Candidate:
    """Replace ``text[start:end]`` with ``replacement``; offsets as in the tokens given."""

    start: int
    end: int
    replacement: str
    kind: str

    @property
    def category(self) -> str:
        return KIND_CATEGORY[self.kind]

    def apply(self, text: str, base: int = 0) -> str:
        """The text with this edit applied; ``base`` is the offset of ``text[0]``."""
        return text[: self.start - base] + self.replacement + text[self.end - base :]


@dataclass(frozen=True)
class FluencyData:
    """Word lists from ``qc/data/fluency.toml`` (user-extendable)."""

    reporting_verbs: frozenset[str]
    articles: tuple[str, ...]
    determiners: frozenset[str]
    compound_stems: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    @cache
    def load(cls) -> FluencyData:
        raw = tomllib.loads(resources.files("qc.data").joinpath("fluency.toml").read_text("utf-8"))
        return cls(
            reporting_verbs=frozenset(raw["reporting_verbs"]),
            articles=tuple(raw["articles"]),
            determiners=frozenset(raw["determiners"]),
            compound_stems=dict(raw.get("compound_stems", {})),
        )


def is_word(tok: Token) -> bool:
    return tok.text[:1].isalnum()


def _is_plain_word(tok: Token) -> bool:
    """Letters only (hyphens allowed): numbers and codes are never reordered."""
    return tok.text.replace("-", "").isalpha()


def _word_run(toks: Sequence[Token], i: int) -> tuple[int, int]:
    """Index range [a, b) of the run of words around ``toks[i]`` with no punctuation between."""
    a = i
    while a > 0 and is_word(toks[a - 1]):
        a -= 1
    b = i + 1
    while b < len(toks) and is_word(toks[b]):
        b += 1
    return a, b


def _reorder(toks: Sequence[Token], order: Sequence[int], kind: str) -> Candidate:
    span = [toks[k] for k in sorted(order)]
    return Candidate(span[0].start, span[-1].end, " ".join(toks[k].text for k in order), kind)


def swaps(toks: Sequence[Token], lo: int, hi: int) -> list[Candidate]:
    """Adjacent word swaps touching tokens lo..hi (never the sentence-initial word)."""
    out = []
    for i in range(max(1, lo - 1), min(hi + 1, len(toks) - 1)):
        a, b = toks[i], toks[i + 1]
        # two capitalised words are mostly a name or title ("Washington Post"): never swapped
        if a.text[0].isupper() and b.text[0].isupper():
            continue
        if _is_plain_word(a) and _is_plain_word(b) and a.text != b.text:
            out.append(_reorder(toks, [i + 1, i], "swap"))
    return out


def moves(toks: Sequence[Token], lo: int, hi: int, max_dist: int) -> list[Candidate]:
    """Move one word of lo..hi by 2..max_dist places inside its run of words."""
    out = []
    for j in range(max(1, lo), min(hi + 1, len(toks))):
        if not _is_plain_word(toks[j]):
            continue
        a, b = _word_run(toks, j)
        a = max(a, 1)
        for k in range(max(a, j - max_dist), min(b, j + max_dist + 1)):
            if abs(k - j) < 2:
                continue
            idx = [*range(j + 1, k + 1), j] if k > j else [j, *range(k, j)]
            out.append(_reorder(toks, idx, "move"))
    return out


def verb_to_clause_end(toks: Sequence[Token], lo: int, hi: int) -> list[Candidate]:
    """Move a lower-case word of lo..hi to the end of its clause (German verb-final order)."""
    out = []
    for j in range(max(1, lo), min(hi + 1, len(toks))):
        t = toks[j]
        if not (_is_plain_word(t) and t.text[0].islower()):
            continue
        _, b = _word_run(toks, j)
        if b - 1 - j >= 3:  # shorter distances are covered by moves()
            idx = [k for k in range(j, b) if k != j] + [j]
            out.append(_reorder(toks, idx, "verb-end"))
    return out


def compounds(
    toks: Sequence[Token], lo: int, hi: int, data: FluencyData, known: Callable[[str], bool]
) -> list[Candidate]:
    """Join two capitalised words into one known compound ("Norden Koreanischer" → "Nordkoreanischer")."""
    out = []
    for i in range(max(0, lo - 1), min(hi + 1, len(toks) - 1)):
        a, b = toks[i], toks[i + 1]
        # split compounds come out as two capitalised words ("Gipfel Treffen")
        if not (_is_plain_word(a) and _is_plain_word(b) and a.text[0].isupper() and b.text[0].isupper()):
            continue
        for stem in [a.text, *data.compound_stems.get(a.text, [])]:
            for joined in (stem + b.text.lower(), f"{stem}-{b.text}"):
                if known(joined):
                    out.append(Candidate(a.start, b.end, joined, "compound"))
    return out


def case_changes(toks: Sequence[Token], lo: int, hi: int, known: Callable[[str], bool]) -> list[Candidate]:
    """Flip the initial case of a non-initial word when the flipped form is a known word."""
    out = []
    for i in range(max(1, lo), min(hi + 1, len(toks))):
        t = toks[i]
        if not _is_plain_word(t) or toks[i - 1].text in {".", ":", "„", '"', "!", "?"}:
            continue
        flipped = (t.text[0].lower() if t.text[0].isupper() else t.text[0].upper()) + t.text[1:]
        if known(flipped):
            out.append(Candidate(t.start, t.end, flipped, "case"))
    return out


def commas(toks: Sequence[Token], lo: int, hi: int) -> list[Candidate]:
    """Insert a comma after a word of lo..hi that is followed by another word."""
    out = []
    for i in range(max(1, lo - 1), min(hi + 1, len(toks) - 1)):
        if is_word(toks[i]) and is_word(toks[i + 1]):
            # the edit covers the word, so findings and repairs never have an empty span
            out.append(Candidate(toks[i].start, toks[i].end, toks[i].text + ",", "comma"))
    return out


def articles(toks: Sequence[Token], lo: int, hi: int, data: FluencyData) -> list[Candidate]:
    """Insert an article before a capitalised word that follows a lower-case, non-determiner word."""
    out = []
    for i in range(max(1, lo), min(hi + 1, len(toks))):
        t, prev = toks[i], toks[i - 1]
        if not (_is_plain_word(t) and t.text[0].isupper() and _is_plain_word(prev)):
            continue
        if prev.text[0].isupper() or prev.text.lower() in data.determiners:
            continue
        for art in data.articles:
            out.append(Candidate(t.start, t.end, f"{art} {t.text}", "article"))
    return out


def reporting_clauses(toks: Sequence[Token], lo: int, hi: int, data: FluencyData) -> list[Candidate]:
    """English "… besuchen Kreml sagte, …" → "… besuchen, sagte der Kreml, …".

    Pattern: lower-case word, capitalised subject, reporting verb, comma (or end).
    """
    out = []
    for i in range(max(1, lo - 2), min(hi + 1, len(toks) - 1)):
        prev, subj, verb = toks[i - 1], toks[i], toks[i + 1]
        if verb.text not in data.reporting_verbs or not (_is_plain_word(subj) and subj.text[0].isupper()):
            continue
        if not (_is_plain_word(prev) and prev.text[0].islower()):
            continue
        for art in ("", *data.articles[:3]):
            noun_phrase = f"{art} {subj.text}".strip()
            out.append(Candidate(prev.end, verb.end, f", {verb.text} {noun_phrase}", "reporting"))
    return out


def spelling(
    toks: Sequence[Token], lo: int, hi: int,
    known: Callable[[str], bool], suggest: Callable[[str], list[str]],
    limit: int = 3,
) -> list[Candidate]:
    """Lexicon suggestions for unknown words of lo..hi."""
    out = []
    for i in range(lo, min(hi + 1, len(toks))):
        t = toks[i]
        if _is_plain_word(t) and len(t.text) > 3 and not known(t.text):
            for s in suggest(t.text)[:limit]:
                if s != t.text:
                    out.append(Candidate(t.start, t.end, s, "spelling"))
    return out


def generate(
    text: str,
    toks: Sequence[Token],
    lo: int,
    hi: int,
    data: FluencyData,
    *,
    effort: str = "fast",
    known: Callable[[str], bool] | None = None,
    suggest: Callable[[str], list[str]] | None = None,
    base: int = 0,
    kinds: frozenset[str] | None = None,
) -> list[Candidate]:
    """All candidates of the given kinds touching tokens lo..hi, deduplicated by result text.

    ``text`` starts at offset ``base`` (token offsets are absolute); edits that
    leave the text unchanged are dropped. ``kinds`` = None: the effort's default kinds.
    """
    kinds = EFFORT_KINDS[effort] if kinds is None else kinds
    known = known or (lambda w: False)
    suggest = suggest or (lambda w: [])
    found: list[Candidate] = []
    if "swap" in kinds:
        found += swaps(toks, lo, hi)
    if "move" in kinds:
        found += moves(toks, lo, hi, EFFORT_MOVE[effort])
    if "verb-end" in kinds:
        found += verb_to_clause_end(toks, lo, hi)
    if "compound" in kinds:
        found += compounds(toks, lo, hi, data, known)
    if "reporting" in kinds:
        found += reporting_clauses(toks, lo, hi, data)
    if "case" in kinds:
        found += case_changes(toks, lo, hi, known)
    if "comma" in kinds:
        found += commas(toks, lo, hi)
    if "article" in kinds:
        found += articles(toks, lo, hi, data)
    if "spelling" in kinds:
        found += spelling(toks, lo, hi, known, suggest)
    names = _name_pairs(toks, known)
    seen = {text}
    out = []
    for c in found:
        if c.kind in REORDER_KINDS and not _keeps_spacing_and_names(c, text, base, names):
            continue
        new = c.apply(text, base)
        if new not in seen:
            seen.add(new)
            out.append(c)
    return out


#: kinds that only reorder the words of their span (joined by single spaces)
REORDER_KINDS: frozenset[str] = frozenset({"swap", "move", "verb-end"})


def _name_pairs(toks: Sequence[Token], known: Callable[[str], bool]) -> list[tuple[Token, Token]]:
    """Adjacent capitalised words that are both unknown to the lexicon: parts of one name
    ("Owen Paterson"), which a reordering must not pull apart."""
    return [
        (a, b) for a, b in pairwise(toks)
        if _is_plain_word(a) and _is_plain_word(b) and a.text[0].isupper() and b.text[0].isupper()
        and not known(a.text) and not known(b.text)
    ]


def _keeps_spacing_and_names(c: Candidate, text: str, base: int, names: list[tuple[Token, Token]]) -> bool:
    """A reordering is only a fair comparison when it changes nothing but the order: its span
    must be separated by single spaces (the rewrite joins words with " "; a no-break space
    turned into a space would count as a gain), and it keeps the words of a name together.

    >>> from qc.segment import iter_tokens
    >>> t = "mehr als 30\u00a0GB für"
    >>> _keeps_spacing_and_names(Candidate(5, 16, "als für 30 GB", "move"), t, 0, [])
    False
    >>> t = "kürzlich Owen Paterson"
    >>> owen, paterson = iter_tokens(t)[1:]
    >>> _keeps_spacing_and_names(Candidate(0, 13, "Owen kürzlich", "swap"), t, 0, [(owen, paterson)])
    False
    """
    original = text[c.start - base : c.end - base]
    if original.split(" ") != original.split():
        return False
    for a, b in names:
        a_in, b_in = c.start <= a.start and a.end <= c.end, c.start <= b.start and b.end <= c.end
        if a_in and b_in and f"{a.text} {b.text}" not in c.replacement:
            return False
        if a_in and not b_in and not c.replacement.endswith(a.text):
            return False  # the name's first word moved away from the second, just after the span
        if b_in and not a_in and not c.replacement.startswith(b.text):
            return False
    return True
