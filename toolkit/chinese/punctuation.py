"""Full-width Chinese punctuation (GB/T 15834) and half-width digits (GB/T 15835) in output text.

Why here and once: text comes from many YAML fields and templates; compose applies it to every block
(``toolkit.compose.document.punctuate_document``), so every output format (docx, pdf, md, txt, outline) reads
the same. Numbers keep their half-width forms: decimal points, ``%``, ranges such as ``1-10月``, versions
such as ``v2.0`` and codes such as ``G234`` are not touched.

The Chinese context is tested per character against code point ranges (``is_cjk``), not with a character class
in the regular expressions: a class of these ranges takes 1–3 ms to compile for each expression that holds it.
The expressions find candidates; the context checks replace the look-behinds and look-aheads the rules state,
scanning as the regular-expression engine would (``tests/chinese/test_punctuation.py`` checks the two agree).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

# Ideographs and full-width punctuation: the context in which half-width marks are converted.
_CJK_RANGES = (
    (0x2014, 0x2014),
    (0x2018, 0x201D),
    (0x2026, 0x2026),
    (0x3000, 0x303F),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF01, 0xFF0F),
    (0xFF1A, 0xFF20),
)
_STARTS = tuple(lo for lo, _ in _CJK_RANGES)
_ENDS = tuple(hi for _, hi in _CJK_RANGES)

# Full-width digits, letters, % and the decimal point become half-width (GB/T 15835).
_HALF = {**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%"}
_HALF.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_HALF.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_HALF_TABLE = str.maketrans(_HALF)
_HALF_CHARS = re.compile("[\uff05\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULLWIDTH_POINT = re.compile(r"(?<=\d)．(?=\d)")

# Simple marks: converted when a Chinese character stands on either side, never between two digits.
_SIMPLE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_SIMPLE_RE = re.compile(r"[,;:?!]")
# A full stop only after a Chinese character or % (so 1. and 3.6 stay).
_STOP_RE = re.compile(r"\.(?!\d)")
_ELLIPSIS_RE = re.compile(r"\.{3,}|…{1,2}|。{3,}")
_DASHES = ("--", "——", "—")  # the alternatives of ``(?:--|—{1,2})`` in the order the engine tries them
_DASH_RE = re.compile(r"--|—")
_PARENS_RE = re.compile(r"\(([^()]*)\)")
_QUOTES_RE = re.compile(r'"([^"]*)"')
_SPACES_RE = re.compile(r" +")
_WORD_RE = re.compile(r"\w")


def is_cjk(char: str) -> bool:
    """True for a Chinese character or full-width mark (one character)."""
    code = ord(char)
    k = bisect_right(_STARTS, code) - 1
    return k >= 0 and code <= _ENDS[k]


def has_cjk(text: str) -> bool:
    """True when text contains a Chinese character or full-width mark."""
    return not text.isascii() and any(is_cjk(c) for c in text)


def _before(text: str, i: int, extra: str = "") -> bool:
    """The character before position i is Chinese (or one of ``extra``)."""
    return i > 0 and (is_cjk(text[i - 1]) or text[i - 1] in extra)


def _after(text: str, i: int) -> bool:
    """The character at position i is Chinese."""
    return i < len(text) and is_cjk(text[i])


def _scan(text: str, find: Callable[[str, int], tuple[int, int, str] | None]) -> str:
    """Replace what ``find(text, pos)`` returns — (start, end, replacement) of the next match — left to right."""
    out: list[str] = []
    pos = 0
    while True:
        found = find(text, pos)
        if found is None:
            break
        start, end, new = found
        out += [text[pos:start], new]
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _find_simple(text: str, pos: int) -> tuple[int, int, str] | None:
    """``(?<=[CJK])([,;:?!])|([,;:?!])(?=[CJK])``."""
    for match in _SIMPLE_RE.finditer(text, pos):
        i = match.start()
        if _before(text, i) or _after(text, i + 1):
            return i, i + 1, _SIMPLE[match.group()]
    return None


def _find_stop(text: str, pos: int) -> tuple[int, int, str] | None:
    """``(?<=[CJK%])\\.(?!\\d)``."""
    for match in _STOP_RE.finditer(text, pos):
        if _before(text, match.start(), "%"):
            return match.start(), match.end(), "。"
    return None


def _find_ellipsis(text: str, pos: int) -> tuple[int, int, str] | None:
    """``(?<=[CJK%])(?:\\.{3,}|…{1,2}|。{3,})``: the engine tries each start in turn, so do we."""
    while (match := _ELLIPSIS_RE.search(text, pos)) is not None:
        if _before(text, match.start(), "%"):
            return match.start(), match.end(), "……"
        pos = match.start() + 1
    return None


def _find_dash(text: str, pos: int) -> tuple[int, int, str] | None:
    """``(?<=[CJK])(?:--|—{1,2})(?=[CJK\\w])``: at each start the alternatives in order, longest ``—`` first."""
    while (match := _DASH_RE.search(text, pos)) is not None:
        i = match.start()
        if _before(text, i):
            for dash in _DASHES:
                end = i + len(dash)
                if text.startswith(dash, i) and end < len(text) and (is_cjk(text[end]) or _WORD_RE.match(text[end])):
                    return i, end, "——"
        pos = i + 1
    return None


def _find_spaces(text: str, pos: int) -> tuple[int, int, str] | None:
    """``(?<=[CJK]) +| +(?=[CJK])``: a run of spaces goes when Chinese stands on either side of it."""
    for match in _SPACES_RE.finditer(text, pos):
        if _before(text, match.start()) or _after(text, match.end()):
            return match.start(), match.end(), ""
    return None


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
    if _HALF_CHARS.search(text):  # str.translate looks every character up: far slower than this scan
        text = text.translate(_HALF_TABLE)
    if "．" in text:
        text = _FULLWIDTH_POINT.sub(".", text)
    if not has_cjk(text):
        return text
    # Each rule runs only when the text holds a character it looks for (a substring test is far cheaper).
    if " " in text:
        text = _scan(text, _find_spaces)
    if "," in text or ";" in text or ":" in text or "?" in text or "!" in text:
        text = _scan(text, _find_simple)
    if "..." in text or "…" in text or "。。。" in text:
        text = _scan(text, _find_ellipsis)
    if "--" in text or "—" in text:
        text = _scan(text, _find_dash)
    if "." in text:
        text = _scan(text, _find_stop)
    if "(" in text:
        text = _PARENS_RE.sub(_parens, text)
    if '"' in text:
        text = _QUOTES_RE.sub(_quotes, text)
    return text
