"""The leaderboard page's tasks grid: every task x model score in one box that scrolls by itself
(sticky model names on top, sticky task names on the left), tasks grouped by domain and category
in collapsible <details>, a filter box, cells coloured by score with the value shown, and links
to each task's card and README.

Links: `repo_url` + `/tasks/<Task>/task.yaml` for the card, and `/tasks/<Task>/README.md` when the
task folder has a README; otherwise the README of the task's first dataset on the Hugging Face hub
(its dataset card). `repo_url` "." gives links relative to the repository root.
"""

from __future__ import annotations

from html import escape

from . import formatting as fmt

DEFAULT_REPO_URL = "https://github.com/dsuperb/dsuperb/blob/main"
TASK_REM, MODEL_REM = 16, 5.4  # column widths of the grid (as in GRID_STYLE)
HUB_DATASETS = "https://huggingface.co/datasets/"

GRID_STYLE = """
#tasks .controls{display:flex;gap:.6rem;align-items:center;flex-wrap:wrap;margin:.4rem 0}
#tasks input[type=search]{font-size:.95rem;padding:.25rem .5rem;width:22rem;max-width:100%}
#tasks button{font-size:.8rem}
.grid-box{overflow:auto;max-height:78vh;max-width:100%;border:1px solid #ccc;background:#fff}
.grid-head{position:sticky;top:0;z-index:4;width:max-content}
table.grid{table-layout:fixed;border-collapse:separate;border-spacing:0;margin:0;font-size:.8rem}
table.grid col.task{width:16rem}table.grid col.model{width:5.4rem}  /* TASK_REM, MODEL_REM */
table.grid th,table.grid td{border:0;border-bottom:1px solid #fff;border-right:1px solid #fff;
padding:.2rem .35rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
table.grid thead th{background:#eef1f4;white-space:normal;vertical-align:bottom;font-weight:600;
cursor:default;overflow-wrap:anywhere;height:3.2rem}
table.grid .first{position:sticky;left:0;z-index:2;background:#fff;text-align:left;font-weight:normal}
table.grid thead .first{background:#eef1f4;z-index:5}
table.grid td.cell{text-align:center;font-variant-numeric:tabular-nums}
table.grid .sub{color:#666;font-size:.72rem}
.grid-box details>summary{position:sticky;left:0;width:max-content;padding:.3rem .5rem;cursor:pointer;
background:#fafafa}
.grid-box details.domain>summary{font-weight:700;font-size:.95rem}
.grid-box details.category>summary{padding-left:1.3rem;color:#333}
"""

GRID_SCRIPT = """
(function () {
  var box = document.getElementById("task-filter");
  var shown = document.getElementById("task-count");
  if (!box) { return; }
  function apply() {
    var query = box.value.trim().toLowerCase();
    var rows = document.querySelectorAll("#tasks tr[data-search]");
    var visible = 0;
    rows.forEach(function (row) {
      row.hidden = query !== "" && row.getAttribute("data-search").indexOf(query) < 0;
      if (!row.hidden) { visible += 1; }
    });
    document.querySelectorAll("#tasks details").forEach(function (group) {
      group.hidden = group.querySelector("tr[data-search]:not([hidden])") === null;
      if (query !== "") { group.open = true; }
    });
    shown.textContent = visible + " of " + rows.length + " rows shown";
  }
  box.addEventListener("input", apply);
  document.querySelectorAll("#tasks button[data-open]").forEach(function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("data-open") === "1";
      document.querySelectorAll("#tasks details").forEach(function (d) { d.open = open; });
    });
  });
  apply();
})();
"""


def score_style(score) -> str:
    """A light-to-dark blue background for 0-100 (readable for colour-blind readers too)."""
    if score is None:
        return "background:#e6e6e6;color:#777"
    lightness = 96 - 0.5 * max(0.0, min(100.0, float(score)))
    colour = "#fff" if lightness < 63 else "#111"
    return f"background:hsl(212,62%,{lightness:.0f}%);color:{colour}"


def score_cell(cell: dict | None, css: str = "cell") -> str:
    """A coloured cell with the score, and its interval, raw value and N/A rate as a tooltip."""
    if not cell or cell.get("score") is None:
        return f'<td class="{css}" style="{score_style(None)}" data-v="">–</td>'
    tip = [fmt.score_with_interval(cell)]
    if cell.get("raw") is not None:
        tip.append(f"raw {fmt.raw(cell['raw'])}")
    if cell.get("na_rate") is not None:
        tip.append(f"N/A {fmt.na_and_count(cell)}")
    return (f'<td class="{css}" style="{score_style(cell["score"])}" data-v="{cell["score"]!r}" '
            f'title="{escape("; ".join(tip))}">{cell["score"]:.1f}</td>')


