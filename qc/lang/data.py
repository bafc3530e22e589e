"""Load the detectors' TOML data files once, optionally merged with a user's file.

A user file extends the shipped one: lists are concatenated, tables merged key by
key, so ``extra_file = "my-boilerplate.toml"`` with ``[lines] exact = ["Promotion"]``
adds one marker without repeating the shipped list.

Example::

    >>> data = load_data("boilerplate")
    >>> "Anzeige" in data["lines"]["exact"]
    True
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

#: the shipped data files (package data, see pyproject.toml)
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = old + value
        else:
            out[key] = value
    return out


@cache
def load_data(name: str, extra_file: str | None = None) -> dict[str, Any]:
    """The shipped ``qc/data/<name>.toml``, extended by ``extra_file`` if given (cached)."""
    shipped = (DATA_DIR / f"{name}.toml").read_text(encoding="utf-8")
    data = tomllib.loads(shipped)
    if extra_file:
        data = _merge(data, tomllib.loads(Path(extra_file).read_text(encoding="utf-8")))
    return data
