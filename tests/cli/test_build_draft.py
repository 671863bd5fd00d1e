"""build --draft renders missing figures as highlighted placeholders; a normal build refuses and lists them."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import docx
from click.testing import CliRunner
from docx.enum.text import WD_COLOR_INDEX

from tests.paths import ROOT
from toolkit.chinese.figures import growth_phrase, growth_rate
from toolkit.cli import main
from toolkit.workflow.diff import load_report, metrics_of

SAMPLE_2025 = ROOT / "samples" / "x-city-2025.yaml"


def build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", *args])
    return result.exit_code, result.output


def test_a_draft_builds_with_placeholders(rolled: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.txt"
    code, output = build(str(rolled), "--draft", "-o", str(out))
    assert code == 0, output
    assert "已生成草稿" in output
    text = out.read_text(encoding="utf-8")
    assert "2025年，x市坚持" in text
    assert "前三季度产值累计XX亿元，同比增长XX%。" in text  # value and growth both missing
    assert "约XX亿元" in text  # qualifiers stay around the placeholder
    assert "55.33" not in text  # last year's figures are priors, never printed as this year's


def test_a_draft_docx_highlights_the_placeholders(rolled: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    code, output = build(str(rolled), "--draft", "-o", str(out))
    assert code == 0, output
    runs = [run for para in docx.Document(str(out)).paragraphs for run in para.runs]
    highlighted = [run.text for run in runs if run.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert "XX亿元" in highlighted
    assert all("XX" in text for text in highlighted)
    assert not any("XX" in run.text for run in runs if run.font.highlight_color != WD_COLOR_INDEX.YELLOW)


def test_a_normal_build_refuses_and_lists_every_missing_figure(rolled: Path, tmp_path: Path) -> None:
    out = tmp_path / "final.docx"
    code, output = build(str(rolled), "-o", str(out))
    assert code == 1
    assert not out.exists()
    assert output.count("error[missing-figure]") == 117
    lines = rolled.read_text(encoding="utf-8").splitlines()
    first = next(line for line in output.splitlines() if "missing-figure" in line)
    where = first.split(": error")[0]
    line_no, col = (int(n) for n in where.rsplit(":", 2)[1:])
    assert lines[line_no - 1][col - 1 :] == "null"  # at the metric's value
    assert "electronics_output" in first and "工信局" in first
    assert "build --draft" in output


def test_the_2025_sample_builds_and_its_growth_is_computed_from_2024(sample_2024: Path, tmp_path: Path) -> None:
    out = tmp_path / "x-city-2025.txt"
    code, output = build(str(SAMPLE_2025), "-o", str(out))
    assert code == 0, output
    text = out.read_text(encoding="utf-8")
    old, new = metrics_of(load_report(sample_2024)), metrics_of(load_report(SAMPLE_2025))
    for name in ("electronics_output", "leather_output"):
        assert old[name].yoy is not None  # 2024 stated a rate …
        assert new[name].yoy is None  # … the rollover dropped it, so 2025's is computed
        current, prior = new[name].value, old[name].value
        assert current is not None and prior is not None
        assert new[name].prior == prior
        rate = growth_rate(current, prior)
        assert rate is not None
        assert growth_phrase(rate) in text
    assert "同比增长3.2%" in text  # 55.33 → 57.10
    assert "同比增长9.9%" in text  # 7.6 → 8.35
    # education spending keeps a stated rate, which agrees with the computed one
    spending = new["education_spending"]
    assert spending.value is not None and spending.prior is not None
    assert spending.yoy == growth_rate(spending.value, spending.prior) == Decimal("4.8")
    assert "同期增长4.8%" in text


def test_bad_input(tmp_path: Path) -> None:
    code, output = build(str(tmp_path / "nope.yaml"), "--draft", "-o", str(tmp_path / "x.txt"))
    assert code == 1 and "file-not-found" in output


def stated(text: str, rate: str) -> str:
    """The 2025 sample with a stated growth for electronics_output and no prior values (they come from --prior)."""
    text = re.sub(r"(\n( +)value: 57\.10\n)", rf"\1\2yoy: {rate}\n", text, count=1)
    return re.sub(r"\n +prior: [^\n]*", "", text)


def test_validate_prior_checks_stated_growth_against_last_years_file(sample_2024: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["validate", "--prior", str(sample_2024), str(SAMPLE_2025)])
    assert result.exit_code == 0, result.output
    text = SAMPLE_2025.read_text(encoding="utf-8")
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(stated(text, "3.2"), encoding="utf-8")  # (57.10 - 55.33) / 55.33 = 3.2%
    bad.write_text(stated(text, "5.0"), encoding="utf-8")
    assert "prior:" not in good.read_text(encoding="utf-8")
    result = runner.invoke(main, ["validate", "--prior", str(sample_2024), str(good)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["validate", "--prior", str(sample_2024), str(bad)])
    assert result.exit_code == 1, result.output
    assert "yoy-mismatch" in result.output
    assert "55.33" in result.output and "5.0%" in result.output
    result = runner.invoke(main, ["validate", str(bad)])  # without last year's figures there is nothing to check
    assert result.exit_code == 0, result.output
