"""Spelling: words neither hunspell-de-de nor the name/compound/foreign filters accept.

News copy is full of words no dictionary lists: names ("Peskow", "Roehrig"),
acronyms, new compounds ("Separatistengebiete"), foreign titles, URLs. A word is
reported only when every filter below fails, so real copy is not drowned in
false alarms:

1. skipped outright: URLs, e-mail addresses, handles and #placeholders#, words
   with digits, ALLCAPS and inner capitals ("KCNA", "iPhone"), words of two
   letters, halves of suspended compounds ("Staats- und …");
2. accepted: hunspell (hyphenated words part by part, gender forms
   "Beobachter:innen" as "Beobachterinnen"), the allow list
   ``qc/data/spelling_allow.txt``, compounds of known parts;
3. names and foreign words: a capitalised word that wordfreq knows in German or
   one of ``foreign_langs``, or that recurs in the document; a lower-case word
   frequent in German or a foreign language; every word of a sentence or quote
   that is mostly unknown words (a foreign fragment: the foreign detector's job);
4. a word that survives is reported only when a German word form one edit away is
   frequent and much more frequent than the word ("Regirung" → "Regierung",
   "wärhend" → "während"); unknown names next to other name parts ("Nancy
   Faeser") are left alone;
5. one class of words hunspell accepts is reported too: a rare compound whose last
   part is a verb form one letter short of a frequent noun ("Militärvertreten" →
   "Militärvertretern", see :meth:`GermanLexicon.verbal_tail_fixes`).

Repairs are hunspell's suggestions, best first. Lookups are cached and the
dictionary is loaded once per process (:func:`qc.lang.lexicon.project_lexicon`, shared with the
fluency candidates and the cross-lingual name check).
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from qc.detectors.base import Detector, DetectorOptions, register
from qc.lang.lexicon import GermanLexicon, project_lexicon
from qc.model import Document, Finding, Repair
from qc.segment import Segmentation


@dataclasses.dataclass
class SpellingOptions(DetectorOptions):
    #: extra folders searched for de_DE.dic/.aff before QC_HUNSPELL_PATH, DICPATH and system folders
    dictionary_dirs: list[str] = dataclasses.field(default_factory=list)
    #: hunspell dictionaries tried in order
    dictionary_langs: list[str] = dataclasses.field(default_factory=lambda: ["de_DE", "de_AT", "de_CH", "de"])
    #: a user word list (same format as qc/data/spelling_allow.txt), added to the shipped one
    allow_file: str | None = None
    #: a capitalised word wordfreq knows in one of these languages at this Zipf level or above is a name
    foreign_langs: list[str] = dataclasses.field(default_factory=lambda: ["en", "fr", "it", "es", "nl", "pt"])
    name_min_zipf: float = 1.0
    #: a word with at least this German Zipf frequency is accepted (colloquial forms, names)
    german_max_zipf: float = 3.0
    #: a lower-case word this frequent (Zipf) in a foreign language is left to the foreign detector
    foreign_min_zipf: float = 3.0
    #: an unknown word is flagged only if a German form this frequent (Zipf) is one edit away ...
    near_min_zipf: float = 3.0
    #: ... and that form is this much more frequent than the word (Zipf difference)
    typo_margin: float = 2.0
    #: a capitalised word occurring this often in the document is taken for a name
    name_recurrence: int = 2
    #: flag rare compounds ending in a verb form one letter short of a frequent noun
    #: ("Militärvertreten" → "Militärvertretern")
    verbal_compound_tails: bool = True
    #: a capitalised word next to a capitalised non-word ("Nancy Faeser") is taken for a name part
    name_neighbours: bool = True
    #: a sentence or quotation with this share of unknown lower-case words (2 or more) is foreign text
    foreign_fragment_share: float = 0.5
    #: shortest word checked
    min_length: int = 3
    #: most repairs offered per finding
    max_suggestions: int = 3


# Chunks (whitespace-separated) that are addresses, handles or placeholders, not words.
_ADDRESS_HINT = re.compile(
    r"://|www\.|@|#|\\|(?<=\w)\.(?:com|org|net|de|at|ch|eu|info|io|gov|uk|ru|it|fr)\b", re.IGNORECASE
)
_PREV_WORD = re.compile(r"(?P<w>[^\W\d_][\w’'.-]*)[ \u00a0]$")
_NEXT_WORD = re.compile(r"[ \u00a0](?P<w>[^\W\d_][\w’'-]*)")
_STOP = re.compile(r"[.!?](?=\s)")
# A word: letters with inner hyphens, apostrophes and gender marks (":", "*", "_", "·", "/").
_WORD = re.compile(r"[^\W\d_]+(?:(?:[-'’]|[:*_·/](?=in))[^\W\d_]+)*")
# A candidate word, not glued to digits or underscores ("A380b", "var_name") and no half of
# a suspended compound ("Staats- und", "Ein- und -ausfuhr"); a word after "digits-" is
# checked ("122-Millimeter-Raketen" as "Millimeter-Raketen").
_CANDIDATE = re.compile(rf"(?<![\w'’])(?<![^\d\n]-)(?>{_WORD.pattern})(?![-_\d])")
_GENDER = re.compile(r"^(?P<base>[^\W\d_]{3,})(?:[:*_·/]|(?=In))[Ii]n(?P<pl>nen)?$")
_QUOTED = re.compile(r"„[^„“\n]*“|“[^“”\n]*”|\"[^\"\n]*\"|»[^»«\n]*«|«[^«»\n]*»")


@dataclasses.dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str


@register
class SpellingDetector(Detector):
    """Unknown German words, with hunspell's suggestions as repairs.

    >>> [f.text for f in SpellingDetector().detect(Document("d", "Die Regirung tagt."),
    ...                                             Segmentation("Die Regirung tagt."))]
    ['Regirung']
    """

    name = "spelling"
    Options = SpellingOptions
    examples_flagged = (
        "Die Bundesregirung hat am Montag getagt.",
        "Er sagte, das Treffen werde wärhend des Forums stattfinden.",
        "Das Gespräch fand in der Hauptstat statt.",
    )
    examples_clean = (
        "Nach Meinung von Beobachter:innen geht es um mehr als Waffengeschäfte.",
        "Die 122- und 152-Millimeter-Artilleriegeschosse und die Atom-U-Boote.",
        "Kremlsprecher Dmitri Peskow sagte, die Staats- und Regierungschefs würden reden.",
        "Die Nachrichtenagentur KCNA meldete das Treffen in Pjöngjang (04.09.2023).",
        "Laut dem Sicherheitsexperten Terence Roehrig sind die Lieferungen nicht entscheidend.",
        "Die Separatistengebiete in der Ostukraine, mehr unter https://www.example.com/kim-putin.",
        "Die Korrespondenten der Associated Press sahen einen Zug in Chasan.",
        "Das Motto lautete „Business as usual“, schrieb die New York Times.",
        "Der Ausbruch der COVID-19-Pandemie zwang Nordkorea zu Grenzbeschränkungen.",
    )

    def __init__(self, options: SpellingOptions | dict | None = None) -> None:
        super().__init__(options)
        self.options: SpellingOptions
        self._lexicon: GermanLexicon | None = None
        if self.options.enabled:
            _ = self.lexicon  # fail early, with the install hint, when the dictionary is missing

    @property
    def lexicon(self) -> GermanLexicon:
        """The process-wide lexicon for these options (raises LexiconUnavailable with an install hint)."""
        if self._lexicon is None:
            opts = self.options
            self._lexicon = project_lexicon(tuple(opts.dictionary_dirs), tuple(opts.dictionary_langs),
                                            opts.allow_file)
        return self._lexicon

    # -- word classification (cached: the same words recur across documents) -----------------
    def _accepted(self, word: str) -> bool:
        """hunspell, the allow list, gender forms, hyphen parts and compounds."""
        return _accepted(self.lexicon, word)

    def _foreign_name(self, word: str) -> bool:
        """A capitalised word wordfreq knows in a foreign language ("Roehrig", "Khasan")."""
        lex = self.lexicon
        z = self.options.name_min_zipf if word[0].isupper() else self.options.foreign_min_zipf
        return any(lex.zipf(word, lang) >= z for lang in self.options.foreign_langs)

    def _likely_typos_of(self, word: str) -> tuple[str, ...]:
        """Frequent German forms one edit away that are much more frequent than the word itself.

        Empty for rare words with no such neighbour (names, rare compounds): those are
        left alone. "Regirung" → ("regierung",); "gegerbt" (Zipf 2.2) vs "geerbt"
        (3.5) → () because both are plausible words.
        """
        lex = self.lexicon
        o = self.options
        z = lex.zipf(word, "de")
        if z >= o.german_max_zipf:
            return ()
        out = []
        for n in lex.near_frequent(word):
            zn = lex.zipf(n, "de")
            if zn >= o.near_min_zipf and zn - z >= o.typo_margin:
                out.append(n)
        return tuple(sorted(out, key=lambda n: -lex.zipf(n, "de")))

    # -- detection ------------------------------------------------------------------------------
    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        text = doc.text
        unknown = [p for w in self._unknown_words(text) for p in self._unknown_parts(w)]
        findings: list[Finding] = []
        for w in unknown:
            fixes = self.lexicon.verbal_tail_fixes(w.text) if self.options.verbal_compound_tails else ()
            if fixes:
                findings.append(self._verbal_tail_finding(text, w, fixes))
                continue
            if self._foreign_name(w.text):
                continue
            if w.text[0].isupper() and (
                _is_genitive(self.lexicon, w.text)
                or _occurrences(text, w.text) >= self.options.name_recurrence
            ):
                continue
            near = self._likely_typos_of(w.text)
            if not near:
                continue
            if w.text[0].isupper() and self.options.name_neighbours and self._next_to_a_name(text, w):
                continue
            if not self._in_foreign_fragment(text, w, unknown):
                findings.append(self._finding(text, w, near))
        return findings

    def _next_to_a_name(self, text: str, w: _Word) -> bool:
        """A neighbour (one space away) is a capitalised word that is no German lower-case word:
        a first name, a title or another name part ("Nancy Faeser", "Eroll Flynn", "De Lutis")."""
        lex = self.lexicon
        before = _PREV_WORD.search(text, max(0, w.start - 40), w.start)
        after = _NEXT_WORD.match(text, w.end)
        for m in (before, after):
            if m is None:
                continue
            word = m.group("w")
            if word[0].isupper() and not lex.known(word.lower()):
                return True
        return False

    def _unknown_parts(self, w: _Word) -> list[_Word]:
        """A hyphenated word is judged part by part ("Make-up": "Make" is English, "up" a loan part)."""
        if "-" not in w.text or _GENDER.match(w.text):
            return [w]
        out = []
        pos = w.start
        parts = w.text.split("-")
        for i, part in enumerate(parts):
            checkable = len(part) >= self.options.min_length and not _has_inner_capital(part)
            # a lower-case part of a capitalised word is a name or loan part ("Jung-wook", "Know-how"),
            # and so is a capitalised first part: names head such compounds ("Belharra-Fregatten"),
            # and a part after a name ("Werra-Meißner-Kreis")
            checkable = checkable and not (part[0].islower() and w.text[0].isupper())
            checkable = checkable and not (i == 0 and part[0].isupper())
            checkable = checkable and not (i > 0 and part[0].isupper() and self._is_name_part(parts[i - 1]))
            if checkable and not self._accepted(part):
                out.append(_Word(pos, pos + len(part), part))
            pos += len(part) + 1
        return out

    def _is_name_part(self, part: str) -> bool:
        """A capitalised word the dictionary knows in neither case ("Werra", "Jong")."""
        lex = self.lexicon
        return part[:1].isupper() and not lex.known(part) and not lex.known(part.lower())

    def _unknown_words(self, text: str) -> list[_Word]:
        """Candidate words the lexicon does not accept; addresses, acronyms, numbers etc. skipped.

        Hot loop: most words are known, so a known word costs one regex match and one
        cached lookup; everything else is checked only for the few unknown ones.
        """
        min_len = self.options.min_length
        lex = self.lexicon
        skip: list[tuple[int, int]] | None = None
        out: list[_Word] = []
        verbal_tails = self.options.verbal_compound_tails
        n = len(text)
        for m in _WORD.finditer(text):  # the plain pattern is faster; context is checked below
            word = m.group()
            if len(word) < min_len:
                continue
            if _accepted(lex, word):
                # a rare compound ending in a verb form ("Militärvertreten") is accepted by
                # hunspell but most likely a noun missing a letter
                if verbal_tails and len(word) >= 10 and word[0].isupper() and lex.verbal_tail_fixes(word):
                    out.append(_Word(m.start(), m.end(), word))
                continue
            s, e = m.start(), m.end()
            before = text[s - 1] if s else " "
            after = text[e] if e < n else " "
            # halves of suspended compounds ("Staats- und", "Ein- und -ausfuhr"); a part after
            # digits is checked ("122-Millimeter-Raketen"); words glued to digits, underscores
            # or apostrophes are codes and contractions ("A380b", "var_name")
            if after in "-_" or after.isdigit() or before in "_'’" or before.isdigit():
                continue
            if before == "-" and not (s >= 2 and text[s - 2].isdigit()):
                continue
            if skip is None:
                skip = _skip_spans(text)
            if skip and any(a <= s < b for a, b in skip):
                continue
            if "'" in word or "’" in word:
                out.extend(_Word(ps, ps + len(p), p) for p, ps in _strip_apostrophe(word, s)
                           if len(p) >= min_len and not _has_inner_capital(p) and not _accepted(lex, p))
            elif "-" in word or not _has_inner_capital(word):
                out.append(_Word(s, m.end(), word))
        return out

    def _in_foreign_fragment(self, text: str, w: _Word, unknown: list[_Word]) -> bool:
        """The word sits in a sentence or quotation whose lower-case words are mostly unknown:
        foreign text (names, being capitalised, do not count)."""
        spans = [_sentence_around(text, w.start, w.end)]
        spans += [(m.start(), m.end()) for m in _QUOTED.finditer(text, *_line_around(text, w.start))
                  if m.start() <= w.start and w.end <= m.end()]
        unknown_starts = {u.start for u in unknown}
        share = self.options.foreign_fragment_share
        min_len = self.options.min_length
        for s, e in spans:
            inside = [m.start() for m in _CANDIDATE.finditer(text, s, e)
                      if len(m.group()) >= min_len and m.group()[0].islower()]
            n_unknown = sum(1 for x in inside if x in unknown_starts)
            if n_unknown >= 2 and n_unknown >= share * len(inside):
                return True
        return False

    def _verbal_tail_finding(self, text: str, w: _Word, fixes: tuple[str, ...]) -> Finding:
        repairs = [Repair(w.start, w.end, f, round(1.0 - i * 0.1, 2)) for i, f in enumerate(fixes)]
        return Finding.at(
            text, w.start, w.end,
            category="spelling", severity="minor",
            message=(f"{w.text!r} ends in a verb form, not a noun; did you mean "
                     f"{', '.join(repr(f) for f in fixes)}?"),
            confidence=0.6, detector=self.name, repairs=repairs,
            evidence={"rule": "verbal-compound-tail", "dictionary": self.lexicon.path.name},
        )

    def _finding(self, text: str, w: _Word, near: tuple[str, ...]) -> Finding:
        lex = self.lexicon
        capitalised = w.text[0].isupper()
        forms = [n.capitalize() if capitalised else n for n in near]
        forms = [f for f in forms if lex.known(f)] or forms
        hunspell = [s.word for s in lex.suggest(w.text)]
        # frequent one-edit neighbours hunspell also suggests (in its order), then the other
        # neighbours (most frequent first), then hunspell's other suggestions
        ranked = [h for h in hunspell if h in forms] + forms + hunspell
        ranked = list(dict.fromkeys(ranked))
        ranked = ranked[: self.options.max_suggestions]
        repairs = [Repair(w.start, w.end, r, round(1.0 - i * 0.1, 2)) for i, r in enumerate(ranked)]
        gap = lex.zipf(near[0], "de") - lex.zipf(w.text, "de")
        confidence = min(0.95, 0.5 + 0.08 * gap)
        return Finding.at(
            text, w.start, w.end,
            category="spelling", severity="minor",
            message=f"unknown word {w.text!r}; did you mean {', '.join(repr(r) for r in ranked)}?",
            confidence=confidence, detector=self.name, repairs=repairs,
            evidence={"dictionary": lex.path.name, "near_frequent": list(near),
                      "zipf": round(lex.zipf(w.text, "de"), 2)},
        )


def _occurrences(text: str, word: str) -> int:
    """How often the word occurs as a whole word."""
    if text.count(word) < 2:  # cheap first: most unknown words occur once
        return text.count(word)
    return len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text))


def _skip_spans(text: str) -> list[tuple[int, int]]:
    """Whitespace-delimited chunks that are URLs, e-mail addresses, handles or #placeholders#."""
    spans = []
    for m in _ADDRESS_HINT.finditer(text):
        s, e = m.start(), m.end()
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        while e < len(text) and not text[e].isspace():
            e += 1
        if not spans or s >= spans[-1][1]:
            spans.append((s, e))
    return spans


