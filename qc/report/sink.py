"""Where reports go as they are produced: streamed (text, jsonl) or collected (json, html).

>>> import io
>>> from qc.model import Report
>>> buf = io.StringIO()
>>> sink = ReportSink("jsonl", buf)
>>> sink.add(Report("a", 100.0, "pass", [], "Text."))
>>> sink.close()
>>> buf.getvalue().count("\\n")
1
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from qc.model import Report
from qc.report.summary import Summary

FORMATS = ("text", "json", "jsonl", "html")


class ReportSink:
    """Renders reports in one format to ``out``; ``interactive`` enables terminal colours."""

    def __init__(
        self,
        fmt: str,
        out: TextIO,
        *,
        evidence: bool = False,
        interactive: bool = False,
        signature: str = "",
        detectors: Sequence[str] = (),
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; known: {FORMATS}")
        self.fmt, self.out, self.evidence = fmt, out, evidence
        self.signature, self.detectors = signature, list(detectors)
        self.summary = Summary()
        self.kept: list[Report] = []
        self.console = None
        if fmt == "text":
            from rich.console import Console

            # files and pipes get plain, unwrapped lines; a terminal gets colours and wrapping
            self.console = Console(
                file=out,
                soft_wrap=not interactive,
                force_terminal=interactive or None,
                no_color=not interactive,
                highlight=False,
            )

    def add(self, report: Report) -> None:
        self.summary.add(report)
        if self.fmt == "jsonl":
            from qc.report.jsonout import jsonl_line

            self.out.write(jsonl_line(report, evidence=self.evidence) + "\n")
            self.out.flush()  # a consumer can follow the reports as they come
        elif self.fmt == "text":
            from qc.report.text import print_report

            print_report(self.console, report)
        else:
            self.kept.append(report)

    def close(self) -> None:
        if self.fmt == "json":
            from qc.report.jsonout import json_document

            self.out.write(
                json_document(
                    self.kept,
                    evidence=self.evidence,
                    signature=self.signature,
                    detectors=self.detectors,
                    summary=self.summary,
                )
                + "\n"
            )
        elif self.fmt == "html":
            from qc.report.html import render_html

            self.out.write(render_html(self.kept, signature=self.signature))
        elif self.fmt == "text" and self.summary.documents:
            from qc.report.text import print_summary

            print_summary(self.console, self.summary)
