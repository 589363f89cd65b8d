"""How numbers read in the text formats (markdown, HTML): one place, so both agree."""

from __future__ import annotations

LEVEL_TITLES = {"domains": "Domain", "categories": "Category"}


def score(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def score_with_interval(cell: dict | None) -> str:
    if not cell or cell.get("score") is None:
        return "–"
    if cell.get("ci_low") is None:
        return score(cell["score"])
    return f"{cell['score']:.1f} [{cell['ci_low']:.1f}, {cell['ci_high']:.1f}]"


def raw(value) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if abs(value) < 100 else f"{value:.1f}"


def na_and_count(cell: dict | None) -> str:
    if not cell:
        return "–"
    rate = "–" if cell.get("na_rate") is None else f"{100 * cell['na_rate']:.1f}%"
    return f"{rate} of {cell.get('count', 0)}"


def difference(test: dict) -> str:
    if test.get("diff") is None:
        return "–"
    text = f"{test['diff']:+.1f}"
    if test.get("ci_low") is not None:
        text += f" [{test['ci_low']:+.1f}, {test['ci_high']:+.1f}]"
    return text


def paired_headers(first: str, titles) -> list[str]:
    """Headers of a table of paired differences: each difference, then its p-value."""
    headers = [first]
    for title in titles:
        headers += [title, "p"]
    return headers


# A table of paired differences: (first header, column titles, [(row name, [test per column])]).
PairedTable = tuple[str, list[str], list[tuple[str, list[dict]]]]


def baseline_table(report: dict) -> PairedTable:
    """Per task, each model's difference to the baseline."""
    comparison = report["baseline"]
    others = [m["label"] for m in report["models"] if m["label"] != comparison["model"]]
    return ("Task", [f"{label} − {comparison['model']}" for label in others],
            [(row["task"], [row["models"][label] for label in others]) for row in comparison["tasks"]])


def dependence_tables(report: dict) -> list[PairedTable]:
    """Normal minus control for each pair of runs: over all tasks and per domain, then per task."""
    entries = report["audio_dependence"]
    titles = [f"{entry['normal']} − {entry['control']}" for entry in entries]
    first = entries[0]  # every entry lists the same domains and tasks, in the same order
    domains = [("all tasks", [entry["overall"] for entry in entries])]
    domains += [(row["name"], [entry["domains"][i] for entry in entries])
                for i, row in enumerate(first["domains"])]
    tasks = [(row["task"], [entry["tasks"][i] for entry in entries]) for i, row in enumerate(first["tasks"])]
    return [("Domain", titles, domains), ("Task", titles, tasks)]


DEPENDENCE_NOTE = ("Each model's score minus its score with the audio replaced (`dsuperb eval --control`), "
                   "with the paired-bootstrap interval: near zero means the answers do not depend on "
                   "the audio.")


def p_value(value, n_boot: int) -> str:
    if value is None:
        return "–"
    if value == 0 and n_boot:
        return f"<{1 / n_boot:.3g}"
    return f"{value:.3f}"


def share(entry: dict, n_tasks: int) -> str:
    if entry.get("share") is None:
        return "–"
    return f"{entry['wins']}/{n_tasks} ({100 * entry['share']:.0f}%)"


def model_line(model: dict) -> str:
    control = f", control: {model['control']}" if model.get("control") else ""
    return (f"{model['label']} ({model['run_dir']}{control}): {model['instances_compared']} of "
            f"{model['instances']} instance(s) compared")


def method_line(report: dict) -> str:
    settings = report["settings"]
    level = int(round(settings["confidence"] * 100))
    if not settings["bootstrap"]:
        return "Scores are normalised to 0-100, higher is better. No intervals (--bootstrap 0)."
    return (f"Scores are normalised to 0-100, higher is better; brackets hold {level}% bootstrap intervals "
            f"({settings['bootstrap']} resamples of each instance's samples, seed {settings['seed']}). "
            "A task averages its instances; a category its tasks; a domain its categories.")
