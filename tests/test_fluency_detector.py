"""The fluency detector: cached scoring equals full scoring, wiring runs with a tiny model,
and the shipped model finds the seed word-order items (skipped when the model is absent)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from fluency_tiny_model import build_tiny_model

from qc.config import Config, LMConfig
from qc.detectors.fluency import FluencyDetector
from qc.fluency.scoring import gains
from qc.lm.scorer import LMScorer, default_model_path
from qc.model import Document
from qc.pipeline import Checker
from qc.segment import Segmentation

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> str:
    return str(build_tiny_model(tmp_path_factory.mktemp("tinylm")))


def test_prefix_cached_gains_equal_full_rescoring(tiny_model):
    scorer = LMScorer.load(tiny_model, device="cpu")
    original = "Der Kreml bestätigte am Montag ein Treffen."
    cands = ["Der Kreml am Montag bestätigte ein Treffen.", "Kreml Der bestätigte am Montag ein Treffen.",
             "Der Kreml bestätigte am Montag ein Treffen der Präsidenten."]
    with warnings.catch_warnings():
        # the cache goes by the keyword this transformers takes (``cache`` from 5.24 on, where
        # ``past_key_values`` is deprecated): no deprecation warning
        warnings.simplefilter("error", FutureWarning)
        cached = gains(original, cands, scorer)
    full = gains(original, cands, scorer, use_cache=False)
    assert cached == pytest.approx(full, abs=1e-3)


def test_detector_runs_in_the_pipeline_and_fills_sentence_scores(tiny_model):
    config = Config(lm=LMConfig(model=tiny_model, device="cpu"))
    # margin -100: every proposal becomes a finding, so the finding wiring is exercised too
    config.detectors["fluency"] = {"margin_minor": -100.0, "margin_major": 100.0, "peak_nats": 0.0,
                                  "unigram_discount": 0.0}
    text = "Der Zug fuhr am Abend in Richtung Grenze ab.\nDie Gespräche sollen morgen fortgesetzt werden."
    report = Checker(config, use_lm=True).check(Document(id="t", text=text))
    assert report.error is None
    assert "fluency" in report.timings
    assert [(s.start, s.end) for s in report.sentence_scores] == [(0, 44), (45, len(text))]
    found = [f for f in report.findings if f.detector == "fluency"]
    assert found, "with a negative margin every window yields a finding"
    for f in found:
        assert text[f.start : f.end] == f.text
        assert 1 <= len(f.repairs) <= 3
        assert f.severity == "minor"
        assert {"margin_nats", "original_nll", "candidate_nll", "surprisal_peak"} <= set(f.evidence)


def test_no_lm_leaves_the_detector_out():
    assert "fluency" not in Checker(Config(), use_lm=False).detector_names


def test_thorough_effort_comes_from_the_lm_config(tiny_model):
    det = FluencyDetector()
    det.configure_lm(LMConfig(model=tiny_model, effort="thorough"))
    assert det.settings.effort == "thorough"


def _gold_word_order(doc: str) -> list[dict]:
    with open(SEEDS / "gold.jsonl", encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh]
    return [g for g in gold if g["doc"] == doc and g["category"] == "word-order"]


@pytest.mark.skipif(not (default_model_path() / "config.json").exists(),
                    reason="shipped LM models/qc-de-lm not built yet (qc lm train)")
def test_shipped_model_flags_the_word_order_items_of_seed_000():
    name = "000_461f3237c120a9ba.txt"
    text = (SEEDS / name).read_text(encoding="utf-8")
    det = FluencyDetector()
    det.configure_lm(LMConfig(device="cpu"))
    findings = det.detect(Document(id=name, text=text), Segmentation(text))
    gold = _gold_word_order(name)
    flagged = [g for g in gold if any(f.overlaps(g["start"], g["end"]) for f in findings)]
    assert len(flagged) == len(gold) == 3

    def fixed(g: dict) -> bool:
        wanted = {text[: g["start"]] + r + text[g["end"] :] for r in [g["repair"], *g["acceptable"]]}
        return any(text[: r.start] + r.replacement + text[r.end :] in wanted
                   for f in findings if f.overlaps(g["start"], g["end"]) for r in f.repairs)

    assert sum(fixed(g) for g in gold) >= 2


def test_the_lm_is_quantised_on_cpu_unless_the_config_says_otherwise() -> None:
    from qc.lm.scorer import resolve_device

    assert resolve_device("cpu", None) == ("cpu", True)
    assert resolve_device("cpu", False) == ("cpu", False)
    assert resolve_device("cuda:0", None) == ("cuda:0", False)
    assert resolve_device("cuda", True) == ("cuda", True)  # LMScorer.load refuses it, clearly
