"""Characters nobody can see: zero-width spaces, soft hyphens, direction marks.

They come with text pasted from web pages and chat apps. In a text they go into the Word file unseen (and break a
search for the phrase); in a unit, a name or a key they make it another word that matches nothing, and the finding
about that shows two words that look the same. Each is reported where it stands, named, so it can be deleted.
"""

from __future__ import annotations

import re
from functools import cache

from toolkit.diagnostics.finding import Finding, Location, Severity

INVISIBLE = {
    "\u00ad": "软连字符（U+00AD）",
    "\u180e": "蒙古文元音分隔符（U+180E）",
    "\u200b": "零宽空格（U+200B）",
    "\u200c": "零宽非连接符（U+200C）",
    "\u200d": "零宽连接符（U+200D）",
    "\u200e": "从左到右标记（U+200E）",
    "\u200f": "从右到左标记（U+200F）",
    "\u202a": "双向文字嵌入符（U+202A）",
    "\u202b": "双向文字嵌入符（U+202B）",
    "\u202c": "双向文字结束符（U+202C）",
    "\u202d": "双向文字覆盖符（U+202D）",
    "\u202e": "双向文字覆盖符（U+202E）",
    "\u2060": "字连接符（U+2060）",
    "\u2061": "不可见运算符（U+2061）",
    "\u2062": "不可见运算符（U+2062）",
    "\u2063": "不可见运算符（U+2063）",
    "\u2064": "不可见运算符（U+2064）",
    "\u2066": "双向文字隔离符（U+2066）",
    "\u2067": "双向文字隔离符（U+2067）",
    "\u2068": "双向文字隔离符（U+2068）",
    "\u2069": "双向文字隔离符（U+2069）",
    "\ufeff": "零宽不换行空格（U+FEFF）",
}
"""The invisible characters looked for (Unicode's format characters that occur in pasted text), by name."""


@cache
def _any() -> re.Pattern[str]:
    """One pattern for them all (compiled when a file has one: most never do)."""
    return re.compile("[" + "".join(INVISIBLE) + "]")


MAX_REPORTED = 20
"""At most this many are reported one by one; the last says how many more there are."""


def invisible_characters(text: str, name: str) -> list[Finding]:
    """A warning at each invisible character of a file's text (a byte-order mark at its very start excepted)."""
    if not any(char in text for char in INVISIBLE):  # one fast search each: half the time of the pattern alone
        return []
    found = [match.start() for match in _any().finditer(text) if match.start() or text[0] != "\ufeff"]
    findings: list[Finding] = []
    for number, index in enumerate(found[:MAX_REPORTED], start=1):
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        message = f"此处有看不见的字符：{INVISIBLE[text[index]]}，多来自网页或聊天软件的复制粘贴；请删去"
        if number == MAX_REPORTED and len(found) > MAX_REPORTED:
            message += f"（文件中另有 {len(found) - MAX_REPORTED} 处未逐一列出）"
        findings.append(Finding("invisible-char", message, Location(name, line, column), severity=Severity.WARNING))
    return findings
