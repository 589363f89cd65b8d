"""Task types: the four kinds of task a card may declare (held equal to the card schema's enum by a test)."""

from __future__ import annotations

from enum import Enum


class TaskType(str, Enum):
    CLASSIFICATION = "classification"
    REGRESSION = "regression"
    SEQUENCE_GENERATION = "sequence_generation"
    AUDIO_GENERATION = "audio_generation"

    def __str__(self) -> str:
        return self.value


def is_scored(task_type: str) -> bool:
    """Audio generation is not scored yet: its instances are run by nobody and reported as skipped."""
    return task_type != TaskType.AUDIO_GENERATION
