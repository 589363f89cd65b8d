"""Report speed at full scale: `dsuperb report` over 10 models x 300 instances x 200 samples with
1000 bootstrap resamples, the vectorised bootstrap against the per-resample loop it replaced.

    python benchmarks/bench_report.py [--models 10] [--instances 300] [--rows 200] [--bootstrap 1000]
                                      [--loop-instances 30]

The runs are made by tests/report_scale.py: the catalogue's scored instances in order (their real
metric mix: mostly judged classification, then error rates, F1s, BLEU, Pearson...), each sample a
real scored row. Prints the wall time of the whole report (load, bootstrap, aggregate, and the
markdown, CSV and JSON renderings) with the vectorised bootstrap, the same with the loop, and the
ratio, in wall and CPU time (this machine is shared: wall time stretches with its load, printed
too). The loop at full scale takes minutes, so by default it runs on every 10th instance (30, the
same metric mix) and its time is scaled up by instances (the bootstrap's cost is linear in them);
pass --loop-instances 0 to time it on all. Target: the full-scale report under 5 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from report_scale import plan, write_scale_runs  # noqa: E402

from dsuperb.report import build_report  # noqa: E402
from dsuperb.report.render import render  # noqa: E402


def timed_report(runs: list[Path], n_boot: int, vectorised: bool) -> tuple[float, float, dict]:
    """(wall seconds, CPU seconds of this process, the report)."""
    start, cpu = time.perf_counter(), time.process_time()
    report = build_report(runs, n_boot=n_boot, seed=0, vectorised=vectorised)
    for fmt in ("md", "csv", "json"):
        render(report, fmt)
    return time.perf_counter() - start, time.process_time() - cpu, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=10)
    parser.add_argument("--instances", type=int, default=300)
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--loop-instances", type=int, default=30,
                        help="instances the loop is timed on (0: all); its time is scaled to all")
    args = parser.parse_args()

    instances = plan(args.instances)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print(f"writing {args.models} runs x {args.instances} instances x {args.rows} rows ...", flush=True)
        runs = write_scale_runs(root / "full", args.models, instances, args.rows)
        metrics = sorted({m for *_, m in instances})
        print(f"{len(metrics)} metrics: {', '.join(metrics)}")

        fast, fast_cpu, report = timed_report(runs, args.bootstrap, vectorised=True)
        print(f"vectorised bootstrap: {fast:.2f} s wall, {fast_cpu:.2f} s CPU for the full report "
              f"({len(report['instances'])} instances, {len(report['tasks'])} tasks compared)")

        subset = args.loop_instances or args.instances
        # every k-th instance: the same metric mix as the whole
        sample = instances[::max(1, args.instances // subset)][:subset]
        loop_runs = runs if subset >= args.instances else write_scale_runs(root / "loop", args.models, sample,
                                                                           args.rows)
        part_fast, part_fast_cpu, _ = timed_report(loop_runs, args.bootstrap, vectorised=True)
        part_loop, part_loop_cpu, _ = timed_report(loop_runs, args.bootstrap, vectorised=False)
        scale = args.instances / subset
        loop, loop_cpu = part_loop * scale, part_loop_cpu * scale
        how = "measured" if scale == 1 else f"{part_loop:.2f} s on {subset} instances, x{scale:.1f}"
        print(f"loop bootstrap:       {loop:.2f} s wall, {loop_cpu:.2f} s CPU for the full report ({how})")
        print(f"ratio (loop / vectorised): {loop / fast:.1f}x wall, {loop_cpu / fast_cpu:.1f}x CPU  "
              f"(on the same {subset} instances: {part_loop_cpu / part_fast_cpu:.1f}x CPU)")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
              "(wall time stretches when the machine is shared)")
        print(f"target: the full report under 5 s -> {'met' if fast < 5 else 'NOT met'} on wall time "
              f"({fast:.2f} s), {'met' if fast_cpu < 5 else 'NOT met'} on CPU time ({fast_cpu:.2f} s)")


if __name__ == "__main__":
    main()
