"""Turn instances' samples into stored predictions and scored results.

For each instance: open its dataset (the data layer decodes ahead in a background prefetch),
skip the samples already in the predictions file, hand the rest to the model, append the rows as
answers come back and flush, then score the whole file and write the scored rows and
results.json whole (`predict.InstanceRun` holds one instance on its way). A model that streams
(a served model) is fed one stream across all instances, so its window of requests in flight
stays full at instance boundaries; any other model gets each instance's samples in calls of a
few. A sample that raises is recorded with its error; an instance whose dataset cannot be opened
is reported and skipped; Ctrl-C leaves everything so far on disk. What to run and where
(instances, model, judge, the run folder) is settled by `runplan`.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from .cards import Instance
from .errors import StoreError
from .infra.errortext import error_text, reason
from .models.base import Model
from .predict import InstanceRun, batched_answers
from .runfolder import runcard
from .runfolder.layout import RunFolder
from .runfolder.records import FAILED, OK, InstanceResult, Results, read_results, write_results
from .runfolder.scored import score_instance
from .runplan import EvalConfig, Plan, prepare

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
        # a streamed run scores on a worker thread: results and the card are shared with it
        self._lock = threading.RLock()
        self._scoring: ThreadPoolExecutor | None = None
        self._scored: list[Future] = []

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
        plan: Plan = prepare(self.config, self.model, self.judge, say=self.say)
        self.model, self.judge, self.folder, self.card = plan.model, plan.judge, plan.folder, plan.card
        return plan.instances

    # -- running

    def run(self) -> RunOutcome:
        instances = self.prepare()
        results = self._previous_results()
        interrupted = False
        self._open: dict[str, InstanceRun] = {}
        self._overall = _tqdm(self.config.progress, total=len(instances), desc="instances", unit="inst",
                              position=0)
        frozen = _freeze_heap()
        try:
            if self.model.streams:
                self._stream(instances, results)
            else:
                self._batches(instances, results)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            if frozen:
                gc.unfreeze()
            for run in list(self._open.values()):
                run.close()  # what was appended so far stays; the rest runs on resume
            self._overall.close()
            self._close(self.model.close, "the model")
            self._close(getattr(self.judge, "close", None), "the judge")
        with self._lock:  # an instance still being scored after Ctrl-C may write too: one at a time
            outcome = RunOutcome(self.run_dir, self._results(results, complete=not interrupted), interrupted)
            write_results(self.folder.results, outcome.results)
        self.card = runcard.record_finish(self.folder, self.card)  # end and wall time, for reports
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

    def _start(self, instance: Instance, results: dict[str, InstanceResult]) -> InstanceRun | None:
        """Open an instance for feeding; one that ends at once (skipped, cannot be opened) is
        finished here and None returned."""
        entry = self.card["instances"][instance.name]
        started = InstanceRun.start(instance, entry, self.config, self.folder.predictions(instance.name))
        if "analysis" in entry:  # what the analysis asks of the instance, for the report
            self._write_card()
        if isinstance(started, InstanceResult):
            self._finished(instance.name, started, results)
            return None
        self._record_source(entry, started.data.source)
        started.prepare_model(self.model)
        started.bar = _tqdm(self.config.progress, total=started.expected(), desc=instance.name, unit="sample",
                            position=1, leave=False)
        self._open[instance.name] = started
        self._overall.set_postfix_str(instance.name, refresh=False)
        return started

    def _finish(self, run: InstanceRun, results: dict[str, InstanceResult]) -> None:
        """Every answer of the instance is in: close its file, then score it and write results.json
        (on the scoring thread when the run streams)."""
        self._open.pop(run.instance.name, None)
        run.close()
        if self._scoring is None:
            self._settle(run, results)
            return
        self._raise_scoring_failure()
        self._scored.append(self._scoring.submit(self._settle, run, results))

    def _settle(self, run: InstanceRun, results: dict[str, InstanceResult]) -> None:
        name = run.instance.name
        if run.stopped is not None:
            message = f"stopped after {len(run.store.rows)} sample(s): {run.stopped}"
            result = InstanceResult.of(run.entry, status=FAILED, message=message)
        else:
            with self._lock:
                previous = results.get(name)
            result = self._score(run.instance, run.data, run.entry, run.rows, run.written, previous)
        self._finished(name, result, results)

    def _finished(self, name: str, result: InstanceResult, results: dict[str, InstanceResult]) -> None:
        with self._lock:
            results[name] = result
            write_results(self.folder.results, self._results(results, complete=False))
            self._overall.update(1)

    def _stream(self, instances: list[Instance], results: dict[str, InstanceResult]) -> None:
        """A streaming model is fed every instance's requests in one stream, so the window of
        requests in flight stays full across instance boundaries; answers are stored as they come.
        A finished instance is scored on one worker thread, in order: an LLM judge takes seconds to
        minutes per instance, and scoring on this thread would stop feeding the window meanwhile."""
        def requests():
            for instance in instances:
                run = self._start(instance, results)
                if run is None:
                    continue
                yield from run.requests()
                if run.finished:
                    self._finish(run, results)

        self._scoring = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dsuperb-scoring")
        try:
            for group in self.model.answer_stream(requests()):
                self._record(group, results)
            for future in self._scored:
                future.result()  # every instance scored before the run is called complete
        finally:  # on Ctrl-C: the instance being scored finishes, the rest are scored on resume
            self._scoring.shutdown(wait=False, cancel_futures=True)
            self._scoring = None

    def _raise_scoring_failure(self) -> None:
        """A scorer that crashed (not a scoring error, which fails its instance) stops the run
        as it would have without the thread."""
        for future in [f for f in self._scored if f.done()]:
            future.result()
            self._scored.remove(future)

    def _batches(self, instances: list[Instance], results: dict[str, InstanceResult]) -> None:
        """A model that does not stream gets each instance's samples in calls of `rows_per_call`."""
        for instance in instances:
            run = self._start(instance, results)
            if run is None:
                continue
            rows = self.model.rows_per_call(self.config.batch_rows)
            for group in batched_answers(self.model, run.requests(), rows):
                self._record(group, results)
            if run.finished:
                self._finish(run, results)

    def _record(self, group: list, results: dict[str, InstanceResult]) -> None:
        by_instance: dict[str, list] = {}
        for request, answer in group:
            by_instance.setdefault(request.instance, []).append((request, answer))
        for name, answers in by_instance.items():
            run = self._open[name]
            run.record(answers)
            if run.finished:
                self._finish(run, results)

    def _record_source(self, entry: dict, source: str) -> None:
        """Where the data came from (hub at which revision, or a folder), in the run card."""
        if entry.get("source") != source:
            with self._lock:
                entry["source"] = source
                self._write_card()

    def _write_card(self) -> None:
        from .infra.jsonfiles import write_json_atomic

        with self._lock:
            self.card = runcard.touch(self.card)
            write_json_atomic(self.folder.card, self.card)

    def _score(self, instance: Instance, data, entry: dict, rows: list[dict], written: int,
               previous: InstanceResult | None) -> InstanceResult:
        try:
            if self.config.limit is not None:
                # the file may hold rows of an earlier run with a larger --limit: score this run's rows
                wanted = set(data.file_ids(self.config.limit))
                rows = [row for row in rows if str(row.get("variant_of") or row.get("file")) in wanted]
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
            text = reason(exc)
            return InstanceResult.of(entry, status=FAILED, message=f"scoring failed: {text}")
