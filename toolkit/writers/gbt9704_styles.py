"""The GB/T 9704-2012 style pack: document defaults and every paragraph and character style the writer uses.

Each style is rebuilt from a small spec, so nothing of python-docx's default template (theme fonts, blue bold
headings, 1.15 spacing) survives. Measured values and the reasons behind them are in GBT9704.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.styles import BabelFish

from toolkit.writers.ooxml import child, remove_children, set_child, set_fonts, set_size
from toolkit.writers.options import FontRole, StyleOptions

LINE_PITCH = 579  # twips: exact line spacing for 22 lines in the 225 mm type area (580 gives 21)
SQUEEZE = -5  # twentieths of a point: 28 characters of 16 pt fit in 156 mm only with −0.25 pt each
BODY_SIZE = 32  # half-points: 3号, 16 pt
TITLE_SIZE = 44  # 2号, 22 pt
FOOTER_SIZE = 28  # 4号, 14 pt
INDENT_2_CHARS = {"firstLineChars": 200, "firstLine": 640}
NO_INDENT = {"firstLineChars": 0, "firstLine": 0}

# Styles the writer applies, kept; everything else in the base template is dropped.
KEEP_ALSO = {"Default Paragraph Font", "Normal Table", "No List"}
LEVEL3_CHAR = "Heading 3 Char"

# HANGING_NOTE: ``w:overflowPunct`` is written on (punctuation may hang past the margin), which is what Word
# does for Chinese text anyway. LibreOffice 7.x reads the flag inverted (on → no hanging punctuation), and that
# keeps every line of the PDF inside the 156 mm type area, as the render test checks. Writing it off would make
# LibreOffice hang 。，、 up to 5.6 mm past the type area.


@dataclass(frozen=True)
class StyleSpec:
    """One style of the pack."""

    name: str
    font: FontRole
    size: int = BODY_SIZE
    squeeze: bool = True
    bold: bool = False
    jc: str | None = None
    indent: dict[str, int] | None = None
    outline: int | None = None
    keep_next: bool = False
    character: bool = False
    link: str | None = None
    snap: bool = True
    exact: bool = True


def style_specs(options: StyleOptions) -> list[StyleSpec]:
    """Every style of the pack, Normal first."""
    bold3 = options.bold_level3
    return [
        StyleSpec("Normal", "fangsong", jc="both", indent=INDENT_2_CHARS),
        StyleSpec("Title", "title", TITLE_SIZE, squeeze=False, jc="center", indent=NO_INDENT, snap=False),
        StyleSpec("Heading 1", "heiti", indent=INDENT_2_CHARS, outline=0, keep_next=True),
        StyleSpec("Heading 2", "kaiti", indent=INDENT_2_CHARS, outline=1, keep_next=True),
        StyleSpec("Heading 3", "fangsong", bold=bold3, indent=INDENT_2_CHARS, outline=2, keep_next=True),
        StyleSpec("Heading 4", "fangsong", indent=INDENT_2_CHARS, outline=3, keep_next=True),
        StyleSpec(LEVEL3_CHAR, "fangsong", bold=bold3, character=True, link="Heading 3"),
        StyleSpec("Signature", "fangsong", jc="right", indent=NO_INDENT),
        StyleSpec("Date", "fangsong", jc="right", indent=NO_INDENT),
        StyleSpec("Footer", "song", FOOTER_SIZE, squeeze=False, indent=NO_INDENT, snap=False, exact=False),
    ]


def apply_style_pack(document: Any, options: StyleOptions) -> None:
    """Replace the template's styles by the GB/T 9704 pack."""
    specs = style_specs(options)
    prune_styles(document, {s.name for s in specs} | KEEP_ALSO)
    set_doc_defaults(document.styles.element, options.font("fangsong"))
    for spec in specs:
        define_style(document, spec, options)


def prune_styles(document: Any, keep: set[str]) -> None:
    """Drop template styles the writer does not use (they carry theme fonts and colours)."""
    root = document.styles.element
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or BabelFish.internal2ui(name.get(qn("w:val"))) not in keep:
            root.remove(style)
    for link in list(root.iter(qn("w:link"))):
        if root.get_by_id(link.get(qn("w:val"))) is None:
            link.getparent().remove(link)


def set_doc_defaults(styles: Any, body_font: str) -> None:
    """Defaults every style inherits: the body font, 16 pt, Chinese language, no paragraph spacing."""
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(rpr, body_font)
    set_size(rpr, BODY_SIZE)
    set_child(rpr, "lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    spacing = set_child(ppr, "spacing", before=0, after=0)
    for attr in ("line", "lineRule"):
        spacing.attrib.pop(qn(f"w:{attr}"), None)


def define_style(document: Any, spec: StyleSpec, options: StyleOptions) -> None:
    """Create or reset one style from its spec."""
    kind = WD_STYLE_TYPE.CHARACTER if spec.character else WD_STYLE_TYPE.PARAGRAPH
    names = {s.name for s in document.styles}
    style = document.styles[spec.name] if spec.name in names else document.styles.add_style(spec.name, kind)
    element = style.element
    remove_children(element, "pPr", "rPr", "next", "link")
    if spec.name != "Normal" and not spec.character:
        style.base_style = document.styles["Normal"]
    if spec.link:  # a linked pair points both ways
        linked = document.styles[spec.link]
        set_child(element, "link", val=linked.style_id)
        set_child(linked.element, "link", val=style.style_id)
    set_child(element, "qFormat")
    if not spec.character:
        fill_ppr(child(element, "pPr"), spec)
    fill_rpr(child(element, "rPr"), spec, options.font(spec.font))


def fill_ppr(ppr: Any, spec: StyleSpec) -> None:
    """Paragraph properties of a style, in schema order."""
    if spec.keep_next:
        set_child(ppr, "keepNext")
    set_child(ppr, "widowControl", val=0)
    set_child(ppr, "overflowPunct", val=1)  # see HANGING_NOTE
    set_child(ppr, "autoSpaceDE", val=0)
    set_child(ppr, "autoSpaceDN", val=0)
    if not spec.snap:
        set_child(ppr, "snapToGrid", val=0)
    line: dict[str, str | int] = (
        {"line": LINE_PITCH, "lineRule": "exact"} if spec.exact else {"line": 240, "lineRule": "auto"}
    )
    set_child(ppr, "spacing", before=0, after=0, **line)
    if spec.indent is not None:
        set_child(ppr, "ind", **spec.indent)
    if spec.jc:
        set_child(ppr, "jc", val=spec.jc)
    if spec.outline is not None:
        set_child(ppr, "outlineLvl", val=spec.outline)


def fill_rpr(rpr: Any, spec: StyleSpec, font: str) -> None:
    """Run properties of a style, in schema order: fonts, weight, black, spacing, size."""
    set_fonts(rpr, font)
    set_child(rpr, "b", val=int(spec.bold))
    set_child(rpr, "bCs", val=int(spec.bold))
    set_child(rpr, "color", val="000000")
    set_child(rpr, "spacing", val=SQUEEZE if spec.squeeze else 0)
    set_size(rpr, spec.size)
