"""The leaderboard order: models by overall score (the mean of their domain scores), best first.

The `random` baseline (`dsuperb eval --model random`) is the chance level: it stays in the tables
as a reference row and a line in the plots, without a rank. Control runs (`--control`) are
diagnostics of another run and get no rank either.
"""

from __future__ import annotations

from .load import Run

CHANCE_MODEL = "random"


def is_chance(run: Run) -> bool:
    return run.model_id == CHANCE_MODEL and not run.control


def ranked(models: list[dict]) -> list[dict]:
    """The model entries sorted by overall score (best first, ties in the order given, no score
    last), each with its `rank` (None for the chance level and control runs)."""
    def key(entry: dict):
        score = (entry.get("overall") or {}).get("score")
        return (score is None, -(score or 0.0))

    out = sorted(models, key=key)
    rank = 0
    for entry in out:
        scored = (entry.get("overall") or {}).get("score") is not None
        rankable = scored and not entry["chance"] and not entry["control"]
        if rankable:
            rank += 1
        entry["rank"] = rank if rankable else None
    return out
