"""Read a YAML document safely, remembering the line of every key and item.

Cards are data: only YAML's standard tags are accepted (`yaml.SafeLoader`); a tag that asks
for a Python object is an error, never executed. Duplicate keys, which PyYAML silently
collapses, are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .errors import CardError

try:  # libyaml is several times faster; fall back to the pure-Python parser
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

TEXT_TAG = "tag:yaml.org,2002:str"
MAX_BYTES = 1_000_000  # a task card is a few KB; anything this large is a mistake
MAX_DEPTH = 32  # a card nests a few levels (instances, their columns)
DEPTH_MESSAGE = f"values nested more than {MAX_DEPTH} levels deep; a card is shallow data"

Path = tuple  # a location inside the document: keys and list indices


class YamlError(CardError):
    """The text is not a usable YAML document; `line` is 1-based where known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class YamlDocument:
    data: object
    lines: dict[Path, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path, int]] = field(default_factory=list)
    # keys that YAML reads as something other than text (`yes:` is True, `1:` is 1, `null:` is None)
    non_text_keys: list[tuple[Path, int]] = field(default_factory=list)

    def line_of(self, path: Path) -> int | None:
        """Line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def parse_bytes(raw: bytes) -> YamlDocument:
    if len(raw) > MAX_BYTES:
        raise YamlError(f"file is {len(raw):,} bytes; a card must be under {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})", line) from None
    return parse_text(text)


def parse_text(text: str) -> YamlDocument:
    if not text.strip():
        raise YamlError("the file is empty", 1)
    try:
        _check_events(text)
        return _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        if "could not determine a constructor" in problem:
            problem = f"unsupported YAML tag ({problem.split('tag ')[-1]}); cards are plain data"
        elif "maximum nesting depth" in problem:  # libyaml >= 0.2.6 (PyYAML 6.0.4 wheels) stops first
            raise YamlError(DEPTH_MESSAGE, line) from None
        raise YamlError(f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}") from None


def _check_events(text: str) -> None:
    """Refuse, before building anything, what would make building a card hang or crash.

    An alias (`*name`) can make a few lines stand for billions of values or for a value that
    contains itself, and libyaml builds nested values by recursion in C, so very deep nesting
    crashes the interpreter. The event stream is flat, so reading it is safe.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(f"YAML alias *{event.anchor} is not allowed in a card: write the value out",
                            event.start_mark.line + 1)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(DEPTH_MESSAGE, event.start_mark.line + 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _compose(text: str) -> YamlDocument:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlError("the file holds no YAML document", 1)
        doc = YamlDocument(data=None)
        _index(node, (), doc)
        doc.data = loader.construct_document(node)
        return doc
    finally:
        loader.dispose()


def _index(node: yaml.Node, path: Path, doc: YamlDocument) -> None:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node.value)
            child = (*path, key)
            if key in seen:
                doc.duplicate_keys.append((child, key_node.start_mark.line + 1))
            seen.add(key)
            doc.lines[child] = key_node.start_mark.line + 1
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != TEXT_TAG:
                doc.non_text_keys.append((child, key_node.start_mark.line + 1))
            _index(value_node, child, doc)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, (*path, index), doc)
