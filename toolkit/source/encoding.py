"""Turn a file's bytes into text: UTF-8 (with or without BOM), UTF-16 and GB18030/GBK, and name what is not text.

Why: Windows editors save "ANSI" (GBK on a Chinese system) and "Unicode" (UTF-16); a drafter should not have to
know. A Word or Excel file renamed .yaml is named as such rather than called "not UTF-8".
"""

from __future__ import annotations

import codecs
import io
import zipfile

from toolkit.diagnostics.finding import Finding, Location, Severity
from toolkit.errors import ReportInvalid

_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文件（.doc、.xls、.wps 等）"),
    (b"%PDF", "PDF 文件"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"{\\rtf", "RTF 文档"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
)
_ZIP_KINDS = (
    ("word/", "Word 文档（.docx）"),
    ("xl/", "Excel 工作簿（.xlsx）"),
    ("ppt/", "PowerPoint 演示文稿（.pptx）"),
    ("content.xml", "OpenDocument / WPS 文档"),
)
_RESAVE = "请在编辑器中“另存为”，编码选 UTF-8"


def decode(data: bytes, name: str) -> tuple[str, list[Finding]]:
    """Text of a file and a note naming the encoding when it was not UTF-8; raise ReportInvalid otherwise."""
    where = Location(name, 1, 1)
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name), [_note("UTF-16（记事本的“Unicode”）", where)]
    kind = binary_kind(data)
    if kind:
        message = f"这是{kind}，不是 YAML 文本文件。请打开报告的 .yaml 文件（可用 govreport new 生成骨架）"
        raise ReportInvalid([Finding("not-text", message, where)])
    utf16 = _bare_utf16(data)
    if utf16:
        return _strict(data, utf16, name), [_note("UTF-16（无 BOM）", where)]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReportInvalid([bad_encoding(data, utf8_error, name)]) from None
    return text, [_note("GB18030/GBK（记事本的“ANSI”）", where)]


def binary_kind(data: bytes) -> str | None:
    """What a binary file is (Word, Excel, PDF, an image …), or None when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip 压缩包"
        for prefix, kind in _ZIP_KINDS:
            if any(n.startswith(prefix) for n in names):
                return kind
        return "zip 压缩包"
    head = data[:4096]
    if b"\x00" in head and not _bare_utf16(data):
        return "二进制文件"
    return None


def _bare_utf16(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the bytes look like UTF-16 without a BOM (ASCII every other byte)."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReportInvalid([bad_encoding(data, exc, name)]) from None


def bad_encoding(data: bytes, exc: UnicodeDecodeError, name: str) -> Finding:
    """A file that is neither UTF-8 nor GB18030: the line and column of the first byte that cannot be read."""
    before = data[: exc.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    message = f"无法识别文件的编码（不是 UTF-8，也不是 GBK/GB18030 或 UTF-16）。{_RESAVE}"
    return Finding("bad-encoding", message, Location(name, line, column))


def _note(encoding: str, where: Location) -> Finding:
    message = f"文件按 {encoding} 编码读取；建议另存为 UTF-8，以便在各种编辑器和系统中一致显示"
    return Finding("encoding-detected", message, where, severity=Severity.INFO)


def encode_like(text: str, like: bytes) -> bytes:
    """``text`` as UTF-8 bytes written as the file ``like`` was: CRLF line breaks when most of its lines end so
    (Windows Notepad's), and the UTF-8 byte-order mark when it began with one.

    Why: an edited or rolled-over report keeps its author's conventions, so a diff shows the changed lines only
    and no file mixes both kinds of line break. The encoding is UTF-8 whatever the original's (a GBK file was
    already noted as ``encoding-detected``).
    """
    body = text.replace("\r\n", "\n")
    if like.count(b"\r\n") * 2 > like.count(b"\n"):
        body = body.replace("\n", "\r\n")
    data = body.encode("utf-8")
    return codecs.BOM_UTF8 + data if like.startswith(codecs.BOM_UTF8) else data
