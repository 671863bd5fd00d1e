"""Department forms (.xlsx) read back: the layout ``forms`` writes, and the raw cells of a returned workbook.

The layout lives here, below the writer, so the writer and the reader share one definition. Columns are found by
their header text and rows by the metric id in the (hidden) first column, so a department that reorders rows, or a
spreadsheet program that moves columns, does no harm. Nothing is interpreted here: a cell's value, type and number
format go to ``collect``, which reads the figure and reports problems at ``file.xlsx:Sheet!C12``.

Bounded: the file's size, the unpacked size of the archive and the rows read are limited, so a hostile or broken
file cannot exhaust memory.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import GovreportError

FORM_SHEET = "填报表"
INSTRUCTIONS_SHEET = "填报说明"
META_SHEET = "govreport"
FORMAT_NAME = "govreport/form"
FORMAT_VERSION = "1"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1

# (key, header text) in column order; ``id`` is hidden, ``value`` and ``note`` are the only editable columns.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "指标代码"),
    ("number", "序号"),
    ("label", "指标名称"),
    ("unit", "单位"),
    ("period", "统计期"),
    ("prior", "上年数值"),
    ("value", "本年数值"),
    ("note", "备注"),
    ("state", "状态"),
    ("context", "报告中的位置"),
)
HEADERS = {key: text for key, text in COLUMNS}
STATE_OWED = "待填"
STATE_FILLED = "已填，请核对"

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 40


class WorkbookUnreadable(GovreportError):
    """A file that cannot be read as a department form; ``reason`` says why, in Chinese."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}：{reason}")
        self.reason = reason


@dataclass(frozen=True)
class Cell:
    """One cell as the spreadsheet stored it."""

    file: str
    sheet: str
    coordinate: str
    value: Any
    data_type: str  # openpyxl's: n number, s string, f formula, b bool, d date, e error
    number_format: str = "General"
    is_date: bool = False

    @property
    def where(self) -> str:
        """``file.xlsx:Sheet!G12``."""
        return f"{self.file}:{self.sheet}!{self.coordinate}"


@dataclass(frozen=True)
class FormRow:
    """A row of a form: the metric id and its value and note cells."""

    metric: str
    id_cell: Cell
    value: Cell
    note: Cell | None


@dataclass
class Form:
    """A returned workbook: what ``forms`` wrote into it (region, year, department) and its rows."""

    file: str
    sheet: str
    meta: dict[str, str] = field(default_factory=dict)
    rows: list[FormRow] = field(default_factory=list)


def read_form(path: Path, display: str | None = None) -> Form:
    """Read a department form; raises WorkbookUnreadable when it is not one, or cannot be read."""
    name = display or str(path)
    check_archive(path, name)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read (LibreOffice's)
            book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise WorkbookUnreadable(name, f"无法作为 Excel 工作簿读取（{type(exc).__name__}）") from exc
    try:
        if FORM_SHEET not in book.sheetnames:
            raise WorkbookUnreadable(name, f"不是 govreport 生成的填报表（没有“{FORM_SHEET}”工作表）")
        meta = read_meta(book[META_SHEET]) if META_SHEET in book.sheetnames else {}
        if meta.get("format") != FORMAT_NAME:
            raise WorkbookUnreadable(name, f"不是 govreport 生成的填报表（缺少隐藏的“{META_SHEET}”工作表）")
        form = Form(name, FORM_SHEET, meta)
        form.rows = read_rows(book[FORM_SHEET], name)
    finally:
        book.close()
    return form


def check_archive(path: Path, name: str) -> None:
    """Refuse what is not a reasonably sized .xlsx archive before openpyxl unpacks it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise WorkbookUnreadable(name, f"无法读取（{exc.strerror or exc}）") from exc
    if size > MAX_FILE_BYTES:
        raise WorkbookUnreadable(name, f"文件过大（{size // 1024 // 1024} MB），不像一份填报表")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        hint = "（.xls 请用 Excel 或 WPS 另存为 .xlsx）" if path.suffix.lower() in (".xls", ".et") else ""
        raise WorkbookUnreadable(name, f"不是 .xlsx 工作簿{hint}") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookUnreadable(name, "解压后过大，不像一份填报表")


def read_meta(sheet: Any) -> dict[str, str]:
    """Key/value pairs of the hidden metadata sheet."""
    meta: dict[str, str] = {}
    for row in sheet.iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
        if len(row) == 2 and isinstance(row[0], str) and row[1] is not None:
            meta[row[0]] = str(row[1])
    return meta


def read_rows(sheet: Any, name: str) -> list[FormRow]:
    """The data rows, found by the header row and the metric id column."""
    rows = list(sheet.iter_rows(min_row=1, max_row=MAX_ROWS, max_col=MAX_COLUMNS))
    header = find_header(rows)
    if header is None:
        raise WorkbookUnreadable(name, f"“{FORM_SHEET}”中找不到表头（“{HEADERS['id']}”“{HEADERS['value']}”）")
    at, columns = header
    out: list[FormRow] = []
    for index in range(at + 1, len(rows)):
        cells = rows[index]
        metric = cell_value(cells, columns["id"])
        if not isinstance(metric, str) or not metric.strip():
            continue
        row = index + 1
        note = cell(cells, columns["note"], row, name) if "note" in columns else None
        out.append(
            FormRow(
                metric.strip(),
                cell(cells, columns["id"], row, name),
                cell(cells, columns["value"], row, name),
                note,
            )
        )
    return out


def find_header(rows: list[Any]) -> tuple[int, dict[str, int]] | None:
    """The header row's index and the column index of each known header."""
    by_text = {text: key for key, text in COLUMNS}
    for index, cells in enumerate(rows[:20]):
        columns = {
            by_text[c.value.strip()]: k
            for k, c in enumerate(cells)
            if isinstance(c.value, str) and c.value.strip() in by_text
        }
        if "id" in columns and "value" in columns:
            return index, columns
    return None


def cell_value(cells: Any, column: int) -> Any:
    """The value at a column of a row (None past the row's end)."""
    return cells[column].value if column < len(cells) else None


def cell(cells: Any, column: int, row: int, name: str) -> Cell:
    """One cell with its coordinate (read-only rows hold empty cells without one)."""
    from openpyxl.utils import get_column_letter

    coordinate = f"{get_column_letter(column + 1)}{row}"
    if column >= len(cells):
        return Cell(name, FORM_SHEET, coordinate, None, "n")
    found = cells[column]
    return Cell(
        name,
        FORM_SHEET,
        coordinate,
        found.value,
        str(getattr(found, "data_type", "n")),
        str(getattr(found, "number_format", "General") or "General"),
        bool(getattr(found, "is_date", False)),
    )