def _line_around(text: str, start: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return line_start, len(text) if line_end == -1 else line_end


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of the word's line between sentence stops (cheap; no full segmentation)."""
    line_start, line_end = _line_around(text, start)
    s = max(line_start, *(m.end() for m in _STOP.finditer(text, line_start, start)), line_start)
    m = _STOP.search(text, end, line_end)
    return s, m.start() + 1 if m else line_end


def _is_genitive(lex: GermanLexicon, word: str) -> bool:
    """"Kims", "Optimals": a known or capitalised word plus genitive s."""
    return len(word) > 3 and word.endswith("s") and lex.known(word[:-1])


def _has_inner_capital(word: str) -> bool:
    """ALLCAPS and camel case ("KCNA", "iPhone", "McDonald") are acronyms and brand names."""
    return len(word) > 1 and not word[1:].islower() and not _GENDER.match(word)


def _strip_apostrophe(word: str, start: int) -> list[tuple[str, int]]:
    """"Kim’s" → "Kim"; other apostrophe words ("geht's", "O'Brien") are split at it."""
    parts: list[tuple[str, int]] = []
    pos = start
    for piece in re.split(r"(['’])", word):
        if piece in ("'", "’"):
            pos += 1
            continue
        if piece and not (parts and piece.lower() == "s"):
            parts.append((piece, pos))
        pos += len(piece)
    return parts


@lru_cache(maxsize=200_000)
def _accepted(lex: GermanLexicon, word: str) -> bool:
    """Accepted as German: whole word, gender form, hyphen parts, or compound of known parts."""
    if lex.known(word):
        return True
    g = _GENDER.match(word)
    if g:
        return lex.known(g["base"] + "innen") or lex.known(g["base"] + "in") or lex.compound_known(
            g["base"] + "in")
    if "-" in word:
        return all(len(p) < 3 or _has_inner_capital(p) or _accepted(lex, p) for p in word.split("-"))
    return lex.compound_known(word)
