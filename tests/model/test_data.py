"""Reference data read with libyaml equals a YAML 1.2 (ruamel) reading of the same files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from toolkit.model.data import load_data
from toolkit.resources import data_dir

SCHEMA = data_dir("schema")
FILES = sorted(p.relative_to(SCHEMA).as_posix() for p in SCHEMA.rglob("*.yaml"))


def typed(value: Any) -> Any:
    """Values with their types, so 1 and 1.0 and True differ."""
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


@pytest.mark.parametrize("name", FILES)
def test_same_as_yaml_12(name: str) -> None:
    expected = YAML(typ="safe", pure=True).load((SCHEMA / name).read_text(encoding="utf-8"))
    assert typed(load_data(name)) == typed(expected)


def test_every_file_is_covered() -> None:
    assert "units.yaml" in FILES
    assert any(Path(name).parent.name == "frameworks" for name in FILES)
