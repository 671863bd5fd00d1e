"""An organisation's own .docx as the base of the output, as pandoc's ``--reference-doc``.

Its styles, page setup, headers and footers are kept; its body text is dropped. The styles the writer applies
to whole paragraphs must exist in it; the helper styles (signature, date, run-in heading) are added when absent.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from docx import Document as open_docx
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.styles import BabelFish

from toolkit.errors import GovreportError

REQUIRED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4")


def open_reference(path: Path) -> Any:
    """Open the reference document, check its styles and empty its body."""
    if not path.is_file():
        raise GovreportError(f"参考文档不存在：{path}")
    try:
        document = open_docx(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OpcError) as exc:
        raise GovreportError(f"参考文档不是有效的 Word（.docx）文件：{path}（{exc}）") from None
    missing = missing_styles(document)
    if missing:
        names = "、".join(missing)
        raise GovreportError(
            f"参考文档 {path} 缺少样式：{names}。请在 Word 中打开该文档，应用并修改这些样式后保存，再重试。"
        )
    clear_body(document)
    return document


def missing_styles(document: Any) -> list[str]:
    """Required paragraph styles the document does not define."""
    root = document.styles.element
    defined = {
        BabelFish.internal2ui(name.get(qn("w:val")))
        for style in root.findall(qn("w:style"))
        if style.get(qn("w:type")) == "paragraph" and (name := style.find(qn("w:name"))) is not None
    }
    return [name for name in REQUIRED_STYLES if name not in defined]


def clear_body(document: Any) -> None:
    """Remove every block of the body, keeping the final section properties."""
    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)
