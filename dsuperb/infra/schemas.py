"""The JSON Schemas in `schemas/`: found, loaded once, and checked against in one way."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent
MESSAGE_LIMIT = 200


def schemas_dir() -> Path:
    # A clone or editable install reads the repository's schemas/; a wheel carries a copy.
    for candidate in (REPO_DIR / "schemas", PACKAGE_DIR / "schemas"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("dsuperb's schemas/ folder is missing from this installation")


@cache
def load_schema(name: str) -> dict:
    """A JSON schema by file stem, e.g. ``task`` -> schemas/task.schema.json."""
    with open(schemas_dir() / f"{name}.schema.json", encoding="utf-8") as handle:
        return json.load(handle)


@cache
def validator(name: str):
    import jsonschema

    return jsonschema.Draft202012Validator(load_schema(name))


def first_error(document, name: str) -> str | None:
    """`where: what` for the most telling way `document` breaks schema `name`, or None when it fits."""
    import jsonschema

    error = jsonschema.exceptions.best_match(validator(name).iter_errors(document))
    if error is None:
        return None
    where = ".".join(str(part) for part in error.absolute_path) or "top level"
    message = error.message if len(error.message) <= MESSAGE_LIMIT else error.message[:MESSAGE_LIMIT] + "..."
    return f"{where}: {message}"
