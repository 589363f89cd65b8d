"""The names inside a run folder, and the folder's own name."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..infra.hashing import sha256_text
from ..vocab.prompts import DIRECT
from ..vocab.variants import Analysis

CARD_FILE = "run_card.json"
RESULTS_FILE = "results.json"
PREDICTIONS = "predictions"
SCORED = "scored"


def folder_name(model_id: str, control: str | None = None, shard: tuple[int, int] | None = None,
                extra: tuple[str, ...] = ()) -> str:
    """`Qwen/Qwen2-Audio-7B-Instruct` -> `Qwen__Qwen2-Audio-7B-Instruct[__silence][__X][__shard-1-of-4]`,
    X for each of `extra`: what else makes the run its own (`cot`, `sys-<hash>`, `instructions-3`)."""
    slug = re.sub(r"[^A-Za-z0-9._+-]+", "_", model_id.strip().strip("/").replace("/", "__")).strip("_.")
    name = slug or "model"
    if control:
        name += f"__{control}"
    for part in extra:
        name += f"__{part}"
    if shard:
        name += f"__shard-{shard[0]}-of-{shard[1]}"
    return name


def extra_parts(prompt_strategy: str, system_prompt: str | None,
                analysis: Analysis | None) -> tuple[str, ...]:
    """What a run folder's name adds for the prompt and the analysis (`folder_name`'s `extra`): a
    step-by-step run, a system prompt (by a short hash of its text), an analysis and its K."""
    parts = [] if prompt_strategy == DIRECT else [prompt_strategy]
    if system_prompt is not None:
        parts.append(f"sys-{sha256_text(system_prompt)[:8]}")
    if analysis is not None:
        parts.append(analysis.folder_suffix)
    return tuple(parts)


@dataclass(frozen=True)
class RunFolder:
    path: Path

    @property
    def card(self) -> Path:
        return self.path / CARD_FILE

    @property
    def results(self) -> Path:
        return self.path / RESULTS_FILE

    @property
    def predictions_dir(self) -> Path:
        return self.path / PREDICTIONS

    def predictions(self, instance: str) -> Path:
        return self.path / PREDICTIONS / f"{instance}.jsonl"

    def scored(self, instance: str) -> Path:
        return self.path / SCORED / f"{instance}.jsonl"

    def has_predictions(self) -> bool:
        folder = self.predictions_dir
        return folder.is_dir() and any(folder.iterdir())

    def holds_run(self) -> bool:
        return self.card.exists() or self.predictions_dir.exists()

    def clear(self) -> None:
        """Remove what a run wrote here (for --overwrite); anything else in the folder stays."""
        for name in (PREDICTIONS, SCORED):
            shutil.rmtree(self.path / name, ignore_errors=True)
        for name in (RESULTS_FILE, CARD_FILE):
            (self.path / name).unlink(missing_ok=True)
