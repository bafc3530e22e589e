"""The repair engine: the only place that changes text.

It takes the best repair of each finding, keeps the highest-priority
non-overlapping ones and applies them. A deletion that leaves its line blank
removes the whole line, and with it one neighbouring blank line when the deleted
line sat between blank lines, so no blank gaps are left behind.
"""

from __future__ import annotations

from itertools import pairwise

from qc.merge import priority
from qc.model import Finding, Repair


def _expand_line_deletion(text: str, r: Repair) -> Repair:
    if r.replacement != "":
        return r
    line_start = text.rfind("\n", 0, r.start) + 1
    nl = text.find("\n", r.end)
    line_end = len(text) if nl == -1 else nl
    if (text[line_start : r.start] + text[r.end : line_end]).strip():
        return r  # the line keeps other content
    start, end = line_start, (line_end + 1 if nl != -1 else line_end)
    if nl == -1 and line_start > 0:
        # last line: take the preceding line break instead
        start = line_start - 1
    # the line sat between blank lines (or a text edge and a blank line): drop one blank line
    prev_blank = start >= 1 and text[start - 1] == "\n" and (start < 2 or text[start - 2] == "\n")
    next_blank = end < len(text) and text[end] == "\n"
    if next_blank and (prev_blank or start == 0):
        end += 1
    elif prev_blank and end >= len(text):
        start -= 1
    return Repair(start, end, "", r.score)


def _merge_deletions(
    text: str, raw: Repair, clashing: list[tuple[Repair, Repair]]
) -> tuple[Repair, Repair] | None:
    """Two line deletions whose expansions touch (adjacent lines, a blank line between them)
    become one deletion of the whole block; ``None`` when they cannot be merged."""
    raws = sorted([raw, *(r for r, _ in clashing)], key=lambda r: r.start)
    if any(r.replacement != "" for r in raws):
        return None
    for a, b in pairwise(raws):
        if b.start < a.end or text[a.end : b.start].strip():
            return None  # overlapping spans, or real text between them
    union = Repair(raws[0].start, max(r.end for r in raws), "", max(r.score for r in raws))
    return union, _expand_line_deletion(text, union)


def select_repairs(text: str, findings: list[Finding]) -> list[Repair]:
    """The best repair of each finding, highest priority first, without overlaps."""
    chosen: list[tuple[Repair, Repair]] = []  # (repair as proposed, repair as expanded)
    for f in sorted(findings, key=priority, reverse=True):
        if not f.repairs or f.severity == "info":
            continue  # info findings (e.g. attribution lines) are reported, not applied
        best = max(f.repairs, key=lambda r: r.score)
        if not (0 <= best.start <= best.end <= len(text)):
            continue
        expanded = _expand_line_deletion(text, best)
        clashing = [(r, c) for r, c in chosen if c.start < expanded.end and expanded.start < c.end]
        if clashing:
            merged = _merge_deletions(text, best, clashing)
            if merged is None:
                continue
            rest = [(r, c) for r, c in chosen if (r, c) not in clashing]
            if any(c.start < merged[1].end and merged[1].start < c.end for _, c in rest):
                continue
            chosen = [*rest, merged]
            continue
        if any(expanded.start == expanded.end == c.start == c.end for _, c in chosen):
            continue
        chosen.append((best, expanded))
    return sorted((c for _, c in chosen), key=lambda r: (r.start, r.end))


def apply_repairs(text: str, findings: list[Finding]) -> str:
    """Apply the selected repairs; e.g. deleting a line ``"Anzeige"`` removes the line."""
    out: list[str] = []
    cursor = 0
    for r in select_repairs(text, findings):
        out.append(text[cursor : r.start])
        out.append(r.replacement)
        cursor = r.end
    out.append(text[cursor:])
    return "".join(out)
