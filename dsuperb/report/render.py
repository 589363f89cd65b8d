"""One entry point for every output format."""

from __future__ import annotations

from ..errors import ReportError

FORMATS = ("md", "csv", "json", "html")


def render(report: dict, output_format: str) -> str:
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
        from .plots import png_images
        from .render_html import render_html

        return render_html(report, png_images(report) if report["tasks"] else None)
    raise ReportError(f"unknown report format {output_format!r}; expected one of {', '.join(FORMATS)}")
