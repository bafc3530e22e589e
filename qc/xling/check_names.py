"""Names check: the names of a source sentence must appear in its aligned target.

German spellings are accepted through :mod:`qc.xling.names` (table, folding,
genitive/compound forms). A name that is absent but has a close target word
("Mokhber" → "Mokhbar") is reported on that word as a mangled name (major);
a name with no trace is reported on the target sentence (the translator may have
used a pronoun, hence the lower confidence).

Example::

    >>> from qc.xling.bitext import build_bitext
    >>> src, tgt = "Vladimir Putin met Mohammad Mokhber.", "Wladimir Putin traf Mohammad Mokhbar."
    >>> bt = build_bitext(src, tgt, "en")
    >>> [(f.text, f.category) for f in check_names(bt, "xling")]
    [('Mokhbar', 'name')]
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Final

from qc.lang.lexicon import GermanLexicon, LexiconUnavailable, project_lexicon
from qc.model import Finding, Severity
from qc.xling.bitext import Bitext
from qc.xling.names import (
    MISSING,
    PRESENT,
    _table,
    find_name,
    fold,
    folded_words,
    name_words_in,
    similarity,
    zipf_frequency,
)

#: a word at least this frequent in German text (Zipf) is a German word: never a name kept
#: verbatim, never a misspelling of one
GERMAN_WORD_ZIPF: Final = 3.0


def _in_table(word: str) -> bool:
    return fold(word) in _table()


def check_names(bt: Bitext, detector: str) -> list[Finding]:
    findings: list[Finding] = []
    text = bt.target
    # the words of each target sentence (the sentences cover every word of the text)
    words_of = bt.target_words
    word_sets = bt.target_word_sets
    kept_verbatim = _AnyOf(word_sets)
    source, lang = bt.source, bt.source_lang
    for k, link in enumerate(bt.links):
        if not link.src or not link.tgt:
            continue
        if len(link.src) == 1 and len(link.tgt) == 1 and _all_in(bt.src[link.src[0]].capitalised,
                                                                 word_sets[link.tgt[0]]):
            continue  # (the usual case) every capitalised source word recurs verbatim: as below
        own = _words_of_link(words_of, link.tgt)
        # (the pre-test asks it for every capitalised source word)
        own_set = (word_sets[link.tgt[0]] if len(link.tgt) == 1
                   else set().union(*[word_sets[j] for j in link.tgt]))
        folded = _LazyFolded(own)  # folded once, for the pre-test and the name test
        status = {
            i: name_words_in(source, bt.src[i].start, bt.src[i].end, own_set, kept_verbatim, lang, folded,
                             bt.src[i].capitalised, bt.src[i].token_classes)
            for i in link.src
        }
        # sentences with a capitalised word missing verbatim (the misspelling test reads them) ...
        src_ids = [i for i, st in status.items() if st != PRESENT]
        if not src_ids:
            continue  # every capitalised source word recurs verbatim: all names are there
        s, e = bt.tgt_span(link.tgt)
        n_before = len(findings)
        neighbours = [bt.links[x] for x in (k - 1, k + 1) if 0 <= x < len(bt.links) and bt.links[x].tgt]
        # ... and of those, the ones with a name word the target lacks in every accepted spelling
        missing_ids = [i for i in src_ids if status[i] == MISSING]
        for name in (n for i in missing_ids for n in bt.src[i].names):
            # a capitalised common word counts when the translation keeps it verbatim elsewhere
            # and it is no German word itself ("Banksy", not "Service" or "Generation")
            promoted = tuple(
                w for w in name.weak_words
                if w in kept_verbatim and zipf_frequency(w, "de") < GERMAN_WORD_ZIPF
            )
            words = name.words + promoted
            if not words:
                continue
            match = find_name(name.text, own, words=words, no_near=frozenset(promoted),
                              folded_target=folded())
            if match.found:
                continue
            if not match.near:
                # a neighbour may hold the name when the alignment is off by a sentence, unless
                # the neighbour's own source names it too (then it is no evidence for this one)
                wide = list(own)
                for other in neighbours:
                    other_src = bt.source[slice(*bt.src_span(other.src))] if other.src else ""
                    if not any(w in other_src for w in words):
                        wide += _words_of_link(words_of, other.tgt)
                match = find_name(name.text, wide, words=words, no_near=frozenset(promoted))
            if match.found:
                continue
            ev = {**bt.evidence(link.src), "source_name": name.text}
            near = whole_word_at(text, match.near, s, e) if match.near else -1
            if near >= 0 and _german_word(match.near):
                near = -1  # a German word is a translation ("Konto" for "Account"), not a misspelling
            if near >= 0:
                findings.append(Finding.at(
                    text, near, near + len(match.near), category="name", severity="major",
                    confidence=0.8, detector=detector,
                    message=f"“{match.near}” looks like a misspelling of the source name “{name.text}”",
                    evidence={**ev, "similarity": match.similarity},
                ))
            else:
                multi = len(words) > 1
                # acronyms are often expanded or translated (VAT → MwSt.); a first name is often left out
                weak = all(w.isupper() or (len(w) > 2 and w[-1] == "s" and w[:-1].isupper())
                           for w in words) or (  # acronyms, also in the plural ("NPCs")
                    # one frequent word ("Service", "Generation" are loanwords in German corpora too)
                    len(words) == 1 and zipf_frequency(words[0], "en") >= 4.5 and not _in_table(words[0])
                    and not _in_table(name.text)  # "European Union": a known name, not a loose word
                )
                severity: Severity = "info" if weak else ("major" if multi and not match.partial else "minor")
                findings.append(Finding.at(
                    text, s, e, category="name", severity=severity,
                    confidence={"info": 0.4, "minor": 0.55, "major": 0.7}[severity], detector=detector,
                    message=f"the source name “{name.text}” does not appear in the translation",
                    evidence=ev,
                ))
        findings += _misspelt_names(bt, src_ids, own_set, s, e, findings[n_before:], detector)
    # without rules for the source's language its capitalised words and spellings are read as
    # English ones: a hint for the editor, not an error
    return bt.as_hints(findings, "info", max_confidence=0.4)


def whole_word_at(text: str, word: str, start: int, end: int) -> int:
    r"""Where ``word`` first occurs in ``text[start:end]`` as a whole word (no word character on
    either side inside that stretch), or -1: what ``re.search(rf"(?<!\w){re.escape(word)}(?!\w)",
    text[start:end])`` finds, offset by ``start``, without compiling a pattern for each word.

    >>> whole_word_at("Mokhbars Sohn und Mokhbar", "Mokhbar", 0, 25)
    18
    """
    i = text.find(word, start, end) if word else -1
    while i >= 0:
        j = i + len(word)
        if (i == start or not _is_word_char(text[i - 1])) and (j >= end or not _is_word_char(text[j])):
            return i
        i = text.find(word, i + 1, end)
    return -1


def _is_word_char(c: str) -> bool:
    r"""``re``'s ``\w`` for one character: a letter, digit or other numeric character, or "_"."""
    return c.isalnum() or c == "_"


