"""govreport rollover: year N → N+1 with values moved to prior, comments, order and relations kept."""

from __future__ import annotations

import codecs
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.model.json_schema import schema_reference
from toolkit.model.loading import read_report
from toolkit.source.reader import read_yaml

SMALL = """\
# top comment
type: county-urbanization
meta:
    title: 测试报告
    region: {name: y县, level: 县, province: 某省}
    year: 2024
    as_of: 2024-02-29
    issuer: y县发展和改革局
    date: 2024-11-08   # signature date
preamble:
    - "2024年，{{ region }}推进县城建设，2021年以来持续发力，2025年将继续推进。"
overview:
    parts:
        - pillar: industry
          heading: 2024年产业发展
          text: >-
              2024年产值{{ output }}，{{ output.growth }}，
              {{ year }}年目标完成。
          metrics:
              output:
                  value: 55.30   # as reported
                  unit: 亿元
                  yoy: 3.6
                  # the label says what it measures
                  label: 产值
                  source: 工信局
              other:
                  value: 12
                  prior: 10
                  unit: 个
          checks:
              - kind: range
                of: [other]
        - pillar: municipal
          heading: 市政
        - pillar: public_services
          heading: 公共服务
        - pillar: environment
          heading: 环境
"""


def roll(args: list[str]) -> Any:
    return CliRunner().invoke(main, ["rollover", *args])


def comments(text: str) -> list[str]:
    """Every comment of a YAML text (the samples put no '#' inside strings)."""
    return [m.group(0).strip() for line in text.splitlines() if (m := re.search(r"(^|\s)#.*$", line))]


