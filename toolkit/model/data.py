"""Read the project's reference data (``schema/*.yaml``) once, with the safe loader."""

from __future__ import annotations

from functools import cache
from typing import Any

from toolkit.resources import data_dir


@cache
def load_data(name: str) -> Any:
    """A data file under ``schema/``, parsed once per process."""
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load((data_dir("schema") / name).read_text(encoding="utf-8"))
