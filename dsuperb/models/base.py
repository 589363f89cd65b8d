"""The model interface every adapter implements: a batch of requests in, text responses out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..errors import ModelError
from ..vocab.inputs import SAMPLING_RATE, CarriesInputs, Input, InputKind
from .options import CommonOptions, NoOptions

__all__ = ["Answered", "Model", "ModelError", "Request", "CommonOptions", "SAMPLING_RATE"]


@dataclass(frozen=True)
class Request(CarriesInputs):
    """One sample as a model sees it: its typed inputs in the card's order (audio as 16 kHz mono
    float32, text as strings; none for instruction-only instances), the instruction, and the run's
    system prompt (None: none given; chat backends send it as a system message)."""

    id: str
    instance: str
    instruction: str
    inputs: tuple[Input, ...] = ()
    sampling_rate: int = SAMPLING_RATE
    system: str | None = None

    @property
    def prompt(self) -> str:
        """The text part of the turn: any text inputs, then the instruction, one per line."""
        return "\n".join([*self.texts, self.instruction])

    @classmethod
    def of(cls, id: str, instance: str, instruction: str, audios=(), texts=(), system: str | None = None
           ) -> Request:
        """A request from plain audio arrays and texts (tests, cascades, benchmarks)."""
        inputs = [Input(InputKind.AUDIO, f"audio{i + 1}" if i else "audio", a) for i, a in enumerate(audios)]
        inputs += [Input(InputKind.TEXT, f"text{i + 1}" if i else "text", t) for i, t in enumerate(texts)]
        return cls(id=id, instance=instance, instruction=instruction, inputs=tuple(inputs), system=system)


Answered = list[tuple[Request, "str | BaseException"]]  # requests answered together, with their answers


class Model(ABC):
    """Adapters return one item per request: the response text, or the exception that sample
    raised (the runner records it and goes on).

    An adapter declares `Options`, the dataclass of its own settings (filled from
    `--model-option`), and `accepts`, the input kinds it can take.

    A model that answers each request on its own (a served model) may stream instead: it sets
    `streams` and implements `answer_stream`, which takes requests as they come, across instance
    boundaries, and yields answers as they complete. Its `prepare` must then leave the answers of
    requests already taken unchanged.
    """

    streams: bool = False

    name: str = ""
    Options = NoOptions
    options = NoOptions()  # the adapter's filled Options (recorded in the run card)
    accepts: frozenset[InputKind] = frozenset({InputKind.AUDIO, InputKind.TEXT})

    def prepare(self, instance, label_counts: dict[str, int] | None = None) -> None:  # noqa: B027
        """Called before each instance's first batch; most adapters need nothing here."""

    @abstractmethod
    def generate(self, requests: Sequence[Request]) -> list[str | BaseException]:
        """Answer a batch of requests, in order."""

    def answer_stream(self, requests: Iterable[Request]) -> Iterator[Answered]:
        """Streaming models only: answer requests pulled from `requests`, yielding groups of
        (request, text or exception) in the order they complete."""
        raise NotImplementedError(f"{type(self).__name__} does not stream")

    def rows_per_call(self, batch_rows: int) -> int:
        """How many samples one `generate` call should get, given the batch size's row count (an
        adapter that regroups a call's samples into its own batches may want more)."""
        return batch_rows

    def describe(self) -> dict:
        """What goes into the run card: id, revision, generation settings, template hash."""
        return {"id": self.name}

    def execution(self) -> dict:
        """How the model is run, for the run card's `execution` (recorded, never compared):
        e.g. the servers behind an endpoint and the model each one serves."""
        return {}

    def close(self) -> None:  # noqa: B027
        """Release what the model holds (GPU memory, HTTP sessions)."""
