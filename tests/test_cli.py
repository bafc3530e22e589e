"""The qc command line: formats, schema, exit codes, repairs, options, eval, sub-apps."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from _findings import span_finding

from qc.cli import FailOn, app, build_config, exit_code
from qc.report import Summary

REPORT_KEYS = {"id", "score", "verdict", "findings", "repaired"}
FINDING_KEYS = {
    "category",
    "severity",
    "start",
    "end",
    "text",
    "message",
    "confidence",
    "detector",
    "repairs",
}
ALL_PASS = "[score]\npass_threshold = 0\nreview_threshold = 0\n"
ALL_REVIEW = "[score]\npass_threshold = 101\nreview_threshold = 0\n"
ALL_REJECT = "[score]\npass_threshold = 102\nreview_threshold = 101\n"


def invoke(runner, *args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_jsonl_output_follows_the_schema_exactly(runner, seeds_dir, seed_texts):
    result = invoke(runner, "check", "--no-lm", "--format", "jsonl", str(seeds_dir))
    reports = jsonl(result)
    assert len(reports) == len(seed_texts)
    for rep in reports:
        assert set(rep) == REPORT_KEYS
        text = seed_texts[Path(rep["id"]).name]
        assert rep["verdict"] in {"pass", "review", "reject"}
        assert 0.0 <= rep["score"] <= 100.0
        for f in rep["findings"]:
            assert set(f) == FINDING_KEYS
            assert text[f["start"] : f["end"]] == f["text"]
            for r in f["repairs"]:
                assert set(r) == {"start", "end", "replacement"}
                assert 0 <= r["start"] <= r["end"] <= len(text)


def test_evidence_adds_timings_to_jsonl(runner, write):
    path = write("a.txt", "Ein kurzer Satz.")
    (rep,) = jsonl(invoke(runner, "check", "--no-lm", "-f", "jsonl", "--evidence", str(path)))
    assert "timings" in rep and "total" in rep["timings"]


def test_a_batch_freezes_what_its_first_document_loaded(runner, write):
    """After the first document the detectors' tables are loaded for good: ``qc check`` moves
    them out of the garbage collector's way (``gc.freeze``), and the reports stay the same."""
    import gc

    first = write("a.txt", "Kim trifft Putin in Wladiwostok.")
    second = write("b.txt", "Die Regierung hat am Montag neue Regeln beschlossen .")
    gc.unfreeze()
    before = jsonl(invoke(runner, "check", "--no-lm", "-f", "jsonl", str(first)))
    assert gc.get_freeze_count() > 10_000
    gc.unfreeze()
    both = jsonl(invoke(runner, "check", "--no-lm", "-f", "jsonl", str(first), str(second)))
    assert gc.get_freeze_count() > 10_000
    assert both[0] == before[0] and both[1]["findings"]  # the space before the full stop
    gc.unfreeze()
    invoke(runner, "check", "--no-lm", "-f", "jsonl", "missing.txt")
    assert gc.get_freeze_count() == 0  # an unreadable document loads nothing worth freezing


def test_errored_document_adds_error_and_the_others_are_still_reported(runner, write):
    good = write("good.txt", "Kim trifft Putin in Wladiwostok.")
    empty = write("empty.txt", b"")
    binary = write("bin.txt", b"\x00\x01\x02")
    result = invoke(
        runner, "check", "--no-lm", "-f", "jsonl", str(good), str(empty), str(binary), "missing.txt"
    )
    reports = jsonl(result)
    assert [r["id"] for r in reports] == [str(good), str(empty), str(binary), "missing.txt"]
    assert reports[0]["verdict"] != "error"
    for rep in reports[1:]:
        assert rep["verdict"] == "error" and set(rep) == REPORT_KEYS | {"error"}
    assert result.exit_code == 3


def test_json_output_is_one_object_with_summary_and_reports(runner, seeds_dir):
    result = invoke(runner, "check", "--no-lm", "-f", "json", str(seeds_dir))
    data = json.loads(result.stdout)
    assert set(data) == {"qc", "signature", "detectors", "summary", "reports"}
    assert data["summary"]["documents"] == len(data["reports"]) == 5
    assert all(set(r) == REPORT_KEYS for r in data["reports"])


