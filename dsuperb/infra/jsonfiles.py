"""JSON and JSONL files: one reader and one writer for every file dsuperb keeps or is given.

Writes are whole or nothing (a temporary file in the same folder, then a rename), so a reader
sees the old file or the new one, never half of either. JSONL is read two ways: strictly (a run
folder's own files: a bad line is damage, and a StoreError names it) and leniently (a file a user
gives `dsuperb score`: every good row is kept and each bad line becomes a message).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import StoreError

# One encoder for every row: json.dumps with any option builds a new encoder per call.
_ROW_ENCODER = json.JSONEncoder(ensure_ascii=False)


def json_line(row: dict) -> str:
    return _ROW_ENCODER.encode(row) + "\n"


def write_text_atomic(path: Path, text: str, newline: str | None = None) -> None:
    """Replace `path` with `text` in one step (`newline=""`: the text's own line endings, as they are)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline=newline) as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, data) -> None:
    write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_jsonl_atomic(path: Path, rows: Iterable[dict]) -> None:
    write_text_atomic(path, "".join(json_line(row) for row in rows))


def read_json(path: Path):
    """A JSON file's content; StoreError naming the file when it cannot be read or is not JSON."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except json.JSONDecodeError as exc:
        raise StoreError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    except UnicodeDecodeError:
        raise StoreError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_jsonl(path: Path) -> Iterator[dict]:
    """Rows of a complete JSONL file (blank lines ignored); StoreError naming a bad line."""
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield _parse(line, path, number)
    except UnicodeDecodeError:
        raise StoreError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_jsonl_lenient(path: Path) -> tuple[list[dict], list[str]]:
    """Every good row of a JSONL file (each with `_line`, its line number) and one message per bad
    line (`file:line: why`). Only a file that cannot be opened at all raises StoreError."""
    path = Path(path)
    rows, problems = [], []
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror or exc})") from None
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


def loads_or_none(raw: bytes):
    """A JSON value from bytes, or None where they are not UTF-8 JSON (a torn line)."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


def _parse(line: str, path: Path, number: int) -> dict:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise StoreError(f"{path}:{number}: not a JSON row ({exc.msg})") from None
    if not isinstance(row, dict):
        raise StoreError(f"{path}:{number}: expected a JSON object, found {type(row).__name__}")
    return row
