"""`dsuperb docs`: regenerate the pages built from the cards (docs/TASKS.md, docs/taxonomy.md)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import paths
from ..cards import Catalogue, discover
from ..findings import has_errors
from ..taxonomy import load_taxonomy
from .common import fail, tasks_dir_option


@click.command()
@tasks_dir_option
@click.option("--docs-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Where the generated pages go (default: the repository's docs/).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a page is missing or out of date.")
def docs(tasks_dir, docs_dir, check):
    """Regenerate docs/TASKS.md and docs/taxonomy.md from the task cards and the taxonomy."""
    from ..catalogue_docs import generated_pages, stale_pages

    tasks_dir = paths.tasks_dir_or_default(tasks_dir)
    docs_dir = Path(docs_dir) if docs_dir else paths.REPO_DIR / "docs"
    if not tasks_dir.is_dir():
        fail(f"no tasks folder at {tasks_dir}")
    catalogue = Catalogue.load(tasks_dir)
    unreadable = [card for card in catalogue.cards if card.task is None or has_errors(card.findings)]
    if unreadable:
        fail(f"cannot describe every task: {unreadable[0].problem} (run `dsuperb validate`)")
    taxonomy = load_taxonomy()
    pages = generated_pages(catalogue, taxonomy, docs_dir, tasks_dir)
    stale = stale_pages(pages, docs_dir)
    if check:
        if stale:
            click.echo(f"out of date: {', '.join(str(docs_dir / name) for name in stale)}; "
                       "run `dsuperb docs` to regenerate", err=True)
            raise SystemExit(1)
        click.echo(f"up to date: {', '.join(pages)} ({len(discover(tasks_dir))} task folders)")
        return
    docs_dir.mkdir(parents=True, exist_ok=True)
    for name in stale:
        target = docs_dir / name
        temporary = target.with_suffix(target.suffix + ".tmp")
        temporary.write_text(pages[name], encoding="utf-8")
        temporary.replace(target)  # whole or not at all
    click.echo(f"wrote {', '.join(stale) or 'nothing (already up to date)'} in {docs_dir}")
