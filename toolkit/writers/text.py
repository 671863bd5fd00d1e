"""Plain-text and Markdown writers."""

from __future__ import annotations

import unicodedata

from toolkit.compose.document import Document, Flush, Heading, Paragraph, Signature, Table, Title, plain

INDENT = "\u3000\u3000"


def write_txt(doc: Document) -> str:
    """One paragraph a line; body paragraphs indented by two full-width spaces."""
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Title):
            lines += [plain(block.text), ""]
        elif isinstance(block, Heading):
            lines.append(INDENT + plain(f"{block.number}{block.text}{block.run_in}"))
        elif isinstance(block, Paragraph):
            lines.append(INDENT + plain(block.text))
        elif isinstance(block, Flush):
            lines.append(plain(block.text))
        elif isinstance(block, Table):
            lines += txt_table(block)
        elif isinstance(block, Signature):
            lines += ["", plain(block.issuer), plain(block.date)]
    return "\n".join(lines) + "\n"


def display_width(text: str) -> int:
    """Columns a text takes in a monospaced terminal (CJK and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def txt_table(block: Table) -> list[str]:
    """A table as aligned plain-text lines: title, units line, header, rule, rows."""
    rows = [[plain(c) for c in row] for row in [block.header, *block.rows]]
    widths = [max(display_width(row[k]) for row in rows) for k in range(len(block.header))]

    def line(row: list[str]) -> str:
        return "  ".join(cell + " " * (width - display_width(cell)) for cell, width in zip(row, widths, strict=True))

    out = [plain(block.title)] if block.title else []
    out += [f"单位：{plain(block.unit)}"] if block.unit else []
    out += [line(rows[0]).rstrip(), "-" * (sum(widths) + 2 * (len(widths) - 1))]
    return out + [line(row).rstrip() for row in rows[1:]]


def md_table(block: Table) -> str:
    """A table as a Markdown pipe table, with its title in bold and the units line above it."""

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(plain(c).replace("|", "\\|") for c in cells) + " |"

    out = [f"**{plain(block.title)}**"] if block.title else []
    out += [f"单位：{plain(block.unit)}"] if block.unit else []
    lines = [row(block.header), "| " + " | ".join("---" for _ in block.header) + " |"]
    out.append("\n".join(lines + [row(r) for r in block.rows]))
    return "\n\n".join(out)


def write_md(doc: Document) -> str:
    """Markdown: # title, ## to #### for heading levels 1–3, run-in text after a bold level-3 heading."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Title):
            out.append(f"# {plain(block.text)}")
        elif isinstance(block, Heading) and block.run_in:
            out.append(f"**{block.number}{plain(block.text)}**{plain(block.run_in)}")
        elif isinstance(block, Heading):
            out.append(f"{'#' * min(block.level + 1, 6)} {block.number}{plain(block.text)}")
        elif isinstance(block, Paragraph | Flush):
            out.append(plain(block.text))
        elif isinstance(block, Table):
            out.append(md_table(block))
        elif isinstance(block, Signature):
            out.append(f'<p align="right">{plain(block.issuer)}<br>{plain(block.date)}</p>')
    return "\n\n".join(out) + "\n"
