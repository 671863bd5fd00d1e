"""The committed JSON Schema matches the models, and the samples point editors at it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.paths import ROOT
from toolkit.cli import main
from toolkit.model.json_schema import report_schema_json
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