def task_links(task: dict, repo_url: str, hf_path: str | None) -> tuple[str, str | None]:
    """(card URL, README URL or None) of a task."""
    base = (repo_url or ".").rstrip("/")
    card = f"{base}/tasks/{task['task']}/task.yaml"
    if task.get("readme"):
        return card, f"{base}/tasks/{task['task']}/README.md"
    return card, (HUB_DATASETS + hf_path) if hf_path else None


def tasks_grid(report: dict, repo_url: str) -> list[str]:
    labels = [m["label"] for m in report["models"]]
    hf_paths = {}
    for instance in report["instances"]:
        if instance.get("hf_path"):
            hf_paths.setdefault(instance["task"], instance["hf_path"])
    by_name = {t["task"]: t for t in report["tasks"]}
    columns = '<colgroup><col class="task">' + '<col class="model">' * len(labels) + "</colgroup>"
    # a fixed layout needs a set width: every table of the grid gets the same, so columns line up
    table = f'<table class="grid" style="width:{TASK_REM + MODEL_REM * len(labels):.1f}rem">'
    head = "".join(f'<th title="{escape(fmt.model_name(m))}">{escape(_column_title(m))}</th>'
                   for m in report["models"])
    rows_total = sum(len(d["categories"]) for d in report["domains"])
    parts = ['<section id="tasks"><h2>Tasks</h2>',
             f'<p class="note">Each cell: the task\'s normalised score (0-100), darker is better; hover for '
             f"the interval, the raw metric and the N/A rate. {escape(fmt.leaderboard_caption(report))} "
             "Tasks are "
             "grouped by domain and category (a task in two domains is listed in both).</p>",
             '<div class="controls"><input type="search" id="task-filter" '
             'placeholder="Filter tasks, categories, metrics…" aria-label="Filter tasks"> '
             '<button type="button" data-open="1">Expand all</button>'
             '<button type="button" data-open="0">Collapse all</button> <span id="task-count" class="note">'
             "</span></div>",
             '<div class="grid-box">',
             f'<div class="grid-head">{table}{columns}<thead><tr><th class="first">Task '
             f'<span class="sub">({len(report["tasks"])} tasks, {rows_total} groups)</span></th>{head}</tr>'
             "</thead></table></div>"]
    for domain in report["domains"]:
        names = set(t["task"] for t in report["tasks"] if domain["name"] in t["domains"])
        parts.append(f'<details class="domain" open><summary>{escape(domain["name"])} '
                     f'<span class="sub">({len(names)} tasks)</span></summary>')
        for category in [c["name"] for c in report["categories"] if c["name"] in domain["categories"]]:
            tasks = [by_name[n] for n in by_name if n in names and by_name[n]["category"] == category]
            if not tasks:
                continue
            parts.append(f'<details class="category" open><summary>{escape(category.replace("_", " "))} '
                         f'<span class="sub">({len(tasks)})</span></summary>')
            body = "".join(_task_row(task, labels, repo_url, hf_paths.get(task["task"])) for task in tasks)
            parts.append(f'{table}{columns}<tbody>{body}</tbody></table></details>')
        parts.append("</details>")
    parts.append("</div></section>")
    return parts


def _column_title(model: dict) -> str:
    rank = f"{model['rank']}. " if model.get("rank") else ""
    return rank + (f"{model['label']} (chance)" if model.get("chance") else model["label"])


def _task_row(task: dict, labels: list[str], repo_url: str, hf_path: str | None) -> str:
    card, readme = task_links(task, repo_url, hf_path)
    search = " ".join([task["task"], task["category"], task["metric"], *task["domains"]]).lower()
    links = f'<a href="{escape(card)}">card</a>'
    if readme:
        links += f' · <a href="{escape(readme)}">README</a>'
    first = (f'<th class="first" title="{escape(task["task"])}">'
             f'<a href="{escape(card)}">{escape(task["task"])}</a>'
             f'<br><span class="sub">{links} · {escape(task["metric"])}</span></th>')
    cells = "".join(score_cell(task["scores"].get(label)) for label in labels)
    return f'<tr data-search="{escape(search)}">{first}{cells}</tr>'
