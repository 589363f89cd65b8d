"""`dsuperb pack AUDIO_DIR --metadata FILE --out DIR/<org>/<name>`: a dataset as the hub serves it."""

from __future__ import annotations

from pathlib import Path

import click

from ..cards import display_path
from ..vocab.inputs import SAMPLING_RATE


@click.command()
@click.argument("audio_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--metadata", "metadata", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="CSV, TSV or JSON Lines: one row per example with file (the clip's path under AUDIO_DIR, "
                   "also the row's id), instruction and label; other columns are kept.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="The dataset folder, DIR/<org>/<name> (then `dsuperb validate --data --data-dir DIR`).")
@click.option("--rate", type=click.IntRange(min=1), default=SAMPLING_RATE, show_default=True,
              help="Sampling rate the clips are stored at (resampled where they differ).")
@click.option("--keep-rate", is_flag=True, help="Store every clip at its own rate, as it is.")
@click.option("--audio-column", "audio_columns", multiple=True, metavar="COLUMN",
              help="A metadata column that names clips, besides `file` and audio2..audio10 (repeatable; "
                   "e.g. label for an audio-generation task).")
@click.option("--overwrite", is_flag=True, help="Replace --out if it already holds a dataset.")
def pack(audio_dir, metadata, out, rate, keep_rate, audio_columns, overwrite):
    """Pack AUDIO_DIR's clips and a metadata table into a hub-style dataset: audio bytes embedded,
    one `test` split, the README `configs:` header. Upload the folder with the hub's own CLI."""
    from ..packing import pack as pack_dataset

    result = pack_dataset(audio_dir, metadata, out, rate=None if keep_rate else rate,
                          audio_columns=audio_columns, overwrite=overwrite)
    shown = display_path(result.folder)
    rate_note = f", {result.resampled} clip(s) resampled to {rate} Hz" if result.resampled else ""
    click.echo(f"wrote {shown}: {result.rows} rows, audio column(s) {', '.join(result.audio_columns)}, "
               f"{result.shards} parquet file(s), {result.size / 1e6:.1f} MB{rate_note}")
    folder = result.folder  # absolute, so its parents are the org and the data folder
    repo = f"{folder.parent.name}/{folder.name}"
    click.echo("next: check it, then upload it and pin the commit the upload prints:")
    click.echo(f"  dsuperb validate --data --data-dir {display_path(folder.parent.parent)} tasks/<YourTask>")
    click.echo(f"  hf upload {repo} {shown} --repo-type dataset")
