"""Directory pairing rule: ``x.txt`` is checked with ``x.src.txt`` (source) and ``x.ref.txt`` (reference).

A file named ``<stem>.src.<ext>`` or ``<stem>.ref.<ext>`` is never a document of
its own when its partner ``<stem>.<ext>`` exists. The source language can be
given in the name, ``<stem>.src.it.txt``; otherwise it is detected.

Example::

    >>> [(p.target, p.source, p.reference) for p in pair_paths(["a.txt", "a.src.txt", "a.ref.txt", "b.txt"])]
    [('a.txt', 'a.src.txt', 'a.ref.txt'), ('b.txt', None, None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_ROLE = re.compile(r"^(?P<stem>.+)\.(?P<role>src|ref)(?:\.(?P<lang>[a-z]{2}))?(?P<ext>\.[^.]+)$")


@dataclass(frozen=True, slots=True)
class Pairing:
    target: str
    source: str | None = None
    reference: str | None = None
    source_lang: str | None = None


def pair_paths(paths: list[str]) -> list[Pairing]:
    """Group file names into target + optional source + optional reference (input order kept)."""
    names = set(paths)
    partners: dict[str, dict[str, str]] = {}
    companion: set[str] = set()
    for p in paths:
        m = _ROLE.match(p)
        if not m:
            continue
        target = m.group("stem") + m.group("ext")
        if target in names:
            partners.setdefault(target, {})[m.group("role")] = p
            if m.group("role") == "src" and m.group("lang"):
                partners[target]["lang"] = m.group("lang")
            companion.add(p)
    out = []
    for p in paths:
        if p in companion:
            continue
        got = partners.get(p, {})
        out.append(Pairing(p, got.get("src"), got.get("ref"), got.get("lang")))
    return out


def pair_directory(directory: str | Path, pattern: str = "*.txt") -> list[Pairing]:
    """:func:`pair_paths` over the files of ``directory`` matching ``pattern`` (sorted)."""
    d = Path(directory)
    files = sorted(str(p) for p in d.glob(pattern) if p.is_file())
    # companions may carry a language tag before the extension: x.src.it.txt
    return pair_paths(files)
