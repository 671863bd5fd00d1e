"""Acceptance: the sample declares the seed's relations, passes them, and breaking any one is caught at its line.

The mutations are generated from the sample's own ``checks:`` (read here with plain ruamel, not the toolkit), and
the line of each changed figure is found by scanning the YAML text, independently of the toolkit's source map.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from tests.paths import SAMPLE_2024
from tests.yamlwalk import mappings
from toolkit.cli import main

TEXT = SAMPLE_2024.read_text(encoding="utf-8")
LINES = TEXT.splitlines()
DATA = YAML(typ="safe", pure=True).load(TEXT)


METRICS = {k: v for block in mappings(DATA) for k, v in (block.get("metrics") or {}).items()}
RULES = [rule for block in mappings(DATA) for rule in (block.get("checks") or [])]


def value_line(metric: str) -> int:
    """1-based line of ``value:`` under the metric's key, found in the text."""
    key = next(k for k, line in enumerate(LINES) if re.fullmatch(rf"\s+{metric}:", line))
    return next(k for k in range(key, len(LINES)) if re.match(r"\s+value:", LINES[k])) + 1


def literal_count_line(target: str) -> int:
    """1-based line of ``count: N`` of the count rule whose list/points/items line names ``target``."""
    at = next(k for k, line in enumerate(LINES) if re.fullmatch(rf"\s+(list|points|items): {target}", line))
    return next(k for k in range(at, 0, -1) if re.fullmatch(r"\s+count: \d+", LINES[k])) + 1


def names(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def number(metric: str) -> Decimal:
    return Decimal(str(METRICS[metric]["value"]))


def breaking_changes(rule: dict[str, Any]) -> Iterator[tuple[int, str]]:
    """(line, new value) pairs that each break the rule on their own."""
    kind = rule["kind"]
    if kind == "sum":
        for metric in [rule["total"], *rule["parts"]]:
            yield value_line(metric), str(number(metric) + 100)
    elif kind == "compare":
        left, right = names(rule["left"]), names(rule["right"])
        big = str(sum(number(m) for m in left + right) * 10 + 100)
        smaller, larger = (left, right) if rule.get("op", "<=") in ("<=", "<") else (right, left)
        yield from ((value_line(m), big) for m in smaller)
        yield from ((value_line(m), "0") for m in larger)
    elif kind == "range":
        yield from ((value_line(m), "150") for m in rule["of"])
    elif kind == "share" and rule.get("whole"):
        yield value_line(rule["share"]), "50"
    elif kind == "count":
        if isinstance(rule["count"], str):
            yield value_line(rule["count"]), str(number(rule["count"]) + 1)
        else:
            target = rule.get("list") or rule.get("points") or rule.get("items")
            yield literal_count_line(target), str(rule["count"] + 1)


CASES = [(rule["kind"], line, new) for rule in RULES for line, new in breaking_changes(rule)]


def validate_json(path: Path) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(path)])
    return result.exit_code, json.loads(result.output)


def test_the_sample_declares_the_seeds_relations() -> None:
    kinds = {rule["kind"] for rule in RULES}
    assert kinds >= {"sum", "share", "compare", "yoy", "range", "per_capita", "count"}
    sums = {(r["total"], len(r["parts"])) for r in RULES if r["kind"] == "sum"}
    assert sums == {("new_energy_projects", 4), ("skills_training", 4)}
    counted = {r.get("list") or r.get("points") for r in RULES if r["kind"] == "count"}
    assert counted >= {"six_industries", "emergency_centers", "clinical_centers", "water_works", "regional_hospitals"}
    ranged = {m for r in RULES if r["kind"] == "range" for m in r["of"]}
    percents = {k for k, m in METRICS.items() if m["unit"] == "%"}
    assert ranged == percents  # every 形象进度 / 覆盖率 / 完成率 / 比重
    assert len(CASES) >= 40


def test_the_sample_validates_without_errors_and_the_715_mw_share_is_not_evaluated() -> None:
    code, report = validate_json(SAMPLE_2024)
    assert code == 0
    assert report["counts"]["error"] == 0 and report["counts"]["warning"] == 0
    by_rule = {r["rule"]: r for r in report["rules"]}
    assert by_rule["share:new_energy_capacity"]["not_evaluated"] == 1
    assert by_rule["per_capita:sports_ground_area"]["not_evaluated"] == 1
    assert by_rule["sum:new_energy_projects"]["passes"] == 1
    assert report["rule_totals"]["fails"] == 0


@pytest.mark.parametrize(("kind", "line", "new"), CASES, ids=[f"{k}@{line}" for k, line, _ in CASES])
def test_breaking_one_figure_is_reported_at_its_line(tmp_path: Path, kind: str, line: int, new: str) -> None:
    lines = list(LINES)
    lines[line - 1] = re.sub(r"(value|count): \S+", lambda m: f"{m.group(1)}: {new}", lines[line - 1], count=1)
    assert lines[line - 1] != LINES[line - 1]
    path = tmp_path / "x.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report = validate_json(path)
    assert code == 1
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors, report["findings"]
    places = {f["line"] for f in errors} | {r["line"] for f in errors for r in f["related"]}
    assert line in places, [f["message"] for f in errors]
