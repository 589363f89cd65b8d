"""What an analysis asks of one instance, worked out before the first request.

One pass over the dataset's text columns (ids, instructions, labels; no audio is decoded) gives
every sample's variants, or the reason it has none, for the first `--limit` rows. The plan
depends on the seed and the data only, so every shard and every resumed session makes the same
one; its counts go into the run card, where the report finds them.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..cards import Instance
from ..vocab.variants import INSTRUCTIONS, Analysis, Variant
from . import instructions, permutations


@dataclass
class Plan:
    analysis: Analysis
    files: list[str] = field(default_factory=list)  # every sample considered, in split order
    variants: dict[str, tuple[Variant, ...]] = field(default_factory=dict)  # sample id -> its variants
    skipped: Counter = field(default_factory=Counter)  # why samples were not asked again
    partial: Counter = field(default_factory=Counter)  # why samples got fewer variants than asked
    problem: str | None = None  # why no sample of the instance is asked again

    def summary(self) -> dict:
        """What the run card records of the plan (and the report shows)."""
        return {**self.analysis.as_json(), "samples": len(self.files), "analysed": len(self.variants),
                "rows": sum(len(v) for v in self.variants.values()),
                "skipped": dict(sorted(self.skipped.items())), "partial": dict(sorted(self.partial.items())),
                "problem": self.problem}


def plan_instance(analysis: Analysis, instance: Instance, data, seed: int, limit: int | None) -> Plan:
    plan = Plan(analysis)
    columns = (instance.instruction_column, *instance.label_columns)
    rows = list(data.text_rows(columns, None if analysis.kind == INSTRUCTIONS else limit))
    samples: dict[str, dict] = {}
    for file, row in rows[:limit] if limit is not None else rows:
        samples.setdefault(file, row)  # a file id twice: the first row is the sample (as the runner)
    plan.files = list(samples)
    if analysis.kind == INSTRUCTIONS:
        pool = list(dict.fromkeys(row[instance.instruction_column] for _, row in rows))
        plan.problem = instructions.instance_problem(instance, pool)
        if plan.problem is None:
            _plan_instructions(plan, instance, samples, instructions.Alternatives(instance, pool), seed)
    else:
        plan.problem = permutations.instance_problem(instance)
        if plan.problem is None:
            _plan_orders(plan, instance, samples, seed)
    return plan


def _plan_instructions(plan: Plan, instance: Instance, samples: dict[str, dict],
                       pool: instructions.Alternatives, seed: int) -> None:
    analysis = plan.analysis
    for file, row in samples.items():
        own = row[instance.instruction_column]
        chosen, why = pool.draw(own, analysis.variants, seed, file)
        if not chosen:
            plan.skipped[why] += 1
            continue
        if why:
            plan.partial[why] += 1
        plan.variants[file] = tuple(Variant(analysis.key(file, index), index, text)
                                    for index, text in enumerate([own, *chosen]))


def _plan_orders(plan: Plan, instance: Instance, samples: dict[str, dict], seed: int) -> None:
    analysis, audio_order = plan.analysis, instance.audio_order
    size = len(audio_order.reordered(instance.audio_columns))
    identity = tuple(range(1, size + 1))
    for file, row in samples.items():
        labels = {column: row[column] for column in instance.label_columns}
        if not permutations.labels_follow(labels, audio_order):
            plan.skipped[permutations.UNMAPPED] += 1
            continue
        orders = permutations.draw_orders(analysis.variants, size, seed, instance.name, file)
        if len(orders) < analysis.variants:
            plan.partial[permutations.FEWER] += 1
        own = row[instance.instruction_column]
        plan.variants[file] = tuple(Variant(analysis.key(file, index), index, own, order)
                                    for index, order in enumerate([identity, *orders]))


def asked(sample, variants: tuple[Variant, ...], instance: Instance,
          done) -> Iterator[tuple[Variant, object]]:
    """The sample as each of its variants not yet `done` asks it: (variant, the sample so asked,
    with its labels as they read under that variant)."""
    for variant in variants:
        if variant.key in done:
            continue
        if variant.order is None:
            yield variant, dataclasses.replace(sample, file=variant.key, instruction=variant.instruction)
            continue
        labels = permutations.mapped_labels(sample.labels, instance.audio_order, variant.order)
        shown = permutations.reordered(sample, instance, variant.order) if not sample.error else sample
        yield variant, dataclasses.replace(shown, file=variant.key, labels=labels or sample.labels)
