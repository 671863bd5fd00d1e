"""The committed JSON Schema matches the models, and the samples point editors at it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.paths import ROOT
from toolkit.cli import main
from toolkit.model.json_schema import report_schema_json, schema_reference, with_modeline
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
    result = CliRunner().invoke(main, ["schema", "-o", str(tmp_path / "schema" / "report.schema.json")])
    assert result.exit_code == 0, result.output
    assert schema_reference(tmp_path / "2025" / "z-county-2025.yaml") == "../schema/report.schema.json"
    assert schema_reference(tmp_path / "z-county-2025.yaml") == "schema/report.schema.json"


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


def test_new_writes_the_modeline(tmp_path: Path) -> None:
    out = tmp_path / "z-county-2025.yaml"
    result = CliRunner().invoke(main, ["new", "--region", "z县", "--year", "2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=" + schema_reference(out)
