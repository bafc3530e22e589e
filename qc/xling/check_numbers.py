"""Numbers check: each number, amount, percentage and date of a source sentence must
appear in its aligned target sentence, in German form.

A source quantity matches a target quantity when their readings share a value
(``1,686`` ~ ``1.686``, ``eight`` ~ ``acht``/``8``, ``Sept.`` ~ ``September``). A
value found only under the English reading (``1,686`` left as is in German text)
is a format slip (minor, with a repair). A value found nowhere is a number error
(major): the finding sits on the unmatched target number when there is one (the
likely corruption), else on the whole target sentence.

Example::

    >>> from qc.xling.bitext import build_bitext
    >>> bt = build_bitext("58 people died.", "85 Menschen starben.", "en")
    >>> [(f.text, f.category) for f in check_numbers(bt, "xling")]
    [('85', 'number')]
"""

from __future__ import annotations

import re
from typing import Final

from qc.model import Finding, Repair
from qc.xling.bitext import Bitext
from qc.xling.numbers import Quantity, german_form


def _matches(q: Quantity, cands: list[Quantity]) -> Quantity | None:
    """The first candidate with a value of ``q``; a weekday pairs only with a weekday
    (Tuesday is 2, as is a month or a count, but renders none of them)."""
    for c in cands:
        if q.values & c.values and (q.kind == "weekday") == (c.kind == "weekday"):
            return c
    return None


def check_numbers(bt: Bitext, detector: str, digits_shortcut: bool = True) -> list[Finding]:
    """Findings on the numbers of every aligned pair.

    ``digits_shortcut``: skip a link whose source numbers all pair with target numbers in
    digits (:func:`_all_matched`) without reading the target's number words; the findings
    are the same either way (False is for tests that show it).
    """
    findings: list[Finding] = []
    text = bt.target
    for k, link in enumerate(bt.links):
        if not link.src or not link.tgt:
            continue  # omissions and additions are reported by their own check
        source_quantities = (bt.src[link.src[0]].quantities if len(link.src) == 1
                             else [q for i in link.src for q in bt.src[i].quantities])
        if not source_quantities:
            continue  # (the usual case: the target's numbers are then never read)
        if digits_shortcut and _all_matched(
            source_quantities, [q for j in link.tgt for q in bt.tgt[j].digit_quantities]
        ):
            continue  # every source number has a counterpart in digits: number words cannot change that
        targets = [q for j in link.tgt for q in bt.tgt[j].quantities]
        near: list[Quantity] | None = None
        used: set[int] = set()
        missing: list[Quantity] = []
        for q in source_quantities:
            hit = _pair(q, targets, used)
            if hit is not None:
                used.add(id(hit))
                continue
            alt = next((t for t in targets if q.values & t.alt_values and id(t) not in used), None)
            if alt is not None:
                used.add(id(alt))
                findings.append(_format_finding(text, alt, q, bt, link.src, detector))
                continue
            if near is None:
                near = _near(bt, k)
            if _matches(q, near) is None:
                missing.append(q)
        spare = [t for t in targets if id(t) not in used and t.kind in ("number", "month", "weekday")]
        for q in missing:
            same_kind = [t for t in spare if (t.kind == "number") == (q.kind in ("number", "word"))]
            if same_kind:
                t = same_kind.pop(0)
                spare.remove(t)
                findings.append(Finding.at(
                    text, t.start, t.end, category="number", severity="major",
                    confidence=0.9 if q.kind == "number" else 0.75, detector=detector,
                    message=f"“{t.text}” does not match “{q.text}” of the source sentence",
                    evidence={**bt.evidence(link.src), "source_number": q.text},
                    repairs=_number_repair(t, q, bt.source_lang),
                ))
            else:
                s, e = bt.tgt_span(link.tgt)
                findings.append(Finding.at(
                    text, s, e, category="number", severity="major" if q.kind == "number" else "minor",
                    confidence=0.7 if q.kind == "number" else 0.5, detector=detector,
                    message=f"“{q.text}” of the source sentence is missing from the translation",
                    evidence={**bt.evidence(link.src), "source_number": q.text},
                ))
    # the source's number words and formats read by the English rules: a minor finding at most
    return bt.as_hints(findings, "minor")


def _pair(q: Quantity, targets: list[Quantity], used: set[int]) -> Quantity | None:
    """The target quantity ``q`` pairs with by value: the first one not ``used`` yet (a repeated
    number must appear as often); a spelled-out word may share one already used ("both")."""
    hit = _matches(q, [t for t in targets if id(t) not in used])
    return hit if hit is not None or q.kind == "number" else _matches(q, targets)


def _all_matched(source_quantities: list[Quantity], targets: list[Quantity]) -> bool:
    """Whether the matching below pairs every source quantity with a target quantity of the
    same value, using only ``targets`` (the target's numbers in digits).

    Then the full matching, over the digits and the spelled-out numbers, pairs every source
    quantity too, so the link has no finding: a spelled-out number can take the place of a
    digit in the greedy pairing, but it only leaves that digit free for a later source
    quantity, never takes one away (the digits taken with the words are a subset of those
    taken without, quantity by quantity).
    """
    used: set[int] = set()
    for q in source_quantities:
        hit = _pair(q, targets, used)
        if hit is None:
            return False
        used.add(id(hit))
    return True


def _near(bt: Bitext, k: int) -> list[Quantity]:
    """Numbers of the neighbouring target sentences that their own source sentences lack.

    Neighbours absorb small alignment errors (a number moved across a sentence
    boundary), but only numbers their own source sentences do not account for.
    """
    near: list[Quantity] = []
    for x in (k - 1, k + 1):
        if 0 <= x < len(bt.links) and bt.links[x].tgt:
            own_values = frozenset().union(*(bt.src[i].values for i in bt.links[x].src))
            near += [q for j in bt.links[x].tgt for q in bt.tgt[j].quantities if not q.values & own_values]
    return near


_DIGITS: Final = re.compile(r"\d+(?:[.,]\d+)*")


def _number_repair(t: Quantity, q: Quantity, source_lang: str) -> list[Repair]:
    """Put the source number, in German form, in place of a plain digit string that differs
    (French groups thousands with spaces: "1 500" → "1.500")."""
    digits = _GROUP_SPACE.sub(".", q.text) if source_lang == "fr" else q.text
    if not (_DIGITS.fullmatch(t.text) and _DIGITS.fullmatch(digits)):
        return []
    fixed = german_form(q) if source_lang == "en" else digits
    return [Repair(t.start, t.end, fixed or digits, 0.6)]


#: a space grouping thousands ("1 500", narrow or no-break spaces too)
_GROUP_SPACE: Final = re.compile(r"(?<=\d)[ \u202f\u00a0\u2009](?=\d{3}\b)")


def _format_finding(text: str, t: Quantity, q: Quantity, bt: Bitext, src: tuple[int, ...],
                    detector: str) -> Finding:
    fixed = german_form(t)
    repairs = [Repair(t.start, t.end, fixed, 0.8)] if fixed and fixed != t.text else []
    hint = f"; German writes “{fixed}”" if fixed else ""
    return Finding.at(
        text, t.start, t.end, category="number", severity="minor", confidence=0.7, detector=detector,
        message=f"“{t.text}” keeps the English number format{hint}",
        evidence={**bt.evidence(src), "source_number": q.text}, repairs=repairs,
    )
