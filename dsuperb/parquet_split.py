"""Read one split's parquet files batch by batch, with memory bounded by a batch, not by the file.

`datasets` resolves where a split's files are (README `configs:`, hub revisions, the cache); the
rows are then read here with pyarrow directly. This keeps the data layer torch-free (a
`datasets.IterableDataset` imports torch whenever it is installed), copies nothing into an arrow
cache, and reads with a small buffer, so a row group of 100 MB is never held whole.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property

import pyarrow.parquet as pq

READ_BUFFER = 1 << 20  # bytes pyarrow reads at a time; without it, a whole column chunk is loaded


class ParquetSplit:
    """The parquet files of one split, as local paths or URLs (opened with `open_file`)."""

    def __init__(self, files: Sequence[str], open_file: Callable[[str], object] | None = None):
        if not files:
            raise ValueError("the split has no data files")
        self.files = [str(f) for f in files]
        self._open_file = open_file

    @contextlib.contextmanager
    def _parquet(self, name: str) -> Iterator[pq.ParquetFile]:
        with contextlib.ExitStack() as stack:
            source = stack.enter_context(self._open_file(name)) if self._open_file else name
            parquet = pq.ParquetFile(source, buffer_size=READ_BUFFER, pre_buffer=False)
            stack.callback(parquet.close)
            yield parquet

    @cached_property
    def schema(self):
        with self._parquet(self.files[0]) as parquet:
            return parquet.schema_arrow

    @cached_property
    def features(self):
        """`datasets.Features` from the schema's metadata (Audio columns are recognised)."""
        from datasets import Features

        return Features.from_arrow_schema(self.schema)

    @property
    def column_names(self) -> list[str]:
        return list(self.schema.names)

    @cached_property
    def num_rows(self) -> int:
        total = 0
        for name in self.files:
            with self._parquet(name) as parquet:
                total += parquet.metadata.num_rows
        return total

    def rows(self, columns: Sequence[str], batch_size: int = 32) -> Iterator[dict]:
        """Each row as a dict of the wanted columns that exist (audio cells as {"bytes", "path"})."""
        for name in self.files:
            with self._parquet(name) as parquet:
                present = [c for c in columns if c in parquet.schema_arrow.names]
                if not present:
                    for _ in range(parquet.metadata.num_rows):
                        yield {}
                    continue
                for batch in parquet.iter_batches(batch_size=batch_size, columns=present):
                    yield from batch.to_pylist()
