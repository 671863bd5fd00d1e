"""Regenerate docs/sample-page1.png: page 1 of the built 2024 sample, rendered by LibreOffice and pdftoppm.

Usage (from the repository root): ``.venv/bin/python docs/render_page1.py [--dpi 100]``

Needs LibreOffice (``libreoffice-writer-nogui``), ``fonts-noto-cjk`` and ``pdftoppm`` (``poppler-utils``). The GB/T
9704 font names (仿宋_GB2312, 黑体 …) are mapped onto Noto CJK by tests/data/fonts.conf, as in the render tests,
so the picture looks the same on any machine with those packages.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "x-city-2024.yaml"
OUTPUT = ROOT / "docs" / "sample-page1.png"
FONTS_CONF = ROOT / "tests" / "data" / "fonts.conf"


def render_page1(dpi: int, output: Path) -> None:
    """Build the sample as PDF and write its first page as a PNG."""
    sys.path.insert(0, str(ROOT))
    from toolkit.output.atomic import write_atomic
    from toolkit.pipeline import load_document, render

    os.environ.setdefault("FONTCONFIG_FILE", str(FONTS_CONF))
    document = load_document(SAMPLE).document
    assert document is not None
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        sys.exit("pdftoppm not found: install poppler-utils")
    with tempfile.TemporaryDirectory(prefix="govreport-page1-") as tmp:
        pdf = Path(tmp) / "sample.pdf"
        pdf.write_bytes(render(document, "pdf"))
        stem = Path(tmp) / "page1"
        command = [pdftoppm, "-f", "1", "-l", "1", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(stem)]
        subprocess.run(command, check=True)
        write_atomic(output, stem.with_suffix(".png").read_bytes())
    print(f"wrote {output.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=100, help="resolution of the PNG (default 100)")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="where to write the PNG")
    args = parser.parse_args()
    render_page1(args.dpi, args.output)


if __name__ == "__main__":
    main()
