"""What a final build checks besides errors: unused metrics, unclosed text, an undated signature, empty parts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, meta

from tests.paths import SAMPLES
from tests.rulecase import write_report
from toolkit.checks.completeness import report_status
from toolkit.checks.finished import final_findings, unclosed_texts, unused_metrics, used_names
from toolkit.compose.problems import TemplateProblem
from toolkit.compose.text import MetricView, render_text
from toolkit.model.fields import reference_names, table_metric_names
from toolkit.model.loading import read_report
from toolkit.model.report import Metric
from toolkit.model.tree import one_tree
from toolkit.pipeline import check_file


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


def test_the_names_read_while_composing_are_the_names_found_in_the_texts(tmp_path: Path) -> None:
    """A final build takes the names its texts read from the rendering (``Checked.reads``) instead of parsing every
    text again; over the samples and texts with statements, filters and keywords they are ``used_names``'s."""
    statements = '"{% if a %}有{{ b }}{% endif %}{# 注 #}{{ a.number | trim }}{{ none }}{{ year - 1 }}年。"'
    reports = [*sorted(SAMPLES.glob("*.yaml")), write_report(tmp_path, BLOCK_AB, text=statements)]
    for path in reports:
        checked = check_file(path)
        assert checked.report is not None and checked.reads is not None, path.name
        with one_tree(checked.report):
            assert checked.reads | table_metric_names(checked.report) == used_names(checked.report), path.name
    failing = check_file(write_report(tmp_path, BLOCK_AB, text='"{{ a }}{{ c }}。"', name="c.yaml"))
    assert failing.reads is None  # a text that did not render says nothing: the names are found in the texts


BLOCK_AB = "metrics:\n  a: {value: 1.5, unit: 个}\n  b: {value: 2, unit: 个}\n"
fragment = st.sampled_from(
    [
        "文字",
        "{{ a }}",
        "{{ a.number }}",
        "{{ b.growth }}",
        "{{ items | join('、') }}",
        '{{items|join("，")}}',
        "{{ year + 1 }}",
        "{{ region }}",
        "{{ none }}",
        "{{ a.number | trim }}",
        "{% if a %}",
        "{% endif %}",
        "{# 注 #}",
        "{{ a.phrase }}",
        "{{ year.number }}",
        "\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(fragment, max_size=8).map("".join))
def test_a_text_reads_the_names_reference_names_or_jinja_find(text: str) -> None:
    context: dict[str, Any] = {
        "a": MetricView(Metric(value=Decimal("1.5"), unit="个")),
        "b": MetricView(Metric(value=Decimal(2), unit="个", yoy=Decimal("3.6"))),
        "items": ["甲", "乙"],
        "year": 2024,
        "region": "x市",
    }
    reads: set[str] = set()
    try:
        render_text(text, context, marked=True, reads=reads)
    except TemplateProblem:
        return  # (a text that fails is reported, and its names are then found in the texts)
    expected = reference_names(text)
    if expected is None:
        expected = meta.find_undeclared_variables(Environment().parse(text))
    assert reads == expected
