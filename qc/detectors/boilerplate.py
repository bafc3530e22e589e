"""Web page chrome left in the body: ad markers, teasers, widgets, other pages' bylines.

Rules, each over whole non-blank lines (the headline, the first line, is exempt
from the structural rule):

* **marker** — the line is exactly a known marker ("Anzeige", "Artikel teilen");
* **teaser** — the line starts with a teaser/credit prefix ("Lesetipp:", "Im Video:");
* **widget** — a short line contains a widget phrase ("Vorlesen lassen", "Lesedauer");
* **share bar** — the line consists only of share/subscribe words ("Facebook Twitter E-Mail");
* **structure** — unseen chrome: a short line with separators or arrow runs
  ("Gustav Knudsen | Reflexivum") without a finite verb or sentence punctuation.

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
from dataclasses import dataclass
from functools import cache

from qc.detectors.base import Detector, DetectorOptions, register
from qc.lang.data import load_data
from qc.lang.evidence import word_zipfs
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


@dataclass(frozen=True)
class _Lexicon:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    widget_phrases: tuple[str, ...]
    max_words: int
    widget_max_words: int
    chrome_words: frozenset[str]
    separators: frozenset[str]
    structure_max_words: int
    finite_verbs: frozenset[str]


@cache
def _lexicon(extra_file: str | None) -> _Lexicon:
    data = load_data("boilerplate", extra_file)
    lines, structure = data["lines"], data["structure"]
    return _Lexicon(
        exact=frozenset(_norm(x) for x in lines["exact"]),
        prefixes=tuple(sorted((p.lower() for p in lines["prefixes"]), key=len, reverse=True)),
        widget_phrases=tuple(p.lower() for p in lines["widget_phrases"]),
        max_words=int(lines["max_words"]),
        widget_max_words=int(lines["widget_max_words"]),
        chrome_words=frozenset(w.lower() for w in structure["chrome_words"]),
        separators=frozenset(structure["separators"]),
        structure_max_words=int(structure["max_words"]),
        finite_verbs=frozenset(w.lower() for w in structure["finite_verbs"]),
    )


def _norm(s: str) -> str:
    return " ".join(s.strip(_EDGE_PUNCT).lower().split())


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
        o: BoilerplateOptions = self.options  # type: ignore[assignment]
        lex = _lexicon(o.extra_file)
        max_words = o.max_words or lex.max_words
        struct_max = o.structure_max_words or lex.structure_max_words
        lines = seg.content_lines
        out: list[Finding] = []
        for i, line in enumerate(lines):
            hit = self._classify(line.text, lex, max_words, struct_max if (o.structural and i > 0) else 0)
            if hit is None:
                continue
            rule, message, confidence = hit
            edge = i == 0 or i >= len(lines) - 2  # chrome gathers at the top and bottom
            out.append(self._delete(doc.text, line, rule, message, min(0.99, confidence + 0.03 * edge),
                                    {"line_index": i}))
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
            for p in lex.prefixes:
                if lower.startswith(p):
                    return "teaser", f"teaser or credit ‘{s[: len(p) + 1].strip()}…’ for other content", 0.9
            short = len(words) <= lex.widget_max_words or any(c in lex.separators for c in s)
            for p in lex.widget_phrases if short else ():
                if p in lower:
                    return "widget", f"page widget (‘{p}’)", 0.9
        if words and all(w.lower() in lex.chrome_words for w in words):
            return "share-bar", "share/subscribe buttons", 0.9
        if struct_max and len(words) <= struct_max and self._structural_chrome(s, words, lex):
            return "structure", "short line with separators and no verb: byline or widget of a page", 0.75
        return None

    @staticmethod
    def _structural_chrome(s: str, words: list[str], lex: _Lexicon) -> bool:
        seps = sum(c in lex.separators for c in s)
        if not seps or not words:
            return False
        if s.rstrip().endswith((".", "!", "?", ":")) and seps < 2:
            return False  # a sentence (or a headline question) that happens to hold a separator
        for w in words[1:]:
            lw = w.lower()
            if lw in lex.finite_verbs:
                return False
            # lower-case words ending like a finite verb ("lässt", "fuhr" aside): a sentence
            if w[0].islower() and len(w) > 3 and lw.endswith(("t", "te", "ten")) and word_zipfs(lw)[0] >= 3.0:
                return False
        return True

    def _delete(self, text: str, line: Span, rule: str, message: str, confidence: float,
                evidence: dict[str, object]) -> Finding:
        return Finding.at(
            text, line.start, line.end, category="boilerplate", severity="major", message=message,
            confidence=confidence, detector=self.name, repairs=[Repair(line.start, line.end, "")],
            evidence={"rule": rule, **evidence},
        )
