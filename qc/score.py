"""Article score 0..100 and verdict.

penalty = sum(weight[severity] * confidence) / max(1, words / words_per_unit) ** length_exponent
score   = max(0, 100 - penalty)

With the defaults a ~300-word article loses 12 points per certain major finding
and 3 per minor one; a 1,200-word article loses half that per finding, so long
articles are not punished merely for being long. Verdict: ``pass`` at or above
``pass_threshold``, ``review`` at or above ``review_threshold``, else ``reject``.
With ``major_blocks_pass`` (default on) an article that still has a major finding is at
best ``review``: one certain major artifact (a foreign footer, a changed number) costs only
12 points, but no editor wants it published unseen.
"""

from __future__ import annotations

from qc.config import ScoreConfig
from qc.model import Finding, Verdict


def article_score(findings: list[Finding], n_words: int, cfg: ScoreConfig) -> float:
    weights = {"major": cfg.weight_major, "minor": cfg.weight_minor, "info": cfg.weight_info}
    raw = sum(weights[f.severity] * f.confidence for f in findings)
    norm = max(1.0, n_words / cfg.words_per_unit) ** cfg.length_exponent
    return round(max(0.0, 100.0 - raw / norm), 1)


def verdict_for(score: float, cfg: ScoreConfig, *, has_major: bool = False) -> Verdict:
    """E.g. ``verdict_for(91.8, ScoreConfig(), has_major=True) == "review"``."""
    if score >= cfg.pass_threshold and not (has_major and cfg.major_blocks_pass):
        return "pass"
    if score >= cfg.review_threshold:
        return "review"
    return "reject"
