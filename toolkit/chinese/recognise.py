"""Recognise what ``numerals`` and ``figures`` write: heading numbers (一、（一）1.（1）① 一是) and figures in prose.

The inverse of the formatting functions, so that ``import(build(report))`` gives the report back: a figure is found
exactly as ``format_figure`` writes it (qualifier before, between or after), with the unit from the vocabulary
(``schema/units.yaml``), and a growth phrase is taken only when ``growth_phrase`` would write it the same way.
Years, dates, ranges (1-10月), ordinals (第五批), codes (G234, v2.0) and names in “…” or 《…》 stay text.
Every pattern is linear (no nested quantifiers), so hostile text costs time in proportion to its length.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from toolkit.chinese.figures import growth_phrase
from toolkit.chinese.heading_numbers import parse_chinese_number
from toolkit.chinese.numerals import chinese_number
from toolkit.model.imported import Figure, NamedList
from toolkit.model.units import find_unit, qualifiers, units


def ordinal_starts(text: str, first: int = 1) -> list[int]:
    """Offsets of 一是, 二是, … (from ``first``) in sequence, each at the start or after a sentence break (。；：)."""
    starts: list[int] = []
    n = first
    pos = 0
    while n < 100:
        word = chinese_number(n) + "是"
        found = -1
        k = text.find(word, pos)
        while k >= 0:
            if k == 0 or text[k - 1] in "。；：;:！？":
                found = k
                break
            k = text.find(word, k + 1)
        if found < 0:
            return starts
        starts.append(found)
        pos = found + len(word)
        n += 1
    return starts


# --------------------------------------------------------------------------------------------------- figures

MAGNITUDE_PREFIXES = ("万", "亿", "千", "百万", "千万")
# Unit abbreviations written in reports: the text's spelling → the vocabulary's unit.
ABBREVIATIONS = {"亿": "亿元"}
# A count unit followed by these is a duration or a name, not a figure (3个月, 2个小时).
_NOT_AFTER = ("月", "小时", "工作日", "季度", "百分点")
# 约 and 近 ending another word are not qualifiers: 已签约35家 is 35家.
_NOT_QUALIFIER = frozenset(
    {"签约", "履约", "节约", "制约", "预约", "违约", "集约", "缔约", "合约", "公约", "附近", "最近"}
)
_NOT_BEFORE = "第每"  # 第2期 is an ordinal; 每 and 近 are handled as words, not figures, where they are not qualifiers


@cache
def unit_words() -> dict[str, str]:
    """Unit as written → unit of the vocabulary: the listed units, a magnitude of a base unit (万户, 千人), 亿."""
    out = {name: name for name in units()}
    for name, unit in units().items():
        if not unit.plain and not unit.base:
            for prefix in MAGNITUDE_PREFIXES:
                word = prefix + name
                if word not in out and find_unit(word) is not None:
                    out[word] = word
    out.update(ABBREVIATIONS)
    return out


@cache
def figure_pattern() -> re.Pattern[str]:
    """qualifier? number between? unit after? — units longest first, the number not part of a code or range."""
    words = sorted(qualifiers().items(), key=lambda wq: -len(wq[0]))
    before = "|".join(re.escape(w) for w, q in words if q.position == "before")
    between = "|".join(re.escape(w) for w, q in words if q.position == "between")
    after = "|".join(re.escape(w) for w, q in words if q.position == "after")
    unit = "|".join(re.escape(w) for w in sorted(unit_words(), key=len, reverse=True))
    return re.compile(
        rf"(?P<before>{before})?(?<![0-9A-Za-z._\-~/:])(?P<number>[0-9]{{1,15}}(?:\.[0-9]{{1,10}})?)"
        rf"(?![0-9.])(?P<between>{between})?(?P<unit>{unit})(?P<after>{after})?"
    )


_GROWTH = re.compile(r"(?P<label>同比|同期|比上年|较上年)(?P<verb>增长|下降)(?P<number>[0-9]{1,6}(?:\.[0-9]{1,6})?)%")
_FLAT = "与上年持平"
_QUOTED = re.compile(r"“[^”]{0,200}”|《[^》]{0,200}》")
_SENTENCE_END = "。；！？"
_CLAUSE_END = "，。；：！？、"

PERIOD = re.compile(
    r"前[一二三]季度|第?[一二三四]季度|上半年|下半年|全年|今年以来|[0-9]{1,2}[-—~至][0-9]{1,2}月"
    r"|截至(?:目前|[0-9]{1,2}月底|[0-9]{1,2}月末|年底|[0-9]{4}年[0-9]{1,2}月底?)|截止目前"
)
_LEAD_WORDS = re.compile(
    r"^(?:其中|另有|另外|并|且|和|及|以及|共计|共有|共|累计|总计|合计|已|目前|现|全市|全县|全区|实现|完成|达到|达|为|有|新增|新建)+"
)
_TAIL_WORDS = re.compile(
    r"(?:共计|共有|共|累计|总计|合计|达到|达|为|约|近|超过|不足|是|的|了|完成|实现|有|力争|预计|保持在|保持|提高到|增至)+$"
)
_BAD_DEPARTMENT = ("格局", "布局", "结局", "大局", "全局", "当局", "政局", "时局", "开局", "邮局", "棋局")
DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:局|厅|管委会)")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of names in “…” quotes and titles in 《…》: figures there are part of a name."""
    return [m.span() for m in _QUOTED.finditer(text)]


