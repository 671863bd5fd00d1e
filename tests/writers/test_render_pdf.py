"""The built sample rendered by LibreOffice and measured in the PDF (GBT9704.md, "Checking it in a real renderer").

Needs LibreOffice and fonts-noto-cjk. Without them the tests skip locally and fail under CI (``CI=true``), so the
layout is never silently unchecked there. One conversion is shared by the whole module.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from tests.paths import SAMPLE_2024
from tests.render_support import (
    MM,
    TYPE_BOTTOM_MM,
    TYPE_LEFT_MM,
    TYPE_RIGHT_MM,
    body_lines,
    footer_lines,
    gb_font_aliases,
    ink_box,
)
from toolkit.compose.document import Document, plain
from toolkit.errors import GovreportError
from toolkit.pipeline import render

SAMPLE = SAMPLE_2024
PITCH = 28.95  # points: 579 twips
HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def require_renderer() -> None:
    """Skip without LibreOffice and Noto CJK, except under CI, where that is a failure."""
    missing = []
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        missing.append("LibreOffice (libreoffice-writer-nogui)")
    fc_list = shutil.which("fc-list")
    families = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True).stdout if fc_list else ""
    if "Noto Serif CJK SC" not in families or "Noto Sans CJK SC" not in families:
        missing.append("fonts-noto-cjk")
    if not missing:
        return
    message = "render tests need " + " and ".join(missing)
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: install them in .ci/run)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def pdf(sample_document: Document) -> Any:
    require_renderer()
    with gb_font_aliases():
        data = render(sample_document, "pdf")
    return pymupdf.open(stream=data, filetype="pdf")


def test_a4_pages(pdf: Any) -> None:
    assert pdf.page_count >= 5
    for page in pdf:
        assert abs(page.rect.width / MM - 210) < 0.5
        assert abs(page.rect.height / MM - 297) < 0.5


def test_fonts_follow_the_aliases(pdf: Any) -> None:
    fonts = {font[3] for page in pdf for font in page.get_fonts()}
    assert any("NotoSerifCJK" in f for f in fonts), fonts  # 仿宋_GB2312, 楷体_GB2312, 方正小标宋简体, 宋体
    assert any("NotoSansCJK" in f for f in fonts), fonts  # 黑体


def test_every_full_page_has_22_lines(pdf: Any) -> None:
    pages = list(pdf)
    for page, following in itertools.pairwise(pages):
        baselines = sorted({round(line.baseline, 1) for line in body_lines(page)})
        slots = round((baselines[-1] - baselines[0]) / PITCH) + 1
        # page 1: two title lines and a blank line take grid lines too
        if slots == 21 and HEADING.match(body_lines(following)[0].text):
            continue  # keepNext moved a heading off the last line: the page is not full
        assert slots == 22, f"page {page.number + 1}: {slots} lines"
        assert len(baselines) >= 21


def test_line_pitch_is_exact(pdf: Any) -> None:
    gaps = Counter()
    for page in pdf:
        baselines = sorted({round(line.baseline, 2) for line in body_lines(page)})
        gaps.update(round(b - a, 1) for a, b in itertools.pairwise(baselines))
    modal = gaps.most_common(1)[0][0]
    assert abs(modal - PITCH) <= 0.15


def test_28_characters_a_line(pdf: Any) -> None:
    widths = [len(line.text) for page in pdf for line in body_lines(page) if line.ideographs_only]
    assert max(widths) == 28


def test_no_line_leaves_the_type_area(pdf: Any) -> None:
    for page in pdf:
        for line in body_lines(page):
            assert line.x1 <= (TYPE_RIGHT_MM + 0.5) * MM, f"page {page.number + 1}: {line.text[-10:]}"
            assert line.x0 >= (TYPE_LEFT_MM - 0.5) * MM, f"page {page.number + 1}: {line.text[:10]}"


def test_page_numbers(pdf: Any) -> None:
    for page in pdf:
        number = page.number + 1
        (footer,) = footer_lines(page)
        assert re.sub(r"\s", "", footer.text) == f"—{number}—"
        if number % 2:
            assert abs(footer.x1 / MM - 179) <= 1, f"odd page {number} ends at {footer.x1 / MM:.1f} mm"
        else:
            assert abs(footer.x0 / MM - 33) <= 1, f"even page {number} starts at {footer.x0 / MM:.1f} mm"


def test_page_number_dash_is_7mm_below_the_type_area(pdf: Any) -> None:
    for page in list(pdf)[:2]:
        (footer,) = footer_lines(page)
        dash = footer.chars[0]
        assert dash["c"] == "—"
        ink = ink_box(page, pymupdf.Rect(dash["bbox"]))
        assert ink is not None
        below = ink[1] / MM - TYPE_BOTTOM_MM
        assert abs(below - 7) <= 1, f"page {page.number + 1}: dash {below:.2f} mm below the type area"


def test_nothing_is_lost_in_libreoffice(pdf: Any, sample_document: Document) -> None:
    """The file opens without repair: every paragraph of the document is in the PDF, in order."""
    text = re.sub(r"\s", "", "".join(line.text for page in pdf for line in body_lines(page)))
    position = 0
    for paragraph in sample_document.paragraphs():
        expected = re.sub(r"\s", "", plain(paragraph))
        found = text.find(expected, position)
        assert found >= 0, expected[:30]
        position = found + len(expected)


def test_missing_libreoffice_is_a_clear_error(sample_document: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr("toolkit.writers.pdf.KNOWN_LOCATIONS", ())
    with pytest.raises(GovreportError, match="未找到 LibreOffice"):
        render(sample_document, "pdf")


def test_build_format_pdf_through_the_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from toolkit.cli import main

    require_renderer()
    out = tmp_path / "report.pdf"
    with gb_font_aliases():
        result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(out), "--font-profile", "open"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    # no temporary file left beside it; the provenance sidecar (docs/OUTPUTS.md) is expected
    assert sorted(p.name for p in tmp_path.iterdir()) == [".report.pdf.govreport", "report.pdf"]


def test_pdf_falls_back_to_noto_serif_for_the_official_fonts(
    sample_document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without FONTCONFIG_FILE, a user's PDF uses the packaged fallback: serif body text, not a sans face."""
    require_renderer()
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    with pymupdf.open(stream=render(sample_document, "pdf"), filetype="pdf") as document:
        fonts = {font[3] for font in document[0].get_fonts()}
    assert any("NotoSerifCJK" in name for name in fonts), fonts
