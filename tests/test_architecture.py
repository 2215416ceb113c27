"""The layout of build_scripts/: stages in folders, and no import cycle between modules."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "build_scripts"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The build_scripts modules a module imports (at any depth, lazy imports included)."""
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(
                    candidate if (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").exists() else target
                )
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("build_scripts") and name != module_name(path)}


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {i for i in imports_of(path) if i in modules} for name, path in modules.items()}


def test_the_import_graph_has_no_cycle():
    edges = graph()
    assert len(edges) > 30 and sum(map(len, edges.values())) > 60  # the graph is really read
    try:
        list(TopologicalSorter(edges).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None


def test_the_model_depends_on_nothing_but_the_conventions():
    assert graph()["build_scripts.model"] <= {"build_scripts.conventions"}


def test_stages_depend_only_on_earlier_stages():
    """parse -> (model) -> annotate -> render -> site: no stage imports a later one."""
    order = ["parse", "annotate", "render", "site"]
    for module, targets in graph().items():
        parts = module.split(".")
        if len(parts) < 3 or parts[1] not in order:
            continue
        for target in targets:
            stage = target.split(".")[1] if target.count(".") >= 2 else None
            if stage in order:
                assert order.index(stage) <= order.index(parts[1]), f"{module} imports {target}"


def test_the_reader_of_imports_sees_every_kind_of_import():
    """Relative imports at one and two levels and absolute ones are all edges: a cycle made
    through any of them would be seen."""
    edges = graph()
    assert "build_scripts.parse.blocks" in edges["build_scripts.parse.resolution"]  # from .blocks
    assert "build_scripts.conventions" in edges["build_scripts.parse.resolution"]  # from ..conventions
    assert "build_scripts.site.pipeline" in edges["build_scripts.site.mkdocs_hooks"]  # from build_scripts.site
