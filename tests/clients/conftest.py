"""Fixtures for the real-client tests: yaml-language-server (npm, run by node) and sarif-tools (PyPI).

Where each client is looked for, in order:

- yaml-language-server: ``$GOVREPORT_YLS`` (path to its ``yaml-language-server`` executable), then
  ``$GOVREPORT_CLIENTS/yls/node_modules/.bin/yaml-language-server``; if neither exists and ``npm`` is on PATH, the
  fixture installs the pinned version there with ``npm install --prefix``.
- sarif-tools: ``$GOVREPORT_SARIF`` (path to its ``sarif`` executable), then
  ``$GOVREPORT_CLIENTS/sarif-tools/bin/sarif`` (a venv of its own, so its matplotlib and friends stay out of the
  project's environment), then ``sarif`` on PATH; if none exists, the fixture creates that venv and pip-installs
  the pinned version.

``$GOVREPORT_CLIENTS`` defaults to ``~/.cache/govreport-tests``; the pinned versions are in ``versions.env``, which
``.ci/run`` reads too. A client that cannot be found or installed skips its tests locally, and fails them under CI
(``CI`` set and not ``false``/``0``), so CI never passes by testing nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

from tests.clients.lsp import LspClient
from tests.clients.support import ROOT

HERE = Path(__file__).resolve().parent
INSTALL_TIMEOUT = 600


def pinned() -> dict[str, str]:
    out = {}
    for line in (HERE / "versions.env").read_text(encoding="utf-8").splitlines():
        name, eq, value = line.partition("=")
        if eq and not line.lstrip().startswith("#"):
            out[name.strip()] = value.strip()
    return out


VERSIONS = pinned()


def clients_dir() -> Path:
    return Path(os.environ.get("GOVREPORT_CLIENTS") or Path.home() / ".cache" / "govreport-tests")


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(message: str) -> NoReturn:
    """Skip locally; fail under CI, where .ci/run must have installed the clients."""
    if under_ci():
        pytest.fail(f"{message} (CI is set: the real-client tests must run; install the clients in .ci/run)")
    pytest.skip(message)


def _install(command: list[str], what: str) -> str | None:
    """Run an install command; the error text when it fails, else None."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"installing {what} failed: {exc}"
    if done.returncode != 0:
        return f"installing {what} failed ({' '.join(command)}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return None


@dataclass(frozen=True)
class Yls:
    """An installed yaml-language-server."""

    executable: Path
    version: str

    @property
    def command(self) -> list[str]:
        return [str(self.executable), "--stdio"]


def _yls_version(executable: Path) -> str:
    package = executable.resolve().parent.parent / "package.json"  # .bin/x -> yaml-language-server/bin/x
    try:
        return str(json.loads(package.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "unknown"


@pytest.fixture(scope="session")
def yls() -> Yls:
    """Locate (or install) yaml-language-server."""
    if shutil.which("node") is None:
        unavailable("node is not installed (apt-get install nodejs npm)")
    explicit = os.environ.get("GOVREPORT_YLS")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            pytest.fail(f"GOVREPORT_YLS={explicit} is not a file")
        return Yls(path, _yls_version(path))
    prefix = clients_dir() / "yls"
    path = prefix / "node_modules" / ".bin" / "yaml-language-server"
    if not path.is_file():
        npm = shutil.which("npm")
        if npm is None:
            unavailable(f"yaml-language-server is not at {path} and npm is not installed")
        version = VERSIONS["YLS_VERSION"]
        error = _install(
            [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", f"yaml-language-server@{version}"],
            f"yaml-language-server@{version}",
        )
        if error or not path.is_file():
            unavailable(error or f"npm installed yaml-language-server but {path} is missing")
    return Yls(path, _yls_version(path))


@pytest.fixture(scope="session")
def lsp(yls: Yls) -> Iterator[LspClient]:
    """One yaml-language-server for the session, rooted at the checkout, with validation on."""
    with LspClient(yls.command, root=ROOT) as client:
        yield client


def _is_sarif_tools(path: Path) -> bool:
    """Whether a ``sarif`` on PATH is sarif-tools (Microsoft's Sarif.Multitool is called ``sarif`` too)."""
    try:
        done = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "SARIF tools" in done.stdout


@pytest.fixture(scope="session")
def sarif_tool() -> Path:
    """Locate (or install) sarif-tools' ``sarif`` command."""
    explicit = os.environ.get("GOVREPORT_SARIF")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            pytest.fail(f"GOVREPORT_SARIF={explicit} is not a file")
        return path
    venv = clients_dir() / "sarif-tools"
    cached = venv / "bin" / "sarif"
    if cached.is_file():
        return cached
    found = shutil.which("sarif")
    if found and _is_sarif_tools(Path(found)):
        return Path(found)
    version = VERSIONS["SARIF_TOOLS_VERSION"]
    error = _install([sys.executable, "-m", "venv", str(venv)], "a venv for sarif-tools") or _install(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", f"sarif-tools=={version}"],
        f"sarif-tools=={version}",
    )
    if error or not cached.is_file():
        unavailable(error or f"pip installed sarif-tools but {cached} is missing")
    return cached
