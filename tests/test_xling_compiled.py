"""The cross-lingual modules compiled by mypyc (``setup.py``) and their pure-Python sources.

Where the package is installed compiled, these tests show that the compiled modules find
exactly what the sources find, and that ``QC_PURE_PYTHON`` and a source edited since the
build switch to the sources; where it is installed pure, both sides run the sources.
"""

from __future__ import annotations

import gc
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_xling_detector import ARTICLE_SRC, ARTICLE_TGT, SOURCE, TARGET
from test_xling_languages import FRENCH, FRENCH_DE, ITALIAN, ITALIAN_DE, SPANISH, SPANISH_DE

import qc.xling
from qc.model import Document
from qc.pipeline import Checker

PAIRS = [
    (TARGET, SOURCE),
    (ARTICLE_TGT, ARTICLE_SRC),
    (FRENCH_DE, FRENCH),
    (ITALIAN_DE, ITALIAN),
    (SPANISH_DE, SPANISH),
    # an untranslated sentence, a dropped one and a changed number
    ("Die Regierung senkte die Steuer um 3 Prozent. The talks will continue next week.",
     "The government cut the tax by 5 percent. The talks will continue next week. Nobody came."),
]

_CHECK_ALL = """
import json, sys
from qc.model import Document
from qc.pipeline import Checker
import qc.xling
checker = Checker(use_lm=False)
out = [qc.xling.implementation()]
for text, source in json.loads(sys.stdin.read()):
    r = checker.check(Document("d", text, source=source))
    out.append([[f.start, f.end, f.category, f.severity, f.confidence, f.message, f.detector]
                for f in r.findings])
print(json.dumps(out))
"""


def _run(env_extra: dict[str, str]) -> list:
    env = {**os.environ, **env_extra}
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", _CHECK_ALL], input=json.dumps(PAIRS), env=env,
                          capture_output=True, text=True, check=True, cwd=root)
    return json.loads(done.stdout)


def test_the_pure_python_modules_find_exactly_what_the_installed_ones_find() -> None:
    installed = _run({"QC_PURE_PYTHON": "0"})
    pure = _run({"QC_PURE_PYTHON": "1"})
    assert pure[0].startswith("pure Python (QC_PURE_PYTHON")
    assert installed[1:] == pure[1:]
    # the examples do exercise the cross-lingual checks
    assert {"number", "untranslated", "omission"} <= {f[2] for doc in pure[1:] for f in doc}


def test_in_this_process_the_checks_run_as_implementation_says() -> None:
    from qc.xling import numbers

    said = qc.xling.implementation()
    if numbers.__file__.endswith(".py"):
        assert said.startswith("pure Python")
    else:
        assert said == "compiled (mypyc)"
    report = Checker(use_lm=False).check(Document("d", TARGET, source=SOURCE))
    assert any(f.detector == "crosslingual" for f in report.findings)


def test_checking_with_a_source_leaves_no_reference_cycles() -> None:
    """Everything a check builds is freed as soon as the report is done (by reference counts):
    a reference cycle (a compiled closure's environment, say) would leave every document's
    bitext and word lists to the garbage collector, which then runs far more often."""
    checker = Checker(use_lm=False)
    docs = [Document(f"d{k}", target, source=source) for k, (target, source) in enumerate(PAIRS)]
    for doc in docs:
        checker.check(doc)  # (tables and caches are loaded once, outside the count)
    gc.collect()
    gc.disable()
    try:
        reports = [checker.check(doc) for doc in docs]
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert any(f.detector == "crosslingual" for r in reports for f in r.findings)


@pytest.mark.parametrize(("source_newer", "stale"), [(True, ["numbers"]), (False, [])])
def test_a_source_edited_after_the_build_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source_newer: bool, stale: list[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("")  # a source checkout: qc/xling/ under the project
    package = tmp_path / "qc" / "xling"
    package.mkdir(parents=True)
    source, ext = package / "numbers.py", package / f"numbers{importlib.machinery.EXTENSION_SUFFIXES[0]}"
    source.write_text("")
    ext.write_bytes(b"")
    older, newer = 1_700_000_000, 1_700_000_100
    os.utime(source, (newer, newer) if source_newer else (older, older))
    os.utime(ext, (older, older) if source_newer else (newer, newer))
    monkeypatch.setattr(qc.xling, "_HERE", package)
    assert qc.xling._stale_extensions() == stale
    monkeypatch.delenv("QC_PURE_PYTHON", raising=False)
    assert ("numbers" in qc.xling._pure_reason()) == source_newer


def test_an_installed_package_is_never_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wheel's files carry the time they were unpacked (a source may come out a little newer
    than its extension): outside a source checkout the extensions are used as they are."""
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    package = tmp_path / "site-packages" / "qc" / "xling"
    package.mkdir(parents=True)
    (package / f"numbers{suffix}").write_bytes(b"")
    (package / "numbers.py").write_text("")
    os.utime(package / f"numbers{suffix}", (1_700_000_000, 1_700_000_000))
    monkeypatch.setattr(qc.xling, "_HERE", package)
    assert qc.xling._stale_extensions() == []


_DOCTESTS = """
import doctest, importlib, json, pathlib, sys
import qc.xling
names = sorted(p.stem for p in pathlib.Path(qc.xling.__file__).parent.glob("*.py") if p.stem != "__init__")
out = {}
for name in names:
    result = doctest.testmod(importlib.import_module("qc.xling." + name))
    out[name] = [result.failed, result.attempted]
print(json.dumps({"implementation": qc.xling.implementation(), "results": out}))
"""


def test_docstring_examples_of_the_sources_hold():
    """The examples in every module's docstrings, run on the sources (``QC_PURE_PYTHON``, in a
    fresh process): a compiled module keeps no examples to run."""
    env = {**os.environ, "QC_PURE_PYTHON": "1"}
    proc = subprocess.run([sys.executable, "-c", _DOCTESTS], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["implementation"].startswith("pure Python")
    failed = {name: r for name, r in got["results"].items() if r[0]}
    assert not failed, proc.stdout
    assert sum(r[1] for r in got["results"].values()) >= 20  # the examples did run
