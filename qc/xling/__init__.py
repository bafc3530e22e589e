"""Cross-lingual checks: the German target against its source text.

Stages, in the order the :class:`~qc.detectors.xling_checks.CrossLingualDetector`
runs them once per document::

    source + target ──► sentences ──► align (length DP + anchors) ──► checks
                        (fast regex     1-1, 1-2, 2-1, 1-0, 0-1        numbers, names,
                         or syntok,     links; anchors: numbers,       omission, addition,
                         exact offsets) names, cognates, lexicon       untranslated, length
                                        entries, copies; line by
                                        line when line counts agree

Measured on WMT22 en→de with ``qc bench xling`` (see :mod:`qc.bench.xling`).

Language data lives in ``qc/data/xling_numbers.toml``, ``qc/data/names_de.toml`` and
``qc/data/xling_lexicon.toml`` (English→German word stems, function words).
Directory pairing (``x.txt`` + ``x.src.txt`` + ``x.ref.txt``) is in
:mod:`qc.xling.pairing`; reference scores (chrF, BLEU, TER) in :mod:`qc.xling.reference`.

The per-document modules are compiled with mypyc when the package is installed with a C
compiler at hand (``setup.py``); this package then loads the plain sources instead when
``QC_PURE_PYTHON=1`` is set or a source is newer than its compiled module (an edit since the
last ``pip install -e .``), so an edit always takes effect. :func:`implementation` says which.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

_HERE = Path(__file__).parent


def _stale_extensions() -> list[str]:
    """Modules of this package whose source is newer than their compiled extension, in a
    source checkout (an editable install: ``pyproject.toml`` beside the package). An installed
    wheel is consistent by construction, and its files carry the time they were unpacked."""
    if not (_HERE.parent.parent / "pyproject.toml").exists():
        return []
    stale = []
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for ext in _HERE.glob(f"*{suffix}"):
            source = ext.with_name(ext.name[: -len(suffix)] + ".py")
            if source.exists() and source.stat().st_mtime > ext.stat().st_mtime + 1.0:
                stale.append(source.stem)
    return sorted(stale)


def _pure_reason() -> str:
    if os.environ.get("QC_PURE_PYTHON", "") not in ("", "0"):
        return "QC_PURE_PYTHON is set"
    stale = _stale_extensions()
    if stale:
        return f"sources newer than their compiled modules: {', '.join(stale)}; run `pip install -e .` again"
    return ""


class _SourcesFirst(importlib.abc.MetaPathFinder):
    """Imports this package's modules from their ``.py`` files even where a compiled
    extension sits beside them (all of them: compiled modules call each other directly)."""

    def find_spec(
        self, fullname: str, path: object = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        source = _HERE / f"{name}.py"
        if package != __name__ or not source.exists():
            return None
        return importlib.util.spec_from_file_location(fullname, source)


#: why the modules run as pure Python although compiled ones may be installed, or ""
PURE_REASON = _pure_reason()
if PURE_REASON:
    sys.meta_path.insert(0, _SourcesFirst())
    if not PURE_REASON.startswith("QC_PURE_PYTHON"):
        warnings.warn(f"qc.xling runs as pure Python: {PURE_REASON}", RuntimeWarning, stacklevel=2)


def implementation() -> str:
    """How the cross-lingual checks run: ``"compiled (mypyc)"`` or ``"pure Python"`` (with the
    reason when compiled modules are there but not used)."""
    from qc.xling import numbers

    if Path(numbers.__file__ or "").suffix == ".py":
        return f"pure Python ({PURE_REASON})" if PURE_REASON else "pure Python"
    return "compiled (mypyc)"
