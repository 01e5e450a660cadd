"""The architecture contracts (.importlinter) hold, and would catch a pure module that
reached for Flask or the database."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(ROOT / ".importlinter")],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the cpmo package, for planting a violation."""
    shutil.copytree(ROOT / "cpmo", tmp_path / "cpmo", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_the_contracts_hold_on_the_product(tree: Path) -> None:
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("cpmo/prioritisation/_probe.py", "import flask", "Flask only at the HTTP edge"),
        ("cpmo/workflows/_probe.py", "from cpmo.web import blueprint", "never import"),
        ("cpmo/workflows/criteria_probe.py", "import sqlmodel", "use no database"),
    ],
)
def test_a_planted_violation_breaks_its_contract(
    tree: Path, module: str, line: str, contract: str
) -> None:
    probe = tree / module
    probe.write_text(f'"""A deliberate violation."""\n\n{line}\n')
    if "criteria_probe" in module:  # a pure module that imports the probe
        criteria = tree / "cpmo/workflows/criteria.py"
        criteria.write_text(criteria.read_text() + "\nfrom cpmo.workflows import criteria_probe\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert contract in result.stdout
    assert "BROKEN" in result.stdout
