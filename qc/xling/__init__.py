"""Cross-lingual checks: the German target against its source text.

Stages, in the order the :class:`~qc.detectors.xling_checks.CrossLingualDetector`
runs them once per document::

    source + target ──► sentences ──► align (length DP + anchors) ──► checks
                        (fast regex     1-1, 1-2, 2-1, 1-0, 0-1        numbers, names,
                         or syntok,     links; anchors: numbers,       omission, addition,
                         exact offsets) names, cognates, lexicon       untranslated, length
                                        entries, copies; line by
                                        line when line counts agree

Measured on WMT22 en→de with ``qc bench xling`` (see :mod:`qc.bench.xling`).

Language data lives in ``qc/data/xling_numbers.toml``, ``qc/data/names_de.toml`` and
``qc/data/xling_lexicon.toml`` (English→German word stems, function words).
Directory pairing (``x.txt`` + ``x.src.txt`` + ``x.ref.txt``) is in
:mod:`qc.xling.pairing`; reference scores (chrF, BLEU, TER) in :mod:`qc.xling.reference`.
"""
