"""The catalogue in numbers: what `dsuperb list --summary` prints and docs/TASKS.md opens with.

Counts come from the cards only (status, origin, revision, licence fields), so the same numbers
appear in the terminal, in JSON and in the generated page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from .cards import Task
from .infra.tables import render_table

PHASES = ("phase1", "phase2")
NOT_RECORDED = "not recorded"
UNKNOWN_LICENCE = "unknown"
REDISTRIBUTION = ("allowed", "conditional", "forbidden")


@dataclass(frozen=True)
class Count:
    tasks: int
    instances: int


@dataclass(frozen=True)
class Summary:
    tasks: int
    instances: int
    confirmed: int  # instances
    unconfirmed: int
    unconfirmed_tasks: int  # tasks whose every instance is unconfirmed
    origin: dict[str, int]  # phase1 / phase2 / not recorded -> instances
    tasks_with_phase1: int
    tasks_with_phase2: int
    domains: dict[str, Count]
    types: dict[str, Count]  # an instance's own type; a task counts once per type it has
    pinned: int
    known_licence: int  # tasks
    redistribution: dict[str, int]  # tasks

    def share(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    def as_dict(self) -> dict:
        data = asdict(self)
        data["pinned_share"] = round(self.share(self.pinned, self.instances), 4)
        data["known_licence_share"] = round(self.share(self.known_licence, self.tasks), 4)
        return data


def summarise(tasks: Iterable[Task], domains: Sequence[str] = ("speech", "music", "audio")) -> Summary:
    tasks = list(tasks)
    instances = [inst for task in tasks for inst in task.instances]
    origin = dict.fromkeys((*PHASES, NOT_RECORDED), 0)
    for inst in instances:
        origin[inst.origin if inst.origin in PHASES else NOT_RECORDED] += 1
    types: dict[str, Count] = {}
    for kind in sorted({inst.type for inst in instances}):
        members = [t for t in tasks if any(i.type == kind for i in t.instances)]
        types[kind] = Count(len(members), sum(inst.type == kind for inst in instances))
    redistribution = dict.fromkeys((*REDISTRIBUTION, NOT_RECORDED), 0)
    for task in tasks:
        redistribution[task.redistribution if task.redistribution in REDISTRIBUTION else NOT_RECORDED] += 1
    unconfirmed = sum(not inst.confirmed for inst in instances)
    return Summary(
        tasks=len(tasks),
        instances=len(instances),
        confirmed=len(instances) - unconfirmed,
        unconfirmed=unconfirmed,
        unconfirmed_tasks=sum(bool(t.instances) and not any(i.confirmed for i in t.instances) for t in tasks),
        origin=origin,
        tasks_with_phase1=sum(any(i.origin == "phase1" for i in t.instances) for t in tasks),
        tasks_with_phase2=sum(any(i.origin == "phase2" for i in t.instances) for t in tasks),
        domains={domain: Count(sum(domain in t.domains for t in tasks),
                               sum(len(t.instances) for t in tasks if domain in t.domains))
                 for domain in domains},
        types=types,
        pinned=sum(inst.revision is not None for inst in instances),
        known_licence=sum(task.license.strip().lower() != UNKNOWN_LICENCE for task in tasks),
        redistribution=redistribution,
    )


def _percent(summary: Summary, part: int, whole: int) -> str:
    return f"{100 * summary.share(part, whole):.1f}%"


def headline(s: Summary) -> list[tuple[str, str]]:
    """(what, how many) lines, the same in the terminal and on the page."""
    redistribution = ", ".join(f"{n} {key}" for key, n in s.redistribution.items() if n)
    return [
        ("catalogue", f"{s.tasks} tasks, {s.instances} instances"),
        ("status", f"{s.confirmed} confirmed, {s.unconfirmed} unconfirmed instances "
                   f"({s.unconfirmed_tasks} tasks wholly unconfirmed)"),
        ("origin", f"{s.origin['phase1']} instances from Phase 1 (in {s.tasks_with_phase1} tasks), "
                   f"{s.origin['phase2']} new in Phase 2 (in {s.tasks_with_phase2} tasks)"
                   + (f", {s.origin[NOT_RECORDED]} not recorded" if s.origin[NOT_RECORDED] else "")),
        ("pinned", f"{s.pinned} of {s.instances} instances ({_percent(s, s.pinned, s.instances)})"),
        ("licence", f"known for {s.known_licence} of {s.tasks} tasks "
                    f"({_percent(s, s.known_licence, s.tasks)}); redistribution: {redistribution}"),
    ]


def _breakdowns(s: Summary) -> list[tuple[str, dict[str, Count]]]:
    return [("domain", s.domains), ("type", s.types)]


def render_text(s: Summary) -> str:
    width = max(len(what) for what, _ in headline(s))
    lines = [f"{what.ljust(width)}  {text}" for what, text in headline(s)]
    for name, counts in _breakdowns(s):
        rows = [[key, count.tasks, count.instances] for key, count in counts.items()]
        lines += ["", render_table([name, "tasks", "instances"], rows)]
    return "\n".join(lines)


def render_markdown(s: Summary) -> list[str]:
    lines = [f"- **{what}**: {text}" for what, text in headline(s)]
    for name, counts in _breakdowns(s):
        lines += ["", f"| {name} | tasks | instances |", "|---|---:|---:|"]
        lines += [f"| {key} | {count.tasks} | {count.instances} |" for key, count in counts.items()]
    return lines
