"""Write repaired texts to a folder, one file per document, names derived safely from ids.

The id's path parts are joined with ``__`` and reduced to ``[A-Za-z0-9._-]``; ``..``
and leading dots are dropped, ``.txt`` is appended when missing, and a second
document with the same name gets ``-2``, ``-3`` … before the suffix. Files are UTF-8
(whatever the input encoding was) with line breaks exactly as in the repaired text.

>>> repaired_filename("fixtures/seeds/000_a.txt"), repaired_filename("../../etc/passwd")
('fixtures__seeds__000_a.txt', 'etc__passwd.txt')
"""

from __future__ import annotations

import re
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 180


def repaired_filename(doc_id: str) -> str:
    if doc_id == "-":
        return "stdin.txt"
    parts = [p for p in doc_id.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    name = _UNSAFE.sub("_", "__".join(parts)).lstrip(".") or "document"
    stem, dot, ext = name.rpartition(".")
    if not dot or ext.lower() != "txt":
        stem, ext = name, "txt"
    return f"{stem[: _MAX_NAME - 4]}.{ext}"


class RepairWriter:
    """Writes each document's repaired text into ``folder`` (created if needed)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._used: set[str] = set()

    def write(self, doc_id: str, text: str) -> Path:
        name = repaired_filename(doc_id)
        stem, _, ext = name.rpartition(".")
        n = 1
        while name.lower() in self._used:
            n += 1
            name = f"{stem}-{n}.{ext}"
        self._used.add(name.lower())
        path = self.folder / name
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return path
