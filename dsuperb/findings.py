"""Findings: what validation reports, one problem at one place."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True)
class Finding:
    """One problem: where it is (path, line, field), how bad, and what is wrong.

    `rule` is a short stable identifier (e.g. ``card.schema``, ``data.min-rows``) that
    tests and CI filters can rely on; `message` is for people.
    """

    severity: str
    path: str
    field: str
    message: str
    rule: str
    line: int | None = None

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.severity}: {self.message} [{self.rule}]"

    def as_dict(self) -> dict:
        return asdict(self)

    def promoted(self) -> Finding:
        """The same finding as an error (for --strict)."""
        if self.severity != WARNING:
            return self
        return Finding(ERROR, self.path, self.field, self.message, self.rule, self.line)


def count(findings: Iterable[Finding]) -> dict[str, int]:
    totals = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        totals[finding.severity] += 1
    return totals


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
