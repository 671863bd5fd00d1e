"""Low-level OOXML helpers: children in schema order (through python-docx), East Asian fonts, PAGE fields.

Why: python-docx covers only part of WordprocessingML, and appending an element out of its schema sequence
makes Word call the file corrupt. Every element this package adds goes through ``child``.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def sequence(names: str) -> tuple[str, ...]:
    """Element names of a schema sequence, in order."""
    return tuple(names.split())


# ECMA-376 Part 1, CT_PPr (CT_PPrBase then rPr, sectPr, pPrChange).
PPR_ORDER = sequence(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
# CT_RPr (EG_RPrBase then rPrChange).
RPR_ORDER = sequence(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs "
    "em lang eastAsianLayout specVanish oMath rPrChange"
)
# CT_SectPr.
SECTPR_ORDER = sequence(
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
    "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings "
    "sectPrChange"
)
# CT_Style.
STYLE_ORDER = sequence(
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat locked "
    "personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"
)
# CT_TblPr, CT_TblBorders, CT_TrPr (tables of figures).
TBLPR_ORDER = sequence(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd "
    "tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange"
)
BORDERS_ORDER = sequence("top left start bottom right end insideH insideV")
TRPR_ORDER = sequence(
    "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden"
)
ORDERS = {
    "pPr": PPR_ORDER,
    "rPr": RPR_ORDER,
    "sectPr": SECTPR_ORDER,
    "style": STYLE_ORDER,
    "tblPr": TBLPR_ORDER,
    "tblBorders": BORDERS_ORDER,
    "trPr": TRPR_ORDER,
}


def local_name(element: Any) -> str:
    """The tag without its namespace."""
    return str(element.tag).rsplit("}", 1)[-1]


def child(parent: Any, tag: str) -> Any:
    """The ``w:tag`` child of parent, created in schema order when missing.

    Where python-docx models the child it places it (its generated ``get_or_add_<tag>``); otherwise its public
    ``insert_element_before`` places it ahead of the successors our sequence names. The sequences are kept here
    because python-docx deletes its own (``_tag_seq``) after building each element class and models only part of
    WordprocessingML (not ``overflowPunct``, ``autoSpaceDE``, ``snapToGrid`` or ``docGrid`` placement, say).
    """
    getter = getattr(parent, f"get_or_add_{tag}", None)
    if getter is not None:
        return getter()
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    order = ORDERS[local_name(parent)]
    successors = [f"w:{name}" for name in order[order.index(tag) + 1 :]]
    return parent.insert_element_before(OxmlElement(f"w:{tag}"), *successors)


def set_child(parent: Any, tag: str, **attrs: str | int) -> Any:
    """Create or update ``w:tag`` under parent and set its ``w:`` attributes."""
    element = child(parent, tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def remove_children(parent: Any, *tags: str) -> None:
    """Remove every ``w:tag`` child of parent (python-docx's ``remove_all``)."""
    parent.remove_all(*(f"w:{tag}" for tag in tags))


def set_fonts(rpr: Any, name: str) -> None:
    """One font for every script, East Asian hint, and no theme attributes (Word prefers a theme over a name)."""
    fonts = child(rpr, "rFonts")
    for attr in list(fonts.attrib):
        if attr.rsplit("}", 1)[-1].lower().endswith("theme"):
            del fonts.attrib[attr]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), name)
    fonts.set(qn("w:hint"), "eastAsia")


def set_size(rpr: Any, half_points: int) -> None:
    """Font size for every script, in half-points."""
    set_child(rpr, "sz", val=half_points)
    set_child(rpr, "szCs", val=half_points)


def field_runs(instruction: str, result: str) -> list[Any]:
    """A simple field as separate runs: begin, instruction, separate, result, end (each its own ``w:r``)."""
    runs = [_fld_char("begin"), _run_with("instrText", f" {instruction} "), _fld_char("separate")]
    return [*runs, _run_with("t", result), _fld_char("end")]


def text_run(text: str) -> Any:
    """A plain ``w:r`` with one ``w:t``."""
    return _run_with("t", text)


def _fld_char(kind: str) -> Any:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _run_with(tag: str, text: str) -> Any:
    run = OxmlElement("w:r")
    element = OxmlElement(f"w:{tag}")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)
    return run
