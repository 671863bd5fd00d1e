"""govreport collect: filled forms back into the report, every cell checked, only the value lines changed."""

from __future__ import annotations

import codecs
import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.office import convert
from tests.paths import SAMPLES
from toolkit.cli import main
from toolkit.model.loading import read_report
from toolkit.model.report import iter_metrics
from toolkit.source.workbooks import FIRST_ROW, FORM_SHEET, META_SHEET
from toolkit.writers.forms import number_format

SAMPLE_2025 = SAMPLES / "x-city-2025.yaml"
INDUSTRY = "x市2025年数据填报表-工信局.xlsx"
REFORM = "x市2025年数据填报表-发改局.xlsx"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def values_2025() -> dict[str, Decimal]:
    """The illustrative 2025 figures of the sample: they satisfy every rule of the report."""
    report, _ = read_report(SAMPLE_2025)
    return {name: metric.value for name, metric, _ in iter_metrics(report) if metric.value is not None}


def fill(book: Path, values: dict[str, object], *, formats: bool = True) -> None:
    """Type values into the 本年数值 column, by the metric id in the hidden column."""
    workbook = load_workbook(book)
    sheet = workbook[FORM_SHEET]
    for row in sheet.iter_rows(min_row=FIRST_ROW):
        if row[0].value in values:
            value = values[row[0].value]
            cell = row[6]
            cell.value = float(value) if isinstance(value, Decimal) else value
            if formats and isinstance(value, Decimal):
                cell.number_format = number_format(value)  # as the instructions say, to keep 57.10
    workbook.save(book)


@pytest.fixture
def forms(rolled: Path, tmp_path: Path) -> Path:
    out = tmp_path / "forms"
    code, output = run("forms", str(rolled), "-o", str(out))
    assert code == 0, output
    return out


def test_filled_forms_complete_the_draft_changing_only_the_value_lines(
    rolled: Path, forms: Path, tmp_path: Path
) -> None:
    values = values_2025()
    for book in forms.glob("*.xlsx"):
        fill(book, values)
    # One workbook goes through LibreOffice (xlsx → xlsx), as a department using LibreOffice would save it.
    saved = tmp_path / "saved-by-libreoffice"
    (converted,) = convert([forms / INDUSTRY], "xlsx", saved, tmp_path / "profile")
    (forms / INDUSTRY).unlink()
    books = [*sorted(forms.glob("*.xlsx")), converted]
    before = rolled.read_text(encoding="utf-8").splitlines()

    code, output = run("collect", str(rolled), *map(str, books))
    assert code == 0, output
    assert "已写入" in output and "117 个数据" in output and "已全部填报" in output

    after = rolled.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert len(changed) == 117
    for old, new in changed:
        assert old.strip() == "value: null" and new.strip().startswith("value: ")
        assert old.index("value") == new.index("value")
    report, _ = read_report(rolled)
    assert {n: str(m.value) for n, m, _ in iter_metrics(report)} == {n: str(v) for n, v in values.items()}

    assert run("status", str(rolled))[0] == 0
    code, output = run("validate", str(rolled))
    assert code == 0, output


def test_bad_cells_and_a_conflict_are_reported_at_their_cells_and_nothing_is_written(rolled: Path, forms: Path) -> None:
    values = values_2025()
    for book in forms.glob("*.xlsx"):
        fill(book, values)
    fill(forms / INDUSTRY, {"electronics_output": "abc", "mining_output": "12,3"})
    fill(forms / REFORM, {"new_energy_projects": "=140+2", "wind_projects": dt.datetime(2025, 3, 5)})
    copy = forms / "工信局-副本.xlsx"
    shutil.copy(forms / INDUSTRY, copy)
    fill(copy, {"leather_output": Decimal("8.15")})
    original = rolled.read_bytes()

    code, output = run("collect", str(rolled), *map(str, sorted(forms.glob("*.xlsx"))))
    assert code == 1
    industry, reform = forms / INDUSTRY, forms / REFORM
    assert f"{industry}:填报表!G5: error[cell-unreadable]" in output and "不是数字" in output
    assert f"{industry}:填报表!G6: error[cell-unreadable]" in output and "逗号" in output
    assert f"{reform}:填报表!G5: error[cell-unreadable]" in output and "公式" in output
    assert f"{reform}:填报表!G6: error[cell-unreadable]" in output and "日期" in output
    conflict = next(line for line in output.splitlines() if "[cell-conflict]" in line)
    assert f"{copy}:填报表!G8 填 8.15" in conflict
    assert f"{industry}:填报表!G8 填" in conflict
    assert "未写入任何数据" in output
    assert rolled.read_bytes() == original

    code, output = run("collect", str(rolled), "--partial", *map(str, sorted(forms.glob("*.xlsx"))))
    assert code == 1 and "已写入" in output
    report, _ = read_report(rolled)
    missing = sorted(n for n, m, _ in iter_metrics(report) if m.value is None)
    assert missing == sorted(
        ["electronics_output", "mining_output", "new_energy_projects", "wind_projects", "leather_output"]
    )


