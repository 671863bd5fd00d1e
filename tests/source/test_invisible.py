"""Invisible characters in a YAML file are reported where they stand, by name."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.paths import SAMPLE_2024
from toolkit.cli.app import main
from toolkit.diagnostics.finding import Severity
from toolkit.pipeline import check_file
from toolkit.source.invisible import INVISIBLE, MAX_REPORTED, invisible_characters


def places(text: str) -> list[tuple[int, int]]:
    return [(f.location.line, f.location.column) for f in invisible_characters(text, "r.yaml")]


def test_each_kind_is_named_at_its_line_and_column() -> None:
    for char, name in INVISIBLE.items():
        findings = invisible_characters(f"meta:\n  title: 报告{char}标题\n", "r.yaml")
        assert [(f.code, f.severity, f.location.line, f.location.column) for f in findings] == [
            ("invisible-char", Severity.WARNING, 2, 12)
        ]
        assert name in findings[0].message and "请删去" in findings[0].message


def test_a_byte_order_mark_at_the_start_is_not_reported_but_one_inside_is() -> None:
    assert places("\ufeffmeta: 1\n") == []
    assert places("\ufeffmeta: \ufeff1\n") == [(1, 8)]


def test_ordinary_text_has_none() -> None:
    assert places(SAMPLE_2024.read_text(encoding="utf-8")) == []
    assert places("　全角空格、\u00a0不换行空格和制表符\t都看得见\n") == []


def test_many_are_reported_up_to_a_limit_that_says_how_many_more() -> None:
    findings = invisible_characters("a\u200b" * (MAX_REPORTED + 7), "r.yaml")
    assert len(findings) == MAX_REPORTED
    assert "另有 7 处" in findings[-1].message and "另有" not in findings[0].message


@given(
    st.lists(st.sampled_from(["x", "市", "\n", " ", "：", "5"]), max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.sampled_from(sorted(INVISIBLE))), max_size=5),
)
def test_every_invisible_character_is_found_where_it_was_put(visible: list[str], put: list[tuple[int, str]]) -> None:
    chars = list(visible)
    for index, char in sorted(put, reverse=True):
        chars.insert(min(index, len(chars)), char)
    text = "".join(chars)
    expected = []
    for i, char in enumerate(text):
        if char in INVISIBLE and not (i == 0 and char == "\ufeff"):
            before = text[:i]
            expected.append((before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1))
    assert places(text) == expected


def test_validate_and_build_warn_of_one_in_a_unit(tmp_path: Path) -> None:
    text = SAMPLE_2024.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "unit: 亿元" in row)
    column = text.splitlines()[line - 1].index("亿元") + 2  # 1-based, just after 亿
    path = tmp_path / "r.yaml"
    path.write_text(text.replace("unit: 亿元", "unit: 亿\u200b元", 1), encoding="utf-8")
    found = [f for f in check_file(path).findings if f.code == "invisible-char"]
    assert [(f.location.line, f.location.column) for f in found] == [(line, column)]
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert f"r.yaml:{line}:{column}: warning[invisible-char] 此处有看不见的字符：零宽空格（U+200B）" in result.output
