"""Department forms: one .xlsx per source department listing the figures it owes, for ``govreport forms``.

Excel as departments use it: the only editable column is this year's value (decimal data validation; the unit is
a column, never part of the cell), an optional note beside it; everything else is locked; the header is frozen;
the report's year and region are in the title rows; an instructions sheet says in Chinese how to fill it in; the
metric id sits in a hidden first column so reordering rows does no harm; fonts and column widths fit Chinese
labels. With ``include_filled`` the figures already in the report are listed too, read-only, for confirmation.
The layout (sheet names, columns) is shared with the reader in ``toolkit.source.workbooks``.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from toolkit.checks.completeness import NO_SOURCE
from toolkit.chinese.figures import format_number
from toolkit.chinese.numerals import number_for, ordinal
from toolkit.model.report import Report, iter_metrics
from toolkit.model.tree import Node, PointNode, report_tree
from toolkit.source.reader import PathT
from toolkit.source.workbooks import (
    COLUMNS,
    FIRST_ROW,
    FORM_SHEET,
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER_ROW,
    HEADERS,
    INSTRUCTIONS_SHEET,
    META_SHEET,
    STATE_FILLED,
    STATE_OWED,
)

BODY_FONT = "宋体"
HEAD_FONT = "黑体"
VALUE_FILL = "FFF2CC"  # light yellow: the column to fill in
HEAD_FILL = "D9E1F2"
FILLED_FILL = "EDEDED"
MAX_ABS = "1E+15"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
WIDTH_CAPS = {"label": 36, "context": 48, "note": 30, "period": 14}


@dataclass(frozen=True)
class FormLine:
    """One figure on a form."""

    id: str
    label: str
    unit: str
    period: str
    prior: Decimal | None
    value: Decimal | None  # set only for a figure already filled (listed read-only)
    context: str


@dataclass
class FormSpec:
    """One department's form."""

    department: str
    region: str
    region_full: str
    year: int
    title: str
    period: str
    as_of: str
    report_file: str
    lines: list[FormLine] = field(default_factory=list)

    @property
    def owed(self) -> list[FormLine]:
        """The figures still missing."""
        return [line for line in self.lines if line.value is None]

    @property
    def file_name(self) -> str:
        """``x市2025年数据填报表-工信局.xlsx``, safe on every file system."""
        return safe_name(f"{self.region}{self.year}年数据填报表-{self.department}") + ".xlsx"


def form_specs(report: Report, report_file: str, *, include_filled: bool = False) -> list[FormSpec]:
    """One spec per department that owes figures (with ``include_filled``: that has any), in order of appearance."""
    meta = report.meta
    region = meta.region
    full = f"{region.province}{region.prefecture or ''}{region.name}"
    specs: dict[str, FormSpec] = {}
    places = contexts(report)
    for name, metric, path in iter_metrics(report):
        if metric.value is not None and not include_filled:
            continue
        department = metric.source or NO_SOURCE
        spec = specs.get(department)
        if spec is None:
            as_of = meta.as_of.isoformat() if meta.as_of else ""
            spec = FormSpec(department, region.name, full, meta.year, meta.title, meta.period or "", as_of, report_file)
            specs[department] = spec
        spec.lines.append(
            FormLine(
                name,
                metric.label or name,
                metric.unit,
                metric.period or meta.period or "",
                metric.prior,
                metric.value,
                places.get(path[:-2]) or "报告",
            )
        )
    return [spec for spec in specs.values() if spec.owed or include_filled]


def contexts(report: Report) -> dict[PathT, str]:
    """Where each block sits in the report, as numbered headings: ``（一）建强平台… › 1.县城产业… › 一是打造…``."""
    out: dict[PathT, str] = {}

    def points(nodes: list[PointNode], chain: list[str], depth: int) -> None:
        for k, node in enumerate(nodes):
            lead = ordinal(k + 1) if depth == 0 else ""
            here = [*chain, lead + (node.point.heading or "")] if lead or node.point.heading else chain
            out[node.path] = " › ".join(here)
            points(node.children, here, depth + 1)

    def visit(node: Node, chain: list[str]) -> None:
        here = chain
        if node.level >= 1 and node.heading:
            number = number_for(node.level, node.number) if node.number and 1 <= node.level <= 4 else ""
            here = [*chain, number + node.heading]
        out[node.path] = " › ".join(here)
        points(node.points, here, 0)
        for child in node.children:
            visit(child, here)

    visit(report_tree(report), [])
    return out


def safe_name(text: str) -> str:
    """A file name without characters Windows or Unix refuse."""
    return _UNSAFE.sub("_", text).strip(" .") or "填报表"


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: wide (Chinese) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def number_format(value: Decimal | None) -> str:
    """A format that shows a Decimal with its reported decimals (``55.30`` stays ``55.30``)."""
    if value is None:
        return "General"
    places = max(0, -int(value.as_tuple().exponent))
    return "0" if places == 0 else "0." + "0" * places


