"""The run folder's files: predictions appended as they are made, everything else written whole.

A predictions file is JSONL, one row per sample, appended and flushed per batch. A kill -9 can
leave at most one torn last line (the batch in flight); reopening the file cuts that line off
before anything new is appended, so no row is ever duplicated or glued to another. Result files
(scored rows, results.json, the run card) are written to a temporary file and renamed over the
old one, so a reader sees the old file or the new one, never half of either.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path


class StoreError(Exception):
    """A run-folder file that cannot be used as it is; the message names the file and line."""


def write_text_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step (temporary file in the same folder, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
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
    write_text_atomic(path, "".join(_line(row) for row in rows))


def read_json(path: Path):
    """A JSON file's content; StoreError naming the file when it cannot be read or is not valid JSON."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except json.JSONDecodeError as exc:
        raise StoreError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    except UnicodeDecodeError:
        raise StoreError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_checked_json(path: Path, schema: str) -> dict:
    """A run-folder document (`run_card`, `results`) checked against its schema, so that a file
    edited by hand or cut short is one clear StoreError rather than a crash further on."""
    import jsonschema

    from .paths import load_schema

    document = read_json(path)
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(load_schema(schema)).iter_errors(document))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "top level"
        raise StoreError(f"{path}: not a valid {schema.replace('_', ' ')} file ({where}: {error.message})")
    return document


def read_jsonl(path: Path) -> Iterator[dict]:
    """Rows of a complete JSONL file (blank lines ignored); StoreError naming the bad line."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield _parse(line, path, number)


# One encoder for every row: json.dumps with any option builds a new encoder per call.
_ROW_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _line(row: dict) -> str:
    return _ROW_ENCODER.encode(row) + "\n"


def _loads(raw: bytes):
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


def scan_predictions(data: bytes, path: Path) -> tuple[list[dict], int]:
    """The complete rows of a predictions file's bytes, and the offset just past the last one.

    A last line without its newline, or one that does not parse, is what a kill leaves
    mid-write: it is left out. A bad line anywhere else is damage the runner did not make and
    raises StoreError rather than being silently dropped.
    """
    pieces = data.split(b"\n")  # the last piece is what follows the final newline
    last_line = max((i for i, p in enumerate(pieces) if p.strip()), default=-1)
    rows, good_end, offset = [], 0, 0
    for index, raw in enumerate(pieces):
        complete = index < len(pieces) - 1
        end = offset + len(raw) + (1 if complete else 0)
        offset = end
        if not raw.strip():
            good_end = end
            continue
        row = _loads(raw)
        if complete and isinstance(row, dict):
            rows.append(row)
            good_end = end
            continue
        if index == last_line:
            break  # the line a kill tore
        raise StoreError(f"{path}:{index + 1}: not a JSON row (the file is damaged: remove the line, "
                         "or start again with --overwrite)")
    return rows, good_end


def read_predictions(path: Path) -> list[dict]:
    """A predictions file's complete rows, leaving the file as it is (a torn last line is ignored)."""
    return scan_predictions(Path(path).read_bytes(), Path(path))[0]


class PredictionStore:
    """One instance's predictions file: read what is done, then append batches of rows.

    `open()` repairs a torn tail and returns the rows already there; `append()` writes and
    flushes a batch; `close()` releases the file. Rows are keyed by their `file` id.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._handle = None
        self.rows: dict[str, dict] = {}
        self.repaired = False

    def open(self, drop_failed: bool = False) -> dict[str, dict]:
        """Read the rows already written (file id -> row) and get ready to append.

        A torn last line (see `scan_predictions`) is cut off, so its sample runs again. With
        `drop_failed`, rows recorded with an error are removed so those samples run again.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.rows = {}
        if self.path.exists():
            self._load_and_repair()
            if drop_failed and any(row.get("error") for row in self.rows.values()):
                self.rows = {key: row for key, row in self.rows.items() if not row.get("error")}
                write_jsonl_atomic(self.path, self.rows.values())
        self._handle = open(self.path, "a", encoding="utf-8")
        return dict(self.rows)

    def _load_and_repair(self) -> None:
        data = self.path.read_bytes()
        rows, good_end = scan_predictions(data, self.path)
        for row in rows:
            # A duplicate id can only come from outside the runner; the first row wins.
            self.rows.setdefault(str(row.get("file")), row)
        if good_end < len(data):
            with open(self.path, "r+b") as handle:
                handle.truncate(good_end)
            self.repaired = True

    def append(self, rows: Iterable[dict]) -> None:
        """Write a batch of rows and flush them to the operating system."""
        if self._handle is None:
            raise RuntimeError("PredictionStore.append before open")
        text = ""
        for row in rows:
            key = str(row.get("file"))
            if key in self.rows:
                continue  # never write a sample twice
            self.rows[key] = row
            text += _line(row)
        if text:
            self._handle.write(text)
            self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
