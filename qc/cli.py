"""The ``qc`` command line: ``qc check``, ``qc eval``, ``qc bench …`` (and ``qc lm …`` when present).

A thin shell: reading is :mod:`qc.io`, checking :class:`qc.pipeline.Checker`,
output :mod:`qc.report`. Heavy modules (torch, transformers) are imported only by
the commands and detectors that need them, so ``qc check --no-lm`` starts fast.

Exit codes of ``qc check``: 0 all documents pass (or ``--fail-on`` tolerates their
verdicts), 1 a document got a verdict that ``--fail-on`` fails on (default: review
or reject), 2 usage or configuration error, 3 a document could not be read or
checked (the others are still checked and reported; 3 wins over 1).

Example::

    qc check --no-lm fixtures/seeds --format jsonl -o reports.jsonl
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, NoReturn, TextIO

import typer
from typer.core import TyperGroup

from qc.config import Config
from qc.io import DEFAULT_MAX_SIZE, count_documents, expand_paths, read_source, read_text_file
from qc.model import Document, Report
from qc.report import Summary
from qc.report.sink import ReportSink

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_ERROR = 0, 1, 2, 3
#: show a progress bar from this many documents on (when stderr is a terminal)
PROGRESS_MIN_DOCS = 10


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    html = "html"


class EvalFormat(StrEnum):
    text = "text"
    json = "json"


class Effort(StrEnum):
    fast = "fast"
    thorough = "thorough"


class FailOn(StrEnum):
    review = "review"
    reject = "reject"
    never = "never"


FAILING_VERDICTS = {FailOn.review: ("review", "reject"), FailOn.reject: ("reject",), FailOn.never: ()}


def exit_code(summary: Summary, fail_on: FailOn = FailOn.review) -> int:
    """3 if any document errored, else 1 if any verdict fails under ``fail_on``, else 0.

    >>> s = Summary(); s.verdicts.update(["pass", "review"])
    >>> exit_code(s), exit_code(s, FailOn.reject), exit_code(s, FailOn.never)
    (1, 0, 0)
    """
    if summary.verdicts.get("error"):
        return EXIT_ERROR
    if any(summary.verdicts.get(v) for v in FAILING_VERDICTS[fail_on]):
        return EXIT_FAIL
    return EXIT_OK


class BenchGroup(TyperGroup):
    """``qc bench``: commands come from :mod:`qc.bench` modules, imported only when used.

    Module ``qc/bench/fluency_wmt.py`` becomes ``qc bench fluency-wmt`` (the underscore
    spelling works too). A module that fails to import shows up as unavailable with the
    reason instead of breaking ``qc bench --help`` for every other benchmark.
    """

    def list_commands(self, ctx: typer.Context) -> list[str]:
        from qc import bench

        return sorted(set(super().list_commands(ctx)) | {n.replace("_", "-") for n in bench.available()})

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:
        from qc import bench

        cmd = super().get_command(ctx, cmd_name)
        module = cmd_name.replace("-", "_")
        if cmd is not None or module not in bench.available():
            return cmd
        single = typer.Typer(add_completion=False)
        try:
            single.command(name=cmd_name)(bench.load(module))
        except Exception as exc:  # ImportError, missing main(), a broken module: keep the others usable
            reason = f"{type(exc).__name__}: {exc}"

            def unavailable() -> None:
                usage_error(f"benchmark {cmd_name!r} is unavailable: {reason}")

            unavailable.__doc__ = f"(unavailable: {reason})"
            single.command(name=cmd_name)(unavailable)
        return typer.main.get_command(single)


app = typer.Typer(
    name="qc",
    help="Quality checker for machine-translated German news copy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from qc.report.summary import qc_version
        from qc.xling import implementation

        typer.echo(f"qc {qc_version()} (cross-lingual checks: {implementation()})")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit"),
    ] = False,
) -> None:
    """Quality checker for machine-translated German news copy."""


bench_app = typer.Typer(
    cls=BenchGroup, help="Benchmarks (throughput, LM, synthetic errors, …).", no_args_is_help=True
)
app.add_typer(bench_app, name="bench")

try:
    from qc.lm.cli import lm_app
except ModuleNotFoundError as exc:  # the LM commands are optional until qc/lm/cli.py exists
    if exc.name != "qc.lm.cli":
        raise
else:
    app.add_typer(lm_app, name="lm")


# ---------------------------------------------------------------- shared helpers


def usage_error(message: str) -> NoReturn:
    """Print ``Error: message`` to stderr and exit with code 2 (as for a bad option)."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def build_config(config: Path | None, no_lm: bool, lm: str | None, effort: Effort | None) -> Config:
    """The configuration file (if any) with the command-line LM switches applied."""
    if no_lm and lm:
        usage_error("--no-lm and --lm exclude each other")
    try:
        cfg = Config.from_toml(config) if config else Config()
    except FileNotFoundError:
        raise typer.BadParameter(f"no such file: {config}", param_hint="--config") from None
    except (ValueError, TypeError, UnicodeDecodeError) as exc:  # TOMLDecodeError is a ValueError
        raise typer.BadParameter(str(exc), param_hint="--config") from None
    if no_lm:
        cfg.lm.enabled = False
    if lm:
        cfg.lm.model = lm
        cfg.lm.enabled = True
    if effort is not None:
        cfg.lm.effort = effort.value
    return cfg


