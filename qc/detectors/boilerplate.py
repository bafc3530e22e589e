"""Web page chrome left in the body: ad markers, teasers, widgets, other pages' bylines.

Rules, each over whole non-blank lines (the headline, the first line, is exempt
from the structural rule):

* **marker** — the line is exactly a known marker ("Anzeige", "Artikel teilen");
* **teaser** — the line starts with a teaser/credit prefix ("Lesetipp:", "Im Video:");
* **widget** — a short line contains a widget phrase ("Vorlesen lassen", "Lesedauer");
* **share bar** — the line consists only of share/subscribe words ("Facebook Twitter E-Mail");
* **label** — a short verb-less line of navigation words ("Weitere Videos", "Kommentare (12)");
* **call to action** — a short "Verb Sie …" line about the page ("Folgen Sie uns auf Twitter");
* **page vocabulary** — a short verb-less line with web-page words ("Empfehlungen der
  Redaktion", "Datenschutzhinweis") whose other words do not occur elsewhere in the
  article (subheadings share the article's topic words);
* **pattern** — a line pattern from the data file ("Seite 1 von 3");
* **structure** — unseen chrome: a short line with separators or arrow runs
  ("Gustav Knudsen | Reflexivum") without a finite verb or sentence punctuation.

Lines that are in another language are left to the foreign-language detector.
Phrase lists live in ``qc/data/boilerplate.toml`` (documented there, extendable with
``extra_file``). Every finding is ``boilerplate``, major, repaired by deleting the line.

Example::

    >>> from qc.pipeline import check_text
    >>> [f.text for f in check_text("Kim reist.\\n\\nAnzeige\\n\\nEr kam an.").findings]
    ['Anzeige']
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from qc.detectors.base import Detector, DetectorOptions, register
from qc.lang.data import load_data
from qc.lang.evidence import foreign_verdict, word_zipfs
from qc.model import Document, Finding, Repair
from qc.segment import Segmentation, Span

_EDGE_PUNCT = " \t\u00a0-–—:.,;!?*•·|\"'„“”»«›‹()[]"
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@dataclasses.dataclass
class BoilerplateOptions(DetectorOptions):
    #: longest line (words) for the widget-phrase and teaser-prefix rules
    max_words: int | None = None
    #: longest line (words) for the structural rule (separators, no finite verb)
    structure_max_words: int | None = None
    #: use the structural rule for unseen chrome
    structural: bool = True
    #: a TOML file extending qc/data/boilerplate.toml
    extra_file: str | None = None


@dataclass(frozen=True, slots=True)
class ChromeLine:
    """A line of page chrome: its index among the non-blank lines, span, rule and message."""

    index: int
    span: Span
    rule: str
    message: str
    confidence: float


def chrome_lines(seg: Segmentation, options: BoilerplateOptions | None = None) -> list[ChromeLine]:
    """The lines of page chrome in ``seg``'s text, as the boilerplate detector with ``options``
    (default: the shipped rules) reports them (:meth:`BoilerplateDetector.chrome_lines`: computed
    once per text and options; the cross-lingual detector leaves them out of the alignment).

    >>> [c.span.text for c in chrome_lines(Segmentation("Kim reist.\\n\\nAnzeige\\n\\nEr kam an."))]
    ['Anzeige']
    """
    return BoilerplateDetector(options or BoilerplateOptions()).chrome_lines(seg)


@dataclass(frozen=True)
class _Lexicon:
    exact: frozenset[str]
    prefixes: re.Pattern[str]
    widget_phrases: re.Pattern[str]
    max_words: int
    widget_max_words: int
    chrome_words: frozenset[str]
    cta_words: frozenset[str]
    chrome_nouns: frozenset[str]
    chrome_fillers: frozenset[str]
    patterns: re.Pattern[str]
    page_vocabulary: frozenset[str]
    page_stems: re.Pattern[str]
    max_topic_overlap: float
    separators: frozenset[str]
    structure_max_words: int
    finite_verbs: frozenset[str]


@cache
def _lexicon(extra_file: str | None) -> _Lexicon:
    data = load_data("boilerplate", extra_file)
    lines, structure = data["lines"], data["structure"]
    return _Lexicon(
        exact=frozenset(_norm(x) for x in lines["exact"]),
        prefixes=_alternation(lines["prefixes"]),
        widget_phrases=_alternation(lines["widget_phrases"]),
        max_words=int(lines["max_words"]),
        widget_max_words=int(lines["widget_max_words"]),
        chrome_words=frozenset(w.lower() for w in structure["chrome_words"]),
        cta_words=frozenset(w.lower() for w in structure["cta_words"]),
        chrome_nouns=frozenset(w.lower() for w in structure["chrome_nouns"]),
        chrome_fillers=frozenset(w.lower() for w in structure["chrome_fillers"]),
        patterns=re.compile("|".join(f"(?:{p})" for p in lines["patterns"]), re.IGNORECASE),
        page_vocabulary=frozenset(w.lower() for w in structure["page_vocabulary"]),
        # long enough to be recognised inside compounds ("Datenschutzhinweis", "Plus-Abo" via hyphen)
        page_stems=re.compile(
            "|".join(rf"^{re.escape(w)}|{re.escape(w)}$" for w in structure["page_vocabulary"] if len(w) >= 6)
        ),
        max_topic_overlap=float(structure["max_topic_overlap"]),
        separators=frozenset(structure["separators"]),
        structure_max_words=int(structure["max_words"]),
        finite_verbs=frozenset(w.lower() for w in structure["finite_verbs"]),
    )


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    """One regex for a phrase list (longest first), matched against lower-cased lines."""
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in ordered))


def _article_vocabulary(text: str) -> Counter[str]:
    """How often each lower-cased word occurs in the article: the topic a subheading shares."""
    return Counter(_WORD.findall(text.lower()))


def _ends_sentence(s: str, marks: str = ".!?") -> bool:
    """Ends with sentence punctuation, closing quotes aside: 'Vielen Dank!“' is a sentence."""
    return s.rstrip().rstrip("\"'“”»«›‹)").endswith(tuple(marks))


def _norm(s: str) -> str:
    """Lower-cased, edge punctuation and counters removed: "Kommentare (12)" -> "kommentare"."""
    s = re.sub(r"\(\d+\)|\d+", " ", s)
    return " ".join(s.strip(_EDGE_PUNCT).lower().split()).strip(_EDGE_PUNCT)


@register
class BoilerplateDetector(Detector):
    name = "boilerplate"
    Options = BoilerplateOptions
    examples_flagged = (
        "Kim reist nach Russland.\n\nAnzeige\n\nDer Zug fährt langsam.",
        "Titel\n\nVorlesen lassen? ↑↑⇑⇑↑↑ | Lesedauer des Artikels: ca. 3 Minuten -\n\nText.",
        "Titel\n\nLesetipp: Bislang knapp 200 Spanier aus dem Libanon evakuiert\n\nText.",
        "Titel\n\nIm Video: Nordkorea lässt U-Boot zu Wasser\n\nText.",
        "Titel\n\nText des Artikels.\nMaria Schmidt | Meinung\n\nMehr Text.",
        "Titel\n\nText des Artikels.\n\nFacebook Twitter WhatsApp E-Mail",
        "Titel\n\nText des Artikels.\n\nDas könnte Sie auch interessieren",
    )
    examples_clean = (
        "Titel\n\nLiefert Kim Putin Waffen?\n\nDer Zug fährt langsam.",
        "Titel\n\nKim in Begleitung von Militärs\n\nDer Zug fährt langsam.",
        "Titel\n\nDie Anzeige wurde am Montag bei der Polizei erstattet.",
        "Titel\n\nDer Umsatz stieg um 3 Prozent | im Vorjahr waren es 2 Prozent.",
        "Politik | Kim reist nach Russland\n\nDer Zug fährt langsam.",
    )

    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        return [
            self._delete(doc.text, c.span, c.rule, c.message, c.confidence, {"line_index": c.index})
            for c in self.chrome_lines(seg)
        ]

    def chrome_lines(self, seg: Segmentation) -> list[ChromeLine]:
        """The chrome lines of ``seg``'s text, kept on ``seg`` per options so that another
        detector asking with the same options gets them without a second pass."""
        key = ("chrome_lines", repr(self.options))
        got = seg.shared.get(key)
        if got is None:
            got = seg.shared[key] = self._chrome_lines(seg)
        return got  # type: ignore[return-value]

    def _chrome_lines(self, seg: Segmentation) -> list[ChromeLine]:
        o: BoilerplateOptions = self.options  # type: ignore[assignment]
        lex = _lexicon(o.extra_file)
        max_words = o.max_words or lex.max_words
        struct_max = o.structure_max_words or lex.structure_max_words
        lines = seg.content_lines
        longest = max(max_words, struct_max, lex.widget_max_words)
        vocabulary: Counter[str] | None = None  # built on demand: most articles never need it
        out: list[ChromeLine] = []
        for i, line in enumerate(lines):
            if line.text.count(" ") > longest + 5:
                continue  # a paragraph, far longer than any chrome line
            hit = self._classify(line.text, lex, max_words, struct_max if (o.structural and i > 0) else 0)
            if hit is None and o.structural and i > 0 and line.text.count(" ") < 8:
                if vocabulary is None:
                    vocabulary = _article_vocabulary(seg.text)
                hit = self._page_vocabulary(line.text, lex, vocabulary)
            if hit is None:
                continue
            rule, message, confidence = hit
            if rule != "marker" and foreign_verdict(line.text).is_foreign:
                continue  # "© Riproduzione riservata": the foreign-language detector reports it
            edge = i == 0 or i >= len(lines) - 2  # chrome gathers at the top and bottom
            out.append(ChromeLine(i, line, rule, message, min(0.99, confidence + 0.03 * edge)))
        return out

    def _classify(
        self, s: str, lex: _Lexicon, max_words: int, struct_max: int
    ) -> tuple[str, str, float] | None:
        norm = _norm(s)
        if not norm:
            # a line of symbols only (arrows, bullets) is chrome if it has separators
            if any(c in lex.separators for c in s):
                return "structure", "a line of widget symbols", 0.8
            return None
        if norm in lex.exact:
            return "marker", f"page marker ‘{s.strip()}’", 0.95
        words = _WORD.findall(s)
        lower = s.lower().lstrip(_EDGE_PUNCT)
        if len(words) <= max_words:
            if lex.patterns.search(s):
                return "pattern", "page chrome (line pattern)", 0.85
            m = lex.prefixes.match(lower)
            if m:
                shown = s[: len(m.group()) + 1].strip()
                return "teaser", f"teaser or credit ‘{shown}…’ for other content", 0.9
            short = len(words) <= lex.widget_max_words or any(c in lex.separators for c in s)
            m = lex.widget_phrases.search(lower) if short else None
            if m:
                return "widget", f"page widget (‘{m.group()}’)", 0.9
        letters = [w for w in words if not w.isdigit()]
        lowered = [w.lower() for w in letters]
        if lowered and all(w in lex.chrome_words for w in lowered):
            return "share-bar", "share/subscribe buttons", 0.9
        if (
            len(lowered) <= 4
            and not _ends_sentence(s)
            and any(w in lex.chrome_nouns for w in lowered)
            and all(w in lex.chrome_nouns or w in lex.chrome_fillers or w in lex.chrome_words
                    for w in lowered)
        ):
            return "label", "navigation or widget label", 0.85
        if len(lowered) <= 4 and not _ends_sentence(s):
            parts = [p for w in lowered for p in w.split("-")]
            if any(p in lex.chrome_nouns for p in parts) and all(
                p in lex.chrome_nouns or p in lex.chrome_fillers or p in lex.chrome_words for p in parts
            ):
                return "label", "navigation or widget label", 0.85
        if 2 <= len(lowered) <= 8 and len(letters) > 1 and letters[1] == "Sie" and letters[0][0].isupper():
            addressed = [part for w in lowered[2:] for part in w.split("-")]
            if not _ends_sentence(s) and any(
                w in lex.cta_words or w.startswith("unser") for w in addressed  # "Folgen Sie unserem …"
            ):
                return "call-to-action", "call to action of the page (‘… Sie …’)", 0.8
        if struct_max and len(letters) <= struct_max and self._structural_chrome(s, letters, lex):
            return "structure", "short line with separators and no verb: byline or widget of a page", 0.75
        return None

    def _page_vocabulary(
        self, s: str, lex: _Lexicon, vocabulary: Counter[str]
    ) -> tuple[str, str, float] | None:
        """A short verb-less line with web-page words that shares no topic with the article."""
        if _ends_sentence(s):
            return None
        letters = [w for w in _WORD.findall(s) if not w.isdigit()]
        if not letters or len(letters) > 6 or self._has_finite_verb(letters, lex):
            return None
        # "Artikel 5 des Vertrags" is a legal article, not the page's
        hits = [w for w in letters if self._is_page_word(w.lower(), lex) and not re.search(rf"{w}\s+\d", s)]
        if not hits:
            return None
        content = [
            w.lower() for w in letters if len(w) >= 4 and w not in hits and word_zipfs(w.lower())[0] < 5.5
        ]
        # the line's own words are counted in the vocabulary once
        shared = sum(1 for w in content if vocabulary[w] > 1)
        if content and shared / len(content) > lex.max_topic_overlap:
            return None
        return "page-vocabulary", f"web-page label (‘{hits[0]}’) unrelated to the article", 0.75

    @staticmethod
    def _is_page_word(word: str, lex: _Lexicon) -> bool:
        return (
            word in lex.page_vocabulary
            or any(part in lex.page_vocabulary for part in word.split("-"))
            or lex.page_stems.search(word) is not None
        )

    @staticmethod
    def _has_finite_verb(words: list[str], lex: _Lexicon) -> bool:
        for w in words[1:]:
            lw = w.lower()
            if lw in lex.finite_verbs:
                return True
            # present tense 3rd person ("liefert", "lässt"); past forms are listed in the data file
            if w[0].islower() and len(w) > 3 and lw.endswith("t") and word_zipfs(lw)[0] >= 3.0:
                return True
        return False

    @staticmethod
    def _structural_chrome(s: str, words: list[str], lex: _Lexicon) -> bool:
        seps = sum(c in lex.separators for c in s)
        if not seps or not words:
            return False
        if _ends_sentence(s, ".!?:") and seps < 2:
            return False  # a sentence (or a headline question) that happens to hold a separator
        if re.search(r":\s+\w+\s+\w+", s):
            return False  # "Scholz | Macron: Europas Antwort" is a headline with a colon
        # lower-case words ending like a finite verb ("lässt"; "fuhr" slips through): a sentence
        return not BoilerplateDetector._has_finite_verb(words, lex)

    def _delete(self, text: str, line: Span, rule: str, message: str, confidence: float,
                evidence: dict[str, object]) -> Finding:
        return Finding.at(
            text, line.start, line.end, category="boilerplate", severity="major", message=message,
            confidence=confidence, detector=self.name, repairs=[Repair(line.start, line.end, "")],
            evidence={"rule": rule, **evidence},
        )
