"""Metadata fields, timestamps, category slugs and URLs leaked into the body."""

from __future__ import annotations

import pytest
from _seedkit import flagged, gold, negatives, overlapping, repaired, run, seed_text


@pytest.mark.parametrize("item", gold("metadata-leak"), ids=lambda g: g["match"].strip())
def test_seed_metadata_leaks_are_exact_major_deletions(item: dict) -> None:
    found = overlapping(flagged(run("metadata", seed_text(item["doc"]))), item["start"], item["end"])
    assert [(f.start, f.end, f.severity) for f in found] == [(item["start"], item["end"], "major")]
    assert found[0].repairs[0].replacement == item["repair"]


def test_no_seed_negative_is_metadata() -> None:
    for neg in negatives():
        assert not overlapping(run("metadata", seed_text(neg["doc"])), neg["start"], neg["end"]), neg["match"]


def test_date_field_repair_leaves_the_sentence_at_the_line_start() -> None:
    out = repaired("metadata", seed_text("004_c8802bb34c806512.txt"))
    assert out.startswith("Es dauert lange, bis Nordkoreas Machthaber")
    assert run("metadata", out) == []


def test_category_slug_line_is_removed_with_its_line() -> None:
    out = repaired("metadata", seed_text("000_461f3237c120a9ba.txt"))
    assert "toi-allgemeines" not in out
    assert out.rstrip().endswith("beraten kann.")


@pytest.mark.parametrize(
    ("text", "leak"),
    [
        ("id: 12345\n\nKim reist.", "id: 12345"),
        ("Kim reist.\n\nCategory: Politik", "Category: Politik"),
        ("Zuletzt aktualisiert: 11.09.2023, 10:22 Uhr\n\nKim reist.",
         "Zuletzt aktualisiert: 11.09.2023, 10:22 Uhr"),
        ("2023-09-11T10:22:00+02:00\nKim reist.", "2023-09-11T10:22:00+02:00"),
        ("Kim reist. updated 2023-09-12 Der Zug fährt.", " updated 2023-09-12 "),
        ("published: 2023-09-11 Kim reist nach Russland, um Putin zu treffen und über Waffen zu reden.",
         "published: 2023-09-11 "),
        ("Kim reist.\n\nhttps://example.org/news/kim-reist-nach-russland", "https://example.org/news/kim-reist-nach-russland"),
        ('{"id": 7, "lang": "de"}\nKim reist.', '{"id": 7, "lang": "de"}'),
    ],
)
def test_generalised_field_shapes_are_leaks(text: str, leak: str) -> None:
    assert [f.text for f in run("metadata", text)] == [leak]


@pytest.mark.parametrize(
    "text",
    [
        "Datum: Der Gipfel beginnt am 12. September in Wladiwostok.",
        "Am Montag (04.09.2023) berichteten die Zeitungen.",
        "Die Stadt liegt 680 Kilometer nördlich von Pjöngjang.",
        "Die 122- und 152-Millimeter-Artilleriegeschosse",
        "Die Delegation reiste 2019 nach Wladiwostok. 2023 folgte der nächste Besuch.",
    ],
)
def test_german_prose_with_dates_and_numbers_is_not_metadata(text: str) -> None:
    assert run("metadata", text) == []


@pytest.mark.parametrize(
    "line",
    ["Aktualisiert am 12.09.2023", "Veröffentlicht am 11.09.2023 um 14:05 Uhr", "12.09.2023 – 08:15 Uhr",
     "Von Max Mustermann | 12.09.2023, 10:22 Uhr", "dpa-AFX | 12.09.2023"],
)
def test_page_datelines_are_metadata(line: str) -> None:
    found = run("metadata", f"Titel\n\n{line}\n\nText hier.")
    assert [(f.text, f.evidence["rule"]) for f in found] == [(line, "dateline")]


@pytest.mark.parametrize(
    "line", ["Die Wahl am 24.09.2023", "Am 12. September 2023", "Berlin, im September 2023"]
)
def test_subheadings_with_a_date_are_not_datelines(line: str) -> None:
    assert run("metadata", f"Titel\n\n{line}\n\nText hier.") == []
