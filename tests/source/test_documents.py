"""Reading .docx/.txt/.md reports: paragraphs with styles, and hostile files refused with a clear message."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement

from toolkit.errors import ReportInvalid
from toolkit.source import documents
from toolkit.source.documents import read_document


def refused(path: Path) -> tuple[str, str]:
    with pytest.raises(ReportInvalid) as caught:
        read_document(path)
    (finding,) = caught.value.findings
    return finding.code, finding.message


def test_text_paragraphs_are_numbered_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("标题\n\n    一、基本情况\n\n\n正文。\n", encoding="utf-8")
    doc = read_document(path)
    assert [(p.number, p.line, p.text) for p in doc.paragraphs] == [
        (1, 1, "标题"),
        (2, 3, "一、基本情况"),
        (3, 6, "正文。"),
    ]


def test_gbk_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes("以县城为重要载体的新型城镇化建设推进情况的报告\n".encode("gb18030"))
    assert read_document(path).paragraphs[0].text.startswith("以县城")


def test_markdown_headings_bold_and_signature(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(
        "# 报告\n\n## 一、基本情况\n\n**1.标题。**正文\n接续一行。\n\n"
        '<p align="right">y县发展和改革局<br>2024年11月15日</p>\n',
        encoding="utf-8",
    )
    doc = read_document(path)
    assert [(p.text, p.level) for p in doc.paragraphs] == [
        ("报告", 1),
        ("一、基本情况", 2),
        ("1.标题。正文接续一行。", 0),
        ("y县发展和改革局", 0),
        ("2024年11月15日", 0),
    ]


def test_docx_styles_levels_and_bold(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("标题", style="Title")
    document.add_paragraph("一、基本情况", style="Heading 1")
    plain = document.add_paragraph()
    plain.add_run("（一）建强平台").bold = True
    mixed = document.add_paragraph()
    mixed.add_run("1.标题。").bold = True
    mixed.add_run("正文")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "表格内容"
    path = tmp_path / "r.docx"
    document.save(str(path))
    doc = read_document(path)
    assert [(p.number, p.text, p.style, p.level, p.bold) for p in doc.paragraphs] == [
        (1, "标题", "title", 0, False),
        (2, "一、基本情况", "heading 1", 1, False),
        (3, "（一）建强平台", "", 0, True),
        (4, "1.标题。正文", "", 0, False),
        (5, "表格内容", "table", 0, False),
    ]
    assert doc.paragraphs[-1].cells == (("表格内容",),)


def test_not_a_report_file(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert refused(path)[0] == "document-unreadable"
    missing = tmp_path / "missing.docx"
    assert refused(missing)[0] == "file-not-found"


def test_not_a_zip_and_truncated(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    path.write_bytes(b"plain text renamed to .docx")
    code, message = refused(path)
    assert code == "document-unreadable" and "不是有效的 .docx" in message
    good = tmp_path / "good.docx"
    docx.Document().save(str(good))
    data = good.read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 100):
        path.write_bytes(data[:cut])
        assert refused(path)[0] == "document-unreadable"


def zip_with(path: Path, document: bytes, *, declared: int | None = None) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document)
    data = buffer.getvalue()
    if declared is not None:  # a lying header: the central directory claims a small size
        real = len(document).to_bytes(4, "little")
        data = data.replace(real, declared.to_bytes(4, "little"))
    path.write_bytes(data)
    return path


def test_zip_bomb(tmp_path: Path) -> None:
    bomb = b"<w:document>" + b" " * (200 * 1024 * 1024) + b"</w:document>"
    code, message = refused(zip_with(tmp_path / "bomb.docx", bomb))
    assert code == "document-too-large" and "压缩炸弹" in message


def test_zip_bomb_with_a_lying_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_PART_BYTES", 1024 * 1024)
    bomb = b"<w:document>" + b" " * (8 * 1024 * 1024) + b"</w:document>"
    code, _ = refused(zip_with(tmp_path / "bomb.docx", bomb, declared=1000))
    assert code in ("document-too-large", "document-unreadable")


def test_many_empty_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    body = document.element.body
    for _ in range(100_000):
        body.append(OxmlElement("w:p"))
    path = tmp_path / "empty.docx"
    document.save(str(path))
    code, message = refused(path)
    assert code == "document-too-large" and "段落超过" in message


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        b"<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    code, message = refused(zip_with(tmp_path / "dtd.docx", laughs))
    assert code == "document-unreadable" and "DTD" in message


def test_broken_xml(tmp_path: Path) -> None:
    code, message = refused(zip_with(tmp_path / "xml.docx", b"<w:document><w:body>"))
    assert code == "document-unreadable" and "XML" in message


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    deep = b"<a>" * 100_000 + b"</a>" * 100_000
    assert refused(zip_with(tmp_path / "deep.docx", deep))[0] == "document-unreadable"


def test_huge_text_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("字" * 2000, encoding="utf-8")
    assert refused(path)[0] == "document-too-large"


def test_tables_in_every_format(tmp_path: Path) -> None:
    rows = (("项目类别", "项目数", "计划投资"), ("市政道路", "6", "18600"), ("合计", "6", "18600"))
    md = tmp_path / "t.md"
    md.write_text(
        "附表\n\n单位：万元\n\n| 项目类别 | 项目数 | 计划投资 |\n| --- | --- | --- |\n| 市政道路 | 6 | 18600 |\n"
        "| 合计 | 6 | 18600 |\n",
        encoding="utf-8",
    )
    txt = tmp_path / "t.txt"
    txt.write_text(
        "附表\n单位：万元\n项目类别  项目数  计划投资\n--------------------\n市政道路  6       18600\n"
        "合计      6       18600\n　　正文。\n",
        encoding="utf-8",
    )
    document = docx.Document()
    document.add_paragraph("单位：万元")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "t.docx"
    document.save(str(path))
    for source in (md, txt, path):
        tables = [p for p in read_document(source).paragraphs if p.cells]
        assert [t.cells for t in tables] == [rows], source
    assert read_document(txt).paragraphs[-1].text == "正文。"
