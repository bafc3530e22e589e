"""The repair engine: the only place that changes text."""

from __future__ import annotations

from typing import Any

from _findings import span_finding

from qc.model import Finding, Repair
from qc.repair import apply_repairs, select_repairs


def finding(text: str, match: str, replacement: str, *, occurrence: int = 1, **kwargs: Any) -> Finding:
    """:func:`span_finding` on the ``occurrence``-th ``match`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(match, start + 1)
    return span_finding(text, start, start + len(match), replacement=replacement, **kwargs)


def test_deleting_a_whole_line_between_paragraphs_removes_the_line_and_one_blank_line():
    text = "Erster Absatz.\n\nAnzeige\n\nZweiter Absatz.\n"
    assert apply_repairs(text, [finding(text, "Anzeige", "")]) == "Erster Absatz.\n\nZweiter Absatz.\n"


def test_deleting_the_first_line_leaves_no_leading_blank_line():
    text = "Anzeige\n\nText.\n"
    assert apply_repairs(text, [finding(text, "Anzeige", "")]) == "Text.\n"


def test_deleting_the_last_line_without_newline_takes_the_line_break_before_it():
    text = "Text.\nAnzeige"
    assert apply_repairs(text, [finding(text, "Anzeige", "")]) == "Text."


def test_deleting_part_of_a_line_keeps_the_rest_of_the_line():
    text = "Kim trifft Putin. Anzeige\nMehr.\n"
    assert apply_repairs(text, [finding(text, " Anzeige", "")]) == "Kim trifft Putin.\nMehr.\n"


def test_a_replacement_changes_only_its_span():
    text = "Er sagte , dass er kommt."
    assert (
        apply_repairs(text, [finding(text, " ,", ",", category="typography")]) == "Er sagte, dass er kommt."
    )


def test_info_findings_are_reported_but_not_applied():
    text = "Quelle: dpa\nText.\n"
    f = finding(text, "Quelle: dpa", "", severity="info", category="attribution")
    assert apply_repairs(text, [f]) == text


def test_of_two_overlapping_repairs_the_higher_priority_one_wins():
    text = "Anzeige Werbung hier\nText.\n"
    strong = finding(text, "Anzeige Werbung hier", "", confidence=0.95)
    weak = finding(text, "Werbung", "Reklame", severity="minor", category="typography", confidence=0.99)
    assert select_repairs(text, [weak, strong]) == [Repair(0, len("Anzeige Werbung hier\n"), "")]
    assert apply_repairs(text, [weak, strong]) == "Text.\n"


def test_two_insertions_at_the_same_point_are_applied_once():
    text = "Kim,Putin"
    a = Finding.at(
        text,
        4,
        4,
        category="typography",
        severity="minor",
        message="m",
        confidence=0.8,
        detector="a",
        repairs=[Repair(4, 4, " ")],
    )
    b = Finding.at(
        text,
        4,
        4,
        category="typography",
        severity="minor",
        message="m",
        confidence=0.7,
        detector="b",
        repairs=[Repair(4, 4, " ")],
    )
    assert apply_repairs(text, [a, b]) == "Kim, Putin"


def test_a_repair_outside_the_text_is_ignored():
    text = "Kurz."
    bad = Finding.at(
        text,
        0,
        5,
        category="typography",
        severity="minor",
        message="m",
        confidence=0.5,
        detector="x",
        repairs=[Repair(3, 50, "")],
    )
    assert apply_repairs(text, [bad]) == text


def test_the_best_scored_repair_of_a_finding_is_used():
    text = "im Geheimnis"
    f = Finding.at(
        text,
        0,
        len(text),
        category="calque",
        severity="minor",
        message="m",
        confidence=0.6,
        detector="x",
        repairs=[Repair(0, 12, "insgeheim", 0.4), Repair(0, 12, "heimlich", 0.9)],
    )
    assert apply_repairs(text, [f]) == "heimlich"


def test_crlf_text_keeps_its_line_breaks_when_a_line_is_deleted():
    text = "Eins.\r\nAnzeige\r\nZwei.\r\n"
    assert apply_repairs(text, [finding(text, "Anzeige", "")]) == "Eins.\r\nZwei.\r\n"


def test_adjacent_line_deletions_separated_by_a_blank_line_are_both_applied():
    text = "Letzter Satz.\n\n(Agentur/L)\n\n© Alle Rechte vorbehalten"
    findings = [finding(text, "(Agentur/L)", ""), finding(text, "© Alle Rechte vorbehalten", "")]
    assert apply_repairs(text, findings) == "Letzter Satz.\n"


def test_a_deletion_next_to_a_replacement_on_another_line_keeps_both():
    text = "Er sagte , dass.\nAnzeige\nMehr.\n"
    findings = [finding(text, " ,", ",", category="typography"), finding(text, "Anzeige", "")]
    assert apply_repairs(text, findings) == "Er sagte, dass.\nMehr.\n"
