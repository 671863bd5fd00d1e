"""Layout options for the .docx and .pdf writers, and the font profiles they choose from.

Kept free of python-docx so the pipeline and the CLI can build options without importing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from toolkit.errors import GovreportError

FontRole = Literal["fangsong", "kaiti", "heiti", "title", "song"]

# GB/T 9704 names the faces; each profile names them as installed on the target machines.
FONT_PROFILES: dict[str, dict[FontRole, str]] = {
    # The names government templates use (the GB2312 fonts of Windows XP days, 方正小标宋简体 for titles).
    "gb2312": {
        "fangsong": "仿宋_GB2312",
        "kaiti": "楷体_GB2312",
        "heiti": "黑体",
        "title": "方正小标宋简体",
        "song": "宋体",
    },
    # Stock Windows 10/11: the GB2312 faces became 仿宋 and 楷体; there is no 小标宋, so titles use 宋体.
    "win10": {"fangsong": "仿宋", "kaiti": "楷体", "heiti": "黑体", "title": "宋体", "song": "宋体"},
    # Open fonts (fonts-noto-cjk): serif for 仿宋/楷体/宋体/小标宋, sans for 黑体.
    "open": {
        "fangsong": "Noto Serif CJK SC",
        "kaiti": "Noto Serif CJK SC",
        "heiti": "Noto Sans CJK SC",
        "title": "Noto Serif CJK SC",
        "song": "Noto Serif CJK SC",
    },
}
FONT_PROFILE_NAMES = tuple(FONT_PROFILES)


@dataclass(frozen=True)
class StyleOptions:
    """How the .docx is laid out; the defaults follow GB/T 9704-2012.

    Attributes:
        font_profile: one of ``FONT_PROFILES``.
        bold_level3: house style: bold 1. headings (the standard asks for none).
        sealed: signature layout for a sealed document (7.3.5.1) instead of an unsealed one (7.3.5.2).
        reference_doc: take styles, page setup and footers from this .docx, as pandoc's ``--reference-doc``.
    """

    font_profile: str = "gb2312"
    bold_level3: bool = False
    sealed: bool = False
    reference_doc: Path | None = None

    def __post_init__(self) -> None:
        if self.font_profile not in FONT_PROFILES:
            names = "、".join(FONT_PROFILES)
            raise GovreportError(f"未知的字体方案：{self.font_profile}（可选：{names}）")

    def font(self, role: FontRole) -> str:
        """The font name for a role in the chosen profile."""
        return FONT_PROFILES[self.font_profile][role]
