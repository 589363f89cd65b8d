"""What one `dsuperb eval` will do: its settings, the instances, the model and judge, and the
run folder settled with its run card. The runner then only loops."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import controls
from .cards import Instance
from .errors import ModelError, UsageError
from .infra.errortext import error_text
from .models.base import Model
from .models.oom import AUTO_START
from .models.options import CommonOptions, split_options
from .runfolder import runcard
from .runfolder.layout import RunFolder, extra_parts, folder_name
from .runfolder.settle import settle
from .selection import Filters, select_instances
from .vocab.prompts import DIRECT, STRATEGIES
from .vocab.tasktypes import is_scored
from .vocab.variants import Analysis


@dataclass
class EvalConfig:
    model: str
    output_dir: Path
    tasks: tuple[str, ...] = ()
    tasks_dir: Path | None = None
    filters: Filters = field(default_factory=Filters)
    limit: int | None = None
    data_dir: Path | None = None
    streaming: bool = False
    common: CommonOptions = field(default_factory=CommonOptions)
    model_options: dict = field(default_factory=dict)  # the adapter's own options, key -> text
    judge: str | None = None
    control: str | None = None
    shard: tuple[int, int] | None = None
    overwrite: bool = False
    retry_failed: bool = False
    progress: bool = True
    command: list[str] | None = None
    analysis: Analysis | None = None  # instruction variants or audio permutations (own run folder)
    prompt_strategy: str = DIRECT
    system_prompt: str | None = None

    @property
    def seed(self) -> int:
        return self.common.seed

    @property
    def batch_rows(self) -> int:
        """Samples handed to the model at once ("auto" lets the model find its own size within them)."""
        size = self.common.batch_size
        return size if isinstance(size, int) else AUTO_BATCH_ROWS

    @property
    def folder_extra(self) -> tuple[str, ...]:
        return extra_parts(self.prompt_strategy, self.system_prompt, self.analysis)


AUTO_BATCH_ROWS = AUTO_START  # where the adapter's own search for the largest size that fits starts


@dataclass
class Plan:
    instances: list[Instance]
    model: Model
    judge: object
    folder: RunFolder
    card: dict


def prepare(config: EvalConfig, model: Model | None = None, judge=None,
            say: Callable[[str], None] | None = None) -> Plan:
    if config.control is not None and config.control not in controls.CONTROLS:
        raise UsageError(f"--control expects one of {', '.join(controls.CONTROLS)}, found {config.control!r}")
    check_prompting(config)
    instances = select_instances(config.tasks, config.tasks_dir, config.filters, warn=say or print)
    if not instances:
        raise UsageError("no instance matches the selection (--tasks/--domain/--type/--category/--metric)")
    for line in hub_fallbacks(instances, config.data_dir):
        (say or print)(line)  # before the model loads: a missing local copy is no surprise later
    if judge is None:
        from .scoring.api import make_judge

        judge = make_judge(config.judge)
    if model is None:
        from .models.registry import load_model

        model = load_model(config.model, config.common, config.model_options)
    description = describe(model, config.model)
    folder = run_folder(config, model_id(description, config.model), config.shard)
    options = getattr(model, "options", None)
    scored, execution = split_options(options) if dataclasses.is_dataclass(options) else ({}, {})
    execution.update(model_execution(model, config.model))
    card = runcard.build(
        model_spec=config.model, description=description, common=config.common,
        model_options=config.model_options, scored_keys=set(scored), execution=execution, seed=config.seed,
        control=config.control, shard=config.shard, judge_spec=config.judge,
        judge_identity=getattr(judge, "identity", None), limit=config.limit, streaming=config.streaming,
        command=config.command, prompt_strategy=config.prompt_strategy, system_prompt=config.system_prompt,
        analysis=config.analysis.as_json() if config.analysis else None,
    )
    card["instances"] = {inst.name: runcard.instance_entry(inst, config.limit) for inst in instances}
    return Plan(instances, model, judge, folder, settle(folder, card, config.overwrite))


def check_prompting(config: EvalConfig) -> None:
    """A prompt strategy dsuperb knows; an analysis asked for alone (a control run asks something
    else: how much the score needs the audio)."""
    if config.prompt_strategy not in STRATEGIES:
        raise UsageError(f"--prompt-strategy expects one of {', '.join(STRATEGIES)}, found "
                         f"{config.prompt_strategy!r}")
    if config.analysis is not None and config.control is not None:
        raise UsageError(f"--control with an analysis ({config.analysis.kind}): run the control and the "
                         "analysis as two runs")
    if config.analysis is not None and config.analysis.variants < 1:
        raise UsageError("an analysis asks each sample again at least once (K >= 1)")
    if config.system_prompt is not None and not config.system_prompt.strip():
        raise UsageError("--system-prompt is empty")


def model_execution(model: Model, spec: str) -> dict:
    facts = _ask(model, "execution", spec)
    return facts if isinstance(facts, dict) else {}


def hub_fallbacks(instances: list[Instance], data_dir: Path | None) -> list[str]:
    """One line per instance the data folder lacks, which will be read from the hub instead."""
    from .data import resolve_data_dir
    from .data_sources import local_copy

    root = resolve_data_dir(data_dir)
    if root is None:
        return []
    lines = []
    for instance in instances:
        folder = local_copy(instance, root)  # the current hub path or an earlier one, where present
        if is_scored(instance.type) and instance.metric and not folder.is_dir():
            pin = f"@{instance.revision[:12]}" if instance.revision else " (unpinned)"
            lines.append(f"{instance.name}: no local copy at {folder}; reading hub dataset "
                         f"{instance.hf_path}{pin} instead")
    return lines


def model_id(description: dict, spec: str) -> str:
    """What names a model's run folder: the id it describes itself with, else the spec given."""
    return str(description.get("id") or spec)


def run_folder(config: EvalConfig, model: str, shard: tuple[int, int] | None) -> RunFolder:
    """OUTPUT_DIR/<model>[__control][__analysis...][__shard-i-of-n]: where a run (or a share) goes."""
    return RunFolder(Path(config.output_dir) / folder_name(model, config.control, shard, config.folder_extra))


def describe(model: Model, spec: str) -> dict:
    description = _ask(model, "describe", spec)
    if not isinstance(description, dict):
        raise ModelError(f"model {spec}: describe() returned {type(description).__name__}, not a dict")
    return description


def _ask(model: Model, method: str, spec: str):
    """What an adapter's `describe()` / `execution()` says; an adapter's bug is one ModelError
    before anything is written, its own ModelError (e.g. a server serving another model) as it is."""
    try:
        return getattr(model, method)() or {}
    except ModelError:
        raise
    except Exception as exc:
        raise ModelError(f"model {spec}: {method}() failed ({error_text(exc)})") from None
