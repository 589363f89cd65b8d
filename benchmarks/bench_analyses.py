"""Report speed of the analysis sections: an instruction-sensitivity run of 30 instances x 500
samples x 4 wordings (60,000 scored rows) with 1000 bootstrap resamples, the vectorised bootstrap
over samples (`Resampler.replicates_from_counts`) against the per-resample loop.

    python benchmarks/bench_analyses.py [--instances 30] [--samples 500] [--variants 3]
                                        [--bootstrap 1000] [--loop-instances 3]

The run folder is written here with real scored rows: two thirds of the instances judged
classification (stats `correct`), one third word error rate (stats `errors`, `ref`), each sample
asked under its own wording and K others from a pool of 20. Prints the wall and CPU time of
`build_report` on the run with the vectorised bootstrap and with the loop (timed on
--loop-instances and scaled up by instances, its cost being linear in them), and their ratio.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from dsuperb.report import build_report
from dsuperb.runfolder.layout import RunFolder
from dsuperb.runfolder.records import InstanceResult, Results, write_results
from dsuperb.scoring.api import aggregate, normalise


def write_run(root: Path, instances: int, samples: int, variants: int) -> Path:
    rng = random.Random(0)
    folder = RunFolder(root / "model__instructions")
    folder.path.mkdir(parents=True)
    when = "2026-01-01T00:00:00+00:00"
    card = {"dsuperb_version": "0", "created": when, "updated": when,
            "command": ["bench_analyses.py"], "model": {"spec": "bench", "id": "bench"},
            "analysis": {"kind": "instructions", "variants": variants},
            "generation": {"max_new_tokens": 16, "dtype": "auto", "revision": None},
            "execution": {"batch_size": 1, "limit": None, "streaming": False}, "seed": 0, "control": None,
            "shard": None, "judge": {"spec": None, "id": "bench", "prompt_hash": ""}, "instances": {},
            "packages": {}}
    results = {}
    for index in range(instances):
        name, metric = f"Bench_{index:03d}", "word_error_rate" if index % 3 == 2 else "llm_classification"
        pool = [f"wording {k} of question {index}" for k in range(20)]
        rows = []
        for sample in range(samples):
            skill = rng.random()
            for k, text in enumerate(rng.sample(pool, variants + 1)):
                good = rng.random() < skill
                if metric == "word_error_rate":
                    stats = {"errors": 0 if good else rng.randint(1, 6), "ref": 6}
                else:
                    stats = {"correct": float(good)}
                answer = "x" if good else "y"
                rows.append({"instance": name, "file": f"s{sample:05d}#i{k}", "instruction": text,
                             "label": "x", "response": answer, "error": None, "variant_of": f"s{sample:05d}",
                             "variant": text, "score": float(good), "answer": answer, "na": False,
                             "reason": "", "stats": stats})
        folder.scored(name).parent.mkdir(parents=True, exist_ok=True)
        folder.scored(name).write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        value = aggregate(metric, rows)
        results[name] = InstanceResult(task=name, domains=["speech"], category="content",
                                       type="classification", metric=metric, value=value,
                                       normalised=normalise(metric, value),
                                       higher_is_better=metric != "word_error_rate", na_rate=0.0,
                                       count=len(rows))
        analysed = {"kind": "instructions", "variants": variants, "samples": samples, "analysed": samples,
                    "rows": len(rows), "skipped": {}, "partial": {}, "problem": None}
        card["instances"][name] = {
            "task": name, "hf_path": f"bench/{name}", "card_hash": "0" * 64, "revision": None,
            "dataset_revision": None, "type": "classification", "metric": metric, "label_set": None,
            "label_columns": ["label"], "domains": ["speech"], "category": "content", "analysis": analysed}
    folder.card.write_text(json.dumps(card), encoding="utf-8")
    write_results(folder.results, Results("0", card["model"], None, "0123456789abcdef", results, seed=0,
                                          complete=True))
    return folder.path


def timed(run: Path, n_boot: int, vectorised: bool) -> tuple[float, float, dict]:
    start, cpu = time.perf_counter(), time.process_time()
    report = build_report([run], n_boot=n_boot, seed=0, vectorised=vectorised)
    return time.perf_counter() - start, time.process_time() - cpu, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=30)
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--variants", type=int, default=3)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--loop-instances", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        full = write_run(Path(tmp) / "full", args.instances, args.samples, args.variants)
        small = write_run(Path(tmp) / "small", args.loop_instances, args.samples, args.variants)
        rows = args.instances * args.samples * (args.variants + 1)
        print(f"{args.instances} instances x {args.samples} samples x {args.variants + 1} wordings = "
              f"{rows} rows, {args.bootstrap} resamples")
        wall, cpu, report = timed(full, args.bootstrap, True)
        print(f"vectorised: {wall:.2f} s wall, {cpu:.2f} s CPU")
        loop_wall, loop_cpu, loop_report = timed(small, args.bootstrap, False)
        scale = args.instances / args.loop_instances
        print(f"loop:       {loop_wall * scale:.2f} s wall, {loop_cpu * scale:.2f} s CPU "
              f"(timed on {args.loop_instances} instances, scaled by {scale:g})")
        vector_small = timed(small, args.bootstrap, True)[2]
        same = vector_small["instruction_sensitivity"] == loop_report["instruction_sensitivity"]
        print(f"ratio loop / vectorised: {loop_wall * scale / wall:.1f}x wall, "
              f"{loop_cpu * scale / cpu:.1f}x CPU; same numbers on the timed instances: {same}")
        overall = report["instruction_sensitivity"][0]["overall"]
        print("overall: " + ", ".join(f"{k} {v['score']:.1f}" for k, v in overall.items()))


if __name__ == "__main__":
    main()
