"""Speed of the transformers adapter, as ratios measured in one run on the same inputs.

1. batched vs one at a time: the adapter at --batch-size B against the adapter at batch size 1;
2. adapter overhead: the adapter at batch size B against raw `model.generate` on the same batches,
   (a) with the processor inputs built beforehand and (b) building them by hand in the loop
   (best of --repeats, interleaved, since the machine may be shared).

By default the model is the tests' tiny random Qwen2-Audio (CPU, seconds). `--full-size` builds a
Qwen2-Audio-7B-sized model with random weights from its configuration (no download; needs a GPU
with ~20 GB free and as much disk), for the batched-vs-batch-1 ratio that matters in practice.

3. length grouping: padding fraction (of the language model's prompt tokens, read from the
   attention masks) and samples/s with and without `group_by_length`, at each of --sizes (a
   number or `auto`), the samples handed over in windows as the runner does; answers compared.
   Target: padding fraction at least halved on mixed-length clips, the same answers.

    python benchmarks/bench_models.py [--samples 128] [--batch-size 8] [--device cuda --dtype bfloat16]
    python benchmarks/bench_models.py --part grouping --sizes 1,8,auto   # the third part alone
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from dsuperb.models.base import Request  # noqa: E402
from dsuperb.models.oom import ShrinkingBatcher  # noqa: E402
from dsuperb.models.options import CommonOptions  # noqa: E402
from dsuperb.models.registry import load_model  # noqa: E402

RATE = 16_000
INSTRUCTIONS = ["What is the emotion of the speaker?", "Is this a tone or noise? Answer tone or noise.",
                "Which of the two clips is louder?", "Transcribe the audio."]


def make_requests(count: int, max_seconds: float, seed: int = 0) -> list[Request]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        clips = []
        for _ in range(2 if i % 5 == 0 else 1):  # every fifth request holds two audios
            seconds = rng.uniform(0.3, max_seconds)
            clips.append((0.1 * rng.standard_normal(int(seconds * RATE))).astype(np.float32))
        out.append(Request.of(str(i), "Bench", INSTRUCTIONS[i % len(INSTRUCTIONS)], tuple(clips)))
    return out


def build_full_size_qwen2_audio(folder: Path, device: str, layers: int = 32) -> Path:
    """Qwen2-Audio-7B's shapes (audio encoder 32 x 1280, Qwen-7B decoder) with random bf16 weights,
    the tests' small tokenizer and a 30-second 128-mel feature extractor. `layers` below 32 gives
    a quick dry run of the same code on a small machine."""
    import torch
    from tiny_families.common import qwen_tokenizer
    from tiny_models import CHATML
    from transformers import (
        Qwen2AudioConfig,
        Qwen2AudioForConditionalGeneration,
        Qwen2AudioProcessor,
        WhisperFeatureExtractor,
    )

    tokenizer = qwen_tokenizer(["<|AUDIO|>", "<|audio_bos|>", "<|audio_eos|>"])
    tokenizer.chat_template = CHATML
    extractor = WhisperFeatureExtractor(feature_size=128, chunk_length=30, sampling_rate=RATE)
    processor = Qwen2AudioProcessor(feature_extractor=extractor, tokenizer=tokenizer, chat_template=CHATML)
    eos = tokenizer.convert_tokens_to_ids("<|im_end|>")
    config = Qwen2AudioConfig(
        # the encoder's defaults are the 7B model's
        audio_config={"model_type": "qwen2_audio_encoder", "encoder_layers": layers},
        text_config=dict(model_type="qwen2", vocab_size=156032, hidden_size=4096, intermediate_size=11008,
                         num_hidden_layers=layers, num_attention_heads=32, num_key_value_heads=32,
                         max_position_embeddings=8192, eos_token_id=eos, pad_token_id=0),
        audio_token_index=tokenizer.convert_tokens_to_ids("<|AUDIO|>"),
    )
    with torch.device(device):  # random init straight on the GPU: seconds, not minutes
        model = Qwen2AudioForConditionalGeneration._from_config(config, dtype=torch.bfloat16).eval()
    model.generation_config.eos_token_id = eos
    model.generation_config.pad_token_id = 0
    model.save_pretrained(folder)
    processor.save_pretrained(folder)
    del model
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    return folder


def timed(function) -> tuple[float, object]:
    import torch

    if torch.cuda.is_available():
        torch.cuda.synchronize()
    started = time.perf_counter()
    result = function()
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return time.perf_counter() - started, result


def padding_spy(model) -> dict:
    """Count the prompt positions the model's batches hold, and how many of them are padding."""
    counts = {"cells": 0, "padding": 0}
    build = model.build_inputs

    def counted(batch):
        inputs = build(batch)
        mask = inputs["attention_mask"]
        counts["cells"] += mask.numel()
        counts["padding"] += int(mask.numel() - mask.sum())
        return inputs

    model.build_inputs = counted
    return counts


