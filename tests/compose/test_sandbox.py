"""The sandbox of text fields and block templates: no globals, bounded operators and output, located errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from toolkit.compose.sandbox import TemplateProblem
from toolkit.compose.text import MetricView, render_text
from toolkit.model.report import Metric

CONTEXT = {"year": 2024, "region": "x市", "firms": MetricView(Metric(value=Decimal("57"), unit="家")), "towns": ["a"]}


def problem(source: str) -> TemplateProblem:
    with pytest.raises(TemplateProblem) as caught:
        render_text(source, CONTEXT)
    return caught.value


def test_documented_forms_render() -> None:
    assert render_text("{{ year + 1 }}年{{ region }}{{ firms }}{{ firms.number }}{{ firms.unit }}", CONTEXT) == (
        "2025年x市57家57家"
    )
    assert render_text("{{ towns | join('、') }}{% if year > 2000 %}是{% endif %}", CONTEXT) == "a是"


@pytest.mark.parametrize("name", ["range", "lipsum", "cycler", "joiner", "namespace", "dict"])
def test_jinja_globals_are_not_reachable(name: str) -> None:
    found = problem(f"{{{{ {name}(1) }}}}")
    assert found.code == "undefined-metric" and name in found.message


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("{{ (9 ** (9 ** 9)) > 1 }}", "unsafe-template"),
        ("{{ 2 ** 100000 }}", "unsafe-template"),
        ('{{ "ab" * 5000000 }}', "unsafe-template"),
        ("{{ towns * 100000 }}", "unsafe-template"),
        ('{{ "%0999999d" % 1 }}', "unsafe-template"),
        ("{{ 1/0 }}", "template-error"),
        ('{{ year + "a" }}', "template-error"),
        ("{{ firms.metric.model_dump() }}", "template-error"),
        ("{{ firms._metric }}", "unsafe-template"),
        ("{{ firms.__class__.__mro__ }}", "unsafe-template"),
        ("{% set x = 1 %}{{ x }}", "unsafe-template"),
        ("{% for a in towns %}{% for b in towns %}{{ b }}{% endfor %}{% endfor %}", "unsafe-template"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "unsafe-template"),
        ("{{ towns | center(100000) }}", "template-syntax"),
    ],
)
def test_hostile_text_is_a_problem_not_a_hang_or_a_crash(source: str, code: str) -> None:
    assert problem(source).code == code


def test_rendered_length_is_bounded() -> None:
    assert problem('{{ "好" * 15000 }}{{ "好" * 15000 }}').code == "template-limit"


def test_an_unknown_attribute_does_not_leak_the_class_name() -> None:
    found = problem("{{ firms.grwoth }}")
    assert "MetricView" not in found.message and ".grwoth" in found.message


@pytest.mark.parametrize(
    "source",
    [
        "规模以上工业企业达到｛｛ firms ｝｝。",
        "达到{｛ firms }}。",
        "达到{{ firms ｝｝。",
        "达到{ { firms } }。",
        "达到{firms}。",
        "｛% if year %｝",
    ],
)
def test_braces_that_would_print_literally_are_typos(source: str) -> None:
    found = problem(source)
    assert found.code == "template-typo" and found.token is not None and found.token in source


def test_ordinary_braces_and_json_like_text_are_not_typos() -> None:
    assert render_text("｛注｝符合要求。", CONTEXT) == "｛注｝符合要求。"


def test_a_runtime_error_has_its_line() -> None:
    assert problem("第一行\n第二行\n{{ 1/0 }}").line == 3


def test_block_templates_are_sandboxed(tmp_path: Path) -> None:
    from toolkit.compose.blocks import template_env

    (tmp_path / "item_heading.j2").write_text("{{ heading.__class__.__mro__ }}", encoding="utf-8")
    env = template_env("county-urbanization", [tmp_path])
    with pytest.raises(Exception, match="unsafe"):
        env.get_template("item_heading.j2").render(heading="h")
    assert "range" not in env.globals and "lipsum" not in env.globals


@pytest.mark.parametrize(
    ("source", "explained"),
    [
        ("{{ }}", "缺少表达式"),
        ("{% if %}是{% endif %}", "缺少表达式"),
        ("{{ (year + 1 }}", "括号 “(” 没有配对的 “)”"),
        ("{{ towns[0 }}", "方括号 “[” 没有配对的 “]”"),
        ("{{ towns | }}", "此处应为名称"),
        ("{{ firms. }}", "“.” 之后应为名称或数字"),
        ("{% %}", "缺少标签名"),
        ("{# 注释", "注释 “{#” 没有对应的 “#}”"),
        ("{{ year b }}", "表达式不完整或多了内容"),
        ("{{ year : }}", "表达式不完整或多了内容"),
        ("{{ year ~ }}", "运算符之后缺少内容"),
        ("{{ year ) }}", "多了 “)”"),
        ("{{ ] }}", "多了 “]”"),
        ("{{ year }", "多了 “}”，或 “{{” 没有配对"),
        ("{{ year , , }}", "多了符号"),
        ("{% for x towns %}{{ x }}{% endfor %}", "此处缺少或多了符号"),
        ("{% for x in towns %}{{ x }}{% endif %}", "结束标签与开始标签不配对"),
        ("{{ towns | nosuch }}", "没有这个过滤器"),
        ("{{ year is nosuch }}", "没有这个判断"),
        ("{% endif %}", "未知的标签"),
        ("{{ year ? }}", "不能识别的字符"),
        ("{% if year %}是", "模板意外结束"),
    ],
)
def test_syntax_errors_are_explained_in_chinese(source: str, explained: str) -> None:
    found = problem(source)
    assert found.code == "template-syntax", found
    assert found.message.startswith("模板语法错误："), found.message
    assert explained in found.message, found.message


@pytest.mark.parametrize(
    "source", ["{{ firms + 1 }}", "{{ firms > 1 }}", "{{ firms | join('、') }}", "{{ firms() }}", "{{ firms | round }}"]
)
def test_a_metric_in_an_expression_is_explained_without_internal_names(source: str) -> None:
    found = problem(source)
    assert found.code == "template-error"
    assert "指标不能在文本中运算、比较或逐项取用" in found.message and "rules" in found.message
    assert "MetricView" not in found.message and "TypeError" not in found.message


@pytest.mark.parametrize(
    ("source", "explained"),
    [
        ('{{ year + "a" }}', "不能对数字和文字做 “+” 运算"),
        ("{{ towns - 1 }}", "不能对列表和数字做 “-” 运算"),
        ('{{ year > "a" }}', "不能比较数字和文字"),
        ('{{ "a" + year }}', "文字只能与文字相连"),
        ("{{ year | join('、') }}", "数字不能逐项取用"),
        ("{{ year() }}", "数字不能当作函数调用"),
        ("{{ year[0] }}", "数字不能按序号取用"),
        ("{{ firms[0] }}", "指标不能按序号取用"),
    ],
)
def test_an_operation_on_the_wrong_kind_of_value_is_explained_in_chinese(source: str, explained: str) -> None:
    found = problem(source)
    assert found.code == "template-error"
    assert explained in found.message, found.message
    assert "MetricView" not in found.message and "toolkit." not in found.message