def build_checker(cfg: Config):  # -> Checker; imported here so `qc --help` stays light
    from qc.pipeline import Checker

    try:
        return Checker(cfg)
    except (ValueError, TypeError, OSError) as exc:  # bad detector options, missing model files
        usage_error(f"cannot set up the checker: {exc}")


def _read_side_file(path: Path, option: str, max_size: int) -> str:
    doc = read_text_file(str(path), max_size=max_size)
    if doc.error:
        raise typer.BadParameter(f"{path}: {doc.error}", param_hint=option)
    return doc.text


@contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """``path`` (UTF-8, line breaks as written) or standard output as UTF-8."""
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            yield fh
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # already a text stream without bytes underneath
        yield sys.stdout
        return
    sys.stdout.flush()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()  # leave sys.stdout's buffer open


def _progress(docs: Iterable[Document], total: int | None, enabled: bool) -> Iterator[Document]:
    if not enabled:
        yield from docs
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("checking", total=total)
        for doc in docs:
            yield doc
            progress.advance(task)


# ---------------------------------------------------------------- qc check


PathsArg = Annotated[
    list[str], typer.Argument(help="Files, folders or - (stdin); see README", show_default=False)
]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML configuration file")]
NoLmOpt = Annotated[bool, typer.Option("--no-lm", help="Heuristics only: do not load the language model")]
LmOpt = Annotated[str | None, typer.Option("--lm", help="Language model: a local folder or a hub id")]
EffortOpt = Annotated[Effort | None, typer.Option("--effort", help="LM effort (default from config: fast)")]
MaxSizeOpt = Annotated[
    int, typer.Option("--max-size", min=0, help="Largest document: bytes (JSONL: characters); 0 = no limit")
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE, not stdout")]
SourceOpt = Annotated[Path | None, typer.Option("--source", help="Source text of the (single) document")]
SourceLangOpt = Annotated[str | None, typer.Option("--source-lang", help="Language of --source, e.g. en")]
ReferenceOpt = Annotated[Path | None, typer.Option("--reference", help="Reference translation (single doc)")]
EvidenceOpt = Annotated[bool, typer.Option("--evidence", help="Add evidence and timings to json/jsonl")]
FailOnOpt = Annotated[FailOn, typer.Option("--fail-on", help="Verdicts that make the exit code 1")]


@app.command()
def check(
    paths: PathsArg,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format")] = Format.text,
    output: OutputOpt = None,
    repair: Annotated[Path | None, typer.Option("--repair", help="Write repaired texts into DIR")] = None,
    config: ConfigOpt = None,
    no_lm: NoLmOpt = False,
    lm: LmOpt = None,
    effort: EffortOpt = None,
    source: SourceOpt = None,
    source_lang: SourceLangOpt = None,
    reference: ReferenceOpt = None,
    evidence: EvidenceOpt = False,
    fail_on: FailOnOpt = FailOn.review,
    max_size: MaxSizeOpt = DEFAULT_MAX_SIZE,
) -> None:
    """Check documents and report findings, score, verdict and repaired text.

    Exit codes: 0 pass, 1 a verdict --fail-on fails on, 2 usage error, 3 a document could not be read.
    """
    cfg = build_config(config, no_lm, lm, effort)
    sources = expand_paths(paths)
    if not sources:
        usage_error("no documents found (folders are searched for *.txt and *.jsonl)")
    if sum(s.kind == "stdin" for s in sources) > 1:
        usage_error("- (stdin) can be given only once")
    docs: Iterable[Document] = (d for s in sources for d in read_source(s, max_size=max_size))
    total = count_documents(sources)
    if source or reference or source_lang:
        first = list(islice(docs, 2))
        if len(first) != 1:
            usage_error(
                "--source/--reference/--source-lang need exactly one document "
                f"(got {'more' if first else 'none'}); use JSONL fields for batches"
            )
        doc = first[0]
        if source:
            doc.source = _read_side_file(source, "--source", max_size)
        if source_lang:
            doc.source_lang = source_lang
        if reference:
            doc.reference = _read_side_file(reference, "--reference", max_size)
        docs = first
    checker = build_checker(cfg)
    from qc.pipeline import freeze_loaded_state

    show_progress = (
        sys.stderr.isatty()
        and (total is None or total >= PROGRESS_MIN_DOCS)
        and (output is not None or not sys.stdout.isatty() or fmt is not Format.text)
    )
    writer = None
    if repair is not None:
        from qc.io.writers import RepairWriter

        writer = RepairWriter(repair)
    with open_output(output) as out:
        sink = ReportSink(
            fmt.value,
            out,
            evidence=evidence,
            interactive=output is None and sys.stdout.isatty(),
            signature=cfg.signature(),
            detectors=checker.detector_names,
        )
        frozen = False
        for doc in _progress(docs, total, show_progress):
            report = checker.check(doc)
            if not frozen and report.verdict != "error":
                # the tables the first checked document loaded live as long as the batch
                freeze_loaded_state()
                frozen = True
            sink.add(report)
            if writer is not None and report.verdict != "error":
                writer.write(report.id, report.repaired)
        if sink.summary.documents == 0:
            usage_error("no documents found (folders are searched for *.txt and *.jsonl)")
        sink.close()
    summary = sink.summary
    raise typer.Exit(exit_code(summary, fail_on))


# ---------------------------------------------------------------- qc eval


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSONL, seeds format)", show_default=False)],
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Documents to check (default: the *.txt files next to GOLD)", show_default=False),
    ] = None,
    negatives: Annotated[Path | None, typer.Option(help="Spans that must not be flagged (JSONL)")] = None,
    fmt: Annotated[EvalFormat, typer.Option("--format", "-f", help="Output format")] = EvalFormat.text,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    no_lm: NoLmOpt = False,
    lm: LmOpt = None,
    effort: EffortOpt = None,
) -> None:
    """Check documents and score the findings against gold annotations (precision/recall/F1 per category)."""
    import json

    from qc.evaluate import evaluate, read_jsonl

    cfg = build_config(config, no_lm, lm, effort)
    try:
        gold_items = read_jsonl(gold)
        negative_items = read_jsonl(negatives) if negatives else []
    except (OSError, ValueError) as exc:
        usage_error(f"cannot read annotations: {exc}")
    sources = expand_paths(paths or [str(p) for p in sorted(gold.parent.glob("*.txt"))])
    checker = build_checker(cfg)
    reports = [checker.check(d) for s in sources for d in read_source(s)]
    if not reports:
        usage_error("no documents to check")
    ev = evaluate(reports, gold_items, negative_items)
    errors = [r for r in reports if r.verdict == "error"]
    with open_output(output) as out:
        if fmt is EvalFormat.json:
            data = ev.to_dict()
            data["documents"] = len(reports)
            data["errors"] = [{"id": r.id, "error": r.error} for r in errors]
            data["signature"] = cfg.signature()
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(format_evaluation(ev, len(reports), errors))
    raise typer.Exit(EXIT_ERROR if errors else EXIT_OK)


