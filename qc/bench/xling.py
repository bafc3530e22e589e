"""Cross-lingual checks on WMT22 en→de: injected errors, false alarms, per-system rates, cost.

Documents are ten consecutive WMT segments of the English source and a German
side, a segment per line (``--layout lines``, the default), up to three segments
per paragraph (``paragraphs``) or all in one paragraph (``paragraph``), see
:data:`LAYOUTS`. Even-numbered documents are the *tune* half, odd-numbered the
*test* half (``--split``). With a fixed seed, each document of the half gets, one
type at a time, an injected error at a recorded place in human reference A:

- ``number``: one digit of a number that also occurs in the source is changed;
- ``name-altered``: a name (a word the English source set never writes in lower
  case, occurring once verbatim in source and target line) gets two letters
  changed, or is replaced by another such name;
- ``name-dropped``: that name is deleted;
- ``omission``: a target line (segment) is deleted;
- ``addition``: a reference line from a distant document is inserted;
- ``untranslated``: a target line is replaced by its English source.

Recall: the injected error is found (a finding of its category overlapping the
changed span; for omissions, one whose source evidence overlaps the deleted
line's source). Precision: of the findings of that category in the corrupted
documents, the share that hit an injection. False alarms: major/minor findings of
the cross-lingual detector on untouched source + reference A and source +
reference B, per 20 segments. Also: findings per 100 segments for each WMT22
system and both references, and the cost of checking with vs. without a source
(each ratio the median of rounds of a run with and a run without, with their range).

Example::

    qc bench xling --wmt ../shared/wmt --split test
    qc bench xling --wmt ../shared/wmt --layout paragraphs --measure quality
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from qc.detectors.xling_checks import CrossLingualDetector
from qc.lang.sentences import ends_sentence
from qc.model import Document, Finding
from qc.segment import Segmentation
from qc.xling import implementation

PREFIX = "generaltest2022.en-de."
SYSTEMS = (
    "JDExploreAcademy",
    "Lan-Bridge",
    "Online-A",
    "Online-B",
    "Online-G",
    "Online-W",
    "Online-Y",
    "OpenNMT",
    "PROMT",
)
TYPES = ("number", "name-altered", "name-dropped", "omission", "addition", "untranslated")
CATEGORY = {
    "number": "number",
    "name-altered": "name",
    "name-dropped": "name",
    "omission": "omission",
    "addition": "addition",
    "untranslated": "untranslated",
}


@dataclass
class Injected:
    doc: Document
    kind: str
    #: target span of the change (zero-width where text was removed)
    start: int
    end: int
    #: source span of the affected line (omissions are matched on it)
    src_start: int
    src_end: int


def load_wmt(root: Path) -> dict[str, list[str]]:
    """Line-aligned segments: ``src``, ``A``, ``B`` and each system name."""

    def read(name: str) -> list[str]:
        return (root / f"{PREFIX}{name}").read_text(encoding="utf-8").rstrip("\n").split("\n")

    out = {"src": read("src.en"), "A": read("ref.A.de"), "B": read("ref.B.de")}
    for s in SYSTEMS:
        path = root / f"{PREFIX}hyp.{s}.de"
        if path.exists():
            out[s] = read(f"hyp.{s}.de")
    return out


def documents(n_segments: int, size: int, split: str) -> list[range]:
    """Ranges of segment indices; even-numbered documents tune, odd ones test."""
    ranges = [range(a, min(a + size, n_segments)) for a in range(0, n_segments, size)]
    if split == "all":
        return ranges
    keep = 0 if split == "tune" else 1
    return [r for k, r in enumerate(ranges) if k % 2 == keep]


#: how a document's segments are joined, as segments per paragraph (a paragraph a line): one (as
#: WMT gives them; paragraphs correspond), up to three (as articles are written: a segment that
#: ends without a full stop, a heading or a chat line, ends its paragraph too), or all in one
#: paragraph (0: text without line breaks, the aligner has only sentences to go by)
LAYOUTS = {"lines": 1, "paragraphs": 3, "paragraph": 0}


def paragraph_ids(segments: list[str], layout: str) -> list[int]:
    """The paragraph of each segment in ``layout`` (:data:`LAYOUTS`). The source's segments
    decide, for the source and its translation alike (a translation keeps the paragraphs)."""
    size = LAYOUTS[layout]
    if size == 0:
        return [0] * len(segments)
    out: list[int] = []
    paragraph, in_paragraph = 0, 0
    for seg in segments:
        out.append(paragraph)
        in_paragraph += 1
        if in_paragraph == size or not ends_sentence(seg):
            paragraph, in_paragraph = paragraph + 1, 0
    return out


def join_segments(segments: list[str], paragraphs: list[int]) -> str:
    """``segments`` joined by a space within a paragraph and a line break between paragraphs
    (``paragraphs``: each segment's paragraph). Either separator is one character, so the
    segments' offsets are those of :func:`_offsets` in every layout."""
    out: list[str] = []
    for k, seg in enumerate(segments):
        if k:
            out.append(" " if paragraphs[k] == paragraphs[k - 1] else "\n")
        out.append(seg)
    return "".join(out)


def add_wmt_arguments(parser: argparse.ArgumentParser, *, split: bool = True) -> None:
    """The options the scripts in ``bench/`` share: ``--wmt``, ``--split`` (unless ``split`` is
    False), ``--size`` and ``--layout``, as ``qc bench xling`` names them."""
    parser.add_argument("--wmt", type=Path, default=Path("../shared/wmt"), help="folder with the WMT22 files")
    if split:
        parser.add_argument("--split", choices=("tune", "test"), default="test")
    parser.add_argument("--size", type=int, default=10, help="segments per document")
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="lines", help="how segments are joined")


