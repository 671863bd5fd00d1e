"""The unit and qualifier vocabulary and the report frameworks, loaded from ``schema/`` data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from ruamel.yaml import YAML

from toolkit.resources import data_dir


@dataclass(frozen=True)
class Unit:
    """A unit of the vocabulary: what it measures and its factor to the kind's base unit."""

    name: str
    kind: str
    scale: Decimal


@dataclass(frozen=True)
class Qualifier:
    """A qualifier word and where it is written relative to the figure."""

    word: str
    position: str  # before | between | after
    bound: str  # approx | lower | upper


@dataclass(frozen=True)
class Pillar:
    """One pillar of a framework."""

    key: str
    name: str
    chapter: str
    required: bool
    sub_areas: dict[str, str]


@dataclass(frozen=True)
class Framework:
    """A report type's framework: its pillars in order."""

    key: str
    name: str
    pillars: dict[str, Pillar]


def _load(name: str) -> Any:
    return YAML(typ="safe", pure=True).load((data_dir("schema") / name).read_text(encoding="utf-8"))


@cache
def units() -> dict[str, Unit]:
    """The known units by name."""
    raw = _load("units.yaml")["units"]
    return {k: Unit(k, v["kind"], Decimal(str(v["scale"]))) for k, v in raw.items()}


@cache
def qualifiers() -> dict[str, Qualifier]:
    """The known qualifiers by word."""
    raw = _load("units.yaml")["qualifiers"]
    return {k: Qualifier(k, v["position"], v["bound"]) for k, v in raw.items()}


@cache
def framework_names() -> tuple[str, ...]:
    """The report types that have a framework."""
    return tuple(sorted(p.stem for p in (data_dir("schema") / "frameworks").glob("*.yaml")))


@cache
def framework(key: str) -> Framework:
    """Load the framework of a report type."""
    raw = _load(f"frameworks/{key}.yaml")
    pillars = {
        k: Pillar(k, v["name"], v["chapter"], bool(v["required"]), dict(v.get("sub_areas", {})))
        for k, v in raw["pillars"].items()
    }
    return Framework(key, raw["name"], pillars)
