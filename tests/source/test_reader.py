"""The YAML reader: plain data, source positions, reported precision, YAML 1.2 scalars, no object construction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from toolkit.errors import ReportInvalid
from toolkit.source.reader import dotted, parse_yaml


def test_precision_is_kept_from_the_raw_text() -> None:
    data = parse_yaml("a: 55.30\nb: 103.7144\nc: 130\nd: '12.50'\n", "t.yaml").data
    assert data == {"a": Decimal("55.30"), "b": Decimal("103.7144"), "c": 130, "d": "12.50"}
    assert str(data["a"]) == "55.30"


def test_yaml_12_scalars_not_yaml_11_traps() -> None:
    data = parse_yaml("a: NO\nb: 010\nc: yes\nd: ~\ne: 2024-11-08\nf: true\n", "t.yaml").data
    assert data == {"a": "NO", "b": 10, "c": "yes", "d": None, "e": dt.date(2024, 11, 8), "f": True}


def test_every_key_and_value_has_a_position() -> None:
    loaded = parse_yaml("meta:\n  year: 2024\nlist:\n  - x\n  - {k: v}\n", "t.yaml")
    assert loaded.source.keys[("meta", "year")] == (2, 3)
    assert loaded.source.values[("meta", "year")] == (2, 9)
    assert loaded.source.values[("list", 1, "k")] == (5, 9)
    assert str(loaded.source.locate(("meta", "year", "deeper"))) == "t.yaml:2:9"


def test_duplicate_key_names_both_places() -> None:
    with pytest.raises(ReportInvalid) as caught:
        parse_yaml("a:\n  b: 1\n  b: 2\n", "t.yaml")
    finding = caught.value.findings[0]
    assert (finding.code, finding.location.line, finding.location.column) == ("duplicate-key", 3, 3)
    assert finding.related[0].line == 2


def test_python_tags_are_not_constructed() -> None:
    data = parse_yaml("a: !!python/object/apply:os.system ['echo hi']\n", "t.yaml").data
    assert data == {"a": ["echo hi"]}


def test_tab_indentation_is_explained() -> None:
    with pytest.raises(ReportInvalid) as caught:
        parse_yaml("a:\n\tb: 1\n", "t.yaml")
    assert caught.value.findings[0].code == "yaml-tab"
    assert (caught.value.findings[0].location.line, caught.value.findings[0].location.column) == (2, 1)
    assert "缩进" in caught.value.findings[0].message


def test_dotted_paths() -> None:
    assert dotted(("overview", "parts", 0, "items", 2, "text")) == "overview.parts[0].items[2].text"


def test_folded_chinese_text_joins_without_spaces() -> None:
    text = "a: >-\n  产值累计，\n  同比增长。\n  Word\n  文字\nb: >-\n  abc\n  def\n"
    data = parse_yaml(text, "t.yaml").data
    assert data == {"a": "产值累计，同比增长。 Word 文字", "b": "abc def"}


ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


def findings_of(text: str) -> list[tuple[str, int, int]]:
    with pytest.raises(ReportInvalid) as caught:
        parse_yaml(text, "t.yaml")
    return [(f.code, f.location.line, f.location.column) for f in caught.value.findings]


def test_an_alias_bomb_is_refused_at_each_anchor_and_alias_without_expanding() -> None:
    found = findings_of(ALIAS_BOMB)
    assert found[0] == ("yaml-alias", 1, 4)
    assert ("yaml-alias", 2, 8) in found  # the first *a on line 2
    assert len(found) == 50  # bounded


def test_a_self_referencing_alias_is_refused() -> None:
    assert findings_of("type: &a [*a]\n") == [("yaml-alias", 1, 7), ("yaml-alias", 1, 11)]


def test_merge_keys_are_refused() -> None:
    assert findings_of("a: {b: 1}\nc:\n  <<: {b: 2}\n") == [("yaml-merge-key", 3, 3)]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: " + "[" * 3000 + "]" * 3000 + "\n", (1, 68)),
        ("a: " + "{b: " * 100 + "1" + "}" * 100 + "\n", (1, 4 + 4 * 64)),
        ("".join(" " * i + "a:\n" for i in range(100)) + " " * 100 + "b\n", (66, 66)),
    ],
)
def test_nesting_is_bounded(text: str, where: tuple[int, int]) -> None:
    (found,) = findings_of(text)
    assert found == ("yaml-too-deep", *where)


@pytest.mark.parametrize(
    ("raw", "code"),
    [("9" * 5000, "number-too-long"), ("1e999999", "number-out-of-range"), ("-2.5E-40", "number-out-of-range")],
)
def test_numbers_are_bounded(raw: str, code: str) -> None:
    assert findings_of(f"a:\n  value: {raw}\n") == [(code, 2, 10)]


def test_quoted_long_digits_are_text_and_ordinary_numbers_pass() -> None:
    data = parse_yaml(f'a: "{"9" * 100}"\nb: 1.5e3\nc: 123456789012345678901234567890\n', "t.yaml").data
    assert data["a"] == "9" * 100 and data["b"] == Decimal("1.5e3") and data["c"] == 123456789012345678901234567890


def test_crlf_line_ends_are_read_as_usual() -> None:
    loaded = parse_yaml("a: 1\r\nb:\r\n  c: 文本\r\n", "t.yaml")
    assert loaded.data == {"a": 1, "b": {"c": "文本"}}
    assert loaded.source.values[("b", "c")] == (3, 6)


def test_a_trailing_tab_is_not_called_indentation() -> None:
    assert findings_of("a: 1\t\nb:\n  - x\n\t- y\n")[0] == ("yaml-tab", 1, 5)


def test_an_unclosed_bracket_is_reported_where_it_opened() -> None:
    assert findings_of("a: [1, 2\nb: 3\n") == [("yaml-syntax", 1, 4)]
    assert findings_of("a: {b: 1\nc: 3\n") == [("yaml-syntax", 1, 4)]
