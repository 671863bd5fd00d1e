"""The CLI end to end: through click's CliRunner and through a subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import click
import docx
from click.testing import CliRunner

from toolkit.cli import main


def test_build_through_a_subprocess(sample_2024: Path, tmp_path: Path) -> None:
    out = tmp_path / "x-city-2024.docx"
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "build", str(sample_2024), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "已生成" in proc.stdout
    # The title is broken into two lines (a trapezoid, GB/T 9704 7.3.1) by a line break inside one paragraph.
    assert (
        docx.Document(str(out)).paragraphs[0].text.replace("\n", "") == "以县城为重要载体的新型城镇化建设推进情况的报告"
    )


def test_format_follows_the_output_extension(sample_2024: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(sample_2024), "-o", str(tmp_path / "x.md")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x.md").read_text(encoding="utf-8").startswith("# 以县城为重要载体")


def test_default_output_is_beside_the_input(sample_2024: Path, tmp_path: Path) -> None:
    copy = tmp_path / "report.yaml"
    shutil.copy(sample_2024, copy)
    result = CliRunner().invoke(main, ["build", str(copy)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.docx").is_file()


def test_validate_the_sample_is_clean(sample_2024: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(sample_2024)])
    assert result.exit_code == 0, result.output


def test_outline_prints_the_tree(sample_2024: Path) -> None:
    result = CliRunner().invoke(main, ["outline", str(sample_2024)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("标题 以县城为重要载体")
    assert lines[1].startswith("段落 2024年，x市坚持")
    assert "  一级标题 一、基本情况" in lines
    assert sum(1 for ln in lines if ln.startswith("    二级标题 （")) == 4
    assert not any(word in result.output for word in ("Title", "Paragraph", "H1", "H2", "H3"))


def test_missing_output_folder_is_a_user_error(sample_2024: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(sample_2024), "-o", str(tmp_path / "no" / "x.docx")])
    assert result.exit_code == 1
    assert "输出目录不存在" in result.output


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert "govreport" in result.output


def test_user_templates_are_searched_first(sample_2024: Path, tmp_path: Path) -> None:
    custom = tmp_path / "tpl"
    custom.mkdir()
    (custom / "item_heading.j2").write_text("【{{ heading }}】", encoding="utf-8")
    out = tmp_path / "x.txt"
    result = CliRunner().invoke(main, ["build", str(sample_2024), "-o", str(out), "--templates", str(custom)])
    assert result.exit_code == 0, result.output
    assert "1.【县城产业支撑能力不断增强】推动x市" in out.read_text(encoding="utf-8")


def test_every_command_module_is_listed_and_loads_on_demand() -> None:
    """Each command lives in a module of ``toolkit/cli``; ``COMMANDS`` lists them so they load when run."""
    import toolkit.cli as cli_package
    from toolkit.cli.app import COMMANDS

    folder = Path(cli_package.__file__).parent
    modules = {p.stem for p in folder.glob("*.py")} - {
        "__init__",
        "app",
        "batch",
        "click_zh",
        "no_plugins",
    }  # the helpers
    assert modules == set(COMMANDS.values())
    for name in COMMANDS:
        command = main.get_command(click.Context(main), name)
        assert command is not None and command.name == name
