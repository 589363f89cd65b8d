"""Rules for task folders: the card's schema, names, pins, metrics and label sets, and its README.

Each rule is a small function taking a `Card` and yielding findings; `validate_cards` runs
them all, then the rules that span the repository (instance names unique across tasks).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

import jsonschema

from ..cards import Card, card_path, display_path, dotted, read_card
from ..findings import ERROR, WARNING, Finding
from ..infra.schemas import validator
from ..task_readme import README_FILE, fill_markers
from ..vocab import metrics as registry

INSTANCE_NAME = re.compile(r"^(?P<task>[A-Za-z0-9]+)_(?P<dataset>[A-Za-z0-9.]+(?:[-_][A-Za-z0-9.]+)*)$")
PLACEHOLDER = re.compile(r"\bTODO\b|<fill[^>]*>|FILL[ _]ME", re.IGNORECASE)


def _finding(card: Card, where: tuple, message: str, rule: str, severity: str = ERROR) -> Finding:
    return Finding(severity, display_path(card.path), dotted(where), message, rule, card.line_of(*where))


def schema_rule(card: Card) -> Iterator[Finding]:
    seen = set()
    errors = sorted(validator("task").iter_errors(card.data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            # point at the first unknown key itself, not at the mapping holding it
            allowed = error.schema.get("properties", {})
            extra = sorted((k for k in error.instance if k not in allowed), key=str)
            where = (*where, extra[0]) if extra else where
        message = _schema_message(error)
        if (where, message) not in seen:  # `required` reports once per missing key
            seen.add((where, message))
            yield _finding(card, where, message, "card.schema")


def _schema_message(error: jsonschema.ValidationError) -> str:
    found = _short(error.instance)
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        return f"missing required field(s): {', '.join(missing)}"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed), key=str)
        return f"unknown field(s) {', '.join(map(str, extra))}; expected one of: {', '.join(allowed)}"
    if error.validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        hint = ""
        if isinstance(error.instance, bool) and "string" in str(expected):
            hint = " (YAML reads unquoted yes/no/on/off/true/false as booleans: quote the value)"
        return f"expected {expected}, found {type(error.instance).__name__} {found}{hint}"
    if error.validator == "enum":
        return f"expected one of {', '.join(map(str, error.validator_value))}; found {found}"
    if error.validator == "pattern":
        return f"expected text matching {error.validator_value}; found {found}"
    if error.validator == "const":
        return f"expected {error.validator_value!r}; found {found}"
    return f"{error.message}"


def _short(value, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def folder_name_rule(card: Card) -> Iterator[Finding]:
    name = card.data.get("name")
    folder = card.path.parent.name
    if isinstance(name, str) and name != folder:
        yield _finding(card, ("name",), f"task name {name!r} must equal its folder's name {folder!r}",
                       "card.folder-name")


def _instances(card: Card) -> Iterator[tuple[int, dict]]:
    items = card.data.get("instances")
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def instance_name_rule(card: Card) -> Iterator[Finding]:
    task = card.data.get("name")
    for index, item in _instances(card):
        name, hf_path = item.get("name"), item.get("hf_path")
        if not isinstance(name, str):
            continue
        match = INSTANCE_NAME.match(name)
        if not match:
            yield _finding(card, ("instances", index, "name"),
                           f"instance name {name!r} does not follow {{Task}}_{{Dataset}}[-{{Subset}}]",
                           "card.instance-name", WARNING)
        elif isinstance(task, str) and not name.startswith(task + "_"):
            yield _finding(card, ("instances", index, "name"),
                           f"instance name {name!r} does not start with the task name and an "
                           f"underscore ('{task}_')",
                           "card.instance-name", WARNING)
        if isinstance(hf_path, str) and hf_path.split("/")[-1] != name:
            yield _finding(card, ("instances", index, "hf_path"),
                           f"hub name {hf_path.split('/')[-1]!r} differs from the instance name {name!r}",
                           "card.hub-name", WARNING)


def revision_rule(card: Card) -> Iterator[Finding]:
    for index, item in _instances(card):
        if "revision" in item and item["revision"] is None:
            yield _finding(card, ("instances", index, "revision"),
                           "unpinned: no 40-hex dataset commit is recorded, so results may change "
                           "when the dataset does", "card.unpinned", WARNING)


def license_rule(card: Card) -> Iterator[Finding]:
    licence = card.data.get("license")
    if isinstance(licence, str) and licence.strip().lower() == "unknown":
        yield _finding(card, ("license",), "license unknown: redistribution is not confirmed",
                       "card.license-unknown", WARNING)


def metric_rule(card: Card) -> Iterator[Finding]:
    task_type, task_metric = card.data.get("type"), card.data.get("metric")
    yield from _check_metric(card, ("metric",), task_type, task_metric, "metric" in card.data)
    for index, item in _instances(card):
        if "metric" in item or "type" in item:
            yield from _check_metric(card, ("instances", index, "metric" if "metric" in item else "type"),
                                     item.get("type", task_type), item.get("metric", task_metric), True)


def _check_metric(card: Card, where: tuple, task_type, metric, present: bool) -> Iterator[Finding]:
    if not isinstance(task_type, str):
        return
    if metric is None:
        if task_type != registry.AUDIO_GENERATION and present:
            yield _finding(card, where, f"a {task_type} task needs a metric", "card.metric-missing")
        elif task_type != registry.AUDIO_GENERATION:
            yield _finding(card, where, f"missing field metric (a {task_type} task needs one)",
                           "card.metric-missing")
        return
    if not isinstance(metric, str):
        return
    info = registry.get(metric)
    if info is None:
        yield _finding(card, where, f"unknown metric {metric!r}; known: {', '.join(registry.names())}",
                       "card.metric-unknown")
    elif not info.fits(task_type):
        yield _finding(card, where, f"metric {metric!r} does not fit task type {task_type!r} "
                       f"(it fits {', '.join(sorted(info.types))})", "card.metric-type")


def label_set_rule(card: Card) -> Iterator[Finding]:
    task_type = card.data.get("type")
    places = [(("label_set",), card.data.get("label_set"), task_type)]
    places += [(("instances", i, "label_set"), item.get("label_set"), item.get("type", task_type))
               for i, item in _instances(card)]
    for where, labels, kind in places:
        if labels is None:
            continue
        if kind != registry.CLASSIFICATION:
            yield _finding(card, where, f"label_set is for classification; this is {kind!r}",
                           "card.label-set")
        if isinstance(labels, list):
            folded = [str(label).strip().lower() for label in labels]
            dupes = sorted({label for label in folded if folded.count(label) > 1})
            if dupes:
                yield _finding(card, where, f"labels repeat when case is ignored: {', '.join(dupes)}",
                               "card.label-set")
    task_labels = card.data.get("label_set")
    if isinstance(task_labels, list):
        allowed = {str(label) for label in task_labels}
        for where, labels, _ in places[1:]:
            if isinstance(labels, list) and not set(map(str, labels)) <= allowed:
                extra = sorted(set(map(str, labels)) - allowed)
                yield _finding(card, where, f"instance labels {extra} are not in the task's label_set",
                               "card.label-set")


def placeholder_rule(card: Card) -> Iterator[Finding]:
    """Values a scaffold leaves for the contributor (TODO, <fill ...>) must be filled in."""
    yield from _placeholders(card, (), card.data)


def _placeholders(card: Card, where: tuple, value) -> Iterator[Finding]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(card, (*where, key), item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholders(card, (*where, index), item)
    elif isinstance(value, str) and PLACEHOLDER.search(value):
        yield _finding(card, where, f"placeholder not filled in: {_short(value)}", "card.placeholder")


def alias_rule(card: Card) -> Iterator[Finding]:
    """An instance's earlier hub paths must differ from its current one."""
    for index, item in _instances(card):
        hf_path, aliases = item.get("hf_path"), item.get("aliases")
        if isinstance(hf_path, str) and isinstance(aliases, list):
            for position, alias in enumerate(aliases):
                if alias == hf_path:  # a case variant is a real earlier spelling (SuperbER_Ravdess)
                    yield _finding(card, ("instances", index, "aliases", position),
                                   f"alias {alias!r} is the instance's own hf_path; aliases list earlier "
                                   "hub paths only", "card.alias")


