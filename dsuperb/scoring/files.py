"""Reading prediction files and writing scored ones, for `dsuperb score` and `judge-agreement`."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class PredictionFileError(ValueError):
    """A predictions file that cannot be read at all (missing, not UTF-8)."""


def read_jsonl(path: Path) -> tuple[list[dict], list[str]]:
    """Rows of a JSONL file, and one message per line that is not a JSON object (file:line: why).

    A bad line never hides the good ones: they are all returned.
    """
    path = Path(path)
    rows, problems = [], []
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise PredictionFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    problems.append(f"{path}:{number}: malformed JSON ({exc.msg} at column {exc.colno})")
                    continue
                if not isinstance(row, dict):
                    problems.append(f"{path}:{number}: expected a JSON object, found {type(row).__name__}")
                    continue
                row["_line"] = number
                rows.append(row)
        except UnicodeDecodeError as exc:
            problems.append(f"{path}: not UTF-8 text ({exc.reason}); rows after byte {exc.start} not read")
    return rows, problems


def write_jsonl_atomic(path: Path, rows: Iterable[dict]) -> None:
    """Write the whole file or nothing (temp file in the same folder, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