def test_text_output_names_documents_and_summarises_without_escape_codes(runner, write):
    path = write("a.txt", "Ein Satz mit \x1b[31mFarbe.\n")
    result = invoke(runner, "check", "--no-lm", "--config", str(write("c.toml", ALL_PASS)), str(path))
    assert str(path) in result.stdout
    assert "1 document: 1 pass" in result.stdout
    assert "\x1b" not in result.stdout
    assert result.exit_code == 0


def test_text_output_shows_finding_position_and_repair(runner, seeds_dir):
    result = invoke(runner, "check", "--no-lm", str(seeds_dir / "000_461f3237c120a9ba.txt"))
    (rep,) = jsonl(
        invoke(runner, "check", "--no-lm", "-f", "jsonl", str(seeds_dir / "000_461f3237c120a9ba.txt"))
    )
    assert rep["findings"], "the seed has artifacts the heuristics catch"
    f = rep["findings"][0]
    assert f["category"] in result.stdout and f["message"] in result.stdout


def test_html_report_is_standalone_and_escapes_everything(runner, write):
    path = write(
        "<img src=x onerror=alert(1)>.txt",
        "Kim trifft Putin. <script>alert('x')</script> Anzeige\n\nMehr Text & so.\n",
    )
    result = invoke(runner, "check", "--no-lm", "-f", "html", str(path))
    html = result.stdout
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)  # no external assets
    assert "<style>" in html and "Content-Security-Policy" in html


def test_html_highlights_findings_with_tooltips(runner, seeds_dir):
    seed = seeds_dir / "000_461f3237c120a9ba.txt"
    html = invoke(runner, "check", "--no-lm", "-f", "html", str(seed)).stdout
    (rep,) = jsonl(invoke(runner, "check", "--no-lm", "-f", "jsonl", str(seed)))
    n_marks = len(re.findall(r'<mark class="(?:major|minor|info)" title="', html))
    assert n_marks >= len(rep["findings"]) > 0
    assert "Repaired text" in html


def test_output_option_writes_a_file(runner, write, tmp_path):
    path = write("a.txt", "Ein Satz.")
    out = tmp_path / "r.jsonl"
    result = invoke(runner, "check", "--no-lm", "-f", "jsonl", "-o", str(out), str(path))
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == str(path)


def test_repair_writes_the_repaired_text_of_every_readable_document(runner, seeds_dir, tmp_path):
    out = tmp_path / "fixed"
    reports = jsonl(
        invoke(
            runner,
            "check",
            "--no-lm",
            "-f",
            "jsonl",
            "--repair",
            str(out),
            str(seeds_dir),
            str(tmp_path / "missing.txt"),
        )
    )
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 5
    for rep in reports[:5]:
        name = next(n for n in written if n.endswith(Path(rep["id"]).name))
        assert (out / name).read_bytes().decode("utf-8") == rep["repaired"]


@pytest.mark.parametrize(
    ("config", "fail_on", "code"),
    [
        (ALL_PASS, None, 0),
        (ALL_REVIEW, None, 1),
        (ALL_REVIEW, "reject", 0),
        (ALL_REJECT, "reject", 1),
        (ALL_REJECT, "never", 0),
    ],
)
def test_exit_code_follows_verdicts_and_fail_on(runner, write, config, fail_on, code):
    args = [
        "check",
        "--no-lm",
        "-f",
        "jsonl",
        "--config",
        str(write("c.toml", config)),
        str(write("a.txt", "Ein Satz.")),
    ]
    if fail_on:
        args += ["--fail-on", fail_on]
    assert invoke(runner, *args).exit_code == code


def test_read_errors_win_over_failing_verdicts():
    s = Summary()
    s.verdicts.update(["reject", "error"])
    assert exit_code(s, FailOn.review) == 3
    assert exit_code(s, FailOn.never) == 3


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "xml", "a.txt"],
        ["check", "--no-lm", "--lm", "some/model", "a.txt"],
        ["check", "--config", "no-such-config.toml", "a.txt"],
        ["check"],
    ],
)
def test_usage_errors_exit_with_2(runner, args):
    assert invoke(runner, *args).exit_code == 2


