"""Heuristics-only throughput benchmark; same as ``qc bench heuristics``.

Usage: ``python bench/bench_heuristics.py [--articles 1000] [PATHS...]``
"""

import typer

from qc.bench.heuristics import main

if __name__ == "__main__":
    typer.run(main)
