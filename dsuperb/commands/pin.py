"""`dsuperb pin`: write the current hub commit into unpinned instances, and check pinned ones."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .. import paths
from ..cards import Card, Catalogue, read_card
from ..selection import lookup, task_folders
from .common import fail, format_option, tasks_dir_option


@click.command()
@click.argument("names", nargs=-1)
@tasks_dir_option
@click.option("--dry-run", is_flag=True, help="Resolve and check, but write nothing into the cards.")
@format_option("text", "json")
def pin(names, tasks_dir, dry_run, output_format):
    """Pin each unpinned instance of TASK... (task or instance names, or task folders; default: every
    task) to its repository's current commit, keeping the card's comments and order, and check that
    every pinned commit exists. Needs the hub (HF_ENDPOINT is honoured; HF_HUB_OFFLINE must be unset).

    Names are looked up in the dsuperb repository you stand in (found from the current directory
    upward), or in --tasks-dir; a task folder given as a path is pinned wherever it is.

    Exit status: 0 when every instance is pinned to a commit that exists, 1 when some are not.
    """
    from ..pinning import PINNED, PROBLEM, hub_api, pin_cards

    selected = _selection(names, tasks_dir, dry_run)
    api = hub_api()
    outcomes = []
    for outcome in pin_cards(selected, api, write=not dry_run):
        outcomes.append(outcome)
        if output_format == "text":
            click.echo(outcome.format())
    counts = {kind: sum(o.outcome == kind for o in outcomes) for kind in (PINNED, "exists", PROBLEM)}
    if output_format == "json":
        click.echo(json.dumps({"counts": counts, "dry_run": dry_run,
                               "instances": [o.__dict__ for o in outcomes]}, indent=2))
    else:
        verb = "would pin" if dry_run else "pinned"
        click.echo(f"{verb} {counts[PINNED]}, {counts['exists']} pinned commit(s) exist, "
                   f"{counts[PROBLEM]} problem(s)")
    raise SystemExit(1 if counts[PROBLEM] else 0)


def _selection(names, tasks_dir, dry_run: bool) -> list[tuple[Card, set[str] | None]]:
    """(card, the instance names to pin there, or None for all) for each card the names stand for."""
    chosen: dict[Path, tuple[Card, set[str] | None]] = {}

    def add(card: Card, instances: set[str] | None) -> None:
        previous = chosen.get(card.path, (card, set()))[1]
        merged = None if previous is None or instances is None else previous | instances
        chosen[card.path] = (card, merged)

    catalogue = None
    for name in names:
        if Path(name).exists():  # a task folder, its card, or a folder of task folders
            for folder in task_folders(Path(name)):
                card = read_card(folder)
                if card.task is None:
                    fail(f"cannot pin {name}: {card.problem}")
                add(card, None)
            continue
        if "/" in name or name.endswith(".yaml"):
            fail(f"{name}: no such task folder or card")
        catalogue = catalogue or _catalogue(tasks_dir, dry_run)
        task, instance = lookup(catalogue, name, tasks_dir)
        card = next(card for card in catalogue.cards if card.task is task)
        add(card, {instance.name} if instance else None)
    if not names:
        catalogue = _catalogue(tasks_dir, dry_run)
        if catalogue.broken:
            fail(f"cannot pin a broken card: {catalogue.broken[0].problem}")
        if not catalogue.cards:
            fail(f"no task cards to pin in {paths.locate_tasks(tasks_dir).describe()}")
        for card in catalogue.cards:
            add(card, None)
    return list(chosen.values())


def _catalogue(tasks_dir, dry_run: bool) -> Catalogue:
    """The cards names are looked up in: pinning writes into them, so never the installed copy (a
    dry run only reads, and may)."""
    root = paths.tasks_dir_or_default(tasks_dir) if dry_run else paths.writable_tasks_dir(tasks_dir, "pin")
    if not root.is_dir():
        fail(f"no tasks folder at {root}")
    return Catalogue.load(root)
