"""LMScorer: loading, offsets, batching and the sliding window.

Generic behaviour runs on a tiny random GPT-2 built in the test (qc.lm.testing); the
shipped-model tests need models/qc-de-lm and are skipped, saying so, when it is absent.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
import torch

from qc.lm.scorer import LMScorer, default_model_path, resolve_model, split_windows
from qc.lm.testing import build_tiny_model

SENTENCES = [
    "Der Hund bellt laut.",
    "Die Polizei meldete am Montag , die Grenze sei nicht verletzt .",
    "",
    "Berlin",
    "Die Regierung hat heute einen neuen Bericht : 3 Prozent !",
]


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("tiny-lm"), context=16)


@pytest.fixture(scope="module")
def tiny(tiny_dir: Path) -> LMScorer:
    return LMScorer.load(str(tiny_dir), device="cpu")


def plain_logprobs(scorer: LMScorer, ids: list[int]) -> list[float]:
    """Log-probabilities of ids[1:] from one unbatched forward pass (the reference)."""
    x = torch.tensor([ids])
    with torch.inference_mode():
        logits = scorer.model(x).logits[0, :-1].float()
    return torch.log_softmax(logits, -1).gather(-1, x[0, 1:, None])[:, 0].tolist()


def sentence_ids(scorer: LMScorer, text: str) -> list[int]:
    return [scorer.bos_id, *scorer.tokenizer(text, add_special_tokens=False)["input_ids"], scorer.eos_id]


def test_generic_hf_folder_loads_and_gpt2_style_model_starts_with_eos(tiny: LMScorer, tiny_dir: Path) -> None:
    # the tiny model, like GPT-2, has an end-of-text token but no start token
    assert tiny.tokenizer.bos_token_id is None
    assert tiny.bos_id == tiny.eos_id == tiny.tokenizer.eos_token_id
    assert tiny.context == 16
    assert tiny.device == "cpu"
    assert next(tiny.model.parameters()).dtype == torch.float32


def test_load_is_cached_per_model_and_device(tiny: LMScorer, tiny_dir: Path) -> None:
    assert LMScorer.load(str(tiny_dir), device="cpu") is tiny


def test_batched_scores_equal_one_sentence_at_a_time(tiny: LMScorer) -> None:
    scores = tiny.score_texts(SENTENCES)
    for text, score in zip(SENTENCES, scores, strict=True):
        assert score.logprobs == pytest.approx(plain_logprobs(tiny, sentence_ids(tiny, text)), abs=1e-4)


def test_offsets_point_at_the_scored_words_and_eos_at_the_end(tiny: LMScorer) -> None:
    text = "Die Polizei meldete am Montag , die Grenze sei nicht verletzt ."
    score = tiny.score_texts([text])[0]
    assert [text[a:b] for a, b in score.offsets[:-1]] == text.split()
    assert score.offsets[-1] == (len(text), len(text))
    assert score.token_ids[-1] == tiny.eos_id
    assert score.n_tokens == len(text.split()) + 1
    assert score.words == len(text.split())


def test_nll_fast_path_equals_sum_of_token_logprobs(tiny: LMScorer) -> None:
    totals = tiny.nll(SENTENCES)
    for total, score in zip(totals, tiny.score_texts(SENTENCES), strict=True):
        assert total == pytest.approx(-sum(score.logprobs), rel=1e-6)
        assert score.nll == pytest.approx(total, rel=1e-6)
        assert score.nll_per_token == pytest.approx(total / score.n_tokens)


def test_empty_text_scores_only_the_end_of_sentence(tiny: LMScorer) -> None:
    score = tiny.score_texts([""])[0]
    assert score.n_tokens == 1 and score.offsets == [(0, 0)]
    assert score.nll > 0


def test_without_specials_the_first_token_is_context_only(tiny: LMScorer) -> None:
    text = "Der Hund bellt laut ."
    score = tiny.score_texts([text], add_special=False)[0]
    ids = tiny.tokenizer(text, add_special_tokens=False)["input_ids"]
    assert [text[a:b] for a, b in score.offsets] == text.split()[1:]
    assert score.logprobs == pytest.approx(plain_logprobs(tiny, ids), abs=1e-4)


def test_text_longer_than_the_context_is_scored_once_per_token(tiny: LMScorer) -> None:
    text = " ".join(["die Katze schläft und der Hund bellt ."] * 6)  # 48 words, context 16
    ids = sentence_ids(tiny, text)
    score = tiny.score_texts([text])[0]
    assert score.n_tokens == len(ids) - 1
    assert [text[a:b] for a, b in score.offsets[:-1]] == text.split()
    # first window: plain scoring of the first 16 ids
    assert score.logprobs[:15] == pytest.approx(plain_logprobs(tiny, ids[:16]), abs=1e-4)
    # second window starts at 8 and scores targets 16..23 with 8..15 tokens of left context
    assert score.logprobs[15:23] == pytest.approx(plain_logprobs(tiny, ids[8:24])[7:], abs=1e-4)
    # windows start at 0, 8, …, 32 (scoring up to target 47); the last one is aligned to the
    # end (ids 34..49) and scores the two targets left
    assert len(ids) == 50
    assert score.logprobs[-2:] == pytest.approx(plain_logprobs(tiny, ids[-16:])[-2:], abs=1e-4)


def test_sliding_window_gives_single_window_logprobs_when_the_text_fits(tiny: LMScorer) -> None:
    narrow = LMScorer(tiny.model, tiny.tokenizer, "cpu", max_context=8)
    short = "Der Hund bellt laut ."  # 7 ids with <s> and </s>: fits 8
    assert narrow.score_texts([short])[0].logprobs == tiny.score_texts([short])[0].logprobs
    longer = "Die Polizei meldete am Montag , die Grenze sei nicht verletzt ."
    wide, windowed = tiny.score_texts([longer])[0], narrow.score_texts([longer])[0]
    assert windowed.offsets == wide.offsets
    assert windowed.logprobs[:7] == pytest.approx(wide.logprobs[:7], abs=1e-5)
    assert windowed.logprobs[7:] != pytest.approx(wide.logprobs[7:], abs=1e-5)  # less context there


@pytest.mark.parametrize(
    ("n", "context", "first"), list(itertools.product([1, 2, 5, 16, 17, 40, 41], [2, 3, 8], [1, 3, 9]))
)
def test_windows_score_every_target_once_with_half_a_context(n: int, context: int, first: int) -> None:
    windows = split_windows(0, list(range(n)), context, first)
    assert [t for w in windows for t in w.ids[w.first :]] == list(range(first, n))
    for w in windows:
        assert len(w.ids) <= context and w.first >= 1
        for j in range(w.first, len(w.ids)):  # j = tokens of left context of target w.ids[j]
            assert j >= min(context // 2, w.ids[j])


def test_left_context_passed_to_score_ids_is_not_scored(tiny: LMScorer) -> None:
    ids = sentence_ids(tiny, "Die Polizei meldete am Montag , die Grenze sei nicht verletzt .")
    full = tiny.score_ids([ids])[0]
    assert tiny.score_ids([ids], first=5)[0] == pytest.approx(full[4:], abs=1e-5)


def test_word_logprobs_add_up_to_the_token_logprobs(tiny: LMScorer) -> None:
    text = "Der Hund , bellt heute !"
    score = tiny.score_texts([text])[0]
    words = score.word_logprobs()
    assert [text[a:b] for a, b, _ in words] == text.split()
    assert sum(lp for *_, lp in words) == pytest.approx(sum(score.logprobs[:-1]))


def test_int8_quantisation_keeps_scores_close(tiny_dir: Path, tiny: LMScorer) -> None:
    quantized = LMScorer.load(str(tiny_dir), device="cpu", quantize=True)
    assert quantized is not tiny
    assert not any(type(m).__name__ == "Conv1D" for m in quantized.model.modules())
    ref, q = tiny.score_texts(SENTENCES[:2]), quantized.score_texts(SENTENCES[:2])
    for a, b in zip(ref, q, strict=True):
        assert b.logprobs == pytest.approx(a.logprobs, abs=0.05)


def test_missing_local_model_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        LMScorer.load(str(tmp_path / "no-such-model"))


def test_default_model_is_the_shipped_folder_unless_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QC_LM_MODEL", raising=False)
    assert default_model_path().parts[-2:] == ("models", "qc-de-lm")
    monkeypatch.setenv("QC_LM_MODEL", "/somewhere/else")
    assert default_model_path() == Path("/somewhere/else")
    assert resolve_model("some-org/some-model") == ("some-org/some-model", False)


# --------------------------------------------------------------------------- shipped model

SHIPPED_DIR = default_model_path()  # models/qc-de-lm, or QC_LM_MODEL (e.g. a training checkpoint)
needs_shipped = pytest.mark.skipif(
    not (SHIPPED_DIR / "model.safetensors").exists(),
    reason=f"{SHIPPED_DIR} is not there yet (train it: qc lm train --config configs/lm-default.toml)",
)


@pytest.fixture(scope="module")
def shipped() -> LMScorer:
    import os

    old = os.environ.get("HF_HUB_OFFLINE")
    os.environ["HF_HUB_OFFLINE"] = "1"  # must load without the network
    try:
        return LMScorer.load(str(SHIPPED_DIR), device="cpu")
    finally:
        if old is None:
            del os.environ["HF_HUB_OFFLINE"]
        else:
            os.environ["HF_HUB_OFFLINE"] = old


@needs_shipped
def test_shipped_model_loads_offline_with_sentencepiece_ids(shipped: LMScorer) -> None:
    import sentencepiece as spm

    assert (shipped.bos_id, shipped.eos_id, shipped.pad_id) == (2, 3, 0)
    sp = spm.SentencePieceProcessor(model_file=str(Path(shipped.name) / "tokenizer.model"))
    text = "Die Bundesregierung kündigte am Montag 3,5 Mrd. € für „Zölle“ an – überraschend 🙂"
    assert shipped.tokenizer(text, add_special_tokens=False)["input_ids"] == sp.encode(text)


@needs_shipped
def test_shipped_model_offsets_cover_the_text_in_order(shipped: LMScorer) -> None:
    text = "Ärger über „Zölle“: Söder (CSU) nennt 12,5 % „zu viel“ – ǅ 🙂."
    score = shipped.score_texts([text])[0]
    pieces = [text[a:b] for a, b in score.offsets]
    assert pieces[-1] == "" and score.offsets[-1] == (len(text), len(text))
    covered = set()
    for (a, b), (c, _) in itertools.pairwise(score.offsets):
        assert a <= c and a < b  # in order, every piece but </s> non-empty
        covered.update(range(a, b))
    assert covered == set(range(len(text)))
    assert [text[a:b] for a, b, _ in score.word_logprobs()] == text.split()


@needs_shipped
def test_shipped_model_sliding_window_matches_single_window_on_short_text(shipped: LMScorer) -> None:
    text = "Der Bundestag hat am Donnerstag das Gesetz beschlossen."
    n_ids = len(shipped.tokenizer(text, add_special_tokens=False)["input_ids"]) + 2
    narrow = LMScorer(shipped.model, shipped.tokenizer, "cpu", max_context=n_ids)
    assert narrow.score_texts([text])[0].logprobs == pytest.approx(shipped.score_texts([text])[0].logprobs)


@needs_shipped
def test_shipped_model_prefers_german_word_order_to_scrambled(shipped: LMScorer) -> None:
    pairs = [
        ("Die Regierung hat am Montag neue Maßnahmen angekündigt.",
         "Montag Maßnahmen die angekündigt hat neue Regierung am."),
        ("Nach Angaben der Polizei wurde niemand verletzt.",
         "Polizei niemand nach der verletzt Angaben wurde."),
        ("Der Zug fuhr am späten Abend in Richtung Grenze ab.",
         "Zug Abend ab der in fuhr Grenze späten Richtung am."),
    ]
    nll = shipped.nll([x for pair in pairs for x in pair])
    for i in range(len(pairs)):
        assert nll[2 * i] < nll[2 * i + 1]
    assert all(math.isfinite(x) for x in nll)