def doc_text(data: dict[str, list[str]], side: str, r: range, layout: str = "lines") -> str:
    """The document of segments ``r`` on one side ("src", "A", "B" or a system), joined as
    ``layout`` says (:data:`LAYOUTS`)."""
    return join_segments([data[side][i] for i in r], paragraph_ids([data["src"][i] for i in r], layout))


def every_translation(
    data: dict[str, list[str]], split: str, size: int, layout: str = "lines"
) -> list[tuple[str, range, str, str]]:
    """(side, segments, text, source) of every document of ``split`` in every translation
    (references A and B and each system): a batch of new text, as a news desk gets it."""
    return [
        (side, r, doc_text(data, side, r, layout), doc_text(data, "src", r, layout))
        for side in data if side != "src" for r in documents(len(data["src"]), size, split)
    ]


def one_translation_each(
    data: dict[str, list[str]], split: str, size: int, layout: str = "lines"
) -> list[tuple[str, range, str, str]]:
    """(side, segments, text, source) of every document of ``split`` once, the translations
    taking turns (reference A, reference B, then each system): a batch in which every source
    is new, as in wire copy (the source side of a document is read once per source text, so
    a batch of the same sources in every translation would read each only once)."""
    sides = [side for side in data if side != "src"]
    return [
        (side, r, doc_text(data, side, r, layout), doc_text(data, "src", r, layout))
        for k, r in enumerate(documents(len(data["src"]), size, split))
        for side in (sides[k % len(sides)],)
    ]


def _offsets(lines: list[str]) -> list[int]:
    pos, out = 0, []
    for line in lines:
        out.append(pos)
        pos += len(line) + 1
    return out


_DIGITS = re.compile(r"\d[\d.,]*\d|\d")
_CAPWORD = re.compile(r"(?<![\w-])[A-ZÄÖÜ][a-zäöüß]{3,}(?![\w-])")


def proper_nouns(source_lines: list[str]) -> frozenset[str]:
    """Words that the English source set writes capitalised but never in lower case: names.

    Independent of the checker's own name test, so the benchmark does not grade it on itself.
    """
    words = Counter(w for line in source_lines for w in re.findall(r"[^\W\d_]+", line))
    return frozenset(w for w in words if w[0].isupper() and w.lower() not in words and not w.isupper())


