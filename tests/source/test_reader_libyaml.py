"""The libyaml reader reads every text as the ruamel reader did: data, both source maps, findings.

``tests/source/ruamel_reader.py`` is the reader as it was on ruamel's composer, kept as the oracle.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.paths import SAMPLES
from tests.source import ruamel_reader
from toolkit.errors import ReportInvalid
from toolkit.source import reader


def outcome(module: Any, text: str, exact: bool = True) -> Any:
    try:
        loaded = module.parse_yaml(text, "t.yaml")
    except ReportInvalid as exc:
        return [
            (f.code, message(f.message, exact), str(f.location), f.location.path, [str(r) for r in f.related])
            for f in exc.findings
        ]
    return (repr(loaded.data), loaded.source.keys, loaded.source.values, loaded.source.block_scalars)


def message(text: str, exact: bool) -> str:
    """A finding's message; for generated input a syntax error's parser words are left out (they differ between
    ruamel and libyaml); ``assert_same`` compares the Chinese explanation where ruamel's message had one."""
    if exact or not text.startswith("YAML 语法错误："):
        return text
    return "YAML 语法错误"


REFUSALS = {"yaml-syntax", "yaml-tab", "yaml-alias"}


def bad_syntax(text: str) -> bool:
    """Whether ruamel's parser refuses the text's syntax, anchors aside (its events scanned to the end)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        for _ in YAML().parse(text):
            pass
    except YAMLError:
        return True
    return False


def assert_same(text: str, exact: bool = True) -> None:
    """The same data and source maps, or the same findings. For generated input, a text both parsers refuse for
    its syntax may be refused at another place, or with the anchors found before the error listed differently, or
    for the error instead of an anchor found before it: libyaml finds some errors earlier or later than ruamel."""
    new, old = outcome(reader, text, exact), outcome(ruamel_reader, text, exact)
    if (
        not exact
        and isinstance(old, list)
        and {f[0] for f in old} <= REFUSALS
        and (old[-1][0] != "yaml-alias" or len(old) != len(new) or bad_syntax(text))
    ):
        assert isinstance(new, list) and new and {f[0] for f in new} <= REFUSALS, repr(text)
        return
    assert new == old, repr(text)


CASES = [
    "a:\nb: 1\n",
    "a:\n  b:\n  c: 2\nd:\n",
    "- \n- x\n-\n",
    "a: # note\n  # more\n\nb: 2\n",
    "a:",
    "a: {b: , c: 1}\n",
    "a: [1, , 2]\n",
    "a: 55.30\nb: 010\nc: yes\nd: .5e3\ne: 1:20\nf: 1_000\ng: 0o17\nh: 0x1F\ni: -.5\nj: 1.0e3\nk: .inf\n",
    "a: 2024-11-08\nb: 2024-1-8\nc: !!str 5\nd: !foo bar\ne: !!int 7\nf: ~\ng: Null\nh: 'x'\n",
    "%YAML 1.1\n---\na: yes\nb: 09\nc: 010\nd: 1:20\n",
    "%YAML 1.2\n---\na: yes\n",
    "a: >\n  产值累计，\n  同比增长。\n\n  Word\n  文字\nb: >-\n  abc\n  def\n\n\n  ghi\nc: >+\n  keep\n\n",
    "a: >2\n   more\n  indented\n  lines\n",
    "a: |\n  lit\n  eral\nb: |-\n  x\n",
    "a:\t1\n",
    "a: x\ty\n",
    "a: 1\t# c\n",
    "a: [1,\t2]\n",
    "a: 'x\ty'\n",
    "- \tx\n",
    "a: 1 # c\td\n",
    "a:\n\tb: 1\n",
    "a: |\n  x\n\ty\n",
    "a: 1\n\t\nb: 2\n",
    "a: [1, 2\nb: 3\n",
    "a: {b: 1\n",
    'a: "\\q"\n',
    "a: b: c\n",
    "a: 1\n---\nb: 2\n",
    "a: @x\n",
    "a: `x`\n",
    "a: &x 1\nb: *x\n",
    "<<: {a: 1}\n",
    "a: 1\na: 2\n",
    "? a\n: 1\n",
    "a: 数字\n中文键: 值\n'𝒳': 1\n",
    "\ufeffa: 1\r\nb: 2\r\n",
    "a: 123456789012345678901234567890123\n",
    "a: 1e999999\n",
    "",
    "# only a comment\n",
    "just text\n",
    "a: '\n",
    'a: "abc\n',
    "a: [\n",
]


@pytest.mark.parametrize("text", CASES)
def test_edge_cases(text: str) -> None:
    assert_same(text)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_samples(path: Any) -> None:
    assert_same(path.read_text(encoding="utf-8"))
    assert_same_places(path.read_text(encoding="utf-8"))


def test_yaml_11_line_breaks_are_characters() -> None:
    """NEL, LS and PS are not line breaks in YAML 1.2; ruamel broke lines at them in places, libyaml everywhere."""
    loaded = reader.parse_yaml("a: x\x85y\nb: 'p\u2028q'\nc: \u2029\n", "t.yaml")
    assert loaded.data == {"a": "x\x85y", "b": "p\u2028q", "c": "\u2029"}
    assert loaded.source.values[("c",)] == (3, 4)


def test_a_dedented_list_item_is_explained() -> None:
    """ruamel said ``expected <block end>, but found '<block sequence start>'``; libyaml's words get a Chinese note."""
    with pytest.raises(ReportInvalid) as caught:
        reader.parse_yaml("a:\n  - 1\n - 2\n", "t.yaml")
    finding = caught.value.findings[0]
    assert (finding.code, str(finding.location)) == ("yaml-syntax", "t.yaml:3:2")
    assert finding.message == "YAML 语法错误：缩进不一致，找不到预期的键（did not find expected key）"


