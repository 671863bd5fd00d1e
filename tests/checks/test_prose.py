"""The prose lint: figures written as digits, and years other than the report's, are warnings at their place."""

from __future__ import annotations

from pathlib import Path

from tests.rulecase import check, codes, line_of, write_report
from toolkit.checks.prose import blank, figure_pattern
from toolkit.diagnostics.finding import Severity
from toolkit.pipeline import check_file

METRIC = "metrics:\n  n: {value: 130, unit: 个}"


def test_digits_with_a_unit_or_percent_in_prose_are_flagged_where_they_are(tmp_path: Path) -> None:
    path = write_report(tmp_path, METRIC, text="共{{ n }}，其中风电8个，占71%，约52亿元，30多辆，9.98亿。")
    checked = check_file(path)
    found = [f for f in checked.findings if f.code == "figure-in-prose"]
    assert [f.observed for f in found] == ["8个", "71%", "52亿元", "30多辆", "9.98亿"]
    assert all(f.severity is Severity.WARNING for f in found)
    assert checked.ok
    line = line_of(path, "其中风电8个")
    assert found[0].location.line == line
    assert line_text(path, line)[found[0].location.column - 1 :].startswith("8个")


def line_text(path: Path, line: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[line - 1]


def test_references_quoted_names_titles_years_and_versions_are_not_figures(tmp_path: Path) -> None:
    text = "共{{ n }}，“1310”部署，“15分钟健身圈”，《2023年度办法》，{{ year }}年1-10月，v2.0，G234线。"
    checked = check(tmp_path, METRIC, text=text)
    assert codes(checked) == []


def test_a_year_other_than_the_reports_is_a_warning_unless_allowed(tmp_path: Path) -> None:
    text = "2021年以来连续三年，2023年排名第一，2024年完成。"
    checked = check(tmp_path, METRIC, text=text)
    assert codes(checked, Severity.WARNING) == ["year-mismatch", "year-mismatch"]
    assert [f.observed for f in checked.findings] == ["2021", "2023"]
    allowed = check(tmp_path, METRIC, text=text, top="validation:\n  allowed_years: [2021, 2023]\n")
    assert codes(allowed) == []


def test_lints_can_be_switched_off_or_have_their_severity_changed(tmp_path: Path) -> None:
    text = "2021年风电8个。"
    off = "validation:\n  lint: {figure_in_prose: false, year_mismatch: false}\n"
    assert codes(check(tmp_path, METRIC, text=text, top=off)) == []
    stricter = "validation:\n  severity: {figure-in-prose: error}\n"
    checked = check(tmp_path, METRIC, text=text, top=stricter)
    assert not checked.ok and codes(checked, Severity.ERROR) == ["figure-in-prose"]


def test_blank_keeps_offsets() -> None:
    text = "a{{ x }}b“名”c"
    assert len(blank(text)) == len(text) and blank(text).replace(" ", "") == "abc"
    assert figure_pattern().search("共12个百分点").group(0) == "12个百分点"  # type: ignore[union-attr]
