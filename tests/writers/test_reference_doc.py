"""``--reference-doc``: an organisation's .docx supplies styles and page setup, as with pandoc."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from tests.paths import SAMPLE_2024
from toolkit.cli import main
from toolkit.compose.document import Document
from toolkit.errors import GovreportError
from toolkit.pipeline import load_document
from toolkit.writers.docx import write_docx
from toolkit.writers.options import StyleOptions

SAMPLE = SAMPLE_2024


@pytest.fixture(scope="module")
def sample_document() -> Document:
    document = load_document(SAMPLE).document
    assert document is not None
    return document


def east_asian_font(document: docx.document.Document, style: str) -> str:
    fonts = document.styles[style].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return str(fonts.get(qn("w:eastAsia")))


def organisation_template(sample_document: Document, path: Path) -> Path:
    """An organisation's template: our own output, restyled in 'Word' (华文仿宋 body, 3 cm margins)."""
    reference = docx.Document(io.BytesIO(write_docx(sample_document)))
    fonts = reference.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), "华文仿宋")
    reference.sections[0].left_margin = docx.shared.Cm(3)
    reference.add_paragraph("本单位模板的示例正文，不应出现在报告中。")
    reference.save(str(path))
    return path


def test_styles_and_page_come_from_the_reference(sample_document: Document, tmp_path: Path) -> None:
    reference = organisation_template(sample_document, tmp_path / "org.docx")
    out = docx.Document(io.BytesIO(write_docx(sample_document, StyleOptions(reference_doc=reference))))
    assert east_asian_font(out, "Normal") == "华文仿宋"
    assert east_asian_font(out, "Heading 1") == "黑体"
    assert round(out.sections[0].left_margin.mm) == 30
    texts = [p.text for p in out.paragraphs]
    assert "本单位模板的示例正文，不应出现在报告中。" not in texts
    assert texts[0].replace("\n", "") == sample_document.title
    assert len(out.paragraphs) == len(sample_document.blocks) + 1  # the blank line under the title


def test_helper_styles_and_page_numbers_are_added(sample_document: Document, tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))  # python-docx's template: every required style, no footers, no signature
    out = docx.Document(io.BytesIO(write_docx(sample_document, StyleOptions(reference_doc=plain))))
    names = {s.name for s in out.styles}
    assert {"Heading 3 Char", "Signature", "Date"} <= names
    assert out.settings.odd_and_even_pages_header_footer
    assert "PAGE" in out.sections[0].even_page_footer._element.xml


def without_styles(path: Path, *names: str) -> Path:
    document = docx.Document()
    for name in names:
        element = document.styles[name].element
        element.getparent().remove(element)
    document.save(str(path))
    return path


def test_missing_styles_are_named(sample_document: Document, tmp_path: Path) -> None:
    reference = without_styles(tmp_path / "bare.docx", "Title", "Heading 4")
    with pytest.raises(GovreportError, match="缺少样式：Title、Heading 4"):
        write_docx(sample_document, StyleOptions(reference_doc=reference))


def test_cli_reports_a_bad_reference_in_chinese(tmp_path: Path) -> None:
    reference = without_styles(tmp_path / "bare.docx", "Heading 2")
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--reference-doc", str(reference)])
    assert result.exit_code == 1
    assert "缺少样式：Heading 2" in result.output
    assert not out.exists()
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--reference-doc", str(SAMPLE)])
    assert result.exit_code == 1
    assert "不是有效的 Word" in result.output


def test_cli_maps_layout_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    def fake_build(*args: object, **kwargs: object) -> None:
        seen.update(kwargs)

    monkeypatch.setattr("toolkit.pipeline.build", fake_build)
    args = ["build", str(SAMPLE), "-o", str(tmp_path / "x.pdf"), "--font-profile", "win10", "--bold-level3", "--sealed"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert seen["options"] == StyleOptions("win10", bold_level3=True, sealed=True)