def test_numbers_typed_as_text_are_read_where_unambiguous(rolled: Path, forms: Path) -> None:
    fill(forms / INDUSTRY, {"electronics_output": "57.10亿", "mining_output": "１３.５２", "leather_output": "8,15"})
    fill(forms / REFORM, {"new_energy_projects": "1,420", "new_energy_capacity_share": "71.5%"})
    workbook = load_workbook(forms / REFORM)
    sheet = workbook[FORM_SHEET]
    for row in sheet.iter_rows(min_row=FIRST_ROW):
        if row[0].value == "new_energy_capacity_share":
            row[6].value, row[6].number_format = 0.715, "0.0%"  # typed as 71.5% into a percentage-formatted cell
        if row[0].value == "wind_projects":
            row[6].value = "—"
    workbook.save(forms / REFORM)
    code, output = run("collect", str(rolled), "--partial", str(forms / INDUSTRY), str(forms / REFORM))
    report, _ = read_report(rolled)
    got = {n: str(m.value) for n, m, _ in iter_metrics(report) if m.value is not None}
    assert got == {
        "electronics_output": "57.10",
        "mining_output": "13.52",
        "new_energy_projects": "1420",
        "new_energy_capacity_share": "71.5",
    }
    assert "[cell-converted]" in output and "“57.10亿”读作 57.10" in output
    assert "[cell-placeholder]" in output and "按未填处理" in output
    assert "[cell-unreadable]" in output and "8,15" in output
    assert "[figure-jump]" in output and "new_energy_projects" in output  # 1420 against 130 last year
    assert code == 1


def test_rows_may_be_reordered(rolled: Path, forms: Path) -> None:
    workbook = load_workbook(forms / INDUSTRY)
    sheet = workbook[FORM_SHEET]
    first = [c.value for c in sheet[FIRST_ROW]]
    second = [c.value for c in sheet[FIRST_ROW + 1]]
    for k, (a, b) in enumerate(zip(first, second, strict=True)):
        sheet.cell(row=FIRST_ROW, column=k + 1, value=b)
        sheet.cell(row=FIRST_ROW + 1, column=k + 1, value=a)
    workbook.save(forms / INDUSTRY)
    fill(forms / INDUSTRY, {"electronics_output": Decimal("57.10"), "mining_output": Decimal("13.52")})
    code, output = run("collect", str(rolled), str(forms / INDUSTRY))
    assert code == 0, output
    report, _ = read_report(rolled)
    got = {n: str(m.value) for n, m, _ in iter_metrics(report) if m.value is not None}
    assert got == {"electronics_output": "57.10", "mining_output": "13.52"}


def test_a_filled_figure_is_replaced_only_with_force(rolled: Path, forms: Path) -> None:
    text = rolled.read_text(encoding="utf-8")
    rolled.write_text(text.replace("value: null", "value: 56.00", 1), encoding="utf-8")
    fill(forms / INDUSTRY, {"electronics_output": Decimal("57.10")})
    code, output = run("collect", str(rolled), str(forms / INDUSTRY))
    assert code == 0 and "[figure-already-filled]" in output and "未替换" in output
    assert "value: 56.00" in rolled.read_text(encoding="utf-8")
    code, output = run("collect", str(rolled), "--force", str(forms / INDUSTRY))
    assert code == 0 and "56.00 → 57.10亿元" in output
    assert "value: 57.10" in rolled.read_text(encoding="utf-8")
    assert (rolled.parent / f"{rolled.name}.bak").read_text(encoding="utf-8").count("value: 56.00") == 1


def test_the_jump_is_configurable(rolled: Path, forms: Path) -> None:
    fill(forms / INDUSTRY, {"electronics_output": Decimal("66")})  # +19% on 55.33
    assert "[figure-jump]" not in run("collect", str(rolled), str(forms / INDUSTRY))[1]
    rolled.write_text(rolled.read_text(encoding="utf-8").replace("value: 66", "value: null", 1), encoding="utf-8")
    code, output = run("collect", str(rolled), "--jump", "10", str(forms / INDUSTRY))
    assert code == 0 and "[figure-jump]" in output and "超过 ±10%" in output


def test_forms_of_another_report_unknown_metrics_and_broken_files_are_refused(
    rolled: Path, forms: Path, tmp_path: Path
) -> None:
    workbook = load_workbook(forms / INDUSTRY)
    workbook[META_SHEET]["B4"] = "2024"
    workbook.save(forms / INDUSTRY)
    workbook = load_workbook(forms / REFORM)
    workbook[FORM_SHEET]["A5"] = "no_such_metric"
    workbook.save(forms / REFORM)
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook", encoding="utf-8")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    original = rolled.read_bytes()
    code, output = run("collect", str(rolled), str(forms / INDUSTRY), str(forms / REFORM), str(broken), str(old))
    assert code == 1 and "Traceback" not in output
    assert "[form-other-report]" in output and "2024 年度" in output
    assert f"{forms / REFORM}:填报表!A5: error[form-unknown-metric]" in output
    assert f"{broken}: error[workbook-unreadable]" in output
    assert "另存为 .xlsx" in output
    assert rolled.read_bytes() == original


def test_collect_keeps_a_windows_files_line_breaks_and_byte_order_mark(rolled: Path, forms: Path) -> None:
    rolled.write_bytes(codecs.BOM_UTF8 + rolled.read_bytes().replace(b"\n", b"\r\n"))
    values = values_2025()
    for book in forms.glob("*.xlsx"):
        fill(book, values)
    code, output = run("collect", str(rolled), *map(str, sorted(forms.glob("*.xlsx"))))
    assert code == 0, output
    data = rolled.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and data.count(b"\n") == data.count(b"\r\n")
    report, _ = read_report(rolled)
    assert {n: str(m.value) for n, m, _ in iter_metrics(report)} == {n: str(v) for n, v in values.items()}
