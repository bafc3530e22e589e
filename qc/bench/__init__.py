"""Benchmarks. Every module ``qc/bench/<name>.py`` that defines ``main`` becomes ``qc bench <name>``
(underscores in the module name become hyphens in the command).

``main`` is a plain typer command function: its parameters become the command's
options and its docstring the help. Modules are imported only when their command
runs (or ``qc bench --help`` lists them), so a benchmark that needs torch does not
slow down ``qc check``. To add one, drop a module here; nothing else to register.

>>> "heuristics" in available()
True
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any


def available() -> list[str]:
    """Names of the benchmark modules in this package (without importing them)."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def load(name: str) -> Callable[..., Any]:
    """The ``main`` command function of benchmark ``name``."""
    module = importlib.import_module(f"{__name__}.{name}")
    main = getattr(module, "main", None)
    if not callable(main):
        raise AttributeError(f"benchmark module qc.bench.{name} defines no main()")
    return main
