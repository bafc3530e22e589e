"""Build hook: compiles the cross-lingual checks (``qc.xling``) with mypyc where it can.

Everything else about the package is in ``pyproject.toml``. The compiled modules are the
same source files turned into C extensions (mypyc reads their type hints), about a fifth
faster per document; they are optional:

- ``QC_COMPILE=0 pip install ...`` installs pure Python;
- without a C compiler or Python's headers the build falls back to pure Python
  (the extensions are marked optional, so a failed compile is a warning);
- an editable install keeps the extensions next to their sources, and :mod:`qc.xling`
  loads the sources instead when one of them is newer than its extension (an edit
  takes effect without a rebuild; ``qc info`` says which is in use).
"""

from __future__ import annotations

import os
import sys

from setuptools import setup

#: the modules that run for every document with a source (the per-sentence work)
COMPILED = [
    "qc/xling/align.py",
    "qc/xling/bitext.py",
    "qc/xling/check_coverage.py",
    "qc/xling/check_length.py",
    "qc/xling/check_names.py",
    "qc/xling/check_numbers.py",
    "qc/xling/check_untranslated.py",
    "qc/xling/data.py",
    "qc/xling/langid.py",
    "qc/xling/lexicon.py",
    "qc/xling/names.py",
    "qc/xling/numbers.py",
    "qc/xling/source_chrome.py",
    "qc/xling/value.py",
    "qc/xling/word_caches.py",
]


def _extensions() -> list:
    if os.environ.get("QC_COMPILE", "1") == "0":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("qc: mypyc not available, installing pure Python", file=sys.stderr)
        return []
    try:
        extensions = mypycify(
            ["--ignore-missing-imports", "--follow-imports=silent", *COMPILED],
            opt_level=os.environ.get("MYPYC_OPT_LEVEL", "3"),
        )
    except (Exception, SystemExit) as exc:  # mypyc exits on a type error it cannot compile
        print(f"qc: mypyc cannot compile qc.xling ({exc}), installing pure Python", file=sys.stderr)
        return []
    for ext in extensions:
        ext.optional = True  # no compiler, no headers: pure Python, not a failed install
    return extensions


setup(ext_modules=_extensions())
