"""Pack a folder of clips and a metadata table into a dataset laid out as the hub serves it.

`pack(AUDIO_DIR, METADATA, OUT)` writes OUT/README.md (the YAML `configs:` header naming the
`test` split's files) and OUT/data/test-XXXXX-of-YYYYY.parquet, in the layout
`Dataset.push_to_hub` writes, so `dsuperb validate --data --data-dir DIR` reads OUT = DIR/<org>/<name>
exactly as it will read the uploaded copy. Unlike `Dataset.to_parquet` on file paths, the clips'
bytes are stored in the table: the dataset does not depend on where the clips were.

The metadata (CSV, TSV or JSON Lines) has one row per example: `file` (the clip's path under
AUDIO_DIR, also the row's id), `instruction`, `label` (and `label2`, ...), and any other column,
kept as it is. Columns named `audio2`, `audio3`, ... name further clips of the row. Clips are
resampled to 16 kHz unless asked otherwise (channels are kept); a clip already at that rate is
stored as its own bytes. Everything is checked before anything is written, and the output
appears whole or not at all.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .audio import AudioError, read_cell
from .errors import DataError, StoreError
from .infra.jsonfiles import read_jsonl_lenient
from .local_dataset import README
from .vocab.inputs import SAMPLING_RATE

REQUIRED_COLUMNS = ("file", "instruction", "label")
EXTRA_AUDIO = re.compile(r"^audio([2-9]|10)$")
LABEL_COLUMN = re.compile(r"^label(\d*)$")
ROWS_PER_GROUP = 100  # parquet row group: what a reader decodes at once
MAX_SHARD_BYTES = 500 * 1024 * 1024  # push_to_hub's default shard size
SHOWN = 5


class PackError(DataError):
    """Input that cannot be packed; the message names the file, the line and the problem."""

    def __init__(self, message: str):
        super().__init__(message, "data.pack")


@dataclass(frozen=True)
class PackResult:
    folder: Path
    rows: int
    shards: int
    size: int  # bytes written
    resampled: int  # clips converted to the target rate
    audio_columns: tuple[str, ...]


@dataclass(frozen=True)
class Metadata:
    path: Path
    columns: list[str]
    rows: list[dict]
    lines: list[int]  # the line of each row in the file, for messages

    def where(self, index: int) -> str:
        return f"{self.path}:{self.lines[index]}"


def read_metadata(path: Path) -> Metadata:
    """The rows of a CSV, TSV or JSON Lines file (chosen by its suffix)."""
    path = Path(path)
    if not path.is_file():
        raise PackError(f"--metadata {path}: no such file")
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    if suffix in (".csv", ".tsv"):
        reader = csv.DictReader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ",")
        rows, lines = [], []
        for row in reader:
            if None in row:
                raise PackError(f"{path}:{reader.line_num}: more values than the header has columns")
            rows.append(row)
            lines.append(reader.line_num)
        columns = list(reader.fieldnames or [])
    elif suffix in (".jsonl", ".json", ".ndjson"):
        try:
            rows, problems = read_jsonl_lenient(path)
        except StoreError as exc:
            raise PackError(str(exc)) from None
        _raise_all(problems)
        lines = [row.pop("_line") for row in rows]
        columns = list(dict.fromkeys(key for row in rows for key in row))
    else:
        raise PackError(f"--metadata {path}: expected a .csv, .tsv or .jsonl file")
    if not rows:
        raise PackError(f"{path}: no rows")
    return Metadata(path, columns, rows, lines)


def check_metadata(metadata: Metadata, audio_dir: Path, audio_columns: list[str]) -> None:
    """Columns, ids and clip files, all checked before any clip is decoded."""
    missing = [c for c in (*REQUIRED_COLUMNS, *audio_columns) if c not in metadata.columns and c != "audio"]
    if missing:
        raise PackError(f"{metadata.path}: missing column(s) {', '.join(missing)} (columns: "
                        f"{', '.join(metadata.columns)}); `file` names each clip under the audio folder")
    problems, seen = [], {}
    for index, row in enumerate(metadata.rows):
        for column in ("file", "instruction", "label"):
            value = row.get(column)
            if value is None or (isinstance(value, str) and not value.strip()):
                problems.append(f"{metadata.where(index)}: {column} is empty")
        file_id = str(row.get("file"))
        if file_id in seen:
            first = metadata.lines[seen[file_id]]
            problems.append(f"{metadata.where(index)}: file {file_id!r} repeats line {first} (the row's id)")
        seen.setdefault(file_id, index)
        for column in audio_columns:
            source = clip_source(row, column)
            if not source:
                problems.append(f"{metadata.where(index)}: {column} names no clip")
            elif not (Path(audio_dir) / source).is_file():
                problems.append(f"{metadata.where(index)}: {column}: no file {source!r} under {audio_dir}")
    _raise_all(problems)


def clip_source(row: dict, column: str) -> str:
    """The path (under the audio folder) of a row's clip in `column`: the first audio is `file`
    unless the metadata has its own `audio` column."""
    value = row.get(column, row.get("file") if column == "audio" else None)
    return "" if value is None else str(value).strip()


def detect_audio_columns(columns: list[str], extra: tuple[str, ...] = ()) -> list[str]:
    """`audio` (from `file`, or its own column), the metadata's `audio2`..`audio10`, and any other
    column named as holding clips (e.g. `label` for an audio-generation task)."""
    return list(dict.fromkeys(["audio", *[c for c in columns if EXTRA_AUDIO.match(c)], *extra]))


def pack(audio_dir: Path, metadata_path: Path, out: Path, rate: int | None = SAMPLING_RATE,
         audio_columns: tuple[str, ...] = (), overwrite: bool = False,
         workers: int | None = None) -> PackResult:
    """Write the dataset under `out` (DIR/<org>/<name>); see the module docstring."""
    # absolute: `--out NAME` given inside DIR/<org>/ still names its org (a relative path's parent has none)
    audio_dir, out = Path(audio_dir), Path(out).absolute()
    if not audio_dir.is_dir():
        raise PackError(f"{audio_dir}: no such audio folder")
    if out.exists() and not overwrite and (not out.is_dir() or any(out.iterdir())):
        raise PackError(f"--out {out} already exists; pass --overwrite to replace it")
    for what, path in (("the audio folder", audio_dir), ("the metadata", Path(metadata_path)),
                       ("the current folder", Path.cwd())):
        if out.exists() and path.resolve().is_relative_to(out.resolve()):
            raise PackError(f"--out {out} holds {what}: replacing it would delete it; choose another --out")
    metadata = read_metadata(metadata_path)
    columns = detect_audio_columns(metadata.columns, tuple(audio_columns))
    check_metadata(metadata, audio_dir, columns)
    table = _metadata_table(metadata, columns)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.packing-{os.getpid()}"  # beside --out: one rename at the end
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        shards, resampled = _write_shards(staging, table, metadata, audio_dir, columns, rate, workers)
        readme = README.format(configs="  - split: test\n    path: data/test-*",
                               name=f"{out.parent.name}/{out.name}",
                               description=f"Packed by `dsuperb pack` from {metadata.path.name}: "
                                           f"{len(metadata.rows)} rows.")
        (staging / "README.md").write_text(readme, encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        staging.replace(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return PackResult(out, len(metadata.rows), shards, size, resampled, tuple(columns))


def _metadata_table(metadata: Metadata, audio_columns: list[str]):
    """Every column but the clips, typed once over all rows; labels are text (the dataset rules)."""
    import pyarrow as pa

    kept = [c for c in metadata.columns if c not in audio_columns]
    values = {}
    for column in kept:
        cells = [row.get(column) for row in metadata.rows]
        if LABEL_COLUMN.match(column) or column in ("file", "instruction"):
            cells = [None if cell is None else _text(cell) for cell in cells]
        values[column] = cells
    try:
        return pa.table(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise PackError(f"{metadata.path}: a column mixes kinds of values ({exc})") from None


def _text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _write_shards(folder: Path, table, metadata: Metadata, audio_dir: Path, audio_columns: list[str],
                  rate: int | None, workers: int | None) -> tuple[int, int]:
    """Decode, resample and embed the clips group by group; roll to a new file past the shard size.
    Returns (shards written, clips resampled); every clip that fails is reported at once."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from datasets import Audio, Features

    features = Features.from_arrow_schema(table.schema)
    for column in audio_columns:
        features[column] = Audio(sampling_rate=rate) if rate else Audio()
    order = [*audio_columns, *table.column_names]
    order = ["file", *[c for c in order if c != "file"]]
    schema = Features({name: features[name] for name in order}).arrow_schema
    (folder / "data").mkdir()
    paths, writer, written, resampled, problems = [], None, 0, 0, []
    pool = ThreadPoolExecutor(max_workers=workers or min(8, os.cpu_count() or 1))
    try:
        for start in range(0, table.num_rows, ROWS_PER_GROUP):
            indices = range(start, min(start + ROWS_PER_GROUP, table.num_rows))
            jobs = [(i, column) for i in indices for column in audio_columns]
            cells = dict(zip(jobs, pool.map(lambda job: _clip(metadata, audio_dir, *job, rate), jobs),
                             strict=True))
            problems += [cell for cell in cells.values() if isinstance(cell, str)]
            if problems:
                continue  # keep checking the clips, write nothing more
            resampled += sum(cell.pop("resampled") for cell in cells.values())
            group = table.slice(start, len(indices))
            arrays = {c: pa.array([cells[(i, c)] for i in indices], type=schema.field(c).type)
                      for c in audio_columns}
            batch = pa.table({name: arrays[name] if name in arrays else group.column(name)
                              for name in order}, schema=schema)
            if writer is None or written >= MAX_SHARD_BYTES:
                if writer is not None:
                    writer.close()
                paths.append(folder / "data" / f"shard-{len(paths):05d}.parquet")
                writer, written = pq.ParquetWriter(paths[-1], schema), 0
            writer.write_table(batch, row_group_size=ROWS_PER_GROUP)
            written += batch.nbytes
    finally:
        pool.shutdown()
        if writer is not None:
            writer.close()
    _raise_all(problems)
    for index, path in enumerate(paths):  # the hub's names, now that the count is known
        path.rename(path.with_name(f"test-{index:05d}-of-{len(paths):05d}.parquet"))
    return len(paths), resampled


