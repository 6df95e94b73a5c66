"""The import-linter contracts hold on the code, and a forbidden import in a copy breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT

LINT_IMPORTS = shutil.which("lint-imports")
pytestmark = pytest.mark.skipif(LINT_IMPORTS is None, reason="import-linter is a test dependency")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    assert LINT_IMPORTS is not None
    environment = {**os.environ, "PYTHONPATH": str(root / "tooling")}
    return subprocess.run(
        [LINT_IMPORTS, "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("layers")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(
        ROOT / "tooling",
        root / "tooling",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    return root


def plant(root: Path, module: str, line: str) -> str:
    path = root / "tooling" / "agreekit" / module
    original = path.read_text("utf-8")
    path.write_text(f"{original}\n{line}\n", "utf-8")  # an import anywhere in a module counts
    return original


def test_the_contracts_hold_on_the_code(scratch: Path) -> None:
    result = lint_imports(scratch)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    assert all("ignore_imports" not in c for c in contracts["contracts"])


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # the check layer reaching into the publishing edge (what checks/templates.py once did)
        ("checks/templates.py", "import agreekit.publish.site", "Layers of DESIGN section 9"),
        # the model importing a layer above it (the model once imported governance's reader)
        ("model/loader.py", "import agreekit.checks.run", "Layers of DESIGN section 9"),
        # the check path loading a publishing library
        ("text/tables.py", "import mkdocs", "The check path imports no publishing library"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    scratch: Path, module: str, line: str, contract: str
) -> None:
    original = plant(scratch, module, line)
    try:
        result = lint_imports(scratch)
    finally:
        (scratch / "tooling" / "agreekit" / module).write_text(original, "utf-8")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{contract} BROKEN" in result.stdout, result.stdout
    assert f"agreekit.{module[:-3].replace('/', '.')}" in result.stdout


def test_every_module_of_agreekit_has_a_layer() -> None:
    """A new top-level module or package must be placed in the picture, not left outside it."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    (layers,) = [c["layers"] for c in settings["contracts"] if c["type"] == "layers"]
    placed = {name.strip() for layer in layers for name in layer.replace(":", "|").split("|")}
    package = ROOT / "tooling" / "agreekit"
    modules = {
        f"agreekit.{path.stem if path.is_file() else path.name}"
        for path in package.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").is_file()
    }
    assert sorted(modules - placed) == []