def form_workbook(spec: FormSpec) -> bytes:
    """The .xlsx of one department's form."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = FORM_SHEET
    letters = {key: get_column_letter(k + 1) for k, (key, _) in enumerate(COLUMNS)}
    last = letters[COLUMNS[-1][0]]
    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=BODY_FONT, size=11)
    wrap = Alignment(wrap_text=True, vertical="center")

    title = f"{spec.region}{spec.year}年{spec.title}——数据填报表（{spec.department}）"
    sheet["B1"] = title
    sheet["B1"].font = Font(name=HEAD_FONT, size=16, bold=True)
    sheet.merge_cells(f"B1:{last}1")
    facts = [f"报送部门：{spec.department}", f"地区：{spec.region_full}", f"报告年度：{spec.year}年"]
    facts += [f"统计期：{spec.period}"] if spec.period else []
    facts += [f"数据截至：{spec.as_of}"] if spec.as_of else []
    sheet["B2"] = "　　".join(facts)
    sheet["B3"] = (
        f"请只在黄色的“{HEADERS['value']}”列填写数字（不带单位，单位以“{HEADERS['unit']}”列为准），"
        f"需要说明的写在“{HEADERS['note']}”列；其他单元格已锁定。详见“{INSTRUCTIONS_SHEET}”工作表。"
    )
    for ref in ("B2", "B3"):
        sheet[ref].font = body
        sheet.merge_cells(f"{ref}:{last}{ref[1:]}")
    sheet.row_dimensions[1].height = 30

    for k, (_key, text) in enumerate(COLUMNS):
        head = sheet.cell(row=HEADER_ROW, column=k + 1, value=text)
        head.font = Font(name=HEAD_FONT, size=11, bold=True)
        head.fill = PatternFill("solid", fgColor=HEAD_FILL)
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        head.border = border

    widths = {key: display_width(text) for key, text in COLUMNS}
    for n, line in enumerate(spec.lines):
        row = FIRST_ROW + n
        filled = line.value is not None
        values: dict[str, Any] = {
            "id": line.id,
            "number": n + 1,
            "label": line.label,
            "unit": line.unit,
            "period": line.period,
            "prior": line.prior,
            "value": line.value,
            "note": None,
            "state": STATE_FILLED if filled else STATE_OWED,
            "context": line.context,
        }
        for k, (key, _) in enumerate(COLUMNS):
            target = sheet.cell(row=row, column=k + 1, value=values[key])
            target.font = body
            target.border = border
            target.alignment = wrap
            if key in ("prior", "value"):
                target.number_format = number_format(values[key])
            editable = key == "note" or (key == "value" and not filled)
            if editable:
                target.protection = Protection(locked=False)
            if key == "value":
                target.fill = PatternFill("solid", fgColor=FILLED_FILL if filled else VALUE_FILL)
            text = format_number(values[key]) if isinstance(values[key], Decimal) else str(values[key] or "")
            widths[key] = max(widths[key], display_width(text))

    for key, letter in letters.items():
        sheet.column_dimensions[letter].width = min(widths[key], WIDTH_CAPS.get(key, 60)) + 4
    for n, line in enumerate(spec.lines):  # wrapped text needs the row's height set: not every program fits it
        lines = max(-(-display_width(text) // WIDTH_CAPS[key]) for key, text in wrapped(line))
        sheet.row_dimensions[FIRST_ROW + n].height = 15 * max(1, lines) + 3
    sheet.column_dimensions[letters["id"]].hidden = True
    sheet.column_dimensions[letters["value"]].width = max(sheet.column_dimensions[letters["value"]].width, 16)
    sheet.column_dimensions[letters["note"]].width = max(sheet.column_dimensions[letters["note"]].width, 24)

    if spec.lines:
        end = FIRST_ROW + len(spec.lines) - 1
        check = DataValidation(
            type="decimal",
            operator="between",
            formula1=f"-{MAX_ABS}",
            formula2=MAX_ABS,
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            errorStyle="stop",
            errorTitle="请填写数字",
            error="本列只填数字（可带小数、负号），不带单位、文字或公式；单位以“单位”列为准。",
            promptTitle="本年数值",
            prompt="填写数字，不带单位；单位见“单位”列。",
        )
        check.add(f"{letters['value']}{FIRST_ROW}:{letters['value']}{end}")
        sheet.add_data_validation(check)

    sheet.freeze_panes = f"{letters['unit']}{FIRST_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    protect(sheet)

    write_instructions(book.create_sheet(INSTRUCTIONS_SHEET), spec, body)
    write_meta(book.create_sheet(META_SHEET), spec)
    book.active = 0
    book.properties.creator = "govreport"
    book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def wrapped(line: FormLine) -> list[tuple[str, str]]:
    """The texts of a row that may wrap, by column key."""
    return [("label", line.label), ("context", line.context), ("period", line.period)]


def protect(sheet: Any) -> None:
    """Lock every cell not marked editable; column widths, row heights and cell formats may still be changed."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.formatCells = False


