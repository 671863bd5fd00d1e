"""Read a report document (.docx, .txt, .md) into paragraphs with their styles, bounded and safe for hostile files.

Why here: like ``reader`` for YAML, this is where outside bytes come in. A .docx is a zip of XML written by any
tool, so everything is bounded before it is parsed: the file size, the number of zip entries, the uncompressed
size of the parts read (checked while inflating, so a lying header cannot inflate it), the compression ratio
(zip bombs), the number of paragraphs, and the XML itself is parsed without DTDs, entities or network access.
Every failure is a ``ReportInvalid`` with one finding naming the file, never a traceback.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.diagnostics.finding import Finding, Location
from toolkit.errors import ReportInvalid
from toolkit.source import DOCUMENT_SUFFIXES

MAX_FILE_BYTES = 50 * 1024 * 1024  # the file on disk
MAX_PART_BYTES = 40 * 1024 * 1024  # one XML part, uncompressed
MAX_TEXT_BYTES = 10 * 1024 * 1024  # a .txt or .md file
MAX_ENTRIES = 2000  # zip members
MAX_RATIO = 200  # uncompressed / compressed size of one large member (text XML compresses 5-30x)
RATIO_FROM = 4 * 1024 * 1024  # members smaller than this are not judged by their ratio
MAX_PARAGRAPHS = 20000  # a 30-page report has a few hundred
MAX_PARAGRAPH_CHARS = 200_000
MAX_CELLS = 20000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)


@dataclass(frozen=True)
class SourceParagraph:
    """One non-empty paragraph of a document as written.

    ``number`` counts the document's non-empty paragraphs from 1 (what a reader means by 第12段); ``line`` is the
    line of a text file where the paragraph starts (0 for .docx); ``level`` is an outline level from a heading
    style or Markdown ``#`` (1 = title or top, 0 = none); ``bold`` is true when every character is bold.
    """

    number: int
    text: str
    line: int = 0
    style: str = ""
    level: int = 0
    bold: bool = False
    centered: bool = False
    cells: tuple[tuple[str, ...], ...] = ()  # a table: its rows of cell texts (``text`` is the rows joined)


@dataclass
class SourceDocument:
    """A document's paragraphs in order, and what the reader noticed (tables, automatic numbering …)."""

    file: str
    kind: str  # docx | txt | md
    paragraphs: list[SourceParagraph] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def refuse(code: str, message: str, file: str) -> ReportInvalid:
    """The one error of a document that cannot be read."""
    return ReportInvalid([Finding(code, message, Location(file))])


def read_document(path: Path, display: str | None = None) -> SourceDocument:
    """Read a .docx, .txt or .md report; raise ReportInvalid with a clear message when it cannot be read."""
    name = display or str(path)
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise refuse("document-unreadable", f"无法导入 {name}：只支持 .docx、.txt 和 .md 文件", name)
    try:
        size = path.stat().st_size
    except OSError:
        raise ReportInvalid([Finding("file-not-found", f"找不到文件：{name}", Location(name))]) from None
    limit = MAX_FILE_BYTES if suffix == ".docx" else MAX_TEXT_BYTES
    if size > limit:
        raise refuse(
            "document-too-large", f"{name} 过大（{size // 1024 // 1024} MB，上限 {limit // 1024 // 1024} MB）", name
        )
    data = path.read_bytes()[: limit + 1]
    if suffix == ".docx":
        return read_docx(data, name)
    return read_text_document(data, name, "md" if suffix == ".md" else "txt")


# --------------------------------------------------------------------------------------------------- text files


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 — what Chinese Windows tools save as 'ANSI'."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise refuse("document-unreadable", f"无法读取 {name}：不是 UTF-8 或 GB18030 编码的文本", name)


def read_text_document(data: bytes, name: str, kind: str) -> SourceDocument:
    """Plain text: one paragraph a line. Markdown: blank lines separate paragraphs, ``#`` gives the level."""
    if len(data) > MAX_TEXT_BYTES:
        raise refuse("document-too-large", f"{name} 过大（上限 {MAX_TEXT_BYTES // 1024 // 1024} MB）", name)
    text = decode_text(data, name).replace("\r\n", "\n").replace("\r", "\n")
    doc = SourceDocument(name, kind)
    if kind == "txt":
        lines = text.split("\n")
        k = 0
        while k < len(lines):
            if k + 1 < len(lines) and lines[k].strip() and _TXT_RULE.match(lines[k + 1]):
                k = add_txt_table(doc, lines, k)
                continue
            if lines[k].strip():
                add(doc, lines[k].strip(), line=k + 1)
            k += 1
        return doc
    block: list[str] = []
    start = 0
    for k, line in enumerate([*text.split("\n"), ""]):
        if line.strip():
            if not block:
                start = k + 1
            block.append(line.strip())
            continue
        if block:
            add_markdown(doc, block, start)
            block = []
    return doc


_TXT_RULE = re.compile(r"^-{5,}\s*$")
_TXT_CELLS = re.compile(r"\s{2,}")


