"""The report's analysis sections: instruction sensitivity and audio-order self-consistency.

An analysis run (`dsuperb eval --instruction-variants K` / `--audio-permutations K`) is kept out
of the leaderboard: its rows ask each sample several times, so its instance scores are not a
model's score on the benchmark. Here each one becomes a table per instance and an aggregate row
(the mean over its instances, resample by resample), with how many samples were asked again and,
counted by reason, how many were not.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..vocab.audio_order import AudioOrder
from ..vocab.variants import INSTRUCTIONS, PERMUTATIONS, Analysis
from .aggregate import Estimate, mean_estimate
from .load import OK, Run, analysis_of
from .resample import Resampler
from .variant_stats import instance_numbers

SECTIONS = {INSTRUCTIONS: "instruction_sensitivity", PERMUTATIONS: "audio_order"}
STATISTICS = {INSTRUCTIONS: ("original", "mean", "spread", "consistency"),
              PERMUTATIONS: ("original", "mean", "consistency", "vote")}


def analysis_sections(runs: Sequence[Run], resampler: Resampler) -> dict[str, list[dict]]:
    """Each analysis run's entry, under its section's key."""
    sections: dict[str, list[dict]] = {key: [] for key in SECTIONS.values()}
    for run in runs:
        analysis = analysis_of(run)
        if analysis is not None:
            sections[SECTIONS[analysis.kind]].append(run_entry(run, analysis, resampler))
    return sections


def run_entry(run: Run, analysis: Analysis, resampler: Resampler) -> dict:
    card = (run.run_card or {}).get("instances") or {}
    instances, estimates = [], {name: [] for name in STATISTICS[analysis.kind]}
    for name, result in run.instances.items():
        planned = (card.get(name) or {}).get("analysis") or {}
        item = {"instance": name, "task": result.task, "metric": result.metric, "status": result.status,
                "message": result.message or None, "samples": planned.get("samples"),
                "analysed": planned.get("analysed"), "skipped": planned.get("skipped") or {},
                "partial": planned.get("partial") or {}}
        rows = run.rows(name) if result.status == OK and result.metric else None
        if rows:
            order = AudioOrder.from_card((card.get(name) or {}).get("audio_order"))
            numbers = instance_numbers(analysis.kind, result.metric, rows, name, resampler, order)
            for key in STATISTICS[analysis.kind]:
                item[key] = cell(numbers[key])
                if numbers[key].value is not None:
                    estimates[key].append(numbers[key])
            item["instructions"] = numbers.get("instructions")
            if "worst" in numbers:
                text, estimate, count = numbers["worst"]
                item["worst"] = {"instruction": text, **cell(estimate), "count": count}
        run.release(name)
        instances.append(item)
    overall = {key: cell(mean_estimate(found)) if found else cell(Estimate(None))
               for key, found in estimates.items()}
    return {"label": run.label, "model": run.model_id, "run_dir": str(run.path), "kind": analysis.kind,
            "variants": analysis.variants, "n_instances": len(estimates["original"]),
            "overall": overall, "instances": instances}


def cell(estimate: Estimate) -> dict:
    low, high = estimate.interval
    return {"score": _round(estimate.value), "ci_low": _round(low), "ci_high": _round(high)}


def _round(value):
    return None if value is None else round(float(value), 4)
