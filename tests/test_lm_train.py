"""``qc lm train`` end to end on a tiny corpus: tokenizer, a few steps, a loadable folder.

The corpus is the seed articles' lines (written into a temporary folder as ``*.txt.xz``,
with one ``*.valid.*`` file that training must leave out).
"""

from __future__ import annotations

import json
import lzma
from pathlib import Path

import pytest

from qc.lm.train import TrainConfig, lr_at, train, training_files

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[TrainConfig, dict]:
    root = tmp_path_factory.mktemp("lm")
    corpus = root / "corpus"
    corpus.mkdir()
    lines = [
        line.strip()
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.split()) > 3
    ]
    with lzma.open(corpus / "de-seeds.txt.xz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines * 3) + "\n")
    with lzma.open(corpus / "de-seeds.valid.txt.xz", "wt", encoding="utf-8") as fh:
        fh.write(lines[0] + "\n")
    cfg = TrainConfig(
        corpus_dir=str(corpus), output_dir=str(root / "model"), work_dir=str(root / "work"),
        vocab_size=400, n_layer=1, n_embd=32, n_head=2, context=32, batch_size=4,
        max_steps=6, warmup_steps=2, threads=1, checkpoint_every=0, file_weights={"de-seeds": 1.5},
    )
    return cfg, train(cfg)


def test_training_leaves_the_valid_files_out(trained: tuple[TrainConfig, dict]) -> None:
    cfg, _ = trained
    assert [p.name for p in training_files(cfg)] == ["de-seeds.txt.xz"]


def test_the_trained_folder_loads_offline_and_scores(trained: tuple[TrainConfig, dict]) -> None:
    from qc.lm.scorer import LMScorer

    cfg, summary = trained
    out = Path(cfg.output_dir)
    recorded = json.loads((out / "training.json").read_text())
    assert recorded["config"]["max_steps"] == 6 and recorded["train_tokens"] == 6 * 4 * 32
    assert summary["parameters"] == recorded["parameters"] > 0
    scorer = LMScorer.load(str(out), device="cpu")
    score = scorer.score_texts(["Kim Jong Un reist nach Russland."])[0]
    assert len(score.logprobs) == len(score.offsets) and all(lp < 0 for lp in score.logprobs)


def test_warmup_then_cosine_down_to_the_floor() -> None:
    cfg = TrainConfig(learning_rate=1.0, warmup_steps=10, max_steps=110, min_lr_ratio=0.1)
    assert lr_at(0, cfg) == pytest.approx(0.1)
    assert lr_at(9, cfg) == pytest.approx(1.0)
    assert lr_at(60, cfg) == pytest.approx(0.55)
    assert lr_at(110, cfg) == pytest.approx(0.1)


def test_a_time_budget_fixes_max_steps_and_records_it(
    tmp_path: Path, trained: tuple[TrainConfig, dict]
) -> None:
    import dataclasses

    cfg, _ = trained
    budget = dataclasses.replace(
        cfg, output_dir=str(tmp_path / "model"), max_steps=100_000, time_budget_s=0.001
    )
    summary = train(budget)
    # the budget is spent before step 250, where the rate is measured: training stops right there
    assert summary["config"]["max_steps"] == 251
    assert summary["train_tokens"] == 251 * 4 * 32
