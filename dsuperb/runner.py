"""Run a model over tasks x instances: batch, store, resume, score each instance at its end.

The loop for one instance: open its dataset (the data layer decodes ahead in a background
prefetch), skip the samples already in the predictions file, hand the rest to the model in
batches, append each batch's rows and flush, then score the whole file and write the scored rows
and results.json whole. A sample that raises is recorded with its error; an instance whose
dataset cannot be opened is reported and skipped; Ctrl-C leaves everything so far on disk.
"""

from __future__ import annotations

import gc
import hashlib
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import controls, runcard
from .cards import CARD_FILE, Catalogue, Instance, close_names, discover, read_card
from .models.base import Model, ModelError, ModelOptions, Request
from .store import PredictionStore, StoreError, read_checked_json, write_json_atomic, write_jsonl_atomic

RESULTS_FILE = "results.json"
PREDICTIONS = "predictions"
SCORED = "scored"
OK, FAILED, SKIPPED = "ok", "failed", "skipped"
ERROR_TEXT_LIMIT = 500


class RunError(Exception):
    """A problem with what the user asked for (unknown task, mismatched run card): one line."""


# ---- planning ------------------------------------------------------------------------------


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """`"2/4"` -> (2, 4): the second of four shards (1-based, as array jobs usually number)."""
    if not text:
        return None
    index, slash, count = text.partition("/")
    try:
        index, count = int(index), int(count)
    except ValueError:
        index = count = 0
    if not slash or count < 1 or not 1 <= index <= count:
        raise RunError(f"--shard expects i/n with 1 <= i <= n (e.g. 1/4), found {text!r}")
    return index, count


