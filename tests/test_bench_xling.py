"""The cross-lingual benchmark's injector: recorded spans point at the injected text in both layouts."""

from __future__ import annotations

import random

import pytest

from qc.bench.xling import (
    LAYOUTS,
    doc_text,
    every_translation,
    inject,
    join_segments,
    one_translation_each,
    paragraph_ids,
)

SRC = [
    "The ministry said 58 people died in Pyongyang on Saturday.",
    "Officials in Seoul expect the talks to continue next week.",
    "Kim Jong Un met Vladimir Putin at the Vostochny spaceport.",
    "Prices rose by 3.5 percent in the first quarter of the year.",
]
TGT = [
    "Das Ministerium teilte mit, dass am Samstag in Pjöngjang 58 Menschen starben.",
    "Beamte in Seoul erwarten, dass die Gespräche nächste Woche weitergehen.",
    "Kim Jong-un traf Wladimir Putin auf dem Weltraumbahnhof Wostotschny.",
    "Die Preise stiegen im ersten Quartal des Jahres um 3,5 Prozent.",
]
POOL = ["Der Wetterdienst warnt vor starkem Wind an der Küste am Wochenende."]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("kind", ["number", "name-altered", "addition", "untranslated"])
def test_injected_span_holds_the_injected_text(layout: str, kind: str) -> None:
    inj = inject(kind, SRC, TGT, random.Random(3), POOL, ["Seoul", "Moskau"], "d", layout=layout)
    assert inj is not None
    text, source = inj.doc.text, inj.doc.source or ""
    assert ("\n" in text) == (layout != "paragraph")
    injected = text[inj.start : inj.end]
    if kind == "addition":
        assert injected == POOL[0]
    elif kind == "untranslated":
        assert injected in SRC and source[inj.src_start : inj.src_end] == injected
    else:
        assert injected and injected not in TGT[0] + TGT[1] + TGT[2] + TGT[3]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_omission_removes_a_sentence_and_records_its_source_span(layout: str) -> None:
    inj = inject("omission", SRC, TGT, random.Random(5), POOL, [], "d", layout=layout)
    assert inj is not None
    omitted = (inj.doc.source or "")[inj.src_start : inj.src_end]
    k = SRC.index(omitted)
    assert TGT[k] not in inj.doc.text
    kept = [k2 for k2 in range(len(TGT)) if k2 != k]
    # the other segments keep their paragraphs
    assert inj.doc.text == join_segments([TGT[k2] for k2 in kept],
                                         [paragraph_ids(SRC, layout)[k2] for k2 in kept])
    assert inj.start == inj.end


def test_doc_text_joins_segments_as_the_layout_says() -> None:
    data = {"src": SRC, "A": TGT}
    assert doc_text(data, "A", range(0, 2)) == TGT[0] + "\n" + TGT[1]
    assert doc_text(data, "A", range(0, 2), "paragraph") == TGT[0] + " " + TGT[1]
    # three segments a paragraph: the fourth opens the second
    assert doc_text(data, "A", range(0, 4), "paragraphs") == " ".join(TGT[:3]) + "\n" + TGT[3]


def test_a_segment_without_a_full_stop_ends_its_paragraph() -> None:
    src = ["Ceasefire talks resume", "The agenda:", "Negotiators met on Monday.", "They spoke for “2 hours.”",
           "More talks follow!", "A fourth sentence."]
    # a heading, a line ending in a colon, then three sentences (the most a paragraph holds)
    assert paragraph_ids(src, "paragraphs") == [0, 1, 2, 2, 2, 3]
    assert paragraph_ids(src, "paragraph") == [0] * 6
    assert paragraph_ids(src, "lines") == [0, 1, 2, 3, 4, 5]


def test_an_added_segment_joins_the_paragraph_it_goes_into() -> None:
    for seed in range(20):
        inj = inject("addition", SRC, TGT, random.Random(seed), POOL, [], "d", layout="paragraphs")
        assert inj is not None
        paragraphs = inj.doc.text.split("\n")
        # the source's paragraphs: three segments, then one; the addition lengthens one of them
        assert [p.count(". ") + 1 for p in paragraphs] in ([4, 1], [3, 2])
        assert inj.doc.source == " ".join(SRC[:3]) + "\n" + SRC[3]


def test_every_translation_lists_each_document_in_each_translation_against_its_source() -> None:
    data = {"src": SRC, "A": TGT, "B": [t.upper() for t in TGT]}
    docs = every_translation(data, "all", 2)
    assert [(side, r) for side, r, _, _ in docs] == [
        ("A", range(0, 2)), ("A", range(2, 4)), ("B", range(0, 2)), ("B", range(2, 4))
    ]
    _, r, text, source = docs[3]
    assert text == doc_text(data, "B", r) and source == doc_text(data, "src", r)


def test_one_translation_each_lists_each_document_once_the_translations_taking_turns() -> None:
    data = {"src": SRC, "A": TGT, "B": [t.upper() for t in TGT]}
    docs = one_translation_each(data, "all", 1)
    assert [(side, r) for side, r, _, _ in docs] == [
        ("A", range(0, 1)), ("B", range(1, 2)), ("A", range(2, 3)), ("B", range(3, 4))
    ]
    assert docs[1][2] == TGT[1].upper() and docs[1][3] == SRC[1]
    assert len({source for _, _, _, source in docs}) == len(docs)  # every source new


def test_batch_files_hold_the_same_documents_with_and_without_their_sources(tmp_path) -> None:
    import json

    from qc.bench.xling import _write_batch_files

    data = {"src": SRC, "A": TGT, "B": [t.upper() for t in TGT]}
    docs = one_translation_each(data, "all", 2)
    _write_batch_files(docs, tmp_path)
    with_source = [json.loads(x) for x in (tmp_path / "with.jsonl").read_text(encoding="utf-8").splitlines()]
    without = [json.loads(x) for x in (tmp_path / "without.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in with_source] == [d[3] for d in docs]
    assert without == [{k: v for k, v in r.items() if k != "source"} for r in with_source]
    assert [r["text"] for r in without] == [d[2] for d in docs]


def test_cost_ratio_compares_each_rounds_two_runs_not_the_medians_of_each_mode() -> None:
    from qc.bench.xling import _ratio_result

    # the machine slowed down in the middle: both modes of a round see the same load
    res = _ratio_result({"without": [1.0, 2.0, 4.0], "with": [1.2, 2.6, 4.4]}, n_docs=5)
    assert res["ratio"] == 1.2  # the rounds: 1.2, 1.3, 1.1
    assert res["ratio_range"] == [1.1, 1.3]
    assert (res["seconds_without"], res["seconds_with"]) == (2.0, 2.6)  # medians per mode
    assert (res["runs"], res["documents"]) == (3, 5)


def test_an_added_segment_is_a_line_of_its_own_where_each_segment_is_one() -> None:
    inj = inject("addition", SRC, TGT, random.Random(1), POOL, [], "d", layout="lines")
    assert inj is not None
    assert POOL[0] in inj.doc.text.split("\n")
    assert inj.doc.text.count("\n") == len(TGT)


def test_an_added_segment_without_a_full_stop_ends_its_paragraph() -> None:
    pool = ["Lesen Sie auch: Der Wetterbericht für das Wochenende"]
    for seed in range(10):
        inj = inject("addition", SRC, TGT, random.Random(seed), pool, [], "d", layout="paragraphs")
        assert inj is not None
        # a line break follows the added segment (the last one of the text excepted)
        after = inj.doc.text[inj.end : inj.end + 1]
        assert after in ("\n", "")
