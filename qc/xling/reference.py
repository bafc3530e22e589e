"""Reference-based scores with sacrebleu: chrF, BLEU and TER per sentence and per document.

Target and reference sentences are paired by the same length-and-anchor aligner
the cross-lingual checks use (a 1-2 link scores one hypothesis sentence against
two reference sentences joined), so a split or merged sentence does not shift
every later pair. Each score set carries sacrebleu's signature.

Example::

    >>> out = reference_scores("Das ist gut. Es regnet.", "Das ist gut. Es regnet heute.")
    >>> out["document"]["chrf"] > 60, len(out["sentences"])
    (True, 2)
"""

from __future__ import annotations

from typing import Any

from sacrebleu.metrics import BLEU, CHRF, TER

from qc.lang.sentences import fast_sentences
from qc.xling.align import align
from qc.xling.bitext import _target_sentence, anchor_similarity

_CHRF = CHRF()
_BLEU = BLEU()
_SENT_BLEU = BLEU(effective_order=True)
_TER = TER()


def signatures() -> dict[str, str]:
    return {
        "chrf": str(_CHRF.get_signature()),
        "bleu": str(_BLEU.get_signature()),
        "ter": str(_TER.get_signature()),
    }


def reference_scores(hypothesis: str, reference: str) -> dict[str, Any]:
    """Per-sentence and document chrF/BLEU/TER of ``hypothesis`` against ``reference``."""
    hyp = [_target_sentence(hypothesis, s) for s in fast_sentences(hypothesis, "de")]
    ref = [_target_sentence(reference, s) for s in fast_sentences(reference, "de")]

    def anchor(hi: tuple[int, ...], ri: tuple[int, ...]) -> float:
        return anchor_similarity([hyp[i] for i in hi], [ref[j] for j in ri])

    links = align([h.end - h.start for h in hyp], [r.end - r.start for r in ref], anchor)
    sentences: list[dict[str, Any]] = []
    hyps: list[str] = []
    refs: list[str] = []
    for link in links:
        h = " ".join(hyp[i].text for i in link.src)
        r = " ".join(ref[j].text for j in link.tgt)
        hyps.append(h)
        refs.append(r)
        entry: dict[str, Any] = {
            "start": hyp[link.src[0]].start if link.src else None,
            "end": hyp[link.src[-1]].end if link.src else None,
            "reference": r,
        }
        if link.src and link.tgt:
            entry["chrf"] = round(_CHRF.sentence_score(h, [r]).score, 2)
            entry["bleu"] = round(_SENT_BLEU.sentence_score(h, [r]).score, 2)
            entry["ter"] = round(_TER.sentence_score(h, [r]).score, 2)
        sentences.append(entry)
    document = {
        "chrf": round(_CHRF.corpus_score(hyps, [refs]).score, 2),
        "bleu": round(_BLEU.corpus_score(hyps, [refs]).score, 2),
        "ter": round(_TER.corpus_score(hyps, [refs]).score, 2),
    }
    return {"document": document, "sentences": sentences, "signatures": signatures()}
