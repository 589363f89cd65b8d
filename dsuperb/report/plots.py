"""Plots with matplotlib (Agg, no display): per-domain and per-category bars with interval error
bars for each model, and a per-task heat map.

`write_plots(report, "scores.png")` writes the bars to scores.png and the heat map next to it as
scores_tasks.png; an `.svg` name gives SVG files.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from ..errors import ReportError

FORMATS = {".png": "png", ".svg": "svg"}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_paths(target: Path) -> tuple[Path, Path]:
    target = Path(target)
    if target.suffix.lower() not in FORMATS:
        raise ReportError(f"--plot {target}: give a file name ending in .png or .svg")
    return target, target.with_name(f"{target.stem}_tasks{target.suffix}")


def write_plots(report: dict, target: Path) -> list[Path]:
    bars_path, heat_path = plot_paths(target)
    if not report["tasks"]:
        raise ReportError(f"--plot {target}: nothing to plot, no instance was compared")
    plt = _pyplot()
    for path, make in ((bars_path, bars_figure), (heat_path, heatmap_figure)):
        figure = make(report)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            figure.savefig(path, format=FORMATS[path.suffix.lower()], dpi=120, bbox_inches="tight")
        except OSError as exc:
            raise ReportError(f"--plot {path}: cannot write ({exc.strerror or exc})") from None
        finally:
            plt.close(figure)
    return [bars_path, heat_path]


def png_images(report: dict) -> dict[str, bytes]:
    """The figures as PNG bytes (for the HTML page)."""
    plt = _pyplot()
    images = {}
    for title, figure in (("Scores by domain and category", bars_figure(report)),
                          ("Scores by task", heatmap_figure(report))):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        plt.close(figure)
        images[title] = buffer.getvalue()
    return images


def bars_figure(report: dict):
    plt = _pyplot()
    labels = [m["label"] for m in report["models"]]
    widths = [max(1, len(report["domains"])), max(1, len(report["categories"]))]
    width = min(22, 4 + 0.9 * sum(widths) * max(1, len(labels)) ** 0.5)
    figure, axes = plt.subplots(1, 2, figsize=(width, 4.8), gridspec_kw={"width_ratios": widths},
                                squeeze=False)
    for axis, level, title in ((axes[0][0], "domains", "By domain"),
                               (axes[0][1], "categories", "By category")):
        _grouped_bars(axis, report[level], labels, title)
    handles, names = axes[0][0].get_legend_handles_labels()
    if handles:
        figure.legend(handles, names, loc="upper center", ncol=min(len(names), 4), frameon=False,
                      bbox_to_anchor=(0.5, 1.06))
    figure.tight_layout()
    return figure


def _grouped_bars(axis, groups: list[dict], labels: list[str], title: str) -> None:
    names = [g["name"] for g in groups]
    positions = np.arange(len(names))
    width = 0.8 / max(1, len(labels))
    for index, label in enumerate(labels):
        cells = [g["scores"].get(label) or {} for g in groups]
        values = np.array([np.nan if c.get("score") is None else c["score"] for c in cells])
        lower = np.array([max(0, c["score"] - c["ci_low"]) if _has_interval(c) else 0 for c in cells])
        upper = np.array([max(0, c["ci_high"] - c["score"]) if _has_interval(c) else 0 for c in cells])
        offset = (index - (len(labels) - 1) / 2) * width
        axis.bar(positions + offset, values, width, yerr=[lower, upper], capsize=3, label=label,
                 error_kw={"elinewidth": 1, "ecolor": "#333"})
    axis.set_title(title)
    axis.set_xticks(positions)
    crowded = len(names) > 5
    axis.set_xticklabels([f"{g['name']}\n({g['n_tasks']} task{'' if g['n_tasks'] == 1 else 's'})"
                          for g in groups],
                         rotation=30 if crowded else 0, ha="right" if crowded else "center", fontsize=9)
    axis.set_ylim(0, 105)  # room for the caps of intervals that reach 100
    axis.set_yticks(range(0, 101, 20))
    axis.set_ylabel("normalised score (0-100)")
    axis.grid(axis="y", alpha=0.3)
    axis.set_axisbelow(True)


def _has_interval(cell: dict) -> bool:
    return cell.get("score") is not None and cell.get("ci_low") is not None


def heatmap_figure(report: dict):
    plt = _pyplot()
    labels = [m["label"] for m in report["models"]]
    tasks = report["tasks"]
    values = np.full((len(tasks), len(labels)), np.nan)
    for row, task in enumerate(tasks):
        for column, label in enumerate(labels):
            value = (task["scores"].get(label) or {}).get("score")
            values[row, column] = np.nan if value is None else value
    height = 1.5 + 0.32 * max(1, len(tasks))
    figure, axis = plt.subplots(figsize=(3.5 + 1.6 * len(labels), height))
    cmap = plt.get_cmap("viridis").with_extremes(bad="#dddddd")
    image = axis.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=0, vmax=100, aspect="auto")
    axis.set_xticks(range(len(labels)))
    crowded = len(labels) > 3
    axis.set_xticklabels(labels, rotation=20 if crowded else 0, ha="right" if crowded else "center")
    axis.set_yticks(range(len(tasks)))
    axis.set_yticklabels([f"{t['task']} ({t['category']})" for t in tasks], fontsize=8)
    if len(tasks) <= 80:
        for row in range(len(tasks)):
            for column in range(len(labels)):
                value = values[row, column]
                text = "n/a" if np.isnan(value) else f"{value:.0f}"
                colour = "black" if np.isnan(value) or value > 60 else "white"
                axis.text(column, row, text, ha="center", va="center", fontsize=8, color=colour)
    figure.colorbar(image, ax=axis, label="normalised score (0-100)", fraction=0.05)
    axis.set_title("Scores by task")
    figure.tight_layout()
    return figure
