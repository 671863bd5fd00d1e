"""The unit and qualifier vocabulary, loaded from ``schema/units.yaml``, and the units a report declares.

A unit is a base unit times a magnitude (万户 = 10⁴ 户, 千米 = 10³ 米, 亿千瓦时 = 10⁸ 千瓦时). Every unit has a
kind (what it measures) and a scale to the kind's reference unit, which checks use to compare and add figures
written in different units. Besides the named units, any unit that is not ``plain`` may take a magnitude prefix
(十 百 千 万 十万 百万 千万 亿) without being listed. A report may declare its own units (``units:`` in the YAML);
while a report is being validated they are visible through :func:`declared_units`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from toolkit.diagnostics.hints import did_you_mean
from toolkit.model.data import load_data


@dataclass(frozen=True)
class Unit:
    """A unit: what it measures, its factor to the kind's reference unit, and its base unit and magnitude."""

    name: str
    kind: str
    scale: Decimal
    base: str = ""
    magnitude: Decimal = Decimal(1)
    plain: bool = False

    @property
    def base_name(self) -> str:
        """The base unit's name (the unit itself when it has no magnitude)."""
        return self.base or self.name


@dataclass(frozen=True)
class Qualifier:
    """A qualifier word and where it is written relative to the figure."""

    word: str
    position: str  # before | between | after
    bound: str  # approx | lower | upper | exact


@cache
def magnitudes() -> dict[str, Decimal]:
    """Magnitude words (万, 亿 …) and their factors."""
    return {k: Decimal(str(v)) for k, v in load_data("units.yaml")["magnitudes"].items()}


def make_unit(name: str, entry: Mapping[str, object], known: Mapping[str, Unit]) -> Unit:
    """A unit from a vocabulary entry: ``{kind, scale}`` for a base, ``{base, magnitude}`` for a multiple."""
    base_name = entry.get("base")
    if base_name is not None:
        base = known[str(base_name)]
        raw = entry.get("magnitude", 1)
        factor = magnitudes()[raw] if isinstance(raw, str) else Decimal(str(raw))
        return Unit(name, base.kind, base.scale * factor, base.base_name, base.magnitude * factor)
    scale = Decimal(str(entry.get("scale", 1)))
    return Unit(name, str(entry["kind"]), scale, plain=bool(entry.get("plain", False)))


@cache
def units() -> dict[str, Unit]:
    """The named units of the vocabulary."""
    out: dict[str, Unit] = {}
    for name, entry in load_data("units.yaml")["units"].items():
        out[name] = make_unit(name, entry, out)
    return out


@cache
def kind_hints() -> dict[str, tuple[str, ...]]:
    """Words that name a kind, by kind."""
    return {k: tuple(str(w) for w in v) for k, v in load_data("units.yaml")["kind_hints"].items()}


def hinted_kinds(name: str) -> set[str]:
    """The kinds the words of a unit name: the longest hint words found decide (平方工里 → area, not length)."""
    found = [(len(w), kind) for kind, words in kind_hints().items() for w in words if w in name]
    if not found:
        return set()
    longest = max(n for n, _ in found)
    return {kind for n, kind in found if n == longest}


@cache
def qualifiers() -> dict[str, Qualifier]:
    """The known qualifiers by word."""
    raw = load_data("units.yaml")["qualifiers"]
    return {k: Qualifier(k, v["position"], v["bound"]) for k, v in raw.items()}


_DECLARED: ContextVar[Mapping[str, Unit] | None] = ContextVar("declared_units", default=None)


def declared_units() -> Mapping[str, Unit]:
    """The units the report being validated declares (empty outside validation)."""
    return _DECLARED.get() or {}


@contextmanager
def declaring(table: Mapping[str, Unit]) -> Iterator[None]:
    """Make a report's own units known while it is validated."""
    token = _DECLARED.set(table)
    try:
        yield
    finally:
        _DECLARED.reset(token)


def find_unit(name: str, declared: Mapping[str, Unit] | None = None) -> Unit | None:
    """A unit by name: declared by the report, named in the vocabulary, or a magnitude of one of them."""
    table = declared_units() if declared is None else declared
    found = table.get(name) or units().get(name)
    if found is not None:
        return found
    for word in sorted(magnitudes(), key=len, reverse=True):
        rest = name[len(word) :]
        if name.startswith(word) and rest:
            base = table.get(rest) or units().get(rest)
            if base is not None and not base.plain and not base.base:
                factor = magnitudes()[word]
                return Unit(name, base.kind, base.scale * factor, base.base_name, factor)
    return None


def unit_suggestion(bad: str, declared: Mapping[str, Unit] | None = None) -> str | None:
    """The known unit an unknown one was probably meant to be, never one of another kind.

    Candidates are restricted to the kinds the unknown unit's words name (圆 → money: 亿圆 → 亿元); a unit whose
    words name no kind gets a suggestion only of the same length ending in the same character.
    """
    table = {**units(), **(declared_units() if declared is None else declared)}
    hinted = hinted_kinds(bad)
    if hinted:
        candidates = [n for n, u in table.items() if u.kind in hinted]
    else:
        candidates = [n for n in table if len(n) == len(bad) and n[-1:] == bad[-1:]]
    return did_you_mean(bad, candidates)
