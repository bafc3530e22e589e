"""Report renderers: terminal text (rich), JSON Lines, JSON and standalone HTML."""

from qc.report.html import render_html
from qc.report.jsonout import json_document, jsonl_line
from qc.report.sink import FORMATS, ReportSink
from qc.report.summary import Summary, line_col
from qc.report.text import print_report, print_summary

__all__ = [
    "FORMATS",
    "ReportSink",
    "Summary",
    "json_document",
    "jsonl_line",
    "line_col",
    "print_report",
    "print_summary",
    "render_html",
]
