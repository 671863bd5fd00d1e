"""Acceptance of ``govreport import``: the seed and every sample come back from their documents as data.

Import is the inverse of build: the rebuilt text equals the source paragraph by paragraph (the round-trip
normalisation of tests/seedtext.py), and the figures come back as the same metrics.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from tests.paths import SAMPLE_2024, SAMPLES
from tests.seedtext import SEED, normalise, seed_paragraphs
from toolkit.cli import main
from toolkit.compose.text import stated_or_computed_growth
from toolkit.model.loading import read_report
from toolkit.model.report import blocks, iter_metrics
from toolkit.workflow.importer import import_document, import_file

MetricKey = tuple[Decimal | None, str, str | None, Decimal | None]


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def metric_set(path: Path) -> Counter[MetricKey]:
    """(value, unit, qualifier, growth as printed) of every metric; growth only where the text prints it."""
    report, _ = read_report(path)
    text = path.read_text(encoding="utf-8")
    out: Counter[MetricKey] = Counter()
    for name, metric, _ in iter_metrics(report):
        printed = re.search(r"\{\{\s*" + name + r"\.growth\s*\}\}", text) is not None
        growth = stated_or_computed_growth(metric) if printed else None
        out[(metric.value, metric.unit, metric.qualifier, growth)] += 1
    return out


def lines(path: Path) -> list[str]:
    return [normalise(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed_import(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "x.yaml"
    run("import", str(SEED), "-o", str(out))
    return out


def test_seed_txt_rebuilds_every_paragraph(seed_import: Path, tmp_path: Path) -> None:
    run("build", str(seed_import), "-o", str(tmp_path / "x.txt"))
    assert lines(tmp_path / "x.txt") == seed_paragraphs()


def test_seed_figures_are_metrics(seed_import: Path) -> None:
    """The sample is the seed as data by hand: its 117 metrics are the seed's figures with units."""
    want = metric_set(SAMPLE_2024)
    got = metric_set(seed_import)
    found = sum((want & got).values())
    assert sum(want.values()) == 117
    assert found >= 112, (found, want - got)
    assert found == 117  # today every one is found, with its qualifier and growth
    assert sum(got.values()) == 117  # and nothing else (years, 1-10月, “1310”, G234, v2.0 stay text)


def test_seed_web_noise_is_left_out_with_a_note(seed_import: Path) -> None:
    text = seed_import.read_text(encoding="utf-8")
    assert "xiezuogongyuan" not in text.split("type:", 1)[1]
    assert "重复的标题" in text and "网页页脚已略去" in text and "半角标点已改为全角" in text


def test_seed_sum_relations_are_proposed(seed_import: Path) -> None:
    report, _ = read_report(seed_import)
    values = {name: metric.value for name, metric, _ in iter_metrics(report)}
    sums = []
    for _, block in blocks(report):
        for rule in block.checks:
            if rule.kind == "sum":
                sums.append((values[rule.total], sorted(values[p] for p in rule.parts), rule.exhaustive))
    assert (Decimal(130), sorted(Decimal(v) for v in (8, 4, 117, 1)), True) in sums
    assert (Decimal(1526), sorted(Decimal(v) for v in (127, 631, 515, 253)), True) in sums
    assert "导入时检出：130个，其中风电8个、集中式光伏4个" in seed_import.read_text(encoding="utf-8")


def test_seed_import_keeps_the_report_year_as_a_variable(seed_import: Path) -> None:
    text = seed_import.read_text(encoding="utf-8")
    assert "year: 2024" in text and '- "{{ year }}年，' in text
    assert "allowed_years: [2021, 2023, 2025, 2027]" in text


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["docx", "md", "txt"])
def test_import_inverts_build(sample: Path, fmt: str, tmp_path: Path) -> None:
    built = tmp_path / f"built.{fmt}"
    run("build", str(sample), "-o", str(built))
    imported = tmp_path / "imported.yaml"
    run("import", str(built), "-o", str(imported))
    want, got = metric_set(sample), metric_set(imported)
    assert got == want
    run("build", str(sample), "-o", str(tmp_path / "a.txt"))
    run("build", str(imported), "-o", str(tmp_path / "b.txt"))
    assert lines(tmp_path / "b.txt") == lines(tmp_path / "a.txt")


def test_docx_round_trip_keeps_the_signature(tmp_path: Path) -> None:
    built = tmp_path / "y.docx"
    run("build", str(SAMPLES / "y-county-2024.yaml"), "-o", str(built))
    imported = import_document(built)
    assert imported.tree.issuer == "y县发展和改革局" and imported.tree.date == (2024, 11, 15)
    assert 'issuer: "y县发展和改革局"' in imported.yaml and "date: 2024-11-15" in imported.yaml


