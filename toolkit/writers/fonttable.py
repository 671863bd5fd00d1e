"""Declare the report's Chinese fonts in the font table, with the name Word should fall back to.

Why: on a machine without 仿宋_GB2312 Word and WPS look up ``w:altName`` (仿宋 on Windows 10) and the GB2312
character set (86) before substituting, instead of falling back to a Western face.
"""

from __future__ import annotations

from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from toolkit.writers.options import StyleOptions

# Fallback names for the GB2312-era fonts on current Windows.
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}
GB2312_CHARSET = "86"


def declare_fonts(document: Any, options: StyleOptions) -> None:
    """Add or replace a font-table entry for every font of the chosen profile."""
    part = next((r.target_part for r in document.part.rels.values() if r.reltype == RT.FONT_TABLE), None)
    if part is None:
        return
    root = parse_xml(part.blob)
    names = dict.fromkeys(options.font(role) for role in ("fangsong", "kaiti", "heiti", "title", "song"))
    for name in names:
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                root.remove(old)
        root.append(font_entry(name))
    part._blob = serialize_part_xml(root)


def font_entry(name: str) -> Any:
    """One ``w:font``: altName, charset, family, pitch (CT_Font order)."""
    font = OxmlElement("w:font", {qn("w:name"): name})
    children = [("altName", ALT_NAMES.get(name)), ("charset", GB2312_CHARSET)]
    children += [("family", "modern" if "黑" in name else "roman"), ("pitch", "variable")]
    for tag, value in children:
        if value is not None:
            font.append(OxmlElement(f"w:{tag}", {qn("w:val"): value}))
    return font
