"""What a final build checks besides errors: unused metrics, unclosed text, an undated signature, empty parts."""

from __future__ import annotations

from pathlib import Path

from tests.paths import SAMPLES
from tests.rulecase import write_report
from toolkit.checks.completeness import report_status
from toolkit.checks.finished import final_findings, unclosed_texts, unused_metrics, used_names
from toolkit.model.loading import read_report


def test_used_names_come_from_every_template_field(tmp_path: Path) -> None:
    path = write_report(
        tmp_path, "metrics:\n  a: {value: 1, unit: 个}\n  b: {value: 2, unit: 个}\n", text="共{{ a }}。"
    )
    report, source = read_report(path)
    assert "a" in used_names(report) and "b" not in used_names(report)
    assert [f.code for f in unused_metrics(report, source)] == ["unused-metric"]
    assert "“b”" in unused_metrics(report, source)[0].message


def test_text_must_end_a_sentence_unless_the_report_is_declared_partial(tmp_path: Path) -> None:
    path = write_report(tmp_path, "", text="推动产业发展")
    report, source = read_report(path)
    assert [f.code for f in unclosed_texts(report, source)] == ["unclosed-text"]
    for ending in ("推动产业发展。", "称为“六个百亿”。", "他说：“好。”", "共{{ year }}"):
        report, source = read_report(write_report(tmp_path, "", text=ending, name="ok.yaml"))
        assert unclosed_texts(report, source) == [], ending
    path = write_report(tmp_path, "", top="validation: {partial: 原文中断}\n", text="推动产业发展", name="p.yaml")
    report, source = read_report(path)
    assert unclosed_texts(report, source) == []


def test_the_samples_are_finished_or_say_why_not() -> None:
    for sample in sorted(SAMPLES.glob("*.yaml")):
        report, source = read_report(sample)
        assert unclosed_texts(report, source) == [], sample.name
        assert final_findings(report, source, report_status(report, source)) == [], sample.name


def test_a_metric_printed_in_a_table_cell_is_used() -> None:
    report, source = read_report(SAMPLES / "v-county-2025-plan.yaml")
    assert unused_metrics(report, source) == []  # its table's metrics appear only as {metric: id} cells
