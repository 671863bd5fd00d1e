"""Generated numbering: 一、 （一） 1. （1） and the 一是/二是 ordinals."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九."""
    if not 0 < n < 100:
        raise ValueError(f"cannot number {n} in Chinese numerals")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def number_for(level: int, n: int) -> str:
    """The heading number of level 1–5: 一、 （一） 1. （1） ① (GB/T 9704 7.3.3 and the usual fifth level)."""
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    if level == 5:
        return circled(n)
    raise ValueError(f"no numbering for level {level}")


def circled(n: int) -> str:
    """①②… (1–20); beyond 20 a parenthesised number."""
    return chr(0x2460 + n - 1) if 0 < n <= 20 else f"({n})"


def ordinal(n: int) -> str:
    """一是, 二是, …"""
    return f"{chinese_number(n)}是"
