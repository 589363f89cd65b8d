"""The one error family: every problem a user can cause or fix is a `DsuperbError`.

`cli.main` catches the base class once and prints its message as one line (exit 2), so a
user's mistake never ends in a traceback and no command maps errors one by one. Each layer
raises its own subclass, so code that must tell layers apart (the runner records a model's
failure per sample but stops on a run-folder problem) can still do so. A bug is not a
`DsuperbError`: it keeps its traceback.

This module imports nothing of ours: every layer may import it.
"""

from __future__ import annotations


class DsuperbError(Exception):
    """A problem stated for the user. `rule` is a short stable id (e.g. ``data.split``) that
    tests, findings and CI filters can rely on; the message is for people."""

    def __init__(self, message: str, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.rule = rule

    def __str__(self) -> str:
        return self.message


class UsageError(DsuperbError):
    """A command-line argument that cannot be used as given."""


class CardError(DsuperbError):
    """A task card, the taxonomy or a task folder that cannot be used (read, scaffolded, documented)."""


class DataError(DsuperbError):
    """A dataset that was found but cannot be used as it is (no test split, a missing column, a bad file)."""

    def __init__(self, message: str, rule: str | None = "data.read"):
        super().__init__(message, rule)


class DataUnavailable(DataError):
    """A dataset that cannot be found or reached; the message says where we looked and what to do."""

    def __init__(self, message: str, rule: str | None = "data.unavailable"):
        super().__init__(message, rule)


class ModelError(DsuperbError):
    """A model that cannot be loaded or used."""


class EndpointError(ModelError):
    """A chat-completions request that failed for good (after its retries where retrying made sense)."""


class ScoringError(DsuperbError):
    """A metric, a predictions file or a judge that cannot score what it was given."""


class JudgeError(ScoringError):
    """A judge that cannot be built or cannot answer."""


class RunError(DsuperbError):
    """What an evaluation run was asked to do cannot be done (unknown task, mismatched run folder, shards)."""


class StoreError(DsuperbError):
    """A file of a run folder (or a JSON/JSONL file given to a command) that cannot be used as it is."""


class ReportError(DsuperbError):
    """Run folders or report options that the report cannot use."""