def inject(
    kind: str,
    src: list[str],
    tgt: list[str],
    rng: random.Random,
    pool: list[str],
    names: list[str],
    doc_id: str,
    proper: frozenset[str] = frozenset(),
    layout: str = "lines",
) -> Injected | None:
    """One error of ``kind`` in a copy of the document; None when the document offers no place.

    Segments keep their paragraphs (:func:`paragraph_ids`): a deleted one leaves its paragraph
    shorter; an added one is a line of its own in the ``lines`` layout, and joins the paragraph
    of the segment it goes before in the others."""
    paragraphs = paragraph_ids(src, layout)
    source = join_segments(src, paragraphs)
    s_off = _offsets(src)
    order = list(range(len(tgt)))
    rng.shuffle(order)
    for i in order:
        s0, s1 = s_off[i], s_off[i] + len(src[i])
        lines = list(tgt)
        groups = list(paragraphs)
        if kind == "number":
            src_digits = {re.sub(r"\D", "", m.group()) for m in _DIGITS.finditer(src[i])}
            cands = [m for m in _DIGITS.finditer(lines[i]) if re.sub(r"\D", "", m.group()) in src_digits]
            if not cands:
                continue
            m = rng.choice(cands)
            digits = [k for k, c in enumerate(m.group()) if c.isdigit()]
            for _ in range(10):
                k = rng.choice(digits)
                new = (
                    m.group()[:k]
                    + rng.choice([d for d in "0123456789" if d != m.group()[k]])
                    + m.group()[k + 1 :]
                )
                if new[0] != "0" and re.sub(r"\D", "", new) not in src_digits:
                    break
            else:
                continue
            lines[i] = lines[i][: m.start()] + new + lines[i][m.end() :]
            start = _offsets(lines)[i] + m.start()
            return Injected(
                _joined(doc_id, lines, groups, source), kind, start, start + len(new), s0, s1
            )
        if kind in ("name-altered", "name-dropped"):
            words = [
                m
                for m in _CAPWORD.finditer(lines[i])
                if (not proper or m.group() in proper)
                and len(re.findall(rf"(?<!\w){m.group()}(?!\w)", src[i])) == 1
                and len(re.findall(rf"(?<!\w){m.group()}(?!\w)", lines[i])) == 1
                and not src[i].startswith(m.group())
            ]
            if not words:
                continue
            m = rng.choice(words)
            if kind == "name-dropped":
                a, b = m.start(), m.end()
                if a > 0 and lines[i][a - 1] == " ":
                    a -= 1
                lines[i] = lines[i][:a] + lines[i][b:]
                start = _offsets(lines)[i] + a
                return Injected(_joined(doc_id, lines, groups, source), kind, start, start, s0, s1)
            word = m.group()
            others = [n for n in names if n != word and n[:2] != word[:2]]
            if rng.random() < 0.5 and others:
                new = rng.choice(others)
            else:
                chars = list(word)
                for k in rng.sample(range(1, len(chars)), 2):
                    chars[k] = rng.choice([c for c in "aeiourstnlkm" if c != chars[k]])
                new = "".join(chars)
            lines[i] = lines[i][: m.start()] + new + lines[i][m.end() :]
            start = _offsets(lines)[i] + m.start()
            return Injected(
                _joined(doc_id, lines, groups, source), kind, start, start + len(new), s0, s1
            )
        if kind == "omission":
            if len(src[i]) < 30 or len(lines) < 3:
                continue
            del lines[i]
            del groups[i]
            pos = _offsets(lines)[i] if i < len(lines) else len(join_segments(lines, groups))
            return Injected(_joined(doc_id, lines, groups, source), kind, pos, pos, s0, s1)
        if kind == "addition":
            extra = rng.choice(pool)
            lines.insert(i, extra)
            groups.insert(i, _added_paragraph(groups, i, extra, layout))
            start = _offsets(lines)[i]
            return Injected(
                _joined(doc_id, lines, groups, source), kind, start, start + len(extra), -1, -1
            )
        if kind == "untranslated":
            if len(src[i].split()) < 4:
                continue
            lines[i] = src[i]
            start = _offsets(lines)[i]
            return Injected(
                _joined(doc_id, lines, groups, source), kind, start, start + len(src[i]), s0, s1
            )
    return None


def _added_paragraph(paragraphs: list[int], i: int, segment: str, layout: str) -> int:
    """The paragraph of a ``segment`` added before segment ``i``: one of its own where each segment
    is one, else the paragraph it goes into; where one segment ends a paragraph without a full
    stop (:func:`paragraph_ids`), the rest of that paragraph becomes a new one (``paragraphs``
    is changed in place)."""
    if LAYOUTS[layout] == 1:
        return -1
    here = paragraphs[i]
    if LAYOUTS[layout] and not ends_sentence(segment):
        rest = min(paragraphs) - 1
        for k in range(i, len(paragraphs)):
            if paragraphs[k] == here:
                paragraphs[k] = rest
    return here


