"""Typography: spacing and punctuation faults, stray symbol runs, mojibake, unbalanced quotes.

Each check is a small pure function over the text that yields findings; the
detector runs the enabled ones. Correct German typography is left alone: gender
colons ("Beobachter:innen"), „…“ quotes, suspended hyphens ("122- und
152-Millimeter-…"), "z. B.", times "12:30", scores "3 : 1", ellipses, dashes " – ".

Example::

    >>> text = "Putin treffen wird ."
    >>> [f.text for f in TypographyDetector().detect(Document("d", text), Segmentation(text))]
    ['wird .']
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator

from qc.detectors.base import Detector, DetectorOptions, register
from qc.model import Document, Finding, Repair, Severity
from qc.segment import Segmentation, iter_paragraphs

SPACES = " \t\u00a0\u202f\u2009"
CLOSING = "“”\"»«’‘)]"


@dataclasses.dataclass
class TypographyOptions(DetectorOptions):
    space_before_punctuation: bool = True
    double_spaces: bool = True
    spaces_inside_quotes: bool = True
    symbol_runs: bool = True
    #: shortest run of stray symbols (arrows, boxes, private-use characters) flagged
    min_symbol_run: int = 2
    #: shortest run of one repeated ASCII symbol ("*****", "=====") flagged
    min_repeat_run: int = 4
    mojibake: bool = True
    #: mojibake garbles every accented word: report it as "major" to reject such copy outright
    mojibake_severity: str = "minor"
    unbalanced_quotes: bool = True


# A space run before . , ; : ! ? after a word, a number or a closing quote/bracket, with
# the mark ending the word: followed by a space, the line end or a closing quote/bracket.
# ".." and "…" (ellipses) and ":)" / ";)" (emoticons) are excluded.
# (Patterns start with a character class, not a lookbehind, so the regex engine can
# skip ahead quickly; the character before a match is checked in Python.)
_SPACE_BEFORE = re.compile(
    rf"(?P<sp>[{SPACES}]+)(?P<p>[.,;:!?])(?![.…])(?=[\s{re.escape(CLOSING.replace(')', ''))}]|$)"
)
_SPACE_MARK_HINT = re.compile(" [.,;:!?]")
_WORD_BEFORE = re.compile(r"\S+$")
_DOUBLE_SPACE = re.compile(r"[ \u00a0]{2,}(?=\S)")
_OPEN_QUOTE_SPACE = re.compile(rf"„(?P<sp>[{SPACES}]+)(?=\S)")
_CLOSE_QUOTE_SPACE = re.compile(rf"(?P<sp>[{SPACES}]+)“(?=[\s.,;:!?)]|$)")
# Arrows, box drawing, blocks, geometric shapes, private use, replacement characters.
_STRAY = "\u2190-\u21ff\u27f0-\u27ff\u2900-\u297f\u2500-\u25ff\ue000-\uf8ff\ufffc\ufffd"
_SYMBOL_RUN = re.compile(rf"[{_STRAY}](?:[ ]?[{_STRAY}])+")
_REPEAT_RUN = re.compile(r"([*#=~_^|<>+-])\1{3,}")
# Two characters typical of UTF-8 read as Latin-1/cp1252: "Ã¤" (ä), "â€ž" („), "Â " (nbsp).
_MOJIBAKE_HINT = re.compile(
    "[ÃÂÅâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_QUOTE_CHARS = re.compile("[„“”»«\"]")


@register
class TypographyDetector(Detector):
    """Spacing and punctuation faults, with exact repairs (delete the space, fix the encoding)."""

    name = "typography"
    Options = TypographyOptions
    examples_flagged = (
        "Putin wird den Präsidenten treffen wird .",
        "Auch der Kreml hat es bestätigt , sagte er.",
        "„Wir wollen den Krieg fortsetzen .“",
        "Wie geht es weiter ?",
        "Der Zug fuhr  langsam nach Norden.",
        "Vorlesen lassen? ↑↑⇑⇑↑↑ | Lesedauer 3 Minuten",
        "Kim auf dem Weg zu GesprÃ¤chen mit Putin",
        "Er sagte: „Wir kommen wieder. Dann ging er.",
        "„ Wir kommen wieder“, sagte er.",
    )
    examples_clean = (
        "Nach Meinung von Beobachter:innen geht es um mehr.",
        "Die 122- und 152-Millimeter-Artilleriegeschosse und die 122-Millimeter-Raketen.",
        "Das berichteten „New York Times“ und „Washington Post“ am Montag (04.09.2023).",
        "Das gilt z. B. für Raketen, d. h. für Munition.",
        "Das Treffen beginnt um 12:30 Uhr; das Spiel endete 3 : 1.",
        "Er zögerte … und ging. Dann – nach einer Pause – sprach er weiter …",
        "Der Zug fuhr am Sonntag ab – bisher ist nichts bekannt.",
        "Danke für die Hilfe :) Bis bald ;)",
        "Er sagte: »Wir kommen wieder.« Dann ging er.",
        "Es war ein 16\" Bildschirm mit 4:3-Format.",
        "Kreml-Sprecher Dmitri Peskow sagte: „Es wird Gespräche geben.“",
    )

    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        o: TypographyOptions = self.options  # type: ignore[assignment]
        text = doc.text
        findings: list[Finding] = []
        if o.space_before_punctuation:
            findings += space_before_punctuation(text)
        if o.spaces_inside_quotes:
            findings += spaces_inside_quotes(text)
        if o.double_spaces:
            taken = [(f.start, f.end) for f in findings]
            findings += [f for f in double_spaces(text)
                         if not any(s < f.end and f.start < e for s, e in taken)]
        if o.symbol_runs:
            findings += symbol_runs(text, o.min_symbol_run, o.min_repeat_run)
        if o.mojibake:
            findings += mojibake(text, o.mojibake_severity)  # type: ignore[arg-type]
        if o.unbalanced_quotes:
            findings += unbalanced_quotes(text)
        return findings


def _typo(text: str, start: int, end: int, message: str, repairs: list[Repair], confidence: float,
          **evidence: object) -> Finding:
    return Finding.at(text, start, end, category="typography", severity="minor", message=message,
                      confidence=confidence, detector=TypographyDetector.name, repairs=repairs,
                      evidence=dict(evidence))


def space_before_punctuation(text: str) -> Iterator[Finding]:
    """ "bestätigt ." → "bestätigt."; the span starts at the word before the space.

    Sports scores and ratios with spaces on both sides ("3 : 1") are left alone.
    """
    if not (_SPACE_MARK_HINT.search(text) or any(sp in text for sp in SPACES[1:])):
        return  # cheap test first (a literal-prefix regex is fast): most texts have no such fault
    for m in _SPACE_BEFORE.finditer(text):
        sp_start, sp_end, mark = m.start("sp"), m.end("sp"), m.group("p")
        before = text[sp_start - 1] if sp_start else "\n"
        if not (before.isalnum() or before == "_" or before in CLOSING):
            continue  # after a dash, an opening bracket or at the line start
        if mark == ":" and text[sp_start - 1].isdigit() and re.match(r"[ \u00a0]?\d", text[m.end():]):
            continue  # "3 : 1"
        line_start = text.rfind("\n", 0, sp_start) + 1
        w = _WORD_BEFORE.search(text, line_start, sp_start)
        start = w.start() if w else sp_start
        yield _typo(text, start, m.end(), f"space before {mark!r}", [Repair(sp_start, sp_end, "")], 0.9,
                    rule="space-before-punctuation")


def spaces_inside_quotes(text: str) -> Iterator[Finding]:
    """ "„ Wir" → "„Wir"; "kommen “" → "kommen“" (German quotes only: „ opens, “ closes)."""
    if "„" not in text:
        return  # both checks need a German opening quote
    for m in _OPEN_QUOTE_SPACE.finditer(text):
        end = m.end() + len(re.match(r"\S*", text[m.end():]).group())  # type: ignore[union-attr]
        yield _typo(text, m.start(), end, "space after opening quote „",
                    [Repair(m.start("sp"), m.end("sp"), "")], 0.85, rule="space-inside-quotes")
    for m in _CLOSE_QUOTE_SPACE.finditer(text):
        if m.start() == 0 or text[m.start() - 1].isspace():
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start : m.start()]
        if before.count("„") <= before.count("“"):
            continue  # no „ open: this “ may be an English-style opening quote
        w = _WORD_BEFORE.search(text, line_start, m.start())
        start = w.start() if w else m.start()
        yield _typo(text, start, m.end(), "space before closing quote “",
                    [Repair(m.start("sp"), m.end("sp"), "")], 0.85, rule="space-inside-quotes")


def double_spaces(text: str) -> Iterator[Finding]:
    """Two or more spaces between words inside a line → one space."""
    if "  " not in text and "\u00a0" not in text:
        return
    for m in _DOUBLE_SPACE.finditer(text):
        if m.start() == 0 or text[m.start() - 1].isspace():
            continue  # indentation, not a gap between words
        yield _typo(text, m.start(), m.end(), "several spaces between words",
                    [Repair(m.start(), m.end(), " ")], 0.8, rule="double-space")


def symbol_runs(text: str, min_run: int = 2, min_repeat: int = 4) -> Iterator[Finding]:
    """Runs of arrows/boxes/private-use characters ("↑↑⇑⇑↑↑") or one repeated symbol ("*****")."""
    runs = [m for m in _SYMBOL_RUN.finditer(text) if len(m.group().replace(" ", "")) >= min_run]
    runs += [m for m in _REPEAT_RUN.finditer(text) if len(m.group()) >= min_repeat]
    for m in runs:
        start, end = m.start(), m.end()
        # take one neighbouring space with the run so no double space is left behind
        if start > 0 and text[start - 1] == " ":
            rs, re_ = start - 1, end
        elif end < len(text) and text[end] == " ":
            rs, re_ = start, end + 1
        else:
            rs, re_ = start, end
        yield _typo(text, start, end, f"stray symbols {m.group()!r}", [Repair(rs, re_, "")], 0.8,
                    rule="symbol-run")


def mojibake(text: str, severity: Severity = "minor") -> Iterator[Finding]:
    """UTF-8 text decoded as Latin-1/cp1252 ("GesprÃ¤che" → "Gespräche"), fixed with ftfy per word."""
    if not _MOJIBAKE_HINT.search(text):
        return
    import ftfy  # only for the rare text that shows the symptoms

    pos = 0
    for line in text.splitlines(keepends=True):
        if _MOJIBAKE_HINT.search(line):
            fixed = ftfy.fix_encoding(line)
            if fixed != line:
                for s, e, repl in _word_diffs(line, fixed):
                    yield Finding.at(
                        text, pos + s, pos + e, category="mojibake", severity=severity,
                        message=f"wrongly decoded text (mojibake): {line[s:e]!r} → {repl!r}",
                        confidence=0.95, detector=TypographyDetector.name,
                        repairs=[Repair(pos + s, pos + e, repl)], evidence={"rule": "mojibake"},
                    )
        pos += len(line)


def _word_diffs(old: str, new: str) -> list[tuple[int, int, str]]:
    """Changed stretches of ``old``, widened to whole words, with their replacement from ``new``."""
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    equal = [(i1, i2, j1) for tag, i1, i2, j1, _ in ops if tag == "equal"]

    def to_new(i: int) -> int | None:
        for a, b, j in equal:
            if a <= i <= b:
                return j + (i - a)
        return None

    spans: list[list[int]] = []
    for tag, i1, i2, _j1, _j2 in ops:
        if tag == "equal":
            continue
        s, e = i1, i2
        while s > 0 and not old[s - 1].isspace():
            s -= 1
        while e < len(old) and not old[e].isspace():
            e += 1
        if spans and s <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], e)
        else:
            spans.append([s, e])
    out = []
    for s, e in spans:
        ns, ne = to_new(s), to_new(e)
        if ns is None or ne is None:  # a boundary inside a change: fall back to the whole line
            return [(0, len(old.rstrip("\r\n")), new.rstrip("\r\n"))]
        out.append((s, e, new[ns:ne]))
    return out


_PAIRS = {"„": "“”\"", "“": "”", "»": "«", "«": "»", '"': '"'}


def unbalanced_quotes(text: str) -> Iterator[Finding]:
    """Quotation marks opened and not closed (or closed and not opened) within a paragraph.

    „…“, „…”, „…", “…”, »…«, «…» and "…" pair up. A paragraph is a block of lines up
    to a blank line. An open quote at the end of a paragraph whose next paragraph
    opens again is a quotation running over paragraphs (journalistic convention) and
    is left alone; so are inch marks (16").
    """
    if not _QUOTE_CHARS.search(text):
        return
    # per paragraph (lines up to a blank line): MT output may put each sentence of a
    # quotation on its own line
    lines = [(p.start, p.text) for p in iter_paragraphs(text)]
    for idx, (pos, line) in enumerate(lines):
        if not _QUOTE_CHARS.search(line):
            continue
        stack: list[tuple[str, int]] = []
        stray: list[int] = []
        for m in _QUOTE_CHARS.finditer(line):
            q, i = m.group(), m.start()
            if q == '"' and i > 0 and line[i - 1].isdigit():
                continue  # inch mark
            if stack and q in _PAIRS[stack[-1][0]]:
                stack.pop()
            elif q in "„»«\"" or (q == "“" and not (stack and stack[-1][0] == "„")):
                stack.append((q, i))
            else:
                stray.append(i)  # ” with nothing open
        if stack:
            nxt = lines[idx + 1][1].lstrip() if idx + 1 < len(lines) else ""
            if stack[-1][0] in "„»“\"" and nxt[:1] == stack[-1][0]:
                stack = stack[:-1]  # quotation continued in the next paragraph
        for i in stray + [i for _, i in stack]:
            end = i + 1 + len(re.match(r"\w*", line[i + 1 :]).group())  # type: ignore[union-attr]
            yield _typo(text, pos + i, pos + end, f"unbalanced quotation mark {line[i]!r}", [], 0.5,
                        rule="unbalanced-quotes")
