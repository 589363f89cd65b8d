"""Time `dsuperb validate` over the catalogue against a raw baseline measured in the same run.

Raw baseline: read every card with `yaml.safe_load` and check it with jsonschema, nothing else.
dsuperb: `validate_cards` (line-aware safe parsing, schema, every card rule, cross-task rules),
and the whole CLI process (`dsuperb validate`, interpreter start-up included).

    python benchmarks/bench_validate.py [--tasks-dir tasks] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import yaml

from dsuperb import paths
from dsuperb.cards import CARD_FILE, discover
from dsuperb.infra.schemas import load_schema  # noqa: E402
from dsuperb.validation.cards import validate_cards


def raw_baseline(folders: list[Path]) -> int:
    validator = jsonschema.Draft202012Validator(load_schema("task"))
    problems = 0
    for folder in folders:
        with open(folder / CARD_FILE, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        problems += sum(1 for _ in validator.iter_errors(data))
    return problems


def best_of(repeat: int, function, *args) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks-dir", type=Path, default=paths.tasks_dir_or_default())
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folders = [f for f in discover(args.tasks_dir) if (f / CARD_FILE).is_file()]
    cards, _ = validate_cards(folders, context=folders)
    instances = sum(len(c.task.instances) for c in cards if c.task)

    raw_best, raw_median = best_of(args.repeat, raw_baseline, folders)
    ours_best, ours_median = best_of(args.repeat, lambda: validate_cards(folders, context=folders))
    cli_times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dsuperb.cli", "validate", "--tasks-dir", str(args.tasks_dir)],
                       capture_output=True, check=False)
        cli_times.append(time.perf_counter() - start)

    print(f"catalogue: {len(folders)} cards, {instances} instances ({args.tasks_dir})")
    for label, best, median in (("raw yaml.safe_load + jsonschema", raw_best, raw_median),
                                 ("dsuperb validate_cards", ours_best, ours_median)):
        print(f"{label:<32} best {best * 1e3:7.1f} ms  median {median * 1e3:7.1f} ms")
    print(f"dsuperb validate (whole CLI):    best {min(cli_times) * 1000:7.1f} ms")
    print(f"ratio validate_cards / raw baseline: {ours_best / raw_best:.2f}x  (target <= 2x)")
    print(f"CLI wall: {min(cli_times):.2f} s  (target < 1 s)")


if __name__ == "__main__":
    main()
