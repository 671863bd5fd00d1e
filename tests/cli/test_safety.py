"""Issue 9, one test per "Why" bullet: never destroy a user's work, never a traceback.

Each case runs the CLI as a user would and checks the exit code, a Chinese message (at file:line:col where
there is one), that no traceback is shown, and that every file that existed before is byte-identical after.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.paths import SAMPLE_2024
from toolkit.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_refused(result: Result, *words: str, code: int = 1) -> None:
    """Exit ``code`` with a Chinese message naming ``words``, and no traceback."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert CJK.search(result.output), result.output
    for word in words:
        assert word in result.output, result.output


@pytest.fixture
def work(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a copy of the sample, checked unchanged after the test."""
    shutil.copy(SAMPLE_2024, tmp_path / "x.yaml")
    before = snapshot(tmp_path)
    yield tmp_path
    after = snapshot(tmp_path)
    assert {k: after[k] for k in before} == before


# --- Outputs -------------------------------------------------------------------------------------------------------


def test_build_refuses_to_write_over_its_own_input(work: Path) -> None:
    assert_refused(run("build", str(work / "x.yaml"), "-o", str(work / "x.yaml"), "--format", "docx"), "输入文件")
    assert_refused(run("build", str(work / "x.yaml"), "-o", str(work / "x.yaml")), "扩展名", ".docx")


@pytest.mark.parametrize("name", ["report.doc", "report", "report.DOCX.bak"])
def test_build_refuses_an_unknown_extension_and_names_the_known_ones(work: Path, name: str) -> None:
    assert_refused(run("build", str(work / "x.yaml"), "-o", str(work / name)), ".docx、.pdf、.md、.txt", "--format")
    assert not (work / name).exists()


def test_build_refuses_a_format_that_contradicts_the_extension(work: Path) -> None:
    assert_refused(run("build", str(work / "x.yaml"), "--format", "md", "-o", str(work / "b.docx")), "不一致")


def test_an_unknown_extension_is_written_when_the_format_is_given(work: Path) -> None:
    result = run("build", str(work / "x.yaml"), "--format", "txt", "-o", str(work / "x.text"))
    assert result.exit_code == 0, result.output
    assert (work / "x.text").read_text(encoding="utf-8").startswith("以县城为重要载体")


def edit_in_word(path: Path) -> None:
    import docx

    document = docx.Document(str(path))
    document.paragraphs[3].add_run("（领导修改：此段请压缩。）")
    document.save(str(path))


@pytest.mark.parametrize("draft", [[], ["--draft"]])
def test_an_edited_docx_is_not_replaced_and_force_keeps_a_backup(work: Path, draft: list[str]) -> None:
    out = work / "x.docx"
    assert run("build", *draft, str(work / "x.yaml")).exit_code == 0
    edit_in_word(out)
    edited = out.read_bytes()
    result = run("build", *draft, str(work / "x.yaml"))
    assert_refused(result, "x.docx 在生成后被修改过", "--force", "x.docx.bak")
    assert out.read_bytes() == edited
    result = run("build", *draft, str(work / "x.yaml"), "--force")
    assert result.exit_code == 0, result.output
    assert (work / "x.docx.bak").read_bytes() == edited
    assert out.read_bytes() != edited


def test_an_unchanged_output_of_the_toolkit_is_rebuilt_without_force(work: Path) -> None:
    for fmt in ("docx", "txt", "md"):
        assert run("build", str(work / "x.yaml"), "-o", str(work / f"x.{fmt}")).exit_code == 0
        result = run("build", str(work / "x.yaml"), "-o", str(work / f"x.{fmt}"))
        assert result.exit_code == 0, result.output
    assert not list(work.glob("*.bak"))


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_a_file_the_toolkit_did_not_write_is_not_replaced(work: Path, fmt: str) -> None:
    (work / f"notes.{fmt}").write_bytes(b"the leader's own notes")
    assert_refused(run("build", str(work / "x.yaml"), "-o", str(work / f"notes.{fmt}")), "不是由 govreport 生成")


def test_an_edited_text_output_is_not_replaced(work: Path) -> None:
    assert run("build", str(work / "x.yaml"), "-o", str(work / "x.txt")).exit_code == 0
    with (work / "x.txt").open("a", encoding="utf-8") as handle:
        handle.write("手工补充的一段。\n")
    assert_refused(run("build", str(work / "x.yaml"), "-o", str(work / "x.txt")), "在生成后被修改过")


def test_rollover_refuses_to_write_over_last_years_file_even_with_force(work: Path) -> None:
    assert_refused(run("rollover", str(work / "x.yaml"), "-o", str(work / "x.yaml"), "--force"), "输入文件")


def test_rollover_force_keeps_a_backup(work: Path) -> None:
    (work / "y.yaml").write_text("# 手写的文件\n", encoding="utf-8")
    assert_refused(run("rollover", str(work / "x.yaml"), "-o", str(work / "y.yaml")), "已存在", "--force")
    assert run("rollover", str(work / "x.yaml"), "-o", str(work / "y.yaml"), "--force").exit_code == 0
    assert (work / "y.yaml.bak").read_text(encoding="utf-8") == "# 手写的文件\n"


def test_output_folder_missing_for_every_writer(work: Path) -> None:
    missing = work / "missing" / "dir"
    assert_refused(run("build", str(work / "x.yaml"), "-o", str(missing / "x.docx")), "输出目录不存在")
    assert_refused(run("rollover", str(work / "x.yaml"), "-o", str(missing / "y.yaml")), "输出目录不存在")
    assert_refused(run("new", "--region", "y县", "--year", "2025", "-o", str(missing / "y.yaml")), "输出目录不存在")
    assert_refused(run("schema", "-o", str(missing / "s.json")), "输出目录不存在")


@pytest.mark.parametrize(
    ("err", "words"),
    [
        (errno.EACCES, ["无法写入", "Word/WPS"]),
        (errno.EPERM, ["无法写入", "锁定"]),
        (errno.ENOSPC, ["无法写入", "磁盘空间已满"]),
        (errno.EROFS, ["无法写入", "只读"]),
    ],
)
def test_a_locked_file_a_full_disk_or_a_read_only_folder_is_a_message(
    work: Path, monkeypatch: pytest.MonkeyPatch, err: int, words: list[str]
) -> None:
    def fail(src: object, dst: object) -> None:
        raise OSError(err, os.strerror(err), str(dst))

    monkeypatch.setattr(os, "replace", fail)
    for args in (
        ["build", str(work / "x.yaml"), "-o", str(work / "x.docx")],
        ["rollover", str(work / "x.yaml"), "-o", str(work / "y.yaml")],
        ["new", "--region", "y县", "--year", "2025", "-o", str(work / "z.yaml")],
        ["schema", "-o", str(work / "s.json")],
    ):
        assert_refused(run(*args), *words)
    assert sorted(p.name for p in work.iterdir()) == ["x.yaml"]  # no temporary file left


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_read_only_folder_for_real(work: Path) -> None:
    if os.geteuid() == 0:  # root writes into a chmod 555 folder; sysfs refuses new files even to root
        assert_refused(run("build", str(work / "x.yaml"), "-o", "/sys/x.docx"), "无法写入")
        assert not Path("/sys/x.docx").exists()
        return
    folder = work / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert_refused(run("build", str(work / "x.yaml"), "-o", str(folder / "x.docx")), "无法写入")
    finally:
        folder.chmod(0o755)


def test_schema_without_output_writes_into_the_current_folder(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(work)
    result = run("schema")
    assert result.exit_code == 0, result.output
    assert (work / "report.schema.json").is_file()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_outputs_respect_the_umask(work: Path) -> None:
    old = os.umask(0o077)
    try:
        for name in ("x.docx", "x.txt"):
            assert run("build", str(work / "x.yaml"), "-o", str(work / name)).exit_code == 0
            assert (work / name).stat().st_mode & 0o777 == 0o600
        assert run("rollover", str(work / "x.yaml"), "-o", str(work / "y.yaml")).exit_code == 0
        assert (work / "y.yaml").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


# --- The last-resort handler -------------------------------------------------------------------------------------


def test_an_unexpected_exception_is_an_internal_error_with_a_crash_report(
    work: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    crashes = tmp_path_factory.mktemp("crashes")
    monkeypatch.setattr("tempfile.tempdir", str(crashes))

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("toolkit.pipeline.validate_files", boom)
    result = run("validate", str(work / "x.yaml"))
    assert_refused(result, "内部错误", "RuntimeError", code=3)
    (report,) = crashes.glob("govreport-crash-*.txt")
    assert str(report) in result.output
    assert "RuntimeError: a bug" in report.read_text(encoding="utf-8")


# --- Input ---------------------------------------------------------------------------------------------------------

ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)
HOSTILE = [
    ("alias-bomb", ALIAS_BOMB, "h.yaml:1:4: error[yaml-alias]", "锚点"),
    ("recursive-alias", "type: &a [*a]\n", "h.yaml:1:11: error[yaml-alias]", "别名 *a"),
    ("nested-brackets", "type: " + "[" * 3000 + "]" * 3000 + "\n", "h.yaml:1:71: error[yaml-too-deep]", "嵌套"),
    ("long-integer", "type: " + "9" * 5000 + "\n", "h.yaml:1:7: error[number-too-long]", "5000 位"),
    ("huge-exponent", "type: 1e999999\n", "h.yaml:1:7: error[number-out-of-range]", "指数"),
]


@pytest.mark.parametrize(("case", "text", "where", "word"), HOSTILE, ids=[c[0] for c in HOSTILE])
@pytest.mark.parametrize("command", ["validate", "build"])
def test_hostile_yaml_is_a_located_message(
    work: Path, command: str, case: str, text: str, where: str, word: str
) -> None:
    (work / "h.yaml").write_text(text, encoding="utf-8")
    result = run(command, str(work / "h.yaml"))
    assert_refused(result, where, word)


def test_a_huge_exponent_in_a_rule_expression_is_a_finding(work: Path) -> None:
    path = work / "x.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = next(line for line in text.splitlines() if line.strip().startswith("- kind: sum"))
    pad = anchor[: anchor.index("-")]
    rule = f"{pad}- kind: expr\n{pad}  expr: 'wind_projects * 1e999999 * 1e999999 > 0'\n"
    (work / "e.yaml").write_text(text.replace(anchor, rule + anchor, 1), encoding="utf-8")
    assert_refused(run("validate", str(work / "e.yaml")), "rule-bad-expr", "超出范围")


def test_a_gbk_copy_of_the_sample_validates_with_the_same_findings(work: Path) -> None:
    from toolkit.pipeline import check_file

    gbk = work / "gbk.yaml"
    gbk.write_bytes((work / "x.yaml").read_text(encoding="utf-8").encode("gbk"))
    utf8 = check_file(work / "x.yaml")
    other = check_file(gbk)
    notes = [f for f in other.findings if f.code == "encoding-detected"]
    assert len(notes) == 1 and "GBK" in notes[0].message
    key = [(f.code, f.location.line, f.location.column, f.message) for f in utf8.findings]
    assert [(f.code, f.location.line, f.location.column, f.message) for f in other.findings if f not in notes] == key
    result = run("validate", str(gbk))
    assert result.exit_code == run("validate", str(work / "x.yaml")).exit_code
    assert "info[encoding-detected]" in result.output


def test_a_utf16_file_is_read(work: Path) -> None:
    (work / "u.yaml").write_bytes((work / "x.yaml").read_text(encoding="utf-8").encode("utf-16"))
    result = run("validate", str(work / "u.yaml"))
    assert result.exit_code == 0, result.output
    assert "UTF-16" in result.output


def test_a_word_file_renamed_yaml_is_named(work: Path) -> None:
    assert run("build", str(work / "x.yaml")).exit_code == 0
    (work / "w.yaml").write_bytes((work / "x.docx").read_bytes())
    assert_refused(run("validate", str(work / "w.yaml")), "w.yaml:1:1: error[not-text]", "Word 文档")


def test_tab_indentation_is_reported_at_its_line(work: Path) -> None:
    (work / "t.yaml").write_text("type: county-urbanization\nmeta:\n\ttitle: 报告\n", encoding="utf-8")
    assert_refused(run("validate", str(work / "t.yaml")), "t.yaml:3:1: error[yaml-tab]", "制表符")


def test_crlf_and_bom_are_read_as_usual(work: Path) -> None:
    text = (work / "x.yaml").read_text(encoding="utf-8")
    (work / "c.yaml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = run("validate", str(work / "c.yaml"))
    assert result.exit_code == 0, result.output


# --- Sandbox -------------------------------------------------------------------------------------------------------

TEXT_LINE = "          text: 推动x市“六个百亿”产业项目发展。"
LINE = SAMPLE_2024.read_text(encoding="utf-8").splitlines().index(TEXT_LINE) + 1


def with_text(work: Path, replacement: str, name: str = "s.yaml") -> Path:
    text = (work / "x.yaml").read_text(encoding="utf-8")
    assert TEXT_LINE in text
    path = work / name
    path.write_text(text.replace(TEXT_LINE, replacement, 1), encoding="utf-8")
    return path


SANDBOX = [
    ("power", "{{ (9 ** (9 ** 9)) > 1 }}", "unsafe-template", "乘方"),
    ("repeat", '{{ "ab" * 5000000 }}', "unsafe-template", "过长"),
    ("divide", "{{ 1/0 }}", "template-error", "除数为零"),
    ("lipsum", "{{ lipsum(1) }}", "undefined-metric", "lipsum"),
    ("range", "{% for i in range(3) %}{{ i }}{% endfor %}", "undefined-metric", "range"),
    ("model-dump", "{{ electronics_output.metric.model_dump() }}", "template-error", ".metric"),
    ("full-width", "｛｛ industrial_firms ｝｝", "template-typo", "全角花括号"),
    ("single-brace", "{industrial_firms}", "template-typo", "一层花括号"),
]


@pytest.mark.parametrize(("case", "snippet", "code", "word"), SANDBOX, ids=[c[0] for c in SANDBOX])
@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_hostile_or_mistyped_text_is_a_finding_at_its_line(
    work: Path, command: str, case: str, snippet: str, code: str, word: str
) -> None:
    path = with_text(work, f"          text: '推动x市{snippet}发展。'")
    result = run(command, str(path), *(["-o", str(work / "s.txt")] if command == "build" else []))
    assert_refused(result, f"s.yaml:{LINE}:", f"error[{code}]", word)
    assert not (work / "s.txt").exists()


def test_a_problem_in_a_block_scalar_is_at_its_own_line(work: Path) -> None:
    path = with_text(
        work, "          text: |-\n            推动x市“六个百亿”产业项目发展，\n            共{{ outptu }}。"
    )
    assert_refused(run("validate", str(path)), f"s.yaml:{LINE + 2}:17: error[undefined-metric]", "outptu")
    path = with_text(work, "          text: |-\n            推动x市发展，\n            共{{ 1/0 }}。", "d.yaml")
    assert_refused(run("validate", str(path)), f"d.yaml:{LINE + 2}:13: error[template-error]", "除数为零")


@pytest.mark.parametrize(
    ("template", "code", "line"),
    [
        ("{{ heading.__class__.__mro__ }}", "unsafe-template", 1),
        ("\n{{ heading ", "template-syntax", 2),
        ("{{ heading | nosuchfilter }}", "template-syntax", 1),
        ("第一行\n{{ nosuchvariable }}", "template-error", 2),
    ],
)
def test_broken_block_templates_are_findings_for_validate_and_build(
    work: Path, template: str, code: str, line: int
) -> None:
    folder = work / "tpl"
    folder.mkdir()
    (folder / "item_heading.j2").write_text(template, encoding="utf-8")
    where = f"item_heading.j2:{line}:1: error[{code}]"
    assert_refused(run("validate", str(work / "x.yaml"), "--templates", str(folder)), where)
    assert_refused(run("build", str(work / "x.yaml"), "--templates", str(folder), "-o", str(work / "t.txt")), where)
    assert not (work / "t.txt").exists()
    assert run("validate", str(work / "x.yaml")).exit_code == 0  # without --templates the project's are used


# --- Every finding in one run; drafts circulate; a final build is final ------------------------------------------


def edit(work: Path, name: str, *pairs: tuple[str, str]) -> Path:
    text = (work / "x.yaml").read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    (work / name).write_text(text, encoding="utf-8")
    return work / name


def codes(result: Result) -> list[str]:
    return re.findall(r"(?:error|warning|info)\[([a-z0-9-]+)\]", result.output)


def test_an_unknown_unit_a_missing_pillar_and_a_failing_sum_in_one_run(work: Path) -> None:
    text = (work / "x.yaml").read_text(encoding="utf-8")
    environment = text[text.index("    - pillar: environment") :]
    path = edit(
        work,
        "three.yaml",
        ("unit: 亿元", "unit: 亿圆"),  # electronics_output: an unknown unit
        ("                  value: 117", "                  value: 171"),  # the new-energy sum no longer adds up
        (environment, ""),  # the environment pillar is gone
    )
    result = run("validate", str(path))
    assert_refused(result, "亿圆", "环境基础设施提级扩能", "171")
    found = codes(result)
    assert {"unknown-unit", "missing-pillar", "sum-mismatch"} <= set(found), found
    assert "not-checked" in found  # and it says what it could not check


def test_a_structure_error_does_not_hide_a_text_typo_or_a_duplicate_id(work: Path) -> None:
    path = edit(
        work,
        "multi.yaml",
        ("                  value: 117", "                  value: 11７亿"),
        ("{{ electronics_output }}，", "{{ electronics_outptu }}，"),
        (
            "          id: six_industries",
            "          id: six_industries\n          metrics:\n            year: {value: 1, unit: 个}",
        ),
    )
    found = codes(run("validate", str(path)))
    assert {"wrong-type", "undefined-metric", "reserved-name"} <= set(found), found


def test_a_final_build_lists_rule_errors_and_every_missing_figure_together(work: Path) -> None:
    rolled = work / "r.yaml"
    assert run("rollover", str(work / "x.yaml"), "-o", str(rolled)).exit_code == 0
    text = rolled.read_text(encoding="utf-8")
    rolled.write_text(text.replace("value: null", "value: 500", 1), encoding="utf-8")
    result = run("build", str(rolled), "-o", str(work / "r.txt"))
    found = codes(result)
    assert found.count("missing-figure") > 100 and any(
        c != "missing-figure" for c in found if c != "rule-not-evaluated"
    )
    assert not (work / "r.txt").exists()


def test_a_draft_circulates_when_a_rule_fails_with_the_failing_figure_in_red(work: Path) -> None:
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    rolled = work / "r.yaml"
    assert run("rollover", str(work / "x.yaml"), "-o", str(rolled)).exit_code == 0
    text = rolled.read_text(encoding="utf-8")
    for name, value in (
        ("new_energy_projects", 130),
        ("wind_projects", 8),
        ("central_pv_projects", 4),
        ("distributed_pv_projects", 171),
        ("biomass_projects", 1),
    ):
        start = text.index(f"{name}:")
        at = text.index("value: null", start)
        text = text[:at] + f"value: {value}" + text[at + len("value: null") :]
    rolled.write_text(text, encoding="utf-8")
    assert run("build", str(rolled), "-o", str(work / "final.docx")).exit_code == 1
    result = run("build", "--draft", str(rolled), "-o", str(work / "draft.docx"))
    assert result.exit_code == 0, result.output
    assert "error[sum-mismatch]" in result.output and "红色" in result.output  # the command lists the findings
    runs = [r for p in docx.Document(str(work / "draft.docx")).paragraphs for r in p.runs]
    red = {r.text for r in runs if r.font.highlight_color == WD_COLOR_INDEX.RED}
    yellow = [r.text for r in runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert "171个" in red and "130个" in red and yellow and "XX" in "".join(yellow)


def test_a_final_build_refuses_a_signature_without_its_date(tmp_path: Path) -> None:
    from tests.paths import SAMPLES

    rolled = tmp_path / "y.yaml"
    text = (
        (SAMPLES / "y-county-2024.yaml").read_text(encoding="utf-8").replace("  date: 2024-11-15\n", "  date: null\n")
    )
    rolled.write_text(text, encoding="utf-8")
    result = run("build", str(rolled), "-o", str(tmp_path / "y.txt"))
    assert_refused(result, "error[signature-undated]", "成文日期")
    assert run("build", "--draft", str(rolled), "-o", str(tmp_path / "y.txt")).exit_code == 0


def test_a_final_build_refuses_a_skeleton_with_empty_parts(tmp_path: Path) -> None:
    skeleton = tmp_path / "z.yaml"
    assert run("new", "--region", "阳山县", "--year", "2025", "-o", str(skeleton)).exit_code == 0
    result = run("build", str(skeleton), "-o", str(tmp_path / "z.docx"))
    assert_refused(result, "error[empty-part]")
    assert not (tmp_path / "z.docx").exists()


def test_unclosed_text_and_unused_metrics_warn_and_strict_refuses(work: Path) -> None:
    path = edit(
        work,
        "w.yaml",
        ("  partial: 原文在一、（四）3. 处中断，其后部分缺失\n", ""),
        (TEXT_LINE, TEXT_LINE + "\n          metrics:\n            idle_figure: {value: 3, unit: 个}"),
    )
    result = run("build", str(path), "-o", str(work / "w.txt"))
    assert result.exit_code == 0, result.output
    assert "warning[unclosed-text]" in result.output and "warning[unused-metric]" in result.output
    assert "idle_figure" in result.output
    (work / "w.txt").unlink()
    (work / ".w.txt.govreport").unlink()
    assert_refused(run("build", "--strict", str(path), "-o", str(work / "w.txt")), "unclosed-text")
    assert not (work / "w.txt").exists()


def test_the_partial_sample_says_so_and_builds_strictly(work: Path) -> None:
    result = run("build", "--strict", str(work / "x.yaml"), "-o", str(work / "x.txt"))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
