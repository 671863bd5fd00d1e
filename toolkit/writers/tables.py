"""Tables of plain values as .xlsx, Markdown or csv: the prefecture's summary (``govreport summary``).

The writer knows nothing of reports: it takes a title, header rows and rows of text, integers and Decimals.
Decimals stay exact: in .md and .csv as written, in .xlsx as numbers shown with their decimals.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal

from toolkit.chinese.figures import format_number
from toolkit.writers.forms import BODY_FONT, HEAD_FILL, HEAD_FONT, display_width, number_format

Value = str | int | Decimal | None
TABLE_FORMATS = ("xlsx", "md", "csv")
STATE_FILLS = {"有错误": "F8CBAD", "无法读取": "F8CBAD", "未填齐": "FFF2CC", "有警告": "FFF2CC", "通过": "C6EFCE"}


def text_of(value: Value) -> str:
    """A cell as text."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    return str(value)


def write_table(
    fmt: str, title: str, header: Sequence[Sequence[str]], rows: Sequence[Sequence[Value]], footer: Sequence[str] = ()
) -> bytes:
    """The table in ``fmt`` (xlsx, md or csv)."""
    if fmt == "xlsx":
        return table_xlsx(title, header, rows, footer)
    if fmt == "md":
        return table_md(title, header, rows, footer).encode("utf-8")
    if fmt == "csv":
        return table_csv(header, rows)
    raise ValueError(f"no table format {fmt}")


def table_md(
    title: str, header: Sequence[Sequence[str]], rows: Sequence[Sequence[Value]], footer: Sequence[str]
) -> str:
    """A Markdown pipe table, header rows joined into one."""
    joined = [" ".join(part for part in column if part).strip() for column in zip(*header, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    numeric = [any(isinstance(r[k], int | Decimal) for r in rows) for k in range(len(joined))]
    lines = [f"# {title}", "", line(joined), "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    lines += [line([text_of(v) for v in row]) for row in rows]
    lines += ["", *footer] if footer else []
    return "\n".join(lines) + "\n"


def table_csv(header: Sequence[Sequence[str]], rows: Sequence[Sequence[Value]]) -> bytes:
    """csv with a UTF-8 byte order mark, so Excel opens the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in header:
        writer.writerow(row)
    for values in rows:
        writer.writerow([text_of(v) for v in values])
    return buffer.getvalue().encode("utf-8-sig")


def table_xlsx(
    title: str, header: Sequence[Sequence[str]], rows: Sequence[Sequence[Value]], footer: Sequence[str]
) -> bytes:
    """A worksheet: title, frozen header rows and first column, numbers as numbers, statuses coloured."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "汇总"
    body = Font(name=BODY_FONT, size=11)
    bold = Font(name=HEAD_FONT, size=11, bold=True)
    sheet.cell(row=1, column=1, value=title).font = Font(name=HEAD_FONT, size=16, bold=True)
    top = 3
    for r, cells in enumerate(header):
        for c, text in enumerate(cells):
            target = sheet.cell(row=top + r, column=c + 1, value=text or None)
            target.font = bold
            target.fill = PatternFill("solid", fgColor=HEAD_FILL)
            target.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    first = top + len(header)
    widths = [max((display_width(h[c]) for h in header), default=4) for c in range(len(header[0]))] if header else []
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            target = sheet.cell(row=first + r, column=c + 1, value=value)
            target.font = body
            if isinstance(value, Decimal):
                target.number_format = number_format(value)
            if isinstance(value, str) and value in STATE_FILLS:
                target.fill = PatternFill("solid", fgColor=STATE_FILLS[value])
            if c < len(widths):
                widths[c] = max(widths[c], display_width(text_of(value)))
    for k, line in enumerate(footer):
        sheet.cell(row=first + len(rows) + 1 + k, column=1, value=line).font = body
    for c, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(c + 1)].width = min(max(width, 6), 30) + 2
    sheet.freeze_panes = sheet.cell(row=first, column=2).coordinate
    book.properties.creator = "govreport"
    book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
