"""Terminal output with rich: per document a header, then each finding with its line
in context, the span highlighted by severity, the message and the repair.

Document text is always passed to rich as :class:`rich.text.Text` (never as markup)
and with control characters made visible, so no input can style or hijack the terminal.

Example output (colours omitted)::

    000.txt  score 41.0  REJECT  5 findings
      3:1  major  duplicate  headline repeated  [delete]
           Russland Droht ein Waffendeal Kim auf dem Weg nach Russland

A cross-lingual finding is followed by the source sentence it refers to (``source: …``).
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from qc.model import Finding, Report
from qc.report.summary import Summary, describe_repair, display_safe, line_col, source_excerpt

SEVERITY_STYLE = {"major": "bold white on red", "minor": "black on yellow", "info": "black on cyan"}
SEVERITY_LABEL = {"major": "bold red", "minor": "yellow", "info": "cyan"}
VERDICT_STYLE = {"pass": "bold green", "review": "bold yellow", "reject": "bold red", "error": "bold magenta"}
#: characters of context shown on each side of a finding on long lines
CONTEXT = 60


def finding_context(text: str, f: Finding) -> Text:
    """The finding's line (clipped around the span) with the span highlighted."""
    line_start = text.rfind("\n", 0, f.start) + 1
    nl = text.find("\n", f.end)
    line_end = len(text) if nl == -1 else nl
    lo = max(line_start, f.start - CONTEXT)
    hi = min(line_end, max(f.end, f.start) + CONTEXT)
    out = Text()
    if lo > line_start:
        out.append("…", style="dim")
    out.append(display_safe(text[lo : f.start]))
    span = text[f.start : f.end]
    if not span:
        out.append("‸", style=SEVERITY_STYLE[f.severity])
    else:
        # a finding spanning lines: show its first line and an ellipsis
        first, sep, _ = span.partition("\n")
        out.append(display_safe(first), style=SEVERITY_STYLE[f.severity])
        if sep:
            out.append(" ⏎…", style="dim")
            return out
    out.append(display_safe(text[f.end : hi]))
    if hi < line_end:
        out.append("…", style="dim")
    return out


def print_report(console: Console, report: Report) -> None:
    head = Text()
    head.append(display_safe(report.id), style="bold")
    if report.verdict == "error":
        head.append("  ERROR  ", style=VERDICT_STYLE["error"])
        head.append(display_safe(report.error or "unknown error"))
        console.print(head)
        return
    head.append(f"  score {report.score:.1f}  ")
    head.append(report.verdict.upper(), style=VERDICT_STYLE[report.verdict])
    n = len(report.findings)
    head.append(f"  {n} finding{'s' if n != 1 else ''}", style="dim")
    console.print(head)
    for f in report.findings:
        line, col = line_col(report.text, f.start)
        row = Text("  ")
        row.append(f"{line}:{col}".ljust(8))
        row.append(f.severity.ljust(6), style=SEVERITY_LABEL[f.severity])
        row.append(f" {f.category}", style="bold")
        row.append(f"  {display_safe(f.message)}")
        repair = describe_repair(f, report.text)
        if repair:
            row.append(f"  [{display_safe(repair)}]", style="green")
        row.append(f"  ({f.detector} {f.confidence:.2f})", style="dim")
        console.print(row, crop=False)
        console.print(Text("          ").append_text(finding_context(report.text, f)), crop=False)
        src = source_excerpt(f)
        if src is not None:
            # what the cross-lingual finding compares with (for an omission: what is missing)
            console.print(Text("          source: ", style="dim").append(src, style="italic"), crop=False)


def print_summary(console: Console, summary: Summary) -> None:
    out = Text(f"{summary.documents} document{'s' if summary.documents != 1 else ''}: ", style="bold")
    parts = [(v, summary.verdicts.get(v, 0)) for v in ("pass", "review", "reject", "error")]
    for i, (verdict, count) in enumerate(parts):
        out.append(f"{count} {verdict}", style=VERDICT_STYLE[verdict] if count else "dim")
        if i < len(parts) - 1:
            out.append(", ")
    if summary.categories:
        out.append("  — " + ", ".join(f"{c} {k}" for c, k in summary.categories.most_common()), style="dim")
    console.print(out)
