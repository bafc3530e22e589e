"""JSONL records → documents. One bad line becomes one error document; nothing is dropped.

A record is ``{"id": str, "text": str, "source"?: str, "source_lang"?: str,
"reference"?: str, ...}``; other keys are kept in ``Document.metadata["fields"]``.

>>> doc = record_to_document('{"id": "a", "text": "Hallo Welt."}', origin="in.jsonl", line_no=1)
>>> doc.id, doc.text, doc.error
('a', 'Hallo Welt.', None)
>>> record_to_document('{"id": "b"}', origin="in.jsonl", line_no=2).error
'in.jsonl line 2: no "text" field'
"""

from __future__ import annotations

import json
from typing import Any

from qc.io.markup import html_reason
from qc.model import Document

_OPTIONAL_STRINGS = ("source", "source_lang", "reference")


def parse_object(line: str) -> dict[str, Any] | None:
    """The JSON object on ``line``, or ``None`` when the line is no JSON object."""
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def record_to_document(line: str, *, origin: str, line_no: int, max_chars: int = 0) -> Document:
    """Parse one JSONL line; problems become ``Document.error`` (id falls back to ``origin:line``)."""
    where = f"{origin} line {line_no}"
    fallback_id = f"{origin}:{line_no}"
    meta: dict[str, Any] = {"path": origin, "line": line_no}
    try:
        record = json.loads(line)
    except ValueError as exc:
        return Document(fallback_id, "", metadata=meta, error=f"{where}: not JSON ({exc})")
    if not isinstance(record, dict):
        return Document(
            fallback_id,
            "",
            metadata=meta,
            error=f"{where}: a JSON object expected, got {type(record).__name__}",
        )
    doc_id = record.get("id", fallback_id)
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        return Document(fallback_id, "", metadata=meta, error=f'{where}: "id" must be a string or integer')
    doc_id = str(doc_id)
    if "text" not in record:
        return Document(doc_id, "", metadata=meta, error=f'{where}: no "text" field')
    text = record["text"]
    if not isinstance(text, str):
        return Document(
            doc_id, "", metadata=meta, error=f'{where}: "text" must be a string, got {type(text).__name__}'
        )
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL_STRINGS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return Document(doc_id, text, metadata=meta, error=f'{where}: "{key}" must be a string or null')
        fields[key] = value
    extra = {k: v for k, v in record.items() if k not in ("id", "text", *_OPTIONAL_STRINGS)}
    if extra:
        meta["fields"] = extra
    doc = Document(
        doc_id,
        text,
        source=fields["source"],
        source_lang=fields["source_lang"],
        reference=fields["reference"],
        metadata=meta,
    )
    doc.error = text_problem(text, max_chars)
    if doc.error:
        doc.error = f"{where}: {doc.error}"
    return doc


def text_problem(text: str, max_chars: int = 0) -> str | None:
    """Why a decoded text cannot be checked (blank, HTML, too long), or ``None``."""
    if not text.strip():
        return "no text (whitespace only)" if text else "empty text"
    if max_chars and len(text) > max_chars:
        return f"text too long ({len(text):,} characters; limit {max_chars:,}, see --max-size)"
    return html_reason(text)
