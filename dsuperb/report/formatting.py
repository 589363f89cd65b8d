"""How numbers read in the text formats (markdown, HTML): one place, so both agree."""

from __future__ import annotations

LEVEL_TITLES = {"domains": "Domain", "categories": "Category", "dimensions": "Dimension"}
LEVELS = ("domains", "categories", "dimensions")


def level_name(row: dict) -> str:
    """A level row's name as shown: a dimension by its title, a domain or category by its name."""
    return row.get("title") or row["name"]


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
            [(row["task"], [row["models"].get(label) or NO_TEST for label in others])
             for row in comparison["tasks"]])


def dependence_tables(report: dict) -> list[PairedTable]:
    """Normal minus control for each pair of runs: over all tasks and per domain, then per task."""
    entries = report["audio_dependence"]
    titles = [f"{entry['normal']} − {entry['control']}" for entry in entries]
    domains = [("all tasks", [entry["overall"] for entry in entries])]
    domains += _by_name(entries, "domains", "name")
    return [("Domain", titles, domains), ("Task", titles, _by_name(entries, "tasks", "task"))]


def _by_name(entries: list[dict], level: str, key: str) -> list[tuple[str, list[dict]]]:
    """Rows of every entry's `level` by name, in first-seen order ("–" where an entry lacks one)."""
    names = list(dict.fromkeys(row[key] for entry in entries for row in entry[level]))
    found = [{row[key]: row for row in entry[level]} for entry in entries]
    return [(name, [rows.get(name) or NO_TEST for rows in found]) for name in names]


NO_TEST = {"diff": None, "ci_low": None, "ci_high": None, "p_value": None}


DIMENSIONS_NOTE = ("The four evaluation dimensions of the survey of audio-language model evaluation (Yang, "
                   "Ho and Lee, EMNLP 2025, arXiv 2505.15957): each category sits in one (docs/taxonomy.md); "
                   "a dimension is the mean of its categories.")

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
    return f"{entry['wins']}/{entry.get('n_tasks', n_tasks)} ({100 * entry['share']:.0f}%)"


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


# -- ranking and provenance: the same rows in every text format -----------------------------------

PROVENANCE_HEADERS = ["Model", "Model revision", "Judge", "Prompt hash", "Limit", "Pinned data", "Date",
                      "dsuperb", "Commit", "Wall time", "Hardware"]


def model_name(model: dict) -> str:
    """The label, marked when it is the chance level or a control run."""
    if model.get("chance"):
        return f"{model['label']} (chance level)"
    return model["label"]


def rank(model: dict) -> str:
    return "–" if model.get("rank") is None else str(model["rank"])


def judge_text(provenance: dict) -> tuple[str, str]:
    """(judge ids, prompt hashes) of a run: the judges of its compared instances, else its card's."""
    judges = provenance.get("judges") or ([provenance["judge"]] if provenance.get("judge") else [])
    if not judges:
        return "–", "–"
    return (", ".join(str(j.get("id") or "–") for j in judges),
            ", ".join((j.get("prompt_hash") or "")[:12] or "–" for j in judges))


def provenance_cells(model: dict) -> list[str]:
    """One run's row of the provenance table (PROVENANCE_HEADERS)."""
    p = model["provenance"]
    judge, prompt = judge_text(p)
    return [model["label"], p.get("model_revision") or "–", judge, prompt,
            "none" if p.get("limit") is None and p.get("run_card") else str(p.get("limit") or "–"),
            "–" if p.get("pinned_share") is None else f"{100 * p['pinned_share']:.0f}%",
            p.get("date") or "–", p.get("dsuperb_version") or "–", p.get("git_commit") or "–",
            wall_time(p.get("wall_s")), p.get("hardware") or "–"]


def wall_time(seconds) -> str:
    if seconds is None:
        return "–"
    seconds = float(seconds)
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def leaderboard_headers(report: dict) -> list[str]:
    return ["Rank", "Model", "Overall", *(d["name"] for d in report["domains"]), "Tasks", "Judge"]


def leaderboard_caption(report: dict) -> str:
    settings = report["settings"]
    if settings["bootstrap"]:
        intervals = (f"brackets: {round(100 * settings['confidence'])}% bootstrap percentile intervals "
                     f"({settings['bootstrap']} resamples of each instance's samples, "
                     f"seed {settings['seed']})")
    else:
        intervals = "no intervals (--bootstrap 0)"
    chance = f"; {settings['chance']} is the chance level, shown unranked" if settings.get("chance") else ""
    return ("Models ranked by overall score: the mean of the domain scores, each the mean of its "
            f"categories; {intervals}{chance}.")


CODE_SPAN = "`"


def code_spans(text: str, escape) -> str:
    """Markdown `code` spans as HTML <code>, the rest escaped with `escape`."""
    parts = str(text).split(CODE_SPAN)
    if len(parts) % 2 == 0:  # an unpaired backtick: no spans
        return escape(str(text))
    return "".join(escape(part) if i % 2 == 0 else f"<code>{escape(part)}</code>"
                   for i, part in enumerate(parts))
