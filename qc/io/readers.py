"""Paths (files, directories, ``-``) → documents, in a stable order, one error document per failure.

* a ``.jsonl``/``.ndjson`` file given by name: one document per non-blank line;
* any other file given by name: one plain-text document whose id is the path as given;
* a directory: ``*.txt`` files recursively, plus ``*.jsonl`` files whose first record
  has a ``"text"`` field (so annotation files such as ``gold.jsonl`` are skipped),
  sorted by path, hidden files and folders skipped; ``x.src.txt`` / ``x.src.it.txt`` and
  ``x.ref.txt`` next to ``x.txt`` are its source and reference, not documents
  (:mod:`qc.xling.pairing`);
* ``-``: standard input, JSONL when its first non-blank line is a JSON object,
  otherwise one plain-text document with id ``-``.

A path that does not exist, a file that cannot be decoded (:mod:`qc.io.decode`),
HTML (:mod:`qc.io.markup`) or a file over the size limit becomes a document with
``error`` set, so every input yields exactly one report.

>>> [d.id for d in read_documents(["fixtures/seeds"])][:1]  # doctest: +SKIP
['fixtures/seeds/000_461f3237c120a9ba.txt']
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Literal

from qc.io.decode import DecodeError, decode_bytes
from qc.io.jsonl import parse_object, record_to_document, text_problem
from qc.model import Document
from qc.xling.pairing import pair_paths

#: default limit per document: 2 MB of bytes (files) or 2 M characters (JSONL texts).
#: News articles are 2–50 kB; anything much larger is a concatenation or a broken export.
DEFAULT_MAX_SIZE = 2_000_000
JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to read: a text file, a JSONL file, standard input, or a path that failed."""

    kind: Literal["text", "jsonl", "stdin", "missing"]
    path: str
    #: for text files found in a directory: companion source / reference files
    source: str | None = None
    reference: str | None = None
    source_lang: str | None = None


def expand_paths(paths: Sequence[str]) -> list[Source]:
    """Resolve command-line paths to sources; directories expand recursively (see module doc)."""
    out: list[Source] = []
    for path in paths:
        if path == STDIN:
            out.append(Source("stdin", STDIN))
        elif os.path.isdir(path):
            out.extend(_walk(path))
        elif os.path.isfile(path):
            out.append(Source("jsonl" if path.lower().endswith(JSONL_SUFFIXES) else "text", path))
        else:
            out.append(Source("missing", path))
    return out


def _walk(root: str) -> list[Source]:
    found: list[Source] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            lower = name.lower()
            if lower.endswith(".txt"):
                found.append(Source("text", path))
            elif lower.endswith(JSONL_SUFFIXES) and _first_record_has_text(path):
                found.append(Source("jsonl", path))
    found.sort(key=lambda s: s.path)
    texts = [s.path for s in found if s.kind == "text"]
    paired = {p.target: p for p in pair_paths(texts)}
    return [
        Source("text", s.path, paired[s.path].source, paired[s.path].reference, paired[s.path].source_lang)
        if s.kind == "text"
        else s
        for s in found
        if s.kind != "text" or s.path in paired
    ]