def _words_of_link(words_of: list[list[str]], ids: tuple[int, ...]) -> list[str]:
    """The words of a link's target sentences (``words_of``: each sentence's words).

    (A module function, not a closure: compiled by mypyc, a nested function that its enclosing
    function calls holds that function's environment in a reference cycle, which only the
    garbage collector frees, with everything the environment holds.)
    """
    return words_of[ids[0]] if len(ids) == 1 else [w for j in ids for w in words_of[j]]


def _all_in(words: list[str], present: set[str]) -> bool:
    """Whether every one of ``words`` is in ``present`` (:func:`name_words_in` then says
    ``PRESENT`` without reading more)."""
    return all(w in present for w in words)


class _AnyOf:
    """Membership in any of ``parts``, asked of each part in turn: a document asks about ten
    words, and building the union of all its words costs more than asking its sentences."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[set[str]]) -> None:
        self.parts = parts

    def __contains__(self, word: object) -> bool:
        return any(word in part for part in self.parts)


class _LazyFolded:
    """:func:`folded_words` of a sentence's words, computed on the first call (most links never ask)."""

    __slots__ = ("value", "words")

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.value: tuple[list[str], str] | None = None

    def __call__(self) -> tuple[list[str], str]:
        if self.value is None:
            self.value = folded_words(self.words)
        return self.value


_CAP: Final = re.compile(r"[A-ZÄÖÜ](?<![\w-].)[^\W\d_]{3,}(?![\w-])")
#: the letters a match of ``_CAP`` starts with
_CAP_INITIALS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ")