def _clip(metadata: Metadata, audio_dir: Path, index: int, column: str, rate: int | None) -> dict | str:
    """One audio cell ({bytes, path, resampled}), or a message saying why the clip cannot be used."""
    import soundfile
    import soxr

    source = clip_source(metadata.rows[index], column)
    where = f"{metadata.where(index)}: {column}: {source}"
    path = Path(audio_dir) / source
    try:
        samples, source_rate = read_cell({"bytes": None, "path": str(path)})
    except AudioError as exc:
        return f"{where}: {exc}"
    if samples.shape[0] == 0:
        return f"{where}: the clip is empty"
    if not rate or source_rate == rate:
        return {"bytes": path.read_bytes(), "path": source, "resampled": 0}
    try:
        converted = soxr.resample(samples, source_rate, rate)
    except (ValueError, RuntimeError) as exc:
        return f"{where}: cannot resample from {source_rate} Hz ({exc})"
    subtype = soundfile.info(str(path)).subtype
    deep = subtype not in ("PCM_16", "PCM_S8", "PCM_U8", "ULAW", "ALAW", "GSM610", "MPEG_LAYER_III")
    buffer = io.BytesIO()
    soundfile.write(buffer, np.clip(converted, -1.0, 1.0), rate, format="FLAC",
                    subtype="PCM_24" if deep else "PCM_16")
    return {"bytes": buffer.getvalue(), "path": str(Path(source).with_suffix(".flac")), "resampled": 1}


def _raise_all(problems: list[str]) -> None:
    if problems:
        more = f"; and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
        raise PackError(f"{len(problems)} problem(s), nothing written: {'; '.join(problems[:SHOWN])}{more}")
