"""Make a run folder ready to write: new, resumed (settings checked), or started afresh."""

from __future__ import annotations

from ..errors import RunError, StoreError
from ..infra.jsonfiles import write_json_atomic
from . import runcard
from .layout import RunFolder
from .records import read_checked


def settle(folder: RunFolder, card: dict, overwrite: bool = False) -> dict:
    """The run card to write for `card` in `folder`: a new folder gets it as is; a folder holding a
    run made with the same score-changing settings is resumed (the cards combined); anything else
    is a RunError unless `overwrite`, which clears what the run wrote there first."""
    if overwrite:
        folder.clear()
    elif folder.card.exists():
        try:
            old = read_checked(folder.card, "run_card")
        except StoreError as exc:
            raise RunError(f"{exc}; use --overwrite to start this run folder afresh") from None
        changed = runcard.differences(old, card)
        if changed:
            shown = runcard.shown_differences(changed)
            raise RunError(f"{folder.path} holds predictions made with other settings ({shown}); "
                           "use --overwrite to replace them, or another --output-dir")
        _refuse_a_smaller_limit(folder, old, card)
        card = runcard.combine(old, card)
    elif folder.has_predictions():
        raise RunError(f"{folder.path} holds predictions but no {folder.card.name}, so they cannot be "
                       "checked; use --overwrite to replace them, or another --output-dir")
    try:
        folder.predictions_dir.mkdir(parents=True, exist_ok=True)
        write_json_atomic(folder.card, card)
    except OSError as exc:  # read-only, no such place, a file in the way: before any sample is run
        raise RunError(f"run folder {folder.path}: cannot write there ({exc.strerror or exc}); "
                       "choose another --output-dir") from None
    return card


def _refuse_a_smaller_limit(folder: RunFolder, old: dict, new: dict) -> None:
    """A smaller --limit than an instance was run with (or one where it ran without) would score
    it on fewer samples than it ran, silently replacing its score: refused. A larger one continues.
    Each instance is held to its own limit: a folder may hold instances run with different ones."""
    def limit(card: dict, name: str) -> float:
        entry = card["instances"][name]
        # cards before per-instance limits: the card's own
        value = entry["limit"] if "limit" in entry else (card.get("execution") or {}).get("limit")
        return float("inf") if value is None else value

    shared = set(old.get("instances") or {}) & set(new.get("instances") or {})
    smaller = sorted(name for name in shared if limit(new, name) < limit(old, name))
    if smaller:
        largest = max(limit(old, name) for name in smaller)
        before = "no --limit" if largest == float("inf") else f"--limit {largest:g}"
        raise RunError(f"{folder.path} holds a run made with {before}: --limit {new['execution']['limit']} "
                       f"would score {len(smaller)} of its instance(s) on fewer samples and replace their "
                       "scores; use another --output-dir, a --limit as large, or --overwrite")
