"""`dsuperb merge OUT SHARD...`: join the run folders of `eval --shard i/n` into one run."""

from __future__ import annotations

import glob
from pathlib import Path

import click

from .common import fail


@click.command()
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@click.argument("shards", nargs=-1, required=True)
@click.option("--allow-incomplete", is_flag=True,
              help="Merge even when shards are missing or were interrupted (results cover fewer samples).")
@click.option("--overwrite", is_flag=True, help="Replace what OUT already holds.")
def merge(out, shards, allow_incomplete, overwrite):
    """Join shard run folders SHARD... (paths or quoted globs such as 'runs/m__shard-*') into the run
    folder OUT and score it."""
    from ..runfolder.merge import merge_runs
    from .eval import show_results

    folders = expand(shards)
    results = merge_runs(out, folders, allow_incomplete=allow_incomplete, overwrite=overwrite)
    failed = show_results(results)
    click.echo(f"\nmerged {len(folders)} shard(s) into {out}")
    raise SystemExit(1 if failed else 0)


def expand(patterns: tuple[str, ...]) -> list[Path]:
    """Each argument as a folder, or a glob's matching folders (sorted); a glob matching nothing is an
    error."""
    folders: list[Path] = []
    for pattern in patterns:
        if glob.has_magic(pattern):
            matches = sorted(Path(p) for p in glob.glob(pattern) if Path(p).is_dir())
            if not matches:
                fail(f"{pattern}: no shard folder matches")
            folders.extend(matches)
        elif not Path(pattern).is_dir():
            fail(f"{pattern}: no such shard folder")
        else:
            folders.append(Path(pattern))
    return list(dict.fromkeys(folders))
