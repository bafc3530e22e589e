"""Cross-lingual checks: the German target against its source text.

Stages, in the order the :class:`~qc.detectors.xling_checks.CrossLingualDetector`
runs them once per document::

    source + target ──► sentences ──► align (length DP + anchors) ──► checks
                        (syntok,       1-1, 1-2, 2-1, 1-0, 0-1        numbers, names,
                         exact offsets) links                         omission, addition,
                                                                      untranslated, length

Language data lives in ``qc/data/xling_numbers.toml`` and ``qc/data/names_de.toml``.
Directory pairing (``x.txt`` + ``x.src.txt`` + ``x.ref.txt``) is in
:mod:`qc.xling.pairing`; reference scores (chrF, BLEU, TER) in :mod:`qc.xling.reference`.
"""
