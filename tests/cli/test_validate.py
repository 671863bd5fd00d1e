"""``govreport validate`` end to end: formats, exit codes, --strict, --prior, SARIF schema, cold start."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from tests.paths import ROOT
from tests.rulecase import write_report
from toolkit.cli import main

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json"

BROKEN = """
metrics:
  total: {value: 130, unit: 个}
  a: {value: 8, unit: 个}
  b: {value: 4, unit: 个}
  output: {value: 55.33, unit: 亿元, yoy: 3.6}
checks:
  - {kind: sum, total: total, parts: [a, b]}
  - {kind: yoy, metric: output}
"""
WARNED = "metrics:\n  n: {value: 1, unit: 个}"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, ["validate", *args])


def test_the_sample_is_clean_in_text_with_a_summary_per_rule(sample_2024: Path) -> None:
    result = invoke(str(sample_2024))
    assert result.exit_code == 0, result.output
    assert "error[" not in result.output and "warning[" not in result.output
    assert "规则汇总" in result.output
    assert re.search(r"sum:new_energy_projects\s+1\s+1\s+0\s+0", result.output)
    assert result.output.rstrip().endswith("提示 5 个。")


def test_errors_exit_1_in_compiler_style_grouped_by_file(tmp_path: Path, sample_2024: Path) -> None:
    broken = write_report(tmp_path, BROKEN)
    result = invoke(str(broken), str(sample_2024))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    first = next(k for k, line in enumerate(lines) if line.startswith(str(broken)))
    assert re.match(rf"{re.escape(str(broken))}:\d+:\d+: error\[sum-mismatch\] 分项之和", lines[first])
    assert lines[first + 1].startswith("    相关位置：")
    assert any(line.startswith(f"{sample_2024}:") for line in lines)
    assert "共检查 2 个文件" in lines[-1]


def test_warnings_fail_only_under_strict(tmp_path: Path) -> None:
    path = write_report(tmp_path, WARNED, text="2021年，共{{ n }}。")
    assert invoke(str(path)).exit_code == 0
    strict = invoke("--strict", str(path))
    assert strict.exit_code == 1 and "warning[year-mismatch]" in strict.output


@pytest.mark.parametrize("args", [[], ["--format", "xml", "x.yaml"], ["--prior", "/no/such.yaml", "x.yaml"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert invoke(*args).exit_code == 2


def test_json_has_findings_and_the_per_rule_summary(tmp_path: Path) -> None:
    path = write_report(tmp_path, BROKEN)
    result = invoke("--format", "json", str(path))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) >= {"tool", "valid", "strict", "counts", "files", "findings", "rules", "rule_totals"}
    assert data["valid"] is False and data["counts"]["error"] == 1
    finding = next(f for f in data["findings"] if f["code"] == "sum-mismatch")
    assert set(finding) == {
        "file", "line", "column", "path", "paragraph", "code", "severity", "message", "rule",
        "observed", "expected", "suggestion", "related",
    }  # fmt: skip
    assert finding["paragraph"] == 0  # set only for imported documents (.docx/.txt/.md)
    assert finding["observed"] == "12" and finding["expected"] == "130" and finding["rule"] == "sum:total"
    assert {r["rule"]: (r["items"], r["passes"], r["fails"], r["not_evaluated"]) for r in data["rules"]} == {
        "sum:total": (1, 0, 1, 0),
        "yoy:output": (1, 0, 0, 1),
    }
    assert data["rule_totals"] == {"items": 2, "passes": 0, "fails": 1, "not_evaluated": 1}


def test_sarif_validates_against_the_sarif_2_1_0_schema(tmp_path: Path, sample_2024: Path) -> None:
    broken = write_report(tmp_path, BROKEN)
    missing = tmp_path / "missing.yaml"
    result = invoke("--format", "sarif", str(broken), str(sample_2024), str(missing))
    assert result.exit_code == 1
    log = json.loads(result.output)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    results = log["runs"][0]["results"]
    assert all(r["level"] in ("error", "warning", "note") for r in results)
    rule_ids = {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} == rule_ids
    failure = next(r for r in results if r["ruleId"] == "sum-mismatch")
    region = failure["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert len(failure["relatedLocations"]) == 3  # two parts and the rule


def last_year(path: Path) -> Path:
    """A test report made the year before (2023)."""
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2024", "year: 2023", 1), encoding="utf-8")
    return path


def test_prior_supplies_last_years_values_for_yoy(tmp_path: Path) -> None:
    current = write_report(tmp_path, BROKEN.replace("value: 130", "value: 12"), name="now.yaml")
    good = last_year(write_report(tmp_path, "metrics:\n  output: {value: 53.40, unit: 亿元}", name="good.yaml"))
    bad = last_year(write_report(tmp_path, "metrics:\n  output: {value: 50.00, unit: 亿元}", name="bad.yaml"))
    assert invoke(str(current)).exit_code == 0
    assert invoke("--prior", str(good), str(current)).exit_code == 0
    result = invoke("--prior", str(bad), str(current))
    assert result.exit_code == 1 and "yoy-mismatch" in result.output
    assert f"{bad}:" in result.output  # the prior figure is a related location


@pytest.mark.parametrize(
    ("year", "region", "said", "line"),
    [
        (2022, "x市", "--prior 给出的是 2022 年度的报告，不是本报告（2024 年度）的上一年度", 5),
        (2024, "x市", "--prior 给出的是 2024 年度的报告，不是本报告（2024 年度）的上一年度", 5),
        (2023, "y县", "--prior 给出的是y县的报告，本报告是x市的", 4),
    ],
)
def test_a_prior_of_another_year_or_region_is_not_used_and_said_so(
    tmp_path: Path, year: int, region: str, said: str, line: int
) -> None:
    current = write_report(tmp_path, BROKEN.replace("value: 130", "value: 12"), name="now.yaml")
    other = write_report(tmp_path, "metrics:\n  output: {value: 50.00, unit: 亿元}", name="other.yaml")
    text = other.read_text(encoding="utf-8").replace("year: 2024", f"year: {year}", 1)
    other.write_text(text.replace("name: x市", f"name: {region}", 1), encoding="utf-8")
    result = invoke("--prior", str(other), str(current))
    assert result.exit_code == 0, result.output  # its 50.00 would make a yoy-mismatch: it is not used
    assert "yoy-mismatch" not in result.output
    assert f"now.yaml:{line}:" in result.output and "warning[prior-mismatch]" in result.output
    assert said in result.output and "其数值未作为上年数值使用" in result.output


def test_a_broken_prior_file_is_reported(tmp_path: Path) -> None:
    current = write_report(tmp_path, WARNED, name="now.yaml")
    broken = tmp_path / "prior.yaml"
    broken.write_text("type: [", encoding="utf-8")
    result = invoke("--prior", str(broken), str(current))
    assert result.exit_code == 1 and "yaml-syntax" in result.output


def test_build_refuses_a_report_with_errors_and_prints_the_same_findings(tmp_path: Path) -> None:
    path = write_report(tmp_path, BROKEN)
    out = tmp_path / "r.txt"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    validate_lines = {line for line in invoke(str(path)).output.splitlines() if "error[" in line}
    assert validate_lines and validate_lines <= set(result.output.splitlines())


def test_validate_in_a_subprocess_does_not_import_docx(sample_2024: Path) -> None:
    code = (
        "import sys\n"
        "from toolkit.cli import main\n"
        "try:\n"
        f"    main(['validate', {str(sample_2024)!r}])\n"
        "except SystemExit as exc:\n"
        "    status = exc.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'fitz', 'pymupdf', 'lxml')\n"
        "               or m.startswith(('toolkit.writers.docx', 'toolkit.writers.pdf')))\n"
        "print(status, heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert proc.stdout.strip().splitlines()[-1] == "0 []"


def test_validate_cold_start_imports_no_docx_per_importtime(sample_2024: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "toolkit", "validate", str(sample_2024)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert not {m for m in imported if m.split(".")[0] in ("docx", "lxml")}
    assert "toolkit.checks.rules.consistency" in imported


def test_a_freshly_rolled_draft_counts_the_rules_waiting_for_figures_in_one_note(rolled: Path) -> None:
    result = invoke(str(rolled))
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if "info[" in line]
    assert len(notes) == 1 and "info[incomplete]" in notes[0]
    waiting = int(re.search(r"(\d+) 条校验规则因此暂未评估", notes[0]).group(1))  # type: ignore[union-attr]
    assert waiting >= 20
    summary = [line for line in result.output.splitlines() if re.match(r"  [a-z_]+:[a-z_0-9]+ ", line)]
    assert sum(int(line.split()[-1]) > 0 for line in summary) >= 20  # the rule table still shows them, rule by rule
