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
