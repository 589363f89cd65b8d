"""`dsuperb eval`: run a model on the benchmark, resumably, and print a table of scores."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..cli import EXIT_INTERRUPTED, INTERRUPTED
from ..vocab.controls import CONTROLS
from ..vocab.prompts import DIRECT, STRATEGIES
from .common import data_dir_option, fail, tasks_dir_option

# Shorthand flags for common backend options: flag parameter -> the option's key. Only a flag the
# user gave is passed on, and the backend rejects one it does not have (e.g. --base-url for a
# transformers model), so a flag never silently does nothing.
SHORTHANDS = {"device": "device", "dtype": "dtype", "revision": "revision",
              "trust_remote_code": "trust_remote_code", "base_url": "base_url", "concurrency": "concurrency",
              "request_timeout": "timeout", "max_retries": "max_retries"}


@click.command("eval")
@click.option("--model", "model_spec", required=True,
              help="random, majority, null, openai:<name>, cascade:<asr>+<llm>, module:Class, or a hub id "
                   "or local folder (transformers).")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Where run folders go: OUTPUT_DIR/<model>[__control][__cot][__sys-<hash>][__<analysis>-K]"
                   "[__shard-i-of-n]/.")
@click.option("--tasks", "tasks", default="",
              help="Comma-separated task or instance names (any case), or task folder paths.")
@tasks_dir_option
@click.option("--domain", help="Only instances covering this domain (speech, music, audio).")
@click.option("--type", "task_type", help="Only instances of this type.")
@click.option("--category", help="Only instances of this taxonomy category.")
@click.option("--metric", help="Only instances scored with this metric.")
@click.option("--suite", help="Only instances of this benchmark suite (dynamic-superb-phase2, sakura, mugen, "
                              "or all); default: Dynamic-SUPERB Phase 2 when no task is named, else any.")
@click.option("--include-unconfirmed", is_flag=True,
              help="Also run instances whose card says `status: unconfirmed` (seen only in weak evidence).")
@click.option("--limit", type=click.IntRange(min=1), help="At most the first N samples of each instance.")
@data_dir_option
@click.option("--streaming", is_flag=True, help="Stream hub datasets instead of downloading them.")
@click.option("--batch-size", default="1", show_default=True,
              help="Samples per model call, or 'auto' (the largest size that fits).")
@click.option("--max-new-tokens", type=click.IntRange(min=1), default=256, show_default=True,
              help="Most tokens a model may generate per answer.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of every random choice.")
@click.option("--device", help="transformers models: auto, cpu, cuda or cuda:N (default auto).")
@click.option("--dtype", help="transformers models: auto, float32, float16 or bfloat16 (default auto).")
@click.option("--revision", help="transformers models: the hub commit, tag or branch to load; openai:<name> "
                                 "models: the revision the servers were started on (for the run card).")
@click.option("--trust-remote-code", is_flag=True, default=None,
              help="transformers models: run the model's own code from the hub (only models you trust).")
@click.option("--base-url", multiple=True,
              help="openai:<name> models: the OpenAI-compatible server's base URL; repeat it for several "
                   "servers of one model (requests go to the least busy).")
@click.option("--concurrency", type=click.IntRange(min=1),
              help="openai:<name> models: requests in flight, over all servers (default 64).")
@click.option("--timeout", "request_timeout", type=click.FloatRange(min=0, min_open=True),
              help="openai:<name> models: seconds to wait for one reply.")
@click.option("--max-retries", type=click.IntRange(min=0),
              help="openai:<name> models: retries (with back-off) after a timeout or server error.")
@click.option("--model-option", "model_options", multiple=True, metavar="KEY=VALUE",
              help="A backend's own setting, repeatable (e.g. prompt_format=base, language=en); an unknown "
                   "key is an error that lists the known ones.")
@click.option("--judge", "judge_spec", default=None,
              help="Judge for llm_classification: embedded (default), openai:<model>, hf:<model>, or "
                   "rules+openai:<model> / rules+hf:<model> (rules first, the LLM where they are unsure).")
@click.option("--control", type=click.Choice(CONTROLS),
              help="Replace each audio by silence, or by another sample's audio (how much does the score "
                   "need the audio?).")
@click.option("--instruction-variants", type=click.IntRange(min=1), metavar="K",
              help="Instruction sensitivity: also ask each sample under K other instructions of its dataset "
                   "that offer the same answer options (own run folder: ...__instructions-K).")
@click.option("--audio-permutations", type=click.IntRange(min=1), metavar="K",
              help="Audio-order self-consistency: also ask each multi-audio sample with its audios in K "
                   "other orders, as its card's audio_order allows (own run folder: ...__permutations-K).")
@click.option("--prompt-strategy", type=click.Choice(STRATEGIES), default=DIRECT, show_default=True,
              help="cot: ask for step-by-step reasoning and a final 'Answer:' line, which alone is scored.")
@click.option("--system-prompt", metavar="TEXT|@FILE",
              help="A system prompt for chat models (the text, or @ and a file holding it); recorded in the "
                   "run card and the run folder's name. The baselines ignore it.")
@click.option("--shard", "shard_text", metavar="I/N",
              help="Run only shard I of N (1-based); join the shards with `dsuperb merge`.")
@click.option("--overwrite", is_flag=True, help="Discard what the run folder holds and start again.")
@click.option("--retry-failed", is_flag=True, help="Run again the samples recorded as failed.")
@click.option("--no-progress", is_flag=True, help="No progress bars (they are off anyway when stderr is not "
                                                   "a terminal).")
def eval_command(model_spec, output_dir, tasks, tasks_dir, domain, task_type, category, metric, suite,
                 include_unconfirmed, limit,
                 data_dir, streaming, batch_size, max_new_tokens, seed, model_options, judge_spec, control,
                 instruction_variants, audio_permutations, prompt_strategy, system_prompt,
                 shard_text, overwrite, retry_failed, no_progress, **shorthands):
    """Run a model on tasks x instances; re-running the same command resumes where it stopped.

    Exit status: 0 when everything ran, 1 when a sample or an instance failed, 2 for a usage
    problem (unknown task, model that cannot load, mismatched run folder), 130 when interrupted.
    """
    from ..dataparallel import run_eval
    from ..models.options import CommonOptions
    from ..runner import EvalConfig
    from ..selection import Filters, parse_shard

    if data_dir is not None and not data_dir.is_dir():
        fail(f"--data-dir {data_dir}: no such folder")
    raw = {SHORTHANDS[name]: _text(value) for name, value in shorthands.items() if value not in (None, ())}
    raw.update(parse_model_options(model_options))
    config = EvalConfig(
        model=model_spec, output_dir=output_dir, tasks=tuple(t for t in tasks.split(",") if t.strip()),
        tasks_dir=tasks_dir, limit=limit,
        filters=Filters(domain, task_type, metric, category, include_unconfirmed=include_unconfirmed,
                        suite=suite),
        data_dir=data_dir, streaming=streaming,
        common=CommonOptions(batch_size=parse_batch_size(batch_size), max_new_tokens=max_new_tokens,
                             seed=seed),
        model_options=raw, judge=judge_spec, control=control, shard=parse_shard(shard_text),
        overwrite=overwrite, retry_failed=retry_failed, progress=not no_progress, command=list(sys.argv),
        analysis=parse_analysis(instruction_variants, audio_permutations), prompt_strategy=prompt_strategy,
        system_prompt=read_system_prompt(system_prompt),
    )
    outcome, shown = run_eval(config)  # one process, or one of `accelerate launch`'s (each runs a share)
    if not shown:  # another process of the launch joins the shares and shows the results
        raise SystemExit(EXIT_INTERRUPTED if outcome.interrupted else 1 if outcome.failed else 0)
    failures = show_results(outcome.results)
    click.echo(f"\nrun folder: {outcome.run_dir}")
    if outcome.interrupted:
        click.echo(INTERRUPTED, err=True)
        raise SystemExit(EXIT_INTERRUPTED)
    raise SystemExit(1 if failures else 0)


def show_results(results) -> list[tuple[str, str]]:
    """Print the table of scores and, once, what failed and why; returns the failures."""
    click.echo(render_table(results))
    failed = results.failures()
    if failed:
        click.echo("\nFailed:")
        for name, why in failed:
            # the data layer's messages name their instance; the line already starts with it
            click.echo(f"  {name}: {why.replace(f'instance {name}: ', '')}")
    return failed


def parse_analysis(instruction_variants: int | None, audio_permutations: int | None):
    """The analysis a run makes (one per run: each has its own run folder), or None."""
    from ..vocab.variants import INSTRUCTIONS, PERMUTATIONS, Analysis

    if instruction_variants and audio_permutations:
        fail("--instruction-variants and --audio-permutations are two analyses: run them as two runs")
    if instruction_variants:
        return Analysis(INSTRUCTIONS, instruction_variants)
    return Analysis(PERMUTATIONS, audio_permutations) if audio_permutations else None


def read_system_prompt(value: str | None) -> str | None:
    """`--system-prompt TEXT`, or `@FILE` for the text of a file."""
    if value is None or not value.startswith("@"):
        return value
    path = Path(value[1:])
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"--system-prompt {value}: cannot read {path} ({getattr(exc, 'strerror', None) or exc})")


def parse_model_options(pairs: tuple[str, ...]) -> dict[str, str]:
    extra = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(f"--model-option expects KEY=VALUE, got {pair!r}")
        extra[key.strip()] = value.strip()
    return extra


def parse_batch_size(text: str) -> int | str:
    if text.strip().lower() == "auto":
        return "auto"
    try:
        size = int(text)
    except ValueError:
        size = 0
    if size < 1:
        fail(f"--batch-size expects a whole number of at least 1, or 'auto'; found {text!r}")
    return size


def render_table(results) -> str:
    from ..infra.tables import number, percent
    from ..infra.tables import render_table as table

    headers = ["instance", "metric", "value", "score", "n/a", "count", "errors", "status"]
    rows = []
    for name, entry in results.instances.items():
        status = "some failed" if entry.status == "ok" and entry.problem else entry.status
        rows.append([name, entry.metric or "-", number(entry.value), number(entry.normalised, 1),
                     percent(entry.na_rate), entry.count, entry.errors, status])
    return table(headers, rows)


def _text(value) -> str:
    if isinstance(value, tuple):  # a repeated flag (--base-url): its values, comma-separated
        return ",".join(map(str, value))
    return str(value).lower() if isinstance(value, bool) else str(value)
