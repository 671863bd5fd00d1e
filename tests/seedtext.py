"""The seed report as a list of paragraphs, and the normalisation used to compare text with it."""

from __future__ import annotations

import re

from tests.paths import ROOT

SEED = ROOT / "seeds" / "000_07c29d117ceb4953.txt"
FOOTER_LINES = 3  # the hosting website's footer: a blank line, a disclaimer, a "please cite" line

_HALF_TO_FULL = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "!": "！", "?": "？"})


def normalise(text: str) -> str:
    """Full-width Chinese punctuation, no whitespace, and the seed's one ``*市`` as ``x市``."""
    text = text.translate(_HALF_TO_FULL)
    text = re.sub(r"\s+", "", text)
    return text.replace("*市", "x市")


def seed_paragraphs() -> list[str]:
    """The report's paragraphs: footer removed, blank lines dropped.

    The page repeats the title as a page header on its first line; that copy is dropped too, so the
    report starts with its own title line.
    """
    lines = SEED.read_text(encoding="utf-8").splitlines()[:-FOOTER_LINES]
    paragraphs = [line for line in lines if line.strip()]
    if len(paragraphs) > 1 and paragraphs[0].strip() == paragraphs[1].strip():
        paragraphs = paragraphs[1:]
    return [normalise(p) for p in paragraphs]