def _misspelt_names(bt: Bitext, src_ids: list[int], own: set[str], s: int, e: int,
                    found: list[Finding], detector: str) -> list[Finding]:
    """Target words that look like a misspelling of a capitalised source word missing here
    (``own``: the words of the target sentences ``bt.target[s:e]``).

    Catches altered names the name test does not extract (capitalised words that are
    also common, names after a quote): a capitalised target word that is no German word
    (hunspell, compounds, frequency), does not occur in the source, and is close in
    spelling (folded ratio ≥ 0.7) to a capitalised source word the target lacks.
    """
    if _lexicon() is None:
        return []  # without hunspell every unknown capitalised word would look misspelt
    # the words the pattern ``_CAP`` could match: a match is a whole run of letters, so one of the
    # link's words ``own``; a frequent German word is never reported (:func:`_german_word`, the
    # last test below), and most capitalised target words are: without another word the source
    # need not be read. Each test below depends on the word alone, so each word is tested once
    # and the target searched only for the words that pass.
    candidates = [w for w in own if len(w) >= 4 and w[0] in _CAP_INITIALS
                  and zipf_frequency(w, "de") < GERMAN_WORD_ZIPF]
    if not candidates:
        return []
    src_words: set[str] = set()
    for i in src_ids:
        src_words.update(bt.src[i].word_runs)  # (kept with the source)
    missing = {fold(w): w for w in src_words if w[:1].isupper() and len(w) >= 4 and w not in own}
    if not missing:
        return []
    # misspellings keep the first letter: the missing words by their first letter
    by_letter: dict[str, list[tuple[str, str]]] = {}
    for fw, w in missing.items():
        by_letter.setdefault(fw[:1], []).append((fw, w))
    known_src: set[str] | None = None
    #: the candidate words that look misspelt: the source word each resembles, and how closely
    suspects: dict[str, tuple[str, float]] = {}
    # the first letters a target word may have to fold to one of those (most German nouns do not)
    initials = set("".join(_INITIALS_BEFORE_FOLDING.get(letter, letter) for letter in by_letter))
    for t in candidates:
        if t in src_words or initial(t) not in initials:
            continue
        ft = fold(t)
        group = by_letter.get(ft[:1])
        if not group:
            continue
        best, source_word = 0.0, ""
        for fw, w in group:
            # the length bound is the best ratio possible
            if 2 * min(len(fw), len(ft)) < 0.7 * (len(fw) + len(ft)):
                continue
            ratio = similarity(fw, ft, 0.7)
            if ratio >= 0.7 and ratio > best:
                best, source_word = ratio, w
        if best < 0.7:
            continue  # (the usual case; the tests below are dearer)
        fs = fold(source_word)
        if _common_prefix(ft, fs) >= len(fs) - 2:
            continue  # only the ending differs: a German form of the word (Russophobia/Russophobie)
        if any(ft.startswith(alt) for alt in _table().get(fs, ())):
            continue  # the table's German spelling of the word (Volodímir/Wolodymyr)
        if known_src is None:  # (the tests above are cheaper and settle most words)
            known_src = {fold(w) for w in src_words}
        if ft in known_src:
            continue  # the same word as one of the source (folded)
        # explained by a source word: inflected (genitive "Klerks") or inside a compound, also
        # without the final vowel German compounds drop ("Quirinale" → "Quirinalspalast")
        if any(ft.startswith(x) or (len(x) >= 5 and x in ft)
               or (len(x) >= 6 and x[-1] in "aeio" and x[:-1] in ft)
               for x in known_src if len(x) >= 4):
            continue
        if _german_word(t):
            continue
        suspects[t] = (source_word, best)
    if not suspects:
        return []
    taken = [(f.start, f.end) for f in found]
    out: list[Finding] = []
    for m in _CAP.finditer(bt.target, s, e):
        got = suspects.get(m.group())
        if got is None or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        source_word, best = got
        out.append(Finding.at(
            bt.target, m.start(), m.end(), category="name", severity="major", confidence=0.7,
            detector=detector,
            message=f"“{m.group()}” looks like a misspelling of “{source_word}” in the source sentence",
            evidence={**bt.evidence(tuple(src_ids)), "source_name": source_word,
                      "similarity": round(best, 3)},
        ))
    return out


#: the first letters a word may have whose :func:`~qc.xling.names.fold` starts with a given letter
#: (folding turns v into w, y and dsch into j, tsch and kh into ch, zh into sh, ph into f, x into
#: ks and c into z or k); any other letter only itself. :func:`initial` reads the first letter.
_INITIALS_BEFORE_FOLDING: Final = {"w": "wv", "j": "jyd", "c": "ctk", "s": "sz", "f": "fp", "k": "kcx",
                                   "z": "zc"}


def initial(word: str) -> str:
    """The first letter of ``word`` as folding sees it first: lower case, without accents."""
    c = word[:1].lower()
    if c.isascii():
        return c
    return "s" if c == "ß" else unicodedata.normalize("NFKD", c)[:1]


def _german_word(word: str) -> bool:
    """A frequent German word, or one hunspell knows (also as a compound)."""
    if zipf_frequency(word, "de") >= GERMAN_WORD_ZIPF:
        return True
    lexicon = _lexicon()
    return lexicon is not None and (lexicon.known(word) or lexicon.compound_known(word))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@cache
def _lexicon() -> GermanLexicon | None:
    """The German hunspell lexicon (the spelling detector's, with the allow list), or None where
    it is not installed (the check is then skipped); asked once per process."""
    try:
        return project_lexicon()
    except LexiconUnavailable:
        return None