def _joined(doc_id: str, lines: list[str], paragraphs: list[int], source: str) -> Document:
    return Document(doc_id, join_segments(lines, paragraphs), source=source)


def _hit(f: Finding, inj: Injected) -> bool:
    if f.category != CATEGORY[inj.kind]:
        return False
    if inj.kind == "omission":
        a, b = f.evidence.get("source_start", -1), f.evidence.get("source_end", -1)
        return a < inj.src_end and inj.src_start < b
    if inj.start == inj.end:  # a dropped name: the finding covers the place
        return f.start <= inj.start <= f.end
    return f.start < inj.end and inj.start < f.end


def alarms(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity in ("major", "minor")]


def run(
    wmt: Path, split: str = "test", size: int = 10, seed: int = 13, timing_docs: int | None = None,
    measure: str = "all", layout: str = "lines",
) -> dict[str, Any]:
    """``measure``: ``all``, ``quality`` (no cost) or ``cost`` (cost only); ``layout``: how
    segments are joined into documents (:data:`LAYOUTS`)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    data = load_wmt(wmt)
    n = len(data["src"])
    docs = documents(n, size, split)
    if timing_docs is None:
        timing_docs = len(docs)  # (the cost measures time every document of the split)
    # (timings of the pure-Python modules, e.g. after an edit without a rebuild, say so)
    head = {"split": split, "layout": layout, "documents": len(docs), "segments": sum(len(r) for r in docs),
            "implementation": implementation()}
    if measure == "cost":
        return {**head,
                "cost": cost(data, docs[:timing_docs], layout=layout),
                "cost_first_sight": first_sight_cost(wmt, split, size, n_docs=timing_docs, layout=layout),
                "cost_batch": batch_cost(wmt, split, size, layout=layout)}
    det = CrossLingualDetector()

    def detect(doc: Document) -> list[Finding]:
        return det.detect(doc, Segmentation(doc.text))

    out: dict[str, Any] = dict(head)

    # false alarms on clean pairs
    clean: dict[str, Any] = {}
    examples: dict[str, list[dict[str, Any]]] = {}
    for side in ("A", "B"):
        cats: Counter[str] = Counter()
        ex: list[dict[str, Any]] = []
        for r in docs:
            doc = Document(
                f"{side}-{r.start}",
                doc_text(data, side, r, layout),
                source=doc_text(data, "src", r, layout),
            )
            for f in alarms(detect(doc)):
                cats[f.category] += 1
                if len(ex) < 40:
                    ex.append(
                        {
                            "doc": doc.id,
                            "category": f.category,
                            "text": f.text[:120],
                            "message": f.message[:160],
                        }
                    )
        segs = out["segments"]
        clean[side] = {
            "alarms": sum(cats.values()),
            "per_20_segments": round(20 * sum(cats.values()) / segs, 3),
            "by_category": dict(cats),
        }
        examples[side] = ex
    out["false_alarms"] = clean

    # injected errors into reference A
    rng = random.Random(seed)
    pool_docs = documents(n, size, "all")
    # replacement names: capitalised words kept verbatim from source to reference somewhere in the set
    proper = proper_nouns(data["src"])
    names = sorted(
        {
            m.group()
            for k, line in enumerate(data["A"])
            for m in _CAPWORD.finditer(line)
            if m.group() in data["src"][k] and m.group() in proper
        }
    )
    result: dict[str, dict[str, float]] = {}
    misses: dict[str, list[str]] = defaultdict(list)
    for kind in TYPES:
        found = total = tp = fp = 0
        for r in docs:
            far = pool_docs[(r.start // size + len(pool_docs) // 2) % len(pool_docs)]
            pool = [data["A"][i] for i in far if len(data["A"][i]) >= 30]
            if kind == "addition" and not pool:
                continue
            inj = inject(
                kind,
                [data["src"][i] for i in r],
                [data["A"][i] for i in r],
                rng,
                pool,
                names,
                f"{kind}-{r.start}",
                proper,
                layout,
            )
            if inj is None:
                continue
            total += 1
            fs = [f for f in alarms(detect(inj.doc)) if f.category == CATEGORY[kind]]
            hits = [f for f in fs if _hit(f, inj)]
            found += bool(hits)
            tp += len(hits)
            fp += len(fs) - len(hits)
            if not hits and len(misses[kind]) < 8:
                misses[kind].append(inj.doc.text[max(0, inj.start - 60) : inj.end + 60].replace("\n", " | "))
        result[kind] = {
            "injected": total,
            "recall": round(found / total, 3) if total else 0.0,
            "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
        }
    out["injected"] = result

    # per-system rates
    systems: dict[str, dict[str, float]] = {}
    for side in ("A", "B", *SYSTEMS):
        if side not in data:
            continue
        cats = Counter()
        for r in docs:
            doc = Document(
                side, doc_text(data, side, r, layout), source=doc_text(data, "src", r, layout)
            )
            cats.update(f.category for f in alarms(detect(doc)))
        segs = out["segments"]
        systems[side] = {
            "per_100_segments": round(100 * sum(cats.values()) / segs, 2),
            **{c: round(100 * v / segs, 2) for c, v in sorted(cats.items())},
        }
    out["systems"] = systems

    if measure == "all":
        out["cost"] = cost(data, docs[:timing_docs], layout=layout)
        out["cost_first_sight"] = first_sight_cost(wmt, split, size, n_docs=timing_docs, layout=layout)
        out["cost_batch"] = batch_cost(wmt, split, size, layout=layout)
    out["examples"] = {"false_alarms": examples, "misses": dict(misses)}
    return out


def cost(
    data: dict[str, list[str]], docs: list[range], repeats: int = 15, layout: str = "lines"
) -> dict[str, Any]:
    """CPU seconds per document of Checker(use_lm=False).check with and without the source.

    CPU time (``time.process_time``) of whole passes over the documents, the two
    modes alternating (and alternating which goes first), ``repeats`` passes each; each
    round's two passes are compared (:func:`_ratio_result`), so a loaded machine skews both
    modes alike. One warm-up pass per mode fills the per-word caches every detector keeps, as a
    long batch would. ``crosslingual`` is the detector's own share (its timing in
    the report), ``ratio`` = with / without (the median round; ``ratio_range``: all rounds).
    """
    from statistics import median

    from qc.pipeline import Checker

    checker = Checker(use_lm=False)
    pairs = [(doc_text(data, "A", r, layout), doc_text(data, "src", r, layout)) for r in docs]
    times: dict[str, list[float]] = {"without": [], "with": [], "crosslingual": []}

    def one_pass(mode: str) -> tuple[float, float]:
        own = 0.0
        t = time.process_time()
        for text, source in pairs:
            report = checker.check(Document("t", text, source=source if mode == "with" else None))
            own += report.timings.get("crosslingual", 0.0)
        return time.process_time() - t, own

    for mode in ("without", "with"):
        one_pass(mode)
    for k in range(repeats):
        for mode in ("without", "with") if k % 2 == 0 else ("with", "without"):
            seconds, own = one_pass(mode)
            times[mode].append(seconds / len(pairs))
            if mode == "with":
                times["crosslingual"].append(own / len(pairs))
    return {
        **_ratio_result(times, len(pairs)),
        "seconds_crosslingual": round(median(times["crosslingual"]), 6),
        "repeats": repeats,
    }


def first_sight_cost(wmt: Path, split: str = "test", size: int = 10, runs: int = 9,
                     n_docs: int = 60, layout: str = "lines") -> dict[str, Any]:
    """CPU seconds per document when the documents are new to the process (a fresh batch).

    Each mode runs in its own fresh process (``runs`` each, alternating): it warms
    up on documents of the *other* half (dictionaries, models and per-word caches
    of ordinary text), then checks this half's documents once. Per-word caches
    then hold only the words those documents share with the warm-up text, as in a
    new batch of articles. Medians of the runs; ``ratio`` = with / without of the median round of
    two runs (:func:`_ratio_result`).
    """
    got = _fresh_process_runs("_first_sight_pass", [str(wmt), split, size, n_docs, layout], runs)
    return _ratio_result(got, n_docs)


def batch_cost(wmt: Path, split: str = "test", size: int = 10, runs: int = 9,
               layout: str = "lines") -> dict[str, Any]:
    """CPU seconds per document of a ``qc check FILE.jsonl --no-lm`` batch with and without sources.

    One JSONL file per mode holds every document of the split once, the translations
    taking turns (:func:`one_translation_each`: new text and new sources throughout, as in
    a batch of wire copy); the other mode's file is the same without ``source``. Each run is a fresh
    process that starts up and warms up on five documents of the other split (not
    timed), then reads the file, checks every document and writes JSONL reports,
    as ``qc check`` does. CPU time, medians of ``runs`` alternating runs; ``ratio`` =
    with / without of the median round (:func:`_ratio_result`).
    """
    import tempfile

    docs = one_translation_each(load_wmt(wmt), split, size, layout)
    with tempfile.TemporaryDirectory() as tmp:
        _write_batch_files(docs, Path(tmp))
        got = _fresh_process_runs("_batch_pass", [str(wmt), split, size, tmp, layout], runs)
    return _ratio_result(got, len(docs))


def long_batch_cost(wmt: Path, runs: int = 3, layout: str = "lines") -> dict[str, Any]:
    """CPU seconds per document of a long ``qc check FILE.jsonl --no-lm`` batch in which every
    source is new: every document of both splits in every translation (2,244 ten-segment
    documents), the kept sources (:func:`~qc.xling.bitext.forget_sources`) emptied before every
    document, since WMT22 gives each source in eleven translations. Over a batch this long the
    per-word caches of every detector fill up. As :func:`batch_cost` (fresh processes,
    alternating, start-up and a five-document warm-up not timed), for the whole batch and for
    its second half; ``runs`` holds each run's (whole, second half) per mode."""
    import tempfile

    data = load_wmt(wmt)
    docs = [d for split in ("tune", "test") for d in every_translation(data, split, 10, layout)]
    with tempfile.TemporaryDirectory() as tmp:
        _write_batch_files(docs, Path(tmp))
        got = _fresh_process_runs("_long_batch_pass", [str(wmt), tmp, layout], runs)
    out: dict[str, Any] = {"documents": len(docs), "runs": got}
    for label, i in (("whole", 0), ("second_half", 1)):
        out[label] = _ratio_result({mode: [r[i] for r in got[mode]] for mode in got}, len(docs))
    return out