def key_order(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], list[str]]]:
    """Key order of every mapping, a metric's yoy/prior left out (the rollover changes exactly those)."""
    out: list[tuple[tuple[Any, ...], list[str]]] = []
    if isinstance(data, dict):
        is_metric = len(path) >= 2 and path[-2] == "metrics"
        keys = [k for k in data if not (is_metric and k in ("yoy", "prior"))]
        out.append((path, keys))
        for k, v in data.items():
            out += key_order(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += key_order(v, (*path, i))
    return out


def walk(data: Any, key: str, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], Any]:
    """Every value under a given key, by path."""
    found: dict[tuple[Any, ...], Any] = {}
    if isinstance(data, dict):
        for k, v in data.items():
            if k == key:
                found[(*path, k)] = v
            found.update(walk(v, key, (*path, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found.update(walk(v, key, (*path, i)))
    return found


def test_rolling_the_2024_sample_keeps_comments_order_and_relations(sample_2024: Path, tmp_path: Path) -> None:
    out = tmp_path / "x-city-2025.yaml"
    result = roll([str(sample_2024), "--year", "2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    old_text, new_text = sample_2024.read_text(encoding="utf-8"), out.read_text(encoding="utf-8")
    old, new = read_yaml(sample_2024).data, read_yaml(out).data
    # Every comment survives; the first, the editor's modeline, is recomputed for where the new file lives.
    assert comments(new_text)[1:] == comments(old_text)[1:]
    assert new_text.splitlines()[0] == "# yaml-language-server: $schema=" + schema_reference(out)
    assert key_order(new) == key_order(old)
    assert walk(new, "checks") == walk(old, "checks")
    assert walk(new, "lists") == walk(old, "lists")
    assert walk(new, "text") == walk(old, "text")
    assert new["meta"]["year"] == 2025
    assert str(new["meta"]["as_of"]) == "2025-10-31"
    old_metrics, new_metrics = walk(old, "metrics"), walk(new, "metrics")
    assert len(old_metrics) == len(new_metrics) > 0
    count = 0
    for path, metrics in old_metrics.items():
        for name, metric in metrics.items():
            rolled = new_metrics[path][name]
            assert rolled["value"] is None, name
            assert rolled["prior"] == metric["value"], name
            assert str(rolled["prior"]) == str(metric["value"]), name  # precision kept: 55.30 stays 55.30
            assert "yoy" not in rolled, name
            count += 1
    assert count == 117
    assert "117 个数据" in result.output


def test_years_in_text_move_with_the_report_year(tmp_path: Path) -> None:
    src, out = tmp_path / "y-2024.yaml", tmp_path / "y-2025.yaml"
    src.write_text(SMALL, encoding="utf-8")
    result = roll([str(src), "-o", str(out)])  # --year defaults to the next year
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    data = read_yaml(out).data
    assert (
        data["preamble"][0]
        == "{{ year }}年，{{ region }}推进县城建设，2021年以来持续发力，{{ year + 1 }}年将继续推进。"
    )
    old_text = read_yaml(src).data["overview"]["parts"][0]["text"]
    assert data["overview"]["parts"][0]["text"] == old_text.replace("2024年", "{{ year }}年")
    assert "text: >-\n              {{ year }}年产值{{ output }}，{{ output.growth }}，\n" in text  # folded, same fold
    # headings are templates like every text (toolkit/model/fields.py): their years move too
    assert data["overview"]["parts"][0]["heading"] == "{{ year }}年产业发展"
    assert "2024年 → {{ year }}年" in result.output
    assert "2025年 → {{ year + 1 }}年" in result.output
    assert "保留原文年份" in result.output and "2021年" in result.output


def test_small_report_details(tmp_path: Path) -> None:
    src, out = tmp_path / "y-2024.yaml", tmp_path / "y-2025.yaml"
    src.write_text(SMALL, encoding="utf-8")
    assert roll([str(src), "--year", "2025", "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    data = read_yaml(out).data
    assert data["meta"]["as_of"].isoformat() == "2025-02-28"  # 29 February has no match next year
    assert data["meta"]["date"] is None
    assert re.search(r"\n    date: null +# signature date\n", text)
    assert re.search(r"\n                  value: null +# as reported\n", text)
    assert "prior: 55.30\n" in text
    assert "                  # the label says what it measures\n                  label: 产值" in text
    metrics = data["overview"]["parts"][0]["metrics"]
    assert metrics["other"] == {"value": None, "prior": 12, "unit": "个"}
    assert "    year: 2025\n" in text  # four-space indentation kept
    assert "        - pillar: industry\n" in text
    assert "region: {name: y县, level: 县, province: 某省}" in text  # flow style kept


def test_the_rolled_file_is_rolled_again(tmp_path: Path) -> None:
    src, mid, out = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    src.write_text(SMALL, encoding="utf-8")
    assert roll([str(src), "-o", str(mid)]).exit_code == 0
    result = roll([str(mid), "-o", str(out)])
    assert result.exit_code == 0, result.output
    metrics = read_yaml(out).data["overview"]["parts"][0]["metrics"]
    assert metrics["output"]["value"] is None and metrics["output"]["prior"] is None
    assert read_yaml(out).data["meta"]["year"] == 2026


def test_a_year_that_is_not_later_is_refused(sample_2024: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    for year in ("2024", "2023"):
        result = roll([str(sample_2024), "--year", year, "-o", str(out)])
        assert result.exit_code == 1
        assert "year-not-later" in result.output and "必须晚于报告年度 2024" in result.output
        assert "x-city-2024.yaml:18:" in result.output  # at meta.year
    assert not out.exists()


def test_skipping_a_year_is_refused(sample_2024: Path, tmp_path: Path) -> None:
    result = roll([str(sample_2024), "--year", "2026", "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 1
    assert "year-skipped" in result.output and "逐年滚动" in result.output


def test_an_existing_output_needs_force(sample_2024: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    out.write_text("keep me", encoding="utf-8")
    result = roll([str(sample_2024), "-o", str(out)])
    assert result.exit_code == 1
    assert "已存在" in result.output and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"
    result = roll([str(sample_2024), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert read_yaml(out).data["meta"]["year"] == 2025


def test_a_missing_file_or_folder_is_a_clear_error(tmp_path: Path, sample_2024: Path) -> None:
    result = roll([str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 1
    assert "file-not-found" in result.output and "找不到文件" in result.output
    result = roll([str(sample_2024), "-o", str(tmp_path / "no" / "x.yaml")])
    assert result.exit_code == 1 and "输出目录不存在" in result.output


def test_a_broken_report_is_not_rolled(tmp_path: Path) -> None:
    src = tmp_path / "bad.yaml"
    src.write_text(SMALL.replace("unit: 亿元", "unit: 亿圆"), encoding="utf-8")
    result = roll([str(src), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 1
    assert "unknown-unit" in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_rollover_through_a_subprocess(sample_2024: Path, tmp_path: Path) -> None:
    out = tmp_path / "x-city-2025.yaml"
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "rollover", str(sample_2024), "--year", "2025", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "2024 → 2025" in proc.stdout
    status = subprocess.run(
        [sys.executable, "-m", "toolkit", "status", str(out)], capture_output=True, text=True, check=False
    )
    assert status.returncode == 1
    assert "缺 117 个" in status.stdout


def test_declared_years_are_kept_and_not_listed(tmp_path: Path) -> None:
    src, out = tmp_path / "a.yaml", tmp_path / "b.yaml"
    declared = SMALL.replace("preamble:\n", "validation:\n    allowed_years: [2021, 2025]\npreamble:\n")
    src.write_text(declared, encoding="utf-8")
    result = roll([str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    preamble = read_yaml(out).data["preamble"][0]
    assert preamble == "{{ year }}年，{{ region }}推进县城建设，2021年以来持续发力，2025年将继续推进。"
    assert "2021年（" not in result.output and "2025年（" not in result.output
    assert read_yaml(out).data["validation"] == {"allowed_years": [2021, 2025]}


def test_the_command_maps_its_options_to_one_library_call(monkeypatch: Any, tmp_path: Path) -> None:
    import toolkit.workflow.rollover as rollover

    calls: list[tuple[Any, ...]] = []

    def fake(path: Path, out: Path, year: int | None = None, *, force: bool = False) -> rollover.Rollover:
        calls.append((path, out, year, force))
        return rollover.Rollover(str(path), 2024, 2025, output=str(out))

    monkeypatch.setattr(rollover, "rollover_file", fake)
    src, out = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert roll([str(src), "--year", "2025", "-o", str(out), "--force"]).exit_code == 0
    assert roll([str(src), "-o", str(out)]).exit_code == 0
    assert calls == [(src, out, 2025, True), (src, out, None, False)]


def windows_copy(source: Path, target: Path) -> Path:
    """A report as Windows Notepad saves it: a UTF-8 byte-order mark and CRLF line breaks."""
    target.write_bytes(codecs.BOM_UTF8 + source.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    return target


def test_a_windows_file_rolls_over_with_its_line_breaks_and_byte_order_mark(sample_2024: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain-2025.yaml"
    assert CliRunner().invoke(main, ["rollover", str(sample_2024), "-o", str(plain)]).exit_code == 0
    source = windows_copy(sample_2024, tmp_path / "x-city-2024.yaml")
    out = tmp_path / "x-city-2025.yaml"
    result = CliRunner().invoke(main, ["rollover", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert data.count(b"\n") == data.count(b"\r\n") > 1000  # every line CRLF: none mixed (comments kept \r before)
    assert data[3:].replace(b"\r\n", b"\n") == plain.read_bytes()  # otherwise what the plain file rolls into


@pytest.mark.parametrize(
    ("name", "rolled"),
    [("x-city-2024.yaml", "x-city-2025.yaml"), ("2024-x市.yaml", "2025-x市.yaml"), ("report.yaml", "report-2025.yaml")],
)
def test_without_o_the_new_year_goes_beside_with_the_year_in_its_name(
    sample_2024: Path, tmp_path: Path, name: str, rolled: str
) -> None:
    source = tmp_path / name
    source.write_bytes(sample_2024.read_bytes())
    result = CliRunner().invoke(main, ["rollover", str(source)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"已生成：{tmp_path / rolled}（2024 → 2025 年度草稿）")
    assert read_report(tmp_path / rolled)[0].meta.year == 2025
    again = CliRunner().invoke(main, ["rollover", str(source)])  # the drafter's new file is never replaced
    assert again.exit_code == 1 and "输出文件已存在" in again.output and "--force" in again.output


def test_the_default_name_changes_the_last_mention_of_the_year(tmp_path: Path) -> None:
    from toolkit.workflow.rollover import rolled_name

    assert rolled_name(tmp_path / "2024年x市2024.yaml", 2024, 2025) == tmp_path / "2024年x市2025.yaml"
    assert rolled_name(tmp_path / "x.yml", 2024, 2026) == tmp_path / "x-2026.yml"
