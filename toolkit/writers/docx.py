"""The .docx writer: turns the document tree into a GB/T 9704-2012 Word file.

Only modules of ``toolkit.writers`` import python-docx. This one orchestrates: a base document (python-docx's
template with the GB/T 9704 style pack, or an organisation's reference document), then one paragraph per block.

Level-3 headings (1.) carry their body text in the same paragraph. Such a paragraph uses the body style and the
heading words the linked character style ``Heading 3 Char``: Word's navigation pane and a table of contents then
list 一、 and （一） headings only, instead of whole paragraphs of body text. A level-3 heading without run-in text
is a ``Heading 3`` paragraph with outline level 2 like the other levels.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx import Document as new_docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from toolkit.compose.document import (
    Block,
    Document,
    Flush,
    Heading,
    Paragraph,
    Run,
    Signature,
    Table,
    Title,
    plain,
    split_runs,
)
from toolkit.writers.comments import AUTHOR, INITIALS, Note
from toolkit.writers.fonttable import declare_fonts
from toolkit.writers.gbt9704_page import add_page_numbers, set_page
from toolkit.writers.gbt9704_styles import LEVEL3_CHAR, apply_style_pack, define_style, style_specs
from toolkit.writers.layout import signature_indents, title_lines
from toolkit.writers.ooxml import child, set_child, set_fonts, set_size
from toolkit.writers.options import StyleOptions
from toolkit.writers.reference import open_reference

CHAR_TWIPS = 320  # one 16 pt character
TABLE_SIZE = 28  # half-points: 4号 (14 pt) in tables, the usual size of 附表 cells
NO_INDENT = {"firstLineChars": 0, "firstLine": 0}
HELPER_STYLES = ("Signature", "Date", LEVEL3_CHAR, "Footer")


def write_docx(doc: Document, options: StyleOptions | None = None, notes: Sequence[Note] = ()) -> bytes:
    """Serialise the document tree to .docx bytes; ``notes`` become Word comments on the runs they name.

    With notes, every run of the tree is its own Word run (a comment is anchored on whole runs); without,
    neighbouring runs of the same formatting are merged.
    """
    options = options or StyleOptions()
    out = base_document(options)
    properties = out.core_properties
    properties.title, properties.author, properties.comments = doc.title, AUTHOR, ""
    written = [write_block(out, block, options, fine=bool(notes)) for block in doc.blocks]
    for note in notes:
        runs = written[note.block][note.first : note.last + 1]
        if runs:
            out.add_comment(runs, text=note.text, author=AUTHOR, initials=INITIALS)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def base_document(options: StyleOptions) -> Any:
    """The reference document with helper styles added, or a fresh document with the full style pack."""
    if options.reference_doc is None:
        out = new_docx()
        clear_template_body(out)
        drop_template_parts(out)
        apply_style_pack(out, options)
        declare_fonts(out, options)
        set_page(out.sections[0])
        add_page_numbers(out, out.sections[0], options.font("song"))
        return out
    out = open_reference(options.reference_doc)
    names = {s.name for s in out.styles}
    for spec in style_specs(options):
        if spec.name in HELPER_STYLES and spec.name not in names:
            define_style(out, spec, options)
    if out.sections[0].footer.is_linked_to_previous:
        add_page_numbers(out, out.sections[0], options.font("song"))
    return out


def clear_template_body(out: Any) -> None:
    """python-docx's template starts with nothing but the section; make sure of it."""
    body = out.element.body
    for element in list(body)[:-1]:
        body.remove(element)


def drop_template_parts(out: Any) -> None:
    """Drop template parts that do not describe the report.

    Word 2010's copy of the styles (theme fonts, blue headings), list definitions naming list styles the pack
    does not keep (headings are numbered as text), and the thumbnail of a blank page.
    """
    for r_id, rel in list(out.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/numbering")):
            out.part.drop_rel(r_id)
    package_rels = out.part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):  # a picture of python-docx's blank template
            package_rels.pop(r_id)


def write_block(out: Any, block: Block, options: StyleOptions, *, fine: bool = False) -> list[Any]:
    """Append the paragraphs of one block; returns the Word run written for each run of ``block_runs``."""
    if isinstance(block, Title):
        return write_title(out, block.text)
    if isinstance(block, Heading) and block.run_in and block.level >= 3:
        para = out.add_paragraph()
        head = add_runs(para, f"{block.number}{block.text}", style=LEVEL3_CHAR, fine=fine)
        return head + add_runs(para, block.run_in, fine=fine)
    if isinstance(block, Heading):
        para = out.add_paragraph(style=f"Heading {min(block.level, 4)}")
        return add_runs(para, f"{block.number}{block.text}{block.run_in}", fine=fine)
    if isinstance(block, Paragraph):
        return add_runs(out.add_paragraph(), block.text, fine=fine)
    if isinstance(block, Flush):
        para = out.add_paragraph()
        set_child(para._p.get_or_add_pPr(), "ind", **NO_INDENT)
        return add_runs(para, block.text, fine=fine)
    if isinstance(block, Table):
        return write_table(out, block, options, fine=fine)
    return write_signature(out, block, options.sealed, fine=fine)


