"""The house's arrows: pages -> app -> core, tools -> app and core, nothing back, no circle.

Every module of core/, app/, tools/, pages/ and streamlit_app.py is read with `ast` (nothing is
imported or run); every import statement counts, at the top of a file or inside a function,
relative ones resolved. The checks themselves are tested on small made-up graphs first, so a
checker that found nothing could not pass unnoticed.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "app", "tools", "pages")
ENTRY = "streamlit_app"

# layer -> the layers (and outside packages) its modules must never import
FORBIDDEN = {
    "core": {"app", "tools", "pages", ENTRY, "tests", "streamlit"},
    "app": {"tools", "pages", ENTRY, "tests"},
    "tools": {"pages", ENTRY, "tests"},
    "pages": {"tools", ENTRY, "tests"},
    ENTRY: {"tools", "tests"},
}


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> file, for every module the rules cover (packages' __init__ included)."""
    found = {ENTRY: root / f"{ENTRY}.py"}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported_names(path: Path, module: str) -> set[str]:
    """Every dotted name the file imports, anywhere in it; `from X import Y` gives X.Y and X
    (Y may be a module or a name in X), relative imports made absolute."""
    is_package = path.name == "__init__.py"
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                anchor = package[:len(package) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def resolve(name: str, modules: set[str]) -> str | None:
    """The module of ours `name` is or lies in (its longest known prefix), else its top-level
    package when that is one the rules name (streamlit, tests), else None (an outside library)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in modules:
            return ".".join(parts[:end])
    return parts[0] if parts[0] in {"streamlit", "tests"} else None


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """module -> the modules (ours, and streamlit/tests) it imports."""
    files = module_files(root)
    modules = set(files)
    graph = {}
    for module, path in files.items():
        targets = {resolve(name, modules) for name in imported_names(path, module)}
        graph[module] = {target for target in targets if target is not None and target != module}
    return graph


def layer(module: str) -> str:
    return module.split(".")[0]


def wrong_way_arrows(graph: dict[str, set[str]]) -> list[str]:
    """'a -> b' for every import from a layer into one it must not import."""
    return sorted(f"{source} -> {target}" for source, targets in graph.items() for target in targets
                  if layer(target) in FORBIDDEN.get(layer(source), set()))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle per strongly connected group of modules (Tarjan), as a path a -> ... -> a."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_circle_through(group, graph) for group in groups]


def _circle_through(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A path from the group's first module back to itself, inside the group (breadth first)."""
    start, members = group[0], set(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph.get(node, ())):
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if target in members and target not in came_from:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    return group


# ------------------------------------------------------------------ the checks on made-up graphs


def test_the_checker_finds_every_kind_of_wrong_way_arrow():
    graph = {"core.a": {"app.b", "core.c", "streamlit"}, "core.c": {"tools.t"}, "app.b": {"core.c", "pages.p"},
             "tools.t": {"app.b", "core.c", "tests.helper"}, "pages.p": {"app.b", "core.c"},
             "streamlit_app": {"app.b"}}
    assert wrong_way_arrows(graph) == ["app.b -> pages.p", "core.a -> app.b", "core.a -> streamlit",
                                       "core.c -> tools.t", "tools.t -> tests.helper"]


def test_the_checker_accepts_arrows_that_point_the_right_way():
    graph = {"pages.p": {"app.b", "core.c"}, "app.b": {"core.c", "streamlit"}, "tools.t": {"app.b", "core.c"},
             "streamlit_app": {"app.b", "streamlit"}, "core.c": set()}
    assert wrong_way_arrows(graph) == [] and cycles(graph) == []


def test_the_checker_reports_each_circle_as_a_path_back_to_its_start():
    graph = {"core.a": {"core.b"}, "core.b": {"core.c"}, "core.c": {"core.a", "core.d"}, "core.d": set(),
             "tools.x": {"tools.y"}, "tools.y": {"tools.x"}, "app.self": {"app.self"}}
    assert cycles(graph) == [["app.self", "app.self"], ["core.a", "core.b", "core.c", "core.a"],
                             ["tools.x", "tools.y", "tools.x"]]


def test_imports_inside_functions_and_relative_imports_are_read(tmp_path):
    (tmp_path / "core" / "nmt").mkdir(parents=True)
    for package in PACKAGES[1:]:
        (tmp_path / package).mkdir()
    (tmp_path / "streamlit_app.py").write_text("import app.ui\n")
    (tmp_path / "core" / "__init__.py").write_text("")
    (tmp_path / "core" / "nmt" / "__init__.py").write_text("")
    (tmp_path / "core" / "nmt" / "model.py").write_text("from . import data\nfrom ..files import write\n")
    (tmp_path / "core" / "nmt" / "data.py").write_text("def load():\n    from core.nmt.model import Model\n")
    (tmp_path / "core" / "files.py").write_text("def write():\n    import app.ui\n")
    (tmp_path / "app" / "ui.py").write_text("import streamlit as st\nimport numpy\n")
    graph = import_graph(tmp_path)
    assert graph["core.nmt.model"] == {"core.nmt", "core.nmt.data", "core.files"}
    assert graph["core.nmt.data"] == {"core.nmt.model"} and graph["app.ui"] == {"streamlit"}
    assert wrong_way_arrows(graph) == ["core.files -> app.ui"]
    assert ["core.nmt.data", "core.nmt.model", "core.nmt.data"] in cycles(graph)


# ------------------------------------------------------------------ the house itself


@pytest.fixture(scope="module")
def graph():
    return import_graph()


def test_every_layer_is_read(graph):
    assert {layer(module) for module in graph} == {*PACKAGES, ENTRY}
    assert "core.nmt.model" in graph["core.nmt.train"] and "app.page" in graph[ENTRY]


def test_no_import_points_the_wrong_way(graph):
    assert wrong_way_arrows(graph) == []


def test_no_module_imports_itself_through_others(graph):
    assert cycles(graph) == [], "\n".join(" -> ".join(circle) for circle in cycles(graph))
