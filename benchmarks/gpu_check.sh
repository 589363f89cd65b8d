#!/usr/bin/env bash
# The model adapters' GPU check (issue 7), prepared to run as one command on a machine with one
# CUDA GPU (~20 GB free memory, ~20 GB free disk), offline:
#     bash benchmarks/gpu_check.sh
# 1. the adapter tests with the tiny models on cuda (float32), 2. the tiny-model benchmark on cuda,
# 3. batched vs batch-1 on a Qwen2-Audio-7B-sized model with random bf16 weights (no download).
# Each step has its own time limit; the whole check takes about 5 to 8 minutes on an H100.
set -uo pipefail
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
status=0
step() { echo; echo "== $1"; shift; "$@" || { echo "!! step failed (exit $?)"; status=1; }; }

step "device" python -c "import torch; assert torch.cuda.is_available(), 'no CUDA'; print(torch.cuda.get_device_name())"
step "adapter tests, tiny models on cuda" env DSUPERB_TEST_DEVICE=cuda timeout 240 \
    python -m pytest -q -p no:cacheprovider tests/test_models_transformers.py tests/test_models_cascade.py \
    tests/test_models_eval.py
step "tiny model benchmark on cuda" timeout 120 \
    python benchmarks/bench_models.py --device cuda --dtype float32 --samples 32 --batch-size 8 --repeats 2
step "Qwen2-Audio-7B shapes, random bf16: batched vs batch 1" timeout 420 \
    python benchmarks/bench_models.py --full-size --device cuda --dtype bfloat16 --samples 32 --batch-size 8 \
    --max-new-tokens 32 --max-seconds 10 --repeats 1
exit $status
