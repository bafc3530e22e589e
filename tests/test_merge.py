"""Merging findings: duplicates and findings inside deleted spans are dropped."""

from __future__ import annotations

from _findings import span_finding

from qc.merge import merge_findings
from qc.model import Finding
from qc.pipeline import check_text

TEXT = "Titel\n\nVorlesen lassen? ↑↑⇑⇑↑↑ | Lesedauer ca. 3 Minuten\n\nDer Zug fährt ."


def _finding(start: int, end: int, category: str, severity: str, replacement: str | None) -> Finding:
    return span_finding(TEXT, start, end, category=category, severity=severity, replacement=replacement)


def test_a_finding_inside_a_deleted_major_span_is_dropped() -> None:
    line_start = TEXT.index("Vorlesen")
    line_end = TEXT.index("\n\nDer")
    arrows = TEXT.index("↑")
    widget = _finding(line_start, line_end, "boilerplate", "major", "")
    stray = _finding(arrows, arrows + 6, "typography", "minor", "")
    assert merge_findings([stray, widget]) == [widget]


def test_a_finding_inside_a_major_span_that_is_not_deleted_stays() -> None:
    start = TEXT.index("Der")
    sentence = _finding(start, len(TEXT), "word-order", "major", "Der Zug fährt.")
    space = _finding(len(TEXT) - 6, len(TEXT), "typography", "minor", "fährt.")
    assert merge_findings([space, sentence]) == [sentence, space]


def test_a_same_category_finding_inside_another_is_a_duplicate() -> None:
    outer = _finding(0, 5, "spelling", "minor", "Titel")
    inner = _finding(1, 3, "spelling", "minor", "it")
    assert merge_findings([inner, outer]) == [outer]


def test_the_checker_reports_one_finding_for_a_widget_line() -> None:
    report = check_text(TEXT)
    inside = [f for f in report.findings if TEXT.index("Vorlesen") <= f.start < TEXT.index("\n\nDer")]
    assert [f.category for f in inside] == ["boilerplate"]
    assert "Vorlesen" not in report.repaired and report.repaired.endswith("Der Zug fährt.")
