"""The punctuation rules without character classes in their expressions give what the class-based ones gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.chinese import punctuation
from toolkit.chinese.punctuation import punctuate

# The expressions as they were written with the Chinese character class (before issue 13).
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\u2014\u2018-\u201d\u2026"
_CJK_RE = re.compile(f"[{_CJK}]")
_SIMPLE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_SIMPLE_RE = re.compile(rf"(?<=[{_CJK}])([,;:?!])|([,;:?!])(?=[{_CJK}])")
_STOP_RE = re.compile(rf"(?<=[{_CJK}%])\.(?!\d)")
_ELLIPSIS_RE = re.compile(rf"(?<=[{_CJK}%])(?:\.{{3,}}|…{{1,2}}|。{{3,}})")
_DASH_RE = re.compile(rf"(?<=[{_CJK}])(?:--|—{{1,2}})(?=[{_CJK}\w])")
_SPACE_RE = re.compile(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])")


def reference(text: str) -> str:
    text = punctuation._FULLWIDTH_POINT.sub(".", text.translate(punctuation._HALF_TABLE))
    if _CJK_RE.search(text) is None:
        return text
    text = _SPACE_RE.sub("", text)
    text = _SIMPLE_RE.sub(lambda m: _SIMPLE[m.group(1) or m.group(2)], text)
    text = _ELLIPSIS_RE.sub("……", text)
    text = _DASH_RE.sub("——", text)
    text = _STOP_RE.sub("。", text)
    text = punctuation._PARENS_RE.sub(punctuation._parens, text)
    return punctuation._QUOTES_RE.sub(punctuation._quotes, text)


ALPHABET = [
    *'中文。，、…—-.:;,?! %1a()"“”‘’\u3000\u4e00\u9fff\u3400\uf900\uff01\uff0f\uff1a\uff20\u2014\u2026_x',
    *"\u2017\u201e\uff10\uff0e\u303f\u3040",
]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=30))
def test_same_as_the_character_class_expressions(text: str) -> None:
    assert punctuate(text) == reference(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30))
def test_same_on_any_text(text: str) -> None:
    assert punctuate(text) == reference(text)


def test_is_cjk_matches_the_class() -> None:
    for code in range(0x2000, 0x10000):
        char = chr(code)
        assert punctuation.is_cjk(char) == (_CJK_RE.match(char) is not None), hex(code)
