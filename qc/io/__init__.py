"""Input reading: files, directories, JSONL and stdin → :class:`qc.model.Document`.

See :mod:`qc.io.readers` for the path rules, :mod:`qc.io.decode` for the decoding
rules and :mod:`qc.io.markup` for the HTML rule.
"""

from qc.io.decode import DecodeError, decode_bytes, looks_binary
from qc.io.jsonl import record_to_document, text_problem
from qc.io.markup import html_reason
from qc.io.readers import (
    DEFAULT_MAX_SIZE,
    Source,
    count_documents,
    document_from_bytes,
    expand_paths,
    read_documents,
    read_jsonl_lines,
    read_source,
    read_stdin_bytes,
    read_text_file,
)

__all__ = [
    "DEFAULT_MAX_SIZE",
    "DecodeError",
    "Source",
    "count_documents",
    "decode_bytes",
    "document_from_bytes",
    "expand_paths",
    "html_reason",
    "looks_binary",
    "read_documents",
    "read_jsonl_lines",
    "read_source",
    "read_stdin_bytes",
    "read_text_file",
    "record_to_document",
    "text_problem",
]
