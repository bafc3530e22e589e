"""Repeated headline (slug-derived, truncated), repeated lines and sentences."""

from __future__ import annotations

from _seedkit import flagged, gold, negatives, overlapping, repaired, run, seed_names, seed_text


def test_truncated_headline_copy_without_punctuation_is_found() -> None:
    (item,) = gold("duplicate")
    found = flagged(run("duplicate", seed_text(item["doc"])))
    assert [(f.start, f.end, f.severity, f.category) for f in found] == [
        (item["start"], item["end"], "major", "duplicate")
    ]


def test_no_other_seed_line_is_a_duplicate() -> None:
    (item,) = gold("duplicate")
    for name in seed_names():
        found = run("duplicate", seed_text(name))
        extra = [f.text for f in found if (name, f.start) != (item["doc"], item["start"])]
        assert extra == [], name
    for neg in negatives():
        assert not overlapping(run("duplicate", seed_text(neg["doc"])), neg["start"], neg["end"])


def test_repair_deletes_the_copy_and_keeps_the_lead() -> None:
    text = seed_text("000_461f3237c120a9ba.txt")
    out = repaired("duplicate", text)
    assert "Russland Droht ein Waffendeal" not in out
    assert "\n\nNorden Koreanischer Führer Kim Jong-un" in out
    assert run("duplicate", out) == []


def test_repeated_paragraph_is_reported_once_the_second_time() -> None:
    para = "Der Zug mit Kim an Bord hat nach Angaben von Moskau Russland erreicht."
    text = f"Titel\n\n{para}\n\nDazwischen steht etwas anderes.\n\n{para}"
    found = run("duplicate", text)
    assert [(f.start, f.text) for f in found] == [(text.rindex(para), para)]


def test_repeated_sentence_inside_a_paragraph_is_cut_with_its_blank() -> None:
    s = "Der Zug fuhr am Sonntag in Pjöngjang los."
    text = f"Titel\n\n{s} Er kam am Dienstag an. {s}"
    out = repaired("duplicate", text)
    assert out == f"Titel\n\n{s} Er kam am Dienstag an."


def test_paragraph_opening_with_the_headline_loses_the_copied_words() -> None:
    text = ("Kim reist mit dem Zug nach Russland zu Putin\n\n"
            "Kim reist mit dem Zug nach Russland zu Putin Der Zug fuhr am Sonntag los.")
    assert repaired("duplicate", text).endswith("\n\nDer Zug fuhr am Sonntag los.")


def test_short_repeated_instructions_are_not_duplicates() -> None:
    text = "Anleitung\n\nTippen Sie auf OK.\nWarten Sie kurz.\nTippen Sie auf OK."
    assert run("duplicate", text) == []


def test_a_lead_that_only_shares_the_headline_topic_is_not_a_duplicate() -> None:
    text = "Kim reist nach Russland\n\nKim reist nach Russland, um Putin zu treffen, sagte der Kreml."
    assert run("duplicate", text) == []