def _first_record_has_text(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            for raw in fh:
                if raw.strip():
                    record = parse_object(raw.decode("utf-8-sig", errors="replace"))
                    return record is not None and "text" in record
    except OSError:
        return False
    return False


def read_documents(
    paths: Sequence[str], *, stdin: BinaryIO | None = None, max_size: int = DEFAULT_MAX_SIZE
) -> Iterator[Document]:
    """Documents from ``paths`` in order; ``max_size`` 0 means no limit."""
    for source in expand_paths(paths):
        yield from read_source(source, stdin=stdin, max_size=max_size)


def read_source(
    source: Source, *, stdin: BinaryIO | None = None, max_size: int = DEFAULT_MAX_SIZE
) -> Iterator[Document]:
    if source.kind == "missing":
        yield Document(source.path, "", error="no such file or directory")
    elif source.kind == "text":
        doc = read_text_file(source.path, max_size=max_size)
        if doc.error is None:
            _attach_companions(doc, source, max_size)
        yield doc
    elif source.kind == "jsonl":
        try:
            with open(source.path, "rb") as fh:
                yield from read_jsonl_lines(fh, origin=source.path, max_size=max_size)
        except OSError as exc:
            yield Document(source.path, "", error=f"cannot read: {exc.strerror or exc}")
    else:
        data = (stdin or sys.stdin.buffer).read()
        yield from read_stdin_bytes(data, max_size=max_size)


def _attach_companions(doc: Document, source: Source, max_size: int) -> None:
    """Source/reference files paired with a text file; an unreadable companion fails the document."""
    for role, path in (("source", source.source), ("reference", source.reference)):
        if path is None:
            continue
        companion = read_text_file(path, max_size=max_size)
        if companion.error is not None:
            doc.error = f"{role} file {path}: {companion.error}"
            return
        setattr(doc, role, companion.text)
        doc.metadata[f"{role}_path"] = path
    if source.source_lang:
        doc.source_lang = source.source_lang


def read_text_file(path: str, *, max_size: int = DEFAULT_MAX_SIZE) -> Document:
    """One file → one document (id = the path as given)."""
    try:
        size = os.path.getsize(path)
        if max_size and size > max_size:
            return Document(
                path,
                "",
                metadata={"path": path},
                error=f"file too large ({size:,} bytes; limit {max_size:,}, see --max-size)",
            )
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return Document(path, "", metadata={"path": path}, error=f"cannot read: {exc.strerror or exc}")
    return document_from_bytes(path, data, max_size=max_size, metadata={"path": path})


def document_from_bytes(
    doc_id: str, data: bytes, *, max_size: int = DEFAULT_MAX_SIZE, metadata: dict | None = None
) -> Document:
    meta = dict(metadata or {})
    try:
        text, decoding = decode_bytes(data)
    except DecodeError as exc:
        return Document(doc_id, "", metadata=meta, error=str(exc))
    meta["decoding"] = decoding
    return Document(doc_id, text, metadata=meta, error=text_problem(text, max_size))


def read_jsonl_lines(
    lines: BinaryIO | Sequence[bytes], *, origin: str, max_size: int = DEFAULT_MAX_SIZE
) -> Iterator[Document]:
    """One document per non-blank line; JSONL is UTF-8 (a BOM on the first line is ignored)."""
    for line_no, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig" if line_no == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Document(
                f"{origin}:{line_no}",
                "",
                metadata={"path": origin, "line": line_no},
                error=f"{origin} line {line_no}: not valid UTF-8 ({exc.reason} at byte {exc.start})",
            )
            continue
        yield record_to_document(line, origin=origin, line_no=line_no, max_chars=max_size)


def read_stdin_bytes(data: bytes, *, max_size: int = DEFAULT_MAX_SIZE) -> Iterator[Document]:
    """Standard input: JSONL when the first non-blank line is a JSON object, else one text document."""
    lines = data.split(b"\n")
    first = next((raw for raw in lines if raw.strip()), b"")
    if (
        first.lstrip().startswith((b"{", b"\xef\xbb\xbf{"))
        and parse_object(first.decode("utf-8-sig", errors="replace")) is not None
    ):
        yield from read_jsonl_lines(lines, origin="<stdin>", max_size=max_size)
        return
    if max_size and len(data) > max_size:
        yield Document(
            STDIN, "", error=f"input too large ({len(data):,} bytes; limit {max_size:,}, see --max-size)"
        )
        return
    yield document_from_bytes(STDIN, data, max_size=max_size)


def count_documents(sources: Sequence[Source]) -> int | None:
    """How many documents the sources hold (for a progress bar); ``None`` when stdin is among them."""
    total = 0
    for s in sources:
        if s.kind == "stdin":
            return None
        if s.kind == "jsonl":
            try:
                with open(s.path, "rb") as fh:
                    total += sum(1 for raw in fh if raw.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total