def format_evaluation(ev, n_docs: int, errors: list[Report]) -> str:
    """Plain-text evaluation table plus missed items, extra findings and flagged negatives."""
    lines = [
        f"{n_docs} documents checked" + (f", {len(errors)} errored" if errors else ""),
        "",
        f"{'category':<18}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'found':>7}{'pred':>6}",
    ]
    tp_gold = n_gold = tp_pred = n_pred = 0
    for cat, s in sorted(ev.categories.items()):
        lines.append(
            f"{cat:<18}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.gold:6d}{s.tp_gold:7d}{s.pred:6d}"
        )
        tp_gold, n_gold = tp_gold + s.tp_gold, n_gold + s.gold
        tp_pred, n_pred = tp_pred + s.tp_pred, n_pred + s.pred
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    lines.append(f"{'all (micro)':<18}{p:7.3f}{r:7.3f}{f:7.3f}{n_gold:6d}{tp_gold:7d}{n_pred:6d}")
    lines.append("")
    lines.append(f"negatives flagged: {len(ev.negatives_flagged)} of {ev.negatives_total}")
    for n in ev.negatives_flagged:
        lines.append(f"  {n['doc']}: {n['match']!r} ← {n['category']} {n['finding']!r} ({n['detector']})")
    lines.append(f"missed gold items: {len(ev.missed)}")
    for m in ev.missed:
        lines.append(f"  {m['doc']}: {m['category']} {m['match']!r}")
    lines.append(f"extra findings (no gold overlap): {len(ev.extra)}")
    for x in ev.extra:
        lines.append(f"  {x['doc']}: {x['category']}/{x['severity']} {x['text']!r} ({x['detector']})")
    for e in errors:
        lines.append(f"error: {e.id}: {e.error}")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Console-script entry point (``qc = "qc.cli:main"``)."""
    app()


if __name__ == "__main__":
    main()
