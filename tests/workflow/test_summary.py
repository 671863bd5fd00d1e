"""govreport summary: a row per county report, a column per comparable figure in one unit, status and totals."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.office import CSV_UTF8, convert, read_csv
from tests.paths import SAMPLES
from toolkit.cli import main
from toolkit.pipeline import check_file

COUNTY = """\
type: county-urbanization
meta:
  title: 测试报告
  region: {{name: {name}, level: 县, province: 某省}}
  year: {year}
  period: {period}
overview:
  parts:
    - pillar: industry
      heading: 产业
      text: 产值{{{{ output }}}}，占比{{{{ share }}}}，企业{{{{ firms }}}}。
      metrics:
        output: {{value: {output}, unit: {unit}, label: 规模以上工业 产值, source: 工信局}}
        share: {{value: {share}, unit: "%", label: 制造业占比, source: 工信局}}
        firms: {{value: {firms}, unit: 家, label: 规上企业, source: 工信局}}
    - pillar: municipal
      heading: 市政
      text: 市政设施不断完善。
    - pillar: public_services
      heading: 公共服务
      text: 公共服务不断完善。
    - pillar: environment
      heading: 环境
      text: 人居环境不断改善。
"""


def county(
    folder: Path,
    name: str,
    *,
    year: int = 2024,
    output: str = "38.6",
    unit: str = "亿元",
    share: str = "40",
    firms: str = "57",
    period: str = "1-10月",
) -> Path:
    path = folder / f"{name}-{year}.yaml"
    path.write_text(
        COUNTY.format(name=name, year=year, output=output, unit=unit, share=share, firms=firms, period=period),
        encoding="utf-8",
    )
    return path


def summary(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["summary", *args])
    return result.exit_code, result.output


def test_the_samples_summarised_open_in_libreoffice_with_counties_as_rows_and_their_status(tmp_path: Path) -> None:
    samples = sorted(SAMPLES.glob("*.yaml"))
    out = tmp_path / "summary.xlsx"
    code, output = summary(*map(str, samples), "-o", str(out))
    assert code == 0, output
    (csv_file,) = convert([out], CSV_UTF8, tmp_path / "csv", tmp_path / "profile")
    table = read_csv(csv_file)
    assert "汇总表" in table[0][0]
    header = next(row for row in table if row[:3] == ["县（市、区）", "年度", "状态"])
    assert header[3:6] == ["错误", "警告", "缺项"]
    expected = {}
    for sample in samples:
        checked = check_file(sample)
        assert checked.report is not None and checked.status is not None
        errors = sum(f.severity.value == "error" for f in checked.findings)
        warnings = sum(f.severity.value == "warning" for f in checked.findings)
        missing = len(checked.status.missing)
        state = "有错误" if errors else "未填齐" if missing else "有警告" if warnings else "通过"
        key = (checked.report.meta.region.name, str(checked.report.meta.year))
        expected[key] = [state, str(errors), str(warnings), str(missing)]
    assert len(expected) == len(samples) >= 3
    rows = {(row[0], row[1]): row for row in table if row and (row[0], row[1]) in expected}
    assert {key: row[2:6] for key, row in rows.items()} == expected
    assert {("x市", "2024"), ("x市", "2025"), ("y县", "2024")} <= set(rows)
    electronics = header.index("电子信息产业产值（亿元）")
    assert rows[("x市", "2024")][electronics] == "55.33" and rows[("y县", "2024")][electronics] == ""


def test_comparable_figures_share_a_column_in_one_unit_with_totals_per_year(tmp_path: Path) -> None:
    a = county(tmp_path, "a县", output="38.6", unit="亿元")
    b = county(tmp_path, "b县", output="5533", unit="万元", share="35.5", firms="12")
    c = county(tmp_path, "c县", output="41.2", unit="亿元", period="前三季度")
    d = county(tmp_path, "a县", year=2025, output="40.1")
    out = tmp_path / "summary.md"
    code, output = summary(str(a), str(b), str(c), str(d), "-o", str(out))
    assert code == 0, output
    lines = out.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if "县（市、区）" in line)
    cells = [c.strip() for c in header.strip("|").split("|")]
    assert cells[6:] == [
        "产业配套设施提质增效 规模以上工业产值（亿元） 不一：1-10月、前三季度",
        "产业配套设施提质增效 制造业占比（%） 不一：1-10月、前三季度",
        "产业配套设施提质增效 规上企业（家） 不一：1-10月、前三季度",
    ]
    rows = {tuple(c.strip() for c in line.strip("|").split("|"))[:2]: line for line in lines if line.startswith("| ")}
    assert "| 0.5533 |" in rows[("b县", "2024")]
    total = [c.strip() for c in rows[("合计（2024年）", "2024")].strip("|").split("|")]
    assert total[6:] == ["80.3533", "", "126"]
    count = [c.strip() for c in rows[("填报县数", "2024")].strip("|").split("|")]
    assert count[6:] == ["3", "", "3"]
    assert ("合计（2025年）", "2025") not in rows  # one county that year: nothing to add


def test_an_unreadable_report_is_a_row_that_says_so_and_csv_opens_in_excel(tmp_path: Path) -> None:
    good = county(tmp_path, "a县")
    bad = tmp_path / "broken.yaml"
    bad.write_text("type: [\n", encoding="utf-8")
    out = tmp_path / "summary.csv"
    code, output = summary(str(good), str(bad), "-o", str(out))
    assert code == 0, output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "a县,2024,通过,0,0,0,38.6,40,57" in text
    assert f"{bad},,无法读取,1," in text


def test_outputs_go_through_the_guard(tmp_path: Path) -> None:
    good = county(tmp_path, "a县")
    code, output = summary(str(good), "-o", str(tmp_path / "summary.docx"))
    assert code == 1 and "扩展名" in output
    foreign = tmp_path / "summary.xlsx"
    foreign.write_bytes(b"someone's own table")
    code, output = summary(str(good), "-o", str(foreign))
    assert code == 1 and "不是由 govreport 生成" in output and foreign.read_bytes() == b"someone's own table"
    code, output = summary(str(good), "-o", str(tmp_path / "again.xlsx"))
    assert code == 0 and "Traceback" not in output and "\r" not in output  # no progress bar off a terminal
