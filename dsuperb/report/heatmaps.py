"""Heat maps of task x model scores, one per domain (split into parts past `MAX_ROWS` tasks):
model names on top, tasks grouped by category with separators and labels, the value in each cell
where it fits, the colour bar below. Each figure stays under `plots.MAX_PIXELS` on its long side.
"""

from __future__ import annotations

import numpy as np

MAX_ROWS = 100  # tasks per figure; a domain with more is drawn in parts
ROW_INCHES = 0.2
COLUMN_INCHES = 0.62
LABEL_INCHES = 3.4  # room for task names on the left
CATEGORY_INCHES = 1.6  # room for category names on the right
MIN_VALUE_POINTS = 5.0  # below this row height (in points) the cell values are left out


def pyplot():
    """matplotlib's pyplot on the Agg backend (no display)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def heatmap_parts(report: dict) -> list[tuple[str, str, list[dict]]]:
    """(file suffix, title, tasks) for every heat map: per domain, in parts of at most MAX_ROWS
    tasks cut at category boundaries where possible."""
    parts = []
    for domain in report["domains"]:
        tasks = [t for t in report["tasks"] if domain["name"] in t["domains"]]
        chunks: list[list[dict]] = [[]]
        for category in dict.fromkeys(t["category"] for t in tasks):
            block = [t for t in tasks if t["category"] == category]
            if chunks[-1] and len(chunks[-1]) + len(block) > MAX_ROWS:
                chunks.append([])  # start a category on a new figure rather than split it
            for task in block:
                if len(chunks[-1]) >= MAX_ROWS:
                    chunks.append([])
                chunks[-1].append(task)
        chunks = [c for c in chunks if c]
        for index, chunk in enumerate(chunks):
            suffix = domain["name"] if index == 0 else f"{domain['name']}_{index + 1}"
            title = f"Scores by task: {domain['name']}"
            if len(chunks) > 1:
                title += f" (part {index + 1} of {len(chunks)})"
            parts.append((suffix, title, chunk))
    return parts


def heatmap_figure(report: dict, tasks: list[dict], title: str, caption: str):
    plt = pyplot()
    labels = [m["label"] for m in report["models"]]
    values = np.full((len(tasks), len(labels)), np.nan)
    for row, task in enumerate(tasks):
        for column, label in enumerate(labels):
            value = (task["scores"].get(label) or {}).get("score")
            values[row, column] = np.nan if value is None else value
    width = LABEL_INCHES + CATEGORY_INCHES + COLUMN_INCHES * max(3, len(labels))
    top = 0.4 + 0.09 * max(len(label) for label in labels)  # model names, slanted, above the grid
    height = top + 1.9 + ROW_INCHES * len(tasks)
    figure = plt.figure(figsize=(width, height))
    axis = figure.add_axes((LABEL_INCHES / width, 1.5 / height, COLUMN_INCHES * max(3, len(labels)) / width,
                            ROW_INCHES * len(tasks) / height))
    cmap = plt.get_cmap("viridis").with_extremes(bad="#dddddd")
    image = axis.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=0, vmax=100, aspect="auto",
                        interpolation="nearest")
    axis.xaxis.tick_top()
    axis.set_xticks(range(len(labels)))
    axis.set_xticklabels([_short(m["label"]) + (" (chance)" if m.get("chance") else "")
                          for m in report["models"]],
                         rotation=45, ha="left", fontsize=8)
    axis.set_yticks(range(len(tasks)))
    axis.set_yticklabels([t["task"] for t in tasks], fontsize=7)
    axis.tick_params(length=0)
    row_points = ROW_INCHES * 72
    if row_points >= MIN_VALUE_POINTS:
        size = min(7.0, row_points * 0.6)
        for row in range(len(tasks)):
            for column in range(len(labels)):
                value = values[row, column]
                text = "–" if np.isnan(value) else f"{value:.0f}"
                colour = "black" if np.isnan(value) or value > 60 else "white"
                axis.text(column, row, text, ha="center", va="center", fontsize=size, color=colour)
    _categories(axis, tasks, len(labels))
    bar_axis = figure.add_axes((LABEL_INCHES / width, 0.8 / height, 0.35, 0.12 / height))
    figure.colorbar(image, cax=bar_axis, orientation="horizontal", label="normalised score (0-100)")
    figure.text(0.01, 1 - 0.15 / height, title, fontsize=11, weight="bold", va="top")
    figure.text(0.01, 0.08 / height, caption, fontsize=7, va="bottom", color="#444", wrap=True)
    return figure


def _categories(axis, tasks: list[dict], n_columns: int) -> None:
    """A line between categories and each category's name to the right of its rows."""
    start = 0
    names = [t["category"] for t in tasks]
    for index in range(1, len(names) + 1):
        if index == len(names) or names[index] != names[start]:
            if index < len(names):
                axis.axhline(index - 0.5, color="white", linewidth=1.6)
            axis.text(n_columns - 0.3, (start + index - 1) / 2, names[start].replace("_", " "), fontsize=7,
                      va="center", ha="left", clip_on=False)
            axis.plot([n_columns - 0.42] * 2, [start - 0.35, index - 0.65], color="#888", linewidth=0.8,
                      clip_on=False)
            start = index
    axis.set_xlim(-0.5, n_columns - 0.5)  # the brackets outside the grid must not widen it
    axis.set_ylim(len(names) - 0.5, -0.5)


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"
