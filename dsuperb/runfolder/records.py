"""Typed records of a run folder: a prediction row, an instance's result, and results.json.

Each converts to and from the JSON the files hold; results.json is checked against its schema
here and nowhere else, so every reader gets the same one-line message for a damaged file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..errors import StoreError
from ..infra.jsonfiles import read_json, write_json_atomic
from ..infra.schemas import first_error

OK, FAILED, SKIPPED = "ok", "failed", "skipped"


def label_key(position: int) -> str:
    """The row key of the n-th label column: label, label2, label3, ..."""
    return "label" if position == 0 else f"label{position + 1}"


@dataclass(frozen=True)
class PredictionRow:
    """One sample's answer as the predictions file stores it (`response` None when it failed)."""

    instance: str
    file: str
    instruction: str
    labels: tuple = ()
    response: str | None = None
    error: str | None = None
    variant_of: str | None = None  # an analysis row: the sample it asks again
    variant: object = None  # ... and how: the instruction, or the order of the audios
    prompt_strategy: str | None = None  # "cot": the scorer reads the final answer line only

    def to_json(self) -> dict:
        row = {"instance": self.instance, "file": self.file, "instruction": self.instruction}
        for position, value in enumerate(self.labels):
            row[label_key(position)] = value
        row["response"] = self.response
        row["error"] = self.error
        for key in ("variant_of", "variant", "prompt_strategy"):
            if getattr(self, key) is not None:
                row[key] = getattr(self, key)
        return row


@dataclass
class InstanceResult:
    """One instance's record in results.json."""

    task: str | None = None
    domains: list = field(default_factory=list)
    category: str | None = None
    type: str | None = None
    metric: str | None = None
    value: float | None = None
    normalised: float | None = None
    higher_is_better: bool | None = None
    na_rate: float | None = None
    count: int = 0
    errors: int = 0
    status: str = OK
    message: str | None = None
    judge: dict | None = None
    verdict_sources: dict | None = None  # llm_classification: rows decided by "rules" / "llm"

    @classmethod
    def of(cls, entry: dict, summary: dict | None = None, status: str = OK,
           message: str | None = None) -> InstanceResult:
        """From an instance's run-card entry and, when it was scored, the scorer's summary."""
        summary = summary or {}
        return cls(
            task=entry.get("task"), domains=list(entry.get("domains") or []), category=entry.get("category"),
            type=entry.get("type"), metric=summary.get("metric", entry.get("metric")),
            value=summary.get("value"), normalised=summary.get("normalised"),
            higher_is_better=summary.get("higher_is_better"), na_rate=summary.get("na_rate"),
            count=summary.get("count", 0), errors=summary.get("errors", 0), status=status, message=message,
            judge=summary.get("judge"), verdict_sources=summary.get("verdict_sources"),
        )

    @classmethod
    def from_json(cls, data: dict) -> InstanceResult:
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def problem(self) -> str | None:
        """Why this instance counts as failed (failed itself, or some of its samples), else None."""
        if self.status == FAILED:
            return self.message or "failed"
        if self.errors:
            count = self.count or 0
            failed = self.errors
            how_many = f"all {count} samples failed" if failed >= count else f"{failed} sample(s) failed"
            return how_many + (f": {self.message}" if self.message else "")
        return None


@dataclass
class Results:
    """results.json: the run's identity and one record per instance."""

    dsuperb_version: str | None
    model: dict
    control: str | None
    run_card_hash: str
    instances: dict[str, InstanceResult] = field(default_factory=dict)
    seed: int | None = None
    shard: dict | None = None
    complete: bool = False
    merged_from: list | None = None

    @classmethod
    def for_card(cls, card: dict, settings_hash: str, instances: dict[str, InstanceResult],
                 complete: bool) -> Results:
        return cls(dsuperb_version=card.get("dsuperb_version"), model=card.get("model") or {},
                   control=card.get("control"), run_card_hash=settings_hash,
                   instances=dict(sorted(instances.items())), seed=card.get("seed"), shard=card.get("shard"),
                   complete=complete)

    def to_json(self) -> dict:
        document = {
            "dsuperb_version": self.dsuperb_version, "model": self.model, "control": self.control,
            "seed": self.seed, "shard": self.shard, "run_card_hash": self.run_card_hash,
            "complete": self.complete,
            "instances": {name: result.to_json() for name, result in sorted(self.instances.items())},
        }
        if self.merged_from is not None:
            document["merged_from"] = list(self.merged_from)
        return document

    @classmethod
    def from_json(cls, document: dict) -> Results:
        return cls(
            dsuperb_version=document.get("dsuperb_version"), model=document["model"],
            control=document["control"], run_card_hash=document["run_card_hash"],
            instances={name: InstanceResult.from_json(item) for name, item in document["instances"].items()},
            seed=document.get("seed"), shard=document.get("shard"), complete=document.get("complete", True),
            merged_from=document.get("merged_from"),
        )

    def failures(self) -> list[tuple[str, str]]:
        """(instance, why) for every instance that failed or has failed samples."""
        return [(name, result.problem) for name, result in self.instances.items() if result.problem]



def read_checked(path: Path, schema: str) -> dict:
    """A run-folder document (`run_card`, `results`) checked against its schema, so that a file
    edited by hand or cut short is one clear StoreError rather than a crash further on."""
    document = read_json(path)
    problem = first_error(document, schema)
    if problem is not None:
        raise StoreError(f"{path}: not a valid {schema.replace('_', ' ')} file ({problem})")
    return document


def read_results(path: Path) -> Results:
    return Results.from_json(read_checked(path, "results"))


def write_results(path: Path, results: Results) -> dict:
    document = results.to_json()
    write_json_atomic(path, document)
    return document


def first_error_of(rows: Iterable[dict]) -> str | None:
    """`first: <file>: <error>` for the first failed row, the message an instance's record carries."""
    for row in rows:
        if row.get("error"):
            return f"first: {row.get('file')}: {row['error']}"
    return None
