"""Full-width Chinese punctuation (GB/T 15834) and half-width digits (GB/T 15835) in output text.

Why here and once: text comes from many YAML fields and templates; compose applies it to every block
(``toolkit.compose.document.punctuate_document``), so every output format (docx, pdf, md, txt, outline) reads
the same. Numbers keep their half-width forms: decimal points, ``%``, ranges such as ``1-10月``, versions
such as ``v2.0`` and codes such as ``G234`` are not touched.
"""

from __future__ import annotations

import re

# Ideographs and full-width punctuation: the context in which half-width marks are converted.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\u2014\u2018-\u201d\u2026"
_CJK_RE = re.compile(f"[{_CJK}]")

# Full-width digits, letters, % and the decimal point become half-width (GB/T 15835).
_HALF = {**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%"}
_HALF.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_HALF.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_HALF_TABLE = str.maketrans(_HALF)
_FULLWIDTH_POINT = re.compile(r"(?<=\d)．(?=\d)")

# Simple marks: converted when a Chinese character stands on either side, never between two digits.
_SIMPLE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_SIMPLE_RE = re.compile(rf"(?<=[{_CJK}])([,;:?!])|([,;:?!])(?=[{_CJK}])")
# A full stop only after a Chinese character or % (so 1. and 3.6 stay).
_STOP_RE = re.compile(rf"(?<=[{_CJK}%])\.(?!\d)")
_ELLIPSIS_RE = re.compile(rf"(?<=[{_CJK}%])(?:\.{{3,}}|…{{1,2}}|。{{3,}})")
_DASH_RE = re.compile(rf"(?<=[{_CJK}])(?:--|—{{1,2}})(?=[{_CJK}\w])")
_PARENS_RE = re.compile(r"\(([^()]*)\)")
_QUOTES_RE = re.compile(r'"([^"]*)"')
_SPACE_RE = re.compile(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])")


def has_cjk(text: str) -> bool:
    """True when text contains a Chinese character or full-width mark."""
    return _CJK_RE.search(text) is not None


def _parens(match: re.Match[str]) -> str:
    whole, inner = match.group(0), match.group(1)
    start, end = match.span()
    text = match.string
    around = text[max(0, start - 1) : start] + inner + text[end : end + 1]
    return f"（{inner}）" if has_cjk(around) else whole


def _quotes(match: re.Match[str]) -> str:
    return f"“{match.group(1)}”"


def punctuate(text: str) -> str:
    """Convert half-width punctuation in Chinese text to full-width; idempotent."""
    text = _FULLWIDTH_POINT.sub(".", text.translate(_HALF_TABLE))
    if not has_cjk(text):
        return text
    text = _SPACE_RE.sub("", text)
    text = _SIMPLE_RE.sub(lambda m: _SIMPLE[m.group(1) or m.group(2)], text)
    text = _ELLIPSIS_RE.sub("……", text)
    text = _DASH_RE.sub("——", text)
    text = _STOP_RE.sub("。", text)
    text = _PARENS_RE.sub(_parens, text)
    return _QUOTES_RE.sub(_quotes, text)
