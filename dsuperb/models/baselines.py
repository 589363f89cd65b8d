"""Reference models that need nothing: `random`, `majority` and `null`.

- `random` answers uniformly among the options the instruction offers (falling back to the card's
  label set, else an empty answer). Its choice for a sample depends only on the seed, the instance
  and the sample's `file` id, so results do not depend on order, batching, sharding or resumption.
- `majority` always answers the instance's most frequent label. It is a prior-knowledge reference,
  not a model: it reads the labels of the very test set it is scored on, which no real system can.
  It tells how much a score owes to an unbalanced label distribution.
- `null` answers the empty string at once: it measures the runner's own speed (benchmarks).

The audio is never looked at by any of them, and a run's system prompt (`--system-prompt`) changes
nothing: they read no prompt but the options an instruction offers. The run card still records it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from ..infra.hashing import stable_int
from ..vocab.options import find_options
from .base import Model, Request
from .options import CommonOptions, NoOptions


class RandomModel(Model):
    name = "random"

    def __init__(self, common: CommonOptions | None = None, options: NoOptions | None = None):
        self.seed = (common or CommonOptions()).seed
        self._label_sets: dict[str, tuple[str, ...]] = {}

    def prepare(self, instance, label_counts=None) -> None:
        if instance.label_set:
            self._label_sets[instance.name] = tuple(instance.label_set)

    def generate(self, requests: Sequence[Request]) -> list[str | BaseException]:
        answers = []
        for request in requests:
            choices = find_options(request.instruction) or list(self._label_sets.get(request.instance, ()))
            if not choices:
                answers.append("")
                continue
            rng = random.Random(stable_int(self.seed, request.instance, request.id))
            answers.append(choices[rng.randrange(len(choices))])
        return answers

    def describe(self) -> dict:
        return {"id": self.name, "seed": self.seed, "policy": "uniform over the instruction's options"}


class MajorityModel(Model):
    """The most frequent label of each instance: a prior-knowledge reference, not a model."""

    name = "majority"
    # The runner counts an instance's labels only for models that ask (it reads the label column).
    wants_label_counts = True

    def __init__(self, common: CommonOptions | None = None, options: NoOptions | None = None):
        self._answers: dict[str, str] = {}

    def prepare(self, instance, label_counts=None) -> None:
        counts = {str(k): v for k, v in (label_counts or {}).items() if str(k).strip()}
        if counts:
            # Ties go to the alphabetically first label, so the answer never depends on row order.
            self._answers[instance.name] = min(counts, key=lambda label: (-counts[label], label))
        else:
            self._answers[instance.name] = ""

    def generate(self, requests: Sequence[Request]) -> list[str | BaseException]:
        return [self._answers.get(request.instance, "") for request in requests]

    def describe(self) -> dict:
        return {"id": self.name, "policy": "most frequent test label (prior-knowledge reference)"}


class NullModel(Model):
    """Answers nothing, instantly: the runner's overhead with no model cost at all."""

    name = "null"

    def __init__(self, common: CommonOptions | None = None, options: NoOptions | None = None):
        pass

    def generate(self, requests: Sequence[Request]) -> list[str | BaseException]:
        return [""] * len(requests)
