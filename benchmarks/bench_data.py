"""Time `validate --data` (dsuperb's data layer) against a raw decode loop, and show memory stays flat.

Builds a local HF-style dataset of short clips (1 s tones and noise; a third of them at 22.05 or
44.1 kHz, so resampling happens), then, each in a fresh process:

- raw: read the parquet with pyarrow in batches, soundfile-decode and soxr-resample every clip;
- dsuperb: `check_instances` on the instance, as `dsuperb validate --data` runs it (open the folder
  with `datasets`, stream the rows, decode in the bounded prefetch, apply every rule, summarise).

It prints clips per second of each and their ratio (target >= 0.8), and the peak RSS growth of each
at two dataset sizes (the growth should not double when the rows do).

    python benchmarks/bench_data.py [--rows 3000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HF_PATH = "Bench/ToneOrNoise_Clips"
RATES = (16_000, 16_000, 16_000, 16_000, 22_050, 44_100)


def build(root: Path, rows: int, seconds: float = 1.0) -> Path:
    """Tones and noise, `seconds` long, a third of them at 22.05 or 44.1 kHz (so resampling runs)."""
    import numpy as np

    from dsuperb.local_dataset import audio_value, write_hf_folder

    rng = np.random.default_rng(0)
    files, audios, instructions, labels = [], [], [], []
    for i in range(rows):
        rate = RATES[i % len(RATES)]
        t = np.arange(int(rate * seconds)) / rate
        is_tone = i % 2 == 0
        clip = 0.3 * np.sin(2 * np.pi * (200 + i % 300) * t) if is_tone else 0.1 * rng.standard_normal(t.size)
        files.append(f"clip{i:05d}")
        audios.append(audio_value(clip.astype(np.float32), rate, f"clip{i:05d}.wav"))
        instructions.append(f"Is clip {i % 200} a tone or noise? Answer with tone or noise.")
        labels.append("tone" if is_tone else "noise")
    columns = {"file": files, "audio": audios, "instruction": instructions, "label": labels}
    write_hf_folder(root, HF_PATH, columns, ["audio"])
    return root


def _rss_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def worker_raw(data_dir: Path) -> int:
    import numpy as np
    import pyarrow.parquet as pq
    import soundfile
    import soxr

    clips = 0
    for path in sorted((data_dir / HF_PATH / "data").glob("test-*.parquet")):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=64, columns=["audio"]):
            for cell in batch.column("audio").to_pylist():
                samples, rate = soundfile.read(io.BytesIO(cell["bytes"]), dtype="float32", always_2d=True)
                mono = samples.mean(axis=1) if samples.shape[1] > 1 else samples[:, 0]
                if rate != 16_000:
                    mono = soxr.resample(mono, rate, 16_000)
                np.ascontiguousarray(mono, dtype=np.float32)
                clips += 1
    return clips


def worker_dsuperb(data_dir: Path) -> int:
    from dsuperb.cards import Instance
    from dsuperb.findings import ERROR
    from dsuperb.validation.data import check_instances

    instance = Instance(name="ToneOrNoise_Clips", task="ToneOrNoise", hf_path=HF_PATH, revision=None,
                        type="classification", metric="llm_classification")
    findings, summaries = check_instances([instance], data_dir=data_dir)
    errors = [f.format() for f in findings if f.severity == ERROR]
    if errors:
        raise SystemExit("unexpected errors: " + "; ".join(errors[:3]))
    return summaries[0]["rows"]


def run_worker(kind: str, data_dir: Path) -> dict:
    command = [sys.executable, __file__, "--worker", kind, "--data-dir", str(data_dir)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def worker_main(kind: str, data_dir: Path) -> None:
    # Import what each side needs before measuring, so both start from a warm interpreter.
    import numpy  # noqa: F401
    import soundfile  # noqa: F401
    import soxr  # noqa: F401

    if kind == "dsuperb":
        import datasets  # noqa: F401

        import dsuperb.validation.data  # noqa: F401
    else:
        import pyarrow.parquet  # noqa: F401
    before = _rss_kib("VmRSS")
    start = time.perf_counter()
    clips = (worker_dsuperb if kind == "dsuperb" else worker_raw)(data_dir)
    seconds = time.perf_counter() - start
    print(json.dumps({"clips": clips, "seconds": seconds, "rss_before_mib": before / 1024,
                      "growth_mib": (_rss_kib("VmHWM") - before) / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each side; the best time counts")
    parser.add_argument("--worker", choices=("raw", "dsuperb"), help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker_main(args.worker, args.data_dir)
        return
    with tempfile.TemporaryDirectory(prefix="dsuperb-bench-") as tmp:
        sizes = {args.rows // 2: Path(tmp) / "half", args.rows: Path(tmp) / "full"}
        for rows, folder in sizes.items():
            start = time.perf_counter()
            build(folder, rows)
            print(f"built {rows} clips in {time.perf_counter() - start:.1f} s")
        best: dict[str, dict] = {}
        growth: dict[tuple[str, int], float] = {}
        for _ in range(args.repeat):
            for kind in ("raw", "dsuperb"):  # interleaved, so machine load hits both alike
                result = run_worker(kind, sizes[args.rows])
                growth[(kind, args.rows)] = max(growth.get((kind, args.rows), 0), result["growth_mib"])
                if kind not in best or result["seconds"] < best[kind]["seconds"]:
                    best[kind] = result
        for kind in ("raw", "dsuperb"):
            growth[(kind, args.rows // 2)] = run_worker(kind, sizes[args.rows // 2])["growth_mib"]
    rate = {kind: r["clips"] / r["seconds"] for kind, r in best.items()}
    print(f"\nthroughput on {args.rows} clips of 1 s (best of {args.repeat}):")
    for kind in ("raw", "dsuperb"):
        print(f"  {kind:8s} {best[kind]['seconds']:6.2f} s  {rate[kind]:7.0f} clips/s")
    ratio = rate["dsuperb"] / rate["raw"]
    print(f"  ratio dsuperb/raw: {ratio:.2f}x  (target >= 0.8x: {'met' if ratio >= 0.8 else 'NOT met'})")
    print("\npeak RSS growth while working (MiB), by rows:")
    half = args.rows // 2
    print(f"  {'':8s} {half:>8d} {args.rows:>8d}   growth ratio (rows x2)")
    for kind in ("raw", "dsuperb"):
        small, large = growth[(kind, half)], growth[(kind, args.rows)]
        print(f"  {kind:8s} {small:8.1f} {large:8.1f}   {large / max(small, 0.1):.2f}x")


if __name__ == "__main__":
    main()
