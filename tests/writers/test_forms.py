"""govreport forms: one Excel form per department, exactly the missing figures, as Excel and LibreOffice open it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.office import CSV_UTF8, convert, read_csv
from toolkit.cli import main
from toolkit.source.workbooks import (
    FIRST_ROW,
    FORM_SHEET,
    HEADER_ROW,
    INSTRUCTIONS_SHEET,
    META_SHEET,
    STATE_FILLED,
    read_form,
)
from toolkit.workflow.status import status_file


def forms(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["forms", *args])
    return result.exit_code, result.output


@pytest.fixture
def written(rolled: Path, tmp_path: Path) -> Path:
    out = tmp_path / "forms"
    code, output = forms(str(rolled), "-o", str(out))
    assert code == 0, output
    return out


def test_one_workbook_per_department_whose_rows_are_exactly_the_missing_figures(rolled: Path, written: Path) -> None:
    status = status_file(rolled)
    owed = {name: [f.id for f in figures if f.missing] for name, figures in status.by_source().items()}
    books = sorted(written.glob("*.xlsx"))
    assert len(books) == len([d for d, ids in owed.items() if ids]) == 16
    rows: Counter[str] = Counter()
    for book in books:
        form = read_form(book)
        assert form.meta["region"] == "x市" and form.meta["year"] == "2025"
        assert [row.metric for row in form.rows] == owed[form.meta["department"]]
        assert book.name == f"x市2025年数据填报表-{form.meta['department']}.xlsx"
        rows.update(row.metric for row in form.rows)
    assert set(rows.values()) == {1}
    assert set(rows) == {f.id for f in status.missing} and len(rows) == 117


def test_the_form_is_locked_but_for_the_value_and_note_columns(written: Path) -> None:
    book = load_workbook(written / "x市2025年数据填报表-工信局.xlsx")
    sheet = book[FORM_SHEET]
    assert book.sheetnames == [FORM_SHEET, INSTRUCTIONS_SHEET, META_SHEET]
    assert book[META_SHEET].sheet_state == "hidden"
    assert sheet.protection.sheet and book[INSTRUCTIONS_SHEET].protection.sheet
    assert sheet.column_dimensions["A"].hidden
    assert sheet.freeze_panes == f"D{FIRST_ROW}"
    assert "x市2025年" in sheet["B1"].value and "工信局" in sheet["B1"].value
    assert "广东省清远市x市" in sheet["B2"].value and "2025年" in sheet["B2"].value
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header[:8] == ["指标代码", "序号", "指标名称", "单位", "统计期", "上年数值", "本年数值", "备注"]
    first = sheet[FIRST_ROW]
    assert [c.value for c in first[:4]] == ["electronics_output", 1, "电子信息产业产值", "亿元"]
    assert first[5].value == pytest.approx(55.33) and first[5].number_format == "0.00"
    unlocked = {c.column_letter for row in sheet.iter_rows() for c in row if not c.protection.locked}
    assert unlocked == {"G", "H"}
    (check,) = sheet.data_validations.dataValidation
    assert check.type == "decimal" and check.showErrorMessage and check.errorStyle == "stop"
    assert str(check.sqref) == f"G{FIRST_ROW}:G{FIRST_ROW + 3}"
    assert first[2].font.name == "宋体" and sheet[HEADER_ROW][2].font.name == "黑体"
    assert sheet.column_dimensions["C"].width >= 2 * len("非金属行业全年产值（预估）") - 4
    instructions = "\n".join(str(c.value) for c in book[INSTRUCTIONS_SHEET]["A"] if c.value)
    assert "本年数值" in instructions and "不带单位" in instructions and "4 项数据" in instructions


def test_include_filled_lists_filled_figures_read_only(tmp_path: Path, rolled: Path) -> None:
    text = rolled.read_text(encoding="utf-8")
    filled = tmp_path / "partial.yaml"
    filled.write_text(text.replace("value: null", "value: 55.33", 1), encoding="utf-8")
    out = tmp_path / "forms"
    code, output = forms(str(filled), "-o", str(out), "--include-filled")
    assert code == 0, output
    assert "工信局：3 项待填，另列已填 1 项供核对" in output
    sheet = load_workbook(out / "x市2025年数据填报表-工信局.xlsx")[FORM_SHEET]
    first = sheet[FIRST_ROW]
    assert first[6].value == pytest.approx(55.33) and first[6].protection.locked
    assert first[8].value == STATE_FILLED
    assert not sheet[FIRST_ROW + 1][6].protection.locked
    assert len(list(out.glob("*.xlsx"))) == 16


def test_unchanged_forms_are_replaced_but_a_filled_one_is_kept_without_force(rolled: Path, written: Path) -> None:
    code, output = forms(str(rolled), "-o", str(written))
    assert code == 0, output
    victim = written / "x市2025年数据填报表-工信局.xlsx"
    victim.write_bytes(b"filled in by the department")
    for other in written.glob("*.xlsx"):
        if other != victim:
            other.unlink()
    code, output = forms(str(rolled), "-o", str(written))
    assert code == 1 and "修改过" in output and "--force" in output
    assert victim.read_bytes() == b"filled in by the department" and len(list(written.glob("*.xlsx"))) == 1
    code, output = forms(str(rolled), "-o", str(written), "--force")
    assert code == 0 and len(list(written.glob("*.xlsx"))) == 16
    assert (written / f"{victim.name}.bak").read_bytes() == b"filled in by the department"


def test_a_complete_report_needs_no_forms(sample_2024: Path, tmp_path: Path) -> None:
    code, output = forms(str(sample_2024), "-o", str(tmp_path / "forms"))
    assert code == 0 and "没有待填报的数据" in output
    assert not (tmp_path / "forms").exists()


def test_an_output_folder_inside_a_missing_folder_is_refused(rolled: Path, tmp_path: Path) -> None:
    code, output = forms(str(rolled), "-o", str(tmp_path / "no" / "forms"))
    assert code == 1 and "输出目录不存在" in output and "Traceback" not in output


def test_every_form_opens_in_libreoffice_and_reads_back_as_csv(written: Path, tmp_path: Path) -> None:
    books = sorted(written.glob("*.xlsx"))
    ids = {book.stem: [row.metric for row in read_form(book).rows] for book in books}
    for path in convert(books, CSV_UTF8, tmp_path / "csv", tmp_path / "profile"):
        table = read_csv(path)
        header = table[HEADER_ROW - 1]
        assert header[:7] == ["指标代码", "序号", "指标名称", "单位", "统计期", "上年数值", "本年数值"]
        assert "x市2025年" in table[0][1]
        body = table[HEADER_ROW:]
        assert [row[0] for row in body] == ids[path.stem]
        assert all(row[2] and row[3] and row[6] == "" for row in body)
