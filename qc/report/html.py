"""A standalone HTML report: one file, inline CSS, no scripts, no external assets.

Each document shows its text with every finding highlighted (hover for category,
severity, message and repair; overlapping findings share a highlight that lists all
of them), a findings table (a cross-lingual finding with the source sentence it refers
to) and the repaired text. Everything taken from the input
is escaped; a Content-Security-Policy forbids loading anything.

>>> from qc.model import Report
>>> "&lt;script&gt;" in render_html([Report("<script>", 100.0, "pass", [], "x", text="x")])
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from qc.model import CATEGORIES, Finding, Report
from qc.report.summary import Summary, describe_repair, display_safe, line_col, qc_version, source_excerpt

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2.5em;border-top:1px solid #ccc;padding-top:1em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .5em;
vertical-align:top;text-align:left}th{background:#f4f4f4}
pre.doc{white-space:pre-wrap;word-wrap:break-word;background:#fafafa;border:1px solid #e4e4e4;
padding:1em;font:14px/1.6 ui-monospace,monospace}
mark{border-radius:2px;padding:0 1px;cursor:help}
mark.major{background:#f8b4b4;border-bottom:2px solid #c00}
mark.minor{background:#fde68a;border-bottom:2px solid #b8860b}
mark.info{background:#bfe3f0;border-bottom:2px dotted #2a7fa5}
mark.point::after{content:"‸";color:#c00;font-weight:bold}
sup.n{font-size:.7em;color:#555;margin-left:1px}
.v-pass{color:#176b17;font-weight:bold}.v-review{color:#a66a00;font-weight:bold}
.v-reject{color:#b00;font-weight:bold}.v-error{color:#8b008b;font-weight:bold}
.legend span{margin-right:1.2em}.dim{color:#777}
td.t{font-family:ui-monospace,monospace;max-width:28em;word-wrap:break-word}
div.src{color:#555;font-size:.9em;margin-top:.2em}
"""


#: nothing may be loaded or run: the report is data, not an application
_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _title(f: Finding, n: int, text: str) -> str:
    repair = describe_repair(f, text)
    src = source_excerpt(f)
    return (
        f"#{n} {f.severity} {f.category}: {f.message}"
        + (f" — repair: {repair}" if repair else "")
        + f" ({f.detector}, {f.confidence:.2f})"
        + (f"\nsource: {src}" if src else "")
    )


def highlight(text: str, findings: Sequence[Finding]) -> str:
    """Escaped ``text`` with ``<mark>`` elements; overlapping findings are split at every boundary."""
    numbered = list(enumerate(findings, start=1))
    bounds = sorted({0, len(text)} | {f.start for f in findings} | {f.end for f in findings})
    points: dict[int, list[tuple[int, Finding]]] = {}
    for n, f in numbered:
        if f.start == f.end:
            points.setdefault(f.start, []).append((n, f))
    out: list[str] = []
    for a, b in zip(bounds, [*bounds[1:], None], strict=True):
        for n, f in points.get(a, []):
            out.append(
                f'<mark class="{f.severity} point" title="{escape(_title(f, n, text))}"></mark>'
                f'<sup class="n">{n}</sup>'
            )
        if b is None:
            break
        piece = escape(display_safe(text[a:b]))
        active = [(n, f) for n, f in numbered if f.start <= a and b <= f.end and f.start < f.end]
        if not active:
            out.append(piece)
            continue
        top = max(active, key=lambda nf: ("info", "minor", "major").index(nf[1].severity))[1]
        title = "\n".join(_title(f, n, text) for n, f in active)
        out.append(f'<mark class="{top.severity}" title="{escape(title)}">{piece}</mark>')
        ending = [n for n, f in active if f.end == b]
        if ending:
            out.append(f'<sup class="n">{",".join(map(str, ending))}</sup>')
    return "".join(out)