def kind_of(unit: str) -> str:
    """What a unit measures (count, money …)."""
    found = find_unit(unit)
    return found.kind if found is not None else ""


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text`` with its growth phrase, period, label and named department."""
    quoted = quoted_spans(text)
    out: list[Figure] = []
    for match in figure_pattern().finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in quoted):
            continue
        unit_written = match.group("unit")
        unit = unit_words()[unit_written]
        number_start = match.start("number")
        if number_start > 0 and text[number_start - 1] in _NOT_BEFORE and not match.group("before"):
            continue
        rest = text[end : end + 3]
        if kind_of(unit) == "count" and rest.startswith(_NOT_AFTER):
            continue
        if unit_written == "亿" and rest[:1] in ("人", "吨", "元"):
            continue
        if out and out[-1].growth_span is not None and start < out[-1].growth_span[1]:
            continue
        before = match.group("before")
        if before and text[max(0, start - 1) : start + 1] in _NOT_QUALIFIER:
            before, start = None, match.start("number")
        if before and (match.group("between") or match.group("after")):  # 均达90%以上: 达 stays a word
            before, start = None, match.start("number")
        qualifier = before or match.group("between") or match.group("after")
        figure = Figure(
            start,
            end,
            match.group("number"),
            unit,
            unit_text=unit_written if unit_written != unit else None,
            qualifier=qualifier,
        )
        attach_growth(text, figure)
        figure.period = find_period(text, start)
        figure.kind = find_kind(text, start)
        figure.label = find_label(text, figure, out[-1] if out else None)
        figure.source = find_department(text, start)
        out.append(figure)
    return out


def attach_growth(text: str, figure: Figure) -> None:
    """A growth phrase right after the figure (after at most a comma) that ``growth_phrase`` writes the same way."""
    pos = figure.end
    if text.startswith("，", pos):
        pos += 1
    if text.startswith(_FLAT, pos):
        figure.growth, figure.growth_label, figure.growth_span = Decimal(0), "同比", (pos, pos + len(_FLAT))
        return
    match = _GROWTH.match(text, pos)
    if not match:
        return
    rate = Decimal(match.group("number"))
    if match.group("verb") == "下降":
        rate = -rate
    label = match.group("label")
    if rate == 0 or growth_phrase(rate, label) != match.group(0):
        return
    figure.growth, figure.growth_label, figure.growth_span = rate, label, match.span()


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts."""
    return max(text.rfind(c, 0, pos) for c in _SENTENCE_END) + 1


def find_period(text: str, pos: int) -> str | None:
    """The last period expression (前三季度, 1-10月, 截至10月底 …) before ``pos`` in its sentence."""
    found = None
    for match in PERIOD.finditer(text, sentence_start(text, pos), pos):
        found = match.group(0)
    return found


