"""Task cards: discover them, read them, and turn them into frozen specs.

A card is `tasks/<TaskName>/task.yaml`. Reading never executes anything (safe YAML) and never
raises for a user's mistake: problems come back as findings with the file, line and field.
Schema and rule checks live in `dsuperb.validation`; this module only needs a card to be
shaped well enough to build specs from.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from . import paths
from .findings import ERROR, Finding
from .infra.hashing import sha256_bytes
from .vocab.audio_order import AudioOrder
from .vocab.inputs import CARD_FIELDS, InputKind
from .vocab.suites import PHASE2
from .yamlfile import YamlDocument, YamlError, parse_bytes

CARD_FILE = "task.yaml"
CONFIRMED, UNCONFIRMED = "confirmed", "unconfirmed"
PARAPHRASES = "paraphrases"  # instruction_pool: the distinct instructions word one question


@dataclass(frozen=True)
class Instance:
    """One dataset of a task, with the task's settings resolved (overrides applied)."""

    name: str
    task: str
    hf_path: str
    revision: str | None
    type: str
    metric: str | None
    split: str = "test"
    audio_columns: tuple[str, ...] = ("audio",)
    text_columns: tuple[str, ...] = ()
    instruction_column: str = "instruction"
    label_columns: tuple[str, ...] = ("label",)
    label_set: tuple[str, ...] | None = None
    metric_source: str | None = None
    curator_type: str | None = None
    license: str = "unknown"
    domains: tuple[str, ...] = ()
    category: str = ""
    card_hash: str = ""
    card_path: str = ""
    line: int | None = None
    aliases: tuple[str, ...] = ()  # earlier hub paths of the same repository, tried after hf_path
    status: str = CONFIRMED
    origin: str | None = None  # "phase1" or "phase2"; None where the card does not say
    license_source: str | None = None
    suite: str = PHASE2
    file_column: str | None = "file"  # None: the dataset has no id column (rows are `#<row>`)
    audio_order: AudioOrder | None = None
    instruction_pool: str = PARAPHRASES

    @property
    def confirmed(self) -> bool:
        return self.status != UNCONFIRMED

    @property
    def hub_paths(self) -> tuple[str, ...]:
        """Where the data may be, in the order to try: the current path, then earlier ones."""
        return (self.hf_path, *(path for path in self.aliases if path != self.hf_path))

    @property
    def org(self) -> str:
        return self.hf_path.split("/", 1)[0]

    @property
    def dataset_name(self) -> str:
        return self.hf_path.split("/", 1)[-1]

    @property
    def input_columns(self) -> tuple[tuple[InputKind, str], ...]:
        """Every input column with its kind, in the order a model receives them (audio, then text)."""
        return tuple((kind, column) for kind, (card_field, _) in CARD_FIELDS.items()
                     for column in getattr(self, card_field))


@dataclass(frozen=True)
class Task:
    name: str
    description: str
    domains: tuple[str, ...]
    category: str
    type: str
    metric: str | None
    keywords: tuple[str, ...]
    license: str
    references: tuple[str, ...]
    instances: tuple[Instance, ...]
    label_set: tuple[str, ...] | None = None
    metric_source: str | None = None
    curator_type: str | None = None
    notes: str = ""
    path: str = ""
    card_hash: str = ""
    license_source: str | None = None
    redistribution: str | None = None
    license_note: str = ""
    suite: str = PHASE2


@dataclass
class Card:
    """A card file as read: its raw data and lines, the spec if one could be built, and findings."""

    path: Path
    document: YamlDocument | None
    task: Task | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def data(self) -> object:
        return self.document.data if self.document else None

    def line_of(self, *where) -> int | None:
        return self.document.line_of(where) if self.document else None

    @property
    def problem(self) -> str:
        """One line saying where and why the card describes no task (for a card whose `task` is None)."""
        if self.findings:
            return self.findings[0].format()
        return (f"{display_path(self.path)}: some fields are missing or have the wrong type "
                "(`dsuperb validate` says which)")