def _write_batch_files(docs: list[tuple[str, range, str, str]], folder: Path) -> None:
    """``with.jsonl`` (documents with their sources) and ``without.jsonl`` (the same without)."""
    for mode in ("without", "with"):
        rows = [{"id": f"{side}-{r.start}", "text": text, **({"source": source} if mode == "with" else {})}
                for side, r, text, source in docs]
        Path(folder, f"{mode}.jsonl").write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
        )


def _fresh_process_runs(entry: str, args: list[Any], runs: int) -> dict[str, list[Any]]:
    """``entry(*args, mode)`` (a function of this module returning JSON-able numbers) per mode,
    each run in a fresh process, ``runs`` runs per mode, alternating which mode goes first."""
    import subprocess
    import sys

    got: dict[str, list[Any]] = {"without": [], "with": []}
    for k in range(runs):
        for mode in ("without", "with") if k % 2 == 0 else ("with", "without"):
            out = subprocess.run(
                [sys.executable, "-c",
                 f"import json, sys; from qc.bench.xling import {entry}; "
                 f"print(json.dumps({entry}(*json.loads(sys.argv[1]))))",
                 json.dumps([*args, mode])],
                capture_output=True, text=True, check=True,
            )
            got[mode].append(json.loads(out.stdout.strip().splitlines()[-1]))
    return got


