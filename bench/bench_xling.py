"""Cross-lingual checks on WMT22 en→de; same as ``qc bench xling``.

Usage: ``python bench/bench_xling.py --wmt ../shared/wmt --split test [--json]``
(injected numbers, names, omissions, additions and untranslated sentences in
reference A; false alarms on source + reference A/B; findings per WMT22 system; cost).
"""

import typer

from qc.bench.xling import main

if __name__ == "__main__":
    typer.run(main)
