"""The samples of other shapes: a township 汇报, an excerpt starting at （四）, a plan with targets and a table."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from click.testing import CliRunner

from tests.paths import SAMPLES
from toolkit.cli import main
from toolkit.pipeline import check_file
from toolkit.source.reader import read_yaml

TOWN = SAMPLES / "z-town-2024.yaml"
EXCERPT = SAMPLES / "w-county-2023-excerpt.yaml"
PLAN = SAMPLES / "v-county-2025-plan.yaml"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build(sample: Path, out: Path, *extra: str) -> Path:
    result = CliRunner().invoke(main, ["build", str(sample), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def test_the_samples_say_their_figures_are_illustrative() -> None:
    for sample in (TOWN, EXCERPT, PLAN):
        head = sample.read_text(encoding="utf-8")[:400]
        assert "ILLUSTRATIVE SAMPLE" in head and "均为示意" in head


def test_the_township_report_builds_in_its_own_shape(tmp_path: Path) -> None:
    word = docx.Document(str(build(TOWN, tmp_path / "z.docx")))
    texts = [p.text for p in word.paragraphs if p.text.strip()]
    salutation = next(p for p in word.paragraphs if p.text == "各位领导：")
    assert salutation._p.pPr.find(f"{W_NS}ind").get(f"{W_NS}firstLineChars") == "0"
    k = texts.index("一、基本情况")
    assert "1.35万户" in texts[k + 1] and "6.02万人" in texts[k + 1]  # a flat section with its own figures
    assert texts[k + 2] == "二、主要做法及成效"
    assert texts[k + 3].startswith("（一）") and any(t.startswith("（二）") for t in texts)
    assert any(t.startswith("一是完善园区配套。") and "：①园区主干道" in t and "；②新铺设" in t for t in texts)
    assert "三、下一步打算" in texts
    styles = {p.text: p.style.name for p in word.paragraphs}
    assert styles["一、基本情况"] == "Heading 1" and styles[texts[k + 3]] == "Heading 2"


def test_the_township_report_checks_converted_units() -> None:
    checked = check_file(TOWN)
    assert checked.ok and not [f for f in checked.findings if f.severity.value != "info"], checked.findings
    compare = next(r for r in checked.rules if r.rule == "compare:old_pipes")
    assert compare.passes == 1  # 1.2万延长米 ≥ 9000延长米


def test_the_excerpt_starts_at_its_fourth_part(tmp_path: Path) -> None:
    text = build(EXCERPT, tmp_path / "w.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[1].startswith("（四）") and any(line.startswith("（五）") for line in lines)
    assert not any(re.match(r"[一二三四五]、", line) for line in lines)
    checked = check_file(EXCERPT)
    assert checked.report is not None and checked.report.meta.year_approximate and checked.report.meta.year == 2023


def test_the_plan_prints_targets_and_a_table(tmp_path: Path) -> None:
    word = docx.Document(str(build(PLAN, tmp_path / "v.docx")))
    texts = [p.text for p in word.paragraphs]
    assert any("城镇化率力争达到58.5%" in t and "建成区面积预计达到28.6平方公里" in t for t in texts)
    assert texts[2] == "市发展和改革委员会："
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["项目类别", "项目数", "计划投资"]
    assert [c.text for c in table.rows[-1].cells] == ["合计", "13", "35200"]
    assert "单位：万元" in texts
    md = build(PLAN, tmp_path / "v.md").read_text(encoding="utf-8")
    assert "| 合计 | 13 | 35200 |" in md


def test_a_public_build_prints_masks_and_still_checks(tmp_path: Path) -> None:
    public = build(PLAN, tmp_path / "p.txt", "--public").read_text(encoding="utf-8")
    internal = build(PLAN, tmp_path / "i.txt").read_text(encoding="utf-8")
    assert "建设用地指标**亩" in public and "850" not in public.split("建设用地指标")[1][:6]
    assert "建设用地指标850亩" in internal
    word = docx.Document(str(build(PLAN, tmp_path / "p.docx", "--public")))
    assert any("建设用地指标**亩" in p.text for p in word.paragraphs)
    broken = tmp_path / "broken.yaml"
    broken.write_text(PLAN.read_text(encoding="utf-8").replace("value: 35200", "value: 35300"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(broken), "--public", "-o", str(tmp_path / "b.txt")])
    assert result.exit_code == 1 and "sum-mismatch" in result.output  # the real values are still checked


def test_rollover_keeps_the_plan_targets_as_targets(tmp_path: Path) -> None:
    rolled = tmp_path / "v-2026.yaml"
    result = CliRunner().invoke(main, ["rollover", str(PLAN), "-o", str(rolled)])
    assert result.exit_code == 0, result.output
    assert "考核基准" in result.output
    data = read_yaml(rolled).data
    goals = data["sections"][0]["metrics"]
    assert goals["new_roads"]["target"] == 12 and goals["new_roads"]["value"] is None
    assert "prior" not in goals["new_roads"] and "kind" not in goals["new_roads"]
    assert goals["sewage_rate"]["kind"] == "target" and goals["sewage_rate"]["value"] == 75  # due 2027: kept
    assert goals["built_area"]["prior"] == goals["built_area"]["prior"]  # an estimate rolls like any figure
    text = rolled.read_text(encoding="utf-8")
    text = text.replace("new_roads: {value: null, target: 12,", "new_roads: {value: 12.5, target: 12,")
    text = text.replace("new_jobs: {value: null, target: 6500,", "new_jobs: {value: 6000, target: 6500,")
    rolled.write_text(text, encoding="utf-8")
    checked = check_file(rolled)
    met = [f for f in checked.findings if f.code == "target-met"]
    missed = [f for f in checked.findings if f.code == "target-missed"]
    assert len(met) == 1 and "完成目标的 104.2%" in met[0].message
    assert len(missed) == 1 and "新增城镇就业目标未完成目标" in missed[0].message and "92.3%" in missed[0].message
