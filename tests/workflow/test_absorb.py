"""absorb: a reviewed .docx (tracked changes by python-docx, as Word writes them) back into the YAML (issue 14)."""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from tests.paths import SAMPLES
from tests.revisions import AUTHOR, add_comment, delete_tracked, insert_paragraph_after, replace_tracked
from toolkit.cli import main
from toolkit.model.json_schema import with_modeline
from toolkit.source.wordfile import read_edited_docx

SAMPLE = SAMPLES / "x-city-2025.yaml"
ADDED = "全年工作总体平稳有序。"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args])
    return result.exit_code, result.output


def paragraph(document: docx.document.Document, text: str) -> docx.text.paragraph.Paragraph:
    return next(p for p in document.paragraphs if text in p.text)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the 2025 sample and its final build."""
    source = tmp_path / "x-city-2025.yaml"
    shutil.copy(SAMPLE, source)
    out = tmp_path / "x-city-2025.docx"
    code, output = run("build", str(source), "-o", str(out))
    assert code == 0, output
    return source, out


def review(docx_path: Path, out: Path) -> Path:
    """The four edits of acceptance 2, tracked, plus a reviewer's comment."""
    document = docx.Document(str(docx_path))
    commerce = paragraph(document, "累计收集县域商业行动")
    replace_tracked(commerce, "11", "12", occurrence_of="行动11个")  # a figure
    replace_tracked(commerce, "为", "达到", occurrence_of="交易额为")  # a sentence reworded around a figure
    water = paragraph(document, "发展绿色水经济")
    start = re.search("[一二三四五六七八九十]+是发展绿色水经济", water.text)
    assert start is not None
    delete_tracked(water, start.start(), len(water.text))  # a point
    insert_paragraph_after(paragraph(document, "x市坚持以习近平"), ADDED)  # a paragraph
    add_comment(document, paragraph(document, "县城产业支撑能力"), "请核实六个百亿的表述。")
    document.save(str(out))
    return out


def expected_yaml(text: str) -> str:
    """The sample with exactly the four edits made by hand."""
    text = text.replace('  - "{{ year }}年，x市坚持', '  - "{{ year }}年，x市坚持', 1)
    lines = text.splitlines(keepends=True)
    at = next(k for k, line in enumerate(lines) if line.startswith("preamble:"))
    lines.insert(at + 2, f"  - {ADDED}\n")
    text = "".join(lines)
    text = re.sub(r"(county_commerce_actions:\n(?: +\w+: .*\n)*? +value: )11\n", r"\g<1>12\n", text, count=1)
    text = text.replace("电子商务交易额为{{ ecommerce_turnover }}", "电子商务交易额达到{{ ecommerce_turnover }}", 1)
    return re.sub(r" +- heading: 发展绿色水经济\n +text: [^\n]*\n", "", text, count=1)


def test_absorb_updates_exactly_the_edits(built: tuple[Path, Path], tmp_path: Path) -> None:
    source, out = built
    edited = review(out, tmp_path / "edited.docx")
    new = tmp_path / "new.yaml"
    code, output = run("absorb", str(edited), str(source), "-o", str(new))
    assert code == 0, output
    # the first line, the editor's modeline, is pointed at a schema that resolves from new.yaml (docs/EDITORS.md)
    assert new.read_text(encoding="utf-8") == with_modeline(expected_yaml(source.read_text(encoding="utf-8")), new)
    # the review names every change, each tracked change with its author, and the reviewer's comment
    assert "county_commerce_actions：11个 → 12个" in output
    assert "保留引用：{{ ecommerce_turnover }}" in output
    assert "新增：" in output and ADDED in output
    assert "删除：" in output and "发展绿色水经济" in output
    assert output.count(AUTHOR) >= 6
    assert "请核实六个百亿的表述。" in output and "overview.parts[0].items[0].heading" in output
    # rebuilding gives the edited text
    rebuilt = tmp_path / "rebuilt.docx"
    code, output = run("build", str(new), "-o", str(rebuilt))
    assert code == 0, output
    accepted = [p.accepted for p in read_edited_docx(edited.read_bytes()).paragraphs]
    assert [p.accepted for p in read_edited_docx(rebuilt.read_bytes()).paragraphs] == accepted


