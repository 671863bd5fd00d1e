"""Recognising figures and heading numbers: the inverse of chinese.figures and chinese.numerals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.chinese.figures import format_figure, growth_phrase
from toolkit.chinese.heading_numbers import numbering, parse_chinese_number
from toolkit.chinese.numerals import chinese_number, number_for, ordinal
from toolkit.chinese.recognise import find_figures, find_lists, ordinal_starts
from toolkit.model.units import find_unit, qualifiers, units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前三季度产值累计55.33亿元，同比增长3.6%。", [("55.33", "亿元", None, Decimal("3.6"), "同比")]),
        ("总投资约52亿元", [("52", "亿元", "约", None, None)]),
        ("全市全年产值达到20亿元以上", [("20", "亿元", "以上", None, None)]),
        ("在30多辆公交车", [("30", "辆", "多", None, None)]),
        ("投入近8亿元", [("8", "亿元", "近", None, None)]),
        ("旅游总收入9.98亿。", [("9.98", "亿元", None, None, None)]),
        ("全市教育投入约12.74亿元，同期增长14.80%，", [("12.74", "亿元", "约", Decimal("14.80"), "同期")]),
        ("增加值2.1亿元，同比下降2.1%", [("2.1", "亿元", None, Decimal("-2.1"), "同比")]),
        ("产值5亿元，与上年持平", [("5", "亿元", None, Decimal(0), "同比")]),
        ("目前已签约35家皮革企业", [("35", "家", None, None, None)]),
        ("覆盖率达到100%，提高2.5个百分点", [("100", "%", None, None, None), ("2.5", "个百分点", None, None, None)]),
        ("体育场地面积共103.7144万平方米", [("103.7144", "万平方米", None, None, None)]),
        ("培训8期363人", [("8", "期", None, None, None), ("363", "人", None, None, None)]),
    ],
)
def test_figures_as_written(text: str, expected: list[tuple[str, str, str | None, Decimal | None, str | None]]) -> None:
    found = [(f.number, f.unit, f.qualifier, f.growth, f.growth_label) for f in find_figures(text)]
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024年1-10月引进项目",
        "落实“1310”具体部署，打造“15分钟健身圈”",
        "国道G234线、省道S346线、202国道改建",
        "平台原型优化（v2.0）试用顺畅",
        "被认定为第五批省全域旅游示范区，第2期工程",
        "计划3个月内完成，2027年2月竣工",
        "《关于2023年度100个项目的通知》",
    ],
)
def test_years_codes_names_and_ordinals_stay_text(text: str) -> None:
    assert find_figures(text) == []


def test_figure_spans_cover_the_written_figure() -> None:
    text = "总装机容量约715兆瓦，占x市发电总装机容量71%"
    first, second = find_figures(text)
    assert text[first.start : first.end] == "约715兆瓦"
    assert text[second.start : second.end] == "71%"
    assert first.label == "总装机容量" and second.label == "占x市发电总装机容量"


def test_growth_span_is_not_a_second_figure() -> None:
    text = "前三季度产值累计7.6亿元，同比增长18.6%。"
    (figure,) = find_figures(text)
    assert figure.growth_span is not None
    assert text[slice(*figure.growth_span)] == "同比增长18.6%"
    assert figure.period == "前三季度" and figure.label == "产值"


def test_period_and_department() -> None:
    (figure,) = find_figures("截至10月底，工信局统计全市规上企业57家。")
    assert figure.period == "截至10月底" and figure.source == "工信局"
    (figure,) = find_figures("形成了网格化管理格局，队伍140人。")
    assert figure.source is None


def test_every_formatted_figure_is_recognised() -> None:
    """format_figure → find_figures gives the figure back, for every unit and qualifier of the vocabulary."""
    for unit in units():
        for qualifier in [None, *qualifiers()]:
            text = "全市" + format_figure("12.50", unit, qualifier) + "。"
            found = find_figures(text)
            assert [(f.number, f.unit, f.qualifier) for f in found] == [("12.50", unit, qualifier)], text


@pytest.mark.parametrize("rate", [Decimal("3.6"), Decimal("-2.10"), Decimal("0")])
def test_every_growth_phrase_is_recognised(rate: Decimal) -> None:
    (figure,) = find_figures(f"产值10亿元，{growth_phrase(rate)}。")
    assert figure.growth == rate


def test_heading_numbers() -> None:
    for n in (1, 2, 10, 12, 20, 99):
        for level, kind in ((1, "section"), (2, "part"), (3, "item"), (4, "subitem")):
            found = numbering(number_for(level, n) + "标题")
            assert found is not None and (found.kind, found.number) == (kind, n)
        found = numbering(ordinal(n) + "加强管理")
        assert found is not None and (found.kind, found.number) == ("point", n)
    assert numbering("①强化防汛") is not None
    assert numbering("1.5亿元的投资") is None
    assert numbering("一是否可行") is None
    assert numbering("2024年，x市坚持") is None


def test_chinese_numbers_round_trip() -> None:
    assert [parse_chinese_number(chinese_number(n)) for n in range(1, 100)] == list(range(1, 100))
    assert parse_chinese_number("两") == 2
    assert parse_chinese_number("十十") is None and parse_chinese_number("零") is None


def test_run_in_points_in_sequence() -> None:
    text = "推动发展。一是打造产业。统一是关键。二是加强管理；三是优化服务。五是不在序列中。"
    starts = ordinal_starts(text)
    assert [text[k : k + 2] for k in starts] == ["一是", "二是", "三是"]


def test_named_lists_with_a_stated_count() -> None:
    text = "潭岭水库、x市城防工程（右岸）、x市城防工程（左岸）、上兰靛水库等4宗大中型水利工程有序推进。"
    figures = find_figures(text)
    (named,) = find_lists(text, figures)
    assert named.names[0] == "潭岭水库" and len(named.names) == 4 and named.count_figure == 0
    text = "县城建设有两间旅游厕所，分别为刘禹锡文化广场旅游厕所、巾峰山梯级道公厕，其中一间设置第三卫生间。"
    (named,) = find_lists(text, find_figures(text))
    assert named.names == ["刘禹锡文化广场旅游厕所", "巾峰山梯级道公厕"] and named.count == 2
    text = "A、B等3个项目"
    assert find_lists(text, find_figures(text)) == []  # two names for a stated three: not a list


TEXT = st.text(
    alphabet=st.sampled_from(
        list("0123456789.%-约近多余以上亿万元个人次公里平方米兆瓦同比增长下降期“”《》，。、：第年月是一二十（）Gv")
    ),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_recogniser_never_fails_and_spans_are_sound(text: str) -> None:
    figures = find_figures(text)
    previous_end = 0
    for figure in figures:
        assert previous_end <= figure.start < figure.end <= len(text)
        assert figure.number in text[figure.start : figure.end]
        assert find_unit(figure.unit) is not None
        Decimal(figure.number)
        previous_end = figure.growth_span[1] if figure.growth_span else figure.end
    for named in find_lists(text, figures):
        assert 0 <= named.start < named.end <= len(text)
    ordinal_starts(text)
    numbering(text)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=2000))
def test_recogniser_takes_any_unicode(text: str) -> None:
    find_figures(text)
    find_lists(text, find_figures(text))


def test_adversarial_input_is_linear() -> None:
    """Long runs that would make a backtracking pattern explode are read in one pass (no timing asserted)."""
    for text in (
        "1" * 200_000 + "亿",
        "1." * 100_000,
        "约" * 100_000 + "1",
        "、" * 100_000 + "等3个",
        "一是。" * 30_000,
    ):
        find_figures(text)
        find_lists(text, [])
        ordinal_starts(text)


@given(st.text(alphabet=st.sampled_from("一二十三是（(）)、.．，1234①⑳年a 否的"), max_size=8))
def test_the_first_character_test_never_changes_what_is_recognised(text: str) -> None:
    from toolkit.chinese.heading_numbers import _FIRST, numberings

    if any(pattern.match(text) for _, pattern in numberings()):
        assert text[0] in _FIRST
