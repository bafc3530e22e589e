#!/usr/bin/env bash
# Train the default LM on one CUDA GPU, then measure it there: what one device call runs.
#   bash bench/lm_gpu_session.sh train [CONFIG]  # default configs/lm-default.toml -> runs/lm-default/model, packed to $OUT
#   bash bench/lm_gpu_session.sh measure  # perplexity on the valid files + scorer vs naive loop
# Needs data/corpus (the shared corpus) and, for a fixed tokenizer, runs/lm-default/tokenizer.model.
# Results land in $OUT (default out/gpu): logs, JSON, and the model as a tar cut into 15 MB parts.
# On the device tool, carry data/corpus (and runs/lm-default for the tokenizer) to `train`; to
# `measure` right after it, carry data/corpus only: a carried path replaces what the machine has.
set -uo pipefail
OUT=${OUT:-out/gpu}
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH}
MODEL=runs/lm-default/model
case "${1:-}" in
train)
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$OUT/gpu.txt"
    python3 -c "import torch, transformers; print('torch', torch.__version__, 'transformers', transformers.__version__)"
    python3 -m qc.lm.cli train --config "${2:-configs/lm-default.toml}" 2>&1 | tee "$OUT/train.log" || exit 1
    tar -cf - -C runs/lm-default model | split -b 15M - "$OUT/model.tar.part-"
    ;;
measure)
    timeout 240 python3 -m qc.lm.cli perplexity data/corpus/*.valid.txt.xz --lm "$MODEL" --lines 200 \
        --format jsonl | tee "$OUT/perplexity-200.jsonl"
    timeout 300 python3 bench/bench_lm.py data/corpus/de-wiki.valid.txt.xz --lines 7000 --lm "$MODEL" \
        --rounds 3 --no-cpu --json | tee "$OUT/bench-gpu.json"
    ;;
*)
    echo "usage: $0 train|measure" >&2
    exit 2
    ;;
esac
