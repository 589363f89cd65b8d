"""Write a dataset in the hub's folder layout, so local copies load exactly like hub ones.

`DIR/<org>/<name>/README.md` (YAML `configs:` naming the test split's files) and
`DIR/<org>/<name>/data/test-00000-of-00001.parquet`, as `Dataset.push_to_hub` lays them out.
Tests, the demo suite and the benchmarks build their datasets with this.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

from .audio import wav_bytes

README = """---
configs:
- config_name: default
  data_files:
{configs}
---
# {name}

{description}
"""


def audio_value(samples: np.ndarray | bytes, sampling_rate: int = 16_000, name: str = "clip.wav") -> dict:
    """An `Audio` cell: encoded bytes (WAV from an array, or given bytes) and a file name."""
    data = samples if isinstance(samples, bytes) else wav_bytes(samples, sampling_rate)
    return {"bytes": data, "path": name}


def write_hf_folder(
    root: Path,
    hf_path: str,
    columns: Mapping[str, Sequence],
    audio_columns: Iterable[str] = ("audio",),
    split: str = "test",
    description: str = "A dataset written by dsuperb.local_dataset.",
    extra_splits: Mapping[str, Mapping[str, Sequence]] | None = None,
) -> Path:
    """Write `columns` (name -> values; audio cells from `audio_value`) under root/hf_path."""
    from datasets import Audio, Dataset
    from datasets import utils as datasets_utils

    folder = Path(root) / hf_path
    (folder / "data").mkdir(parents=True, exist_ok=True)
    splits = {split: columns, **(extra_splits or {})}
    audio_columns = list(audio_columns)
    quiet_before = datasets_utils.are_progress_bars_disabled()
    datasets_utils.disable_progress_bars()  # a bar per tiny file only clutters test and benchmark output
    try:
        for split_name, split_columns in splits.items():
            dataset = Dataset.from_dict({k: list(v) for k, v in split_columns.items()})
            for column in audio_columns:
                if column in dataset.column_names:
                    dataset = dataset.cast_column(column, Audio(decode=False))
            dataset.to_parquet(str(folder / "data" / f"{split_name}-00000-of-00001.parquet"))
    finally:
        if not quiet_before:
            datasets_utils.enable_progress_bars()
    configs = "\n".join(f"  - split: {name}\n    path: data/{name}-*" for name in splits)
    readme = README.format(configs=configs, name=hf_path, description=description)
    (folder / "README.md").write_text(readme, encoding="utf-8")
    return folder