def test_unknown_config_key_is_a_usage_error(runner, write):
    cfg = write("c.toml", "[score]\npass_treshold = 80\n")
    result = invoke(runner, "check", "--no-lm", "--config", str(cfg), str(write("a.txt", "Satz.")))
    assert result.exit_code == 2
    assert "pass_treshold" in result.output


def test_source_needs_exactly_one_document(runner, write):
    src = write("src.txt", "A sentence.")
    result = invoke(
        runner,
        "check",
        "--no-lm",
        "--source",
        str(src),
        str(write("a.txt", "Satz.")),
        str(write("b.txt", "Satz.")),
    )
    assert result.exit_code == 2


def test_source_and_reference_are_attached_to_the_document(runner, write, monkeypatch):
    from qc.pipeline import Checker

    seen = []
    original = Checker.check

    def spy(self, doc):
        seen.append(doc)
        return original(self, doc)

    monkeypatch.setattr(Checker, "check", spy)
    src, ref = write("src.txt", "Kim meets Putin."), write("ref.txt", "Kim trifft Putin.")
    result = invoke(
        runner,
        "check",
        "--no-lm",
        "-f",
        "jsonl",
        "--source",
        str(src),
        "--source-lang",
        "en",
        "--reference",
        str(ref),
        str(write("a.txt", "Kim trifft Putin.")),
    )
    assert result.exit_code in (0, 1)
    (doc,) = seen
    assert (doc.source, doc.source_lang, doc.reference) == ("Kim meets Putin.", "en", "Kim trifft Putin.")


def test_stdin_jsonl_and_plain_text(runner):
    batch = '{"id": "x", "text": "Satz eins."}\n{"id": "y", "text": 5}\n'
    reports = jsonl(invoke(runner, "check", "--no-lm", "-f", "jsonl", "-", input=batch))
    assert [r["id"] for r in reports] == ["x", "y"] and reports[1]["verdict"] == "error"
    (rep,) = jsonl(invoke(runner, "check", "--no-lm", "-f", "jsonl", "-", input="Ein Text.\r\n"))
    assert rep["id"] == "-" and rep["repaired"].endswith("\r\n")


def test_an_empty_folder_is_a_usage_error(runner, tmp_path):
    assert invoke(runner, "check", "--no-lm", str(tmp_path)).exit_code == 2


def test_config_can_disable_a_detector(runner, write, seeds_dir):
    from qc.detectors import REGISTRY

    name = next(iter(REGISTRY))
    cfg = write("c.toml", f"[detectors.{name}]\nenabled = false\n")
    data = json.loads(
        invoke(runner, "check", "--no-lm", "-f", "json", "--config", str(cfg), str(seeds_dir)).stdout
    )
    assert name not in data["detectors"]


def test_lm_options_are_wired_into_the_config():
    cfg = build_config(None, no_lm=False, lm="some/model", effort=None)
    assert (cfg.lm.model, cfg.lm.enabled) == ("some/model", True)
    cfg = build_config(None, no_lm=True, lm=None, effort=None)
    assert cfg.lm.enabled is False
    from qc.cli import Effort

    assert build_config(None, no_lm=True, lm=None, effort=Effort.thorough).lm.effort == "thorough"


