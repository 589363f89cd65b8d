"""The report as one self-contained HTML page: sortable tables (inline script, no network) and,
when given, the plots embedded as data URIs."""

from __future__ import annotations

import base64
from html import escape

from . import formatting as fmt

STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1200px;
padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums}
th{background:#f4f4f4;cursor:pointer;user-select:none}
th.asc:after{content:" \\25B2"}th.desc:after{content:" \\25BC"}
tr:nth-child(even) td{background:#fafafa}.ci{color:#777;font-size:.8rem}img{max-width:100%}
p.note{color:#555}
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


def render_html(report: dict, images: dict[str, bytes] | None = None) -> str:
    """`images`: title -> PNG bytes, embedded after the tables they illustrate."""
    labels = [m["label"] for m in report["models"]]
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             "<title>dsuperb report</title>", f"<style>{STYLE}</style></head><body>",
             "<h1>dsuperb report</h1>", f'<p class="note">{escape(fmt.method_line(report))}</p>', "<ul>"]
    parts += [f"<li>{escape(fmt.model_line(m))}</li>" for m in report["models"]]
    parts.append("</ul>")
    for level in ("domains", "categories"):
        parts.append(f"<h2>{level.capitalize()}</h2>")
        rows = [[_text(row["name"]), _num(row["n_tasks"], str(row["n_tasks"]))]
                + [_score(row["scores"].get(label)) for label in labels] for row in report[level]]
        parts.append(_table([fmt.LEVEL_TITLES[level], "Tasks", *labels], rows))
    parts.append("<h2>Tasks</h2><p class=\"note\">Raw: the task's own metric averaged over its instances. "
                 "N/A: share of samples without a usable answer. Click a column to sort.</p>")
    headers = ["Task", "Domains", "Category", "Metric", "Instances"]
    for label in labels:
        headers += [label, f"{label} raw", f"{label} N/A"]
    rows = []
    for task in report["tasks"]:
        row = [_text(task["task"]), _text(", ".join(task["domains"])), _text(task["category"]),
               _text(task["metric"]), _num(len(task["instances"]), str(len(task["instances"])))]
        for label in labels:
            cell = task["scores"].get(label) or {}
            row += [_score(cell), _num(cell.get("raw"), fmt.raw(cell.get("raw"))),
                    _num(cell.get("na_rate"), fmt.na_and_count(cell))]
        rows.append(row)
    parts.append(_table(headers, rows))
    for title, png in (images or {}).items():
        data = base64.b64encode(png).decode("ascii")
        parts.append(f'<h2>{escape(title)}</h2>'
                     f'<img alt="{escape(title)}" src="data:image/png;base64,{data}">')
    if report.get("baseline"):
        parts += _baseline(report)
    if report.get("audio_dependence"):
        parts += _audio_dependence(report)
    parts.append("<h2>Instances</h2>")
    rows = [[_text(i["instance"]), _text(i["task"]), _text(str(i["metric"]))]
            + [_score(i["scores"].get(label)) for label in labels] for i in report["instances"]]
    parts.append(_table(["Instance", "Task", "Metric", *labels], rows))
    if report["left_out"]:
        parts.append("<h2>Left out</h2><ul>")
        parts += [f"<li>{escape(item['instance'])} ({escape(item['task'])}): {escape(item['reason'])}</li>"
                  for item in report["left_out"]]
        parts.append("</ul>")
    if report["notes"]:
        notes = "".join(f"<li>{escape(n)}</li>" for n in report["notes"])
        parts.append(f"<h2>Notes</h2><ul>{notes}</ul>")
    parts.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(parts) + "\n"


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
    parts = ["<h2>Audio dependence</h2>", f'<p class="note">{escape(fmt.DEPENDENCE_NOTE)}</p>']
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


def _text(value: str) -> str:
    return f"<td>{escape(str(value))}</td>"


def _num(value, shown: str) -> str:
    sort_key = "" if value is None else repr(float(value))
    return f'<td class="num" data-v="{sort_key}">{escape(shown)}</td>'


def _score(cell: dict | None) -> str:
    if not cell or cell.get("score") is None:
        return _num(None, "–")
    interval = ""
    if cell.get("ci_low") is not None:
        interval = f' <span class="ci">[{cell["ci_low"]:.1f}, {cell["ci_high"]:.1f}]</span>'
    return f'<td class="num" data-v="{cell["score"]!r}">{cell["score"]:.1f}{interval}</td>'


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    return f'<table class="sortable"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
