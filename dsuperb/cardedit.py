"""Edit a card's text in place: one value on its own line, the rest of the file untouched.

Cards are reviewed by people, so a program that fills in a field must keep their comments, order
and layout. The YAML reader knows the line of every key; the value on that line is replaced, and
the edited text is read back to prove that nothing but the intended values changed.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from .errors import CardError
from .infra.jsonfiles import write_text_atomic
from .yamlfile import YamlError, parse_text

# `revision: null`, `- revision: "abc"`, `revision:` (empty), each with an optional comment after it
REVISION_LINE = re.compile(r"""^(?P<lead>\s*(?:-\s+)?revision\s*:)(?P<space>\s*)"""
                           r"""(?P<value>null|Null|NULL|~|"[^"]*"|'[^']*'|[^\s#]*)(?P<tail>\s*(?:#.*)?)$""")


def set_revisions(path: Path, revisions: dict[int, str]) -> None:
    """Write `revisions` (instance index -> commit) into the card at `path`, each on its own line."""
    if not revisions:
        return
    shown = str(path)
    text = Path(path).read_bytes().decode("utf-8")  # bytes: keep the file's own line endings
    try:
        document = parse_text(text)
    except YamlError as exc:
        raise CardError(f"{shown}: cannot edit a card that does not parse ({exc.message})") from None
    lines = text.split("\n")  # as YAML counts lines; a "\r" before the break stays in the line
    expected = copy.deepcopy(document.data)
    for index, commit in sorted(revisions.items()):
        where = ("instances", index, "revision")
        line = document.lines.get(where)
        if line is None:
            raise CardError(f"{shown}: instances[{index}] has no revision field to fill in")
        lines[line - 1] = _with_value(lines[line - 1], commit, f"{shown}:{line}")
        expected["instances"][index]["revision"] = commit
    edited = "\n".join(lines)
    try:
        readback = parse_text(edited).data
    except YamlError as exc:
        raise CardError(f"{shown}: editing the revision would break the card ({exc.message}); "
                        "write it by hand") from None
    if readback != expected:
        raise CardError(f"{shown}: the revision cannot be written in place without changing other "
                        "values; write it by hand")
    try:
        write_text_atomic(path, edited, newline="")  # whole or not at all, line endings kept
    except OSError as exc:  # a read-only checkout or installed copy: the user's to fix, in one line
        raise CardError(f"{shown}: cannot write the card ({exc.strerror or exc})") from None


def _with_value(line: str, commit: str, where: str) -> str:
    match = REVISION_LINE.match(line)
    if match is None:
        raise CardError(f"{where}: the revision is not written as `revision: VALUE` on its own line; "
                        "write the commit by hand")
    return f"{match['lead']} \"{commit}\"{match['tail']}"
