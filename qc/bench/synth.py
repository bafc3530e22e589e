"""``qc bench synth``: inject MT-like artifacts into clean German text and measure the fluency detector.

Clean sentences (e.g. WMT human references or the corpus ``*.valid.txt.xz`` files;
paths come from the command line, nothing is shipped) are grouped into pseudo
articles. A fixed-seed injector corrupts a minority of sentences (``density``),
one artifact each, and records the corrupted span and the original text:

- word-order: ``swap`` (adjacent words), ``move`` (a word 2-3 places),
  ``verb`` (a clause-final verb pulled 2-4 places left, "Wladimir bestätigten Putin"),
  ``compound`` (a known compound split into two capitalised words, "Gipfel Treffen");
- spelling: ``slip`` (letter swapped, dropped, doubled or replaced → unknown word);
- typography: ``typo`` (double space, space before comma, missing space after comma).

The detector runs once per article with every proposal kept; thresholds are then
swept on the ``dev`` articles (the smallest ``margin_minor`` reaching the target
word-order precision) and reported on the ``test`` articles, so the reported
numbers are not tuned on themselves. Scores are per category: precision (flagged
findings overlapping an injected span), recall (injected spans overlapped by a
finding), F1, and the exact-match rate of repairs on flagged injected spans
(top-1 and any of the top 3: applying the repair restores the clean text).

Example::

    qc bench synth /path/to/generaltest2022.en-de.ref.A.de --articles 60
"""

from __future__ import annotations

import json
import lzma
import random
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qc.segment import iter_sentences, iter_tokens

INJECTION_CATEGORY = {
    "swap": "word-order",
    "move": "word-order",
    "verb": "word-order",
    "compound": "word-order",
    "slip": "spelling",
    "typo": "typography",
}
DEFAULT_KINDS = ("swap", "move", "verb", "compound", "slip", "typo")


@dataclass
class Injection:
    start: int
    end: int
    original: str
    kind: str

    @property
    def category(self) -> str:
        return INJECTION_CATEGORY[self.kind]


@dataclass
class SynthArticle:
    text: str
    split: str
    injections: list[Injection] = field(default_factory=list)
    sentences: int = 0


# ---------------------------------------------------------------- reading


def read_clean_sentences(
    paths: Sequence[str | Path], *, min_words: int = 6, max_words: int = 35
) -> list[str]:
    """Sentences of the input files (plain or .xz), one line at a time, filtered by length."""
    out: list[str] = []
    for p in paths:
        opener: Callable[..., Any] = lzma.open if str(p).endswith(".xz") else open
        with opener(p, "rt", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                for s in iter_sentences(line):
                    n = len(s.text.split())
                    if min_words <= n <= max_words and s.text[-1:] in ".!?\"“" and s.text[0].isupper():
                        out.append(s.text)
    return out


# ---------------------------------------------------------------- injectors


def _plain(w: str) -> bool:
    return w.isalpha()


def _words(sentence: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.end, t.text) for t in iter_tokens(sentence)]


