"""The prose lint: figures written as digits, and years other than the report's, are warnings at their place."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.rulecase import check, codes, line_of, write_report
from toolkit.checks.prose import blank, figure_pattern
from toolkit.diagnostics.finding import Severity
from toolkit.model.fields import YEAR
from toolkit.model.units import magnitudes, units
from toolkit.pipeline import check_file

METRIC = "metrics:\n  n: {value: 130, unit: 个}"


def test_digits_with_a_unit_or_percent_in_prose_are_flagged_where_they_are(tmp_path: Path) -> None:
    path = write_report(tmp_path, METRIC, text="共{{ n }}，其中风电8个，占71%，约52亿元，30多辆，9.98亿。")
    checked = check_file(path)
    found = [f for f in checked.findings if f.code == "figure-in-prose"]
    assert [f.observed for f in found] == ["8个", "71%", "52亿元", "30多辆", "9.98亿"]
    assert all(f.severity is Severity.WARNING for f in found)
    assert checked.ok
    line = line_of(path, "其中风电8个")
    assert found[0].location.line == line
    assert line_text(path, line)[found[0].location.column - 1 :].startswith("8个")


def line_text(path: Path, line: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[line - 1]


def test_references_quoted_names_titles_years_and_versions_are_not_figures(tmp_path: Path) -> None:
    text = "共{{ n }}，“1310”部署，“15分钟健身圈”，《2023年度办法》，{{ year }}年1-10月，v2.0，G234线。"
    checked = check(tmp_path, METRIC, text=text)
    assert codes(checked) == []


def test_a_year_other_than_the_reports_is_a_warning_unless_allowed(tmp_path: Path) -> None:
    text = "2021年以来连续三年，2023年排名第一，2024年完成。"
    checked = check(tmp_path, METRIC, text=text)
    assert codes(checked, Severity.WARNING) == ["year-mismatch", "year-mismatch"]
    assert [f.observed for f in checked.findings] == ["2021", "2023"]
    allowed = check(tmp_path, METRIC, text=text, top="validation:\n  allowed_years: [2021, 2023]\n")
    assert codes(allowed) == []


def test_lints_can_be_switched_off_or_have_their_severity_changed(tmp_path: Path) -> None:
    text = "2021年风电8个。"
    off = "validation:\n  lint: {figure_in_prose: false, year_mismatch: false}\n"
    assert codes(check(tmp_path, METRIC, text=text, top=off)) == []
    stricter = "validation:\n  severity: {figure-in-prose: error}\n"
    checked = check(tmp_path, METRIC, text=text, top=stricter)
    assert not checked.ok and codes(checked, Severity.ERROR) == ["figure-in-prose"]


def test_blank_keeps_offsets() -> None:
    text = "a{{ x }}b“名”c"
    assert len(blank(text)) == len(text) and blank(text).replace(" ", "") == "abc"
    assert figure_pattern().search("共12个百分点").group(0) == "12个百分点"  # type: ignore[union-attr]


# The two scans as their rules read, each with its look-behind first: the toolkit's patterns test it after the first
# digits instead (so a scan skips every other place) and must find exactly the same matches.
_PIECES = st.lists(st.sampled_from([*"0129.aZ 年万亿%个多余", "2024", "1999", "20", "19", "公里"]), max_size=12).map(
    "".join
)


@settings(max_examples=500, deadline=None)
@given(_PIECES)
def test_the_year_and_figure_scans_find_what_their_rules_say(text: str) -> None:
    words = "|".join(re.escape(w) for w in sorted(units(), key=len, reverse=True))
    prefixes = "|".join(re.escape(w) for w in sorted(magnitudes(), key=len, reverse=True))
    figure = rf"(?<![0-9A-Za-z.])[0-9]+(?:\.[0-9]+)?\s*(?:多|余)?\s*(?:(?:{prefixes})?(?:{words})|亿|万)"
    year = r"(?<![0-9.])(?P<year>(?:19|20)[0-9]{2})(?=\s*年)"
    for ours, as_read in ((figure_pattern(), re.compile(figure)), (re.compile(YEAR), re.compile(year))):
        assert [(m.span(), m.groupdict()) for m in ours.finditer(text)] == [
            (m.span(), m.groupdict()) for m in as_read.finditer(text)
        ]
