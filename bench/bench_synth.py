"""Synthetic-artifact benchmark of the fluency detector; same as ``qc bench synth``.

Usage: ``python bench/bench_synth.py CLEAN_TEXT [CLEAN_TEXT ...] [--articles 60] [--effort fast]``
(clean German text: e.g. WMT22 human references or the corpus ``*.valid.txt.xz`` files).
"""

import typer

from qc.bench.synth import main

if __name__ == "__main__":
    typer.run(main)
