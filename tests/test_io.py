"""Reading inputs: decoding rules, refusals with clear errors, one document per input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from qc.io import (
    DecodeError,
    count_documents,
    decode_bytes,
    expand_paths,
    html_reason,
    read_documents,
    read_stdin_bytes,
    read_text_file,
)
from qc.io.writers import RepairWriter, repaired_filename

GERMAN = "Kim Jong-un reist nach Russland.\nDort trifft er Putin – zum ersten Mal seit 2019.\n"


def read_one(path: Path, **kw) -> object:
    docs = list(read_documents([str(path)], **kw))
    assert len(docs) == 1
    return docs[0]


def test_utf8_file_is_read_exactly_with_id_as_given(write):
    path = write("a.txt", GERMAN)
    doc = read_one(path)
    assert doc.id == str(path)
    assert doc.text == GERMAN
    assert doc.error is None
    assert doc.metadata["decoding"] == "utf-8"


def test_crlf_line_breaks_are_kept_not_normalised(write):
    doc = read_one(write("crlf.txt", "Erste Zeile.\r\nZweite Zeile.\r\n"))
    assert doc.text == "Erste Zeile.\r\nZweite Zeile.\r\n"


def test_utf8_bom_is_dropped_and_recorded(write):
    doc = read_one(write("bom.txt", b"\xef\xbb\xbf" + GERMAN.encode()))
    assert doc.text == GERMAN
    assert doc.metadata["decoding"] == "utf-8-sig"


def test_utf16_with_bom_is_decoded(write):
    doc = read_one(write("u16.txt", GERMAN.encode("utf-16")))
    assert doc.text == GERMAN
    assert doc.metadata["decoding"] == "utf-16"


def test_empty_file_is_an_error(write):
    doc = read_one(write("empty.txt", b""))
    assert doc.error == "empty file"


def test_whitespace_only_file_is_an_error(write):
    doc = read_one(write("blank.txt", " \n\t\r\n  \n"))
    assert doc.error == "no text (whitespace only)"


def test_latin1_file_falls_back_to_cp1252_and_records_it(write):
    doc = read_one(write("latin1.txt", "Grüße aus Köln – „Straße“ für 5 €.\n".encode("cp1252")))
    assert doc.error is None
    assert doc.text == "Grüße aus Köln – „Straße“ für 5 €.\n"
    assert doc.metadata["decoding"] == "cp1252"


def test_pure_latin1_bytes_decode_the_same_as_latin1(write):
    raw = "Übermäßig größere Öffnungszeiten.".encode("latin-1")
    assert read_one(write("l1.txt", raw)).text == raw.decode("latin-1")


def test_invalid_utf8_that_is_not_plausible_text_is_an_error(write):
    # bytes undefined in cp1252 (0x81, 0x8d) and symbol soup: not text in any codepage we accept
    doc = read_one(write("bad.txt", b"Text \x81\x8d\xff\xfe\xa7\xb6\xa4 mehr"))
    assert doc.error is not None
    assert doc.error.startswith("not valid UTF-8")


def test_binary_file_is_refused(write):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
    doc = read_one(write("image.txt", png))
    assert doc.error is not None and doc.error.startswith("binary file")
    assert doc.text == ""


def test_nul_bytes_make_a_file_binary(write):
    doc = read_one(write("nul.txt", b"Ein Satz.\x00Noch ein Satz.\n"))
    assert doc.error is not None and doc.error.startswith("binary file")


def test_many_control_bytes_make_a_file_binary():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"abc\x01\x02\x03\x04\x05def" * 10)


def test_a_few_tabs_and_form_feeds_are_text():
    assert decode_bytes(b"Spalte\tSpalte\n\x0cNeue Seite\n")[0] == "Spalte\tSpalte\n\x0cNeue Seite\n"


def test_five_megabyte_single_line_file_is_refused_with_the_limit_named(write):
    path = write("huge.txt", ("Wort " * 1_000_000).encode())
    doc = read_one(path)
    assert doc.error is not None
    assert "too large" in doc.error and "--max-size" in doc.error


def test_size_limit_zero_reads_a_five_megabyte_line(write):
    path = write("huge.txt", ("Wort " * 1_000_000).encode())
    doc = read_one(path, max_size=0)
    assert doc.error is None and len(doc.text) == 5_000_000


def test_html_page_is_refused_with_a_reason(write):
    doc = read_one(write("page.txt", "<!DOCTYPE html><html><body><p>Kim trifft Putin.</p></body></html>"))
    assert doc.error is not None and doc.error.startswith("HTML document")


def test_tag_soup_without_doctype_is_html():
    text = "<div><p>Kim trifft Putin.</p><p>Sie sprechen.</p><br></div>"
    assert html_reason(text) is not None


def test_a_stray_tag_in_prose_is_plain_text():
    assert html_reason("Kim trifft Putin.<br> Sie sprechen über Waffen.\n" * 3) is None
    assert html_reason("Der Vergleich a < b und c > d ist wahr.") is None


def test_missing_path_becomes_an_error_document():
    docs = list(read_documents(["does/not/exist.txt"]))
    assert [(d.id, d.error) for d in docs] == [("does/not/exist.txt", "no such file or directory")]


def test_every_bad_jsonl_line_yields_exactly_one_error_document(write):
    lines = [
        '{"id": "ok", "text": "Ein Satz."}',
        "not json at all",
        "[1, 2]",
        '{"id": "no-text"}',
        '{"id": "int-text", "text": 42}',
        "",
        '{"id": "bad-source", "text": "Satz.", "source": 3}',
        '{"id": "blank", "text": "   "}',
        '{"text": "Ohne Id."}',
    ]
    path = write(
        "batch.jsonl", "\n".join(lines).encode() + b"\n" + b'{"id": "latin", "text": "Gr\xfc\xdfe"}\n'
    )
    docs = list(read_documents([str(path)]))
    assert len(docs) == 9  # nine non-blank lines, nothing lost
    by_id = {d.id: d for d in docs}
    assert by_id["ok"].error is None and by_id["ok"].text == "Ein Satz."
    assert "not JSON" in by_id[f"{path}:2"].error
    assert "JSON object expected" in by_id[f"{path}:3"].error
    assert 'no "text" field' in by_id["no-text"].error
    assert '"text" must be a string' in by_id["int-text"].error
    assert '"source" must be a string' in by_id["bad-source"].error
    assert "whitespace only" in by_id["blank"].error
    assert by_id[f"{path}:9"].text == "Ohne Id." and by_id[f"{path}:9"].error is None
    assert "not valid UTF-8" in by_id[f"{path}:10"].error
    assert count_documents(expand_paths([str(path)])) == 9


def test_jsonl_optional_fields_and_extra_keys_are_kept(write_jsonl):
    path = write_jsonl(
        "d.jsonl",
        [
            {
                "id": 7,
                "text": "Satz.",
                "source": "Sentence.",
                "source_lang": "en",
                "reference": "Ein Satz.",
                "url": "https://example.org/a",
            }
        ],
    )
    (doc,) = read_documents([str(path)])
    assert (doc.id, doc.source, doc.source_lang, doc.reference) == ("7", "Sentence.", "en", "Ein Satz.")
    assert doc.metadata["fields"] == {"url": "https://example.org/a"}


def test_jsonl_text_with_nul_is_kept_as_given(write_jsonl):
    (doc,) = read_documents([str(write_jsonl("n.jsonl", [{"id": "n", "text": "A\u0000B."}]))])
    assert doc.error is None and doc.text == "A\x00B."


def test_directory_reads_txt_and_document_jsonl_sorted_skipping_annotations(write, write_jsonl):
    write("b.txt", "Zweiter Text.")
    write("sub/a.txt", "Erster Text.")
    write(".hidden/c.txt", "Versteckt.")
    write(".d.txt", "Versteckt.")
    write("notes.md", "Keine Eingabe.")
    write_jsonl("docs.jsonl", [{"id": "j1", "text": "Aus JSONL."}])
    gold = write_jsonl("gold.jsonl", [{"doc": "b.txt", "match": "Text", "start": 8, "end": 12}])
    root = gold.parent
    ids = [d.id for d in read_documents([str(root)])]
    assert ids == [str(root / "b.txt"), "j1", str(root / "sub" / "a.txt")]


def test_an_explicit_annotation_jsonl_is_read_and_errors_per_line(write_jsonl):
    path = write_jsonl("gold.jsonl", [{"doc": "x.txt", "match": "m"}])
    (doc,) = read_documents([str(path)])
    assert 'no "text" field' in doc.error


def test_seed_folder_yields_exactly_the_five_articles(seeds_dir, seed_texts):
    docs = list(read_documents([str(seeds_dir)]))
    assert [Path(d.id).name for d in docs] == sorted(seed_texts)
    assert all(d.error is None and d.text == seed_texts[Path(d.id).name] for d in docs)


def test_stdin_with_json_lines_is_jsonl():
    data = b'{"id": "x", "text": "Satz eins."}\n\n{"id": "y", "text": "Satz zwei."}\n'
    assert [(d.id, d.text) for d in read_stdin_bytes(data)] == [("x", "Satz eins."), ("y", "Satz zwei.")]


def test_stdin_plain_text_is_one_document_with_id_dash():
    (doc,) = read_stdin_bytes(b"Kim {reist} nach Russland.\r\n")
    assert (doc.id, doc.text, doc.error) == ("-", "Kim {reist} nach Russland.\r\n", None)


def test_stdin_is_read_from_the_given_stream():
    (doc,) = read_documents(["-"], stdin=io.BytesIO(b"Ein Text."))
    assert doc.text == "Ein Text."


def test_read_text_file_reports_unreadable_paths(tmp_path):
    doc = read_text_file(str(tmp_path))  # a folder cannot be opened as a file
    assert doc.error is not None and doc.error.startswith("cannot read")


@pytest.mark.parametrize(
    ("doc_id", "name"),
    [
        ("fixtures/seeds/000.txt", "fixtures__seeds__000.txt"),
        ("/abs/path/doc.TXT", "abs__path__doc.TXT"),
        ("../../etc/passwd", "etc__passwd.txt"),
        ("-", "stdin.txt"),
        ("a b:c?*.md", "a_b_c_.md.txt"),
        ("...", "document.txt"),
        ("C:\\Users\\x.txt", "C___Users__x.txt"),
    ],
)
def test_repaired_file_names_are_safe(doc_id, name):
    assert repaired_filename(doc_id) == name


def test_repair_writer_keeps_line_breaks_and_numbers_collisions(tmp_path):
    writer = RepairWriter(tmp_path / "out")
    first = writer.write("x/a.txt", "Eins.\r\n")
    second = writer.write("x/a.txt", "Zwei.\n")
    assert (first.name, second.name) == ("x__a.txt", "x__a-2.txt")
    assert first.read_bytes() == b"Eins.\r\n"


@pytest.mark.parametrize(
    "module",
    [
        "qc.io.decode",
        "qc.io.markup",
        "qc.io.jsonl",
        "qc.io.writers",
        "qc.report.summary",
        "qc.report.html",
        "qc.report.jsonout",
        "qc.cli",
        "qc.bench",
        "qc.lang.sentences",
    ],
)
def test_docstring_examples_hold(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0
