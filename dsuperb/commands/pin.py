"""`dsuperb pin`: write the current hub commit into unpinned instances, and check pinned ones."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .. import paths
from ..cards import Card, Catalogue, close_names, read_card
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

    Exit status: 0 when every instance is pinned to a commit that exists, 1 when some are not.
    """
    from ..pinning import PINNED, PROBLEM, hub_api, pin_cards

    root = paths.tasks_dir_or_default(tasks_dir)
    if not root.is_dir():
        fail(f"no tasks folder at {root}")
    selected = _selection(Catalogue.load(root), names)
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


def _selection(catalogue: Catalogue, names) -> list[tuple[Card, set[str] | None]]:
    """(card, the instance names to pin there, or None for all) for each name given."""
    if not names:
        broken = catalogue.broken
        if broken:
            fail(f"cannot pin a broken card: {broken[0].problem}")
        return [(card, None) for card in catalogue.cards]
    chosen: dict[Path, tuple[Card, set[str] | None]] = {}
    for name in names:
        card, instances = _card_for(catalogue, name)
        previous = chosen.get(card.path)
        if previous is None:
            merged = instances
        elif previous[1] is None or instances is None:  # a whole task was asked for
            merged = None
        else:
            merged = previous[1] | instances
        chosen[card.path] = (card, merged)
    return list(chosen.values())


def _card_for(catalogue: Catalogue, name: str) -> tuple[Card, set[str] | None]:
    if Path(name).exists():
        card = read_card(Path(name))
        if card.task is None:
            fail(f"cannot pin {name}: {card.problem}")
        return card, None
    task = catalogue.task(name) or catalogue.task_folded(name)
    instance = None if task else (catalogue.instance(name) or catalogue.instance_folded(name))
    wanted = task.name if task else (instance.task if instance else None)
    card = next((c for c in catalogue.cards if c.task is not None and c.task.name == wanted), None)
    if card is None:
        broken = catalogue.broken_card(name)
        if broken is not None:
            fail(f"cannot pin {name}: {broken.problem}")
        known = [t.name for t in catalogue.tasks] + [i.name for i in catalogue.instances()]
        close = close_names(name, known)
        fail(f"no task or instance named {name!r}" + (f"; did you mean {', '.join(close)}?" if close else ""))
    return card, ({instance.name} if instance else None)
