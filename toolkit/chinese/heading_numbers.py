"""Heading numbers as written at the start of a paragraph: 一、 （一） 1. （1） ① and 一是 — recognised by
``govreport import`` (``toolkit.chinese.recognise``) and by the check for headings typed with their own number
(``toolkit.checks.numbering``). A module of its own so that check does not load the importer's recognisers.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_NUMBER = "[一二三四五六七八九十]{1,3}"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def parse_chinese_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 九十九 → 99; None for anything else."""
    if not text or len(text) > 3:
        return None
    if "十" not in text:
        return _CN_DIGITS.get(text) or None if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    t = 1 if not tens else _CN_DIGITS.get(tens)
    o = 0 if not ones else _CN_DIGITS.get(ones)
    if t is None or o is None or t == 0 or (ones and o == 0):
        return None
    return t * 10 + o


class Numbering(NamedTuple):
    """A heading number at the start of a paragraph: its kind, value and where the rest of the text starts.

    (A named tuple: it is made at start-up by every check of a report, and a frozen dataclass costs ten times as
    much to create.)"""

    kind: str  # section 一、 | part （一） | item 1. | subitem （1） | circled ① | point 一是
    number: int
    end: int


@cache
def numberings() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The kinds of heading number and their patterns, in the order they are tried (compiled on first use)."""
    return (
        ("section", re.compile(rf"^({CN_NUMBER})[、，,．.]")),
        ("part", re.compile(rf"^[（(]({CN_NUMBER})[）)]")),
        ("subitem", re.compile(r"^[（(]([0-9]{1,2})[）)]")),
        ("item", re.compile(r"^([0-9]{1,2})(?:[.．、](?![0-9])|\s)")),
        ("circled", re.compile(rf"^([{CIRCLED}])")),
        ("point", re.compile(rf"^({CN_NUMBER})是(?![否的])")),
    )


# The characters a heading number can start with (each pattern above starts with one of them).
_FIRST = frozenset(CN_NUMBER[1 : CN_NUMBER.index("]")] + "（(0123456789" + CIRCLED)


def numbering(text: str) -> Numbering | None:
    """The heading number a paragraph starts with, if any."""
    if not text or text[0] not in _FIRST:  # most text starts otherwise: no pattern needs trying
        return None
    for kind, pattern in numberings():
        match = pattern.match(text)
        if not match:
            continue
        word = match.group(1)
        if kind == "circled":
            value: int | None = CIRCLED.index(word) + 1
        elif kind in ("item", "subitem"):
            value = int(word)
        else:
            value = parse_chinese_number(word)
        if value:
            return Numbering(kind, value, match.end())
    return None
