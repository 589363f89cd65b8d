"""Plots with matplotlib (Agg, no display): bars of the overall, per-domain and per-category
scores with their intervals, the chance level as a dashed line, and one task heat map per domain
(`heatmaps.py`).

`write_plots(report, "scores.png")` writes the bars to scores.png and the heat maps next to it as
scores_tasks_<domain>.png; an `.svg` name gives SVG files. No figure is larger than MAX_PIXELS on
its long side: the resolution is lowered to fit.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from ..errors import ReportError
from .heatmaps import heatmap_figure, heatmap_parts, pyplot

FORMATS = {".png": "png", ".svg": "svg"}
MAX_PIXELS = 1990
DPI = 120
CHANCE_STYLE = {"color": "#c0392b", "linestyle": "--", "linewidth": 1.4}
Drawn = tuple[str, str, str, bytes]  # one plot drawn: (file suffix, title, caption, file bytes)


def figures(report: dict) -> list[tuple[str, str, object]]:
    """(file suffix, title, figure) of every plot: the bars, then the heat maps."""
    out = [("", "Scores: overall, by domain and by category", bars_figure(report))]
    caption = heatmap_caption(report)
    out += [(f"_tasks_{suffix}", title, heatmap_figure(report, tasks, title, caption))
            for suffix, title, tasks in heatmap_parts(report)]
    return out


def check_target(target: Path) -> Path:
    """A --plot name we can write, checked before any run is read or resampled."""
    target = Path(target)
    if target.suffix.lower() not in FORMATS:
        raise ReportError(f"--plot {target}: give a file name ending in .png or .svg")
    return target


def write_plots(report: dict, target: Path, drawn: list[Drawn] | None = None) -> list[Path]:
    """Every plot into files named after `target`; `drawn`: the plots already drawn as PNG
    (`draw`), written as they are to a .png target rather than drawn again."""
    target = check_target(target)
    if not report["tasks"]:
        raise ReportError(f"--plot {target}: nothing to plot, no instance was compared")
    file_format = FORMATS[target.suffix.lower()]
    written = []
    if drawn is None or file_format != "png":
        drawn = draw(report, file_format)
    for suffix, _, _, data in drawn:
        path = target.with_name(f"{target.stem}{suffix}{target.suffix}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as exc:
            raise ReportError(f"--plot {path}: cannot write ({exc.strerror or exc})") from None
        written.append(path)
    return written


def save(figure, where, file_format: str) -> None:
    """Save at DPI, or lower so that the long side stays within MAX_PIXELS."""
    dpi = min(DPI, MAX_PIXELS / max(figure.get_size_inches()))
    figure.savefig(where, format=file_format, dpi=dpi)


def draw(report: dict, file_format: str = "png") -> list[Drawn]:
    """(file suffix, title, caption, bytes in `file_format`) of every plot."""
    plt = pyplot()
    images = []
    for suffix, title, figure in figures(report):
        buffer = io.BytesIO()
        try:
            save(figure, buffer, file_format)
        finally:
            plt.close(figure)
        caption = bars_caption(report) if not suffix else heatmap_caption(report)
        images.append((suffix, title, caption, buffer.getvalue()))
    return images


def png_images(drawn: list[Drawn]) -> list[tuple[str, str, bytes]]:
    """(title, caption, PNG bytes) of plots drawn as PNG, for the HTML page."""
    return [(title, caption, data) for _, title, caption, data in drawn]


def interval_phrase(report: dict) -> str:
    settings = report["settings"]
    if not settings["bootstrap"]:
        return "no intervals (--bootstrap 0)"
    level = round(100 * settings["confidence"])
    return (f"{level}% bootstrap percentile intervals ({settings['bootstrap']} resamples of each "
            "instance's samples)")


def bars_caption(report: dict) -> str:
    chance = report["settings"].get("chance")
    line = f"; dashed line: chance level ({chance})" if chance else ""
    return (f"Bars: normalised score (0-100, higher is better) per model, ranked by overall score (the mean "
            f"of the domain scores); error bars: {interval_phrase(report)}{line}.")


def heatmap_caption(report: dict) -> str:
    return ("Cells: each task's normalised score (0-100) per model, models ranked left to right; tasks "
            "grouped by category; grey: not compared.")


def bars_figure(report: dict):
    plt = pyplot()
    chance = report["settings"].get("chance")
    models = [m for m in report["models"] if m["label"] != chance]
    labels = [m["label"] for m in models]
    n_domains, n_categories = max(1, len(report["domains"])), max(1, len(report["categories"]))
    width = min(16.0, 6 + 0.09 * n_categories * max(1, len(labels)))
    figure = plt.figure(figsize=(width, 10.5), layout="constrained")
    grid = figure.add_gridspec(2, 2, height_ratios=[1, 1.2], width_ratios=[1, max(1.0, n_domains / 2)])
    _overall_bars(figure.add_subplot(grid[0, 0]), report, models, chance)
    _grouped_bars(figure.add_subplot(grid[0, 1]), report["domains"], labels, chance, "By domain")
    categories = figure.add_subplot(grid[1, :])
    _grouped_bars(categories, report["categories"], labels, chance, "By category")
    handles, names = categories.get_legend_handles_labels()
    if handles:
        figure.legend(handles, names, loc="outside lower center", ncol=min(len(names), 6), frameon=False,
                      fontsize=8)
    figure.suptitle(bars_caption(report), fontsize=8, wrap=True)
    return figure


def _overall_bars(axis, report: dict, models: list[dict], chance: str | None) -> None:
    names = [m["label"] for m in models]
    cells = [m.get("overall") or {} for m in models]
    values = np.array([np.nan if c.get("score") is None else c["score"] for c in cells])
    lower, upper = _errors(cells)
    colours = [f"C{i % 10}" for i in range(len(models))]
    axis.barh(np.arange(len(names)), values, xerr=[lower, upper], color=colours, capsize=3,
              error_kw={"elinewidth": 1, "ecolor": "#333"})
    axis.set_yticks(np.arange(len(names)))
    axis.set_yticklabels([f"{m['rank']}. {m['label']}" if m.get("rank") else m["label"] for m in models],
                         fontsize=8)
    axis.invert_yaxis()
    axis.set_xlim(0, 100)
    axis.set_xlabel("overall score (0-100)")
    axis.set_title("Overall (mean of the domains)")
    axis.grid(axis="x", alpha=0.3)
    if chance:
        score = next(((m.get("overall") or {}).get("score") for m in report["models"]
                      if m["label"] == chance), None)
        if score is not None:
            axis.axvline(score, **CHANCE_STYLE)


def _grouped_bars(axis, groups: list[dict], labels: list[str], chance: str | None, title: str) -> None:
    positions = np.arange(len(groups))
    width = 0.8 / max(1, len(labels))
    for index, label in enumerate(labels):
        cells = [g["scores"].get(label) or {} for g in groups]
        values = np.array([np.nan if c.get("score") is None else c["score"] for c in cells])
        offset = (index - (len(labels) - 1) / 2) * width
        axis.bar(positions + offset, values, width, yerr=list(_errors(cells)),
                 capsize=2 if len(labels) < 6 else 0, label=label, color=f"C{index % 10}",
                 error_kw={"elinewidth": 0.8, "ecolor": "#333"})
    if chance:
        for position, group in zip(positions, groups, strict=True):
            score = (group["scores"].get(chance) or {}).get("score")
            if score is not None:
                axis.plot([position - 0.45, position + 0.45], [score, score], **CHANCE_STYLE,
                          label=f"chance level ({chance})" if position == 0 else None)
    axis.set_title(title)
    axis.set_xticks(positions)
    crowded = len(groups) > 5
    axis.set_xticklabels([f"{g['name']}\n({g['n_tasks']} task{'' if g['n_tasks'] == 1 else 's'})"
                          for g in groups],
                         rotation=35 if crowded else 0, ha="right" if crowded else "center", fontsize=8)
    axis.set_ylim(0, 105)  # room for the caps of intervals that reach 100
    axis.set_yticks(range(0, 101, 20))
    axis.set_ylabel("normalised score (0-100)")
    axis.grid(axis="y", alpha=0.3)
    axis.set_axisbelow(True)


def _errors(cells: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Distances from each score down and up to its interval (0 where there is none)."""
    def has(cell):
        return cell.get("score") is not None and cell.get("ci_low") is not None

    lower = np.array([max(0, c["score"] - c["ci_low"]) if has(c) else 0 for c in cells])
    upper = np.array([max(0, c["ci_high"] - c["score"]) if has(c) else 0 for c in cells])
    return lower, upper