def run_as_the_runner_does(model, requests: list[Request], size, grouped: bool) -> tuple[float, list, dict]:
    """(seconds, answers, padding counts): the requests in windows of the model's rows_per_call."""
    model.options = dataclasses.replace(model.options, group_by_length=grouped)
    model.batcher = ShrinkingBatcher(size)
    rows = model.rows_per_call(size if isinstance(size, int) else model.batcher.size)
    counts = padding_spy(model)
    try:
        seconds, answers = timed(lambda: [answer for start in range(0, len(requests), rows)
                                          for answer in model.generate(requests[start:start + rows])])
    finally:
        del model.build_inputs  # back to the class's own
    return seconds, answers, counts


def grouping_table(model, requests: list[Request], sizes: list, repeats: int) -> None:
    print(f"length grouping, {len(requests)} requests of mixed length (best of {repeats}):")
    print("  batch size  grouping  padding  samples/s  answers as ungrouped")
    single = None  # seconds at batch size 1: the baseline of the batched sizes
    for size in sizes:
        best: dict[bool, tuple] = {}
        flags = (False,) if size == 1 else (False, True)  # one sample per batch: nothing to group
        for _ in range(repeats):
            for grouped in flags:  # interleaved: the machine may be shared
                result = run_as_the_runner_does(model, requests, size, grouped)
                if grouped not in best or result[0] < best[grouped][0]:
                    best[grouped] = result
        plain = best[False]
        shown = size if size != "auto" else f"auto={model.batcher.size}"
        for grouped in flags:
            seconds, answers, counts = best[grouped]
            same = sum(a == b for a, b in zip(answers, plain[1], strict=True))
            share = counts["padding"] / max(1, counts["cells"])
            print(f"  {shown!s:10s}  {'on' if grouped else 'off':8s}  {share:6.1%}  "
                  f"{len(requests) / seconds:9.2f}  {same}/{len(answers)}")
        if size == 1:
            single = plain[0]
            continue
        off, on = (best[flag][2]["padding"] / max(1, best[flag][2]["cells"]) for flag in (False, True))
        speed = plain[0] / best[True][0]
        less = f"{off / on:.1f}x less" if on else "none left"
        print(f"    padding {off:.1%} -> {on:.1%} ({less}), samples/s {speed:.2f}x with grouping")
        if single is not None:
            print(f"    samples/s against batch size 1: {single / plain[0]:.2f}x without grouping, "
                  f"{single / best[True][0]:.2f}x with it (GPU target >= 3x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=128)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--max-new-tokens", type=int, default=16)
    parser.add_argument("--max-seconds", type=float, default=1.8)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--layers", type=int, default=32, help="--full-size only: fewer layers for a dry run")
    parser.add_argument("--threads", type=int, default=1, help="CPU threads for torch")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--dtype", default="auto")
    parser.add_argument("--full-size", action="store_true",
                        help="Qwen2-Audio-7B shapes, random weights (GPU)")
    parser.add_argument("--part", choices=("all", "batching", "grouping"), default="all")
    parser.add_argument("--sizes", default="1,8,auto", help="batch sizes of the grouping part")
    args = parser.parse_args()
    sizes = [size if size == "auto" else int(size) for size in args.sizes.split(",")]

    import torch

    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        if args.full_size:
            folder = Path(tmp) / "qwen2-audio-7b-random"
            build_full_size_qwen2_audio(folder, args.device, args.layers)
        else:
            from tiny_models import build_qwen2_audio

            folder = build_qwen2_audio(Path(tmp) / "tiny-qwen2-audio")
        common = CommonOptions(batch_size=args.batch_size, max_new_tokens=args.max_new_tokens)
        # the first two parts measure batching and the adapter's overhead on batches in dataset order
        model = load_model(str(folder), common, {"device": args.device, "dtype": args.dtype,
                                                 "group_by_length": "false"})
        requests = make_requests(args.samples, args.max_seconds)
        batches = [requests[i:i + args.batch_size] for i in range(0, len(requests), args.batch_size)]
        model.generate(requests[:2])  # warm-up: first-call allocations and kernel choices
        if args.part in ("all", "grouping"):
            grouping_table(model, requests, sizes, args.repeats)
            model.options = dataclasses.replace(model.options, group_by_length=False)
            model.batcher = ShrinkingBatcher(args.batch_size)
        if args.part == "grouping":
            return


        def at_size(size: int):
            model.batcher.size = size
            return model.generate(requests)

        prepared = [model.to_device(model.build_inputs(batch)) for batch in batches]

        def raw_prepared():
            with torch.inference_mode():
                return [model.model.generate(**inputs, generation_config=model.generation_config)
                        for inputs in prepared]

        def raw_by_hand():
            outputs = []
            for batch in batches:
                conversations = [[{"role": "user", "content": [
                    *({"type": "audio", "audio": audio} for audio in request.audios),
                    {"type": "text", "text": request.instruction}]}] for request in batch]
                inputs = model.processor.apply_chat_template(
                    conversations, add_generation_prompt=True, tokenize=True, return_dict=True,
                    return_tensors="pt", processor_kwargs={"text_kwargs": {"padding": True}}).to(model.device)
                if "input_features" in inputs:
                    inputs["input_features"] = inputs["input_features"].to(model.dtype)
                with torch.inference_mode():
                    outputs.append(model.model.generate(**inputs, generation_config=model.generation_config))
            return outputs

        # every measurement interleaved, best of --repeats (the machine is shared)
        runs: dict[str, list[float]] = {"single": [], "adapter": [], "prepared": [], "by_hand": []}
        for _ in range(args.repeats):
            seconds, single = timed(lambda: at_size(1))
            runs["single"].append(seconds)
            seconds, batched = timed(lambda: at_size(args.batch_size))
            runs["adapter"].append(seconds)
            runs["prepared"].append(timed(raw_prepared)[0])
            runs["by_hand"].append(timed(raw_by_hand)[0])
        one_at_a_time, adapter, generate_only, by_hand = (min(runs[key]) for key in runs)
        print("all runs (s):", {key: [round(t, 3) for t in times] for key, times in runs.items()})

    same = sum(a == b for a, b in zip(single, batched, strict=True))
    shapes = f"Qwen2-Audio-7B shapes ({args.layers} layers), random" if args.full_size else "tiny Qwen2-Audio"
    print(f"model: {shapes} on "
          f"{model.device} ({str(model.dtype).removeprefix('torch.')}), {args.samples} requests, "
          f"batch size {args.batch_size}, {args.max_new_tokens} new tokens")
    print(f"adapter, batch size 1:           {one_at_a_time:8.3f} s")
    print(f"adapter, batch size {args.batch_size:<3d}          {adapter:8.3f} s")
    print(f"raw generate, inputs prebuilt:   {generate_only:8.3f} s")
    print(f"raw processor + generate:        {by_hand:8.3f} s")
    print(f"speed-up from batching (b1 / b{args.batch_size}):  {one_at_a_time / adapter:6.2f}x")
    print(f"adapter / raw generate:          {adapter / generate_only:6.2f}x")
    print(f"adapter / raw processor+generate:{adapter / by_hand:6.2f}x")
    print(f"batched answers equal to batch-1 answers: {same}/{len(single)}")


if __name__ == "__main__":
    main()
