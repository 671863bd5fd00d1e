"""The command line: one module per command, all registered on the ``main`` group of ``toolkit.cli.app``."""

from __future__ import annotations

from toolkit.cli import (
    absorb,
    build,
    codes,
    collect,
    diff,
    forms,
    importer,
    new,
    outline,
    rollover,
    schema,
    status,
    summary,
    validate,
)
from toolkit.cli.app import main, run

__all__ = [
    "absorb",
    "build",
    "codes",
    "collect",
    "diff",
    "forms",
    "importer",
    "main",
    "new",
    "outline",
    "rollover",
    "run",
    "schema",
    "status",
    "summary",
    "validate",
]
