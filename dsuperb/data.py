"""Open an instance's dataset and stream its samples, audio decoded to 16 kHz mono float32.

Where the data comes from: a local HF-style folder `DATA_DIR/<org>/<name>/` when one exists
(`--data-dir`, or `DSUPERB_DATA_DIR`), else the Hugging Face hub at the card's pinned revision.
`datasets` resolves the split's parquet files (README `configs:`, revisions, the download cache);
`ParquetSplit` reads them batch by batch (hub files downloaded first, or streamed with
`streaming=True`), so nothing is copied into an arrow cache and torch is never imported.

Decoding (`dsuperb.audio`: soundfile + soxr) runs ahead of the consumer in a bounded background
prefetch, so memory does not grow with rows and a model does not wait on the disk.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .audio import Clip
from .cards import Instance
from .data_sources import DATA_DIR_ENV, local_copy, open_hub, open_local
from .decoders import decode_inputs
from .errors import DataError
from .infra.errortext import first_line
from .parquet_split import ParquetSplit
from .prefetch import prefetched
from .vocab.inputs import CarriesInputs, Input

READ_BATCH = 32  # rows read from arrow at a time: large enough to amortise, small enough to bound memory


@dataclass(frozen=True)
class Sample(CarriesInputs):
    """One row as a model sees it. `inputs` are typed (audio: 16 kHz mono float32; text: a
    string) in the card's order; when a cell cannot be decoded, `error` says why and `inputs`
    is empty. `clips` describes each audio input as stored (rate, length, health) and `index`
    is the row's position in the split."""

    instance: str
    file: str
    instruction: str
    labels: dict[str, str]
    inputs: tuple[Input, ...] = ()
    error: str | None = None
    clips: tuple[Clip, ...] = ()
    index: int = -1

    @property
    def label(self) -> str:
        """The first label column's value (most instances have only one)."""
        return next(iter(self.labels.values()), "")


def resolve_data_dir(data_dir: Path | str | None) -> Path | None:
    value = data_dir if data_dir is not None else os.environ.get(DATA_DIR_ENV) or None
    return Path(value) if value else None


def open_instance(instance: Instance, data_dir: Path | str | None = None,
                  streaming: bool = False) -> InstanceData:
    """Open an instance's split: the local copy under data_dir if there is one, else the hub.

    Raises DataUnavailable at once (no retry loop) when neither is available, and
    DataError when the dataset has no split named as the card says.
    """
    root = resolve_data_dir(data_dir)
    folder = local_copy(instance, root)
    if folder is not None and folder.is_dir():
        opened = open_local(instance, folder)
    else:
        opened = open_hub(instance, folder, streaming)
    return InstanceData(instance, opened.source, opened.splits, opened.table, opened.base_dir)


