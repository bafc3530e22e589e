"""Directories pair x.txt with x.src.txt / x.src.LANG.txt (source) and x.ref.txt (reference)."""

from __future__ import annotations

from qc.io.readers import read_documents


def test_companion_files_are_attached_not_checked(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Der Präsident sagte, 1.000 Menschen seien gekommen.\n", encoding="utf-8")
    (tmp_path / "a.src.it.txt").write_text("Il presidente ha detto che sono venute 2.000 persone.\n")
    (tmp_path / "a.ref.txt").write_text("Der Präsident sagte, 2.000 Menschen seien gekommen.\n")
    (tmp_path / "b.txt").write_text("Ein Text ohne Quelle.\n", encoding="utf-8")
    docs = list(read_documents([str(tmp_path)]))
    assert [d.id.rsplit("/", 1)[-1] for d in docs] == ["a.txt", "b.txt"]
    a, b = docs
    assert a.source.startswith("Il presidente") and a.source_lang == "it"
    assert a.reference.startswith("Der Präsident sagte, 2.000")
    assert b.source is None and b.reference is None


def test_a_source_file_without_its_target_is_a_document(tmp_path) -> None:
    (tmp_path / "x.src.txt").write_text("Nur eine Quelle.\n", encoding="utf-8")
    assert [d.id.rsplit("/", 1)[-1] for d in read_documents([str(tmp_path)])] == ["x.src.txt"]


def test_a_paired_directory_document_gets_cross_lingual_findings(tmp_path) -> None:
    from qc.pipeline import Checker

    (tmp_path / "a.txt").write_text("Der Präsident sagte, 1.000 Menschen seien gekommen.\n", encoding="utf-8")
    (tmp_path / "a.src.txt").write_text("The president said 2,000 people came.\n")
    [doc] = read_documents([str(tmp_path)])
    report = Checker(use_lm=False).check(doc)
    assert [(f.category, f.text) for f in report.findings] == [("number", "1.000")]