def test_a_windows_files_edits_come_back_with_its_line_breaks_and_byte_order_mark(tmp_path: Path) -> None:
    source = tmp_path / "x-city-2025.yaml"
    source.write_bytes(codecs.BOM_UTF8 + SAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    out = tmp_path / "x-city-2025.docx"
    code, output = run("build", str(source), "-o", str(out))
    assert code == 0, output
    edited = review(out, tmp_path / "edited.docx")
    new = tmp_path / "new.yaml"
    code, output = run("absorb", str(edited), str(source), "-o", str(new))
    assert code == 0, output
    data = new.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and data.count(b"\n") == data.count(b"\r\n")
    expected = with_modeline(expected_yaml(SAMPLE.read_text(encoding="utf-8")), new)
    assert data[3:].decode("utf-8").replace("\r\n", "\n") == expected


def test_a_document_not_built_by_the_toolkit_is_refused(built: tuple[Path, Path], tmp_path: Path) -> None:
    source, _ = built
    plain = tmp_path / "other.docx"
    document = docx.Document()
    document.add_paragraph("别处的报告。")
    document.save(str(plain))
    before = source.read_text(encoding="utf-8")
    code, output = run("absorb", str(plain), str(source))
    assert code == 1
    assert "absorb-not-built" in output and "govreport import" in output
    assert source.read_text(encoding="utf-8") == before
    (tmp_path / "not.docx").write_bytes(b"PK\x03\x04 not really")
    code, output = run("absorb", str(tmp_path / "not.docx"), str(source))
    assert code == 1 and "absorb-unreadable" in output and "Traceback" not in output


def test_an_edit_that_cannot_be_placed_writes_nothing_unless_partial(built: tuple[Path, Path], tmp_path: Path) -> None:
    source, out = built
    document = docx.Document(str(out))
    commerce = paragraph(document, "累计收集县域商业行动")
    replace_tracked(commerce, "11个", "11家", occurrence_of="行动11个")  # a unit cannot be changed in Word
    replace_tracked(commerce, "为", "达到", occurrence_of="交易额为")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    before = source.read_text(encoding="utf-8")
    code, output = run("absorb", str(edited), str(source))
    assert code == 1
    assert "absorb-unplaced" in output and "county_commerce_actions" in output and "未写入任何文件" in output
    assert source.read_text(encoding="utf-8") == before
    code, output = run("absorb", "--partial", str(edited), str(source))
    assert code == 0, output
    after = source.read_text(encoding="utf-8")
    assert "交易额达到{{ ecommerce_turnover }}" in after and "value: 11\n" in after


def test_growth_qualifier_and_a_retyped_figure(built: tuple[Path, Path], tmp_path: Path) -> None:
    source, out = built
    document = docx.Document(str(out))
    electronics = paragraph(document, "前三季度产值累计57.10亿元")
    replace_tracked(electronics, "3.2", "3.5", occurrence_of="同比增长3.2%")  # a stated growth rate
    gi = paragraph(document, "现拥有国家地理标志保护产品")
    replace_tracked(gi, "个，", "种；", occurrence_of="产品3个，")  # the figure retyped as other words
    tourism = paragraph(document, "前三季度x市共接待游客")
    replace_tracked(tourism, "137.65", "约140", occurrence_of="接待游客137.65万人次")  # a qualifier
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    code, output = run("absorb", str(edited), str(source))
    assert code in (0, 1), output  # 1: validate may flag the stated growth
    text = source.read_text(encoding="utf-8")
    assert re.search(r"electronics_output:\n(?: +\w+: .*\n)*? +value: 57\.10\n +yoy: 3\.5\n", text)
    assert re.search(r"tourist_visits:\n(?: +\w+: .*\n)*? +value: 140\n +unit: 万人次\n +qualifier: 约\n", text)
    assert "text: 现拥有国家地理标志保护产品3种；绿色食品认证{{ green_food_certs }}" in text
    assert "absorb-plain-digits" in output and "{{ gi_products }}" in output


def test_after_the_yaml_changed_tracked_edits_still_come_back(built: tuple[Path, Path], tmp_path: Path) -> None:
    source, out = built
    edited = review(out, tmp_path / "edited.docx")
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("value: 1.92", "value: 1.95", 1), encoding="utf-8")  # the drafter went on
    code, output = run("absorb", str(edited), str(source))
    # the commerce paragraph changed on both sides: a conflict, nothing written
    assert code == 1 and "absorb-conflict" in output and "YAML 在生成 Word 稿之后改过" in output
    code, output = run("absorb", "--partial", str(edited), str(source))
    assert code == 0, output
    after = source.read_text(encoding="utf-8")
    assert ADDED in after and "发展绿色水经济" not in after and "value: 1.95" in after


SYSTEM_PYTHON = Path("/usr/bin/python3")
LO_EDITS = [
    {"find": "(?<=行动)11(?=个)", "replace": "12"},
    {"find": "交易额为", "replace": "交易额达到"},
    {"find": "四是发展绿色水经济.*$", "replace": ""},
    {"after": "x市坚持以习近平", "paragraph": ADDED},
]


def uno_available() -> bool:
    if shutil.which("soffice") is None or not SYSTEM_PYTHON.is_file():
        return False
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True, check=False)
    return probe.returncode == 0


