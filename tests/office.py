"""LibreOffice Calc for the workbook tests: convert files headless with an isolated profile, and read csv back.

Without LibreOffice Calc the tests skip locally and fail under CI (``CI=true``), as the render tests do.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CSV_UTF8 = "csv:Text - txt - csv (StarCalc):44,34,76,1"


def soffice() -> str:
    """The LibreOffice executable with Calc, or skip (fail under CI)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    # On Linux, Calc is a separate package: its library sits beside soffice.
    if found and (not sys.platform.startswith("linux") or (Path(found).resolve().parent / "libsclo.so").is_file()):
        return found
    message = "workbook tests need LibreOffice Calc (libreoffice-calc-nogui)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: install it in .ci/run)")
    pytest.skip(message)


def convert(files: list[Path], target: str, outdir: Path, profile: Path) -> list[Path]:
    """Convert ``files`` with one LibreOffice run; returns the converted files, in order."""
    command = [
        soffice(),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    done = subprocess.run(command, capture_output=True, timeout=300, check=False)
    extension = target.split(":")[0]
    out = [outdir / f"{f.stem}.{extension}" for f in files]
    missing = [p.name for p in out if not p.is_file()]
    assert not missing, (missing, done.stderr.decode("utf-8", "replace")[-500:])
    return out


def read_csv(path: Path) -> list[list[str]]:
    """A csv LibreOffice wrote (UTF-8, comma, double quotes)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))