def _findings_table(report: Report) -> str:
    if not report.findings:
        return '<p class="dim">No findings.</p>'
    rows = []
    for n, f in enumerate(report.findings, start=1):
        line, col = line_col(report.text, f.start)
        rows.append(
            f'<tr><td>{n}</td><td>{line}:{col}</td><td><mark class="{f.severity}">{f.severity}</mark></td>'
            f'<td title="{escape(CATEGORIES.get(f.category, ""))}">{escape(f.category)}</td>'
            f'<td class="t">{escape(display_safe(f.text))}</td><td>{escape(f.message)}{_source_cell(f)}</td>'
            f"<td>{escape(display_safe(describe_repair(f, report.text)))}</td>"
            f'<td class="dim">{escape(f.detector)} {f.confidence:.2f}</td></tr>'
        )
    return (
        "<table><tr><th>#</th><th>line:col</th><th>severity</th><th>category</th><th>text</th>"
        "<th>message</th><th>repair</th><th>detector</th></tr>" + "".join(rows) + "</table>"
    )


def _source_cell(f: Finding) -> str:
    """The source sentence of a cross-lingual finding, under its message."""
    src = source_excerpt(f)
    return f'<div class="src">source: <i>{escape(src)}</i></div>' if src else ""


def _document(i: int, report: Report) -> str:
    head = (
        f'<h2 id="doc-{i}">{escape(display_safe(report.id))} — '
        f'<span class="v-{report.verdict}">{report.verdict}</span>'
    )
    if report.verdict == "error":
        return head + f'</h2><p class="v-error">{escape(display_safe(report.error or ""))}</p>'
    parts = [
        head + f' <span class="dim">score {report.score:.1f}</span></h2>',
        f'<pre class="doc">{highlight(report.text, report.findings)}</pre>',
        _findings_table(report),
    ]
    if report.repaired != report.text:
        parts.append(
            f'<details><summary>Repaired text</summary><pre class="doc">'
            f"{escape(display_safe(report.repaired))}</pre></details>"
        )
    return "\n".join(parts)


def _legend(reports: Sequence[Report]) -> str:
    used = sorted({f.category for r in reports for f in r.findings})
    sev = "".join(f'<span><mark class="{s}">{s}</mark></span>' for s in ("major", "minor", "info"))
    cats = "".join(f"<tr><td>{escape(c)}</td><td>{escape(CATEGORIES.get(c, ''))}</td></tr>" for c in used)
    return (
        f'<p class="legend">{sev} <span class="dim">hover a highlight for details; '
        f"superscripts number the findings</span></p>"
        + (f"<table><tr><th>category</th><th>meaning</th></tr>{cats}</table>" if cats else "")
    )


def _overview(reports: Sequence[Report], summary: Summary) -> str:
    counts = ", ".join(f"{summary.verdicts.get(v, 0)} {v}" for v in ("pass", "review", "reject", "error"))
    rows = "".join(
        f'<tr><td><a href="#doc-{i}">{escape(display_safe(r.id))}</a></td>'
        f'<td class="v-{r.verdict}">{r.verdict}</td><td>{r.score:.1f}</td><td>{len(r.findings)}</td></tr>'
        for i, r in enumerate(reports)
    )
    return (
        f"<p>{summary.documents} documents: {counts}.</p><table><tr><th>document</th><th>verdict</th>"
        f"<th>score</th><th>findings</th></tr>{rows}</table>"
    )


def render_html(reports: Sequence[Report], *, signature: str = "", title: str = "qc report") -> str:
    summary = Summary()
    for r in reports:
        summary.add(r)
    body = "\n".join(_document(i, r) for i, r in enumerate(reports))
    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title>"
        f"<style>{_CSS}</style></head><body>\n<h1>{escape(title)}</h1>"
        f'<p class="dim">qc {escape(qc_version())}'
        + (f" · config {escape(signature)}" if signature else "")
        + "</p>\n"
        + _overview(reports, summary)
        + _legend(reports)
        + "\n"
        + body
        + "\n</body></html>\n"
    )
