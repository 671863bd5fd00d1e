"""Helpers for the real-client tests: run the CLI as a user does, inject one mistake into a sample, read findings.

The CLI is run as ``python -m toolkit`` in a subprocess with this checkout first on ``PYTHONPATH``, so the tests
exercise the code under test whether or not it is installed, and never import the toolkit's internals.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SAMPLE_2024 = SAMPLES / "x-city-2024.yaml"
MODELINE_PREFIX = "# yaml-language-server: $schema="

# `govreport validate` text output: file:line:col: severity[code] message
TEXT_FINDING = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info)\[(?P<code>[\w-]+)\] (?P<message>.*)$"
)


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def run_cli(
    *args: str | Path, cwd: Path | None = None, ok: tuple[int, ...] = (0, 1), env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m toolkit ARGS`` in ``cwd`` (``env`` added to the environment); fails the test on an exit code
    outside ``ok``."""
    command = [sys.executable, "-m", "toolkit", *map(str, args)]
    done = subprocess.run(
        command,
        cwd=cwd or ROOT,
        env={**cli_env(), **(env or {})},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert done.returncode in ok, f"{' '.join(command)} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def validate_json(path: Path, cwd: Path | None = None) -> dict[str, Any]:
    """``govreport validate --format json`` on one file."""
    done = run_cli("validate", "--format", "json", path, cwd=cwd)
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def problems(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Findings that make a file wrong (errors and warnings; infos such as ``incomplete`` are progress notes)."""
    return [f for f in report["findings"] if f["severity"] in ("error", "warning")]


def text_findings(output: str) -> list[dict[str, str]]:
    """The ``file:line:col: severity[code] message`` lines of the text output."""
    return [m.groupdict() for m in map(TEXT_FINDING.match, output.splitlines()) if m]


def write_schema(folder: Path) -> Path:
    """``govreport schema -o FOLDER/schema/report.schema.json``: the schema the CLI generates, where the samples'
    modeline (``../schema/report.schema.json``) finds it from ``FOLDER/samples/``."""
    out = folder / "schema" / "report.schema.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    run_cli("schema", "-o", out, ok=(0,))
    return out


@dataclass(frozen=True)
class Injection:
    """Replace the first ``old`` after ``anchor`` with ``new``; ``line`` is where the replacement starts (1-based)."""

    anchor: str
    old: str
    new: str

    def apply(self, text: str) -> tuple[str, int]:
        start = text.index(self.anchor)
        at = text.index(self.old, start)
        return text[:at] + self.new + text[at + len(self.old) :], text.count("\n", 0, at) + 1


def modeline(text: str) -> str | None:
    """The ``$schema=`` target of a file's first line, if it has a yaml-language-server modeline there."""
    first = text.split("\n", 1)[0].strip()
    return first[len(MODELINE_PREFIX) :].strip() if first.startswith(MODELINE_PREFIX) else None
