"""The report at full scale: 10 models x 170 tasks (tests/report_scale.py). The leaderboard page is
opened in a real browser (Debian's headless Chromium) at 1400 px: the page itself must not scroll
sideways, the tasks grid scrolls in its own box with sticky model names and task names, groups
collapse, the filter works, no markdown shows. Plots stay under 2000 px on their long side.

Chromium is required, not optional: CI installs it (.ci/run); locally,
`apt-get update && apt-get install -y chromium`. The browser tests carry the `browser` mark: the README's
test command leaves them out (it needs Python and pip only); `.ci/run` installs Chromium and runs them
with `python -m pytest -q -m browser`.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image
from report_scale import plan, write_scale_runs

from dsuperb.cli import main
from dsuperb.report import build_report
from dsuperb.report.heatmaps import heatmap_figure, heatmap_parts, pyplot

MODELS, INSTANCES, ROWS = 10, 330, 12
WIDTH, HEIGHT = 1400, 900
INSTALL = "apt-get update && apt-get install -y chromium"

# Run in the page after it loads: measure it, try the filter, write the findings into the DOM.
PROBE = """
<script>
(function () {
  var root = document.documentElement, box = document.querySelector(".grid-box");
  var found = {
    pageScrollWidth: root.scrollWidth, pageClientWidth: root.clientWidth,
    bodyScrollWidth: document.body.scrollWidth,
    box: box && {scrollWidth: box.scrollWidth, clientWidth: box.clientWidth,
                 scrollHeight: box.scrollHeight, clientHeight: box.clientHeight},
    headPosition: box && getComputedStyle(document.querySelector(".grid-head")).position,
    firstPosition: box && getComputedStyle(document.querySelector("table.grid tbody .first")).position,
    groups: document.querySelectorAll("#tasks details").length,
    rows: document.querySelectorAll("#tasks tr[data-search]").length,
    backticks: document.body.innerText.indexOf("`") >= 0,
    cardLink: box && document.querySelector("#tasks tbody .first a").getAttribute("href"),
    colouredCells: document.querySelectorAll("#tasks td.cell[style*=hsl]").length
  };
  var filter = document.getElementById("task-filter");
  if (filter) {
    filter.value = "SuperbASR";
    filter.dispatchEvent(new Event("input"));
    found.visibleAfterFilter = document.querySelectorAll("#tasks tr[data-search]:not([hidden])").length;
    found.countText = document.getElementById("task-count").textContent;
  }
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
})();
</script>
"""


def chromium() -> str:
    # Debian's package (what .ci/run installs) first; the same browser under its other names next
    path = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    if path is None:
        pytest.fail(f"chromium is not installed; the leaderboard page is tested in a real browser: {INSTALL}")
    return path


def browse(page: Path, profile: Path, *extra: str) -> str:
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               f"--window-size={WIDTH},{HEIGHT}", *extra, page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def probe(page: Path, tmp_path: Path) -> dict:
    probed = tmp_path / f"probed-{page.name}"
    text = page.read_text(encoding="utf-8")
    probed.write_text(text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = browse(probed, tmp_path / "profile", "--dump-dom")
    match = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert match, dom[-2000:]
    return json.loads(html.unescape(match.group(1)))


@pytest.fixture(scope="module")
def full_scale(tmp_path_factory):
    root = tmp_path_factory.mktemp("scale")
    runs = write_scale_runs(root / "runs", MODELS, plan(INSTANCES), ROWS)
    argv = ["report", *map(str, runs), "--bootstrap", "30", "--output", str(root / "board.html"),
            "--plot", str(root / "plots" / "scores.png")]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    return root, runs


@pytest.mark.browser
def test_the_full_scale_page_does_not_scroll_sideways(full_scale, tmp_path):
    root, _ = full_scale
    found = probe(root / "board.html", tmp_path)
    assert found["pageScrollWidth"] <= found["pageClientWidth"] <= WIDTH, found
    assert found["bodyScrollWidth"] <= found["pageClientWidth"], found
    # the tasks grid scrolls by itself, its model names and task names stay in view
    assert found["box"]["scrollHeight"] > found["box"]["clientHeight"], found
    assert found["headPosition"] == "sticky" and found["firstPosition"] == "sticky"
    assert found["rows"] >= 150 and found["colouredCells"] == found["rows"] * MODELS
    assert found["groups"] >= 3 + 20  # domains, then categories in each, all collapsible
    assert not found["backticks"]  # no raw markdown
    assert found["cardLink"].startswith("https://github.com/dsuperb/dsuperb/blob/main/tasks/")
    assert found["cardLink"].endswith("/task.yaml")
    assert found["visibleAfterFilter"] == 1 and found["countText"].startswith("1 of ")


@pytest.mark.browser
def test_the_probe_sees_a_page_that_scrolls_sideways(tmp_path):
    wide = tmp_path / "wide.html"
    wide.write_text('<!DOCTYPE html><html><body><div style="width:3000px">wide</div></body></html>')
    found = probe(wide, tmp_path)
    assert found["pageScrollWidth"] > found["pageClientWidth"]


@pytest.mark.browser
def test_a_screenshot_of_the_page_at_1400_px(full_scale, tmp_path):
    root, _ = full_scale
    shot = tmp_path / "board.png"
    browse(root / "board.html", tmp_path / "profile", f"--screenshot={shot}")
    with Image.open(shot) as image:
        assert image.size == (WIDTH, HEIGHT)
        dark = int((np.asarray(image.convert("L")) < 128).sum())
    assert dark > 5_000  # the page drew its title and tables, not a blank window
    shutil.copy(shot, root / "board.png")  # kept beside the page for a look


def test_every_plot_stays_under_2000_px(full_scale):
    root, _ = full_scale
    plots = sorted((root / "plots").glob("*.png"))
    assert [p.name for p in plots][:1] == ["scores.png"] and len(plots) >= 4  # bars + a map per domain
    for path in plots:
        with Image.open(path) as image:
            assert max(image.size) < 2000, (path.name, image.size)


def test_svg_plots_stay_under_2000_px(full_scale, tmp_path):
    _, runs = full_scale
    result = CliRunner().invoke(main, ["report", *map(str, runs[:3]), "--bootstrap", "0", "--format", "csv",
                                       "--plot", str(tmp_path / "scores.svg")])
    assert result.exit_code == 0, result.output
    for path in tmp_path.glob("*.svg"):
        head = path.read_text()[:2000]
        width, height = (float(re.search(rf'{side}="([\d.]+)pt"', head).group(1))
                         for side in ("width", "height"))
        assert max(width, height) < 2000, path.name


def test_a_heat_map_has_names_on_top_categories_and_values(full_scale):
    _, runs = full_scale
    report = build_report(runs, n_boot=0)
    suffix, title, tasks = heatmap_parts(report)[0]
    assert suffix == "speech" and 20 <= len(tasks) <= 100
    figure = heatmap_figure(report, tasks, title, "caption")
    try:
        axis = figure.axes[0]
        assert axis.xaxis.get_ticks_position() == "top"
        assert [t.get_text() for t in axis.get_xticklabels()][0] == report["models"][0]["label"]
        texts = [t.get_text() for t in axis.texts]
        categories = list(dict.fromkeys(t["category"] for t in tasks))
        assert len(texts) == len(tasks) * MODELS + len(categories)  # a value per cell, a label per category
        assert {c.replace("_", " ") for c in categories} <= set(texts)
        separators = [line for line in axis.lines if line.get_color() == "white"]
        assert len(separators) == len(categories) - 1
    finally:
        pyplot().close(figure)
