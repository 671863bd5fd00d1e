"""Measuring a PDF rendered by LibreOffice: text lines with baselines, and ink found in pixels.

Used by tests/test_render_pdf.py. Lengths are in points unless named ``_mm``.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf

MM = 72 / 25.4
FONTS_CONF = Path(__file__).resolve().parent / "data" / "fonts.conf"
TYPE_TOP_MM, TYPE_BOTTOM_MM = 37.0, 297.0 - 35.0
TYPE_LEFT_MM, TYPE_RIGHT_MM = 28.0, 210.0 - 26.0


@contextmanager
def gb_font_aliases() -> Iterator[None]:
    """Point fontconfig at the alias file (GB/T 9704 font names → Noto CJK) while converting."""
    saved = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(FONTS_CONF)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("FONTCONFIG_FILE", None)
        else:
            os.environ["FONTCONFIG_FILE"] = saved


@dataclass(frozen=True)
class Line:
    """One text line of a page."""

    text: str
    baseline: float
    x0: float
    x1: float
    chars: tuple[Any, ...]

    @property
    def ideographs_only(self) -> bool:
        """Every character is full width (ideographs, full-width punctuation)."""
        return bool(self.text) and all(unicodedata.east_asian_width(c) in "WF" for c in self.text)


def page_lines(page: Any) -> list[Line]:
    """Text lines of a page, top to bottom."""
    lines = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            chars = tuple(c for span in line["spans"] for c in span["chars"])
            text = "".join(c["c"] for c in chars).strip()
            if text:
                baseline = line["spans"][0]["origin"][1]
                lines.append(Line(text, baseline, line["bbox"][0], line["bbox"][2], chars))
    return sorted(lines, key=lambda x: x.baseline)


def body_lines(page: Any) -> list[Line]:
    """Lines whose baseline is inside the type area."""
    return [x for x in page_lines(page) if TYPE_TOP_MM * MM < x.baseline <= TYPE_BOTTOM_MM * MM]


def footer_lines(page: Any) -> list[Line]:
    """Lines below the type area."""
    return [x for x in page_lines(page) if x.baseline > TYPE_BOTTOM_MM * MM]


def ink_box(page: Any, rect: Any, zoom: int = 20) -> tuple[float, float, float, float] | None:
    """Bounding box (points) of the dark pixels inside ``rect``, or None when it is blank."""
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=rect, colorspace=pymupdf.csGRAY)
    rows, cols = set(), set()
    for y in range(pix.height):
        row = pix.samples[y * pix.stride : y * pix.stride + pix.width]
        dark = [x for x, value in enumerate(row) if value < 128]
        if dark:
            rows.add(y)
            cols.update((dark[0], dark[-1]))
    if not rows:
        return None
    clip = pymupdf.Rect(rect)
    return (
        clip.x0 + min(cols) / zoom,
        clip.y0 + min(rows) / zoom,
        clip.x0 + (max(cols) + 1) / zoom,
        clip.y0 + (max(rows) + 1) / zoom,
    )
