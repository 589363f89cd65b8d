"""The report as JSON (schemas/report.schema.json): the dict every other format is drawn from."""

from __future__ import annotations

import json


def render_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def validate_report(report: dict) -> None:
    """Raise `jsonschema.ValidationError` when the report breaks its schema."""
    from ..infra.schemas import validator

    validator("report").validate(report)
