"""Per-file perplexity: per-word perplexity and bits/char from the scorer's NLL."""

from __future__ import annotations

import lzma
import math
from pathlib import Path

import pytest

from qc.lm import perplexity as perplexity_module
from qc.lm.perplexity import FilePerplexity, file_perplexity, read_lines
from qc.lm.scorer import LMScorer
from qc.lm.testing import build_tiny_model

LINES = [
    "Der Hund bellt laut .",
    "Die Polizei meldete am Montag , die Grenze sei nicht verletzt .",
    "Die Regierung hat heute einen neuen Bericht : 3 Prozent !",
    " ".join(["die Katze schläft und der Hund bellt ."] * 4),  # longer than the context of 16
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> LMScorer:
    return LMScorer.load(str(build_tiny_model(tmp_path_factory.mktemp("tiny-lm"), context=16)), device="cpu")


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample.txt"
    path.write_text(LINES[0] + "\n\n" + "\n".join(LINES[1:]) + "\n", encoding="utf-8")  # one empty line
    return path


def test_aggregates_follow_the_definitions(tiny: LMScorer, text_file: Path) -> None:
    result = file_perplexity(text_file, tiny)
    scores = tiny.score_texts(LINES)
    nll = sum(s.nll for s in scores)
    assert result.tokens == sum(s.n_tokens for s in scores)  # every line's </s> is counted
    assert result.words == sum(len(x.split()) for x in LINES)
    assert result.chars == sum(len(x) for x in LINES)  # no newlines
    assert result.perplexity_per_word == pytest.approx(math.exp(nll / result.words), rel=1e-5)
    assert result.bits_per_char == pytest.approx(nll / math.log(2) / result.chars, rel=1e-5)
    keys = {"file", "tokens", "words", "chars", "perplexity_per_word", "bits_per_char"}
    assert set(result.to_dict()) == keys


def test_xz_file_gives_the_same_result_as_plain_text(tiny: LMScorer, text_file: Path, tmp_path: Path) -> None:
    xz = tmp_path / "sample.txt.xz"
    with lzma.open(xz, "wt", encoding="utf-8") as fh:
        fh.write(text_file.read_text(encoding="utf-8"))
    from_xz, from_txt = file_perplexity(xz, tiny), file_perplexity(text_file, tiny)
    assert from_xz.file == "sample.txt.xz"
    assert (from_xz.tokens, from_xz.words, from_xz.chars) == (from_txt.tokens, from_txt.words, from_txt.chars)
    assert from_xz.nll == pytest.approx(from_txt.nll)


def test_line_limit_takes_the_first_non_empty_lines(tiny: LMScorer, text_file: Path) -> None:
    assert list(read_lines(text_file, limit=2)) == LINES[:2]
    assert file_perplexity(text_file, tiny, limit=2).words == sum(len(x.split()) for x in LINES[:2])


def test_chunking_does_not_change_the_result(
    tiny: LMScorer, text_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = file_perplexity(text_file, tiny)
    monkeypatch.setattr(perplexity_module, "CHUNK_LINES", 1)
    assert file_perplexity(text_file, tiny).nll == pytest.approx(whole.nll, rel=1e-6)


def test_stream_mode_gives_sentences_their_predecessors_as_context(tiny: LMScorer, text_file: Path) -> None:
    per_line = file_perplexity(text_file, tiny)
    stream = file_perplexity(text_file, tiny, stream=True)
    assert (stream.words, stream.chars) == (per_line.words, per_line.chars)
    # GPT-2 style model (start token = end token): one separator per line, so the same count
    assert stream.tokens == per_line.tokens
    assert stream.nll != pytest.approx(per_line.nll)
    assert math.isfinite(stream.perplexity_per_word)


def test_empty_file_has_no_perplexity(tiny: LMScorer, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    result = file_perplexity(empty, tiny)
    assert result.tokens == 0 and math.isnan(result.perplexity_per_word)


def test_value_object_rounds_only_when_serialised() -> None:
    r = FilePerplexity("f", tokens=3, words=2, chars=8, nll=math.log(10) * 2)
    assert r.perplexity_per_word == pytest.approx(10.0)
    assert r.to_dict()["perplexity_per_word"] == 10.0
