"""Open a finished (or interrupted) run folder for reading: results.json, the run card and,
on demand, each instance's scored rows. Every problem is a StoreError naming the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import StoreError
from ..infra.jsonfiles import read_json, read_jsonl
from ..infra.schemas import first_error
from .layout import RunFolder
from .records import InstanceResult, Results

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
            self._rows[instance] = list(read_jsonl(path)) if path.is_file() else None
        return self._rows[instance]


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
    document = read_json(folder.results)
    problem = first_error(document, "results")
    if problem is not None:
        raise StoreError(f"{folder.results}: {problem} (not a results.json that `dsuperb eval` writes)")
    results = Results.from_json(document)
    for result in results.instances.values():
        result.category = result.category or UNCATEGORISED
        result.message = result.message or ""
    card = read_json(folder.card) if folder.card.is_file() else None
    return Run(path=folder.path, results=results, run_card=card)
