"""The report as Markdown: what a user pastes into a paper draft or a README."""

from __future__ import annotations

from . import formatting as fmt
from .sections import later_sections


def render_markdown(report: dict) -> str:
    labels = [m["label"] for m in report["models"]]
    out = ["# dsuperb report", "", fmt.method_line(report), ""]
    out += [f"> **Caution:** {caution}" for caution in report["cautions"]]
    out += [""] if report["cautions"] else []
    if report["nothing_to_compare"]:
        out += [f"**Nothing to compare:** {report['nothing_to_compare']}", ""]
    if report["models"]:  # a report of analysis runs alone has no leaderboard
        out += _scores(report, labels)
    if report.get("baseline"):
        out += _baseline(report)
    if report.get("audio_dependence"):
        out += _audio_dependence(report)
    for section in later_sections(report):
        out += [f"## {section.title}", ""] + [line for note in section.notes for line in (note, "")]
        for caption, headers, rows in section.tables:
            out += ([f"**{caption}**", ""] if caption else []) + _table(headers, rows)
    if report["left_out"]:
        out += ["## Left out", "", "Compared only on the instances every run scored on the same samples.", ""]
        out += [f"- {item['instance']} ({item['task']}): {item['reason']}" for item in report["left_out"]]
        out.append("")
    if report["notes"]:
        out += ["## Notes", ""] + [f"- {note}" for note in report["notes"]] + [""]
    return "\n".join(out).rstrip() + "\n"


def _scores(report: dict, labels: list[str]) -> list[str]:
    """The leaderboard, the runs, each level and the tasks."""
    out: list[str] = []
    out += _leaderboard(report)
    out += ["## Runs", "", "Where each run's numbers come from (its run card).", ""]
    out += _table(fmt.PROVENANCE_HEADERS, [fmt.provenance_cells(m) for m in report["models"]])
    out += [f"- {fmt.model_line(m)}" for m in report["models"]] + [""]
    for level in fmt.LEVELS:
        out += [f"## {level.capitalize()}", ""]
        out += [fmt.DIMENSIONS_NOTE, ""] if level == "dimensions" else []
        out += _table([fmt.LEVEL_TITLES[level], "Tasks", *labels],
                      [[fmt.level_name(row), str(row["n_tasks"]),
                        *(fmt.score_with_interval(row["scores"].get(label)) for label in labels)]
                       for row in report[level]])
    out += ["## Tasks", "", "Raw: the task's own metric (averaged over its instances), before normalising. "
            "N/A: share of samples without a usable answer.", ""]
    headers = ["Task", "Domains", "Category", "Metric"]
    for label in labels:
        headers += [label, f"{label} raw", f"{label} N/A"]
    rows = []
    for task in report["tasks"]:
        row = [task["task"], ", ".join(task["domains"]), task["category"], task["metric"]]
        for label in labels:
            cell = task["scores"].get(label)
            row += [fmt.score_with_interval(cell), fmt.raw(cell.get("raw") if cell else None),
                    fmt.na_and_count(cell)]
        rows.append(row)
    out += _table(headers, rows)
    return out


def _leaderboard(report: dict) -> list[str]:
    mixed = report["settings"]["mixed_judges"]
    title = "## Leaderboard" + (" (runs judged differently: see the caution)" if mixed else "")
    rows = []
    for model in report["models"]:
        domains = [fmt.score_with_interval(d["scores"].get(model["label"])) for d in report["domains"]]
        rows.append([fmt.rank(model), fmt.model_name(model), fmt.score_with_interval(model["overall"]),
                     *domains, str(model["tasks_compared"]), fmt.judge_text(model["provenance"])[0]])
    return [title, "", fmt.leaderboard_caption(report), "", *_table(fmt.leaderboard_headers(report), rows)]


def _baseline(report: dict) -> list[str]:
    comparison = report["baseline"]
    base = comparison["model"]
    others = [m["label"] for m in report["models"] if m["label"] != base]
    out = [f"## Against the baseline: {base}", "",
           f"Share of tasks where each model scores above {base} (point estimates); significant: paired "
           f"bootstrap p < {comparison['significance']}.", ""]
    for level in ("domains", "categories"):
        rows = [[row["name"], str(row["n_tasks"]),
                 *(f"{fmt.share(row['models'][m], row['n_tasks'])}, {row['models'][m]['significant_wins']} "
                   "significant" for m in others)]
                for row in comparison[level]]
        out += _table([fmt.LEVEL_TITLES[level], "Tasks", *others], rows)
    out += ["Per task: difference in normalised score with its paired-bootstrap interval.", ""]
    return out + _paired_table(report, fmt.baseline_table(report))


def _audio_dependence(report: dict) -> list[str]:
    out = ["## Audio dependence", "", fmt.DEPENDENCE_NOTE, ""]
    for table in fmt.dependence_tables(report):
        out += _paired_table(report, table)
    return out


def _paired_table(report: dict, table: fmt.PairedTable) -> list[str]:
    n_boot = report["settings"]["bootstrap"]
    first, titles, rows = table
    cells = []
    for name, tests in rows:
        cells.append([name])
        for test in tests:
            cells[-1] += [fmt.difference(test), fmt.p_value(test["p_value"], n_boot)]
    return _table(fmt.paired_headers(first, titles), cells)


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    def line(cells):
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    aligns = ["---" if i == 0 else "---:" if _numeric_column(rows, i) else "---" for i in range(len(headers))]
    return [line(headers), "| " + " | ".join(aligns) + " |", *(line(r) for r in rows), ""]


def _numeric_column(rows, index) -> bool:
    return bool(rows) and all(r[index][:1].isdigit() or r[index][:1] in "+-–<" for r in rows)
