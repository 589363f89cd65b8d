"""Read run folders: results.json, scored/<instance>.jsonl and run_card.json.

The layout is the runner's contract (docs/architecture.md, "Run folder"). Every problem with a
folder the user points at becomes a `ReportError` naming the file (and line) and what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

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
            self._rows[instance] = read_jsonl(path) if path.is_file() else None
        return self._rows[instance]


def load_run(path: Path) -> Run:
    path = Path(path)
    if not path.is_dir():
        raise ReportError(f"{path}: no such run folder")
    results_path = path / RESULTS
    if not results_path.is_file():
        raise ReportError(f"{path}: not a run folder (no {RESULTS} in it); make one with `dsuperb eval`")
    data = _read_json(results_path)
    if not isinstance(data, dict) or not isinstance(data.get("instances"), dict):
        raise ReportError(f"{results_path}: expected an object with an 'instances' mapping")
    model = data.get("model") if isinstance(data.get("model"), dict) else {}
    instances = {name: _instance(results_path, name, item) for name, item in data["instances"].items()}
    run_card_path = path / RUN_CARD
    run_card = _read_json(run_card_path) if run_card_path.is_file() else None
    return Run(path=path, model=model, control=data.get("control"), instances=instances, run_card=run_card,
               complete=data.get("complete") is not False)


def _instance(where: Path, name: str, item) -> InstanceResult:
    if not isinstance(item, dict):
        raise ReportError(f"{where}: instances.{name}: expected an object, found {type(item).__name__}")
    status = str(item.get("status", OK))
    for key in ("task",):
        if not isinstance(item.get(key), str) or not item[key]:
            raise ReportError(f"{where}: instances.{name}.{key}: missing or not text")
    value, normalised = _number(where, name, item, "value"), _number(where, name, item, "normalised")
    domains = item.get("domains") or []
    if isinstance(domains, str):
        domains = [domains]
    return InstanceResult(
        name=name,
        task=item["task"],
        domains=tuple(str(d) for d in domains),
        category=str(item.get("category") or "uncategorised"),
        type=str(item.get("type") or ""),
        metric=item.get("metric"),
        value=value,
        normalised=normalised,
        higher_is_better=item.get("higher_is_better"),
        na_rate=_number(where, name, item, "na_rate"),
        count=int(_number(where, name, item, "count") or 0),
        errors=int(_number(where, name, item, "errors") or 0),
        status=status,
        message=str(item.get("message") or ""),
    )


def _number(where: Path, name: str, item: dict, key: str) -> float | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ReportError(f"{where}: instances.{name}.{key}: expected a number, found {value!r}")
    return float(value)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot read ({exc})") from None


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ReportError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
                if not isinstance(row, dict):
                    raise ReportError(f"{path}:{number}: expected a JSON object per line")
                rows.append(row)
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot read ({exc})") from None
    return rows


def label_runs(runs: list[Run]) -> None:
    """Give each run a short unique label: the model id (+ control), else the folder name."""
    wanted = [r.model_id + (f" [{r.control}]" if r.control else "") for r in runs]
    for run, label in zip(runs, wanted, strict=True):
        run.label = label if wanted.count(label) == 1 else str(run.path)
    labels = [r.label for r in runs]
    if len(set(labels)) != len(labels):
        dupes = sorted({label for label in labels if labels.count(label) > 1})
        raise ReportError(f"the same run folder is given more than once: {', '.join(dupes)}")
