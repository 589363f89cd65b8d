"""One entry point for every output format."""

from __future__ import annotations

from ..errors import ReportError

FORMATS = ("md", "csv", "json", "html")


def render(report: dict, output_format: str, repo_url: str | None = None, drawn: list | None = None) -> str:
    """The report as text in `output_format`; `repo_url`: where the HTML page links task cards to;
    `drawn`: its plots already drawn as PNG (`plots.draw`), embedded in the HTML page."""
    if output_format == "md":
        from .render_markdown import render_markdown

        return render_markdown(report)
    if output_format == "csv":
        from .render_csv import render_csv

        return render_csv(report)
    if output_format == "json":
        from .render_json import render_json

        return render_json(report)
    if output_format == "html":
        from .html_grid import DEFAULT_REPO_URL
        from .plots import draw, png_images
        from .render_html import render_html

        if drawn is None and report["tasks"]:
            drawn = draw(report)
        return render_html(report, png_images(drawn) if drawn else None,
                           repo_url=DEFAULT_REPO_URL if repo_url is None else repo_url)
    raise ReportError(f"unknown report format {output_format!r}; expected one of {', '.join(FORMATS)}")
