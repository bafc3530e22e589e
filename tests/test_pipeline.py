"""The pipeline: detectors → merge → repair → score → report, and its failure handling."""

from __future__ import annotations

from pathlib import Path

import pytest

from qc.config import Config, ScoreConfig
from qc.detectors import Detector
from qc.evaluate import evaluate, read_jsonl
from qc.model import Document, Finding, Repair
from qc.pipeline import Checker, check_text
from qc.score import article_score, verdict_for


class Exploding(Detector):
    name = "exploding"

    def detect(self, doc, seg):
        raise RuntimeError("boom")


class NeedsSource(Detector):
    name = "needs-source"
    needs_source = True

    def detect(self, doc, seg):
        return [
            Finding.at(
                doc.text,
                0,
                1,
                category="omission",
                severity="major",
                message="m",
                confidence=1.0,
                detector=self.name,
            )
        ]


class FirstWord(Detector):
    name = "first-word"

    def detect(self, doc, seg):
        end = doc.text.index(" ")
        return [
            Finding.at(
                doc.text,
                0,
                end,
                category="typography",
                severity="major",
                message="m",
                confidence=1.0,
                detector=self.name,
                repairs=[Repair(0, end, "X")],
            )
        ]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(Config(), use_lm=False)


@pytest.fixture(scope="module")
def seed_reports(checker, seeds_dir, seed_paths):
    return [checker.check(Document(p.name, p.read_bytes().decode("utf-8"))) for p in seed_paths]


def bare_checker(*detectors: Detector) -> Checker:
    c = Checker(Config(), use_lm=False)
    c.detectors = list(detectors)
    return c


def test_a_document_that_failed_to_read_gets_an_error_report():
    report = Checker(Config(), use_lm=False).check(Document("x", "", error="binary file"))
    assert (report.verdict, report.score, report.error, report.findings) == ("error", 0.0, "binary file", [])
    assert report.to_dict()["error"] == "binary file"


def test_a_crashing_detector_yields_an_error_report_not_an_exception():
    report = bare_checker(Exploding()).check(Document("x", "Ein Satz."))
    assert report.verdict == "error"
    assert "RuntimeError: boom" in report.error
    assert report.repaired == "Ein Satz."


def test_source_detectors_are_skipped_without_a_source():
    c = bare_checker(NeedsSource())
    assert c.check(Document("x", "Ein Satz.")).findings == []
    assert len(c.check(Document("x", "Ein Satz.", source="A sentence.")).findings) == 1


def test_findings_are_repaired_and_scored():
    report = bare_checker(FirstWord()).check(Document("x", "Kim trifft Putin."))
    assert report.repaired == "X trifft Putin."
    assert report.score == 100.0 - ScoreConfig().weight_major
    has_major = any(f.severity == "major" for f in report.findings)
    assert report.verdict == verdict_for(report.score, ScoreConfig(), has_major=has_major)
    assert "first-word" in report.timings and "total" in report.timings


def test_check_all_yields_one_report_per_document_in_order():
    docs = [Document("a", "Ein Satz."), Document("b", "", error="empty file"), Document("c", "Noch einer.")]
    assert [r.id for r in Checker(Config(), use_lm=False).check_all(docs)] == ["a", "b", "c"]


def test_disabled_detectors_are_not_built():
    from qc.detectors import REGISTRY

    name = next(iter(REGISTRY))
    c = Checker(Config.from_dict({"detectors": {name: {"enabled": False}}}), use_lm=False)
    assert name not in c.detector_names


def test_long_articles_lose_fewer_points_per_finding():
    cfg = ScoreConfig()
    f = Finding.at(
        "x" * 10, 0, 1, category="typography", severity="major", message="m", confidence=1.0, detector="t"
    )
    assert article_score([f], 300, cfg) == 88.0
    assert article_score([f], 1200, cfg) == 94.0
    assert article_score([f] * 20, 100, cfg) == 0.0


@pytest.mark.parametrize(
    ("score", "verdict"),
    [(100.0, "pass"), (85.0, "pass"), (84.9, "review"), (50.0, "review"), (49.9, "reject")],
)
def test_verdict_thresholds(score, verdict):
    assert verdict_for(score, ScoreConfig()) == verdict


def test_report_signature_records_the_configuration():
    a = check_text("Ein Satz.").extra["signature"]
    b = check_text("Ein Satz.", config=Config(score=ScoreConfig(pass_threshold=90))).extra["signature"]
    assert a != b


def test_seed_findings_point_at_their_text_and_are_sorted(seed_reports, seed_texts):
    for report in seed_reports:
        text = seed_texts[report.id]
        assert report.error is None
        for f in report.findings:
            assert text[f.start : f.end] == f.text
        assert report.findings == sorted(report.findings, key=lambda f: (f.start, f.end, f.category))


def test_seeds_are_not_all_passed_and_repairs_shorten_them(seed_reports, seed_texts):
    assert any(r.verdict != "pass" for r in seed_reports)
    assert any(len(r.repaired) < len(seed_texts[r.id]) for r in seed_reports)


def test_no_seed_negative_is_flagged(seed_reports, seeds_dir):
    ev = evaluate(
        seed_reports, read_jsonl(seeds_dir / "gold.jsonl"), read_jsonl(seeds_dir / "negatives.jsonl")
    )
    assert ev.negatives_total > 0
    assert ev.negatives_flagged == []


@pytest.mark.parametrize("category", ["foreign-language", "boilerplate", "metadata-leak", "duplicate"])
def test_heuristics_find_the_seed_page_artifacts(seed_reports, seeds_dir, category):
    """Line-level page artifacts are the heuristics' job (no LM needed): all gold items found."""
    ev = evaluate(seed_reports, read_jsonl(seeds_dir / "gold.jsonl"))
    missed = [m for m in ev.missed if m["category"] == category]
    assert ev.categories[category].gold > 0
    assert missed == []


def test_checking_twice_gives_the_same_report(checker, seed_paths):
    text = Path(seed_paths[0]).read_bytes().decode("utf-8")
    a, b = checker.check(Document("a", text)), checker.check(Document("a", text))
    assert a.to_dict() == b.to_dict()


def test_an_article_with_a_major_finding_never_passes():
    assert verdict_for(99.0, ScoreConfig(), has_major=True) == "review"
    assert verdict_for(99.0, ScoreConfig(major_blocks_pass=False), has_major=True) == "pass"
    assert verdict_for(40.0, ScoreConfig(), has_major=True) == "reject"
