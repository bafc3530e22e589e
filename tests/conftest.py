"""Shared fixtures: the seed articles, a file writer and a CLI runner."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = FIXTURES / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_texts(seed_paths: list[Path]) -> dict[str, str]:
    """File name → text exactly as decoded (UTF-8, no newline translation)."""
    return {p.name: p.read_bytes().decode("utf-8") for p in seed_paths}


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """``write("a.txt", "Text")`` → a file under ``tmp_path`` (str as UTF-8, bytes verbatim)."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write


@pytest.fixture
def write_jsonl(write: Callable[[str, str | bytes], Path]) -> Callable[[str, list[object]], Path]:
    def _write(name: str, records: list[object]) -> Path:
        return write(name, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))

    return _write


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _fresh_source_sides() -> None:
    """Every test reads its sources afresh: the cross-lingual checks keep what they read of a
    source for the next check of the same text, which would tie a test to the ones before it."""
    from qc.xling.bitext import forget_sources

    forget_sources()


@pytest.fixture(autouse=True)
def _unfrozen_heap() -> Iterator[None]:
    """``qc check`` freezes what its first document loaded (:func:`qc.pipeline.freeze_loaded_state`);
    run in this process by a CLI test, that would keep the test's objects from the collector for
    the rest of the session: each test ends with the heap unfrozen."""
    yield
    if gc.get_freeze_count():
        gc.unfreeze()