_TARGET = re.compile(r"力争|目标|计划|争取|确保")
_ESTIMATE = re.compile(r"预计|预估|预测|预期|建成后|将可|有望")


def find_kind(text: str, pos: int) -> str:
    """target when the sentence before the figure plans it (力争、计划), estimate when it forecasts (预计、建成后)."""
    before = text[sentence_start(text, pos) : pos]
    if _ESTIMATE.search(before):
        return "estimate"
    return "target" if _TARGET.search(before) else "actual"


def find_department(text: str, pos: int) -> str | None:
    """A department the sentence names (省应急管理厅, 工信局), if any."""
    start = sentence_start(text, pos)
    end = min((k for k in (text.find(c, pos) for c in _SENTENCE_END) if k >= 0), default=len(text))
    for match in DEPARTMENT.finditer(text, start, end):
        word = match.group(0)
        if not word.endswith(_BAD_DEPARTMENT):
            return word
    return None


def find_label(text: str, figure: Figure, previous: Figure | None) -> str:
    """What the figure counts, from the words before it in its clause, else the words after it."""
    floor = previous.end if previous is not None else 0
    if previous is not None and previous.growth_span is not None:
        floor = max(floor, previous.growth_span[1])
    start = max([text.rfind(c, 0, figure.start) for c in _CLAUSE_END] + [floor - 1]) + 1
    words = PERIOD.sub("", text[start : figure.start])
    words = _TAIL_WORDS.sub("", _LEAD_WORDS.sub("", words)).strip("（）()“”《》 ")
    if len(words) < 2:
        after = text[figure.end : figure.end + 40]
        cut = min([k for k in (after.find(c) for c in _CLAUSE_END) if k >= 0] + [len(after)])
        words = after[:cut].strip("（）()“”《》 ")
        words = re.sub(r"^的", "", words)
    return words[-24:]


# ------------------------------------------------------------------------------------------------ named lists

_NAME = r"[^，。；：、\s]{1,20}"
_LIST_WITH_COUNT = re.compile(rf"(?:(?<=[，。；：])|^)(?P<names>{_NAME}(?:、{_NAME}){{1,30}})等(?=[0-9])")
_RESPECTIVELY = re.compile(rf"分别为(?P<names>{_NAME}(?:、{_NAME}){{1,30}})(?=[，。；]|$)")
_WORD_COUNT = re.compile(r"([一二两三四五六七八九十]{1,2}|[0-9]{1,3})(?:间|个|家|所|座|条|项|宗|处|名|位|大)")


def find_lists(text: str, figures: list[Figure]) -> list[NamedList]:
    """Names listed with 、 whose count the text states: A、B、C、D等4宗…, or 两间…，分别为A、B."""
    out: list[NamedList] = []
    for match in _LIST_WITH_COUNT.finditer(text):
        start, end = match.span("names")
        names = match.group("names").split("、")
        k = next((k for k, f in enumerate(figures) if f.start == match.end()), None)
        if k is None or _overlaps(start, end, figures) or kind_of(figures[k].unit) != "count":
            continue
        if figures[k].qualifier is None and figures[k].value == len(names):
            out.append(NamedList(start, end, names, count_figure=k))
    for match in _RESPECTIVELY.finditer(text):
        start, end = match.span("names")
        names = match.group("names").split("、")
        if _overlaps(start, end, figures):
            continue
        counts = list(_WORD_COUNT.finditer(text, sentence_start(text, start), match.start()))
        if not counts:
            continue
        word = counts[-1].group(1)
        n = int(word) if word.isdigit() else parse_chinese_number(word)
        if n != len(names):
            continue
        k = next((k for k, f in enumerate(figures) if f.start == counts[-1].start()), None)
        out.append(NamedList(start, end, names, count=None if k is not None else n, count_figure=k))
    return out


def _overlaps(start: int, end: int, figures: list[Figure]) -> bool:
    return any(f.start < end and start < f.end for f in figures)
