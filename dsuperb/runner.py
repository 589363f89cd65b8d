"""Turn an instance's samples into stored predictions and scored results.

The loop for one instance: open its dataset (the data layer decodes ahead in a background
prefetch), skip the samples already in the predictions file, hand the rest to the model in
batches, append each batch's rows and flush, then score the whole file and write the scored rows
and results.json whole. A sample that raises is recorded with its error; an instance whose
dataset cannot be opened is reported and skipped; Ctrl-C leaves everything so far on disk.
What to run and where (instances, model, judge, the run folder) is settled by `runplan`.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from . import controls
from .cards import Instance
from .errors import DataError, DsuperbError, ModelError, StoreError
from .infra.errortext import TEXT_LIMIT, error_text
from .infra.isolate import each_on_failure
from .models.base import Model, Request
from .runfolder import runcard
from .runfolder.layout import RunFolder
from .runfolder.records import (
    FAILED,
    OK,
    SKIPPED,
    InstanceResult,
    PredictionRow,
    Results,
    read_results,
    write_results,
)
from .runfolder.scored import score_instance
from .runfolder.store import PredictionStore
from .runplan import EvalConfig, Plan, prepare
from .selection import in_shard
from .vocab.tasktypes import is_scored

__all__ = ["EvalConfig", "Runner", "RunOutcome"]


class RunOutcome:
    def __init__(self, run_dir: Path, results: Results, interrupted: bool = False):
        self.run_dir = run_dir
        self.results = results
        self.interrupted = interrupted

    @property
    def failures(self) -> list[tuple[str, str]]:
        return self.results.failures()

    @property
    def failed(self) -> bool:
        return bool(self.failures)


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

    # disable=None: tqdm itself turns the bar off when stderr is not a terminal (logs, CI, pipes)
    return tqdm(disable=True if not enabled else None, file=sys.stderr, dynamic_ncols=True, **kwargs)


class Runner:
    """One `dsuperb eval`. `model` and `judge` may be given (tests, benchmarks); else loaded."""

    def __init__(self, config: EvalConfig, model: Model | None = None, judge=None,
                 say: Callable[[str], None] | None = None):
        self.config = config
        self.model = model
        self.judge = judge
        self._say = say
        self.card: dict = {}
        self.folder = RunFolder(Path(config.output_dir))

    @property
    def run_dir(self) -> Path:
        return self.folder.path

    def say(self, message: str) -> None:
        if self._say is not None:
            self._say(message)
        else:
            from tqdm import tqdm

            tqdm.write(message, file=sys.stderr)

    def prepare(self) -> list[Instance]:
        """Plan, load the model and judge, settle the run folder and its card."""
        plan: Plan = prepare(self.config, self.model, self.judge)
        self.model, self.judge, self.folder, self.card = plan.model, plan.judge, plan.folder, plan.card
        return plan.instances

    # -- running

    def run(self) -> RunOutcome:
        instances = self.prepare()
        results = self._previous_results()
        outcome = RunOutcome(self.run_dir, self._results(results, complete=False))
        overall = _tqdm(self.config.progress, total=len(instances), desc="instances", unit="inst", position=0)
        frozen = _freeze_heap()
        try:
            for instance in instances:
                overall.set_postfix_str(instance.name, refresh=False)
                results[instance.name] = self._run_instance(instance, results.get(instance.name))
                write_results(self.folder.results, self._results(results, complete=False))
                overall.update(1)
        except KeyboardInterrupt:
            outcome.interrupted = True
        finally:
            if frozen:
                gc.unfreeze()
            overall.close()
            self._close(self.model.close, "the model")
            self._close(getattr(self.judge, "close", None), "the judge")
        outcome.results = self._results(results, complete=not outcome.interrupted)
        write_results(self.folder.results, outcome.results)
        return outcome

    def _results(self, instances: dict[str, InstanceResult], complete: bool) -> Results:
        return Results.for_card(self.card, runcard.settings_hash(self.card), instances, complete)

    def _close(self, close: Callable[[], None] | None, what: str) -> None:
        """Release a model or judge; a failure to do so must not lose the results written so far."""
        if close is None:
            return
        try:
            close()
        except Exception as exc:
            self.say(f"closing {what} failed: {error_text(exc)}")

    def _previous_results(self) -> dict[str, InstanceResult]:
        if not self.folder.results.exists():
            return {}
        try:
            return dict(read_results(self.folder.results).instances)
        except StoreError:
            return {}  # rebuilt from the predictions as instances are run again

    def _run_instance(self, instance: Instance, previous: InstanceResult | None) -> InstanceResult:
        from .data import open_instance

        entry = self.card["instances"][instance.name]
        if not is_scored(instance.type):
            return InstanceResult.of(entry, status=SKIPPED, message="audio generation is not scored yet")
        if not instance.metric:
            return InstanceResult.of(entry, status=SKIPPED, message="its card names no metric")
        try:
            data = open_instance(instance, data_dir=self.config.data_dir, streaming=self.config.streaming)
            data.require_columns()  # before a predictions file is made for a dataset that cannot run
            if data.num_rows == 0:
                raise DataError(f"instance {instance.name}: {data.source} has no rows in its "
                                f"{instance.split!r} split", "data.min-rows")
        except DataError as exc:
            self.say(f"{instance.name}: not run: {exc}")
            return InstanceResult.of(entry, status=FAILED, message=str(exc))
        except Exception as exc:  # whatever else opening raises: report it, run the other instances
            message = f"cannot open its dataset: {error_text(exc)}"
            self.say(f"{instance.name}: {message}")
            return InstanceResult.of(entry, status=FAILED, message=message)
        self._record_source(entry, data.source)
        store = PredictionStore(self.folder.predictions(instance.name))
        try:
            done = store.open(drop_failed=self.config.retry_failed)
        except StoreError as exc:
            self.say(f"{instance.name}: {exc}")
            return InstanceResult.of(entry, status=FAILED, message=str(exc))
        try:
            written = self._predict(instance, data, store, set(done))
        except KeyboardInterrupt:
            raise
        except Exception as exc:  # a dataset that breaks mid-stream: keep what is written, go on
            why = str(exc)[:TEXT_LIMIT] if isinstance(exc, DsuperbError) else error_text(exc)
            self.say(f"{instance.name}: stopped: {why}")
            message = f"stopped after {len(store.rows)} sample(s): {why}"
            return InstanceResult.of(entry, status=FAILED, message=message)
        finally:
            store.close()
        return self._score(instance, data, entry, list(store.rows.values()), written, previous)

    def _record_source(self, entry: dict, source: str) -> None:
        """Where the data came from (hub at which revision, or a folder), in the run card."""
        if entry.get("source") != source:
            entry["source"] = source
            self.card = runcard.touch(self.card)
            from .infra.jsonfiles import write_json_atomic

            write_json_atomic(self.folder.card, self.card)

    def _score(self, instance: Instance, data, entry: dict, rows: list[dict], written: int,
               previous: InstanceResult | None) -> InstanceResult:
        try:
            if self.config.limit is not None:
                # the file may hold rows of an earlier run with a larger --limit: score this run's rows
                wanted = set(data.file_ids(self.config.limit))
                rows = [row for row in rows if str(row.get("file")) in wanted]
            judge = getattr(self.judge, "identity", None)
            unchanged = (not written and previous is not None and previous.count == len(rows)
                         and previous.judge in (None, judge) and previous.status == OK
                         and not previous.errors)  # failed rows (a judge outage) are scored again
            if unchanged and self.folder.scored(instance.name).exists():
                return previous  # nothing new since it was scored: scoring again would change nothing
            return score_instance(self.folder, entry, instance.name, rows, self.judge)
        except KeyboardInterrupt:
            raise
        except Exception as exc:
            text = str(exc) if isinstance(exc, DsuperbError) else error_text(exc)
            self.say(f"{instance.name}: scoring failed: {text}")
            return InstanceResult.of(entry, status=FAILED, message=f"scoring failed: {text}")

    def _samples(self, instance: Instance, data, done: set[str]) -> tuple[Iterator, Iterator]:
        """(the data layer's iterator, the samples still to run).

        Samples already done, or in another shard, are named in `skip` so they are never decoded,
        except under the shuffle control: it needs every sample, so that a sample's donor does not
        depend on what is already done or on the shard, and filters afterwards.
        """
        config = self.config
        skip: frozenset[str] = frozenset()
        if config.control != "shuffle":
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
        batch_size = self.config.batch_rows
        raw, samples = self._samples(instance, data, done)
        bar = _tqdm(self.config.progress, total=self._expected(data, done), desc=instance.name, unit="sample",
                    position=1, leave=False)
        written = 0
        pending: list = []
        failed_rows: list[dict] = []
        try:
            for sample in samples:
                if getattr(sample, "error", None):
                    failed_rows.append(_row(instance, sample, None, f"decode: {sample.error}"))
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
                                inputs=tuple(s.inputs)) for s in batch]
            for sample, answer in zip(batch, self._generate(requests), strict=True):
                if isinstance(answer, str):
                    rows.append(_row(instance, sample, answer, None))
                elif isinstance(answer, BaseException):
                    rows.append(_row(instance, sample, None, error_text(answer)))
                else:
                    wrong = f"model returned {type(answer).__name__} instead of text"
                    rows.append(_row(instance, sample, None, wrong))
        store.append(rows)
        bar.update(len(rows))
        return len(rows)

    def _generate(self, requests: list[Request]) -> list:
        """The model's answers; a batch that raises is retried one sample at a time, so only the
        sample that fails is recorded as failed."""
        def call(batch: list[Request]) -> list:
            answers = self.model.generate(batch)
            answers = list(answers) if isinstance(answers, (list, tuple)) else answers
            if not isinstance(answers, list) or len(answers) != len(batch):
                found = len(answers) if isinstance(answers, list) else type(answers).__name__
                raise ModelError(f"generate returned {found} answers for {len(batch)} requests")
            return answers

        return each_on_failure(requests, call)


def _row(instance: Instance, sample, response: str | None, error: str | None) -> dict:
    labels = sample.labels or {}
    values = tuple(labels.get(column) for column in instance.label_columns)
    row = PredictionRow(instance.name, str(sample.file), sample.instruction, values, response, error)
    return row.to_json()
