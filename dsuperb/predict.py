"""One instance's samples on their way through the model and into its predictions file.

`InstanceRun.start` opens the instance's dataset and predictions file (or says why it cannot);
`requests()` yields a request for each sample still to run (done samples and other shards' are
never decoded; a clip that cannot be decoded is written as a failed row at once); `record()`
appends the answers that came back; the instance is `finished` when its samples are all pulled
and every request sent has been answered. The runner may keep several instances open at once:
a streaming model is fed the next instance's requests while the last ones of an instance are
still on their way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import controls
from .analyses.plan import Plan, asked, plan_instance
from .cards import Instance
from .errors import DataError, ModelError, StoreError
from .infra.errortext import error_text, reason
from .infra.isolate import each_on_failure
from .models.base import Model, Request
from .runfolder.records import FAILED, SKIPPED, InstanceResult, PredictionRow
from .runfolder.store import PredictionStore
from .selection import in_shard
from .vocab.prompts import DIRECT, instruction_for
from .vocab.tasktypes import is_scored


@dataclass
class _Pending:
    """What a row needs of a sample whose answer is on its way (not its audio)."""

    instruction: str
    labels: dict | None
    variant_of: str | None = None
    variant: object = None


@dataclass
class InstanceRun:
    instance: Instance
    entry: dict
    data: object
    store: PredictionStore
    config: object  # the run's EvalConfig
    bar: object = None
    written: int = 0
    stopped: str | None = None  # why the samples stopped coming (a dataset that broke mid-stream)
    source_done: bool = False
    pending: dict[str, _Pending] = field(default_factory=dict)
    plan: Plan | None = None  # an analysis run: each sample's variants

    # -- opening --------------------------------------------------------------------------------

    @classmethod
    def start(cls, instance: Instance, entry: dict, config, store_path) -> InstanceRun | InstanceResult:
        """The instance opened and ready to feed, or the result it ends with at once (not scored,
        its dataset cannot be opened, its predictions file is damaged). A failure is recorded in
        the results, which the command lists once at the end of the run."""
        from .data import open_instance

        if not is_scored(instance.type):
            return InstanceResult.of(entry, status=SKIPPED, message="audio generation is not scored yet")
        if not instance.metric:
            return InstanceResult.of(entry, status=SKIPPED, message="its card names no metric")
        try:
            data = open_instance(instance, data_dir=config.data_dir, streaming=config.streaming)
            data.require_columns()  # before a predictions file is made for a dataset that cannot run
            if data.num_rows == 0:
                raise DataError(f"instance {instance.name}: {data.source} has no rows in its "
                                f"{instance.split!r} split", "data.min-rows")
        except DataError as exc:
            return InstanceResult.of(entry, status=FAILED, message=str(exc))
        except Exception as exc:  # whatever else opening raises: record it, run the other instances
            message = f"cannot open its dataset: {error_text(exc)}"
            return InstanceResult.of(entry, status=FAILED, message=message)
        plan = None
        if config.analysis is not None:
            try:
                plan = plan_instance(config.analysis, instance, data, config.seed, config.limit)
            except DataError as exc:
                return InstanceResult.of(entry, status=FAILED, message=str(exc))
            entry["analysis"] = plan.summary()  # the runner writes it into the run card
            if plan.problem is not None or not plan.variants:
                why = plan.problem or f"no sample can be asked again ({', '.join(plan.skipped)})"
                return InstanceResult.of(entry, status=SKIPPED, message=f"not analysed: {why}")
        store = PredictionStore(store_path)
        try:
            store.open(drop_failed=config.retry_failed)
        except StoreError as exc:
            return InstanceResult.of(entry, status=FAILED, message=str(exc))
        return cls(instance, entry, data, store, config, plan=plan)

    def prepare_model(self, model: Model) -> None:
        if getattr(model, "wants_label_counts", False):
            model.prepare(self.instance, self.data.label_counts())
        else:
            model.prepare(self.instance, None)

    # -- feeding --------------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.source_done and not self.pending

    @property
    def rows(self) -> list[dict]:
        return list(self.store.rows.values())

    def expected(self) -> int | None:
        """About how many samples are still to run (for the progress bar only)."""
        rows = getattr(self.data, "num_rows", None)
        if self.plan is not None:
            rows = self.plan.summary()["rows"]
        if rows is None:
            return None
        config = self.config
        if config.limit is not None and self.plan is None:
            rows = min(rows, config.limit)
        if config.shard:
            rows = -(-rows // config.shard[1])  # about one n-th
        return max(rows - len(self.store.rows), 0)

    def requests(self) -> Iterator[Request]:
        """A request per sample still to run. A dataset that breaks mid-stream ends the samples
        (what is written is kept) and leaves the reason in `stopped`."""
        raw, samples = self._samples()
        started: set[str] = set()
        try:
            for sample in samples:
                if str(sample.file) in started:
                    continue  # a file id twice in the dataset: the first one is the sample
                started.add(str(sample.file))
                for variant_of, variant, each in self._asked(sample):
                    key = str(each.file)
                    pending = _Pending(each.instruction, each.labels, variant_of, variant)
                    if getattr(each, "error", None):
                        self._append([self._row(key, pending, None, f"decode: {each.error}")])
                        continue
                    self.pending[key] = pending
                    yield Request(id=key, instance=self.instance.name, system=self.config.system_prompt,
                                  instruction=instruction_for(each.instruction, self.config.prompt_strategy),
                                  inputs=tuple(each.inputs))
        except KeyboardInterrupt:
            raise
        except Exception as exc:
            why = reason(exc)
            self.stopped = why
        finally:
            self.source_done = True
            close = getattr(raw, "close", None)
            if close is not None:
                close()  # stops the data layer's prefetch

    def _asked(self, sample) -> Iterator[tuple[str | None, object, object]]:
        """(variant_of, variant, the sample as asked) for each request the sample makes: itself, or
        under an analysis each of its variants not yet answered."""
        if self.plan is None:
            yield None, None, sample
            return
        file = str(sample.file)
        for variant, each in asked(sample, self.plan.variants[file], self.instance, self.store.rows):
            yield file, variant.recorded, each

    def _samples(self) -> tuple[Iterator, Iterator]:
        """(the data layer's iterator, the samples still to run).

        Samples already done, or in another shard, are named in `skip` so they are never decoded,
        except under the shuffle control: it needs every sample, so that a sample's donor does not
        depend on what is already done or on the shard, and filters afterwards.
        """
        config, name, done = self.config, self.instance.name, self.store.rows
        skip: frozenset[str] = frozenset()
        if self.plan is not None:  # a sample is decoded while one of its variants is still to ask
            skip = frozenset(file for file in self.plan.files if not self._to_ask(file))
        elif config.control != "shuffle":
            skip = frozenset(done) | self._other_shards()
        raw = self.data.samples(limit=config.limit, skip=skip)
        stream = controls.apply(config.control, raw, config.seed, name)

        def remaining():
            for sample in stream:
                key = str(sample.file)
                if (key in done if self.plan is None else not self._to_ask(key)) \
                        or not in_shard(name, key, config.shard):
                    continue
                yield sample

        return raw, remaining()

    def _to_ask(self, file: str) -> bool:
        """An analysis: whether the sample is this shard's and some variant of it is unanswered
        (a variant's shard is its sample's, so a sample's answers stay together)."""
        variants = self.plan.variants.get(file)
        return (variants is not None and in_shard(self.instance.name, file, self.config.shard)
                and any(v.key not in self.store.rows for v in variants))

    def _other_shards(self) -> frozenset[str]:
        """File ids of the rows that belong to other shards, read from the `file` column alone."""
        shard = self.config.shard
        if shard is None or shard[1] == 1:
            return frozenset()
        return frozenset(key for key in self.data.file_ids(self.config.limit)
                         if not in_shard(self.instance.name, key, shard))

    # -- answers --------------------------------------------------------------------------------

    def record(self, answers: Iterable[tuple[Request, object]]) -> None:
        """Append the rows of answers that came back (text, or the exception the sample raised)."""
        rows = []
        for request, answer in answers:
            sample = self.pending.pop(request.id)
            if isinstance(answer, str):
                response, error = answer, None
            elif isinstance(answer, BaseException):
                response, error = None, error_text(answer)
            else:
                response, error = None, f"model returned {type(answer).__name__} instead of text"
            rows.append(self._row(request.id, sample, response, error))
        self._append(rows)

    def _row(self, key: str, sample: _Pending, response: str | None, error: str | None) -> dict:
        labels = sample.labels or {}
        values = tuple(labels.get(column) for column in self.instance.label_columns)
        strategy = self.config.prompt_strategy
        return PredictionRow(self.instance.name, key, sample.instruction, values, response, error,
                             sample.variant_of, sample.variant,
                             None if strategy == DIRECT else strategy).to_json()

    def _append(self, rows: list[dict]) -> None:
        if rows:
            self.store.append(rows)
            self.written += len(rows)
            if self.bar is not None:
                self.bar.update(len(rows))

    def close(self) -> None:
        self.store.close()
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def batched_answers(model: Model, requests: Iterable[Request], rows: int
                    ) -> Iterator[list[tuple[Request, object]]]:
    """Answers of a model that does not stream: `rows` requests per `generate` call, each call's
    answers as one group. A call that raises is retried one sample at a time, so only the sample
    that fails is recorded as failed."""
    def call(batch: list[Request]) -> list:
        answers = model.generate(batch)
        answers = list(answers) if isinstance(answers, (list, tuple)) else answers
        if not isinstance(answers, list) or len(answers) != len(batch):
            found = len(answers) if isinstance(answers, list) else type(answers).__name__
            raise ModelError(f"generate returned {found} answers for {len(batch)} requests")
        return answers

    batch: list[Request] = []
    for request in requests:
        batch.append(request)
        if len(batch) >= rows:
            yield list(zip(batch, each_on_failure(batch, call), strict=True))
            batch = []
    if batch:
        yield list(zip(batch, each_on_failure(batch, call), strict=True))
