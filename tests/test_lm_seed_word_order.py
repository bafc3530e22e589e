"""The shipped LM prefers each seed word-order sentence with its gold repair applied.

Acceptance of "The default German LM": each of the three word-order gold sentences scores
worse (higher total NLL) than the same sentence with its gold repair.
"""

from __future__ import annotations

import pytest

from qc.segment import Segmentation
from tests._seedkit import gold, seed_text


def _model_available() -> bool:
    from qc.lm.scorer import default_model_path

    return (default_model_path() / "model.safetensors").exists()


pytestmark = pytest.mark.skipif(not _model_available(), reason="models/qc-de-lm has no weights")

WORD_ORDER = gold("word-order")


def _sentence_pair(item: dict) -> tuple[str, str]:
    text = seed_text(item["doc"])
    sentence = next(s for s in Segmentation(text).sentences if s.start <= item["start"] < s.end)
    a, b = item["start"] - sentence.start, item["end"] - sentence.start
    assert sentence.text[a:b] == item["match"]
    return sentence.text, sentence.text[:a] + item["repair"] + sentence.text[b:]


def test_seeds_have_three_word_order_items() -> None:
    assert len(WORD_ORDER) == 3


@pytest.mark.parametrize("item", WORD_ORDER, ids=[g["match"] for g in WORD_ORDER])
def test_shipped_lm_prefers_the_gold_repair(item: dict) -> None:
    from qc.lm.scorer import LMScorer

    original, repaired = _sentence_pair(item)
    nll_original, nll_repaired = LMScorer.load().nll([original, repaired])
    assert nll_repaired < nll_original, (item["match"], nll_original, nll_repaired)