def readme_rule(card: Card) -> Iterator[Finding]:
    """Every task folder holds a README.md for reviewers and users, with no scaffold marker left."""
    readme = card.path.parent / README_FILE
    shown = display_path(readme)
    if not readme.is_file():
        yield Finding(ERROR, shown, "", f"missing: every task folder needs a {README_FILE} (`dsuperb docs` "
                      "writes one from the card; `dsuperb new` scaffolds one)", "card.readme-missing")
        return
    try:
        text = readme.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        yield Finding(ERROR, shown, "", f"cannot be read as UTF-8 text ({exc})", "card.readme-missing")
        return
    if not text.strip():
        yield Finding(ERROR, shown, "", "empty: say what the task is, its objective, its datasets and "
                      "references", "card.readme-missing")
    for marker in fill_markers(text):
        yield Finding(ERROR, shown, "", f"placeholder not filled in: {_short(marker.text)}",
                      "card.readme-placeholder", marker.line)


def audio_order_rule(card: Card) -> Iterator[Finding]:
    """`audio_order` must fit each instance: two or more audio columns to reorder, of its own, and
    labels naming each place among them exactly once (so a permuted label is always defined)."""
    instances = card.task.instances if card.task is not None else ()
    for index, (item, spec) in enumerate(zip((i for _, i in _instances(card)), instances, strict=False)):
        order = spec.audio_order
        if order is None:
            continue
        where = ("instances", index, "audio_order") if "audio_order" in item else ("audio_order",)
        moved = order.reordered(spec.audio_columns)
        unknown = sorted(set(order.columns or ()) - set(spec.audio_columns))
        places = sorted(place for _, place in order.labels)
        if unknown:
            problem = f"columns {', '.join(unknown)} are not audio columns of {spec.name}"
        elif len(moved) < 2:
            problem = f"{spec.name} has {len(moved)} audio column(s) to reorder; it takes two or more"
        elif order.labels and places != list(range(1, len(moved) + 1)):
            problem = (f"labels must name each place 1..{len(moved)} among {', '.join(moved)} once; "
                       f"they name {places}")
        else:
            continue
        yield _finding(card, where, problem, "card.audio-order")