def _ratio_result(seconds: dict[str, list[float]], n_docs: int) -> dict[str, Any]:
    """Medians per mode of ``seconds`` (run ``k`` of each mode taken next to each other), and the
    ratio with / without of each such round: ``ratio`` is their median, ``ratio_range`` the
    lowest and highest. A round's two runs share the machine's load of the moment, so the
    spread of the rounds shows how far a single measurement can be trusted."""
    from statistics import median

    rounds = [w / wo for wo, w in zip(seconds["without"], seconds["with"], strict=True)]
    return {
        "seconds_without": round(median(seconds["without"]), 6),
        "seconds_with": round(median(seconds["with"]), 6),
        "ratio": round(median(rounds), 3),
        "ratio_range": [round(min(rounds), 3), round(max(rounds), 3)],
        "documents": n_docs,
        "runs": len(rounds),
    }


def _warm_up(checker: Any, data: dict[str, list[str]], split: str, size: int, n_docs: int, mode: str,
             layout: str = "lines") -> None:
    """Check the first ``n_docs`` documents of the *other* split (reference A), with or without
    their source: dictionaries, tables and per-word caches of ordinary text are loaded."""
    other = "tune" if split == "test" else "test"
    for r in documents(len(data["src"]), size, other)[:n_docs]:
        source = doc_text(data, "src", r, layout) if mode == "with" else None
        checker.check(Document("warm", doc_text(data, "A", r, layout), source=source))