def bold(paragraph: docx.text.paragraph.Paragraph, text: str) -> None:
    paragraph.add_run(text).bold = True


def test_docx_from_another_tool_recovers_the_structure(tmp_path: Path) -> None:
    """Headings as plain bold paragraphs, no heading styles, no numbering definitions: numbering gives the levels."""
    document = docx.Document()
    title = document.add_paragraph()
    bold(title, "z县2023年以县城为重要载体的新型城镇化建设推进情况的报告")
    title.alignment = 1
    document.add_paragraph("县人大常委会：")
    document.add_paragraph("2023年，z县扎实推进以县城为重要载体的新型城镇化建设，现将有关情况报告如下。")
    bold(document.add_paragraph(), "一、基本情况")
    bold(document.add_paragraph(), "（一）壮大特色产业，县域经济稳步发展")
    item = document.add_paragraph()
    bold(item, "1.产业园区提质增效。")
    item.add_run("园区新入驻企业共15家，其中食品企业9家、建材企业6家。一是完善园区配套。新建标准厂房3.2万平方米。")
    item.add_run("二是加快招商引资。签约项目12个，总投资约46亿元，同比增长8.5%。")
    bold(document.add_paragraph(), "（二）完善市政设施，县城运行基础更加夯实")
    document.add_paragraph("一是新建改造市政道路12.6公里。")
    document.add_paragraph("二是改造老旧燃气管网8公里。")
    bold(document.add_paragraph(), "（三）强化公共服务，民生福祉持续增进")
    document.add_paragraph("一是新增公办学位1200个。")
    document.add_paragraph("二是县医院新增床位150张。")
    bold(document.add_paragraph(), "（四）加强生态保护，人居环境明显改善")
    document.add_paragraph("一是县城生活污水集中收集率达到71.5%。")
    bold(document.add_paragraph(), "二、存在的问题")
    document.add_paragraph("产业规模总体偏小，设施建设资金缺口较大。")
    bold(document.add_paragraph(), "三、下一步工作计划")
    document.add_paragraph("一是做强主导产业。二是补齐设施短板。")
    document.add_paragraph("z县发展和改革局")
    document.add_paragraph("2023年12月5日")
    path = tmp_path / "other.docx"
    document.save(str(path))

    out = tmp_path / "z.yaml"
    imported = import_file(path, out)
    tree = imported.tree
    assert tree.title == "z县2023年以县城为重要载体的新型城镇化建设推进情况的报告"
    assert tree.addressee == "县人大常委会："
    assert [t.text[:5] for t in tree.preamble] == ["2023年"]
    assert [(s.kind, s.heading) for s in tree.sections] == [
        ("section", "基本情况"),
        ("section", "存在的问题"),
        ("section", "下一步工作计划"),
    ]
    parts = tree.sections[0].children
    assert [p.kind for p in parts] == ["part"] * 4
    item_node = parts[0].children[0]
    assert (item_node.kind, item_node.heading) == ("item", "产业园区提质增效")
    assert [(c.kind, c.heading) for c in item_node.children] == [("point", "完善园区配套"), ("point", "加快招商引资")]
    assert (tree.issuer, tree.date) == ("z县发展和改革局", (2023, 12, 5))

    report, _ = read_report(out)
    assert report.meta.year == 2023 and report.meta.region.name == "z县" and report.meta.region.level == "县"
    assert report.meta.addressee == "县人大常委会："
    assert [s.heading for s in report.sections] == ["基本情况", "存在的问题", "下一步工作计划"]
    parts = report.sections[0].sections
    assert [p.pillar for p in parts] == ["industry", "municipal", "public_services", "environment"]
    assert [p.heading for p in parts[0].sections] == ["产业园区提质增效"]
    assert len(parts[0].sections[0].points) == 2 and len(report.sections[2].points) == 2
    values = {metric.value for _, metric, _ in iter_metrics(report)}
    assert {Decimal("15"), Decimal("9"), Decimal("6"), Decimal("3.2"), Decimal("46"), Decimal("71.5")} <= values
    rules = [rule for _, block in blocks(report) for rule in block.checks]
    assert any(rule.kind == "sum" for rule in rules)

    run("build", str(out), "-o", str(tmp_path / "z.docx"))
    rebuilt = [normalise(p.text) for p in docx.Document(str(tmp_path / "z.docx")).paragraphs if p.text.strip()]
    original = [normalise(p.text) for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    assert rebuilt == original


def test_places_to_check_are_counted_and_not_invented(seed_import: Path) -> None:
    """An item whose text is its 一是/二是 points is not flagged as a heading without text."""
    text = seed_import.read_text(encoding="utf-8")
    assert "原文条目标题后没有句号和正文" not in text
    imported = import_document(SEED)
    assert imported.unsure == sum(1 for line in imported.yaml.splitlines() if line.strip().startswith("# 请确认："))
