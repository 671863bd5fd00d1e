"""The .docx writer: the one module that talks to python-docx."""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from toolkit.document import Document, Heading, Paragraph, Signature, Title, split_runs

_HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}


def add_runs(paragraph: DocxParagraph, text: str) -> None:
    """Add text as runs, highlighting draft placeholders in yellow."""
    for run in split_runs(text):
        added = paragraph.add_run(run.text)
        if run.highlight:
            added.font.highlight_color = WD_COLOR_INDEX.YELLOW


def set_east_asian(style_font: object, name: str) -> None:
    """Set a font for every script, East Asian included."""
    element = style_font.element  # type: ignore[attr-defined]
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def write_docx(doc: Document) -> bytes:
    """Serialise the document tree to .docx bytes."""
    out = new_docx()
    out.core_properties.title = doc.title
    for block in doc.blocks:
        if isinstance(block, Title):
            para = out.add_paragraph(style="Title")
            add_runs(para, block.text)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif isinstance(block, Heading) and block.run_in:
            para = out.add_paragraph()
            head = para.add_run(f"{block.number}{block.text}")
            head.bold = True
            add_runs(para, block.run_in)
        elif isinstance(block, Heading):
            para = out.add_heading(level=block.level)
            add_runs(para, f"{block.number}{block.text}")
        elif isinstance(block, Paragraph):
            add_runs(out.add_paragraph(), block.text)
        elif isinstance(block, Signature):
            for line in (block.issuer, block.date):
                para = out.add_paragraph(line)
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    normal = out.styles["Normal"]
    normal.font.size = Pt(16)
    set_east_asian(normal, "仿宋_GB2312")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
