"""The shape of the house, held by the import graph: layers import only downwards, no cycles,
click only at the command line, and no package module over 400 lines.

The graph is read with `ast`, so imports inside functions count as much as those at the top.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dsuperb"
MAX_LINES = 400

# Layers, lowest first; a module's layer is that of the longest prefix listed here.
LAYERS = {
    "dsuperb.errors": "leaf",
    "dsuperb.vocab": "leaf",
    "dsuperb.infra": "infra",
    "dsuperb.yamlfile": "specs", "dsuperb.findings": "specs", "dsuperb.paths": "specs",
    "dsuperb.cards": "specs", "dsuperb.taxonomy": "specs", "dsuperb.scaffold": "specs",
    "dsuperb.catalogue_docs": "specs", "dsuperb.gitchanges": "specs", "dsuperb.selection": "specs",
    "dsuperb.catalogue_summary": "specs", "dsuperb.cardedit": "specs", "dsuperb.task_readme": "specs",
    "dsuperb.audio": "data", "dsuperb.decoders": "data", "dsuperb.data": "data",
    "dsuperb.data_sources": "data", "dsuperb.pinning": "data",
    "dsuperb.parquet_split": "data", "dsuperb.prefetch": "data", "dsuperb.local_dataset": "data",
    "dsuperb.controls": "data", "dsuperb.packing": "data", "dsuperb.analyses": "data",
    "dsuperb.validation": "validation",
    "dsuperb.models": "models",
    "dsuperb.scoring": "scoring",
    "dsuperb.runfolder": "runfolder",
    "dsuperb.runplan": "runner", "dsuperb.runner": "runner", "dsuperb.predict": "runner",
    "dsuperb.dataparallel": "runner",
    "dsuperb.report": "report",
    "dsuperb.commands": "commands", "dsuperb.cli": "commands", "dsuperb.__main__": "commands",
    "dsuperb": "leaf",  # the package's __init__: its version only
}
# What each layer may import besides itself. Everything else is a never-rule.
ALLOWED = {
    "leaf": set(),
    "infra": {"leaf"},
    "specs": {"leaf", "infra"},
    "data": {"leaf", "infra", "specs"},
    "validation": {"leaf", "infra", "specs", "data"},
    "models": {"leaf", "infra"},
    "scoring": {"leaf", "infra"},
    "runfolder": {"leaf", "infra", "specs", "scoring"},
    "runner": {"leaf", "infra", "specs", "data", "models", "scoring", "runfolder"},
    "report": {"leaf", "infra", "specs", "runfolder", "scoring"},
    "commands": {"leaf", "infra", "specs", "data", "validation", "models", "scoring", "runfolder", "runner",
                 "report"},
}
# The audio codec is the one data-layer module models need (to send a clip as WAV to a server).
EXTRA_ALLOWED = {("models", "dsuperb.audio")}
CLICK_LAYERS = {"commands"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> str:
    for prefix in sorted(LAYERS, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return LAYERS[prefix]
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS in tests/test_architecture.py")


def resolve(module: str, path: Path, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The dsuperb modules an import statement reaches (a package, or the submodules it names)."""
    known = modules()
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "dsuperb"]
    if node.level:
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        base = package[:len(package) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if target.split(".")[0] != "dsuperb":
        return []
    reached = []
    for alias in node.names:
        candidate = f"{target}.{alias.name}"
        reached.append(candidate if candidate in known else target)
    return reached


@cache
def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges[module] = {target for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                         for target in resolve(module, path, node) if target != module}
    return edges


def imports_click(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "click" for a in node.names):
            return True
        from_click = isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "click"
        if from_click and not node.level:
            return True
    return False


def test_every_import_goes_down_the_layers():
    breaches = []
    for module, targets in graph().items():
        layer = layer_of(module)
        for target in sorted(targets):
            other = layer_of(target)
            if other != layer and other not in ALLOWED[layer] and (layer, target) not in EXTRA_ALLOWED:
                breaches.append(f"{module} ({layer}) imports {target} ({other})")
    assert not breaches, "never-rule breaches:\n" + "\n".join(breaches)


def test_the_leaf_vocabulary_imports_nothing_of_ours_but_itself():
    for module, targets in graph().items():
        if module.startswith(("dsuperb.vocab", "dsuperb.errors")):
            outside = {t for t in targets if not t.startswith("dsuperb.vocab")}
            assert not outside, f"{module} imports {sorted(outside)}"


def test_nothing_imports_the_commands_but_the_command_line():
    for module, targets in graph().items():
        if layer_of(module) != "commands":
            assert not {t for t in targets if layer_of(t) == "commands"}, module


def test_no_import_cycles():
    edges = graph()
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert not cycles, f"import cycles: {cycles}"


def test_click_only_at_the_command_line():
    users = [module for module, path in modules().items() if imports_click(path)]
    assert users and all(layer_of(module) in CLICK_LAYERS for module in users), users


def test_no_package_module_over_the_line_limit():
    long = {module: count for module, path in modules().items()
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


@pytest.mark.parametrize("source, expected", [
    ("from ..errors import ModelError", {"dsuperb.errors"}),
    ("from . import runcard", {"dsuperb.runfolder.runcard"}),
    ("def f():\n    from ..scoring.api import score_rows\n", {"dsuperb.scoring.api"}),
    ("import dsuperb.models.registry", {"dsuperb.models.registry"}),
])
def test_the_graph_sees_relative_and_function_level_imports(tmp_path, source, expected):
    module, path = "dsuperb.runfolder.merge", PACKAGE / "runfolder" / "merge.py"
    tree = ast.parse(source)
    found = {t for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
             for t in resolve(module, path, node)}
    assert found == expected
