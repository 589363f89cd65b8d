"""The predictions file of one instance: appended as answers arrive, repaired after a kill.

A predictions file is JSONL, one row per sample, appended and flushed as answers complete. A
kill -9 can leave at most one torn last line (the rows in flight); reopening the file cuts that line off
before anything new is appended, so no row is ever duplicated or glued to another.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import StoreError
from ..infra.jsonfiles import json_line, loads_or_none, write_jsonl_atomic


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
        row = loads_or_none(raw)
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
            text += json_line(row)
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
