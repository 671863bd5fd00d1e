"""The package layout is the pipeline: few top-level modules, stage subpackages, an enforced layers contract."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

PACKAGE = ROOT / "toolkit"
STAGES = {"source", "model", "checks", "chinese", "compose", "diagnostics", "writers", "workflow", "output", "cli"}


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter with the project's contract on the package under ``root``."""
    exe = Path(sys.executable).with_name("lint-imports")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "importlinter.cli"]
    env = {"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run(
        [*command, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_top_level_holds_at_most_six_modules() -> None:
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 6, modules
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages == STAGES


def test_no_module_is_named_after_a_standard_library_module() -> None:
    clashes = [
        str(p.relative_to(ROOT))
        for p in PACKAGE.rglob("*.py")
        if p.stem in sys.stdlib_module_names or (p.name == "__init__.py" and p.parent.name in sys.stdlib_module_names)
    ]
    assert clashes == []


def test_every_subpackage_says_what_it_is() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        text = init.read_text(encoding="utf-8")
        assert text.startswith('"""') and "TODO" not in text.split('"""')[1], init


def test_tests_mirror_the_package() -> None:
    test_dirs = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert test_dirs <= STAGES | {"clients"}, test_dirs - STAGES


def test_the_layers_contract_holds() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout or "0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(PACKAGE, tmp_path / "toolkit", ignore=shutil.ignore_patterns("__pycache__"))
    reader = tmp_path / "toolkit" / "source" / "reader.py"
    reader.write_text(reader.read_text(encoding="utf-8") + "\nimport toolkit.cli.app  # noqa\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "toolkit.source is not allowed to import toolkit.cli" in result.stdout
