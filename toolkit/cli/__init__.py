"""The command line: one module per command, all registered on the ``main`` group of ``toolkit.cli.app``.

A command's module is imported when the command runs (``COMMANDS`` in ``toolkit.cli.app``).
"""

from __future__ import annotations

from toolkit.cli.app import COMMANDS, main, run

__all__ = ["COMMANDS", "main", "run"]