def write_table(out: Any, block: Table, options: StyleOptions, *, fine: bool = False) -> list[Any]:
    """A table in the usual official style: title centred in 黑体, 单位 line on the right, ruled cells in 仿宋 4号,
    header row in 黑体 repeated on every page. Returns the runs in ``block_runs`` order."""
    written: list[Any] = []
    if block.title:
        para = _plain_paragraph(out, "center")
        written += add_runs(para, block.title, fine=fine)
        for run in para.runs:
            set_fonts(run._r.get_or_add_rPr(), options.font("heiti"))
    if block.unit:
        written += add_runs(_plain_paragraph(out, "right"), f"单位：{block.unit}", fine=fine)
    table = out.add_table(rows=1 + len(block.rows), cols=len(block.header))
    tbl_pr = table._tbl.tblPr
    set_child(tbl_pr, "tblW", w=5000, type="pct")
    set_child(tbl_pr, "jc", val="center")
    borders = child(tbl_pr, "tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
            line.set(qn(f"w:{name}"), value)
        borders.append(line)
    for r, values in enumerate([block.header, *block.rows]):
        row = table.rows[r]
        if r == 0:
            set_child(row._tr.get_or_add_trPr(), "tblHeader")
        for c, value in enumerate(values):
            para = row.cells[c].paragraphs[0]
            ppr = para._p.get_or_add_pPr()
            set_child(ppr, "ind", **NO_INDENT)
            set_child(ppr, "jc", val="center")
            set_child(ppr, "spacing", line=400, lineRule="atLeast")
            written += add_runs(para, value, fine=fine)
            for run in para.runs:
                rpr = run._r.get_or_add_rPr()
                set_size(rpr, TABLE_SIZE)
                if r == 0:
                    set_fonts(rpr, options.font("heiti"))
    out.add_paragraph()
    return written


def _plain_paragraph(out: Any, align: str) -> Any:
    para = out.add_paragraph()
    ppr = para._p.get_or_add_pPr()
    set_child(ppr, "ind", **NO_INDENT)
    set_child(ppr, "jc", val=align)
    return para


def write_title(out: Any, text: str) -> list[Any]:
    """The title, broken into a trapezoid, then one blank line (7.3.1, 7.3.3); every run maps to its first."""
    para = out.add_paragraph(style="Title")
    written: list[Any] = []
    for k, line in enumerate(title_lines(plain(text))):
        if k:
            para.add_run().add_break()
        written += add_runs(para, line)
    out.add_paragraph()
    return [written[0]] * len(split_runs(text)) if written else []


def write_signature(out: Any, block: Signature, sealed: bool, *, fine: bool = False) -> list[Any]:
    """Blank line(s) after the body, the issuer, the date; indents from the signature rules (7.3.5)."""
    for _ in range(2 if sealed else 1):
        out.add_paragraph()
    issuer, date = plain(block.issuer), plain(block.date)
    sig_right, date_right = signature_indents(issuer, date, sealed)
    written: list[Any] = []
    for text, style, right in ((block.issuer, "Signature", sig_right), (block.date, "Date", date_right)):
        para = out.add_paragraph(style=style)
        chars = round(right * 100)
        set_child(para._p.get_or_add_pPr(), "ind", rightChars=chars, right=chars * CHAR_TWIPS // 100)
        written += add_runs(para, text, fine=fine)
    return written


def add_runs(paragraph: Any, text: str, style: str | None = None, *, fine: bool = False) -> list[Any]:
    """Add text as runs, highlighting draft placeholders in yellow and failing figures in red; returns the Word run
    of each tree run.

    ``fine`` keeps one Word run per run of the tree; otherwise runs of the same formatting share one.
    """
    written: list[Any] = []
    previous: Run | None = None
    for run in split_runs(text):
        same = previous is not None and (previous.highlight, previous.failing) == (run.highlight, run.failing)
        if not fine and same:
            written[-1].text += run.text
            written.append(written[-1])
            continue
        added = paragraph.add_run(run.text, style=style)
        if run.failing:  # a figure a failing rule names: red, apart from the yellow of a missing figure
            added.font.highlight_color = WD_COLOR_INDEX.RED
        elif run.highlight:
            added.font.highlight_color = WD_COLOR_INDEX.YELLOW
        written.append(added)
        previous = run
    return written