CARD_RULES = (schema_rule, folder_name_rule, instance_name_rule, revision_rule, license_rule,
              metric_rule, label_set_rule, placeholder_rule, alias_rule, audio_order_rule, readme_rule)


def check_card(card: Card) -> list[Finding]:
    findings = list(card.findings)
    # Field names YAML read as True/1/None would confuse every rule; they get their own message first.
    if isinstance(card.data, dict) and not any(f.rule == "card.key-type" for f in findings):
        for rule in CARD_RULES:
            findings.extend(rule(card))
    # A value still holding a scaffold placeholder gets that one message, not also its schema errors.
    unfilled = {f.field for f in findings if f.rule == "card.placeholder"}
    return [f for f in findings if f.rule == "card.placeholder" or f.field not in unfilled]


def duplicate_instance_rule(cards: Iterable[Card]) -> Iterator[Finding]:
    seen: dict[str, list[tuple[Card, int]]] = defaultdict(list)
    for card in cards:
        if isinstance(card.data, dict):
            for index, item in _instances(card):
                if isinstance(item.get("name"), str):
                    seen[item["name"]].append((card, index))
    for name, places in seen.items():
        if len(places) > 1:
            others = ", ".join(_place(c, i) for c, i in places)
            for card, index in places:
                yield _finding(card, ("instances", index, "name"),
                               f"instance name {name!r} is used more than once ({others})",
                               "card.duplicate-instance")


