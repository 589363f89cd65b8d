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
import queue
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import audio as audio_module
from .cards import Instance
from .parquet_split import ParquetSplit

DATA_DIR_ENV = "DSUPERB_DATA_DIR"
READ_BATCH = 32  # rows read from arrow at a time: large enough to amortise, small enough to bound memory


class DatasetUnavailable(Exception):
    """The dataset cannot be found or reached; the message says which, where we looked, and what to do."""

    rule = "data.unavailable"


class DatasetError(Exception):
    """The dataset was found but cannot be used as it is (no test split, a missing column, bad file)."""

    def __init__(self, message: str, rule: str = "data.read"):
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class Sample:
    """One row as a model sees it. `audios` are 16 kHz mono float32 in the card's order; when a
    clip fails to decode, `error` says why and `audios` is empty. `clips` describes each audio
    input as stored (rate, length, health) and `index` is the row's position in the split."""

    instance: str
    file: str
    instruction: str
    labels: dict[str, str]
    audios: tuple[np.ndarray, ...] = ()
    texts: tuple[str, ...] = ()
    error: str | None = None
    clips: tuple[audio_module.Clip, ...] = ()
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

    Raises DatasetUnavailable at once (no retry loop) when neither is available, and
    DatasetError when the dataset has no split named as the card says.
    """
    root = resolve_data_dir(data_dir)
    folder = root / instance.hf_path if root else None
    if folder is not None and folder.is_dir():
        return _open_local(instance, folder)
    return _open_hub(instance, folder, streaming)


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
        """Raise DatasetError naming the columns the card names that the dataset lacks."""
        missing = self.missing_columns()
        if missing:
            raise DatasetError(f"instance {self.instance.name}: {self.source} lacks column(s) "
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
            yield from _prefetched(rows, self._make_sample, prefetch, self._read_error)
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
        columns = ["file"] if "file" in self.column_names else []
        try:
            for index, row in enumerate(self.table.rows(columns, 4096)):
                if limit is not None and index >= limit:
                    return
                yield _file_id(row, index)
        except DatasetError:
            raise
        except Exception as exc:
            raise self._read_error(exc) from exc

    # -- internals --

    def _rows(self, limit: int | None, skip) -> Iterator[tuple[int, dict]]:
        for index, row in enumerate(self.table.rows(_card_columns(self.instance), READ_BATCH)):
            if limit is not None and index >= limit:
                return
            if not skip or _file_id(row, index) not in skip:
                yield index, row

    def _make_sample(self, index: int, row: dict) -> Sample:
        inst = self.instance
        audios, clips, errors = [], [], []
        for column in inst.audio_columns:
            if column not in row:
                clips.append(audio_module.Clip(column, error=f"column {column} is missing"))
                errors.append(f"{column}: column is missing")
                continue
            samples, clip = audio_module.decode(row[column], column, self.base_dir)
            clips.append(clip)
            if clip.error:
                errors.append(f"{column}: {clip.error}")
            else:
                audios.append(samples)
        labels = {c: self._label_text(c, row[c]) for c in inst.label_columns if c in row}
        return Sample(
            instance=inst.name,
            file=_file_id(row, index),
            instruction=_text(row.get(inst.instruction_column)),
            labels=labels,
            audios=() if errors else tuple(audios),
            texts=tuple(_text(row.get(c)) for c in inst.text_columns),
            error="; ".join(errors) or None,
            clips=tuple(clips),
            index=index,
        )

    def _label_text(self, column: str, value) -> str:
        if isinstance(value, dict) and ("bytes" in value or "path" in value):
            return f"<audio {value['path']}>" if value.get("path") else "<audio>"
        return _text(value)

    def _read_error(self, exc: BaseException) -> DatasetError:
        return DatasetError(f"instance {self.instance.name}: reading {self.source} failed: "
                            f"{type(exc).__name__}: {_first_line(exc)}")


def _prefetched(rows: Iterator[tuple[int, dict]], make, prefetch: int, wrap_error) -> Iterator[Sample]:
    """Run `make(index, row)` in a small thread pool, about `prefetch` results ahead, in order.

    A reader thread pulls rows (arrow -> Python) and submits them in chunks of half `prefetch`
    rows, one task per chunk: a future, a queue slot and a thread hand-off per clip would cost
    as much as decoding a short clip. The bounded queue of chunk futures is what keeps memory
    flat however many rows there are.
    """
    chunk_size = max(1, prefetch // 2)
    workers = max(1, min(4, os.cpu_count() or 1))
    pending: queue.Queue = queue.Queue(maxsize=max(1, prefetch // chunk_size))
    stop = threading.Event()
    done = object()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                pending.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def make_chunk(chunk: list[tuple[int, dict]]) -> tuple[list[Sample], Exception | None]:
        """The chunk's samples, up to a row that cannot be made (and why), so the rows before it
        still reach the consumer."""
        made = []
        for index, row in chunk:
            try:
                made.append(make(index, row))
            except Exception as exc:
                return made, exc
        return made, None

    def read(pool: ThreadPoolExecutor) -> None:
        chunk: list[tuple[int, dict]] = []
        try:
            for item in rows:
                chunk.append(item)
                if len(chunk) >= chunk_size:
                    if not put(pool.submit(make_chunk, chunk)):
                        return
                    chunk = []
        except BaseException as exc:  # handed to the consumer (after the rows read before it)
            if chunk and not put(pool.submit(make_chunk, chunk)):
                return
            put(exc)
            return
        if chunk and not put(pool.submit(make_chunk, chunk)):
            return
        put(done)

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dsuperb-decode")
    reader = threading.Thread(target=read, args=(pool,), name="dsuperb-read", daemon=True)
    reader.start()
    try:
        while True:
            item = pending.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise wrap_error(item) from item
            made, error = item.result()
            yield from made
            if error is not None:  # a row the decoder could not turn into a sample
                raise wrap_error(error) from error
    finally:
        stop.set()
        while True:  # unblock the reader and drop what was decoded ahead
            try:
                item = pending.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, Future):
                item.cancel()
        reader.join(timeout=5)
        pool.shutdown(wait=False, cancel_futures=True)


# -- opening --


def _open_local(instance: Instance, folder: Path) -> InstanceData:
    source = f"local folder {folder}"
    try:
        builder = _local_builder(folder)
    except Exception as exc:  # datasets raises many types for a malformed folder
        raise DatasetError(f"instance {instance.name}: cannot read {source}: {_first_line(exc)}",
                           "data.local-folder") from None
    splits = _split_names(builder)
    _require_split(instance, splits, source)
    table = _parquet_split(instance, builder, source)
    try:
        table.schema  # noqa: B018 -- read now, so a broken file is reported when opening
    except Exception as exc:
        raise DatasetError(f"instance {instance.name}: cannot read {source}: {_first_line(exc)}",
                           "data.local-folder") from None
    return InstanceData(instance, source, splits, table, base_dir=folder)


def _local_builder(folder: Path):
    """What `load_dataset_builder(folder)` says about a local folder (its builder's name, the
    config's data files), without instantiating the builder: that patches the builder's module
    for streaming, which imports scipy.io (0.1-0.2 s) on the first open of a process. `datasets`
    still reads the README `configs:` and resolves the files; only the config is picked here, as
    the builder picks it. Anything unusual is left to `load_dataset_builder` itself."""
    from types import SimpleNamespace

    from datasets import load_dataset_builder

    try:
        from datasets.builder import BuilderConfig
        from datasets.data_files import DataFilesPatternsDict
        from datasets.download import DownloadConfig
        from datasets.load import dataset_module_factory

        module = dataset_module_factory(str(folder))
        params = module.builder_configs_parameters
        configs = list(params.builder_configs or [])
        name = params.default_config_name
        chosen = ([c for c in configs if c.name == name] if name else configs)
        if len(chosen) != 1 or not isinstance(chosen[0], BuilderConfig) or not chosen[0].data_files:
            raise LookupError("not the simple case")
        config = chosen[0]
        data_files = config.data_files
        if isinstance(data_files, DataFilesPatternsDict):
            base = module.builder_kwargs.get("base_path") or str(folder)
            base = f"{base}/{config.data_dir}" if config.data_dir else base
            data_files = data_files.resolve(base, DownloadConfig())
        return SimpleNamespace(name=module.module_path.rsplit(".", 1)[-1], info=SimpleNamespace(splits=None),
                               config=SimpleNamespace(data_files=data_files))
    except Exception:  # whatever the shortcut does not cover: the real thing, with its own errors
        return load_dataset_builder(str(folder))


def _open_hub(instance: Instance, local_folder: Path | None, streaming: bool) -> InstanceData:
    from datasets import config as datasets_config
    from datasets import load_dataset_builder

    where = f"{instance.hf_path}@{instance.revision}" if instance.revision else instance.hf_path
    no_copy = f"no local copy at {local_folder} and " if local_folder else "no --data-dir given and "
    if local_folder:
        provide = f"put a copy at {local_folder}"
    else:
        provide = f"pass --data-dir DIR (or set {DATA_DIR_ENV}) with a copy at DIR/{instance.hf_path}"
    offline = bool(datasets_config.HF_HUB_OFFLINE)
    if not offline:
        _probe_hub(instance, where, no_copy, provide)

    def unavailable(exc: BaseException) -> DatasetUnavailable:
        if offline:
            return DatasetUnavailable(
                f"instance {instance.name}: {no_copy}hub dataset {where} is not in the local cache while "
                f"the hub is offline (HF_HUB_OFFLINE or HF_DATASETS_OFFLINE is set); {provide}, or go online "
                f"to download it")
        return DatasetUnavailable(f"instance {instance.name}: {no_copy}hub dataset {where} cannot be loaded "
                                  f"({_first_line(exc)}); {provide}")

    try:
        builder = load_dataset_builder(instance.hf_path, revision=instance.revision)
    except Exception as exc:  # offline and not cached, or gone: datasets raises several types
        raise unavailable(exc) from None
    source = f"hub dataset {where}"
    splits = _split_names(builder)
    _require_split(instance, splits, source)
    table = _parquet_split(instance, builder, source)
    try:
        if streaming:
            import fsspec

            table = ParquetSplit(table.files, open_file=lambda url: fsspec.open(url, "rb"))
        else:
            from datasets import DownloadManager

            table = ParquetSplit(DownloadManager(dataset_name=instance.hf_path).download(table.files))
        table.schema  # noqa: B018 -- fail now rather than in the middle of a run
    except Exception as exc:
        raise unavailable(exc) from None
    return InstanceData(instance, source, splits, table)


def _parquet_split(instance: Instance, builder, source: str) -> ParquetSplit:
    files = list(builder.config.data_files.get(instance.split, [])) if builder.config.data_files else []
    if builder.name != "parquet" or not files:
        kind = builder.name if builder.name != "parquet" else "no"
        raise DatasetError(f"instance {instance.name}: {source} stores its {instance.split!r} split as "
                           f"{kind} files; dsuperb reads parquet (what Dataset.push_to_hub writes)",
                           "data.format")
    return ParquetSplit(files)


def _probe_hub(instance: Instance, where: str, no_copy: str, provide: str) -> None:
    """One quick request, so an unreachable hub fails now instead of after a retry loop."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError, RevisionNotFoundError

    try:
        HfApi().dataset_info(instance.hf_path, revision=instance.revision, timeout=15)
    except RevisionNotFoundError:
        raise DatasetUnavailable(f"instance {instance.name}: {no_copy}revision {instance.revision} does not "
                                 f"exist in hub dataset {instance.hf_path}; fix the card's revision"
                                 ) from None
    except RepositoryNotFoundError:
        raise DatasetUnavailable(f"instance {instance.name}: {no_copy}there is no hub dataset {where} (or it "
                                 f"is private); {provide}") from None
    except HfHubHTTPError as exc:
        raise DatasetUnavailable(f"instance {instance.name}: {no_copy}the hub refused {where} "
                                 f"({_first_line(exc)}); {provide}") from None
    except Exception as exc:  # network errors from the HTTP client
        raise DatasetUnavailable(
            f"instance {instance.name}: {no_copy}the hub could not be reached for {where} "
            f"({_first_line(exc)}); {provide}, or set HF_HUB_OFFLINE=1 to use the local cache") from None


def _split_names(builder) -> list[str]:
    """The split names as text (`datasets` gives NamedSplit objects for inferred splits)."""
    if builder.config.data_files:
        return [str(name) for name in builder.config.data_files]
    return [str(name) for name in builder.info.splits or []]


def _require_split(instance: Instance, splits: list[str], source: str) -> None:
    if instance.split not in splits:
        found = ", ".join(splits) or "none"
        raise DatasetError(f"instance {instance.name}: {source} has no split named {instance.split!r} "
                           f"(found: {found})", "data.split")


def _card_columns(inst: Instance) -> list[str]:
    """Every column the card names, once each, in a stable order."""
    wanted = ["file", inst.instruction_column, *inst.label_columns, *inst.text_columns, *inst.audio_columns]
    return list(dict.fromkeys(wanted))


def is_audio_feature(feature) -> bool:
    """An Audio feature, or the struct of bytes and path it is stored as without HF metadata."""
    from datasets import Audio

    return isinstance(feature, Audio) or (isinstance(feature, dict) and set(feature) == {"bytes", "path"})


def _file_id(row: dict, index: int) -> str:
    value = row.get("file")
    return f"#{index}" if value is None else str(value)


def _text(value) -> str:
    return "" if value is None else str(value)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