def add_txt_table(doc: SourceDocument, lines: list[str], k: int) -> int:
    """An aligned plain-text table (header, a rule of dashes, rows split at two or more spaces); the next line."""
    rows = [tuple(_TXT_CELLS.split(lines[k].strip()))]
    j = k + 2
    while j < len(lines) and lines[j].strip() and not lines[j].startswith(("\u3000", " ")):
        rows.append(tuple(_TXT_CELLS.split(lines[j].strip())))
        j += 1
    add_table(doc, rows, line=k + 1)
    return j


def add_table(doc: SourceDocument, rows: list[tuple[str, ...]], **kwargs: Any) -> None:
    """Append a table as one numbered unit, enforcing the cell limit."""
    if sum(len(r) for r in rows) > MAX_CELLS:
        raise refuse("document-too-large", f"{doc.file} 中的表格超过 {MAX_CELLS} 个单元格", doc.file)
    add(doc, " | ".join(" ".join(r) for r in rows), style="table", cells=tuple(rows), **kwargs)


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_PIPE = re.compile(r"(?<!\\)\|")
_MD_RULE = re.compile(r"^:?-{3,}:?$")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")
_MD_TAGS = re.compile(r"<br\s*/?>|</?p[^>]*>", re.I)


def add_markdown(doc: SourceDocument, lines: list[str], start: int) -> None:
    """One Markdown block: a heading, an HTML-ish signature block, or a paragraph whose lines are joined."""
    if all(line.startswith("|") for line in lines):
        rows = [tuple(c.strip().replace("\\|", "|") for c in _MD_PIPE.split(line.strip().strip("|"))) for line in lines]
        add_table(doc, [r for r in rows if not all(_MD_RULE.match(c) for c in r)], line=start)
        return
    heading = _MD_HEADING.match(lines[0])
    if heading and len(lines) == 1:
        add(doc, heading.group(2).strip(), line=start, level=len(heading.group(1)), style="md_heading")
        return
    joined = "".join(lines)
    if "<br" in joined.lower():
        for k, piece in enumerate(re.split(r"<br\s*/?>", joined, flags=re.I)):
            piece = _MD_TAGS.sub("", piece).strip()
            if piece:
                add(doc, piece, line=start, centered=False, style="md_signature" if k < 2 else "")
        return
    text = _MD_TAGS.sub("", joined)
    bold = text.startswith("**")
    add(doc, _MD_BOLD.sub(r"\1", text), line=start, bold=bold and text.endswith("**"))


def add(doc: SourceDocument, text: str, **kwargs: Any) -> None:
    """Append a paragraph, enforcing the paragraph limits."""
    if len(doc.paragraphs) >= MAX_PARAGRAPHS:
        raise refuse("document-too-large", f"{doc.file} 的段落超过 {MAX_PARAGRAPHS} 个，不像是一份报告", doc.file)
    if len(text) > MAX_PARAGRAPH_CHARS:
        raise refuse("document-too-large", f"{doc.file} 中有一段超过 {MAX_PARAGRAPH_CHARS} 个字符", doc.file)
    doc.paragraphs.append(SourceParagraph(len(doc.paragraphs) + 1, text, **kwargs))


# --------------------------------------------------------------------------------------------------------- docx


def read_member(archive: zipfile.ZipFile, member: str, name: str) -> bytes | None:
    """One zip member inflated with a hard cap, whatever its header claims; None when it is absent."""
    try:
        info = archive.getinfo(member)
    except KeyError:
        return None
    bomb = info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1)
    if info.file_size > MAX_PART_BYTES or bomb:
        raise refuse("document-too-large", f"{name} 中的 {member} 解压后过大，可能是压缩炸弹，已拒绝读取", name)
    out = io.BytesIO()
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 16):
            out.write(chunk)
            if out.tell() > MAX_PART_BYTES:
                raise refuse("document-too-large", f"{name} 中的 {member} 解压后过大，已拒绝读取", name)
    return out.getvalue()


def read_docx(data: bytes, name: str) -> SourceDocument:
    """The body paragraphs of a .docx, with style names, heading levels, bold and centring."""
    broken = f"无法读取 {name}：不是有效的 .docx 文件（文件损坏、被截断，或不是 Word 2007 及以后的格式）"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if len(archive.infolist()) > MAX_ENTRIES:
            raise refuse("document-too-large", f"{name} 包含的部件过多（超过 {MAX_ENTRIES} 个）", name)
        document = read_member(archive, "word/document.xml", name)
        styles = read_member(archive, "word/styles.xml", name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, RuntimeError):
        raise refuse("document-unreadable", broken, name) from None
    except Exception as exc:  # zlib.error and friends from a damaged member
        if isinstance(exc, ReportInvalid):
            raise
        raise refuse("document-unreadable", broken, name) from None
    if document is None:
        raise refuse("document-unreadable", f"无法读取 {name}：其中没有 word/document.xml", name)
    style_names = parse_styles(styles, name) if styles else {}
    doc = SourceDocument(name, "docx")
    body = parse_xml(document, name).find(f"{_W}body")
    if body is None:
        raise refuse("document-unreadable", f"无法读取 {name}：文档没有正文", name)
    for count, element in enumerate(body, 1):
        if count > MAX_PARAGRAPHS:
            raise refuse("document-too-large", f"{name} 的段落超过 {MAX_PARAGRAPHS} 个，不像是一份报告", name)
        if element.tag == f"{_W}tbl":
            docx_table(doc, element)
        elif element.tag == f"{_W}p":
            docx_paragraph(doc, element, style_names)
    if any(p.style == "numbered" for p in doc.paragraphs):
        doc.notes.append("文档使用了 Word 自动编号，编号不在文字中，层级按样式推断，请核对")
    return doc


