"""Foreign-language lines, source tags, URL slugs and untranslated English phrases.

What it reports, in order of checking each non-blank line:

* a whole line in another language ("© Riproduzione riservata", an English
  sentence left as its own paragraph) — ``foreign-language``, major, delete;
* a foreign footer phrase on a short line ("All rights reserved", "Leggi anche");
* an agency/site tag of a foreign source, a whole line or trailing a paragraph
  ("(Uniononline/L)", "(ANSA)"); German wire credits ("(dpa/AFP)") are left to
  the attribution detector;
* a URL slug whose words are another language
  ("kim-jong-un-to-travel-to-russia-amid-…"); slugs in German words are category
  keys and left to the metadata detector;
* a run of foreign words inside a German line, found word by word so that missing
  punctuation does not hide it — ``untranslated``, major for a sentence (six or more
  foreign words, not in quotes), minor for a shorter or quoted fragment, no repair
  (it needs translating, not deleting); title-case runs are names, see below;
* a run of capitalised English words inside a German sentence ("beim Eastern
  Economic Forum") — ``untranslated``, minor; names German copy keeps in English
  ("Associated Press", "New York Times") are listed in ``qc/data/foreign.toml``.

Language decisions come from :mod:`qc.lang.evidence` (pycld2 + wordfreq).

Example::

    >>> from qc.pipeline import check_text
    >>> [f.category for f in check_text("Ein Satz auf Deutsch.\\n\\n© Riproduzione riservata").findings]
    ['foreign-language']
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from qc.detectors.base import Detector, DetectorOptions, register
from qc.lang.data import load_data
from qc.lang.evidence import foreign_runs, foreign_verdict, lean, word_zipfs
from qc.lang.shapes import TRAILING_TAG, agency_tag_parts, is_slug, slug_words
from qc.model import SEVERITY_RANK, Document, Finding, Repair
from qc.segment import Segmentation, Span

LANG_NAMES = {"en": "English", "it": "Italian", "fr": "French", "es": "Spanish", "pt": "Portuguese",
              "nl": "Dutch", "pl": "Polish", "ru": "Russian", "la": "Latin"}

_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
# the rest of a sentence after a foreign run: up to and including its final punctuation
_SENTENCE_TAIL = re.compile(r"[^.!?\n]{0,80}?[.!?]")


def _lean_is_not_german(word: str) -> bool:
    token = word.strip(".,;:!?\"'„“”«»()")
    return not token or lean(token) != "de"


# runs of capitalised ASCII words (English words carry no umlauts): "Eastern Economic Forum"
_CAP_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ ](?:of|and|for|the|[A-Z][a-z]+))*[ ][A-Z][a-z]+\b")


@dataclasses.dataclass
class ForeignOptions(DetectorOptions):
    #: mean Zipf advantage of the other language over German a text needs
    margin: float = 1.0
    #: words shorter than this carry no evidence ("die", "war", "hat" exist in English too)
    min_word_len: int = 3
    #: share of words that must lean to the other language
    min_lean: float = 0.5
    #: fewest evidence words for a whole line (shorter lines need a footer phrase or shape)
    min_words_line: int = 2
    #: fewest foreign-leaning words for a fragment inside a German line (reported minor) ...
    min_words_sentence: int = 4
    #: ... and for a major finding (an untranslated sentence); quoted fragments stay minor
    major_min_words: int = 6
    #: longest line, in words, for the footer-phrase rule
    footer_max_words: int = 12
    #: report runs of English words inside German sentences as `untranslated`
    untranslated_phrases: bool = True
    #: fewest clearly English words in such a run
    phrase_min_english: int = 2
    #: Zipf advantage of English over German for a word to count as clearly English
    phrase_word_margin: float = 1.2
    #: severity of untranslated phrases: "info" by default, because human translators keep
    #: many English names ("World Food Programme") and the words alone cannot tell them apart;
    #: set "minor" to count them (about 1 finding per 100 segments of human references)
    phrase_severity: str = "info"
    #: a TOML file extending qc/data/foreign.toml
    extra_file: str | None = None

    def __post_init__(self) -> None:
        if self.phrase_severity not in SEVERITY_RANK:
            known = sorted(SEVERITY_RANK)
            raise ValueError(f"phrase_severity must be one of {known}, not {self.phrase_severity!r}")


@cache
def _lexicon(
    extra_file: str | None,
) -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...], frozenset[str]]:
    data = load_data("foreign", extra_file)
    german = load_data("attribution")["agencies"]["names"]
    return (
        tuple(p.lower() for p in data["footers"]["phrases"]),
        frozenset(a.lower() for a in data["agencies"]["foreign"]),
        tuple(sorted(data["names"]["keep"], key=len, reverse=True)),
        frozenset(a.lower() for a in german),
    )


@cache
def _keep_pattern(keep_names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in keep_names) + r")\b")


@register
class ForeignLanguageDetector(Detector):
    name = "foreign"
    Options = ForeignOptions
    examples_flagged = (
        "Kim reist nach Russland.\n\n© Riproduzione riservata",
        "Kim reist nach Russland.\n\n(Uniononline/L)",
        "Kim reist nach Russland\n\nkim-jong-un-to-travel-to-russia-amid-speculation\n\nText folgt hier.",
        "Der Text beginnt hier.\n\nThe meeting is expected to take place next week in Vladivostok.",
        "Der Gipfel ist vorbei.\n\nAll rights reserved.",
    )
    examples_clean = (
        "Korrespondenten der Associated Press berichteten, dass sie einen Zug gesehen haben.",
        "Das berichteten „New York Times“ und „Washington Post“ am Montag (04.09.2023).",
        "Liefert Kim Putin Waffen?",
        "Kim in Begleitung von Militärs",
        "Der Text endet hier. (dpa/AFP)",
        "Das Team traf sich zum Meeting im Homeoffice, die Show war live online.",
    )

    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        o: ForeignOptions = self.options  # type: ignore[assignment]
        text = doc.text
        footers, foreign_agencies, keep_names, german_agencies = _lexicon(o.extra_file)
        out: list[Finding] = []
        for line in seg.content_lines:
            found = self._whole_line(text, line, o, footers, foreign_agencies, german_agencies)
            if found is not None:
                out.append(found)
                continue
            tag = self._trailing_tag(text, line, foreign_agencies, german_agencies)
            if tag is not None:
                out.append(tag)
            sentences = self._foreign_fragments(text, line, o)
            out.extend(sentences)
            if o.untranslated_phrases:
                out.extend(self._english_phrases(text, line, o, keep_names, sentences))
        return out

    # -- whole lines -------------------------------------------------------------------------------

    def _whole_line(self, text: str, line: Span, o: ForeignOptions, footers: tuple[str, ...],
                    foreign_agencies: frozenset[str], german_agencies: frozenset[str]) -> Finding | None:
        s = line.text
        parts = agency_tag_parts(s)
        if parts is not None:
            if self._is_foreign_tag(parts, foreign_agencies, german_agencies):
                return self._delete(text, line.start, line.end, 0.9, "tag",
                                    f"agency/site tag of the source ‘{s}’ left in the text", {"tag": parts})
            return None
        if is_slug(s):
            verdict = foreign_verdict(slug_words(s), margin=o.margin, min_len=o.min_word_len,
                                      min_words=o.min_words_line, min_lean=o.min_lean)
            if verdict.is_foreign:
                return self._delete(text, line.start, line.end, verdict.confidence, "slug",
                                    f"URL slug of the source article ({self._lang(verdict.lang)})",
                                    verdict.evidence)
            return None
        lower = s.lower()
        if len(s.split()) <= o.footer_max_words:
            for phrase in footers:
                if phrase in lower:
                    return self._delete(text, line.start, line.end, 0.9, "footer",
                                        f"foreign-language footer ‘{phrase}’", {"phrase": phrase})
        verdict = foreign_verdict(s, margin=o.margin, min_len=o.min_word_len,
                                  min_words=o.min_words_line, min_lean=o.min_lean)
        if verdict.is_foreign:
            return self._delete(text, line.start, line.end, verdict.confidence, "line",
                                f"line in {self._lang(verdict.lang)}, not German", verdict.evidence)
        return None

    @staticmethod
    def _is_foreign_tag(parts: list[str], foreign_agencies: frozenset[str],
                        german_agencies: frozenset[str]) -> bool:
        if parts[0].lower() in german_agencies:
            return False  # "(dpa/lni)": a German wire credit, see the attribution detector
        if any(p.lower() in foreign_agencies for p in parts):
            return True
        if len(parts) == 1 and " " in parts[0] and foreign_verdict(parts[0], min_words=1).is_foreign:
            return True  # "(Agenzia Nova)": the tag's words are another language
        # "(Site/Initials)": a site or agency name and an author's initials
        return len(parts) >= 2 and all(p.replace(".", "").isalpha() for p in parts) and len(parts[-1]) <= 4

    def _trailing_tag(self, text: str, line: Span, foreign_agencies: frozenset[str],
                      german_agencies: frozenset[str]) -> Finding | None:
        m = TRAILING_TAG.search(line.text)
        if not m:
            return None
        parts = [p.strip() for p in m.group(1).split("/")]
        if not self._is_foreign_tag(parts, foreign_agencies, german_agencies):
            return None
        start, end = line.start + m.start(), line.start + m.end()
        return self._delete(text, start, end, 0.85, "tag",
                            f"agency/site tag of the source ‘{m.group(0).strip()}’ left in the text",
                            {"tag": parts})

    # -- inside German lines ------------------------------------------------------------------------

    def _foreign_fragments(self, text: str, line: Span, o: ForeignOptions) -> list[Finding]:
        """Runs of foreign words inside a German line: an untranslated sentence or fragment."""
        out = []
        runs = foreign_runs(text, line.start, line.end, min_leaning=o.min_words_sentence, margin=o.margin)
        for run in runs:
            words = re.findall(r"[^\W\d_]{2,}", text[run.start : run.end])  # "Women's": the "s" goes
            if all(w[0].isupper() or w in ("of", "and", "for", "the", "an", "in", "on") for w in words):
                continue  # a title-case name ("Centers for Disease Control"): the phrase rule's business
            end = run.end
            tail = _SENTENCE_TAIL.match(text, end, line.end)
            if tail is not None and all(_lean_is_not_german(w) for w in tail.group().split()):
                end = tail.end()  # take the rest of the sentence and its full stop
            verdict = foreign_verdict(text[run.start : end], margin=o.margin, min_len=o.min_word_len,
                                      min_words=3, min_lean=o.min_lean)
            if not verdict.is_foreign:
                continue
            quoted = text[run.start - 1 : run.start] in "„“\"«»‚'" and run.start > line.start
            major = run.leaning >= o.major_min_words and not quoted
            out.append(Finding.at(
                text, run.start, end, category="untranslated", severity="major" if major else "minor",
                message=f"{'sentence' if major else 'fragment'} left in {self._lang(verdict.lang)}: "
                "translate it",
                confidence=verdict.confidence * (1.0 if major else 0.85), detector=self.name,
                evidence={"rule": "fragment", "leaning_words": run.leaning, **verdict.evidence}))
        return out

    def _english_phrases(self, text: str, line: Span, o: ForeignOptions, keep_names: tuple[str, ...],
                         skip: list[Finding]) -> list[Finding]:
        s = line.text
        if sum(self._clearly_english(w, o) for w in _CAPITALISED.findall(s)) < o.phrase_min_english:
            return []  # the common case: German capitalised nouns and names only
        # mask names German keeps in English; same length keeps the offsets
        s = _keep_pattern(keep_names).sub(lambda m: "#" * len(m.group()), s)
        out = []
        for m in _CAP_RUN.finditer(s):
            words = [(w.start(), w.end(), w.group()) for w in re.finditer(r"[A-Za-z]+", m.group())]
            english = [self._clearly_english(w, o) for _, _, w in words]
            if sum(english) < o.phrase_min_english:
                continue
            # trim leading/trailing words that are not English (a German noun or sentence start)
            lo, hi = 0, len(words) - 1
            while lo < hi and not english[lo] and self._german_leaning(words[lo][2]):
                lo += 1
            while hi > lo and not english[hi] and self._german_leaning(words[hi][2]):
                hi -= 1
            if sum(english[lo : hi + 1]) < o.phrase_min_english:
                continue
            start = line.start + m.start() + words[lo][0]
            end = line.start + m.start() + words[hi][1]
            if any(f.start <= start and end <= f.end for f in skip):
                continue
            out.append(Finding.at(
                text, start, end, category="untranslated", severity=o.phrase_severity,  # type: ignore[arg-type]
                message=f"English phrase ‘{text[start:end]}’ left untranslated in a German sentence",
                confidence=0.6, detector=self.name,
                evidence={"rule": "phrase", "english_words": [w for (_, _, w), e in zip(words, english,
                                                                                      strict=True) if e]}))
        return out

    @staticmethod
    def _clearly_english(word: str, o: ForeignOptions) -> bool:
        if len(word) < o.min_word_len + 1:
            return False
        z = word_zipfs(word.lower())
        return z[1] >= 3.5 and z[1] - z[0] >= o.phrase_word_margin

    @staticmethod
    def _german_leaning(word: str) -> bool:
        # "Die" at a sentence start, a German noun after the name; "Forum" (both) stays
        z = word_zipfs(word.lower())
        return z[0] - z[1] >= 0.5

    # -- helpers ------------------------------------------------------------------------------------

    @staticmethod
    def _lang(code: str | None) -> str:
        return LANG_NAMES.get(code or "", code or "another language")

    def _delete(self, text: str, start: int, end: int, confidence: float, rule: str, message: str,
                evidence: dict[str, object]) -> Finding:
        return Finding.at(
            text, start, end, category="foreign-language", severity="major", message=message,
            confidence=confidence, detector=self.name, repairs=[Repair(start, end, "")],
            evidence={"rule": rule, **evidence},
        )
