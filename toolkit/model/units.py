"""The unit and qualifier vocabulary, loaded from ``schema/units.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from toolkit.model.data import load_data


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


@cache
def units() -> dict[str, Unit]:
    """The known units by name."""
    raw = load_data("units.yaml")["units"]
    return {k: Unit(k, v["kind"], Decimal(str(v["scale"]))) for k, v in raw.items()}


@cache
def qualifiers() -> dict[str, Qualifier]:
    """The known qualifiers by word."""
    raw = load_data("units.yaml")["qualifiers"]
    return {k: Qualifier(k, v["position"], v["bound"]) for k, v in raw.items()}
