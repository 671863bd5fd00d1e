"""Report frameworks: which pillars (and sub-areas) a report type covers, from ``schema/frameworks/``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from toolkit.model.data import load_data
from toolkit.resources import data_dir

DEFAULT_TYPE = "county-urbanization"
"""The report type of ``govreport new`` when none is given."""


@dataclass(frozen=True)
class Pillar:
    """One pillar of a framework."""

    key: str
    name: str
    chapter: str
    required: bool
    sub_areas: dict[str, str]
    keywords: tuple[str, ...] = ()  # words that mark a part about this pillar (for ``govreport import``)


@dataclass(frozen=True)
class Framework:
    """A report type's framework: its pillars in order."""

    key: str
    name: str
    pillars: dict[str, Pillar]


@cache
def framework_names() -> tuple[str, ...]:
    """The report types that have a framework."""
    return tuple(sorted(p.stem for p in (data_dir("schema") / "frameworks").glob("*.yaml")))


@cache
def framework(key: str) -> Framework:
    """Load the framework of a report type."""
    raw = load_data(f"frameworks/{key}.yaml")
    pillars = {
        k: Pillar(
            k,
            v["name"],
            v["chapter"],
            bool(v["required"]),
            dict(v.get("sub_areas", {})),
            tuple(v.get("keywords", ())),
        )
        for k, v in raw["pillars"].items()
    }
    return Framework(key, raw["name"], pillars)
