"""The report as one self-contained HTML page, fit for a public leaderboard: the ranking, each
run's provenance, the tasks grid (`html_grid.py`), the plots embedded as data URIs, and every
other section of the report. The page itself never scrolls sideways: every wide table sits in a
box that scrolls on its own. Inline CSS and script only; no resource is fetched from anywhere
(links to task cards are plain links)."""

from __future__ import annotations

import base64
from html import escape

from . import formatting as fmt
from .html_grid import DEFAULT_REPO_URL, GRID_SCRIPT, GRID_STYLE, score_cell, tasks_grid
from .sections import later_sections

STYLE = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:1.5rem auto;max-width:1280px;
padding:0 1rem;color:#222;overflow-wrap:anywhere}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd}
.box{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;white-space:nowrap}
td.wrap{white-space:normal;min-width:16rem}
td.num{text-align:right;font-variant-numeric:tabular-nums}
table.sortable th{background:#f4f4f4;cursor:pointer;user-select:none}
th.asc:after{content:" \\25B2"}th.desc:after{content:" \\25BC"}
table.sortable tr:nth-child(even) td:not(.cell){background:#fafafa}.ci{color:#777;font-size:.8rem}
img{max-width:100%;height:auto}figure{margin:1rem 0}figcaption{color:#555;font-size:.85rem}
p.note,.note{color:#555}code{background:#f1f1f1;padding:0 .25em;border-radius:3px;font-size:.9em}
.caution{background:#fff4e5;border-left:4px solid #e67e22;padding:.5rem .8rem;margin:.5rem 0}
.empty{background:#fdecea;border-left:4px solid #c0392b;padding:.5rem .8rem;margin:.5rem 0}
td.cell{text-align:right;font-variant-numeric:tabular-nums}
"""

# Click a header to sort by that column; numbers sort by their data-v value, text alphabetically.
SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, column) {
    th.addEventListener("click", function () {
      var ascending = !th.classList.contains("asc");
      table.querySelectorAll("th").forEach(function (h) { h.classList.remove("asc", "desc"); });
      th.classList.add(ascending ? "asc" : "desc");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var cell = row.cells[column];
        var v = cell.getAttribute("data-v");
        return v === null ? cell.textContent.trim().toLowerCase() : (v === "" ? -Infinity : parseFloat(v));
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def render_html(report: dict, images: list[tuple[str, str, bytes]] | None = None,
                repo_url: str = DEFAULT_REPO_URL) -> str:
    """`images`: (title, caption, PNG bytes) of each plot, embedded after the tables."""
    labels = [m["label"] for m in report["models"]]
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             "<title>dsuperb report</title>", f"<style>{STYLE}{GRID_STYLE}</style></head><body>",
             "<h1>dsuperb report</h1>", f'<p class="note">{_prose(fmt.method_line(report))}</p>']
    parts += [f'<div class="caution"><strong>Caution:</strong> {_prose(c)}</div>' for c in report["cautions"]]
    if report["nothing_to_compare"]:
        parts.append(f'<div class="empty"><strong>Nothing to compare:</strong> '
                     f'{_prose(report["nothing_to_compare"])}</div>')
    if report["models"]:  # a report of analysis runs alone has no leaderboard
        parts += _scores(report, labels)
    if report["tasks"]:
        parts += tasks_grid(report, repo_url)
    for title, caption, png in images or []:
        data = base64.b64encode(png).decode("ascii")
        parts.append(f'<figure><h2>{escape(title)}</h2><img alt="{escape(title)}" '
                     f'src="data:image/png;base64,{data}"><figcaption>{_prose(caption)}</figcaption></figure>')
    if report.get("baseline"):
        parts += _baseline(report)
    if report.get("audio_dependence"):
        parts += _audio_dependence(report)
    for section in later_sections(report):
        parts.append(f'<h2 id="{escape(section.anchor)}">{escape(section.title)}</h2>')
        parts += [f'<p class="note">{_prose(note)}</p>' for note in section.notes]
        for caption, headers, rows in section.tables:
            parts += [f"<h3>{escape(caption)}</h3>"] if caption else []
            parts.append(_table(headers, [[_text(cell, "wrap" if len(cell) > 60 else "") for cell in row]
                                          for row in rows]))
    if report["instances"]:
        rows = [[_text(i["instance"]), _text(i["task"]), _text(str(i["metric"]))]
                + [score_cell(i["scores"].get(label)) for label in labels] for i in report["instances"]]
        parts.append(f'<details><summary><h2 style="display:inline">Instances ({len(rows)})</h2></summary>'
                     f'{_table(["Instance", "Task", "Metric", *labels], rows)}</details>')
    if report["left_out"]:
        parts.append("<h2>Left out</h2><ul>")
        parts += [f"<li>{escape(item['instance'])} ({escape(item['task'])}): {_prose(item['reason'])}</li>"
                  for item in report["left_out"]]
        parts.append("</ul>")
    if report["notes"]:
        notes = "".join(f"<li>{_prose(n)}</li>" for n in report["notes"])
        parts.append(f"<h2>Notes</h2><ul>{notes}</ul>")
    parts.append(f"<script>{SCRIPT}{GRID_SCRIPT}</script></body></html>")
    return "\n".join(parts) + "\n"


def _scores(report: dict, labels: list[str]) -> list[str]:
    """The leaderboard, the runs and each level."""
    parts: list[str] = []
    parts += _leaderboard(report)
    last = len(fmt.PROVENANCE_HEADERS) - 1  # the hardware: text that may wrap
    provenance = [[_text(c, "wrap" if i == last else "") for i, c in enumerate(fmt.provenance_cells(m))]
                  for m in report["models"]]
    parts += ['<h2 id="runs">Runs</h2>',
              '<p class="note">Where each run\'s numbers come from (its run card).</p>',
              _table(fmt.PROVENANCE_HEADERS, provenance),
              "<ul>" + "".join(f"<li>{escape(fmt.model_line(m))}</li>" for m in report["models"]) + "</ul>"]
    for level in fmt.LEVELS:
        parts.append(f"<h2>{level.capitalize()}</h2>")
        if level == "dimensions":
            parts.append(f'<p class="note">{_prose(fmt.DIMENSIONS_NOTE)}</p>')
        rows = [[_text(fmt.level_name(row)), _num(row["n_tasks"], str(row["n_tasks"]))]
                + [score_cell(row["scores"].get(label)) for label in labels] for row in report[level]]
        parts.append(_table([fmt.LEVEL_TITLES[level], "Tasks", *labels], rows))
    return parts


def _leaderboard(report: dict) -> list[str]:
    mixed = " (runs judged differently: see the caution)" if report["settings"]["mixed_judges"] else ""
    rows = []
    for model in report["models"]:
        rows.append([_num(model["rank"], fmt.rank(model)), _text(fmt.model_name(model)),
                     score_cell(model["overall"]),
                     *(score_cell(d["scores"].get(model["label"])) for d in report["domains"]),
                     _num(model["tasks_compared"], str(model["tasks_compared"])),
                     _text(fmt.judge_text(model["provenance"])[0])])
    return [f'<h2 id="leaderboard">Leaderboard{escape(mixed)}</h2>',
            f'<p class="note">{_prose(fmt.leaderboard_caption(report))}</p>',
            _table(fmt.leaderboard_headers(report), rows)]


def _baseline(report: dict) -> list[str]:
    comparison = report["baseline"]
    base = comparison["model"]
    others = [m["label"] for m in report["models"] if m["label"] != base]
    parts = [f"<h2>Against the baseline: {escape(base)}</h2>",
             f'<p class="note">Share of tasks where each model scores above {escape(base)}; significant: '
             f"paired bootstrap p &lt; {comparison['significance']}.</p>"]
    for level in ("domains", "categories"):
        rows = [[_text(row["name"]), _num(row["n_tasks"], str(row["n_tasks"]))]
                + [_num(row["models"][m]["share"], f"{fmt.share(row['models'][m], row['n_tasks'])}, "
                   f"{row['models'][m]['significant_wins']} significant") for m in others]
                for row in comparison[level]]
        parts.append(_table([fmt.LEVEL_TITLES[level], "Tasks", *others], rows))
    parts.append(_paired_table(report, fmt.baseline_table(report)))
    return parts


def _audio_dependence(report: dict) -> list[str]:
    parts = ["<h2>Audio dependence</h2>", f'<p class="note">{_prose(fmt.DEPENDENCE_NOTE)}</p>']
    return parts + [_paired_table(report, table) for table in fmt.dependence_tables(report)]


def _paired_table(report: dict, table: fmt.PairedTable) -> str:
    n_boot = report["settings"]["bootstrap"]
    first, titles, rows = table
    cells = []
    for name, tests in rows:
        cells.append([_text(name)])
        for test in tests:
            cells[-1] += [_num(test["diff"], fmt.difference(test)),
                          _num(test["p_value"], fmt.p_value(test["p_value"], n_boot))]
    return _table(fmt.paired_headers(first, titles), cells)


def _prose(text: str) -> str:
    """Text for the page: escaped, with markdown `code` spans as <code>."""
    return fmt.code_spans(text, escape)


def _text(value, css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f"<td{klass}>{escape(str(value))}</td>"


def _num(value, shown: str) -> str:
    sort_key = "" if value is None else repr(float(value))
    return f'<td class="num" data-v="{sort_key}">{escape(shown)}</td>'


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """A sortable table in a box that scrolls sideways by itself when it is wider than the page."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    return (f'<div class="box"><table class="sortable"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            "</table></div>")
