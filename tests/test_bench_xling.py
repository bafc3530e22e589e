"""The cross-lingual benchmark's injector: recorded spans point at the injected text in both layouts."""

from __future__ import annotations

import random

import pytest

from qc.bench.xling import LAYOUTS, doc_text, every_translation, inject, one_translation_each

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
    assert ("\n" in text) == (layout == "lines")
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
    assert inj.doc.text == LAYOUTS[layout].join(t for i, t in enumerate(TGT) if i != k)
    assert inj.start == inj.end


def test_doc_text_joins_segments_as_the_layout_says() -> None:
    data = {"src": SRC, "A": TGT}
    assert doc_text(data, "A", range(0, 2)) == TGT[0] + "\n" + TGT[1]
    assert doc_text(data, "A", range(0, 2), "paragraph") == TGT[0] + " " + TGT[1]


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
