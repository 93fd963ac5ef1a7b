"""The import contracts in pyproject.toml hold, and `lint-imports` catches a breach.

Each case copies the Python files of the package into a temporary tree, adds
one forbidden import to that copy, and runs `lint-imports` on it with the copy
first on the import path: the real tree is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
PYPROJECT = ROOT / "pyproject.toml"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def contract_name(contract_id: str) -> str:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    name: str = next(c["name"] for c in contracts if c["id"] == contract_id)
    return name


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of egov/ (its Python files only) and pyproject.toml under tmp_path."""
    shutil.copytree(
        ROOT / "egov",
        tmp_path / "egov",
        ignore=lambda folder, names: [
            n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()
        ],
    )
    shutil.copy(PYPROJECT, tmp_path / "pyproject.toml")
    return tmp_path


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tree), os.environ.get("PYTHONPATH", "")]),
        # Wide enough that no contract name is wrapped onto two lines.
        "COLUMNS": "200",
    }
    return subprocess.run(  # noqa: S603 - our own tool on our own files
        [str(LINT_IMPORTS), "--no-cache", str(tree / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def add_import(module: Path, statement: str) -> None:
    with module.open("a", encoding="utf-8") as fp:
        fp.write(f"\n{statement}\n")


def test_the_unmodified_tree_keeps_every_contract(tree: Path) -> None:
    result = lint_imports(tree)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "statement", "contract_id"),
    [
        # The platform imports no domain.
        ("egov/platform/organisation/models.py", "import egov.onestop.dossiers.models", "layers"),
        # The domains are independent of one another.
        ("egov/office/__init__.py", "import egov.onestop.procedures.models", "layers"),
        # A domain never imports the tools above it.
        ("egov/onestop/payments/services.py", "import egov.tools.synthetic", "layers"),
        # Core stands alone, even within the platform.
        ("egov/platform/core/errors.py", "import egov.platform.accounts.models", "core"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    tree: Path, module: str, statement: str, contract_id: str
) -> None:
    add_import(tree / module, statement)

    result = lint_imports(tree)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{contract_name(contract_id)} BROKEN" in result.stdout
    assert "Contracts: 1 kept, 1 broken." in result.stdout
