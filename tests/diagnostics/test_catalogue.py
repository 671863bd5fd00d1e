"""One catalogue of finding codes: every code the toolkit can emit is in it, and ``govreport codes`` shows it."""

from __future__ import annotations

import ast
import re

import pytest
from click.testing import CliRunner

from tests.paths import ROOT, SAMPLES
from toolkit.cli import main
from toolkit.diagnostics.catalogue import CATALOGUE, ENTRIES, STAGE_NAMES
from toolkit.diagnostics.finding import Severity
from toolkit.pipeline import check_file

CODE = re.compile(r"^[a-z]+(?:-[a-z0-9]+)+$")
# Hyphenated string literals in the package that are not finding codes.
FINDING_MAKERS = {"Finding", "TextError", "fail", "vocab_finding", "ReportError"}
NOT_CODES = {
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "county-urbanization",
    "yaml-language-server",
    "x-none",
    "table-title",  # paragraph kinds of absorb.py, not finding codes
    "table-unit",
}


def code_literals() -> dict[str, str]:
    """Every hyphenated string constant in the package, with the first place it appears."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "toolkit").rglob("*.py")):
        if path.name == "catalogue.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                first = node.args[0].value
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in FINDING_MAKERS and isinstance(first, str):
                    found.setdefault(first, f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                # a "code:value" protocol string counts by its code part
                word = node.value.split(":", 1)[0]
                if CODE.match(word) and word not in NOT_CODES:
                    found.setdefault(word, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_code_in_the_source_is_catalogued() -> None:
    missing = {code: where for code, where in code_literals().items() if code not in CATALOGUE}
    assert missing == {}


def test_every_catalogued_code_is_emitted_somewhere() -> None:
    assert set(CATALOGUE) - set(code_literals()) == set()


def test_entries_are_complete_and_unique() -> None:
    assert len({e.code for e in ENTRIES}) == len(ENTRIES)
    for entry in ENTRIES:
        assert entry.stage in STAGE_NAMES, entry.code
        assert entry.title and not entry.title.endswith("。"), entry.code
        assert re.search(r"[\u4e00-\u9fff]", entry.explanation), entry.code
        assert entry.wrong.strip() and entry.right.strip() and entry.wrong != entry.right, entry.code


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_codes_emitted_on_the_samples_are_catalogued_with_their_severity(sample: object) -> None:
    checked = check_file(sample)  # type: ignore[arg-type]
    for finding in checked.findings:
        entry = CATALOGUE[finding.code]
        if finding.code != "yoy-mismatch":  # comparable-price growth is lowered to info on purpose
            assert finding.severity in (entry.severity, Severity.INFO, Severity.WARNING)


def test_codes_lists_every_code() -> None:
    result = CliRunner().invoke(main, ["codes"])
    assert result.exit_code == 0
    for entry in ENTRIES:
        assert entry.code in result.output
    assert f"共 {len(ENTRIES)} 个代码" in result.output


def test_codes_explains_one_code_with_examples() -> None:
    result = CliRunner().invoke(main, ["codes", "sum-mismatch"])
    assert result.exit_code == 0
    assert "分项之和与合计不符" in result.output
    assert "错误示例" in result.output and "正确示例" in result.output
    assert "distributed_pv_projects: {value: 171" in result.output


def test_codes_suggests_for_an_unknown_code() -> None:
    result = CliRunner().invoke(main, ["codes", "sum-mismatc"])
    assert result.exit_code == 2
    assert "是否应为 “sum-mismatch”" in result.output


def test_validation_severity_accepts_only_adjustable_codes(tmp_path: object) -> None:
    from toolkit.model.rules import Validation

    Validation.model_validate({"severity": {"figure-in-prose": "off", "sum-mismatch": "warning"}})
    with pytest.raises(ValueError, match="unknown-key"):
        Validation.model_validate({"severity": {"unknown-key": "off"}})
