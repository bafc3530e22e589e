"""Source and agency credit lines are reported as info with a deletion the engine does not apply."""

from __future__ import annotations

import pytest
from _seedkit import gold, run, seed_text

from qc.repair import apply_repairs


def test_seed_source_line_is_info_with_a_delete_repair() -> None:
    (item,) = gold("attribution")
    found = run("attribution", seed_text(item["doc"]))
    assert [(f.start, f.end, f.severity) for f in found] == [(item["start"], item["end"], "info")]
    assert found[0].repairs[0].replacement == ""


def test_info_repair_is_not_applied_automatically() -> None:
    text = "Kim reist nach Russland.\n\nMit Material von dpa"
    assert apply_repairs(text, run("attribution", text)) == text


@pytest.mark.parametrize(
    "line", ["Quelle: Agenturen", "Mit Material von dpa und AFP", "(dpa/AFP)", "dpa/AFP/rtr", "(dpa/lni)"]
)
def test_credit_lines_are_attribution(line: str) -> None:
    found = run("attribution", f"Kim reist nach Russland.\n\n{line}")
    assert [(f.text, f.category) for f in found] == [(line, "attribution")]


def test_trailing_agency_credit_is_found_at_the_paragraph_end() -> None:
    found = run("attribution", "Kim reist nach Russland. (dpa)")
    assert [f.text for f in found] == [" (dpa)"]


@pytest.mark.parametrize(
    "text",
    [
        "Die Quelle des Gerüchts war ein Beamter.",
        "Quelle: Ein Beamter sagte der Nachrichtenagentur dpa am Montag, der Zug sei bereits abgefahren.",
        "Kim reist nach Russland.\n\n(Uniononline/L)",
        "Reuters berichtete am Montag über den Zug.",
    ],
)
def test_prose_mentioning_sources_is_not_attribution(text: str) -> None:
    assert run("attribution", text) == []
