"""The .docx against GB/T 9704 at the XML level: what LibreOffice tolerates but Word does not is checked here.

The schema sequences below are copied from ECMA-376 Part 1 (CT_PPrBase/CT_PPr, CT_RPr, CT_SectPr) on purpose,
so the writer's own order tables are checked against an independent copy.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from lxml import etree

from tests.paths import SAMPLE_2024
from toolkit.compose.document import HIGHLIGHT_END, HIGHLIGHT_START, Document, Heading, Paragraph, Signature, Title
from toolkit.writers.docx import write_docx
from toolkit.writers.layout import signature_indents, text_width, title_lines
from toolkit.writers.options import FONT_PROFILES, StyleOptions

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}
SAMPLE = SAMPLE_2024

PPR_SEQUENCE = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
]  # fmt: skip
RPR_SEQUENCE = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
    "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
]  # fmt: skip
SECTPR_SEQUENCE = [
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
    "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
    "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
]  # fmt: skip
# CT_SectPr starts with (headerReference | footerReference)* in any order.
REPEATABLE = {"headerReference", "footerReference"}
SEQUENCES = {"pPr": PPR_SEQUENCE, "rPr": RPR_SEQUENCE, "sectPr": SECTPR_SEQUENCE}


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def wval(element: Any, attr: str = "val") -> str | None:
    value = element.get(w(attr))
    return None if value is None else str(value)


class Package:
    """The XML parts of a .docx."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = self.zip.namelist()

    def xml(self, name: str) -> Any:
        return etree.fromstring(self.zip.read(name))

    @property
    def styles(self) -> Any:
        return self.xml("word/styles.xml")

    @property
    def body(self) -> Any:
        return self.xml("word/document.xml").find("w:body", NS)

    def footers(self) -> list[Any]:
        return [self.xml(n) for n in self.names if n.startswith("word/footer")]

    def style(self, name: str) -> Any:
        for style in self.styles.findall("w:style", NS):
            if style.find("w:name", NS).get(w("val")).lower() == name.lower():
                return style
        raise AssertionError(f"style {name} missing")

    def parts(self) -> Iterator[Any]:
        for name in self.names:
            if name.startswith("word/") and name.endswith(".xml"):
                yield self.xml(name)


def build(doc: Document, **options: Any) -> Package:
    return Package(write_docx(doc, StyleOptions(**options)))


@pytest.fixture(scope="module")
def pkg(sample_document: Document) -> Package:
    return build(sample_document)


