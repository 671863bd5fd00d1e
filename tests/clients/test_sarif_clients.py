"""`govreport validate --format sarif` read by a real SARIF consumer: sarif-tools (the `sarif` CLI from PyPI).

sarif-tools is what CI jobs use to summarise, gate on (``sarif --check error``) and convert SARIF logs (CSV, Code
Climate for GitLab, emacs, HTML, Word). Its CSV lists Tool, Severity, Code, Description, Location and Line per
result, which is compared here with the CLI's own text output.

Tests marked "ISSUE 15" expect the behaviour issue 15 asks for and fail until it is implemented.
"""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.clients.support import SAMPLE_2024, Injection, run_cli, text_findings

UNKNOWN_UNIT = Injection("mining_output:", "unit: 亿元", "unit: 亿园")
UNKNOWN_KEY = Injection("electronics_output:", "source: 工信局", "souce: 工信局")
SUM_MISMATCH = Injection("new_energy_projects:", "value: 130", "value: 131")  # 8 + 4 + 117 + 1 = 130
SEVERITY = {"error": "error", "warning": "warning", "info": "note"}


def sarif(tool: Path, *args: str | Path, cwd: Path, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(tool), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode in ok, (
        f"sarif {' '.join(map(str, args))} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    )
    return done


def write_variant(folder: Path, name: str, *injections: Injection) -> Path:
    text = SAMPLE_2024.read_text(encoding="utf-8")
    for injection in injections:
        text, _ = injection.apply(text)
    path = folder / "reports" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def validate_sarif(folder: Path, *files: Path) -> tuple[Path, dict[str, Any]]:
    """Run ``validate --format sarif`` from ``folder`` on files given relative to it, as CI does from a checkout."""
    done = run_cli("validate", "--format", "sarif", *(f.relative_to(folder) for f in files), cwd=folder)
    log = folder / "govreport.sarif"
    log.write_text(done.stdout, encoding="utf-8")
    return log, json.loads(done.stdout)


def csv_rows(tool: Path, log: Path) -> list[dict[str, str]]:
    out = log.with_suffix(".csv")
    sarif(tool, "csv", "-o", out, log, cwd=log.parent)
    with out.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def text_output(folder: Path, *files: Path) -> list[dict[str, str]]:
    done = run_cli("validate", *(f.relative_to(folder) for f in files), cwd=folder)
    return text_findings(done.stdout)


@pytest.mark.parametrize(
    ("name", "injections"),
    [("unknown-unit", (UNKNOWN_UNIT,)), ("two-structure-errors", (UNKNOWN_KEY, UNKNOWN_UNIT))],
)
def test_sarif_tools_lists_what_the_text_output_says(
    sarif_tool: Path, tmp_path: Path, name: str, injections: tuple[Injection, ...]
) -> None:
    path = write_variant(tmp_path, name, *injections)
    log, _ = validate_sarif(tmp_path, path)
    listed = {
        (r["Location"], int(r["Line"]), r["Severity"], r["Code"], r["Description"]) for r in csv_rows(sarif_tool, log)
    }
    said = text_output(tmp_path, path)
    assert len([f for f in said if f["severity"] == "error"]) == len(injections)
    assert len(listed) == len(said)
    for finding in said:
        match = [
            row
            for row in listed
            if row[:4] == (finding["file"], int(finding["line"]), SEVERITY[finding["severity"]], finding["code"])
            # SARIF's message is the text output's message, with the suggestion appended as （建议：…）.
            and row[4].startswith(finding["message"])
        ]
        assert len(match) == 1, f"{finding} not listed by sarif-tools: {sorted(listed)}"


def test_sarif_tools_summary_counts_and_gates(sarif_tool: Path, tmp_path: Path) -> None:
    bad = write_variant(tmp_path, "bad", UNKNOWN_UNIT)
    log, _ = validate_sarif(tmp_path, bad)
    summary = sarif(sarif_tool, "summary", log, cwd=tmp_path).stdout
    assert "error: 1" in summary and "unknown-unit" in summary, summary
    # `sarif --check error` is how CI gates on a log: non-zero with an error, zero on a clean file.
    assert sarif(sarif_tool, "--check", "error", "summary", log, cwd=tmp_path, ok=(0, 1, 2)).returncode != 0
    clean = write_variant(tmp_path, "clean")
    clean_log, data = validate_sarif(tmp_path, clean)
    assert all(r["level"] == "note" for r in data["runs"][0]["results"])
    assert sarif(sarif_tool, "--check", "error", "summary", clean_log, cwd=tmp_path).returncode == 0


def test_sarif_tools_reads_several_files_in_one_log(sarif_tool: Path, tmp_path: Path) -> None:
    one = write_variant(tmp_path, "one", UNKNOWN_UNIT)
    two = write_variant(tmp_path, "two", UNKNOWN_KEY)
    log, _ = validate_sarif(tmp_path, one, two)
    errors = {(r["Location"], int(r["Line"]), r["Code"]) for r in csv_rows(sarif_tool, log) if r["Severity"] == "error"}
    said = {(f["file"], int(f["line"]), f["code"]) for f in text_output(tmp_path, one, two) if f["severity"] == "error"}
    assert errors == said and {e[0] for e in errors} == {"reports/one.yaml", "reports/two.yaml"}


def test_structure_and_rule_errors_give_two_results(sarif_tool: Path, tmp_path: Path) -> None:
    """ISSUE 15 acceptance 3: a structure error (unknown unit) and, in an unrelated metric, a consistency error
    (sum-mismatch) are two independent errors and two results (validate checks what the structure error spares)."""
    path = write_variant(tmp_path, "two-kinds", UNKNOWN_UNIT, SUM_MISMATCH)
    log, _ = validate_sarif(tmp_path, path)
    codes = sorted(r["Code"] for r in csv_rows(sarif_tool, log) if r["Severity"] == "error")
    assert codes == ["sum-mismatch", "unknown-unit"]


def test_every_rule_is_described(tmp_path: Path) -> None:
    """ISSUE 15 acceptance 3: each rule in the log has a name, a level, a full description and help (markdown with
    a wrong and a right example) and a helpUri; the run has automationDetails and the invocation's exit state."""
    broken = write_variant(tmp_path, "broken", UNKNOWN_UNIT, UNKNOWN_KEY)
    rules_only = write_variant(tmp_path, "rules", SUM_MISMATCH)
    _, data = validate_sarif(tmp_path, broken, rules_only)
    run = data["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"unknown-unit", "unknown-key", "sum-mismatch", "rule-not-evaluated"}
    for rule in rules:
        assert rule.get("name"), rule
        assert rule.get("shortDescription", {}).get("text") not in (None, "", rule["id"]), rule
        assert rule.get("fullDescription", {}).get("text"), rule
        assert rule.get("help", {}).get("text") and rule["help"].get("markdown"), rule
        assert rule.get("defaultConfiguration", {}).get("level") in ("error", "warning", "note"), rule
        assert rule.get("helpUri"), rule
    assert run.get("automationDetails", {}).get("id"), run.keys()
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is True and invocation["exitCode"] == 1, invocation


def test_every_run_reports_the_same(tmp_path: Path) -> None:
    """CI compares logs across runs (sarif diff, code scanning): the same file gives the same log whatever the
    process's hash seed (the not-checked note once listed its entries in set order)."""
    path = write_variant(tmp_path, "two", UNKNOWN_KEY, UNKNOWN_UNIT)
    logs = {
        run_cli(
            "validate", "--format", "sarif", path.relative_to(tmp_path), cwd=tmp_path, env={"PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(logs) == 1