KEYS = st.sampled_from(["a", "b", "值", "a b", "'q'", '"d"', "<<", "- x", "?"])
VALUES = st.sampled_from(
    [
        "",
        " 1",
        " 55.30",
        " 010",
        " yes",
        " ~",
        " .5",
        " -1",
        " x y",
        " x\ty",
        " 'a\tb'",
        ' "c"',
        " [1, 2]",
        " {k: v}",
        " # c",
        "\t1",
        " >-\n  一\n  二",
        " |\n  l\n  m",
        " 2024-01-02",
        " !!str 3",
        " &a 1",
        " *a",
        " 数字：1",
        " a: b",
        " [",
        " '",
        " 1e5",
        " 1:2",
    ]
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        indent = draw(st.sampled_from(["", "  ", "    ", "- ", "  - ", "\t"]))
        lines.append(f"{indent}{draw(KEYS)}:{draw(VALUES)}")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n# end\n"]))


@settings(max_examples=400, deadline=None)
@given(documents())
@example("a:\n- 1\n")
@example("a: [\n?: &a 1\n")  # an anchor, then an unclosed bracket: ruamel stopped at the anchor, libyaml at the bracket
def test_generated_documents(text: str) -> None:
    assert_same(text, exact=False)
    assert_same_places(text)


def assert_same_places(text: str) -> None:
    """Every path the file has, a longer one and a shorter one, located as the oracle locates them (the reader
    keeps nodes and works a place out when asked)."""
    try:
        new, old = reader.parse_yaml(text, "t.yaml").source, ruamel_reader.parse_yaml(text, "t.yaml").source
    except ReportInvalid:
        return
    paths = {(), *new.keys, *new.values}
    for path in sorted(
        {*paths, *((*p, "x") for p in paths), *((*p, 0) for p in paths), *(p[:-1] for p in paths if p)}, key=repr
    ):
        for key in (False, True):
            assert new.locate(path, key=key) == old.locate(path, key=key), (path, key)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789._eE+-:xobnulNTtrFfaseyYo~ ")), min_size=1, max_size=12))
def test_one_form_separates_ruamel_types_from_the_project_rules(raw: str) -> None:
    """``.5e3`` is the only YAML 1.2 plain scalar the project's rules type and ruamel did not."""
    converted = not isinstance(reader.resolve_plain(raw), str)
    ruamel_typed = re.compile(*reader._TYPED_12).fullmatch(raw) is not None
    if converted:
        assert ruamel_typed == (reader._UNTYPED_12.fullmatch(raw) is None), repr(raw)


SCALAR_CHARS = [*"0123456789._eE+-:xobnulNTtrFfaseyYo~ 数万", "!!str ", "!!int ", "!!float "]


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(SCALAR_CHARS), min_size=0, max_size=10).map("".join),
    st.sampled_from(["", "%YAML 1.1\n---\n"]),
)
def test_a_plain_scalar_reads_as_the_oracle_reads_it(raw: str, directive: str) -> None:
    """The builder's shortcuts (text that cannot be a number, null or boolean is kept as written) change nothing.

    Block context only: in a flow collection libyaml refuses some plain scalars ruamel took (``[:0]``), a
    difference of the composers that ``test_generated_documents`` allows for."""
    assert_same(f"{directive}a: {raw}\nb:\n- {raw}\n", exact=False)


_OLD_MAY_ALIAS = re.compile(r"(?:^|[\s\[{,])[&*][^\s,\[\]{}]")
_OLD_MAY_NEST_DEEP = re.compile(r"^ {400}|(?:[-?:][ \t]+){200}", re.M)
PRECHECK_TEXT = st.text(alphabet=st.sampled_from(list("&*[]{},:-? \t\n\u3000\x85a数")), max_size=60)


@settings(max_examples=2000, deadline=None)
@given(PRECHECK_TEXT)
def test_the_alias_precheck_is_the_regular_expression_it_replaced(text: str) -> None:
    assert reader.may_alias(text) == (_OLD_MAY_ALIAS.search(text) is not None), repr(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["- ", "? ", ": ", "-\t", "-  ", "x", "\n", " " * 50, "\n" + " " * 400]), max_size=260))
def test_the_nesting_precheck_is_the_regular_expression_it_replaced(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert reader.may_nest_deep(text) == (_OLD_MAY_NEST_DEEP.search(text) is not None)
    deep = "- " * 200 + "x\n"
    assert reader.may_nest_deep(text + deep) and reader.may_nest_deep(" " * 400 + "a: 1\n")
