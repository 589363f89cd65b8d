"""`dsuperb eval`: run a model on the benchmark, resumably, and print a table of scores."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import data_dir_option, fail, tasks_dir_option

EXIT_INTERRUPTED = 130


@click.command("eval")
@click.option("--model", "model_spec", required=True,
              help="random, majority, null, openai:<name>, cascade:<asr>+<llm>, module:Class, or a hub id "
                   "or local folder (transformers).")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Where run folders go: OUTPUT_DIR/<model>[__control][__shard-i-of-n]/.")
@click.option("--tasks", "tasks", default="",
              help="Comma-separated task or instance names, or task folder paths.")
@tasks_dir_option
@click.option("--domain", help="Only instances covering this domain (speech, music, audio).")
@click.option("--type", "task_type", help="Only instances of this type.")
@click.option("--limit", type=click.IntRange(min=1), help="At most the first N samples of each instance.")
@data_dir_option
@click.option("--streaming", is_flag=True, help="Stream hub datasets instead of downloading them.")
@click.option("--batch-size", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--device", default="auto", show_default=True)
@click.option("--dtype", default="auto", show_default=True)
@click.option("--max-new-tokens", type=click.IntRange(min=1), default=256, show_default=True)
@click.option("--revision", help="Model revision (a hub commit, tag or branch).")
@click.option("--trust-remote-code", is_flag=True, help="Allow the model's own code from the hub.")
@click.option("--base-url", help="OpenAI-compatible server for openai:<name> models.")
@click.option("--concurrency", type=click.IntRange(min=1), default=4, show_default=True,
              help="openai:<name> models: requests in flight at once.")
@click.option("--timeout", "request_timeout", type=click.FloatRange(min=0, min_open=True), default=120.0,
              show_default=True, help="openai:<name> models: seconds to wait for one reply.")
@click.option("--max-retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="openai:<name> models: retries (with back-off) after a timeout or server error.")
@click.option("--model-option", "model_options", multiple=True, metavar="KEY=VALUE",
              help="Adapter-specific setting, repeatable (e.g. prompt_format=base, language=en).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--judge", "judge_spec", default=None,
              help="Judge for llm_classification: embedded (default), openai:<model>, hf:<model>.")
@click.option("--control", type=click.Choice(["silence", "shuffle"]),
              help="Replace each audio by silence, or by another sample's audio (how much does the score "
                   "need the audio?).")
@click.option("--shard", "shard_text", metavar="I/N",
              help="Run only shard I of N (1-based); join the shards with `dsuperb merge`.")
@click.option("--overwrite", is_flag=True, help="Discard what the run folder holds and start again.")
@click.option("--retry-failed", is_flag=True, help="Run again the samples recorded as failed.")
@click.option("--no-progress", is_flag=True, help="No progress bars.")
def eval_command(model_spec, output_dir, tasks, tasks_dir, domain, task_type, limit, data_dir, streaming,
                 batch_size, device, dtype, max_new_tokens, revision, trust_remote_code, base_url,
                 concurrency, request_timeout, max_retries, model_options, seed, judge_spec,
                 control, shard_text, overwrite, retry_failed, no_progress):
    """Run a model on tasks x instances; re-running the same command resumes where it stopped.

    Exit status: 0 when everything ran, 1 when a sample or an instance failed, 2 for a usage
    problem (unknown task, model that cannot load, mismatched run folder), 130 when interrupted.
    """
    from ..models.base import ModelError, ModelOptions
    from ..runner import EvalConfig, RunError, Runner, parse_shard

    try:
        shard = parse_shard(shard_text)
    except RunError as exc:
        fail(str(exc))
    options = ModelOptions(device=device, dtype=dtype, batch_size=batch_size,
                           max_new_tokens=max_new_tokens, revision=revision,
                           trust_remote_code=trust_remote_code, base_url=base_url, seed=seed,
                           concurrency=concurrency, timeout=request_timeout, max_retries=max_retries,
                           extra=parse_model_options(model_options))
    config = EvalConfig(
        model=model_spec, output_dir=output_dir, tasks=tuple(t for t in tasks.split(",") if t.strip()),
        tasks_dir=tasks_dir, domain=domain, task_type=task_type, limit=limit, data_dir=data_dir,
        streaming=streaming, options=options, judge=judge_spec, control=control, shard=shard,
        overwrite=overwrite, retry_failed=retry_failed, progress=not no_progress, command=list(sys.argv),
    )
    runner = Runner(config)
    try:
        outcome = runner.run()
    except (RunError, ModelError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:  # during setup: nothing was written yet
        click.echo("interrupted", err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    failures = show_results(outcome.results)
    click.echo(f"\nrun folder: {outcome.run_dir}")
    if outcome.interrupted:
        click.echo("interrupted: everything so far is saved; run the same command again to continue",
                   err=True)
        raise SystemExit(EXIT_INTERRUPTED)
    raise SystemExit(1 if failures else 0)


def show_results(results: dict) -> list[tuple[str, str]]:
    """Print the table of scores and what failed and why; returns the failures."""
    from ..runner import failures

    click.echo(render_table(results))
    failed = failures(results)
    if failed:
        click.echo("\nFailed:")
        for name, why in failed:
            click.echo(f"  {name}: {why}")
    return failed


def parse_model_options(pairs: tuple[str, ...]) -> dict[str, str]:
    extra = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(f"--model-option expects KEY=VALUE, got {pair!r}")
        extra[key.strip()] = value.strip()
    return extra


def render_table(results: dict) -> str:
    headers = ["instance", "metric", "value", "score", "n/a", "count", "errors", "status"]
    rows = []
    for name, entry in results["instances"].items():
        rows.append([
            name, entry.get("metric") or "-", _number(entry.get("value")),
            _number(entry.get("normalised"), 1),
            _percent(entry.get("na_rate")), str(entry.get("count", 0)), str(entry.get("errors", 0)),
            entry.get("status", ""),
        ])
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def _number(value, digits: int = 4) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _percent(value) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"
