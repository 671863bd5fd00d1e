"""Page setup of GB/T 9704-2012: A4, margins, the 22-line grid, and `— N —` page numbers on odd/even footers."""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Twips

from toolkit.writers.gbt9704_styles import FOOTER_SIZE, LINE_PITCH
from toolkit.writers.ooxml import child, field_runs, set_child, set_fonts, set_size, text_run

PAGE = {"page_width": 11906, "page_height": 16838}  # A4, twips
MARGINS = {"top_margin": 2098, "bottom_margin": 1984, "left_margin": 1587, "right_margin": 1474}  # 37/35/28/26 mm
FOOTER_DISTANCE = 1417  # 25 mm: the dash ends up 7 mm below the type area
HEADER_DISTANCE = 851  # 15 mm
FOOTER_SIDE_INDENT = 280  # one 14 pt character between the page number and the type area edge
EM_DASH = "\u2014"


def set_page(section: Any) -> None:
    """A4 portrait, GB/T 9704 margins and a line grid of 22 lines a page."""
    for attr, twips in {**PAGE, **MARGINS}.items():
        setattr(section, attr, Twips(twips))
    section.footer_distance = Twips(FOOTER_DISTANCE)
    section.header_distance = Twips(HEADER_DISTANCE)
    section.gutter = Twips(0)
    child(section._sectPr, "docGrid").attrib.clear()  # no charSpace left over from the template
    set_child(section._sectPr, "docGrid", type="lines", linePitch=LINE_PITCH)


def add_page_numbers(document: Any, section: Any, song: str) -> None:
    """Odd pages: number on the right, 1 character in; even pages: on the left, 1 character in."""
    document.settings.odd_and_even_pages_header_footer = True
    fill_footer(section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right", song)
    fill_footer(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left", song)


def fill_footer(footer: Any, align: Any, side: str, song: str) -> None:
    """One footer paragraph: `— `, a PAGE field, ` —`, every part its own 14 pt 宋体 run."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = "Footer"
    paragraph.alignment = align
    set_child(paragraph._p.get_or_add_pPr(), "ind", **{side: FOOTER_SIDE_INDENT, "firstLine": 0, "firstLineChars": 0})
    for run in [text_run(f"{EM_DASH} "), *field_runs("PAGE", "1"), text_run(f" {EM_DASH}")]:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
        set_fonts(rpr, song)
        set_size(rpr, FOOTER_SIZE)
        paragraph._p.append(run)