def test_a4_and_margins(pkg: Package) -> None:
    sect = pkg.body.find("w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (wval(size, "w"), wval(size, "h")) == ("11906", "16838")
    assert wval(size, "orient") in (None, "portrait")
    expected = {"top": "2098", "bottom": "1984", "left": "1587", "right": "1474", "gutter": "0", "footer": "1417"}
    assert {k: wval(margins, k) for k in expected} == expected


def test_line_grid_is_the_last_section_child(pkg: Package) -> None:
    sect = pkg.body.find("w:sectPr", NS)
    grid = sect[-1]
    assert etree.QName(grid).localname == "docGrid"
    assert dict(grid.attrib) == {w("type"): "lines", w("linePitch"): "579"}  # no charSpace: LibreOffice → 14 a line


@pytest.mark.parametrize("name", ["Normal", "heading 1", "heading 2", "heading 3", "heading 4", "Title"])
def test_exact_line_pitch(pkg: Package, name: str) -> None:
    spacing = pkg.style(name).find("w:pPr/w:spacing", NS)
    assert (wval(spacing, "line"), wval(spacing, "lineRule")) == ("579", "exact")
    assert (wval(spacing, "before"), wval(spacing, "after")) == ("0", "0")


def test_16pt_styles_are_squeezed_to_28_characters(pkg: Package) -> None:
    sizes = {}
    for style in pkg.styles.findall("w:style", NS):
        size = style.find("w:rPr/w:sz", NS)
        if size is not None:
            spacing = style.find("w:rPr/w:spacing", NS)
            sizes[style.find("w:name", NS).get(w("val"))] = (wval(size), None if spacing is None else wval(spacing))
    assert sizes["Normal"] == ("32", "-5")
    assert sizes["Title"] == ("44", "0")
    assert sizes["footer"] == ("28", "0")
    squeezed = [name for name, (size, spacing) in sizes.items() if size == "32"]
    assert len(squeezed) >= 8
    assert all(sizes[name][1] == "-5" for name in squeezed)


def test_no_theme_fonts_anywhere(pkg: Package) -> None:
    for part in pkg.parts():
        for fonts in part.iter(w("rFonts")):
            themed = [a for a in fonts.attrib if etree.QName(a).localname.lower().endswith("theme")]
            assert not themed, etree.tostring(fonts)
    dropped = ("stylesWithEffects", "numbering", "thumbnail")
    assert not [n for n in pkg.names if any(d in n for d in dropped)]


def test_every_style_names_its_east_asian_font(pkg: Package) -> None:
    styles = [s for s in pkg.styles.findall("w:style", NS) if wval(s, "type") in ("paragraph", "character")]
    styles = [s for s in styles if wval(s, "styleId") != "DefaultParagraphFont"]
    assert len(styles) >= 10
    for style in styles:
        fonts = style.find("w:rPr/w:rFonts", NS)
        assert fonts is not None, wval(style, "styleId")
        names = {wval(fonts, a) for a in ("eastAsia", "ascii", "hAnsi", "cs")}
        assert len(names) == 1 and None not in names, wval(style, "styleId")
        assert wval(fonts, "hint") == "eastAsia"
    defaults = pkg.styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert wval(defaults.find("w:rFonts", NS), "eastAsia") == "仿宋_GB2312"
    assert wval(defaults.find("w:lang", NS), "eastAsia") == "zh-CN"


@pytest.mark.parametrize("profile", sorted(FONT_PROFILES))
def test_font_profiles(sample_document: Document, profile: str) -> None:
    pkg = build(sample_document, font_profile=profile)
    fonts = FONT_PROFILES[profile]
    expected = {
        "Normal": fonts["fangsong"],
        "Title": fonts["title"],
        "heading 1": fonts["heiti"],
        "heading 2": fonts["kaiti"],
        "heading 3": fonts["fangsong"],
        "heading 4": fonts["fangsong"],
        "footer": fonts["song"],
    }
    found = {name: wval(pkg.style(name).find("w:rPr/w:rFonts", NS), "eastAsia") for name in expected}
    assert found == expected
    assert FONT_PROFILES["gb2312"]["fangsong"] == "仿宋_GB2312"


def test_headings_have_outline_levels_and_no_colour_or_bold(pkg: Package) -> None:
    for level in range(1, 5):
        style = pkg.style(f"heading {level}")
        assert wval(style.find("w:pPr/w:outlineLvl", NS)) == str(level - 1)
        assert style.find("w:pPr/w:keepNext", NS) is not None
        assert wval(style.find("w:rPr/w:color", NS)) == "000000"
        assert wval(style.find("w:rPr/w:b", NS)) == "0"
    assert pkg.style("Normal").find("w:pPr/w:outlineLvl", NS) is None
    assert pkg.style("Title").find("w:pPr/w:outlineLvl", NS) is None


def test_bold_level3_house_style(sample_document: Document) -> None:
    pkg = build(sample_document, bold_level3=True)
    assert wval(pkg.style("heading 3").find("w:rPr/w:b", NS)) == "1"
    assert wval(pkg.style("Heading 3 Char").find("w:rPr/w:b", NS)) == "1"
    assert wval(pkg.style("heading 2").find("w:rPr/w:b", NS)) == "0"


def test_indents_in_character_units(pkg: Package) -> None:
    def indent(name: str) -> tuple[str | None, str | None]:
        ind = pkg.style(name).find("w:pPr/w:ind", NS)
        return wval(ind, "firstLineChars"), wval(ind, "firstLine")

    assert indent("Normal") == ("200", "640")
    assert indent("heading 1") == ("200", "640")
    assert indent("Title") == ("0", "0")
    assert indent("footer") == ("0", "0")


def test_paragraphs_use_the_styles(pkg: Package, sample_document: Document) -> None:
    paragraphs = pkg.body.findall("w:p", NS)
    styles = [p.find("w:pPr/w:pStyle", NS) for p in paragraphs]
    used = [None if s is None else wval(s) for s in styles]
    assert used[0] == "Title"
    assert used[1] is None and not paragraphs[1].findall("w:r/w:t", NS)  # the blank line under the title
    assert {"Heading1", "Heading2"} <= set(used)
    # 1. headings carry run-in body text: body paragraphs whose first run is the linked character style.
    run_in = [p for p in paragraphs if p.find("w:r/w:rPr/w:rStyle", NS) is not None]
    assert len(run_in) == sum(1 for b in sample_document.blocks if isinstance(b, Heading) and b.level == 3)
    assert all(wval(p.find("w:r/w:rPr/w:rStyle", NS)) == "Heading3Char" for p in run_in)
    assert wval(pkg.style("Heading 3 Char").find("w:link", NS)) == "Heading3"
    assert wval(pkg.style("heading 3").find("w:link", NS)) == "Heading3Char"


def test_title_breaks_into_a_trapezoid(pkg: Package) -> None:
    title = pkg.body.find("w:p", NS)
    texts = [t.text for t in title.iter(w("t"))]
    assert texts == ["以县城为重要载体的", "新型城镇化建设推进情况的报告"]
    assert len(title.findall(".//w:br", NS)) == 1


def test_odd_and_even_footers_carry_page_fields(pkg: Package) -> None:
    settings = pkg.xml("word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    refs = {wval(r, "type") for r in pkg.body.find("w:sectPr", NS).findall("w:footerReference", NS)}
    assert refs == {"default", "even"}
    footers = pkg.footers()
    assert len(footers) == 2
    sides = set()
    for footer in footers:
        (para,) = footer.findall("w:p", NS)
        runs = para.findall("w:r", NS)
        parts = [[etree.QName(c).localname for c in r if etree.QName(c).localname != "rPr"] for r in runs]
        assert parts == [["t"], ["fldChar"], ["instrText"], ["fldChar"], ["t"], ["fldChar"], ["t"]]
        kinds = [wval(c, "fldCharType") for c in para.iter(w("fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert [t.text.strip() for t in para.iter(w("instrText"))] == ["PAGE"]
        texts = [t.text for t in para.iter(w("t"))]
        assert (texts[0], texts[-1]) == ("\u2014 ", " \u2014")
        for run in runs:
            assert wval(run.find("w:rPr/w:sz", NS)) == "28"
            assert wval(run.find("w:rPr/w:rFonts", NS), "eastAsia") == "宋体"
        jc, ind = wval(para.find("w:pPr/w:jc", NS)), para.find("w:pPr/w:ind", NS)
        sides.add(jc)
        assert wval(ind, "right" if jc == "right" else "left") == "280"
    assert sides == {"right", "left"}


def schema_order_errors(root: Any) -> Iterator[str]:
    for tag, sequence in SEQUENCES.items():
        for element in root.iter(w(tag)):
            names = [etree.QName(c).localname for c in element if isinstance(c.tag, str)]
            unknown = [n for n in names if n not in sequence]
            positions = [0 if n in REPEATABLE else sequence.index(n) for n in names if n in sequence]
            repeated = [n for n in set(names) if names.count(n) > 1 and n not in REPEATABLE]
            if unknown or positions != sorted(positions) or repeated:
                yield f"{tag}: {names}"


def test_children_in_schema_order(pkg: Package) -> None:
    errors = [e for part in pkg.parts() for e in schema_order_errors(part)]
    assert errors == []


def test_schema_order_check_catches_disorder() -> None:
    wrong = etree.fromstring(f'<w:pPr xmlns:w="{W_NS}"><w:jc w:val="both"/><w:spacing/></w:pPr>')
    assert list(schema_order_errors(wrong))


def small_document(signature: Signature | None = None, text: str = "正文。") -> Document:
    blocks: list[Any] = [Title("关于测试的报告"), Paragraph(text)]
    return Document("关于测试的报告", blocks + ([signature] if signature else []))


def test_draft_placeholders_are_highlighted() -> None:
    pkg = build(small_document(text=f"产值{HIGHLIGHT_START}XX亿元{HIGHLIGHT_END}，增长。"))
    marked = [r for r in pkg.body.iter(w("r")) if r.find("w:rPr/w:highlight", NS) is not None]
    assert ["".join(t.text for t in r.iter(w("t"))) for r in marked] == ["XX亿元"]
    assert wval(marked[0].find("w:rPr/w:highlight", NS)) == "yellow"


def signature_paragraphs(pkg: Package) -> tuple[int, list[tuple[str, str | None, str | None]]]:
    paragraphs = pkg.body.findall("w:p", NS)
    texts = ["".join(t.text for t in p.iter(w("t"))) for p in paragraphs]
    body_end = texts.index("正文。")
    blanks = 0
    while texts[body_end + 1 + blanks] == "":
        blanks += 1
    rows = []
    for para, text in list(zip(paragraphs, texts, strict=True))[body_end + 1 + blanks :]:
        style, ind = para.find("w:pPr/w:pStyle", NS), para.find("w:pPr/w:ind", NS)
        rows.append((text, wval(style), wval(ind, "rightChars")))
    return blanks, rows


def test_unsealed_signature() -> None:
    blanks, rows = signature_paragraphs(build(small_document(Signature("x市发展和改革局", "2024年11月8日"))))
    # 7.5 wide signature 右空二字; the 6.5 wide date would start 1 character right of it, so it keeps 右空二字
    # and the signature moves left until the date starts 2 characters right of the signature.
    assert blanks == 1
    assert rows == [("x市发展和改革局", "Signature", "300"), ("2024年11月8日", "Date", "200")]


def test_sealed_signature() -> None:
    pkg = build(small_document(Signature("x市发展和改革局", "2024年11月8日")), sealed=True)
    blanks, rows = signature_paragraphs(pkg)
    assert blanks == 2
    assert rows == [("x市发展和改革局", "Signature", "350"), ("2024年11月8日", "Date", "400")]


@pytest.mark.parametrize(
    ("issuer", "date", "sealed", "check"),
    [
        ("x市发展和改革局", "2024年11月8日", False, lambda s, d, sw, dw: d + dw == s + sw - 2 or d == 2),
        ("某某县人民政府办公室", "2024年1月1日", False, lambda s, d, sw, dw: s == 2 and d + dw == s + sw - 2),
        ("某县人民政府", "2024年11月8日", True, lambda s, d, sw, dw: d == 4 and s + sw / 2 == d + dw / 2),
    ],
)
def test_signature_rules(issuer: str, date: str, sealed: bool, check: Callable[..., bool]) -> None:
    sig, day = signature_indents(issuer, date, sealed)
    assert check(sig, day, text_width(issuer), text_width(date))
    if not sealed:
        assert sig >= 2 and day >= 2


def test_title_lines() -> None:
    assert title_lines("关于测试的报告") == ["关于测试的报告"]
    assert title_lines("以县城为重要载体的新型城镇化建设推进情况的报告") == [
        "以县城为重要载体的",
        "新型城镇化建设推进情况的报告",
    ]


def test_font_table_declares_fallbacks(pkg: Package) -> None:
    fonts = {f.get(w("name")): f for f in pkg.xml("word/fontTable.xml").findall("w:font", NS)}
    fangsong = fonts["仿宋_GB2312"]
    assert wval(fangsong.find("w:altName", NS)) == "仿宋"
    assert wval(fangsong.find("w:charset", NS)) == "86"
    assert {"楷体_GB2312", "黑体", "方正小标宋简体", "宋体"} <= set(fonts)


def test_unknown_font_profile_is_a_user_error() -> None:
    from toolkit.errors import GovreportError

    with pytest.raises(GovreportError, match="未知的字体方案"):
        StyleOptions(font_profile="mac")


def test_no_reference_to_a_dropped_style(pkg: Package) -> None:
    defined = {wval(s, "styleId") for s in pkg.styles.findall("w:style", NS)}
    for part in pkg.parts():
        for tag in ("basedOn", "link", "next", "pStyle", "rStyle"):
            for ref in part.iter(w(tag)):
                assert wval(ref) in defined, f"{tag} → {wval(ref)}"
