"""Property tests of the reader: whatever the bytes or the YAML, a located finding or data, never an exception
that escapes, and nothing that runs long (anchors refused before anything expands, nesting and numbers bounded)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.errors import ReportInvalid
from toolkit.source.encoding import decode
from toolkit.source.reader import _bracket_depth, parse_yaml

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TOKENS = [
    "a:",
    "b: ",
    "- ",
    "  ",
    "    ",
    "\n",
    "\r\n",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ",",
    ": ",
    "&x ",
    "*x",
    "<<: ",
    "!!str ",
    "!!python/object:os.system ",
    "|\n",
    ">-\n",
    "'",
    '"',
    "#",
    "1e999999",
    "9" * 40,
    "55.30",
    "-0.5e3",
    "null",
    "true",
    "2024-11-08",
    "产值",
    "｛｛ x ｝｝",
    "{{ x }}",
    "？",
    "\x00",
    "\ufeff",
    "%",
    "@",
    "`",
    "---\n",
    "...\n",
]


@FAST
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_yaml_made_of_awkward_tokens_is_data_or_located_findings(tokens: list[str]) -> None:
    text = "".join(tokens)
    try:
        loaded = parse_yaml(text, "p.yaml")
    except ReportInvalid as exc:
        assert exc.findings
        for finding in exc.findings:
            assert finding.location.file == "p.yaml" and finding.location.line >= 1
        return
    assert loaded.source.file == "p.yaml"


@FAST
@given(st.text(max_size=300))
def test_any_text_is_data_or_located_findings(text: str) -> None:
    try:
        parse_yaml(text, "p.yaml")
    except ReportInvalid as exc:
        assert exc.findings


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused_with_a_finding(data: bytes) -> None:
    try:
        text, notes = decode(data, "p.yaml")
    except ReportInvalid as exc:
        assert exc.findings[0].code in ("bad-encoding", "not-text")
        return
    assert isinstance(text, str) and all(n.code == "encoding-detected" for n in notes)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=12), st.integers(min_value=2, max_value=12))
def test_alias_chains_of_any_size_are_refused_without_expanding(levels: int, width: int) -> None:
    lines = ["l0: &l0 [x, x]"] + [f"l{k}: &l{k} [{', '.join([f'*l{k - 1}'] * width)}]" for k in range(1, levels + 1)]
    try:
        parse_yaml("\n".join(lines) + "\n", "p.yaml")
    except ReportInvalid as exc:
        assert {f.code for f in exc.findings} == {"yaml-alias"}
    else:
        raise AssertionError("aliases were accepted")


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=60, max_value=5000), st.sampled_from(["[", "{a: ", "- "]))
def test_deep_nesting_is_refused(depth: int, opener: str) -> None:
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    text = "a: " + opener * depth + "1" + closer * depth + "\n" if opener != "- " else opener * depth + "1\n"
    try:
        parse_yaml(text, "p.yaml")
    except ReportInvalid as exc:
        assert exc.findings[0].code in ("yaml-too-deep", "yaml-syntax")


def _walked_depth(text: str) -> int:
    """The bracket depth as the finding's own scan walks it: every bracket in order, a close at depth 0 ignored."""
    depth = deepest = 0
    for bracket in text:
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif bracket in "]}":
            depth = max(depth - 1, 0)
    return deepest


@FAST
@given(st.text(alphabet=st.sampled_from([*"[]{}a ,\n", "中", "｛", "\U0001f600", "\ud800"]), max_size=400))
def test_the_bracket_depth_of_the_bytes_is_the_depth_of_the_text(text: str) -> None:
    assert _bracket_depth(text) == _walked_depth(text)
