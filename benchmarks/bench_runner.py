"""Time `dsuperb eval --model null` against the raw decode loop, on the same local dataset.

The null model answers instantly, so what is measured is the runner's own cost on top of reading
and decoding: opening the dataset, the prefetch, building requests, appending and flushing the
predictions per batch, scoring the instance at its end and writing the result files. The raw side
is the loop of benchmarks/bench_data.py: read the parquet with pyarrow, soundfile-decode and
soxr-resample every clip. A third side, the data layer alone (open + iterate its samples), splits
the gap into what the data layer costs and what the runner adds. Each side runs in a fresh
process, interleaved, best of --repeat.

    python benchmarks/bench_runner.py [--rows 3000] [--seconds 1] [--repeat 2] [--batch-size 8]

Target: runner/raw throughput >= 0.9x (decoding overlaps the model and the store; nothing twice).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_data import HF_PATH, build, worker_raw  # noqa: E402  (the datasets issue's data and raw loop)

KINDS = ("raw", "data", "runner")
CARD = """name: ToneOrNoise
description: The model hears a one-second clip and says whether it is a tone or noise.
domains: [audio]
category: sound_event
type: classification
metric: llm_classification
keywords: [tone, noise]
license: CC-BY-4.0
label_set: [tone, noise]
instances:
  - name: ToneOrNoise_Clips
    hf_path: {hf_path}
    revision: null
"""


def _timed(owner, name: str, spent: dict[str, float], label: str) -> None:
    """Wrap owner.name so that the seconds spent in it add up under spent[label] (the breakdown)."""
    original = getattr(owner, name)

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

    setattr(owner, name, timed)


def worker_runner(data_dir: Path, batch_size: int, spent: dict[str, float] | None = None) -> int:
    import dsuperb.data
    import dsuperb.runner
    from dsuperb.models.options import CommonOptions
    from dsuperb.runner import EvalConfig, Runner

    if spent is not None:  # where the runner's time goes; the wrappers cost microseconds per batch
        import dsuperb.predict

        _timed(dsuperb.data, "open_instance", spent, "open")
        _timed(Runner, "_batches", spent, "loop")
        _timed(dsuperb.predict.InstanceRun, "record", spent, "store")
        _timed(dsuperb.runner, "score_instance", spent, "scoring")

    root = Path(tempfile.mkdtemp(prefix="dsuperb-bench-run-"))
    (root / "tasks" / "ToneOrNoise").mkdir(parents=True)
    (root / "tasks" / "ToneOrNoise" / "task.yaml").write_text(CARD.format(hf_path=HF_PATH), encoding="utf-8")
    config = EvalConfig(model="null", output_dir=root / "runs", tasks_dir=root / "tasks", data_dir=data_dir,
                        common=CommonOptions(batch_size=batch_size), progress=False)
    outcome = Runner(config).run()
    entry = outcome.results.instances["ToneOrNoise_Clips"]
    if entry.status != "ok" or entry.errors:
        raise SystemExit(f"runner failed: {entry}")
    return entry.count


def worker_data(data_dir: Path) -> int:
    """The data layer alone (open the folder, decode every sample in its prefetch), for the breakdown."""
    from dsuperb.cards import Instance
    from dsuperb.data import open_instance

    instance = Instance(name="ToneOrNoise_Clips", task="ToneOrNoise", hf_path=HF_PATH, revision=None,
                        type="classification", metric="llm_classification")
    return sum(1 for _ in open_instance(instance, data_dir).samples())


def worker_main(kind: str, data_dir: Path, batch_size: int) -> None:
    # Import what each side needs before measuring, so both start from a warm interpreter.
    import numpy  # noqa: F401
    import soundfile  # noqa: F401
    import soxr  # noqa: F401

    if kind in ("runner", "data"):
        import importlib.util

        import datasets  # noqa: F401

        # The data layer imports no torch (tests/test_data_speed_paths.py checks it), but every real
        # model run has it loaded, and its objects make each garbage collection slower: measured
        # with torch in memory, as a real run would be.
        if importlib.util.find_spec("torch") is not None:
            import torch  # noqa: F401

        import dsuperb.data  # noqa: F401
        import dsuperb.runner  # noqa: F401
        import dsuperb.scoring.api  # noqa: F401
    else:
        import pyarrow.parquet  # noqa: F401
    spent: dict[str, float] = {}
    start = time.perf_counter()
    if kind == "runner":
        clips = worker_runner(data_dir, batch_size, spent)
    else:
        clips = worker_data(data_dir) if kind == "data" else worker_raw(data_dir)
    print(json.dumps({"clips": clips, "seconds": time.perf_counter() - start, "spent": spent}))


def run_worker(kind: str, data_dir: Path, batch_size: int) -> dict:
    argv = [sys.executable, __file__, "--worker", kind, "--data-dir", str(data_dir),
            "--batch-size", str(batch_size)]
    out = subprocess.run(argv, capture_output=True, text=True, check=True,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each side; the best time counts")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=1.0, help="length of each clip")
    parser.add_argument("--worker", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker_main(args.worker, args.data_dir, args.batch_size)
        return
    with tempfile.TemporaryDirectory(prefix="dsuperb-bench-") as tmp:
        start = time.perf_counter()
        build(Path(tmp), args.rows, args.seconds)
        print(f"built {args.rows} clips of {args.seconds:g} s in {time.perf_counter() - start:.1f} s")
        best: dict[str, dict] = {}
        for _ in range(args.repeat):
            for kind in KINDS:  # interleaved, so machine load hits both alike
                result = run_worker(kind, Path(tmp), args.batch_size)
                if kind not in best or result["seconds"] < best[kind]["seconds"]:
                    best[kind] = result
    if best["runner"]["clips"] != best["raw"]["clips"]:
        raise SystemExit(f"the runner saw {best['runner']['clips']} clips, "
                         f"the raw loop {best['raw']['clips']}")
    rate = {kind: r["clips"] / r["seconds"] for kind, r in best.items()}
    print(f"\nthroughput on {args.rows} clips of {args.seconds:g} s (best of {args.repeat}, "
          f"batch size {args.batch_size}):")
    for kind in KINDS:
        print(f"  {kind:8s} {best[kind]['seconds']:6.2f} s  {rate[kind]:7.0f} clips/s")
    ratio = rate["runner"] / rate["raw"]
    print(f"  ratio runner/raw: {ratio:.2f}x  (target >= 0.9x: {'met' if ratio >= 0.9 else 'NOT met'})")
    print(f"  ratio runner/data layer alone: {rate['runner'] / rate['data']:.2f}x  (what the runner adds: "
          "model calls, store, scoring, result files)")
    spent = best["runner"].get("spent") or {}
    if spent:
        opened, store, scoring = (spent.get(key, 0.0) for key in ("open", "store", "scoring"))
        loop = spent.get("loop", 0.0) - opened - scoring  # the instance loop holds opening and scoring
        other = best["runner"]["seconds"] - opened - loop - scoring
        print(f"  runner breakdown: open {opened:.2f} s, sample loop {loop:.2f} s "
              f"(rows to the store {store:.2f} s, model calls and waiting on samples {loop - store:.2f} s), "
              f"scoring + scored rows {scoring:.2f} s, the rest (plan, run card, results) {other:.2f} s")


if __name__ == "__main__":
    main()
