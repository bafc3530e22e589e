"""LM fluency findings with repairs: scrambled word order, split compounds, missing words.

The language model compares each suspicious sentence region with rewrites of it
(see :mod:`qc.fluency.check`); a region is flagged when the best rewrite beats
the original by a calibrated log-likelihood margin. Its repairs are the top
three rewrites. Needs the LM: skipped with ``--no-lm``.

Flags (with the shipped model)::

    "Kim werde Russland besuchen Kreml sagte, während KCNA berichtete."
      → "… Russland besuchen, sagte der Kreml, während …" (word-order)

Leaves alone: ordinary, well-formed news sentences.

Calibration (shipped 18.9M-parameter LM, int8 on CPU, fast effort): ``margin_minor`` = 4.5
nats. ``qc bench synth`` (200 articles) tunes 3.5 on its dev split for word-order precision
0.85; on the held-out split 4.5 gives precision 0.91 at recall 0.75 (3.5: 0.86 / 0.77) with
1.0 false alarms per 100 clean sentences (3.5: 1.75), so the higher margin stays.
``peak_nats`` = 6 and windows ranked by surprisal summed over a word and its neighbours
(``window_spread``) let a scrambled phrase outrank a single rare name. The English "X said,"
pattern carries a bonus (``kind_cost`` -1.5): the pattern itself is evidence. With these
settings the seed articles' three word-order items are flagged as major, each with the gold
repair (or an accepted alternative) first, and nothing else in five articles. Another LM
(``[lm] model``) needs recalibration.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any, ClassVar

from qc.detectors.base import Detector, DetectorOptions, register
from qc.fluency.candidates import KIND_CATEGORY
from qc.fluency.check import DEFAULT_KIND_COST, FluencySettings, Proposal, check_document
from qc.model import Document, Finding, Repair, Report
from qc.segment import Segmentation

log = logging.getLogger(__name__)

_KIND_MESSAGE = {
    "swap": "two words seem swapped",
    "move": "a word seems misplaced",
    "verb-end": "the verb seems misplaced (German puts it at the clause end)",
    "compound": "a compound seems split",
    "reporting": "English order in a reporting clause ('X said,')",
    "case": "capitalisation reads wrong",
    "comma": "a comma seems missing",
    "article": "an article seems missing",
    "spelling": "a word seems misspelled",
}


@dataclasses.dataclass
class FluencyOptions(DetectorOptions):
    #: None = the [lm] effort (fast | thorough)
    effort: str | None = None
    #: word surprisal (nats, after the unigram discount) that opens a candidate window
    peak_nats: float = FluencySettings.peak_nats
    #: margin (nats, after the kind's prior cost) for a minor / major finding
    margin_minor: float = FluencySettings.margin_minor
    margin_major: float = FluencySettings.margin_major
    min_words: int = FluencySettings.min_words
    #: share of a word's unigram surprisal discounted when picking windows
    unigram_discount: float = FluencySettings.unigram_discount
    #: windows are ranked by surprisal summed over this many words either side (0: the word alone)
    window_spread: int = FluencySettings.window_spread
    #: per-kind prior cost in nats (missing kinds keep their default)
    kind_cost: dict[str, float] = dataclasses.field(default_factory=dict)
    #: candidate kinds (swap, move, verb-end, compound, reporting, case, comma, article,
    #: spelling); empty: the effort's defaults
    kinds: list[str] = dataclasses.field(default_factory=list)


@register
class FluencyDetector(Detector):
    name = "fluency"
    Options = FluencyOptions
    needs_lm: ClassVar[bool] = True

    def __init__(self, options: Any = None) -> None:
        super().__init__(options)
        self.lm_config: Any = None
        self._scorer: Any = None
        self._lexicon: Any = None
        self._cache: dict[tuple[str, str], tuple[list[Proposal], list]] = {}

    # ------------------------------------------------------------------ wiring
    def configure_lm(self, lm_config: Any) -> None:
        """Remember the [lm] settings; the model itself loads on first use."""
        self.lm_config = lm_config
        self._scorer = None

    @property
    def settings(self) -> FluencySettings:
        o: FluencyOptions = self.options  # type: ignore[assignment]
        effort = o.effort or getattr(self.lm_config, "effort", None) or "fast"
        if effort not in ("fast", "thorough"):
            raise ValueError(f"fluency effort must be fast or thorough, not {effort!r}")
        return FluencySettings(
            effort=effort, peak_nats=o.peak_nats, margin_minor=o.margin_minor, margin_major=o.margin_major,
            min_words=o.min_words, unigram_discount=o.unigram_discount, window_spread=o.window_spread,
            kind_cost={**DEFAULT_KIND_COST, **o.kind_cost}, kinds=_kinds(o.kinds),
        )

    def scorer(self) -> Any:
        """The LM scorer, loaded on first use; ``None`` when the shipped default model is absent.

        A missing *default* model is a warning, not an error (a fresh checkout
        before ``qc lm train``); an explicitly configured model that is missing
        raises.
        """
        if self._scorer is None:
            from qc.lm.scorer import LMScorer

            cfg = self.lm_config
            model = getattr(cfg, "model", None)
            try:
                self._scorer = LMScorer.load(
                    model, device=getattr(cfg, "device", None), quantize=getattr(cfg, "quantize", None)
                )
            except OSError as exc:  # FileNotFoundError, or a folder without model files
                if model is not None:
                    raise
                log.warning("fluency detector off: %s", exc)
                self._scorer = False
        return self._scorer or None

    def lexicon(self) -> tuple[Any, Any, Any]:
        """``(known, suggest, zipf)`` from the shared German lexicon, or ``None``s without one."""
        if self._lexicon is None:
            try:
                from qc.lang.lexicon import project_lexicon

                lex = project_lexicon()
                self._lexicon = (lex.known, lambda w: [s.word for s in lex.suggest(w)], lex.zipf)
            except Exception as exc:  # hunspell missing: fewer candidates, not an error
                log.warning("fluency: no lexicon (%s); compound and spelling candidates are off", exc)
                self._lexicon = (None, None, None)
        return self._lexicon

    # ------------------------------------------------------------------ checking
    def _run(self, doc: Document, seg: Segmentation) -> tuple[list[Proposal], list]:
        key = (doc.id, doc.text)
        if key not in self._cache:
            self._cache.clear()  # one document at a time: detect() then contribute()
            scorer = self.scorer()
            if scorer is None:
                self._cache[key] = ([], [])
            else:
                known, suggest, zipf = self.lexicon()
                self._cache[key] = check_document(
                    doc.text, seg.sentences, scorer, self.settings, known=known, suggest=suggest, zipf=zipf
                )
        return self._cache[key]

    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        proposals, _ = self._run(doc, seg)
        s = self.settings
        return [to_finding(doc.text, p, s) for p in proposals if p.margin >= s.margin_minor]

    def contribute(self, doc: Document, seg: Segmentation, report: Report) -> None:
        """Per-sentence fluency scores (NLL per token) for sorting in review."""
        _, scores = self._run(doc, seg)
        report.sentence_scores = list(scores)
        self._cache.clear()


def _kinds(names: list[str]) -> frozenset[str] | None:
    """The configured candidate kinds (None: the effort's defaults); unknown names are an error."""
    if not names:
        return None
    unknown = sorted(set(names) - set(KIND_CATEGORY))
    if unknown:
        raise ValueError(f"unknown fluency kinds {unknown}; choose from {sorted(KIND_CATEGORY)}")
    return frozenset(names)


def to_finding(text: str, p: Proposal, s: FluencySettings) -> Finding:
    """A proposal over the margin as a finding; confidence grows with the margin."""
    severity = "major" if p.margin >= s.margin_major else "minor"
    spread = max(1e-6, 2 * (s.margin_major - s.margin_minor))
    confidence = 0.5 + 0.5 * min(1.0, (p.margin - s.margin_minor) / spread)
    return Finding.at(
        text, p.start, p.end, category=p.category, severity=severity,
        message=f"{_KIND_MESSAGE.get(p.kind, 'reads unnaturally')}: „{p.repairs[0][2]}“?",
        confidence=confidence, detector="fluency",
        repairs=[Repair(a, b, rep, round(m, 3)) for a, b, rep, m in p.repairs],
        evidence={
            "kind": p.kind,
            "margin_nats": round(p.margin, 3),
            "gain_nats": round(p.gain, 3),
            "original_nll": round(p.original_nll, 3),
            "candidate_nll": round(p.candidate_nll, 3),
            "surprisal_peak": round(p.peak, 3),
        },
    )

