"""Pin instances to dataset commits, for someone with hub access.

For each instance of a card: an unpinned one gets the current commit of its repository's main
branch (`HfApi.dataset_info`), written into the card in place (`cardedit`); a pinned one is
checked, because a commit the repository lacks (a copying error, a history rewrite) fails only
later, at `eval`. Earlier hub paths (`aliases`) are tried after the current one, as the data
layer does. Each card is written as soon as its instances are done, so an interruption loses
nothing already resolved.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .cardedit import set_revisions
from .cards import Card, Instance, display_path
from .errors import DataUnavailable, UsageError
from .infra.errortext import first_line

PINNED, EXISTS, PROBLEM = "pinned", "exists", "problem"
TIMEOUT_S = 15


@dataclass(frozen=True)
class PinOutcome:
    card: str  # the card's path as shown
    line: int | None
    instance: str
    outcome: str  # pinned, exists or problem
    revision: str | None
    message: str

    def format(self) -> str:
        where = f"{self.card}:{self.line}" if self.line else self.card
        return f"{where}: {self.instance}: {self.outcome}: {self.message}"


def hub_api():
    """The hub client, at $HF_ENDPOINT when set (read now, so a stand-in server can be given)."""
    from huggingface_hub import HfApi, constants

    if constants.HF_HUB_OFFLINE:  # huggingface_hub reads TRANSFORMERS_OFFLINE as well
        raise UsageError("dsuperb pin needs the hub, but HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE) is set: "
                         "unset it to pin or check revisions")
    return HfApi(endpoint=os.environ.get("HF_ENDPOINT") or None)


def pin_cards(cards: Iterable[tuple[Card, set[str] | None]], api, write: bool = True) -> Iterator[PinOutcome]:
    """Pin or check the instances of each card (all of them, or the names given with it)."""
    for card, names in cards:
        edits: dict[int, str] = {}
        try:
            for index, instance in _instances(card, names):
                outcome = _pin_one(api, card, index, instance)
                if outcome.outcome == PINNED:
                    edits[index] = outcome.revision
                yield outcome
        finally:
            if write and edits:  # also when the hub stops answering half way through a card
                set_revisions(card.path, edits)


def _instances(card: Card, names: set[str] | None) -> Iterator[tuple[int, Instance]]:
    by_name = {inst.name: inst for inst in card.task.instances}
    for index, raw in enumerate(card.data.get("instances") or []):
        name = raw.get("name") if isinstance(raw, dict) else None
        if name in by_name and (names is None or name in names):
            yield index, by_name[name]


def _pin_one(api, card: Card, index: int, instance: Instance) -> PinOutcome:
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError, RevisionNotFoundError

    line = card.line_of("instances", index, "revision")

    def outcome(kind: str, message: str, revision: str | None = instance.revision) -> PinOutcome:
        return PinOutcome(display_path(card.path), line, instance.name, kind, revision, message)

    for hf_path in instance.hub_paths:
        earlier = "" if hf_path == instance.hf_path else f" (found at its earlier path {hf_path})"
        try:
            info = api.dataset_info(hf_path, revision=instance.revision, timeout=TIMEOUT_S)
        except RepositoryNotFoundError:
            continue
        except RevisionNotFoundError:
            return outcome(PROBLEM, f"revision {instance.revision} does not exist in hub dataset {hf_path}; "
                                    "set `revision: null` and run `dsuperb pin` again to pin the current "
                                    "commit")
        except HfHubHTTPError as exc:
            return outcome(PROBLEM, f"the hub refused {hf_path} ({first_line(exc)})")
        except Exception as exc:  # the HTTP client's network errors: every further request would fail too
            raise DataUnavailable(f"the hub could not be reached for {hf_path} ({first_line(exc)}); "
                                  "cards pinned so far are written") from None
        if instance.revision:
            return outcome(EXISTS, f"{instance.revision[:12]} exists in {hf_path}{earlier}")
        if not isinstance(info.sha, str) or len(info.sha) != 40:
            return outcome(PROBLEM, f"the hub gave no commit for {hf_path}")
        return outcome(PINNED, f"pinned to {info.sha[:12]}, the head of main in {hf_path}{earlier}", info.sha)
    tried = ", ".join(instance.hub_paths)
    return outcome(PROBLEM, f"no hub dataset at {tried} (or it is private, and the token lacks access)")
