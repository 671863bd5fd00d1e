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
    assert caught.value.findings[0].code == "yaml-syntax"
    assert caught.value.findings[0].location.line == 2


def test_dotted_paths() -> None:
    assert dotted(("overview", "parts", 0, "items", 2, "text")) == "overview.parts[0].items[2].text"


def test_folded_chinese_text_joins_without_spaces() -> None:
    text = "a: >-\n  产值累计，\n  同比增长。\n  Word\n  文字\nb: >-\n  abc\n  def\n"
    data = parse_yaml(text, "t.yaml").data
    assert data == {"a": "产值累计，同比增长。 Word 文字", "b": "abc def"}