def test_eval_scores_seeds_against_gold_and_negatives(runner, seeds_dir):
    gold, neg = seeds_dir / "gold.jsonl", seeds_dir / "negatives.jsonl"
    result = invoke(
        runner, "eval", str(gold), str(seeds_dir), "--negatives", str(neg), "--no-lm", "-f", "json"
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    n_neg = sum(1 for line in neg.read_text(encoding="utf-8").splitlines() if line.strip())
    assert data["documents"] == 5 and data["negatives_total"] == n_neg
    n_gold = sum(c["gold"] for c in data["categories"].values())
    found = sum(c["found"] for c in data["categories"].values())
    assert n_gold > 0 and len(data["missed"]) == n_gold - found


def test_eval_text_defaults_to_the_documents_next_to_gold(runner, seeds_dir):
    result = invoke(runner, "eval", str(seeds_dir / "gold.jsonl"), "--no-lm")
    assert result.exit_code == 0
    assert result.stdout.startswith("5 documents checked")
    assert "missed gold items" in result.stdout


def test_bench_lists_heuristics_and_runs_it(runner):
    assert "heuristics" in invoke(runner, "bench", "--help").stdout
    result = invoke(runner, "bench", "heuristics", "--articles", "5", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"] == 5 and data["errors"] == 0


def test_bench_xling_rejects_an_unknown_layout_before_reading_anything(runner, tmp_path):
    result = invoke(runner, "bench", "xling", "--wmt", str(tmp_path / "missing"), "--layout", "columns")
    assert result.exit_code == 2
    assert "--layout" in result.output and "paragraphs" in result.output


def test_check_without_lm_never_imports_torch(write):
    path = write("a.txt", "Ein kurzer Satz über Kim und Putin.")
    # the spelling lexicon takes seconds to build and never touches torch: leave it out here
    cfg = write("c.toml", "[detectors.spelling]\nenabled = false\n")
    args = ["check", "--no-lm", "-f", "jsonl", "--config", str(cfg), str(path)]
    code = (
        "import sys\nfrom qc.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.stdout.strip().splitlines()[-1] == "NO-TORCH", out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[0])["id"] == str(path)


def _finding(text, start, end, severity="major", category="boilerplate", repl=None):
    return span_finding(text, start, end, category=category, severity=severity, replacement=repl,
                        message=f"m{start}")


def test_html_highlight_splits_overlapping_findings_and_keeps_the_text():
    from html import unescape

    from qc.report.html import highlight

    text = "Anzeige <b> & mehr\nText"
    outer, inner = _finding(text, 0, 18), _finding(text, 8, 11, "minor", "typography", "")
    point = _finding(text, 19, 19, "minor", "typography", " ")
    out = highlight(text, [outer, inner, point])
    visible = unescape(re.sub(r"<sup[^>]*>[^<]*</sup>|<[^>]+>", "", out))
    assert visible == text  # every character shown once, in order, escaped on the way
    assert out.count("<mark") == 4  # before the overlap, the overlap, after it, the insertion point
    assert "m0" in out and "m8" in out and 'class="minor point"' in out


def test_text_report_shows_multiline_findings_by_their_first_line():
    import io

    from rich.console import Console

    from qc.model import Report
    from qc.report.text import print_report

    text = "Kopf\nAnzeige\x1b[2J\nzweite Zeile\n"
    report = Report("doc", 70.0, "review", [_finding(text, 5, 27, repl="")], "Kopf\n", text=text)
    buf = io.StringIO()
    print_report(Console(file=buf, no_color=True, soft_wrap=True), report)
    out = buf.getvalue()
    assert "2:1" in out and "Anzeige␛[2J ⏎…" in out and "\x1b" not in out and "[delete]" in out


def test_a_broken_benchmark_module_does_not_break_the_others(runner, monkeypatch):
    import qc.bench

    real_available, real_load = qc.bench.available, qc.bench.load

    def load(name):
        if name == "broken_one":
            raise ImportError("No module named 'nonexistent'")
        return real_load(name)

    monkeypatch.setattr(qc.bench, "available", lambda: [*real_available(), "broken_one"])
    monkeypatch.setattr(qc.bench, "load", load)
    listing = invoke(runner, "bench", "--help").stdout
    assert "heuristics" in listing and "broken-one" in listing and "unavailable" in listing
    result = invoke(runner, "bench", "broken-one")
    assert result.exit_code == 2 and "nonexistent" in result.output


def test_version_option_prints_the_version(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0 and result.stdout.startswith("qc ")


def test_text_and_html_reports_show_the_source_sentence_of_a_cross_lingual_finding(runner, write):
    # an omission is a point in the target: the editor needs the source sentence that is missing
    src = write("a.src.txt",
                "The talks began on Monday.\nThey lasted <b>three</b> hours.\nBoth sides were pleased.\n")
    path = write("a.txt", "Die Gespräche begannen am Montag.\nBeide Seiten waren zufrieden.\n")
    text = invoke(runner, "check", "--no-lm", str(path), "--source", str(src)).stdout
    assert "omission" in text and "source: They lasted <b>three</b> hours." in text
    html = invoke(runner, "check", "--no-lm", "-f", "html", str(path), "--source", str(src)).stdout
    assert '<div class="src">source: <i>They lasted &lt;b&gt;three&lt;/b&gt; hours.</i></div>' in html
    assert "<b>" not in html
