"""Which instances a command acts on, and which samples a shard takes.

`eval`, `list` and `validate` share the filters (domain, type, metric, category, suite) and their
checks, so a typo in a filter value is the same error everywhere; `eval`, `info` and `stats` share
how a name (any case) or a task folder is found. Without named tasks, the whole catalogue means
the Dynamic-SUPERB Phase-2 suite; `--suite NAME` (or `all`) chooses another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .cards import CARD_FILE, Catalogue, Instance, Task, close_names, discover, read_card
from .errors import RunError, UsageError
from .infra.hashing import stable_int
from .paths import locate_tasks
from .vocab.suites import ALL, PHASE2, check_suite


@dataclass(frozen=True)
class Filters:
    domain: str | None = None
    task_type: str | None = None
    metric: str | None = None
    category: str | None = None
    include_unconfirmed: bool = False  # instances whose card says `status: unconfirmed`
    suite: str | None = None  # a suite's name, or "all"; None: any (named tasks), else Phase 2

    def check(self) -> None:
        """A value no card can hold (a typo) is an error, not an empty selection."""
        from .infra.schemas import load_schema
        from .taxonomy import load_taxonomy
        from .vocab import metrics

        defs = load_schema("task")["$defs"]
        known = {"domain": defs["domain"]["enum"], "type": defs["task_type"]["enum"],
                 "metric": metrics.names(), "category": list(load_taxonomy().categories)}
        given = {"domain": self.domain, "type": self.task_type, "metric": self.metric,
                 "category": self.category}
        for option, value in given.items():
            if value is not None and value not in known[option]:
                close = close_names(value, known[option], limit=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise UsageError(f"--{option} {value!r} is not one of: {', '.join(known[option])}{hint}")
        problem = check_suite(self.suite) if self.suite is not None else None
        if problem:
            raise UsageError(problem)

    def keeps(self, instance: Instance) -> bool:
        return ((not self.domain or self.domain in instance.domains)
                and (not self.task_type or instance.type == self.task_type)
                and (not self.metric or instance.metric == self.metric)
                and (not self.category or instance.category == self.category)
                and (self.suite in (None, ALL) or instance.suite == self.suite)
                and (self.include_unconfirmed or instance.confirmed))

    @property
    def any(self) -> bool:
        return any((self.domain, self.task_type, self.metric, self.category, self.suite))


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """`"2/4"` -> (2, 4): the second of four shards (1-based, as array jobs usually number)."""
    if not text:
        return None
    index, slash, count = text.partition("/")
    try:
        index, count = int(index), int(count)
    except ValueError:
        index = count = 0
    if not slash or count < 1 or not 1 <= index <= count:
        raise UsageError(f"--shard expects i/n with 1 <= i <= n (e.g. 1/4), found {text!r}")
    return index, count


def shard_of(instance: str, file: str, count: int) -> int:
    """Which shard (1..count) a sample belongs to: a stable hash, the same on every machine."""
    return stable_int(instance, file) % count + 1


def in_shard(instance: str, file: str, shard: tuple[int, int] | None) -> bool:
    return shard is None or shard_of(instance, file, shard[1]) == shard[0]


def task_folders(path: Path, keep_cardless: bool = False) -> list[Path]:
    """A task folder or card as given; a folder of task folders (e.g. demo/tasks) as its tasks
    (with `keep_cardless`, also the folders in it that lack a card, for validation to report)."""
    path = Path(path)
    if path.is_dir() and not (path / CARD_FILE).exists():
        inner = discover(path)
        if any((folder / CARD_FILE).is_file() for folder in inner):
            return inner if keep_cardless else [f for f in inner if (f / CARD_FILE).is_file()]
    return [path]


def select_instances(tasks: Iterable[str] = (), tasks_dir: Path | None = None, filters: Filters | None = None,
                     warn: Callable[[str], None] | None = None) -> list[Instance]:
    """Instances to run: named tasks or instances (or task folders / cards given as paths), filtered.
    `warn` hears of each card the whole catalogue holds but cannot run (a named one is an error)."""
    filters = filters or Filters()
    filters.check()
    names, folders = [], []
    tasks = [entry.strip() for entry in tasks if entry.strip()]
    for entry in tasks:
        path = Path(entry)
        if path.exists():
            folders.append(path)
        elif "/" in entry or entry.endswith(".yaml"):
            raise RunError(f"--tasks {entry}: no such task folder or card")
        else:
            names.append(entry)
    if tasks_dir is not None and not Path(tasks_dir).is_dir():
        raise UsageError(f"--tasks-dir {tasks_dir}: no such folder")
    catalogue = Catalogue.load(tasks_dir)
    chosen: list[Instance] = []
    for folder in (task for path in folders for task in task_folders(path)):
        card = read_card(folder)
        if card.task is None:
            raise RunError(f"cannot read task {folder}: {card.problem}")
        chosen.extend(card.task.instances)
    for name in names:
        chosen.extend(_named(catalogue, name, tasks_dir))
    if not tasks:
        chosen = list(catalogue.instances())
        for card in catalogue.broken if warn is not None else ():
            warn(f"warning: left out, its card is broken: {card.problem} (run `dsuperb validate`)")
        if filters.suite is None:  # the whole catalogue: Dynamic-SUPERB Phase 2, not its siblings
            filters = replace(filters, suite=PHASE2)
    unique: dict[str, Instance] = {}
    for inst in chosen:
        if filters.keeps(inst):
            unique.setdefault(inst.name, inst)
    asked = replace(filters, include_unconfirmed=True)
    unconfirmed = sorted({inst.name for inst in chosen if not inst.confirmed and asked.keeps(inst)})
    if not unique and unconfirmed and not filters.include_unconfirmed:
        shown = ", ".join(unconfirmed[:3]) + (", ..." if len(unconfirmed) > 3 else "")
        raise UsageError(f"the selection holds only unconfirmed instances ({shown}); add "
                         "--include-unconfirmed to run them")
    return list(unique.values())


def _named(catalogue: Catalogue, name: str, tasks_dir: Path | None) -> list[Instance]:
    """The instances a task or instance name stands for (any case)."""
    task, instance = lookup(catalogue, name, tasks_dir)
    return [instance] if instance is not None else list(task.instances)


def lookup(catalogue: Catalogue, name: str, tasks_dir: Path | None = None) -> tuple[Task, Instance | None]:
    """The task a task or instance name (any case) stands for, and the instance when it names one.

    A name no card holds is a RunError that names the catalogue searched and close names."""
    task = catalogue.task(name) or catalogue.task_folded(name)
    if task is not None:
        return task, None
    instance = catalogue.instance(name) or catalogue.instance_folded(name)
    if instance is not None:
        return catalogue.task(instance.task), instance
    broken = catalogue.broken_card(name)
    if broken is not None:
        raise RunError(f"task {name} cannot be used: its card is broken ({broken.problem})")
    known = [task.name for task in catalogue.tasks] + [inst.name for inst in catalogue.instances()]
    close = close_names(name, known)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    where = locate_tasks(tasks_dir).describe()
    raise RunError(f"no task or instance named {name!r} in {where}; {hint}see `dsuperb list`, or give "
                   "the path of a task folder")


def find_task(entry: str, tasks_dir: Path | None = None) -> tuple[Task, Instance | None]:
    """What `info` and `stats` act on: a task folder or card path, or a task or instance name (any
    case) in the catalogue (`locate_tasks`)."""
    path = Path(entry)
    if path.exists():
        card = read_card(path)
        if card.task is None:
            raise RunError(f"cannot read task {entry}: {card.problem}")
        return card.task, None
    if "/" in entry or entry.endswith(".yaml"):
        raise RunError(f"{entry}: no such task folder or card")
    location = locate_tasks(tasks_dir)
    if not location.path.is_dir():
        raise UsageError(f"no tasks folder at {location.path}")
    return lookup(Catalogue.load(location.path), entry, tasks_dir)
