"""From instances up: tasks, categories, domains and the overall score, in the taxonomy's order.

A task averages its instances; a category its tasks; a domain its categories (each the mean of
its tasks in that domain, so a category with many tasks does not outweigh the others); the
overall score its domains. A model that lacks some tasks (`--min-common`, `--union`) is averaged
over the ones it has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..errors import ReportError
from ..runfolder.records import InstanceResult
from ..taxonomy import TaxonomyError, load_taxonomy
from .aggregate import Cell, combine, mean_estimate, pooled_na_rate


def build_tasks(instances: Sequence[str], meta: dict[str, InstanceResult]) -> list[dict]:
    """One entry per task over these instances, in the taxonomy's order."""
    by_task: dict[str, list[str]] = {}
    for name in instances:
        by_task.setdefault(meta[name].task, []).append(name)
    tasks = []
    for task, names in by_task.items():
        results = [meta[n] for n in names]
        metrics = sorted({str(r.metric) for r in results})
        domains = list(dict.fromkeys(d for r in results for d in r.domains)) or ["unknown"]
        category = Counter(r.category for r in results).most_common(1)[0][0]
        higher = {r.higher_is_better for r in results}
        tasks.append({
            "task": task, "domains": domains, "category": category,
            "metric": metrics[0] if len(metrics) == 1 else "mixed",
            "higher_is_better": higher.pop() if len(higher) == 1 else None,
            "instances": names, "raw_metric": len(metrics) == 1,
        })
    return sorted(tasks, key=lambda t: (category_rank(t["category"], [t]), t["task"]))


def group(tasks: Sequence[dict], level: str) -> dict[str, list[str]]:
    """Task names per category (`level` "categories"), per domain ("domains") or per the survey's
    dimension ("dimensions"), in order."""
    if level == "categories":
        keys, rank = (lambda t: [t["category"]]), (lambda c: category_rank(c, tasks))
    elif level == "dimensions":
        keys, rank = (lambda t: [dimension_of(t["category"])]), dimension_rank
    else:
        keys, rank = (lambda t: t["domains"]), domain_rank
    groups: dict[str, list[str]] = {}
    for task in tasks:
        for key in keys(task):
            groups.setdefault(key, []).append(task["task"])
    return {g: groups[g] for g in sorted(groups, key=rank)}


def categories_of(names: Sequence[str], tasks: Sequence[dict]) -> dict[str, list[str]]:
    """The tasks among `names` by category."""
    members = set(names)
    categories: dict[str, list[str]] = {}
    for task in tasks:
        if task["task"] in members:
            categories.setdefault(task["category"], []).append(task["task"])
    return dict(sorted(categories.items()))


def summarise(task_cells: dict[str, Cell], tasks: Sequence[dict], categories: dict[str, list[str]],
              domains: dict[str, list[str]]) -> tuple[dict[str, Cell], dict[str, Cell], Cell | None]:
    """(category cells, domain cells, overall cell) of one model from its task cells; a group
    none of whose tasks the model has gets no cell."""
    category_cells = {}
    for name, names in categories.items():
        have = [task_cells[n] for n in names if n in task_cells]
        if have:
            category_cells[name] = combine(have, n_tasks=len(have))
    domain_cells = grouped_cells(task_cells, tasks, domains)
    return category_cells, domain_cells, overall(domain_cells, task_cells)


def grouped_cells(task_cells: dict[str, Cell], tasks: Sequence[dict],
                  groups: dict[str, list[str]]) -> dict[str, Cell]:
    """A model's cell per domain (or survey dimension): the mean of its categories' means there,
    so a category with many tasks does not outweigh the others."""
    out = {}
    for name, names in groups.items():
        parts = [combine([task_cells[n] for n in members if n in task_cells])
                 for members in categories_of(names, tasks).values() if any(n in task_cells for n in members)]
        if parts:
            out[name] = combine(parts, n_tasks=sum(n in task_cells for n in names))
    return out


def overall(domain_cells: dict[str, Cell], task_cells: dict[str, Cell]) -> Cell | None:
    """The mean of the domain scores (bootstrap replicates averaged draw by draw); counts over
    the tasks themselves, so a task in two domains counts once."""
    if not domain_cells:
        return None
    cells = list(task_cells.values())
    return Cell(score=mean_estimate([cell.score for cell in domain_cells.values()]),
                na_rate=pooled_na_rate(cells), count=sum(c.count for c in cells),
                errors=sum(c.errors for c in cells), n_tasks=len(cells))


# Display order comes from the taxonomy (schemas/taxonomy.json): its domains in order, categories
# under their domain in the order listed there; names it lacks follow, by name.
def _taxonomy():
    try:
        return load_taxonomy()
    except TaxonomyError as exc:
        raise ReportError(str(exc)) from None


UNMAPPED_DIMENSION = "(not in the taxonomy)"


def dimension_of(category: str) -> str:
    return _taxonomy().dimension_of(category) or UNMAPPED_DIMENSION


def dimension_title(name: str) -> str:
    found = _taxonomy().dimensions.get(name)
    return found.title if found else name


def dimension_rank(name: str) -> tuple:
    names = list(_taxonomy().dimensions)
    return (names.index(name) if name in names else len(names), name)


def domain_rank(domain: str) -> tuple:
    domains = list(_taxonomy().domains)
    return (domains.index(domain) if domain in domains else len(domains), domain)


def category_rank(category: str, tasks: Sequence[dict]) -> tuple:
    """A category the taxonomy lacks goes under the first domain of its first task."""
    taxonomy = _taxonomy()
    names = list(taxonomy.categories)
    if category in taxonomy.categories:
        return (domain_rank(taxonomy.domain_of(category)), names.index(category), category)
    domain = next(t["domains"][0] for t in tasks if t["category"] == category)
    return (domain_rank(domain), len(names), category)
