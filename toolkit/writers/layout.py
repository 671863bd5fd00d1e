"""Layout arithmetic in character units: title line breaks and the signature block (GB/T 9704 7.3.1, 7.3.5)."""

from __future__ import annotations

import unicodedata

TITLE_CHARS_PER_LINE = 20  # 22 pt characters in the 156 mm type area
# Where a title may break: after these characters a word always ends.
TITLE_BREAK_AFTER = "的和与及、，"


def text_width(text: str) -> float:
    """Width in characters of the font size: ideographs and full-width marks 1, ASCII ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def title_lines(title: str, per_line: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """Break a long title into two lines at a word end, shaped as a trapezoid (upper line not longer).

    A title that fits stays whole; one with no good break point is left to the renderer.
    """
    if text_width(title) <= per_line:
        return [title]
    splits = [
        (title[:k], title[k:])
        for k in range(1, len(title))
        if title[k - 1] in TITLE_BREAK_AFTER and max(text_width(title[:k]), text_width(title[k:])) <= per_line
    ]
    if not splits:
        return [title]
    upper, lower = min(splits, key=lambda s: (text_width(s[0]) > text_width(s[1]), abs(len(s[0]) - len(s[1]))))
    return [upper, lower]


def signature_indents(issuer: str, date: str, sealed: bool) -> tuple[float, float]:
    """Right indents in characters of the signature and the date line.

    Unsealed (7.3.5.2): signature 右空二字, date starting two characters right of the signature's start (when the
    date is the longer, the date keeps 右空二字 and the signature moves left). Sealed (7.3.5.1): date 右空四字,
    signature centred over the date.
    """
    sig, day = text_width(issuer), text_width(date)
    if sealed:
        return max(0.0, 4 + (day - sig) / 2), 4.0
    sig_right = 2.0
    date_right = sig_right + sig - day - 2
    if date_right < 2:
        sig_right += 2 - date_right
        date_right = 2.0
    return sig_right, date_right
