"""LM fluency checking: localise surprising regions, generate rewrites, let the LM compare.

Modules: :mod:`candidates` (pure candidate generation), :mod:`localize`
(surprisal peaks), :mod:`scoring` (prefix-cached candidate scoring),
:mod:`decide` (margin → finding). The detector shell is
:mod:`qc.detectors.fluency`.
"""