def instructions(spec: FormSpec) -> list[str]:
    """The instructions sheet, one paragraph a line."""
    value, note = HEADERS["value"], HEADERS["note"]
    return [
        f"{spec.region}{spec.year}年{spec.title}——数据填报说明（{spec.department}）",
        "",
        f"1. 本表列出{spec.department}需要报送的 {len(spec.owed)} 项数据，"
        f"用于{spec.region_full}{spec.year}年{spec.title}。",
        f"2. 请在“{FORM_SHEET}”工作表黄色的“{value}”列逐项填写数字：不带单位，不写“约”“以上”“多”等字样，"
        "不用公式，不填日期。单位以“单位”列为准（例如单位为“亿元”时，55.33亿元填 55.33）。",
        "3. 百分比指标（单位为 %）填百分数的数字部分，例如 3.6% 填 3.6。",
        "4. 如需保留末尾的 0（例如 55.30），可将该单元格格式设为保留相应位数的小数。",
        f"5. 数值为约数、预估数、口径有变化或暂时无法提供的，请在“{note}”列说明；无法提供的数据请留空。",
        "6. “上年数值”为上年报告中的数据，供核对；本年数值与上年相差较大时请在备注中说明原因。",
        f"7. 灰色的“{value}”单元格为报告中已有的数据，仅供核对，如有错误请在备注中写明正确数值。",
        "8. 请勿增删行列、修改表头或隐藏列，行的顺序可以调整；填好后保存为 .xlsx 格式原文件名返回。",
        "",
        f"报告文件：{spec.report_file}",
    ]


def write_instructions(sheet: Any, spec: FormSpec, body: Any) -> None:
    """The instructions, one paragraph a row, readable at a glance."""
    from openpyxl.styles import Alignment, Font

    sheet.column_dimensions["A"].width = 110
    for k, text in enumerate(instructions(spec)):
        target = sheet.cell(row=k + 1, column=1, value=text)
        target.font = Font(name=HEAD_FONT, size=14, bold=True) if k == 0 else body
        target.alignment = Alignment(wrap_text=True, vertical="top")
    protect(sheet)


def write_meta(sheet: Any, spec: FormSpec) -> None:
    """A hidden sheet naming the report the form belongs to, so ``collect`` can refuse another report's form."""
    rows = [
        ("format", FORMAT_NAME),
        ("version", FORMAT_VERSION),
        ("region", spec.region),
        ("year", str(spec.year)),
        ("department", spec.department),
        ("report", spec.report_file),
    ]
    for k, (key, value) in enumerate(rows):
        sheet.cell(row=k + 1, column=1, value=key)
        sheet.cell(row=k + 1, column=2, value=value)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True


@dataclass(frozen=True)
class WrittenForm:
    """A form written to disk."""

    path: Path
    department: str
    owed: int
    listed: int


def write_forms(
    report: Report,
    report_path: Path,
    folder: Path,
    *,
    include_filled: bool = False,
    force: bool = False,
) -> list[WrittenForm]:
    """Write one form per department into ``folder`` (created when its parent exists), through the output guard.

    Every output is checked before anything is written, so a refused run leaves no partial set of forms; a form a
    department has filled in (changed since it was written) is not replaced without ``force``, which keeps a .bak.
    """
    from toolkit.errors import GovreportError
    from toolkit.output.guard import check_output, write_output

    specs = form_specs(report, report_path.name, include_filled=include_filled)
    if not specs:
        return []
    if folder.exists() and not folder.is_dir():
        raise GovreportError(f"输出位置不是文件夹：{folder}")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise GovreportError(f"输出目录不存在：{folder.parent}")
        folder.mkdir()
    paths: list[Path] = []
    for spec in specs:  # two departments whose names differ only in unsafe characters get distinct files
        path = folder / spec.file_name
        while path in paths:
            path = path.with_name(f"{path.stem}-{len(paths)}.xlsx")
        paths.append(path)
    for path in paths:
        check_output(path, inputs=[report_path], force=force)
    written = []
    for spec, path in zip(specs, paths, strict=True):
        write_output(path, form_workbook(spec), fmt="xlsx", inputs=[report_path], source=report_path, force=force)
        written.append(WrittenForm(path, spec.department, len(spec.owed), len(spec.lines)))
    return written
