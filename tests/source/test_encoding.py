"""Encodings a Windows editor saves are read, with a note; binary and Office files are named."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.errors import ReportInvalid
from toolkit.source.encoding import decode, encode_like

TEXT = "# 报告\nmeta:\n  title: 以县城为重要载体的新型城镇化建设推进情况的报告\n"


@pytest.mark.parametrize(
    ("data", "note"),
    [
        (TEXT.encode("utf-8"), None),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), None),
        (TEXT.encode("gbk"), "GB18030/GBK"),
        (TEXT.encode("gb18030"), "GB18030/GBK"),
        (TEXT.encode("utf-16"), "UTF-16"),
        (TEXT.encode("utf-16-le"), "UTF-16"),
        (TEXT.encode("utf-16-be"), "UTF-16"),
    ],
)
def test_text_in_every_usual_encoding_is_read(data: bytes, note: str | None) -> None:
    text, notes = decode(data, "t.yaml")
    assert text == TEXT
    if note is None:
        assert notes == []
    else:
        (finding,) = notes
        assert finding.code == "encoding-detected" and note in finding.message and finding.severity == "info"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (docx_bytes(), "Word 文档"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "旧版 Office"),
        (b"%PDF-1.7\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\x00\x01\x02\x03\xff\xfe\x00", "二进制"),
    ],
)
def test_binary_files_are_named(data: bytes, kind: str) -> None:
    with pytest.raises(ReportInvalid) as caught:
        decode(data, "t.yaml")
    (finding,) = caught.value.findings
    assert finding.code == "not-text" and kind in finding.message


def test_undecodable_bytes_are_reported_at_their_line_and_column() -> None:
    data = "a: 1\nb: 产值".encode() + b"\x80\xff\xfe\x81\x30\xff"
    with pytest.raises(ReportInvalid) as caught:
        decode(data, "t.yaml")
    (finding,) = caught.value.findings
    assert finding.code == "bad-encoding"
    assert (finding.location.line, finding.location.column) == (2, 6)
    assert "另存为" in finding.message


@given(
    st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=8), min_size=2)
)
def test_encode_like_writes_the_line_breaks_and_mark_of_the_file_it_derives_from(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    assert encode_like(text, b"a: 1\nb: 2\n") == text.encode("utf-8")
    windows = encode_like(text, codecs.BOM_UTF8 + b"a: 1\r\nb: 2\r\n")
    assert windows.startswith(codecs.BOM_UTF8)
    assert windows[3:] == text.replace("\n", "\r\n").encode("utf-8")
    assert encode_like(text.replace("\n", "\r\n"), b"a: 1\n") == text.encode("utf-8")  # never mixed
    assert encode_like(text, "a: 1\r\n".encode("gb18030")) == text.replace("\n", "\r\n").encode("utf-8")
