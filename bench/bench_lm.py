"""LM scoring throughput benchmark; same as ``qc bench lm``.

Usage: ``python bench/bench_lm.py SENTENCES.txt[.xz] [--lines 2000] [--threads 2] [--quantize] [--lm PATH]``
"""

import typer

from qc.bench.lm import main

if __name__ == "__main__":
    typer.run(main)
