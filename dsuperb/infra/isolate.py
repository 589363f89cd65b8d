"""Batches whose failure costs only the item that failed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Answer = TypeVar("Answer")


def each_on_failure(items: Sequence[Item], call: Callable[[Sequence[Item]], list[Answer]],
                    reraise: Callable[[BaseException], bool] = lambda error: False
                    ) -> list[Answer | BaseException]:
    """`call(items)`; when it raises, call each item alone, so that one bad item comes back as its own
    exception and the others as their answers. Errors `reraise` accepts (e.g. out of memory, which a
    smaller batch may cure) propagate from a batch of several; KeyboardInterrupt always does."""
    try:
        return list(call(items))
    except Exception as error:  # noqa: BLE001 - recorded per item below
        if len(items) == 1:
            return [error]
        if reraise(error):
            raise
    return [each_on_failure([item], call)[0] for item in items]
