"""The committed JSON Schema matches the models, and the samples point editors at it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.paths import ROOT
from toolkit.cli import main
from toolkit.model.json_schema import known_unit_pattern, report_schema_json, schema_reference, with_modeline
from toolkit.model.units import find_unit, magnitudes, units
from toolkit.resources import data_dir
from toolkit.source.reader import read_yaml

SCHEMA = ROOT / "schema" / "report.schema.json"


def test_committed_schema_matches_models() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == report_schema_json(), "run `govreport schema` and commit"


def test_schema_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    result = CliRunner().invoke(main, ["schema", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "Report"


@pytest.mark.parametrize("sample", sorted((ROOT / "samples").glob("*.yaml")), ids=lambda p: p.name)
def test_samples_declare_the_schema_and_satisfy_it(sample: Path) -> None:
    first = sample.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/report.schema.json"
    data = read_yaml(sample).data
    jsonschema.validate(json.loads(json.dumps(data, default=str)), json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_a_file_in_the_repository_points_at_the_repository_schema() -> None:
    assert schema_reference(ROOT / "samples" / "x-city-2026.yaml") == "../schema/report.schema.json"
    assert schema_reference(ROOT / "x-city-2025.yaml") == "schema/report.schema.json"  # the README's rollover


def test_a_team_folder_with_its_own_schema_gets_a_relative_reference(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    result = CliRunner().invoke(main, ["schema", "-o", str(tmp_path / "schema" / "report.schema.json")])
    assert result.exit_code == 0, result.output
    assert schema_reference(tmp_path / "2025" / "z-county-2025.yaml") == "../schema/report.schema.json"
    assert schema_reference(tmp_path / "z-county-2025.yaml") == "schema/report.schema.json"


def test_schema_run_in_a_team_folder_is_referenced_below_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["schema"])  # the default: report.schema.json in the current folder
    assert result.exit_code == 0, result.output
    assert schema_reference(tmp_path / "z.yaml") == "report.schema.json"
    assert schema_reference(tmp_path / "2025" / "z.yaml") == "../report.schema.json"


def test_elsewhere_the_installed_schema_is_referenced_by_uri(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "report.schema.json").write_text('{"title": "Another tool"}', encoding="utf-8")
    expected = (data_dir("schema") / "report.schema.json").as_uri()
    assert schema_reference(tmp_path / "reports" / "z.yaml") == expected
    assert expected.startswith("file:///")


def test_with_modeline_replaces_or_adds_the_first_line(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    line = "# yaml-language-server: $schema=" + schema_reference(target)
    assert with_modeline("# yaml-language-server: $schema=../schema/report.schema.json\ntype: x\n", target) == (
        f"{line}\ntype: x\n"
    )
    assert with_modeline("# a comment\ntype: x\n", target) == f"{line}\n# a comment\ntype: x\n"


def test_a_modeline_that_resolves_is_kept(tmp_path: Path) -> None:
    (tmp_path / "mine.json").write_text("{}", encoding="utf-8")
    target = tmp_path / "x.yaml"
    for reference in ("mine.json", (tmp_path / "mine.json").as_uri(), "https://example.org/report.schema.json"):
        text = f"# yaml-language-server: $schema={reference}\ntype: x\n"
        assert with_modeline(text, target) == text
    broken = "# yaml-language-server: $schema=../schema/report.schema.json\ntype: x\n"
    assert with_modeline(broken, target).splitlines()[0].endswith(schema_reference(target))


def test_new_writes_the_modeline(tmp_path: Path) -> None:
    out = tmp_path / "z-county-2025.yaml"
    result = CliRunner().invoke(main, ["new", "--region", "z县", "--year", "2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=" + schema_reference(out)


def test_the_schema_accepts_the_units_the_cli_accepts() -> None:
    """Without a units: block the editor checks units by one pattern; it must say what units.find_unit says."""
    pattern = re.compile(known_unit_pattern())
    words = list(units()) + [m + u for m in magnitudes() for u in units()]
    words += ["亿园", "万万元", "百分比", "亿美金", "元元", "", "万", "%%", "万%"]
    disagree = [w for w in words if bool(pattern.fullmatch(w)) != (find_unit(w, {}) is not None)]
    assert disagree == []


def test_a_report_with_its_own_units_is_not_checked_against_the_vocabulary() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    base = {"type": "county-urbanization", "meta": {}, "metrics": {"n": {"value": 1, "unit": "标准箱"}}}
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(base) if "标准箱" in e.message]
    assert errors, "an unknown unit is an error without a units: block"
    declared = {**base, "units": {"标准箱": {"kind": "count"}}}
    assert [e for e in jsonschema.Draft202012Validator(schema).iter_errors(declared) if "标准箱" in e.message] == []
