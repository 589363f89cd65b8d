"""`dsuperb docs`: regenerate what is built from the cards: docs/TASKS.md, docs/taxonomy.md, and
each task's README.md (written once from its card, then only its datasets table is refreshed)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import paths
from ..cards import Catalogue, discover, display_path
from ..findings import has_errors
from ..infra.jsonfiles import write_text_atomic
from ..taxonomy import load_taxonomy
from .common import fail, tasks_dir_option

SHOWN_STALE = 5


@click.command()
@tasks_dir_option
@click.option("--docs-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Where the generated pages go (default: the repository's docs/).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a page is missing or out of date.")
@click.option("--exit-code", is_flag=True,
              help="Exit 1 when a page was written (the pre-commit hook: the commit stops until the "
                   "regenerated files are added, new ones included).")
def docs(tasks_dir, docs_dir, check, exit_code):
    """Regenerate docs/TASKS.md, docs/taxonomy.md and the task READMEs from the cards.

    A task without a README.md gets one in the Phase-2 documentation sections; a README that
    exists keeps its text, and only the table between its `dsuperb:datasets` markers is
    refreshed from the card. Works in the dsuperb repository you stand in (found from the
    current directory upward), or on --tasks-dir and --docs-dir."""
    from ..catalogue_docs import generated_pages, readme_updates, stale_pages

    tasks_dir = paths.writable_tasks_dir(tasks_dir, "docs")
    docs_dir = paths.docs_dir_for(docs_dir, "docs")
    if not tasks_dir.is_dir():
        fail(f"no tasks folder at {tasks_dir}")
    catalogue = Catalogue.load(tasks_dir)
    unreadable = [card for card in catalogue.cards if card.task is None or has_errors(card.findings)]
    if unreadable:
        fail(f"cannot describe every task: {unreadable[0].problem} (run `dsuperb validate`)")
    taxonomy = load_taxonomy()
    pages = generated_pages(catalogue, taxonomy, docs_dir, tasks_dir)
    stale = [docs_dir / name for name in stale_pages(pages, docs_dir)]
    readmes = readme_updates(catalogue, taxonomy, docs_dir)
    if check:
        outdated = stale + list(readmes)
        if outdated:
            shown = ", ".join(display_path(path) for path in outdated[:SHOWN_STALE])
            more = f" and {len(outdated) - SHOWN_STALE} more" if len(outdated) > SHOWN_STALE else ""
            click.echo(f"out of date: {shown}{more}; run `dsuperb docs` to regenerate", err=True)
            raise SystemExit(1)
        click.echo(f"up to date: {', '.join(pages)} and {len(catalogue.tasks)} task README(s) "
                   f"({len(discover(tasks_dir))} task folders)")
        return
    writes = {path: pages[path.name] for path in stale} | readmes
    for target, text in writes.items():
        try:
            write_text_atomic(target, text)  # whole or not at all
        except OSError as exc:  # a read-only checkout, a file where a folder belongs: the user's to fix
            fail(f"cannot write {display_path(target)}: {exc.strerror or exc}")
    written = [path.name for path in stale] + ([f"{len(readmes)} task README(s)"] if readmes else [])
    click.echo(f"wrote {', '.join(written) or 'nothing (already up to date)'} "
               f"(pages in {display_path(docs_dir)}, READMEs in {display_path(tasks_dir)})")
    if exit_code and writes:
        click.echo("regenerated from the cards: `git add` them and commit again", err=True)
        raise SystemExit(1)