def shard_of(instance: str, file: str, count: int) -> int:
    """Which shard (1..count) a sample belongs to: a stable hash, the same on every machine."""
    digest = hashlib.sha256(f"{instance}\x1f{file}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def in_shard(instance: str, file: str, shard: tuple[int, int] | None) -> bool:
    return shard is None or shard_of(instance, file, shard[1]) == shard[0]


def _task_folders(path: Path) -> list[Path]:
    """A task folder or card as given; a folder of task folders (e.g. demo/tasks) as its tasks."""
    if path.is_dir() and not (path / CARD_FILE).exists():
        inner = [folder for folder in discover(path) if (folder / CARD_FILE).is_file()]
        if inner:
            return inner
    return [path]


def select_instances(tasks: Iterable[str] = (), tasks_dir: Path | None = None, domain: str | None = None,
                     task_type: str | None = None) -> list[Instance]:
    """Instances to run: named tasks (or task folders / cards given as paths), filtered.

    An entry of `tasks` may also be an instance name, to run one dataset of a task.
    """
    names, folders = [], []
    for entry in tasks:
        entry = entry.strip()
        if not entry:
            continue
        path = Path(entry)
        if path.exists():
            folders.append(entry)
        elif "/" in entry or entry.endswith(".yaml"):
            raise RunError(f"--tasks {entry}: no such task folder or card")
        else:
            names.append(entry)
    if tasks_dir is not None and not Path(tasks_dir).is_dir():
        raise RunError(f"--tasks-dir {tasks_dir}: no such folder")
    catalogue = Catalogue.load(tasks_dir)
    chosen: list[Instance] = []
    folders = [task for folder in folders for task in _task_folders(Path(folder))]
    for folder in folders:
        card = read_card(Path(folder))
        if card.task is None:
            problem = card.findings[0].format() if card.findings else "not a readable task card"
            raise RunError(f"cannot read task {folder}: {problem}")
        chosen.extend(card.task.instances)
    for name in names:
        task = catalogue.task(name)
        if task is not None:
            chosen.extend(task.instances)
        elif catalogue.instance(name) is not None:
            chosen.append(catalogue.instance(name))
        elif catalogue.broken_card(name) is not None:
            card = catalogue.broken_card(name)
            problem = card.findings[0].format() if card.findings else "not a readable task card"
            raise RunError(f"task {name} cannot be run: its card is broken ({problem})")
        else:
            known = [task.name for task in catalogue.tasks] + [inst.name for inst in catalogue.instances()]
            close = close_names(name, known)
            hint = f"did you mean {', '.join(close)}? " if close else ""
            raise RunError(f"no task or instance named {name!r} in {tasks_dir or 'the catalogue'}; {hint}"
                           "(see `dsuperb list`, or give the path of a task folder)")
    if not tasks:
        chosen = list(catalogue.instances())
    if domain:
        chosen = [inst for inst in chosen if domain in inst.domains]
    if task_type:
        chosen = [inst for inst in chosen if inst.type == task_type]
    unique: dict[str, Instance] = {}
    for inst in chosen:
        unique.setdefault(inst.name, inst)
    return list(unique.values())


# ---- configuration and results ---------------------------------------------------------------


@dataclass
class EvalConfig:
    model: str
    output_dir: Path
    tasks: tuple[str, ...] = ()
    tasks_dir: Path | None = None
    domain: str | None = None
    task_type: str | None = None
    limit: int | None = None
    data_dir: Path | None = None
    streaming: bool = False
    options: ModelOptions = field(default_factory=ModelOptions)
    judge: str | None = None
    control: str | None = None
    shard: tuple[int, int] | None = None
    overwrite: bool = False
    retry_failed: bool = False
    progress: bool = True
    command: list[str] | None = None

    @property
    def seed(self) -> int:
        return self.options.seed


@dataclass
class RunOutcome:
    run_dir: Path
    results: dict
    interrupted: bool = False

    @property
    def failures(self) -> list[tuple[str, str]]:
        return failures(self.results)

    @property
    def failed(self) -> bool:
        return bool(self.failures)


def failures(results: dict) -> list[tuple[str, str]]:
    """(instance, why) for everything that failed in a results document: instances, and instances
    with failed samples."""
    out = []
    for name, entry in results["instances"].items():
        errors, count = entry.get("errors") or 0, entry.get("count") or 0
        if entry["status"] == FAILED:
            out.append((name, entry.get("message") or "failed"))
        elif errors:
            how_many = f"all {count} samples failed" if errors >= count else f"{errors} sample(s) failed"
            out.append((name, how_many + (f": {entry['message']}" if entry.get("message") else "")))
    return out


def instance_result(entry: dict, summary: dict | None = None, status: str = OK, message: str | None = None,
                    ) -> dict:
    """One instance's record in results.json, from its run-card entry and the scorer's summary."""
    summary = summary or {}
    return {
        "task": entry.get("task"),
        "domains": list(entry.get("domains") or []),
        "category": entry.get("category"),
        "type": entry.get("type"),
        "metric": summary.get("metric", entry.get("metric")),
        "value": summary.get("value"),
        "normalised": summary.get("normalised"),
        "higher_is_better": summary.get("higher_is_better"),
        "na_rate": summary.get("na_rate"),
        "count": summary.get("count", 0),
        "errors": summary.get("errors", 0),
        "status": status,
        "message": message,
        "judge": summary.get("judge"),
    }


def results_document(card: dict, instances: dict, complete: bool) -> dict:
    return {
        "dsuperb_version": card.get("dsuperb_version"),
        "model": card.get("model"),
        "control": card.get("control"),
        "seed": card.get("seed"),
        "shard": card.get("shard"),
        "run_card_hash": runcard.settings_hash(card),
        "complete": complete,
        "instances": dict(sorted(instances.items())),
    }


def score_instance(run_dir: Path, entry: dict, name: str, rows: list[dict], judge) -> dict:
    """Score one instance's rows, write scored/<name>.jsonl whole, return its results entry."""
    from .scoring.api import score_rows

    scored = score_rows(rows, instance=instance_from_entry(name, entry), judge=judge)
    write_jsonl_atomic(run_dir / SCORED / f"{name}.jsonl", scored.rows)
    errors = sum(1 for row in rows if row.get("error"))
    message = first_error(rows) if errors else None
    return instance_result(entry, scored.summary, OK, message)


def instance_from_entry(name: str, entry: dict) -> Instance:
    """An instance spec rebuilt from its run-card entry (merge scores without the task cards)."""
    label_set = entry.get("label_set")
    return Instance(
        name=name, task=entry.get("task") or "", hf_path=entry.get("hf_path") or "",
        revision=entry.get("revision"), type=entry.get("type") or "", metric=entry.get("metric"),
        label_columns=tuple(entry.get("label_columns") or ("label",)),
        label_set=tuple(label_set) if label_set is not None else None,
        domains=tuple(entry.get("domains") or ()), category=entry.get("category") or "",
        card_hash=entry.get("card_hash") or "",
    )


def first_error(rows: Iterable[dict]) -> str | None:
    for row in rows:
        if row.get("error"):
            return f"first: {row.get('file')}: {row['error']}"
    return None


def error_text(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return text[:ERROR_TEXT_LIMIT]


def prediction_row(instance: Instance, sample, response: str | None, error: str | None) -> dict:
    row = {"instance": instance.name, "file": str(sample.file), "instruction": sample.instruction}
    labels = sample.labels or {}
    for position, column in enumerate(instance.label_columns):
        row["label" if position == 0 else f"label{position + 1}"] = labels.get(column)
    row["response"] = response
    row["error"] = error
    return row


# ---- the runner ------------------------------------------------------------------------------


def _freeze_heap() -> bool:
    """Move what exists now (libraries, the model, the judge) out of the garbage collector's sight
    for the run. The sample loop allocates enough to trigger full collections, and with torch or
    a model loaded each one walks hundreds of thousands of long-lived objects (about 0.15 s here).
    Returns whether it froze, so the caller unfreezes only what it froze."""
    if gc.get_freeze_count():
        return False  # someone else froze the heap: leave their choice alone
    gc.freeze()
    return True


def _tqdm(enabled: bool, **kwargs):
    from tqdm import tqdm

    return tqdm(disable=not enabled, file=sys.stderr, dynamic_ncols=True, **kwargs)


class Runner:
    """One `dsuperb eval`. `model` and `judge` may be given (tests, benchmarks); else loaded."""

    def __init__(self, config: EvalConfig, model: Model | None = None, judge=None,
                 say: Callable[[str], None] | None = None):
        self.config = config
        self.model = model
        self.judge = judge
        self._say = say
        self.card: dict = {}
        self.run_dir: Path = config.output_dir

    def say(self, message: str) -> None:
        if self._say is not None:
            self._say(message)
        else:
            from tqdm import tqdm

            tqdm.write(message, file=sys.stderr)

    # -- setting up

    def prepare(self) -> list[Instance]:
        """Plan, load the model and judge, settle the run folder and its card. Raises RunError/ModelError."""
        config = self.config
        if config.control is not None and config.control not in controls.CONTROLS:
            choices = ", ".join(controls.CONTROLS)
            raise RunError(f"--control expects one of {choices}, found {config.control!r}")
        instances = select_instances(config.tasks, config.tasks_dir, config.domain, config.task_type)
        if not instances:
            raise RunError("no instance matches the selection (--tasks/--domain/--type)")
        if self.judge is None:
            from .scoring.api import make_judge

            try:
                self.judge = make_judge(config.judge)
            except (ValueError, KeyError) as exc:
                raise RunError(f"--judge {config.judge}: {exc}") from None
        if self.model is None:
            from .models.registry import load_model

            self.model = load_model(config.model, config.options)
        description = self._describe_model()
        model_id = str(description.get("id") or config.model)
        folder = runcard.run_folder_name(model_id, config.control, config.shard)
        self.run_dir = Path(config.output_dir) / folder
        card = runcard.build(
            model_spec=config.model, description=description, options=config.options, seed=config.seed,
            control=config.control, shard=config.shard, judge_spec=config.judge,
            judge_identity=getattr(self.judge, "identity", None), limit=config.limit,
            streaming=config.streaming, command=config.command,
        )
        card["instances"] = {inst.name: runcard.instance_entry(inst) for inst in instances}
        self.card = self._settle_folder(card)
        return instances

    def _describe_model(self) -> dict:
        try:
            description = self.model.describe() or {}
        except Exception as exc:  # an adapter's bug: say so before anything is written
            raise ModelError(f"model {self.config.model}: describe() failed ({error_text(exc)})") from None
        if not isinstance(description, dict):
            raise ModelError(f"model {self.config.model}: describe() returned {type(description).__name__}, "
                             "not a dict")
        return description

    def _settle_folder(self, card: dict) -> dict:
        card_file = self.run_dir / runcard.CARD_FILE
        if self.config.overwrite:
            for name in (PREDICTIONS, SCORED):
                shutil.rmtree(self.run_dir / name, ignore_errors=True)
            for name in (RESULTS_FILE, runcard.CARD_FILE):
                (self.run_dir / name).unlink(missing_ok=True)
        elif card_file.exists():
            try:
                old = read_checked_json(card_file, "run_card")
            except StoreError as exc:
                raise RunError(f"{exc}; use --overwrite to start this run folder afresh") from None
            changed = runcard.differences(old, card)
            if changed:
                more = f"; and {len(changed) - 5} more" if len(changed) > 5 else ""
                shown = "; ".join(changed[:5]) + more
                raise RunError(f"{self.run_dir} holds predictions made with other settings ({shown}); "
                               "use --overwrite to replace them, or another --output-dir")
            card = runcard.combine(old, card)
        elif (self.run_dir / PREDICTIONS).is_dir() and any((self.run_dir / PREDICTIONS).iterdir()):
            raise RunError(f"{self.run_dir} holds predictions but no {runcard.CARD_FILE}, so they cannot be "
                           "checked; use --overwrite to replace them, or another --output-dir")
        (self.run_dir / PREDICTIONS).mkdir(parents=True, exist_ok=True)
        write_json_atomic(card_file, card)
        return card

    # -- running

    def run(self) -> RunOutcome:
        instances = self.prepare()
        results = self._previous_results()
        outcome = RunOutcome(self.run_dir, results_document(self.card, results, complete=False))
        overall = _tqdm(self.config.progress, total=len(instances), desc="instances", unit="inst", position=0)
        frozen = _freeze_heap()
        try:
            for instance in instances:
                overall.set_postfix_str(instance.name, refresh=False)
                results[instance.name] = self._run_instance(instance, results.get(instance.name))
                self._write_results(results, complete=False)
                overall.update(1)
        except KeyboardInterrupt:
            outcome.interrupted = True
        finally:
            if frozen:
                gc.unfreeze()
            overall.close()
            self._close(self.model.close, "the model")
            self._close(getattr(self.judge, "close", None), "the judge")
        outcome.results = self._write_results(results, complete=not outcome.interrupted)
        return outcome

    def _close(self, close: Callable[[], None] | None, what: str) -> None:
        """Release a model or judge; a failure to do so must not lose the results written so far."""
        if close is None:
            return
        try:
            close()
        except Exception as exc:
            self.say(f"closing {what} failed: {error_text(exc)}")

    def _previous_results(self) -> dict:
        path = self.run_dir / RESULTS_FILE
        if not path.exists():
            return {}
        try:
            return dict(read_checked_json(path, "results")["instances"])
        except StoreError:
            return {}  # rebuilt from the predictions as instances are run again

    def _write_results(self, instances: dict, complete: bool) -> dict:
        document = results_document(self.card, instances, complete)
        write_json_atomic(self.run_dir / RESULTS_FILE, document)
        return document

    def _run_instance(self, instance: Instance, previous: dict | None) -> dict:
        from .data import DatasetError, DatasetUnavailable, open_instance

        entry = self.card["instances"][instance.name]
        if instance.type == "audio_generation":
            return instance_result(entry, status=SKIPPED, message="audio generation is not scored yet")
        if not instance.metric:
            return instance_result(entry, status=SKIPPED, message="its card names no metric")
        try:
            data = open_instance(instance, data_dir=self.config.data_dir, streaming=self.config.streaming)
            data.require_columns()  # before a predictions file is made for a dataset that cannot run
            if data.num_rows == 0:
                raise DatasetError(f"instance {instance.name}: {data.source} has no rows in its "
                                   f"{instance.split!r} split", "data.min-rows")
        except (DatasetUnavailable, DatasetError) as exc:
            self.say(f"{instance.name}: not run: {exc}")
            return instance_result(entry, status=FAILED, message=str(exc))
        except Exception as exc:  # whatever else opening raises: report it, run the other instances
            message = f"instance {instance.name}: cannot open its dataset: {error_text(exc)}"
            self.say(message)
            return instance_result(entry, status=FAILED, message=message)
        if entry.get("source") != data.source:
            entry["source"] = data.source  # where the data came from: hub (which revision) or a folder
            self.card = runcard.touch(self.card)
            write_json_atomic(self.run_dir / runcard.CARD_FILE, self.card)
        store = PredictionStore(self.run_dir / PREDICTIONS / f"{instance.name}.jsonl")
        try:
            done = store.open(drop_failed=self.config.retry_failed)
        except StoreError as exc:
            self.say(f"{instance.name}: {exc}")
            return instance_result(entry, status=FAILED, message=str(exc))
        try:
            written = self._predict(instance, data, store, set(done))
        except KeyboardInterrupt:
            raise
        except Exception as exc:  # a dataset that breaks mid-stream: keep what is written, go on
            why = str(exc)[:ERROR_TEXT_LIMIT] if isinstance(exc, DatasetError) else error_text(exc)
            self.say(f"{instance.name}: stopped: {why}")
            message = f"stopped after {len(store.rows)} sample(s): {why}"
            return instance_result(entry, status=FAILED, message=message)
        finally:
            store.close()
        rows = list(store.rows.values())
        scored_file = self.run_dir / SCORED / f"{instance.name}.jsonl"
        try:
            if self.config.limit is not None:
                # the file may hold rows of an earlier run with a larger --limit: score this run's rows
                wanted = set(data.file_ids(self.config.limit))
                rows = [row for row in rows if str(row.get("file")) in wanted]
            unchanged = not written and previous and previous.get("count") == len(rows)
            if unchanged and previous.get("status") == OK and scored_file.exists():
                return previous  # nothing new since it was scored: scoring again would change nothing
            return score_instance(self.run_dir, entry, instance.name, rows, self.judge)
        except KeyboardInterrupt:
            raise
        except Exception as exc:
            self.say(f"{instance.name}: scoring failed: {error_text(exc)}")
            return instance_result(entry, status=FAILED, message=f"scoring failed: {error_text(exc)}")

    def _samples(self, instance: Instance, data, done: set[str]) -> tuple[Iterator, Iterator]:
        """(the data layer's iterator, the samples still to run).

        Samples already done, or in another shard, are named in `skip` so they are never decoded,
        except under the shuffle control: it needs every sample, so that a sample's donor does not
        depend on what is already done or on the shard, and filters afterwards.
        """
        config = self.config
        feed_all = config.control == "shuffle"
        skip: frozenset[str] = frozenset()
        if not feed_all:
            skip = frozenset(done) | self._other_shards(instance, data)
        raw = data.samples(limit=config.limit, skip=skip)
        stream = controls.apply(config.control, raw, config.seed, instance.name)

        def remaining():
            for sample in stream:
                key = str(sample.file)
                if key in done or not in_shard(instance.name, key, config.shard):
                    continue
                yield sample

        return raw, remaining()

    def _other_shards(self, instance: Instance, data) -> frozenset[str]:
        """File ids of the rows that belong to other shards, read from the `file` column alone."""
        shard = self.config.shard
        if shard is None or shard[1] == 1:
            return frozenset()
        return frozenset(key for key in data.file_ids(self.config.limit)
                         if not in_shard(instance.name, key, shard))

    def _expected(self, data, done: set[str]) -> int | None:
        rows = getattr(data, "num_rows", None)
        if rows is None:
            return None
        if self.config.limit is not None:
            rows = min(rows, self.config.limit)
        if self.config.shard:
            rows = -(-rows // self.config.shard[1])  # about one n-th; the bar is only a guide
        return max(rows - len(done), 0)

    def _predict(self, instance: Instance, data, store: PredictionStore, done: set[str]) -> int:
        """Run the model on what is not done yet; returns how many rows were written."""
        if getattr(self.model, "wants_label_counts", False):
            self.model.prepare(instance, data.label_counts())
        else:
            self.model.prepare(instance, None)
        batch_size = max(1, int(self.config.options.batch_size))
        raw, samples = self._samples(instance, data, done)
        bar = _tqdm(self.config.progress, total=self._expected(data, done), desc=instance.name, unit="sample",
                    position=1, leave=False)
        written = 0
        pending: list = []
        failed_rows: list[dict] = []
        try:
            for sample in samples:
                if getattr(sample, "error", None):
                    failed_rows.append(prediction_row(instance, sample, None, f"decode: {sample.error}"))
                else:
                    pending.append(sample)
                if len(pending) >= batch_size or len(failed_rows) >= batch_size:
                    written += self._flush(instance, store, pending, failed_rows, bar)
                    pending, failed_rows = [], []
            written += self._flush(instance, store, pending, failed_rows, bar)
        finally:
            close = getattr(raw, "close", None)
            if close is not None:
                close()  # stops the data layer's prefetch
            bar.close()
        return written

    def _flush(self, instance: Instance, store: PredictionStore, batch: list, failed_rows: list[dict],
               bar) -> int:
        rows = list(failed_rows)
        if batch:
            requests = [Request(id=str(s.file), instance=instance.name, instruction=s.instruction,
                                audios=tuple(s.audios), texts=tuple(s.texts or ())) for s in batch]
            for sample, answer in zip(batch, self._generate(requests), strict=True):
                if isinstance(answer, str):
                    rows.append(prediction_row(instance, sample, answer, None))
                elif isinstance(answer, BaseException):
                    rows.append(prediction_row(instance, sample, None, error_text(answer)))
                else:
                    rows.append(prediction_row(instance, sample, None,
                                               f"model returned {type(answer).__name__} instead of text"))
        store.append(rows)
        bar.update(len(rows))
        return len(rows)

    def _generate(self, requests: list[Request]) -> list:
        """The model's answers; a batch that raises is retried one sample at a time, so only the
        sample that fails is recorded as failed."""
        try:
            answers = self.model.generate(requests)
            answers = list(answers) if isinstance(answers, (list, tuple)) else answers
            if not isinstance(answers, list) or len(answers) != len(requests):
                found = len(answers) if isinstance(answers, list) else type(answers).__name__
                raise ModelError(f"generate returned {found} answers for {len(requests)} requests")
            return answers
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            if len(requests) == 1:
                return [exc]
            return [self._generate([request])[0] for request in requests]
