"""No import-time or process-wide side effects in the product package: nothing edits sys.path
or os.environ, and the benchmark harness is an installed package, not a folder on sys.path."""

import ast
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _modules(*folders: str) -> Iterator[tuple[Path, ast.Module]]:
    for folder in folders:
        for path in sorted((REPO / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _dotted(node: ast.AST) -> str:
    """``a.b.c`` for an attribute chain (or a name), else ''."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def _imported(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def _mutations_of(tree: ast.Module, target: str) -> Iterator[int]:
    """Lines that assign into, delete from or call a mutating method of ``target``."""
    mutators = {"insert", "append", "extend", "remove", "pop", "clear", "update", "setdefault"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
            for t in targets:
                if isinstance(t, ast.Subscript) and _dotted(t.value) == target:
                    yield node.lineno
                if _dotted(t) == target:
                    yield node.lineno
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in mutators and _dotted(node.func.value) == target:
                yield node.lineno
            if target == "os.environ" and _dotted(node.func) in ("os.putenv", "os.unsetenv"):
                yield node.lineno


def test_no_module_imports_the_benchmarks_folder() -> None:
    found = [
        f"{path.relative_to(REPO)} imports {name}"
        for path, tree in _modules("cpmo", "cpmo_tools", "tests")
        for name in _imported(tree)
        if name == "benchmarks" or name.startswith("benchmarks.")
    ]
    assert found == []


def test_no_product_or_tool_module_edits_sys_path() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line}"
        for path, tree in _modules("cpmo", "cpmo_tools")
        for line in _mutations_of(tree, "sys.path")
    ]
    assert found == []


def test_no_product_module_writes_the_process_environment() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line}"
        for path, tree in _modules("cpmo", "cpmo_tools")
        for line in _mutations_of(tree, "os.environ")
    ]
    assert found == []


def test_the_checks_above_would_see_a_write() -> None:
    tree = ast.parse(
        "import os, sys\nos.environ['A'] = '1'\nos.environ.update(B='2')\n"
        "sys.path.insert(0, '.')\nos.putenv('C', '3')\ndel os.environ['A']\n"
    )
    assert sorted(_mutations_of(tree, "os.environ")) == [2, 3, 5, 6]
    assert list(_mutations_of(tree, "sys.path")) == [4]


def test_importing_every_module_runs_nothing_and_leaves_no_app_context() -> None:
    """A scan that imports every module (as the problem-extension test does) must not start
    the CLI: a half-run FlaskGroup leaves its app context pushed, and later in-process CLI
    calls would quietly use that app's database."""
    import importlib
    import pkgutil

    from flask import has_app_context

    import cpmo
    import cpmo_tools

    for package in (cpmo, cpmo_tools):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".migrations." not in module.name:
                importlib.import_module(module.name)
    assert not has_app_context()
