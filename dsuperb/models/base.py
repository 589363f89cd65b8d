"""The model interface every adapter implements: a batch of requests in, text responses out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

SAMPLING_RATE = 16_000


@dataclass(frozen=True)
class Request:
    """One sample as a model sees it: its audio inputs (16 kHz mono float32, in the card's
    order; none for text-only instances), extra text inputs, and the instruction."""

    id: str
    instance: str
    instruction: str
    audios: tuple[np.ndarray, ...] = ()
    texts: tuple[str, ...] = ()
    sampling_rate: int = SAMPLING_RATE

    @property
    def prompt(self) -> str:
        """The text part of the turn: any extra text inputs, then the instruction, one per line."""
        return "\n".join([*self.texts, self.instruction])


@dataclass(frozen=True)
class ModelOptions:
    """Settings a user can pass on the command line; every adapter takes what it needs."""

    device: str = "auto"
    dtype: str = "auto"
    batch_size: int = 1
    max_new_tokens: int = 256
    revision: str | None = None
    trust_remote_code: bool = False
    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    concurrency: int = 4
    timeout: float = 120.0
    max_retries: int = 3
    seed: int = 0
    extra: dict = field(default_factory=dict)


class ModelError(Exception):
    """A model that cannot be loaded or used; the message is for the user."""


class Model(ABC):
    """Adapters return one item per request: the response text, or the exception that sample
    raised (the runner records it and goes on)."""

    name: str = ""

    def prepare(self, instance, label_counts: dict[str, int] | None = None) -> None:  # noqa: B027
        """Called before each instance's first batch; most adapters need nothing here."""

    @abstractmethod
    def generate(self, requests: Sequence[Request]) -> list[str | BaseException]:
        """Answer a batch of requests, in order."""

    def describe(self) -> dict:
        """What goes into the run card: id, revision, generation settings, template hash."""
        return {"id": self.name}

    def close(self) -> None:  # noqa: B027
        """Release what the model holds (GPU memory, HTTP sessions)."""