def _batch_pass(wmt: str, split: str, size: int, folder: str, layout: str, mode: str) -> float:
    """One timed batch (see :func:`batch_cost`): seconds of CPU per document."""
    return _timed_qc_check(wmt, split, size, Path(folder, f"{mode}.jsonl"), layout, mode)[0]


def _long_batch_pass(wmt: str, folder: str, layout: str, mode: str) -> tuple[float, float]:
    """One timed long batch (see :func:`long_batch_cost`): seconds of CPU per document over the
    whole batch and over its second half."""
    path = Path(folder, f"{mode}.jsonl")
    return _timed_qc_check(wmt, "test", 10, path, layout, mode, every_source_new=True)


def _timed_qc_check(wmt: str, split: str, size: int, path: Path, layout: str, mode: str,
                    every_source_new: bool = False) -> tuple[float, float]:
    """What ``qc check FILE.jsonl --no-lm`` does with ``path`` after start-up and a five-document
    warm-up on the other split (not timed; what it loaded is then frozen, as ``qc check`` freezes
    what its first document loaded): read, check, write JSONL reports (to /dev/null).
    CPU seconds per document over the file and over its second half; ``every_source_new``
    empties the kept sources before every document."""
    import os

    from qc.cli import build_checker, build_config
    from qc.io import expand_paths, read_source
    from qc.pipeline import freeze_loaded_state
    from qc.report.sink import ReportSink
    from qc.xling.bitext import forget_sources

    cfg = build_config(None, True, None, None)
    checker = build_checker(cfg)
    _warm_up(checker, load_wmt(Path(wmt)), split, size, 5, mode, layout)
    freeze_loaded_state()  # as ``qc check`` does once its first document is checked
    with path.open(encoding="utf-8") as f:
        half = sum(1 for _ in f) // 2
    n, t_half = 0, 0.0
    t = time.process_time()
    with open(os.devnull, "w", encoding="utf-8") as out:
        sink = ReportSink("jsonl", out, signature=cfg.signature(), detectors=checker.detector_names)
        for src in expand_paths([str(path)]):
            for doc in read_source(src):
                if every_source_new:
                    forget_sources()
                sink.add(checker.check(doc))
                n += 1
                if n == half:
                    t_half = time.process_time()
        sink.close()
    end = time.process_time()
    return (end - t) / n, (end - t_half) / (n - half)


def _first_sight_pass(wmt: str, split: str, size: int, n_docs: int, layout: str, mode: str) -> float:
    """One timed pass (see :func:`first_sight_cost`): seconds of CPU per document."""
    from qc.pipeline import Checker

    data = load_wmt(Path(wmt))
    checker = Checker(use_lm=False)
    _warm_up(checker, data, split, size, n_docs, mode, layout)
    pairs = [(doc_text(data, "A", r, layout), doc_text(data, "src", r, layout))
             for r in documents(len(data["src"]), size, split)[:n_docs]]
    t = time.process_time()
    for text, source in pairs:
        checker.check(Document("t", text, source=source if mode == "with" else None))
    return (time.process_time() - t) / len(pairs)


