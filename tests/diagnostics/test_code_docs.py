"""docs/CODES.md and the SARIF rule descriptors come from the catalogue of codes."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jsonschema
from click.testing import CliRunner

from tests.paths import ROOT, SAMPLE_2024, TEST_DATA
from toolkit.cli import main
from toolkit.diagnostics.catalogue import ENTRIES
from toolkit.diagnostics.code_docs import codes_markdown, help_markdown, rule_name
from toolkit.diagnostics.finding import Finding, Location, Severity
from toolkit.diagnostics.sarif import rule_descriptors

CODES_MD = ROOT / "docs" / "CODES.md"


def test_committed_codes_doc_is_current() -> None:
    assert CODES_MD.read_text(encoding="utf-8") == codes_markdown(), "run `govreport codes --markdown > docs/CODES.md`"


def test_codes_command_prints_the_doc() -> None:
    result = CliRunner().invoke(main, ["codes", "--markdown"])
    assert result.exit_code == 0 and result.output == codes_markdown()


def test_every_code_has_an_anchor_and_examples() -> None:
    doc = CODES_MD.read_text(encoding="utf-8")
    for entry in ENTRIES:
        assert f'<a id="{entry.code}"></a>' in doc, entry.code
        markdown = help_markdown(entry)
        assert markdown.count("```") == 4 and "错误示例" in markdown and "正确示例" in markdown, entry.code


def test_rule_names_are_identifiers() -> None:
    assert rule_name("sum-mismatch") == "SumMismatch"
    assert all(rule_name(e.code).isidentifier() for e in ENTRIES)


def test_every_code_makes_a_complete_rule_descriptor() -> None:
    findings = [Finding(e.code, "x", Location("a.yaml", 1, 1), severity=e.severity) for e in ENTRIES]
    rules = rule_descriptors(findings, "https://example.org/docs/CODES.md")
    assert [r["id"] for r in rules] == sorted(e.code for e in ENTRIES)
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for rule, entry in zip(rules, sorted(ENTRIES, key=lambda e: e.code), strict=True):
        assert rule["name"] == rule_name(entry.code)
        assert rule["shortDescription"]["text"] == entry.title
        assert rule["fullDescription"]["text"] == entry.explanation
        assert rule["help"]["markdown"] == help_markdown(entry) and entry.title in rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] == levels[entry.severity]
        assert rule["helpUri"] == f"https://example.org/docs/CODES.md#{entry.code}"


def sarif(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(main, ["validate", "--format", "sarif", *args])
    assert result.exit_code in (0, 1), result.output
    log: dict[str, object] = json.loads(result.output)
    jsonschema.validate(log, json.loads((TEST_DATA / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8")))
    return log


def test_the_run_records_its_exit_code_and_automation_id(tmp_path: Path) -> None:
    clean = sarif(str(SAMPLE_2024))["runs"][0]  # type: ignore[index]
    assert clean["invocations"] == [{"executionSuccessful": True, "exitCode": 0, "exitCodeDescription": "没有错误"}]
    assert clean["automationDetails"]["id"] == "govreport/validate/"
    missing = sarif(str(tmp_path / "missing.yaml"))["runs"][0]  # type: ignore[index]
    assert missing["invocations"][0]["exitCode"] == 1
    result = missing["results"][0]
    assert missing["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == "file-not-found"


def test_help_uri_points_into_the_docs(tmp_path: Path) -> None:
    rules = sarif(str(tmp_path / "missing.yaml"))["runs"][0]["tool"]["driver"]["rules"]  # type: ignore[index]
    uri = urlsplit(rules[0]["helpUri"])
    assert uri.scheme == "file" and uri.fragment == "file-not-found"
    assert Path(url2pathname(uri.path)).read_text(encoding="utf-8") == codes_markdown()
    given = "https://example.org/govreport/blob/main/docs/CODES.md"
    rules = sarif("--docs-url", given, str(tmp_path / "missing.yaml"))["runs"][0]["tool"]["driver"]["rules"]  # type: ignore[index]
    assert rules[0]["helpUri"] == f"{given}#file-not-found"