def _named_instances(cards: Iterable[Card]) -> Iterator[tuple[Card, int, dict]]:
    for card in cards:
        if isinstance(card.data, dict):
            for index, item in _instances(card):
                if isinstance(item.get("name"), str) and isinstance(item.get("hf_path"), str):
                    yield card, index, item


def old_hub_path_rule(cards: Iterable[Card]) -> Iterator[Finding]:
    """An hf_path that another card lists under `aliases` is an earlier spelling: name the current one."""
    cards = list(cards)
    earlier: dict[str, tuple[Card, int, dict]] = {}
    for card, index, item in _named_instances(cards):
        for alias in item.get("aliases") or []:
            if isinstance(alias, str):
                earlier.setdefault(alias.lower(), (card, index, item))
    for card, index, item in _named_instances(cards):
        found = earlier.get(item["hf_path"].lower())
        if found is not None and found[2] is not item:
            owner, owner_index, current = found
            yield _finding(card, ("instances", index, "hf_path"),
                           f"{item['hf_path']} is an earlier hub path of {current['hf_path']} (instance "
                           f"{current['name']}, {_place(owner, owner_index)}); use the current path",
                           "card.old-hub-path", WARNING)


def shared_revision_rule(cards: Iterable[Card]) -> Iterator[Finding]:
    """Two repositories cannot share a commit: one of two instances pinning the same one is wrong.

    An error, except where each card names the other in `revision_shared_with` (a copying error
    known from the record, waiting for someone with hub access): then a warning.
    """
    by_revision: dict[str, list[tuple[Card, int, dict]]] = defaultdict(list)
    for card, index, item in _named_instances(cards):
        if isinstance(item.get("revision"), str):
            by_revision[item["revision"].lower()].append((card, index, item))
    for card, index, item in (entry for group in by_revision.values() for entry in group):
        others = [(c, i, o) for c, i, o in by_revision[item["revision"].lower()]
                  if o["hf_path"].lower() != item["hf_path"].lower()]
        declared = item.get("revision_shared_with")
        names = [o["name"] for _, _, o in others]
        if not others:
            if isinstance(declared, str):
                yield _finding(card, ("instances", index, "revision_shared_with"),
                               f"no other instance pins this commit any more ({declared} does not): "
                               "remove revision_shared_with", "card.shared-revision", WARNING)
            continue
        places = ", ".join(f"{o['name']} ({_place(c, i)})" for c, i, o in others)
        if names == [declared]:
            yield _finding(card, ("instances", index, "revision"),
                           f"pins the same commit as {places}, a copying error known from the record; "
                           "one of the two pins is wrong (with hub access, `dsuperb pin` says which)",
                           "card.shared-revision", WARNING)
        else:
            yield _finding(card, ("instances", index, "revision"),
                           f"pins the same commit as {places}; two repositories cannot share a commit: "
                           "pin each instance to its own repository's commit", "card.shared-revision")


CROSS_CARD_RULES = (duplicate_instance_rule, old_hub_path_rule, shared_revision_rule)


def _place(card: Card, index: int) -> str:
    line = card.line_of("instances", index)
    return f"{display_path(card.path)}:{line}" if line else display_path(card.path)


def validate_cards(paths_to_check: Iterable, context: Iterable = ()) -> tuple[list[Card], list[Finding]]:
    """Check cards; `context` adds cards that only take part in the cross-repository rules.

    A card named twice (as its folder and as its file) is checked once.
    """
    cards, checked = [], set()
    for path in paths_to_check:
        where = card_path(path).resolve()
        if where not in checked:
            checked.add(where)
            cards.append(read_card(path))
    findings = [f for card in cards for f in check_card(card)]
    others = [read_card(p) for p in context if card_path(p).resolve() not in checked]
    # Only the checked cards get findings; the context cards are there to be collided with.
    shown = {display_path(card.path) for card in cards}
    for rule in CROSS_CARD_RULES:
        findings.extend(f for f in rule(cards + others) if f.path in shown)
    return cards, findings