def format_tables(res: dict[str, Any]) -> str:
    """Plain-text tables of a :func:`run` result."""
    lines = [f"split={res['split']}  layout={res.get('layout', 'lines')}  documents={res['documents']}  "
             f"segments={res['segments']}  cross-lingual modules: {res.get('implementation', '?')}", ""]
    if "injected" not in res:
        return "\n".join([*lines, *_cost_lines(res)])
    lines.append(f"{'injected type':<16}{'n':>5}{'recall':>9}{'precision':>11}")
    for kind, r in res["injected"].items():
        lines.append(f"{kind:<16}{r['injected']:>5}{r['recall']:>9.3f}{r['precision']:>11.3f}")
    lines.append("")
    lines.append("false alarms on untouched pairs (major/minor findings of the cross-lingual detector)")
    for side, r in res["false_alarms"].items():
        cats = ", ".join(f"{c} {n}" for c, n in sorted(r["by_category"].items()))
        rate = f"{r['per_20_segments']:.2f} per 20 segments"
        lines.append(f"  source + ref {side}: {r['alarms']} alarms = {rate} ({cats})")
    lines.append("")
    columns = sorted({c for r in res["systems"].values() for c in r if c != "per_100_segments"})
    lines.append(f"{'findings per 100 segments':<26}{'all':>7}" + "".join(f"{c:>14}" for c in columns))
    for name, r in res["systems"].items():
        label = f"ref {name}" if name in ("A", "B") else name
        lines.append(
            f"{label:<26}{r['per_100_segments']:>7.2f}" + "".join(f"{r.get(c, 0.0):>14.2f}" for c in columns)
        )
    if "cost" in res:
        lines += ["", *_cost_lines(res)]
    return "\n".join(lines)


def _cost_lines(res: dict[str, Any]) -> list[str]:
    out = [_cost_line(res["cost"])]
    f = res.get("cost_first_sight")
    if f:
        out.append(
            f"cost on first sight (fresh process per mode, warmed on the other half, median of {f['runs']}): "
            f"{f['seconds_without'] * 1000:.2f} ms/doc without source, "
            f"{f['seconds_with'] * 1000:.2f} ms/doc with source ({_ratio_text(f)})"
        )
    b = res.get("cost_batch")
    if b:
        out.append(
            f"cost in a batch (qc check on {b['documents']} JSONL documents, each source once, "
            f"start-up not timed, median of {b['runs']}): {b['seconds_without'] * 1000:.2f} ms/doc without "
            f"source, {b['seconds_with'] * 1000:.2f} ms/doc with source ({_ratio_text(b)})"
        )
    return out


def _cost_line(c: dict[str, float]) -> str:
    return (
        f"cost (CPU, median of {c['repeats']} passes over {c['documents']} documents): "
        f"Checker(use_lm=False).check {c['seconds_without'] * 1000:.2f} ms/doc without source, "
        f"{c['seconds_with'] * 1000:.2f} ms/doc with source (crosslingual detector "
        f"{c['seconds_crosslingual'] * 1000:.2f} ms; {_ratio_text(c)})"
    )


def _ratio_text(r: dict[str, Any]) -> str:
    """"ratio 1.21, rounds 1.15-1.30" (the median round's ratio, and the range of all rounds)."""
    low, high = r.get("ratio_range", (r["ratio"], r["ratio"]))
    return f"ratio {r['ratio']:.2f}, rounds {low:.2f}-{high:.2f}"


def main(
    wmt: Annotated[Path, typer.Option(help="folder with the WMT22 en-de files")] = Path("../shared/wmt"),
    split: Annotated[str, typer.Option(help="tune | test | all")] = "test",
    size: Annotated[int, typer.Option(help="segments per document")] = 10,
    seed: Annotated[int, typer.Option()] = 13,
    as_json: Annotated[bool, typer.Option("--json", help="print the full result as JSON")] = False,
    measure: Annotated[str, typer.Option(help="all | quality (no cost) | cost (cost only)")] = "all",
    layout: Annotated[
        str, typer.Option(help="lines (a segment a line, default) | paragraphs (up to three segments a "
                               "paragraph) | paragraph (one paragraph per document)")
    ] = "lines",
    show_examples: Annotated[
        bool, typer.Option("--examples", help="with --json: false alarms and misses")
    ] = False,
) -> None:
    """Cross-lingual checks on WMT22 en→de: injected-error recall/precision, false alarms, systems, cost."""
    if layout not in LAYOUTS:
        raise typer.BadParameter(f"use one of {', '.join(LAYOUTS)}", param_hint="--layout")
    if measure not in ("all", "quality", "cost"):
        raise typer.BadParameter("use all, quality or cost", param_hint="--measure")
    res = run(wmt, split, size, seed, measure=measure, layout=layout)
    if not show_examples:
        res.pop("examples", None)
    typer.echo(json.dumps(res, indent=1, ensure_ascii=False) if as_json else format_tables(res))