def _runs(toks: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Index ranges of consecutive plain words (no punctuation between)."""
    runs, a = [], None
    for i, (_, _, w) in enumerate([*toks, (0, 0, ",")]):
        if _plain(w) and a is None:
            a = i
        elif not _plain(w) and a is not None:
            runs.append((a, i))
            a = None
    return runs


def _reorder(sentence: str, toks: list[tuple[int, int, str]], idx: list[int]) -> str:
    lo, hi = min(idx), max(idx)
    return sentence[: toks[lo][0]] + " ".join(toks[k][2] for k in idx) + sentence[toks[hi][1] :]


def inject_swap(s: str, rng: random.Random, known: Callable[[str], bool]) -> str | None:
    toks = _words(s)
    pairs = [i for i in range(1, len(toks) - 1) if _plain(toks[i][2]) and _plain(toks[i + 1][2])
             and toks[i][2] != toks[i + 1][2]]
    if not pairs:
        return None
    i = rng.choice(pairs)
    return _reorder(s, toks, [i + 1, i])


def inject_move(s: str, rng: random.Random, known: Callable[[str], bool]) -> str | None:
    toks = _words(s)
    options = []
    for a, b in _runs(toks):
        a = max(a, 1)
        for j in range(a, b):
            for k in range(max(a, j - 3), min(b, j + 4)):
                if abs(k - j) >= 2:
                    options.append((j, k))
    if not options:
        return None
    j, k = rng.choice(options)
    idx = [*range(j + 1, k + 1), j] if k > j else [j, *range(k, j)]
    return _reorder(s, toks, idx)


def inject_verb(s: str, rng: random.Random, known: Callable[[str], bool]) -> str | None:
    """A clause-final lower-case word (typically the verb) pulled 2-4 places to the left."""
    toks = _words(s)
    options = []
    for a, b in _runs(toks):
        j = b - 1
        if b < len(toks) and toks[j][2][0].islower() and j - max(a, 1) >= 2:
            for d in range(2, min(4, j - max(a, 1)) + 1):
                options.append((j, j - d))
    if not options:
        return None
    j, k = rng.choice(options)
    return _reorder(s, toks, [j, *range(k, j)])


def inject_compound(s: str, rng: random.Random, known: Callable[[str], bool]) -> str | None:
    """Split a known compound into two known capitalised words ("Gipfeltreffen" → "Gipfel Treffen")."""
    toks = _words(s)
    options = []
    for i, (a, b, w) in enumerate(toks):
        if i == 0 or not (_plain(w) and w[0].isupper() and len(w) >= 9):
            continue
        for k in range(4, len(w) - 3):
            head, tail = w[:k], w[k].upper() + w[k + 1 :]
            if known(head) and known(tail) and len(tail) >= 4:
                options.append((a, b, f"{head} {tail}"))
    if not options:
        return None
    a, b, rep = rng.choice(options)
    return s[:a] + rep + s[b:]


_SLIPS = ("swap", "drop", "double", "replace")
_NEAR = "qwertzuiopüasdfghjklöäyxcvbnm"


def inject_slip(s: str, rng: random.Random, known: Callable[[str], bool]) -> str | None:
    toks = [t for t in _words(s)[1:] if _plain(t[2]) and len(t[2]) >= 5]
    rng.shuffle(toks)
    for a, b, w in toks[:5]:
        i = rng.randrange(1, len(w) - 1)
        how = rng.choice(_SLIPS)
        if how == "swap":
            new = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        elif how == "drop":
            new = w[:i] + w[i + 1 :]
        elif how == "double":
            new = w[:i] + w[i] + w[i:]
        else:
            pos = _NEAR.find(w[i].lower())
            if pos < 0:
                continue
            new = w[:i] + _NEAR[(pos + rng.choice((-1, 1))) % len(_NEAR)] + w[i + 1 :]
        if new != w and not known(new):
            return s[:a] + new + s[b:]
    return None


def inject_typo(s: str, rng: random.Random, known: Callable[[str], bool]) -> str | None:
    options = [("double", m) for m in range(len(s)) if s[m] == " "]
    options += [("before", m) for m in range(1, len(s)) if s[m] == "," and s[m - 1] != " "]
    options += [("after", m) for m in range(len(s) - 1) if s[m] == "," and s[m + 1] == " "]
    if not options:
        return None
    how, m = rng.choice(options)
    if how == "double":
        return s[:m] + "  " + s[m + 1 :]
    if how == "before":
        return s[:m] + " ," + s[m + 1 :]
    return s[: m + 1] + s[m + 2 :]


INJECTORS: dict[str, Callable[[str, random.Random, Callable[[str], bool]], str | None]] = {
    "swap": inject_swap,
    "move": inject_move,
    "verb": inject_verb,
    "compound": inject_compound,
    "slip": inject_slip,
    "typo": inject_typo,
}


def diff_span(clean: str, dirty: str) -> tuple[int, int, str]:
    """The span of ``dirty`` (widened to whole whitespace-separated words) that differs from ``clean``.

    >>> diff_span("Der Hund bellt laut.", "Der bellt Hund laut.")
    (4, 14, 'Hund bellt')
    """
    p = 0
    while p < min(len(clean), len(dirty)) and clean[p] == dirty[p]:
        p += 1
    q = 0
    while q < min(len(clean), len(dirty)) - p and clean[-1 - q] == dirty[-1 - q]:
        q += 1
    a, b = p, len(dirty) - q
    while a > 0 and not dirty[a - 1].isspace():
        a -= 1
    while b < len(dirty) and not dirty[b].isspace():
        b += 1
    ca, cb = a, len(clean) - (len(dirty) - b)
    return a, b, clean[ca:cb]


def build_articles(
    sentences: Sequence[str],
    *,
    seed: int = 13,
    per_article: int = 12,
    per_paragraph: int = 3,
    density: float = 0.2,
    kinds: Sequence[str] = DEFAULT_KINDS,
    known: Callable[[str], bool] = lambda w: False,
) -> list[SynthArticle]:
    """Pseudo articles with injected artifacts; even-numbered articles are ``dev``, odd ones ``test``."""
    rng = random.Random(seed)
    order = list(sentences)
    rng.shuffle(order)
    articles = []
    for n, start in enumerate(range(0, len(order) - per_article + 1, per_article)):
        chunk = order[start : start + per_article]
        text, injections = "", []
        for i, s in enumerate(chunk):
            if i:
                text += "\n" if i % per_paragraph == 0 else " "
            dirty = s
            if rng.random() < density:
                kind_order = list(kinds)
                rng.shuffle(kind_order)
                for kind in kind_order:
                    new = INJECTORS[kind](s, rng, known)
                    if new and new != s:
                        a, b, orig = diff_span(s, new)
                        injections.append(Injection(len(text) + a, len(text) + b, orig, kind))
                        dirty = new
                        break
            text += dirty
        articles.append(SynthArticle(text, "dev" if n % 2 == 0 else "test", injections, len(chunk)))
    return articles


# ---------------------------------------------------------------- evaluation


@dataclass
class Flag:
    """One proposal of the detector, threshold-free (filtered at evaluation)."""

    start: int
    end: int
    category: str
    margin: float
    repairs: list[tuple[int, int, str]]


def _apply(text: str, a: int, b: int, rep: str) -> str:
    return text[:a] + rep + text[b:]


def score_split(
    articles: Sequence[SynthArticle], flags: Sequence[Sequence[Flag]], threshold: float
) -> dict[str, Any]:
    """Per-category precision/recall/F1 and repair exact match at one margin threshold."""
    cats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    sentences = 0
    false_alarms = 0
    for art, fl in zip(articles, flags, strict=True):
        sentences += art.sentences
        on = [f for f in fl if f.margin >= threshold]
        for f in on:
            c = cats[f.category]
            c["pred"] += 1
            if any(f.start < i.end and i.start < f.end for i in art.injections):
                c["tp_pred"] += 1
            else:
                false_alarms += 1
        for inj in art.injections:
            c, k = cats[inj.category], kinds[inj.kind]
            c["gold"] += 1
            k["gold"] += 1
            hits = [f for f in on if f.start < inj.end and inj.start < f.end]
            if not hits:
                continue
            c["tp_gold"] += 1
            k["found"] += 1
            clean = _apply(art.text, inj.start, inj.end, inj.original)
            best = max(hits, key=lambda f: f.margin)
            fixed = [_apply(art.text, a, b, r) == clean for a, b, r in best.repairs[:3]]
            c["exact1"] += bool(fixed[:1] and fixed[0])
            c["exact3"] += any(fixed)
            k["exact1"] += bool(fixed[:1] and fixed[0])
    out: dict[str, Any] = {"threshold": threshold, "sentences": sentences,
                           "false_alarms_per_100_sentences": round(100 * false_alarms / max(1, sentences), 2),
                           "categories": {}, "kinds": {}}
    for name, c in sorted(cats.items()):
        p = c["tp_pred"] / c["pred"] if c["pred"] else 0.0
        r = c["tp_gold"] / c["gold"] if c["gold"] else 0.0
        out["categories"][name] = {
            "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "gold": c["gold"], "found": c["tp_gold"], "predicted": c["pred"],
            "repair_exact_top1": round(c["exact1"] / c["tp_gold"], 3) if c["tp_gold"] else None,
            "repair_exact_top3": round(c["exact3"] / c["tp_gold"], 3) if c["tp_gold"] else None,
        }
    for name, k in sorted(kinds.items()):
        out["kinds"][name] = {"gold": k["gold"],
                              "recall": round(k["found"] / k["gold"], 3) if k["gold"] else 0.0,
                              "repair_exact_top1": round(k["exact1"] / k["found"], 3) if k["found"] else None}
    return out


def tune_threshold(
    articles: Sequence[SynthArticle], flags: Sequence[Sequence[Flag]], *, target_precision: float,
    category: str = "word-order", floor: float = 0.0,
) -> float:
    """The smallest margin ≥ ``floor`` at which ``category`` reaches ``target_precision`` on these articles.

    Precision counts every finding of the category against injected spans; a
    threshold is only accepted when the overall false-alarm count also stays low.
    """
    margins = sorted({round(f.margin, 2) for fl in flags for f in fl if f.margin >= floor})
    for t in margins:
        res = score_split(articles, flags, t)["categories"].get(category)
        if res and res["predicted"] and res["precision"] >= target_precision:
            return t
    return margins[-1] if margins else floor


def run_detector(articles: Sequence[SynthArticle], *, model: str | None, effort: str,
                 progress: bool = True, quantize: bool | None = None) -> tuple[list[list[Flag]], float]:
    """All proposals of the fluency engine for every article (no threshold), and seconds spent."""
    from qc.detectors.fluency import FluencyDetector
    from qc.fluency.check import check_document
    from qc.segment import Segmentation

    det = FluencyDetector({"effort": effort})
    det.configure_lm(_LM(model, quantize=quantize))
    known, suggest, zipf = det.lexicon()
    scorer, settings = det.scorer(), det.settings
    out: list[list[Flag]] = []
    t0 = time.perf_counter()
    for n, art in enumerate(articles):
        props, _ = check_document(art.text, Segmentation(art.text).sentences, scorer, settings,
                                  known=known, suggest=suggest, zipf=zipf)
        out.append([Flag(p.start, p.end, p.category, p.margin, [(a, b, r) for a, b, r, _ in p.repairs])
                    for p in props])
        if progress and (n + 1) % 20 == 0:
            print(f"  {n + 1}/{len(articles)} articles, {time.perf_counter() - t0:.0f} s", flush=True)
    return out, time.perf_counter() - t0


@dataclass
class _LM:
    model: str | None
    device: str | None = "cpu"
    effort: str = "fast"
    quantize: bool | None = None  # as the checker: int8 on CPU


def run(
    inputs: Sequence[str | Path], *, model: str | None = None, effort: str = "fast", articles: int = 60,
    seed: int = 13, density: float = 0.2, target_precision: float = 0.9, floor: float = 0.0,
    per_article: int = 12, quantize: bool | None = None,
) -> dict[str, Any]:
    """Build, inject, detect, tune on ``dev``, report on ``test``; returns a JSON-able summary."""
    from qc.detectors.fluency import FluencyOptions

    try:
        from qc.lang.lexicon import german_lexicon

        known: Callable[[str], bool] = german_lexicon().known
    except Exception:
        def known(w: str) -> bool:
            return False
    sents = read_clean_sentences(inputs)
    arts = build_articles(sents, seed=seed, density=density, known=known, per_article=per_article)[:articles]
    flags, seconds = run_detector(arts, model=model, effort=effort, quantize=quantize)
    dev = [(a, f) for a, f in zip(arts, flags, strict=True) if a.split == "dev"]
    test = [(a, f) for a, f in zip(arts, flags, strict=True) if a.split == "test"]
    tuned = tune_threshold([a for a, _ in dev], [f for _, f in dev], target_precision=target_precision,
                           floor=floor)
    shipped = FluencyOptions().margin_minor
    return {
        "inputs": [Path(p).name for p in inputs], "seed": seed, "density": density, "effort": effort,
        "model": model or "default", "quantize": quantize, "articles": len(arts),
        "seconds_per_article": round(seconds / max(1, len(arts)), 3),
        "injections": sum(len(a.injections) for a in arts),
        "tuned_margin_minor": tuned, "shipped_margin_minor": shipped,
        "dev_at_tuned": score_split([a for a, _ in dev], [f for _, f in dev], tuned),
        "test_at_tuned": score_split([a for a, _ in test], [f for _, f in test], tuned),
        "test_at_shipped": score_split([a for a, _ in test], [f for _, f in test], shipped),
    }


def main(
    inputs: list[Path],
    model: str | None = None,
    effort: str = "fast",
    articles: int = 60,
    seed: int = 13,
    density: float = 0.2,
    target_precision: float = 0.9,
    out: Path | None = None,
    threads: int | None = None,
    quantize: bool | None = None,
) -> None:
    """Inject artifacts into clean German text (paths given here) and score the fluency detector."""
    if threads:  # torch intra-op threads; 1 is fastest for the small LM on a busy 2-core box
        import torch

        torch.set_num_threads(threads)
    result = run(inputs, model=model, effort=effort, articles=articles, seed=seed, density=density,
                 target_precision=target_precision, quantize=quantize)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