@dataclass
class InstanceData:
    """An opened instance: where it came from, its splits and columns, and a sample stream."""

    instance: Instance
    source: str
    splits: list[str]
    table: ParquetSplit  # the instance's split
    base_dir: Path | None = None  # where path-only audio cells are found (local folders)
    _label_counts: dict[str, int] | None = field(default=None, repr=False)

    @property
    def num_rows(self) -> int | None:
        try:
            return self.table.num_rows
        except Exception:  # a remote file that cannot be read now: unknown, samples() will say why
            return None

    @property
    def features(self):
        """The columns' `datasets.Features` as stored (Audio columns recognised)."""
        return self.table.features

    @property
    def column_names(self) -> list[str]:
        return self.table.column_names

    def missing_columns(self) -> list[str]:
        """Columns the card names that the dataset lacks."""
        present = set(self.column_names)
        return [c for c in _card_columns(self.instance) if c not in present]

    def require_columns(self) -> None:
        """Raise DataError naming the columns the card names that the dataset lacks."""
        missing = self.missing_columns()
        if missing:
            raise DataError(f"instance {self.instance.name}: {self.source} lacks column(s) "
                               f"{', '.join(missing)} named by the card (columns: "
                               f"{', '.join(self.column_names)})", "data.declared-column")

    def audio_label_columns(self) -> list[str]:
        return [c for c in self.instance.label_columns if is_audio_feature(self.features.get(c))]

    def samples(self, limit: int | None = None, skip: frozenset[str] | set[str] = frozenset(),
                prefetch: int = 16, allow_missing: bool = False) -> Iterator[Sample]:
        """Samples in split order, decoded ahead of the consumer by about `prefetch` samples.

        `limit` bounds the rows considered (the first `limit` rows of the split, skipped ones
        included, so a resumed run covers the same rows); rows whose `file` id is in `skip` are
        not decoded. Missing declared columns raise DatasetError unless `allow_missing`
        (validation reports them itself and goes on with what is there).
        """
        if not allow_missing:
            self.require_columns()
        rows = self._rows(limit, skip)
        if prefetch >= 1:
            yield from prefetched(rows, self._make_sample, prefetch, self._read_error)
            return
        while True:  # decoding in the caller's thread
            try:
                index, row = next(rows)
                sample = self._make_sample(index, row)
            except StopIteration:
                return
            except Exception as exc:  # a file that cannot be read, or a row that cannot be decoded
                raise self._read_error(exc) from exc
            yield sample

    def label_counts(self) -> dict[str, int]:
        """How often each value of the first text label column occurs (empty for audio labels)."""
        if self._label_counts is None:
            counts: Counter[str] = Counter()
            columns = [c for c in self.instance.label_columns[:1]
                       if c in self.column_names and not is_audio_feature(self.features.get(c))]
            if columns:
                try:
                    counts.update(_text(row.get(columns[0])) for row in self.table.rows(columns, 1024))
                except Exception as exc:
                    raise self._read_error(exc) from exc
            self._label_counts = dict(counts.most_common())
        return self._label_counts

    def file_ids(self, limit: int | None = None) -> Iterator[str]:
        """Every row's `file` id in split order (`#<row>` where it is missing), reading that column only."""
        yield from (file for file, _ in self.text_rows((), limit))

    def text_rows(self, columns: tuple[str, ...], limit: int | None = None) -> Iterator[tuple[str, dict]]:
        """(file id, the row's text in `columns`) for every row in split order, reading those columns
        only (no audio is decoded): what an analysis plans its variants from."""
        column = self.instance.file_column
        wanted = [c for c in dict.fromkeys([column, *columns]) if c in self.column_names]
        try:
            for index, row in enumerate(self.table.rows(wanted, 4096)):
                if limit is not None and index >= limit:
                    return
                yield _file_id(row, index, column), {c: _text(row.get(c)) for c in columns}
        except DataError:
            raise
        except Exception as exc:
            raise self._read_error(exc) from exc

    # -- internals --

    def _rows(self, limit: int | None, skip) -> Iterator[tuple[int, dict]]:
        for index, row in enumerate(self.table.rows(_card_columns(self.instance), READ_BATCH)):
            if limit is not None and index >= limit:
                return
            if not skip or _file_id(row, index, self.instance.file_column) not in skip:
                yield index, row

    def _make_sample(self, index: int, row: dict) -> Sample:
        inst = self.instance
        inputs, clips, errors = decode_inputs(inst.input_columns, row, self.base_dir)
        labels = {c: self._label_text(c, row[c]) for c in inst.label_columns if c in row}
        return Sample(
            instance=inst.name,
            file=_file_id(row, index, inst.file_column),
            instruction=_text(row.get(inst.instruction_column)),
            labels=labels,
            inputs=() if errors else inputs,
            error="; ".join(errors) or None,
            clips=clips,
            index=index,
        )

    def _label_text(self, column: str, value) -> str:
        if isinstance(value, dict) and ("bytes" in value or "path" in value):
            return f"<audio {value['path']}>" if value.get("path") else "<audio>"
        return _text(value)

    def _read_error(self, exc: BaseException) -> DataError:
        return DataError(f"instance {self.instance.name}: reading {self.source} failed: "
                         f"{type(exc).__name__}: {first_line(exc)}")


def _card_columns(inst: Instance) -> list[str]:
    """Every column the card names, once each, in a stable order."""
    inputs = [column for _, column in inst.input_columns]
    wanted = [inst.file_column, inst.instruction_column, *inst.label_columns, *inputs]
    return list(dict.fromkeys(c for c in wanted if c is not None))


def is_audio_feature(feature) -> bool:
    """An Audio feature, or the struct of bytes and path it is stored as without HF metadata."""
    from datasets import Audio

    return isinstance(feature, Audio) or (isinstance(feature, dict) and set(feature) == {"bytes", "path"})


def _file_id(row: dict, index: int, column: str | None = "file") -> str:
    """A row's id: its id column's value, else `#<row>` (no such column, or a null cell)."""
    value = row.get(column) if column is not None else None
    return f"#{index}" if value is None else str(value)


def _text(value) -> str:
    return "" if value is None else str(value)