def card_path(path: Path) -> Path:
    """A task folder or a card file -> the card file."""
    path = Path(path)
    return path / CARD_FILE if path.is_dir() else path


def discover(tasks_dir: Path | None = None) -> list[Path]:
    """Every task folder under `tasks_dir`, sorted by name (folders without a card included)."""
    root = paths.tasks_dir_or_default(tasks_dir)
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def read_card(path: Path) -> Card:
    """Read one card. Never raises for bad content; see `Card.findings`."""
    path = card_path(Path(path))
    shown = display_path(path)
    if not path.is_file():
        where = path.parent if path.name == CARD_FILE else path
        finding = Finding(ERROR, shown, "", f"no {CARD_FILE} in task folder {display_path(where)}",
                          "card.missing")
        return Card(path, None, None, [finding])
    raw = path.read_bytes()
    try:
        document = parse_bytes(raw)
    except YamlError as exc:
        return Card(path, None, None, [Finding(ERROR, shown, "", exc.message, "card.yaml", exc.line)])
    card = Card(path, document, None)
    for where, line in document.duplicate_keys:
        card.findings.append(Finding(ERROR, shown, dotted(where), "duplicate key (the later value would "
                                     "silently win)", "card.duplicate-key", line))
    for where, line in document.non_text_keys:
        card.findings.append(Finding(ERROR, shown, dotted(where), f"YAML reads the key {where[-1]!r} as a "
                                     "boolean, number or null, not a field name: quote it or remove it",
                                     "card.key-type", line))
    if not isinstance(document.data, dict):
        found = type(document.data).__name__
        card.findings.append(Finding(ERROR, shown, "", f"expected a mapping of card fields, found a {found}",
                                     "card.shape", 1))
        return card
    card.task = _build_task(document.data, shown, sha256_bytes(raw))
    return card


def _build_task(data: dict, shown: str, card_hash: str) -> Task | None:
    """Specs from card data; None when the card is too broken to describe a task.

    Values the specs rely on must have their schema's shape: a list given as a bare string would
    otherwise become a tuple of letters, and a number where text belongs would break printing.
    """
    try:
        instances_data = data.get("instances") or []
        if not isinstance(instances_data, list):
            return None
        common = {
            "task": str(data.get("name", "")),
            "domains": _strings(data.get("domains", [])),
            "category": str(data.get("category", "")),
            "card_hash": card_hash,
            "card_path": shown,
            "suite": str(data.get("suite") or PHASE2),
        }
        instances = tuple(_build_instance(item, data, common) for item in instances_data
                          if isinstance(item, dict))
        return Task(
            name=str(data.get("name", "")),
            description=str(data.get("description", "")),
            domains=common["domains"],
            category=common["category"],
            type=str(data.get("type", "")),
            metric=_text_or_none(data.get("metric")),
            keywords=_strings(data.get("keywords", [])),
            license=str(data.get("license", "unknown")),
            references=_strings(data.get("references", [])),
            instances=instances,
            label_set=_tuple_or_none(data.get("label_set")),
            metric_source=_text_or_none(data.get("metric_source")),
            curator_type=_text_or_none(data.get("curator_type")),
            notes=str(data.get("notes", "")),
            path=shown,
            card_hash=card_hash,
            license_source=_text_or_none(data.get("license_source")),
            redistribution=_text_or_none(data.get("redistribution")),
            license_note=str(data.get("license_note", "")),
            suite=common["suite"],
        )
    except (TypeError, ValueError):
        return None


