"""Open a finished (or interrupted) run folder for reading: results.json, the run card and,
on demand, each instance's scored rows. Every problem is a StoreError naming the file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import StoreError
from ..infra.jsonfiles import read_jsonl
from ..vocab.metrics import JUDGED
from .layout import RunFolder
from .records import InstanceResult, Results, read_checked, read_results
from .runcard import describe_provenance

UNCATEGORISED = "uncategorised"


@dataclass
class Run:
    """One run folder: who ran (model, control) and what came out per instance."""

    path: Path
    results: Results
    run_card: dict | None = None
    label: str = ""
    _rows: dict[str, list[dict] | None] = field(default_factory=dict, repr=False)

    @property
    def model(self) -> dict:
        return self.results.model

    @property
    def control(self) -> str | None:
        return self.results.control

    @property
    def complete(self) -> bool:
        return self.results.complete

    @property
    def instances(self) -> dict[str, InstanceResult]:
        return self.results.instances

    @property
    def model_id(self) -> str:
        return str(self.model.get("id") or self.path.name)

    def scored_path(self, instance: str) -> Path:
        return RunFolder(self.path).scored(instance)

    def rows(self, instance: str) -> list[dict] | None:
        """The instance's scored rows, or None when the run folder has no scored file for it."""
        if instance not in self._rows:
            path = self.scored_path(instance)
            self._rows[instance] = read_scored(path) if path.is_file() else None
        return self._rows[instance]

    def release(self, instance: str) -> None:
        """Forget the instance's rows (a report over many runs reads them instance by instance)."""
        self._rows.pop(instance, None)

    @cached_property
    def provenance(self) -> dict:
        """The run card's provenance (None fields where the card, or an older card, lacks them)."""
        return describe_provenance(self.run_card)

    def judges(self, instances) -> list[dict]:
        """The distinct judges (id, prompt_hash) that scored these instances, as results.json
        records them; the run card's judge when none of them records one but one needed a judge."""
        found = {}
        for name in instances:
            judge = self.instances[name].judge if name in self.instances else None
            if judge:
                found[(judge.get("id"), judge.get("prompt_hash"))] = None
        if not found and any(self.instances[n].metric == JUDGED for n in instances if n in self.instances):
            card = (self.run_card or {}).get("judge") or {}
            if card.get("id"):
                found[(card.get("id"), card.get("prompt_hash"))] = None
        return [{"id": key[0], "prompt_hash": key[1] or ""} for key in found]


def read_scored(path: Path) -> list[dict]:
    """A scored file's rows. The whole file is parsed as one JSON array (a report reads hundreds
    of thousands of rows, and one parse is about twice as fast as one per line); anything odd
    falls back to the line-by-line reader, which names the bad line."""
    try:
        text = path.read_text(encoding="utf-8").strip()
        rows = json.loads("[" + text.replace("\n", ",") + "]") if text else []
    except (ValueError, OSError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        rows = None  # a blank line in the middle lands here too (",,"): the reader skips it
    lines = text.count("\n") + 1 if rows else 0
    if rows is None or len(rows) != lines or not all(isinstance(row, dict) for row in rows):
        return list(read_jsonl(path))
    return rows


def load_run(path: Path) -> Run:
    folder = RunFolder(Path(path))
    if not folder.path.is_dir():
        raise StoreError(f"{folder.path}: no such run folder")
    if not folder.results.is_file():
        if folder.card.is_file():
            raise StoreError(f"{folder.path}: no {folder.results.name} yet (the run stopped before its first "
                             "instance was scored); run the same `dsuperb eval` command again to continue it")
        raise StoreError(f"{folder.path}: not a run folder (no {folder.results.name} in it); make one with "
                         "`dsuperb eval`")
    results = read_results(folder.results)
    for result in results.instances.values():
        result.category = result.category or UNCATEGORISED
        result.message = result.message or ""
    card = read_checked(folder.card, "run_card") if folder.card.is_file() else None
    return Run(path=folder.path, results=results, run_card=card)
