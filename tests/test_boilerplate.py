"""Page chrome: ad markers, teasers, widgets, other pages' bylines; subheadings stay."""

from __future__ import annotations

import pytest
from _seedkit import flagged, gold, negatives, overlapping, repaired, run, seed_names, seed_text


@pytest.mark.parametrize("item", gold("boilerplate"), ids=lambda g: f"{g['doc'][:3]}-{g['match'][:25]}")
def test_seed_boilerplate_lines_are_major_line_deletions(item: dict) -> None:
    found = overlapping(flagged(run("boilerplate", seed_text(item["doc"]))), item["start"], item["end"])
    assert len(found) == 1
    assert (found[0].category, found[0].severity) == ("boilerplate", "major")
    assert (found[0].start, found[0].end) == (item["start"], item["end"])
    assert found[0].repairs[0].replacement == ""


def test_subheadings_are_not_boilerplate() -> None:
    for neg in negatives():
        found = overlapping(flagged(run("boilerplate", seed_text(neg["doc"]))), neg["start"], neg["end"])
        assert not found, (neg["match"], [f.text for f in found])


def test_seed_articles_have_no_other_boilerplate() -> None:
    spans = {(g["doc"], g["start"]) for g in gold("boilerplate")}
    for name in seed_names():
        extra = [f.text for f in run("boilerplate", seed_text(name)) if (name, f.start) not in spans]
        assert extra == [], name


def test_repaired_text_has_no_boilerplate_left_and_no_blank_gaps() -> None:
    text = seed_text("004_c8802bb34c806512.txt")
    out = repaired("boilerplate", text)
    assert "Anzeige" not in out.split("\n")
    assert "\n\n\n" not in out
    assert run("boilerplate", out) == []


def test_unseen_byline_with_separator_is_caught_by_structure() -> None:
    found = run("boilerplate", "Titel\n\nEin Satz hier.\nAnna Berger | Kommentar\n\nNoch ein Satz.")
    assert [(f.text, f.evidence["rule"]) for f in found] == [("Anna Berger | Kommentar", "structure")]


def test_sentence_with_a_pipe_and_a_verb_is_not_chrome() -> None:
    assert run("boilerplate", "Titel\n\nBerlin | Die Regierung hat am Montag entschieden\n\nText.") == []


def test_the_word_anzeige_inside_a_sentence_is_not_a_marker() -> None:
    assert run("boilerplate", "Titel\n\nDie Anzeige ging am Montag bei der Polizei ein.") == []


def test_user_file_extends_the_marker_list(tmp_path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text('[lines]\nexact = ["Promo-Hinweis"]\n', encoding="utf-8")
    text = "Titel\n\nPromo-Hinweis\n\nText."
    assert run("boilerplate", text) == []
    assert [f.text for f in run("boilerplate", text, extra_file=str(extra))] == ["Promo-Hinweis"]
