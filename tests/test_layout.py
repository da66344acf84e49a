"""The layout's rules hold: imports point ui → core → db, core is Qt-free, no import circles.

Read from the source with `ast`, so a violation fails here even when nothing imports the module yet.
Only module-level imports count for circles: a function-level import is the deliberate way to load
something late (the window from the `gui` command, scikit-learn in a model command).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TOP = Path(__file__).resolve().parent.parent
PACKAGES = ("db", "desktop")
QT = ("PySide6", "pyqtgraph", "shiboken6")


def _module_name(path: Path) -> str:
    parts = path.relative_to(TOP).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(p): p
        for package in PACKAGES
        for p in (TOP / package).rglob("*.py")
        if "__pycache__" not in p.parts
    }


MODULES = _modules()


def _imports(path: Path, *, top_level_only: bool) -> set[str]:
    """Every module this file imports (absolute names; `from a import b` yields a.b if a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.If) and top_level_only:  # `if TYPE_CHECKING:` imports type only
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(
                f"{node.module}.{alias.name}"
                for alias in node.names
                if f"{node.module}.{alias.name}" in MODULES
            )
    return found


def _violations(prefix: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{name} imports {imported}"
        for name, path in MODULES.items()
        if name == prefix or name.startswith(prefix + ".")
        for imported in _imports(path, top_level_only=False)
        if any(imported == f or imported.startswith(f + ".") for f in forbidden)
    )


def test_the_layout_is_read_from_the_real_tree():
    assert "desktop.core.churn.features" in MODULES
    assert "desktop.ui.main_window" in MODULES
    assert "db.models" in MODULES


def test_db_never_imports_the_application():
    assert _violations("db", ("desktop", *QT)) == []


def test_core_is_qt_free_and_never_imports_the_window_or_the_commands():
    assert _violations("desktop.core", ("desktop.ui", "desktop.commands", *QT)) == []


def test_commands_reach_the_window_only_through_the_gui_command():
    found = _violations("desktop.commands", ("desktop.ui", *QT))
    assert [v for v in found if not v.startswith("desktop.commands.gui ")] == []


@pytest.mark.parametrize("package", ["db", "desktop"])
def test_no_import_circles(package: str):
    graph = {
        name: {i for i in _imports(path, top_level_only=True) if i in MODULES and i != name}
        for name, path in MODULES.items()
        if name.startswith(package)
    }
    # A package's __init__ importing its own submodules is how a facade re-exports; a submodule
    # importing a sibling through the package name is then not a circle in practice. Only count
    # edges between modules (not from a package to what it contains).
    for name in list(graph):
        graph[name] = {i for i in graph[name] if not i.startswith(name + ".")}
    circles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert circles == []
