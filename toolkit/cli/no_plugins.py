"""pydantic's plugin loader, answered without importing ``importlib.metadata`` while every plugin is off.

pydantic asks ``pydantic.plugin._loader.get_plugins()`` for plugins each time it builds a validator. With
``PYDANTIC_DISABLE_PLUGINS`` set to ``__all__`` (as the CLI sets it: the report's models use no plugin) the answer
is “none” at once, but importing the loader first imports ``importlib.metadata`` and the ``email`` package behind
it: about 8 ms of every start-up, for nothing. ``install`` puts a stand-in in its place that gives the same
answer; anything else asked of it imports the real loader and hands it over, so a pydantic whose loader changes
still works (only without the saving). ``tests/cli/test_no_plugins.py`` holds it to the real loader's answers.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any

LOADER = "pydantic.plugin._loader"
OFF = ("__all__", "1", "true")  # the values with which pydantic's loader returns no plugins at once


class NoPlugins(types.ModuleType):
    """The stand-in (see the module docstring)."""

    def get_plugins(self) -> tuple[()]:
        """No plugins, as pydantic's loader answers while every plugin is off."""
        return ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system's questions (``__path__``: is it a package?)
            raise AttributeError(name)
        if sys.modules.get(LOADER) is self:
            del sys.modules[LOADER]
        return getattr(importlib.import_module(LOADER), name)


def install() -> None:
    """Put the stand-in in place when every plugin is off and pydantic has not imported its loader yet."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in OFF and LOADER not in sys.modules:
        sys.modules[LOADER] = NoPlugins(LOADER)