def docx_table(doc: SourceDocument, table: Any) -> None:
    """A w:tbl as rows of cell texts (a cell's paragraphs joined; merged and nested cells read as text)."""
    rows: list[tuple[str, ...]] = []
    for tr in table.iterfind(f"{_W}tr"):
        cells = []
        for tc in tr.iterfind(f"{_W}tc"):
            cells.append("".join(t.text or "" for t in tc.iter(f"{_W}t")).strip())
        rows.append(tuple(cells))
    if any(any(c for c in r) for r in rows):
        add_table(doc, rows)


def parse_xml(data: bytes, name: str) -> Any:
    """Parse an XML part with no DTD, no entity expansion and no network; refuse a part that declares a DTD."""
    from lxml import etree

    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:65536]:
        raise refuse("document-unreadable", f"无法读取 {name}：文档含有 DTD 声明，已拒绝读取", name)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise refuse("document-unreadable", f"无法读取 {name}：文档的 XML 已损坏", name) from None


def parse_styles(data: bytes, name: str) -> dict[str, tuple[str, int]]:
    """Paragraph style id → (name, outline level 1-9 or 0), following ``basedOn`` for the level."""
    root = parse_xml(data, name)
    raw: dict[str, tuple[str, int, str]] = {}
    for style in root.iter(f"{_W}style"):
        sid = style.get(f"{_W}styleId") or ""
        name_el = style.find(f"{_W}name")
        sname = name_el.get(f"{_W}val") if name_el is not None else sid
        level = 0
        outline = style.find(f"{_W}pPr/{_W}outlineLvl")
        if outline is not None and (outline.get(f"{_W}val") or "").isdigit():
            level = int(outline.get(f"{_W}val")) + 1
        match = _HEADING_NAME.match(sname or "")
        if match:
            level = int(match.group(1))
        based = style.find(f"{_W}basedOn")
        raw[sid] = (sname or sid, level, based.get(f"{_W}val") if based is not None else "")
    out: dict[str, tuple[str, int]] = {}
    for sid, (sname, level, based) in raw.items():
        seen = {sid}
        while not level and based and based in raw and based not in seen:
            seen.add(based)
            level, based = raw[based][1], raw[based][2]
        out[sid] = (sname, level if level <= 9 else 0)
    return out


def _on(element: Any) -> bool:
    """A toggle property (w:b) that is present and not switched off."""
    return element is not None and element.get(f"{_W}val") not in ("0", "false", "off")


def docx_paragraph(doc: SourceDocument, p: Any, style_names: dict[str, tuple[str, int]]) -> None:
    """One w:p: its text (tabs as spaces, breaks joined), style, level, bold and centring."""
    pieces: list[str] = []
    bold_chars = 0
    ppr = p.find(f"{_W}pPr")
    para_bold = ppr is not None and _on(ppr.find(f"{_W}rPr/{_W}b"))
    for run in p.iter(f"{_W}r"):
        rpr = run.find(f"{_W}rPr")
        bold = _on(rpr.find(f"{_W}b")) if rpr is not None and rpr.find(f"{_W}b") is not None else para_bold
        for child in run:
            if child.tag == f"{_W}t":
                text = child.text or ""
            elif child.tag == f"{_W}tab":
                text = " "
            else:
                continue
            pieces.append(text)
            if bold:
                bold_chars += len(text.strip())
    text = "".join(pieces).strip()
    if not text:
        return
    style_id, level, centered, numbered = "", 0, False, False
    if ppr is not None:
        ps = ppr.find(f"{_W}pStyle")
        style_id = ps.get(f"{_W}val") if ps is not None else ""
        jc = ppr.find(f"{_W}jc")
        centered = jc is not None and jc.get(f"{_W}val") == "center"
        outline = ppr.find(f"{_W}outlineLvl")
        if outline is not None and (outline.get(f"{_W}val") or "").isdigit():
            level = int(outline.get(f"{_W}val")) + 1
        numbered = ppr.find(f"{_W}numPr") is not None
    style_name, style_level = style_names.get(style_id, (style_id, 0))
    if style_name.lower() == "title" or style_name == "标题":
        level = level or 0
        style_name = "title"
    level = level or style_level
    text_chars = len(re.sub(r"\s", "", text))
    add(
        doc,
        text,
        style="numbered" if numbered else style_name,
        level=level if level <= 9 else 0,
        bold=text_chars > 0 and bold_chars >= text_chars,
        centered=centered,
    )