def test_the_same_edits_made_in_libreoffice_come_back_the_same(built: tuple[Path, Path], tmp_path: Path) -> None:
    if not uno_available():
        message = "LibreOffice with python3-uno (/usr/bin/python3) is not installed (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run the real LibreOffice edit, not skip it
        pytest.skip(message)
    source, out = built
    edits = tmp_path / "edits.json"
    edits.write_text(json.dumps(LO_EDITS, ensure_ascii=False), encoding="utf-8")
    edited = tmp_path / "edited-in-libreoffice.docx"
    script = Path(__file__).resolve().parent.parent / "lo_edit.py"
    command = [str(SYSTEM_PYTHON), str(script), str(out), str(edited), str(tmp_path / "profile"), str(edits)]
    done = subprocess.run(command, capture_output=True, timeout=300, check=False)
    assert done.returncode == 0 and edited.is_file(), done.stderr.decode("utf-8", "replace")
    new = tmp_path / "new.yaml"
    code, output = run("absorb", str(edited), str(source), "-o", str(new))
    assert code == 0, output
    # the first line, the editor's modeline, is pointed at a schema that resolves from new.yaml (docs/EDITORS.md)
    assert new.read_text(encoding="utf-8") == with_modeline(expected_yaml(source.read_text(encoding="utf-8")), new)
    assert "王 科长" in output  # the author LibreOffice recorded on each change
    assert "county_commerce_actions：11个 → 12个" in output and "保留引用：{{ ecommerce_turnover }}" in output
    rebuilt = tmp_path / "rebuilt.docx"
    code, output = run("build", str(new), "-o", str(rebuilt))
    assert code == 0, output
    accepted = [p.accepted for p in read_edited_docx(edited.read_bytes()).paragraphs]
    assert [p.accepted for p in read_edited_docx(rebuilt.read_bytes()).paragraphs] == accepted


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_an_unedited_build_of_every_sample_comes_back_unchanged(sample: Path, tmp_path: Path) -> None:
    source = tmp_path / sample.name
    shutil.copy(sample, source)
    out = tmp_path / "draft.docx"
    code, output = run("build", "--draft", str(source), "-o", str(out))
    assert code == 0, output
    code, output = run("absorb", str(out), str(source))
    assert code == 0, output
    assert "没有修改" in output and source.read_bytes() == sample.read_bytes()


def test_a_table_cell_figure_and_label(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    shutil.copy(SAMPLES / "v-county-2025-plan.yaml", source)
    out = tmp_path / "plan.docx"
    code, output = run("build", str(source), "-o", str(out))
    assert code == 0, output
    document = docx.Document(str(out))
    table = document.tables[0]
    replace_tracked(table.cell(1, 2).paragraphs[0], "18600", "19000")
    replace_tracked(table.cell(1, 0).paragraphs[0], "市政道路", "市政道路桥梁")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    code, output = run("absorb", "--partial", str(edited), str(source))
    assert "已写入" in output, output
    text = source.read_text(encoding="utf-8")
    assert "road_investment: {value: 19000, unit: 万元" in text
    assert (
        "- [市政道路桥梁, " in text
    )  # (the round trip writes the row's {metric: …} cells as metric: …, as rollover does)
    assert "sum" in output or "total" in output  # the total row no longer adds up: validate says so


def test_a_text_printed_as_several_paragraphs_is_not_rewritten_from_one(tmp_path: Path) -> None:
    source = tmp_path / "x.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    first = text.index('  - "{{ year }}年，x市坚持')
    end = text.index("\n", first)
    source.write_text(
        text[:first] + '  - "{{ year }}年，x市坚持推进。\\n全年工作总体平稳。"' + text[end:], encoding="utf-8"
    )
    out = tmp_path / "x.docx"
    code, output = run("build", str(source), "-o", str(out))
    assert code == 0, output
    document = docx.Document(str(out))
    replace_tracked(paragraph(document, "全年工作总体平稳。"), "平稳", "平稳有序")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    before = source.read_text(encoding="utf-8")
    code, output = run("absorb", str(edited), str(source))
    assert code == 1 and "absorb-unplaced" in output and "preamble[0]" in output
    assert source.read_text(encoding="utf-8") == before


def test_a_placeholder_filled_in_the_draft_fills_the_metric(rolled: Path, tmp_path: Path) -> None:
    from tests.writers.test_annotate import fill

    source = fill(rolled, tmp_path / "x-city-2025.yaml")
    out = tmp_path / "draft.docx"
    code, output = run("build", "--draft", str(source), "-o", str(out))
    assert code == 0, output
    document = docx.Document(str(out))
    mining = paragraph(document, "前三季度产值累计XX亿元")
    replace_tracked(mining, "XX", "28.40", occurrence_of="累计XX亿元")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    code, output = run("absorb", str(edited), str(source))
    assert "mining_output：XX亿元 → 28.40亿元" in output, output
    assert re.search(r"mining_output:\n(?: +\w+: .*\n)*? +value: 28\.40\n", source.read_text(encoding="utf-8"))
    assert "审阅批注" not in output  # the draft's seven comments are govreport's own: not listed as review
