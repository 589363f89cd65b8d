#!/usr/bin/env bash
# The model adapters' GPU check, as one command on a machine with one CUDA GPU (~40 GB free memory,
# ~20 GB free disk), offline (nothing is downloaded: the big model is built here with random weights):
#     bash benchmarks/gpu_check.sh
# 1. a Qwen2-Audio-7B-sized model (32 + 32 layers, random bfloat16 weights): samples/s at batch
#    1, 8 and auto, with and without length grouping, with the padding fraction of each
#    (targets: batched >= 3x batch-1 samples/s; padding at least halved; same answers);
# 2. the tiny-model benchmark on cuda (batched vs batch 1, adapter overhead);
# 3. the adapter, length-grouping and eval tests with the tiny models on cuda (float32);
# 4. the model families beyond the CPU install (docs/models.md), on cuda, with their full processors:
#    Gemma-3n (timm), Granite-speech and -plus (torchaudio, peft), Fun-ASR-Nano (torchaudio), and the
#    families whose image/video processors need torchvision. It needs a Python environment with the
#    `omni` extra (torch's own torchvision and torchaudio builds, timm, peft, and dsuperb[models,dev]),
#    named by OMNI_PYTHON (default .venv-omni/bin/python); without one the step fails and says so.
# The figures come first, so that they are printed even if time runs short. Each step has its own
# time limit; the whole check is meant to take under 5 minutes on an H100/H200.
set -uo pipefail
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
status=0
step() { echo; echo "== $1"; shift; "$@" || { echo "!! step failed (exit $?)"; status=1; }; }

step "device" python -c "import torch; assert torch.cuda.is_available(), 'no CUDA'; print(torch.cuda.get_device_name())"
step "Qwen2-Audio-7B shapes, random bf16: batch 1, 8 and auto, grouping off and on" timeout 180 \
    python benchmarks/bench_models.py --full-size --part grouping --sizes 1,8,auto --device cuda --dtype bfloat16 \
    --samples 96 --max-new-tokens 16 --max-seconds 20 --repeats 1
step "tiny model benchmark on cuda" timeout 30 \
    python benchmarks/bench_models.py --part batching --device cuda --dtype float32 --samples 32 --batch-size 8 \
    --repeats 1
step "adapter tests, tiny models on cuda" env DSUPERB_TEST_DEVICE=cuda timeout 90 \
    python -m pytest -q -p no:cacheprovider tests/test_models_transformers.py tests/test_length_grouping.py \
    tests/test_models_eval.py
OMNI_PYTHON=${OMNI_PYTHON:-.venv-omni/bin/python}
OMNI_FAMILIES=gemma3n,granite_speech,granite_speech_plus,fun_asr_nano,qwen2_5_omni,qwen3_omni_moe,gemma4,gemma4_unified
OMNI_FAMILIES=$OMNI_FAMILIES,muse_spark,dots3_note,inkling,apertus1p5,phi4_multimodal
if "$OMNI_PYTHON" -c "import torchvision, torchaudio, timm, peft, dsuperb" 2>/dev/null; then
  step "families needing the omni extra: tiny checkpoints on cuda, batch 1, silence, batch 4" timeout 240 \
      "$OMNI_PYTHON" tools/model_matrix.py --families "$OMNI_FAMILIES" --device cuda --out - --require-working
else
  echo; echo "== families needing the omni extra"
  echo "!! no environment with the omni extra at $OMNI_PYTHON (set OMNI_PYTHON): not checked"; status=1
fi
exit $status
