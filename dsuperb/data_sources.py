"""Where an instance's split comes from: a local HF-style folder, or the hub at a pinned revision.

A repository renamed on the hub keeps its earlier paths in the card (`aliases`): the current path
is tried first, then each earlier one, both for local folders and on the hub.

`datasets` resolves the split's parquet files (README `configs:`, revisions, the download cache);
`ParquetSplit` reads them. Every way of not finding the data is one `DataUnavailable` that says
where we looked and what to do; a dataset that is there but unusable is a `DataError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cards import Instance
from .errors import DataError, DataUnavailable
from .infra.errortext import first_line
from .parquet_split import ParquetSplit

DATA_DIR_ENV = "DSUPERB_DATA_DIR"


@dataclass(frozen=True)
class OpenedSplit:
    source: str  # "local folder ..." or "hub dataset path@revision", for messages and the run card
    splits: list[str]
    table: ParquetSplit
    base_dir: Path | None = None  # where path-only audio cells are found (local folders)


def local_copy(instance: Instance, root: Path | None) -> Path | None:
    """DATA_DIR/<current hub path>, else DATA_DIR/<an earlier path> that exists, else where the
    current one would be (for messages); None without a data dir."""
    if root is None:
        return None
    for path in instance.hub_paths:
        if (root / path).is_dir():
            return root / path
    return root / instance.hf_path


def open_local(instance: Instance, folder: Path) -> OpenedSplit:
    source = f"local folder {folder}"
    try:
        builder = _local_builder(folder)
    except Exception as exc:  # datasets raises many types for a malformed folder
        raise DataError(f"instance {instance.name}: cannot read {source}: {first_line(exc)}",
                           "data.local-folder") from None
    splits = _split_names(builder)
    _require_split(instance, splits, source)
    table = _parquet_split(instance, builder, source)
    try:
        table.schema  # noqa: B018 -- read now, so a broken file is reported when opening
    except Exception as exc:
        raise DataError(f"instance {instance.name}: cannot read {source}: {first_line(exc)}",
                           "data.local-folder") from None
    return OpenedSplit(source, splits, table, base_dir=folder)


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


def open_hub(instance: Instance, local_folder: Path | None, streaming: bool) -> OpenedSplit:
    from datasets import config as datasets_config
    from datasets import load_dataset_builder

    where = f"{instance.hf_path}@{instance.revision}" if instance.revision else instance.hf_path
    no_copy = f"no local copy at {local_folder} and " if local_folder else "no --data-dir given and "
    if local_folder:
        provide = f"put a copy at {local_folder}"
    else:
        provide = f"pass --data-dir DIR (or set {DATA_DIR_ENV}) with a copy at DIR/{instance.hf_path}"
    offline = bool(datasets_config.HF_HUB_OFFLINE)
    # Online, one request per path says which one the hub has; offline, the cache decides.
    candidates = list(instance.hub_paths) if offline else [_probe_hub(instance, where, no_copy, provide)]

    def unavailable(exc: BaseException) -> DataUnavailable:
        if offline:
            return DataUnavailable(
                f"instance {instance.name}: {no_copy}hub dataset {where} is not in the local cache while "
                f"the hub is offline (HF_HUB_OFFLINE or HF_DATASETS_OFFLINE is set); {provide}, or go online "
                f"to download it")
        return DataUnavailable(f"instance {instance.name}: {no_copy}hub dataset {where} cannot be loaded "
                                  f"({first_line(exc)}); {provide}")

    first_error, builder, hf_path = None, None, instance.hf_path
    for hf_path in candidates:
        try:
            builder = load_dataset_builder(hf_path, revision=instance.revision)
            break
        except Exception as exc:  # offline and not cached, or gone: datasets raises several types
            first_error = first_error or exc
    if builder is None:
        raise unavailable(first_error) from None
    source = f"hub dataset {where}"
    if hf_path != instance.hf_path:
        source = f"hub dataset {hf_path}@{instance.revision} (earlier path of {instance.hf_path})"
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
    return OpenedSplit(source, splits, table)


def _parquet_split(instance: Instance, builder, source: str) -> ParquetSplit:
    files = list(builder.config.data_files.get(instance.split, [])) if builder.config.data_files else []
    if builder.name != "parquet" or not files:
        kind = builder.name if builder.name != "parquet" else "no"
        raise DataError(f"instance {instance.name}: {source} stores its {instance.split!r} split as "
                           f"{kind} files; dsuperb reads parquet (what Dataset.push_to_hub writes)",
                           "data.format")
    return ParquetSplit(files)


def _probe_hub(instance: Instance, where: str, no_copy: str, provide: str) -> str:
    """One quick request per hub path, so an unreachable hub fails now instead of after a retry
    loop; returns the first path (current, then earlier ones) the hub has."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError, RevisionNotFoundError

    hf_path = instance.hf_path
    try:
        for hf_path in instance.hub_paths:
            try:
                HfApi().dataset_info(hf_path, revision=instance.revision, timeout=15)
                return hf_path
            except RepositoryNotFoundError:
                continue
    except RevisionNotFoundError:
        raise DataUnavailable(f"instance {instance.name}: {no_copy}revision {instance.revision} does not "
                              f"exist in hub dataset {hf_path}; fix the card's revision") from None
    except HfHubHTTPError as exc:
        raise DataUnavailable(f"instance {instance.name}: {no_copy}the hub refused {where} "
                                 f"({first_line(exc)}); {provide}") from None
    except Exception as exc:  # network errors from the HTTP client
        raise DataUnavailable(
            f"instance {instance.name}: {no_copy}the hub could not be reached for {where} "
            f"({first_line(exc)}); {provide}, or set HF_HUB_OFFLINE=1 to use the local cache") from None
    earlier = f" nor at its earlier path(s) {', '.join(instance.aliases)}" if instance.aliases else ""
    raise DataUnavailable(f"instance {instance.name}: {no_copy}there is no hub dataset {where}{earlier} "
                          f"(or it is private); {provide}")


def _split_names(builder) -> list[str]:
    """The split names as text (`datasets` gives NamedSplit objects for inferred splits)."""
    if builder.config.data_files:
        return [str(name) for name in builder.config.data_files]
    return [str(name) for name in builder.info.splits or []]


def _require_split(instance: Instance, splits: list[str], source: str) -> None:
    if instance.split not in splits:
        found = ", ".join(splits) or "none"
        raise DataError(f"instance {instance.name}: {source} has no split named {instance.split!r} "
                           f"(found: {found})", "data.split")
