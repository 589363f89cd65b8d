"""How an exception becomes text for a user, a log line or a stored row: one formatter."""

from __future__ import annotations

from ..errors import DsuperbError

TEXT_LIMIT = 500  # a stored error is for reading, not a dump of a server's HTML page


def first_line(exc: BaseException) -> str:
    """The first non-empty line of the exception's message, else its type's name."""
    for line in str(exc).strip().splitlines():
        if line.strip():
            return line.strip()
    return type(exc).__name__


def error_text(exc: BaseException, limit: int = TEXT_LIMIT) -> str:
    """`Type: first line`, cut to `limit` characters: what a failed sample records."""
    return f"{type(exc).__name__}: {first_line(exc)}"[:limit] if str(exc).strip() else type(exc).__name__


def reason(exc: BaseException, limit: int = TEXT_LIMIT) -> str:
    """Why something stopped, for a results message: a dsuperb error's own message (already
    written for people), else `Type: first line`."""
    return str(exc)[:limit] if isinstance(exc, DsuperbError) else error_text(exc, limit)
