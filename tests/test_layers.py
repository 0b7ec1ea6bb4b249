"""The package's layers, as the README's "How it works" states them: no module imports one from a layer above
its own, and no two modules import each other, directly or in a ring. Read from the source with `ast`
(imports inside functions count too), so it needs neither spaCy's model nor ../shared.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "newsprism"

# Lowest first. A module may import its own layer and those below. The capabilities sit in extraction order
# (a later one reads what an earlier one wrote); their evaluation and training drive the whole pipeline, so
# they sit above it (training reports the evaluation's figures, never the reverse); the store persists what
# the capabilities and the corpus logic produce.
LAYERS: list[tuple[str, list[str]]] = [
    ("base", ["errors", "codepoints", "limits", "schema", "article", "doctext", "gazetteer",
              "notorch", "lexicons", "parse", "native", "console.terminal"]),
    ("readers", ["readers"]),
    ("encoder", ["encoder"]),
    ("actors", ["actors"]),
    ("quotes", ["quotes"]),
    ("events", ["events"]),
    ("framing", ["framing"]),
    ("tone", ["tone"]),
    ("corpus", ["corpus"]),
    ("pipeline", ["pipeline"]),
    ("evaluation", ["*.evaluation", "*.attribution_evaluation"]),
    ("training", ["*.training", "*.training_minilm"]),
    ("store", ["store"]),
    ("engines", ["engines", "api", "watch"]),
    ("web", ["web"]),
    ("interfaces", ["cli", "console"]),
]


def modules() -> dict[str, pathlib.Path]:
    """Dotted name -> file of every module in the package (migrations included)."""
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def layer(module: str) -> int:
    """The layer of a dotted module name; the most specific pattern wins (`events.training` is a tool)."""
    rel = module.removeprefix("newsprism.")
    best, found = -1, None
    for rank, (_, patterns) in enumerate(LAYERS):
        for pattern in patterns:
            if pattern.startswith("*."):
                if rel.endswith(pattern[1:]) and len(pattern) > best:
                    best, found = len(pattern), rank
            elif (rel == pattern or rel.startswith(pattern + ".")) and len(pattern) > best:
                best, found = len(pattern), rank
    if found is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS (and to the README's rule)")
    return found


def imports(name: str, path: pathlib.Path, known: set[str]) -> list[str]:
    """The newsprism modules the file imports, anywhere in it; `from pkg import mod` counts as importing the
    submodule `pkg.mod` when there is one."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module
                       for a in node.names]
        else:
            continue
        for target in targets:
            if target.startswith("newsprism.") and target != name:
                out.append(target)
    return out


def graph() -> dict[str, list[str]]:
    files = modules()
    known = set(files)
    return {name: imports(name, path, known) for name, path in files.items() if name != "newsprism"}


def test_every_module_has_a_layer():
    for name in modules():
        if name != "newsprism":
            layer(name)


def test_no_import_runs_up_the_layers():
    upward = []
    for name, deps in graph().items():
        for dep in deps:
            if layer(dep) > layer(name):
                upward.append(f"{name} ({LAYERS[layer(name)][0]}) imports {dep} ({LAYERS[layer(dep)][0]})")
    assert not upward, "imports that run up the layers:\n" + "\n".join(sorted(upward))


def test_no_import_cycle():
    edges = {name: set(deps) for name, deps in graph().items()}
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for dep in sorted(edges.get(node, ())):
            if state.get(dep) == "open":
                cycles.append(" -> ".join(stack[stack.index(dep):] + [dep]))
            elif dep not in state:
                visit(dep, stack + [dep])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


@pytest.mark.parametrize("module, dep, allowed", [
    ("newsprism.events.evaluation", "newsprism.events.training", False),
    ("newsprism.events.training", "newsprism.events.evaluation", True),
    ("newsprism.quotes.component", "newsprism.actors.component", True),
    ("newsprism.actors.component", "newsprism.quotes.component", False),
    ("newsprism.store.db", "newsprism.web.app", False),
    ("newsprism.framing.component", "newsprism.pipeline", False),
])
def test_the_layers_say_what_the_readme_says(module, dep, allowed):
    assert (layer(dep) <= layer(module)) is allowed
