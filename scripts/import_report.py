"""How tangled the apps are: a few numbers to watch while the layers are kept.

Prints, for the ``trepart`` package without its tests and migrations:

- the number of cross-app imports: module-to-module edges (from grimp's import graph)
  whose two ends lie in different top-level apps (``trepart.<app>``; a module directly in
  ``trepart/``, such as ``trepart.api``, counts as an app of its own);
- the pairs of apps that import each other (a cycle between two apps), with the count of
  edges each way;
- the number of imports of trepart modules placed inside functions (found with ``ast``),
  and where they are. Those in an ``AppConfig.ready()`` are listed apart and not counted:
  that is where Django has an app register into a lower app's registry, since ``apps.py``
  is imported before any model may be.

``uv run lint-imports`` checks the layers themselves (``[tool.importlinter]`` in
pyproject.toml); this report only counts. Usage, from the repository root::

    uv run python scripts/import_report.py
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

import grimp

PACKAGE = "trepart"


def excluded(module: str) -> bool:
    parts = module.split(".")
    return "tests" in parts or "migrations" in parts or parts[-1] == "conftest"


def app_of(module: str) -> str:
    """``trepart.meetings.views.items`` → ``meetings``; ``trepart.api`` → ``api``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else PACKAGE


def cross_app_edges(graph: grimp.ImportGraph) -> Counter[tuple[str, str]]:
    modules = {m for m in graph.modules if not excluded(m)}
    edges: Counter[tuple[str, str]] = Counter()
    for importer in modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            if imported not in modules:
                continue
            source, target = app_of(importer), app_of(imported)
            if source != target:
                edges[(source, target)] += 1
    return edges


def function_level_imports(package_dir: Path) -> tuple[list[str], list[str]]:
    """``path:line module`` of every import of a trepart module inside a function body:
    those elsewhere, and those in an ``AppConfig.ready()`` (in ``apps.py``)."""
    found: list[str] = []
    in_ready: list[str] = []
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir.parent)
        if excluded(".".join(relative.with_suffix("").parts)):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            ready = path.name == "apps.py" and function.name == "ready"
            for node in ast.walk(function):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                elif isinstance(node, ast.ImportFrom) and node.level > 0:
                    names = ["." * node.level + (node.module or "")]
                for name in names:
                    if name.startswith(".") or name == PACKAGE or name.startswith(PACKAGE + "."):
                        (in_ready if ready else found).append(f"{relative}:{node.lineno} {name}")
    # A nested function is walked twice (once for itself, once inside its parent).
    return sorted(set(found)), sorted(set(in_ready))


def main() -> int:
    graph = grimp.build_graph(PACKAGE, cache_dir=None)
    edges = cross_app_edges(graph)
    print(
        f"cross-app imports (module to module, tests and migrations excluded): "
        f"{sum(edges.values())}"
    )

    cycles = sorted((a, b) for (a, b) in edges if a < b and (b, a) in edges)
    print(f"app pairs that import each other: {len(cycles)}")
    for a, b in cycles:
        print(f"  {a} <-> {b}  ({edges[(a, b)]} -> / {edges[(b, a)]} <-)")

    package_dir = Path(__file__).resolve().parent.parent / PACKAGE
    inside, in_ready = function_level_imports(package_dir)
    print(f"imports of trepart modules inside functions: {len(inside)}")
    for line in inside:
        print(f"  {line}")
    print(f"not counted, in AppConfig.ready(): {len(in_ready)}")
    for line in in_ready:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
