"""The solver is a pure library: no web framework, no database, no import of the app."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import solver

FORBIDDEN = ("flask", "sqlalchemy", "matchmaker")
SOLVER_DIR = Path(solver.__file__).resolve().parent
SOLVER_FILES = sorted(SOLVER_DIR.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def is_forbidden(module: str) -> bool:
    top = module.split(".")[0]
    return top in FORBIDDEN or top.startswith("flask_")


def test_the_scan_sees_the_solver_files() -> None:
    assert {"schema.py", "fileformat.py", "validation.py", "cli.py"} <= {
        p.name for p in SOLVER_FILES
    }
    assert is_forbidden("flask_login") and is_forbidden("sqlalchemy.orm")
    assert not is_forbidden("solver.schema")


@pytest.mark.parametrize("path", SOLVER_FILES, ids=lambda p: p.name)
def test_no_forbidden_import_in_source(path: Path) -> None:
    assert sorted(m for m in imported_modules(path) if is_forbidden(m)) == []


def test_importing_every_solver_module_loads_no_forbidden_package() -> None:
    modules = sorted(
        "solver." + ".".join(p.relative_to(SOLVER_DIR).with_suffix("").parts)
        for p in SOLVER_FILES
        if p.name not in ("__init__.py", "__main__.py")
    )
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = json.loads(result.stdout)
    assert "solver.pipeline" in loaded and "solver.fileformat" in loaded
    assert [m for m in loaded if is_forbidden(m)] == []
