"""The commands added in wave 2, run as a user runs them: a separate ``python -m toolkit`` process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT
from tests.workflow.test_collect import fill, values_2025


def govreport(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "true"}
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_codes_lists_and_explains_in_a_process(tmp_path: Path) -> None:
    listed = govreport("codes", cwd=tmp_path)
    assert listed.returncode == 0 and "sum-mismatch" in listed.stdout
    explained = govreport("codes", "sum-mismatch", cwd=tmp_path)
    assert explained.returncode == 0 and "正确示例" in explained.stdout
    unknown = govreport("codes", "sum-mismatc", cwd=tmp_path)
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr


def test_forms_then_collect_complete_the_draft_in_a_process(rolled: Path, tmp_path: Path) -> None:
    made = govreport("forms", str(rolled), "-o", "forms", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    books = sorted((tmp_path / "forms").glob("*.xlsx"))
    assert books
    values = values_2025()
    for book in books:
        fill(book, values)
    collected = govreport("collect", str(rolled), *map(str, books), cwd=tmp_path)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert "Traceback" not in collected.stderr
    status = govreport("status", str(rolled), cwd=tmp_path)
    assert status.returncode == 0, status.stdout