def _build_instance(item: dict, task: dict, common: dict) -> Instance:
    def pick(key, default=None):
        return item[key] if key in item else task.get(key, default)

    name, hf_path = item.get("name"), item.get("hf_path")
    if not isinstance(name, str) or not isinstance(hf_path, str):
        raise ValueError("an instance needs a name and a hub path")
    return Instance(
        name=name,
        hf_path=hf_path,
        revision=_text_or_none(item.get("revision")),
        type=str(pick("type", "")),
        metric=_text_or_none(pick("metric")),
        split=str(item.get("split", "test")),
        **{name: _strings(item.get(name, list(default))) for name, default in CARD_FIELDS.values()},
        instruction_column=str(item.get("instruction_column", "instruction")),
        file_column=_text_or_none(item.get("file_column", "file")),
        label_columns=_strings(item.get("label_columns", ["label"])),
        label_set=_tuple_or_none(pick("label_set")),
        metric_source=_text_or_none(pick("metric_source")),
        curator_type=_text_or_none(pick("curator_type")),
        license=str(pick("license", "unknown")),
        aliases=_strings(item.get("aliases", [])),
        status=str(pick("status", CONFIRMED)),
        origin=_text_or_none(pick("origin")),
        license_source=_text_or_none(pick("license_source")),
        audio_order=AudioOrder.from_card(pick("audio_order")),
        instruction_pool=str(pick("instruction_pool", PARAPHRASES)),
        **common,
    )


def _strings(value) -> tuple[str, ...]:
    """A list of values as a tuple of text."""
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {type(value).__name__}")
    return tuple(str(v) for v in value)


def _text_or_none(value) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def _tuple_or_none(value) -> tuple[str, ...] | None:
    return tuple(str(v) for v in value) if isinstance(value, list) else None


def dotted(where: Iterable) -> str:
    """A place in a card as people write it: ('instances', 0, 'name') -> instances[0].name."""
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def display_path(path: Path) -> str:
    """A path relative to the working directory where possible, for messages."""
    return _display_path(str(path), os.getcwd())


@lru_cache(maxsize=4096)
def _display_path(path: str, cwd: str) -> str:
    # Cached: every finding names its file, and resolving a path costs a system call per component.
    try:
        return str(Path(path).resolve().relative_to(Path(cwd).resolve()))
    except ValueError:
        return path


def close_names(name: str, known: Iterable[str], limit: int = 5) -> list[str]:
    """Names like `name` (for "did you mean"): those containing it (any case), then near spellings."""
    import difflib

    known = list(dict.fromkeys(known))
    folded = name.lower()
    containing = [k for k in known if folded in k.lower()]
    by_case = {k.lower(): k for k in known}
    similar = [by_case[k] for k in difflib.get_close_matches(folded, list(by_case), n=limit, cutoff=0.6)]
    return list(dict.fromkeys(containing + similar))[:limit]


class Catalogue:
    """Every readable task in a tasks folder, with lookups by task and instance name."""

    def __init__(self, cards: list[Card]):
        self.cards = cards

    @classmethod
    def load(cls, tasks_dir: Path | None = None, extra: Iterable[Path] = ()) -> Catalogue:
        folders = list(discover(tasks_dir)) + [Path(p) for p in extra]
        return cls([read_card(folder) for folder in folders])

    @cached_property
    def tasks(self) -> list[Task]:
        return [card.task for card in self.cards if card.task is not None]

    @cached_property
    def broken(self) -> list[Card]:
        """Cards that describe no task (missing, unparsable, or the wrong shape)."""
        return [card for card in self.cards if card.task is None]

    def broken_card(self, task_name: str) -> Card | None:
        """The broken card in the folder named `task_name`, if that is why the task is missing."""
        return next((card for card in self.broken if card.path.parent.name == task_name), None)

    @cached_property
    def _by_task(self) -> dict[str, Task]:
        return {task.name: task for task in self.tasks}

    @cached_property
    def _by_instance(self) -> dict[str, Instance]:
        return {inst.name: inst for task in self.tasks for inst in task.instances}

    def task(self, name: str) -> Task | None:
        return self._by_task.get(name)

    def instance(self, name: str) -> Instance | None:
        return self._by_instance.get(name)

    def task_folded(self, name: str) -> Task | None:
        """The task whose name equals `name` but for case, when exactly one does."""
        found = [task for key, task in self._by_task.items() if key.lower() == name.lower()]
        return found[0] if len(found) == 1 else None

    def instance_folded(self, name: str) -> Instance | None:
        found = [inst for key, inst in self._by_instance.items() if key.lower() == name.lower()]
        return found[0] if len(found) == 1 else None

    def instances(self) -> Iterator[Instance]:
        for task in self.tasks:
            yield from task.instances
