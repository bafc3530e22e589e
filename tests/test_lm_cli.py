"""``qc lm score`` and ``qc lm perplexity`` on a tiny model built in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qc.lm.cli import lm_app
from qc.lm.testing import build_tiny_model

runner = CliRunner()


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("tiny-lm"), context=16)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.txt"
    path.write_text("Der Hund bellt laut .\n\nDie Katze schläft .\n", encoding="utf-8")
    return path


def test_score_prints_one_json_object_per_non_empty_line(tiny_dir: Path, sample: Path) -> None:
    result = runner.invoke(lm_app, ["score", str(sample), "--lm", str(tiny_dir), "--tokens"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    lines = [(r["line"], r["text"]) for r in rows]
    assert lines == [(1, "Der Hund bellt laut ."), (3, "Die Katze schläft .")]
    first = rows[0]
    assert first["tokens"] == 6 and first["words"] == 5
    assert [p[0] for p in first["pieces"]] == ["Der", "Hund", "bellt", "laut", ".", ""]
    assert first["nll_per_token"] == pytest.approx(first["nll"] / first["tokens"], abs=1e-3)


def test_score_reads_stdin_and_honours_the_line_limit(tiny_dir: Path) -> None:
    result = runner.invoke(lm_app, ["score", "-", "--lm", str(tiny_dir), "--lines", "1"], input="a b\nc d\n")
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == ["a b"]


def test_perplexity_jsonl_and_text_formats(tiny_dir: Path, sample: Path) -> None:
    result = runner.invoke(lm_app, ["perplexity", str(sample), "--lm", str(tiny_dir)])
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)
    assert (row["file"], row["words"], row["tokens"], row["stream"]) == ("sample.txt", 9, 11, False)
    args = ["perplexity", str(sample), "--lm", str(tiny_dir), "--format", "text", "--stream"]
    text = runner.invoke(lm_app, args)
    assert text.exit_code == 0, text.output
    header, line = text.stdout.splitlines()
    assert header.split() == ["file", "tokens", "words", "chars", "ppl/word", "bits/char"]
    assert line.split()[:3] == ["sample.txt", "11", "9"]


def test_missing_model_is_a_clear_error_not_a_traceback(sample: Path, tmp_path: Path) -> None:
    result = runner.invoke(lm_app, ["perplexity", str(sample), "--lm", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "not found" in result.output


def test_lm_commands_are_mounted_on_the_main_cli() -> None:
    from qc.cli import app

    result = runner.invoke(app, ["lm", "--help"])
    assert result.exit_code == 0, result.output
    assert all(cmd in result.output for cmd in ("score", "perplexity", "train"))
