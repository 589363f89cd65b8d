"""Read run folders: results.json, scored/<instance>.jsonl and run_card.json.

The layout is the runner's contract (docs/architecture.md, "Run folder"). Every problem with a
folder the user points at becomes a `ReportError` naming the file (and line) and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..store import StoreError, read_json, read_jsonl

RESULTS = "results.json"
RUN_CARD = "run_card.json"
SCORED_DIR = "scored"
OK = "ok"


class ReportError(Exception):
    """A run folder or an option the report cannot use; the message is for the user."""


@dataclass(frozen=True)
class InstanceResult:
    """One instance's line of results.json."""

    name: str
    task: str
    domains: tuple[str, ...]
    category: str
    type: str
    metric: str | None
    value: float | None
    normalised: float | None
    higher_is_better: bool | None
    na_rate: float | None
    count: int
    errors: int
    status: str
    message: str


@dataclass
class Run:
    """One run folder: who ran (model, control) and what came out per instance."""

    path: Path
    model: dict
    control: str | None
    instances: dict[str, InstanceResult]
    run_card: dict | None = None
    complete: bool = True
    label: str = ""
    _rows: dict[str, list[dict] | None] = field(default_factory=dict, repr=False)

    @property
    def model_id(self) -> str:
        return str(self.model.get("id") or self.path.name)

    def scored_path(self, instance: str) -> Path:
        return self.path / SCORED_DIR / f"{instance}.jsonl"

    def rows(self, instance: str) -> list[dict] | None:
        """The instance's scored rows, or None when the run folder has no scored file for it."""
        if instance not in self._rows:
            path = self.scored_path(instance)
            self._rows[instance] = read_scored(path) if path.is_file() else None
        return self._rows[instance]


def load_run(path: Path) -> Run:
    path = Path(path)
    if not path.is_dir():
        raise ReportError(f"{path}: no such run folder")
    results_path = path / RESULTS
    if not results_path.is_file():
        if (path / RUN_CARD).is_file():
            raise ReportError(f"{path}: no {RESULTS} yet (the run stopped before its first instance was "
                              "scored); run the same `dsuperb eval` command again to continue it")
        raise ReportError(f"{path}: not a run folder (no {RESULTS} in it); make one with `dsuperb eval`")
    data = _read_json(results_path)
    _check_schema(results_path, data)
    instances = {name: _instance(name, item) for name, item in data["instances"].items()}
    run_card_path = path / RUN_CARD
    run_card = _read_json(run_card_path) if run_card_path.is_file() else None
    return Run(path=path, model=data["model"], control=data["control"], instances=instances,
               run_card=run_card, complete=data.get("complete", True))


def _check_schema(path: Path, data) -> None:
    """results.json against schemas/results.schema.json, the runner's contract: one line naming
    the first wrong field."""
    import jsonschema

    from ..paths import load_schema

    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(load_schema("results")).iter_errors(data))
    if error is not None:
        where = ".".join(str(part) for part in error.absolute_path) or "top level"
        message = error.message if len(error.message) <= 200 else error.message[:200] + "..."
        raise ReportError(f"{path}: {where}: {message} (not a results.json that `dsuperb eval` writes)")


def _instance(name: str, item: dict) -> InstanceResult:
    """One instance's record; the schema has already checked every field's type."""
    return InstanceResult(
        name=name,
        task=item["task"],
        domains=tuple(item["domains"]),
        category=item["category"] or "uncategorised",
        type=item["type"],
        metric=item["metric"],
        value=item["value"],
        normalised=item["normalised"],
        higher_is_better=item["higher_is_better"],
        na_rate=item["na_rate"],
        count=item["count"],
        errors=item["errors"],
        status=item["status"],
        message=item["message"] or "",
    )


def _read_json(path: Path):
    try:
        return read_json(path)
    except StoreError as exc:
        raise ReportError(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot read ({exc})") from None


def read_scored(path: Path) -> list[dict]:
    """A scored file's rows; ReportError naming the file (and line) when it cannot be used."""
    try:
        return list(read_jsonl(path))
    except StoreError as exc:
        raise ReportError(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot read ({exc})") from None


def label_runs(runs: list[Run]) -> None:
    """Give each run a short unique label: the model id (+ control), else the folder name."""
    wanted = [r.model_id + (f" [{r.control}]" if r.control else "") for r in runs]
    for run, label in zip(runs, wanted, strict=True):
        run.label = label if wanted.count(label) == 1 else str(run.path)
    labels = [r.label for r in runs]
    if len(set(labels)) != len(labels):
        dupes = sorted({label for label in labels if labels.count(label) > 1})
        raise ReportError(f"the same run folder is given more than once: {', '.join(dupes)}")
