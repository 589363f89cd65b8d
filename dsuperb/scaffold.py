"""`dsuperb new`: a task folder from templates, valid except for what only the contributor knows.

Those values are written as `<fill: ...>` markers, which `dsuperb validate` rejects (rule
`card.placeholder`) until they are replaced, so a half-filled scaffold can never pass review.
Field names and enums come from the card schema and the metric registry, never a second list.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from . import paths
from .cards import CARD_FILE
from .errors import CardError
from .infra.schemas import load_schema
from .task_readme import EMPTY_BLOCK, README_FILE
from .vocab import metrics as registry

# What a classification task is scored with in Phase-2; other types name their own metric.
DEFAULT_METRIC = {registry.CLASSIFICATION: registry.JUDGED, registry.AUDIO_GENERATION: None}


class ScaffoldError(CardError):
    """A task that cannot be scaffolded (bad name, folder already there); the message says why."""


def task_types() -> list[str]:
    return list(load_schema("task")["$defs"]["task_type"]["enum"])


def domains() -> list[str]:
    return list(load_schema("task")["$defs"]["domain"]["enum"])


def check_task_name(name: str) -> None:
    pattern = load_schema("task")["properties"]["name"]["pattern"]
    if not re.fullmatch(pattern, name):
        raise ScaffoldError(f"task name {name!r} must be CamelCase letters and digits starting with a "
                            f"capital (e.g. SpeakerVerification; pattern {pattern})")


def scaffold_task(name: str, task_type: str = registry.CLASSIFICATION, tasks_dir: Path | None = None) -> Path:
    """Write `tasks_dir/name/` with a card and a README; return the folder. Never overwrites."""
    check_task_name(name)
    if task_type not in task_types():
        raise ScaffoldError(f"unknown task type {task_type!r}; expected one of {', '.join(task_types())}")
    root = paths.writable_tasks_dir(tasks_dir, "new")  # never the installed package's copy
    folder = root / name
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists; pick another name or edit that task")
    # A folder differing only in case would collide on case-insensitive file systems.
    siblings = root.iterdir() if root.is_dir() else ()
    clash = next((p for p in siblings if p.name.lower() == name.lower()), None)
    if clash is not None:
        raise ScaffoldError(f"{clash} differs from {name!r} only in case; pick another name")
    folder.mkdir(parents=True)
    (folder / CARD_FILE).write_text(render_card(name, task_type), encoding="utf-8")
    (folder / README_FILE).write_text(render_readme(name, task_type), encoding="utf-8")
    return folder


def render_card(name: str, task_type: str) -> str:
    metric_line, metric_note = _metric(task_type)
    label_set = ""
    if task_type == registry.CLASSIFICATION:
        label_set = ("# Every answer the model may give; the instructions must list them.\n"
                     'label_set: ["<fill: first label>", "<fill: second label>"]\n')
    return CARD_TEMPLATE.format(
        name=name, type=task_type, domains=", ".join(domains()), metric_line=metric_line,
        metric_note=metric_note, label_set=label_set, category_note=_category_note(),
    )


def _category_note() -> str:
    categories = load_schema("task")["$defs"]["category"].get("enum")
    if not categories:
        return "# One category of the taxonomy (docs/taxonomy.md)."
    return _comment(f"One category of the taxonomy (docs/taxonomy.md): {', '.join(categories)}")


def _metric(task_type: str) -> tuple[str, str]:
    """The card's metric line and a comment naming the metrics that fit the type."""
    fitting = [m for m in registry.names() if registry.get(m).fits(task_type)]
    default = DEFAULT_METRIC.get(task_type, "")
    if default is None:
        return "metric: null", "# Audio generation is not scored yet, so it has no metric."
    if default:
        others = ", ".join(m for m in fitting if m != default)
        note = f"A judge scores classification answers; a task-specific scorer may replace it: {others}"
        return f"metric: {default}", _comment(note)
    note = f"Metrics that fit {task_type} (dsuperb/vocab/metrics.py): {', '.join(fitting)}"
    return 'metric: "<fill: metric name>"', _comment(note)


def _comment(text: str) -> str:
    return textwrap.fill(text, width=100, initial_indent="# ", subsequent_indent="#   ")


def render_readme(name: str, task_type: str) -> str:
    return README_TEMPLATE.format(name=name, type=task_type, datasets_block=EMPTY_BLOCK)


CARD_TEMPLATE = """\
# Task card for {name}. Field reference: schemas/task.schema.json; the rules: CONTRIBUTING.md.
# Replace every <fill: ...> value, then run: dsuperb validate tasks/{name}
name: {name}
description: >-
  <fill: what the model hears and what it must answer, in plain words for non-experts>
# One or more of: {domains}
domains: ["<fill: domain>"]
{category_note}
category: "<fill: category>"
type: {type}
{metric_note}
{metric_line}
keywords: ["<fill: keyword>"]
# SPDX identifier of the data licence; it must allow redistribution (e.g. CC-BY-4.0).
license: "<fill: SPDX licence id>"
references:
  - "<fill: URL of the paper or the source dataset>"
{label_set}instances:
  # One instance per dataset, named {name}_<Dataset>[-<Subset>] like its hub repository.
  - name: "{name}_<fill: Dataset>"
    hf_path: "<fill: org/{name}_Dataset on the Hugging Face hub>"
    # The dataset's commit, 40 hex digits: huggingface_hub.HfApi().dataset_info(hf_path).sha
    revision: "<fill: 40-hex commit of the dataset>"
    # Defaults, change them if your columns differ:
    # audio_columns: [audio]         # several inputs: [audio, audio2]; text only: []
    # instruction_column: instruction
    # label_columns: [label]
"""

README_TEMPLATE = """\
# {name}

<!-- Replace each fill-in marker below: `dsuperb validate` fails until none is left. Reviewers read
this page next to the card (task.yaml). The sections follow the Phase-2 task documentation. -->

<fill: what the task is, in a paragraph for a reader who is not an expert.>

## Task Objective

<fill: what ability the task measures, and why a listener (or a product) needs it.>

## Datasets

{datasets_block}

<fill: for each instance: the source corpus, how clips and labels were chosen, the number of rows
(at least 32), the licence and its link. The table above is filled from the card by `dsuperb docs`.>

## Instructions

<fill: how the instructions were written (paraphrased across rows); for classification, how each one
lists the allowed answers.>

## Evaluation

This is a {type} task. <fill: how answers are scored, what a chance-level or trivial system gets, and
what a good one should.>

## References

<fill: papers and dataset pages.>
"""
