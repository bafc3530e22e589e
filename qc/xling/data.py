"""Load the cross-lingual data tables shipped in ``qc/data`` (cached).

Example::

    >>> number_tables()["multipliers"]["en"]["billion"]
    1000000000.0
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("qc.data").joinpath(name).read_text(encoding="utf-8"))


@cache
def number_tables() -> dict[str, Any]:
    """Number words, multipliers, months, weekdays and idioms (``xling_numbers.toml``)."""
    return _load("xling_numbers.toml")


@cache
def name_tables() -> dict[str, Any]:
    """Name spellings and common-word settings (``names_de.toml``)."""
    return _load("names_de.toml")


@cache
def lexicon_tables() -> dict[str, Any]:
    """The English→German lexicon and the function-word lists (``xling_lexicon.toml``)."""
    return _load("xling_lexicon.toml")
