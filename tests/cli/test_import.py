"""``govreport import`` and ``govreport validate`` of .docx/.txt/.md through the CLI (CliRunner and subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import jsonschema
import pytest
from click.testing import CliRunner
from docx.oxml import OxmlElement

from tests.paths import ROOT, SAMPLE_2024, TEST_DATA
from tests.seedtext import SEED
from toolkit.cli import main


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_import_writes_yaml_and_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    code, output = invoke("import", str(SEED), "-o", str(out))
    assert code == 0, output
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert "识别出数字 117 个，检出关系 6 条" in output
    assert "共检查 1 个文件：提示 2 个。" in output  # the share and per-capita rules: whole and population not stated


def test_import_refuses_an_existing_output_and_the_input(tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    out.write_text("keep", encoding="utf-8")
    code, output = invoke("import", str(SEED), "-o", str(out))
    assert code == 1 and "--force" in output and out.read_text(encoding="utf-8") == "keep"
    code, _ = invoke("import", str(SEED), "-o", str(out), "--force", "--region", "x市", "--year", "2024")
    assert code == 0 and 'name: "x市"' in out.read_text(encoding="utf-8")
    assert (tmp_path / "x.yaml.bak").read_text(encoding="utf-8") == "keep"
    copy = tmp_path / "seed.txt"
    copy.write_bytes(SEED.read_bytes())
    code, output = invoke("import", str(copy), "-o", str(copy), "--force")
    assert code == 1 and "就是输入文件" in output
    code, output = invoke("import", str(SEED), "-o", str(tmp_path / "y.yaml"), "--type", "nope")
    assert code == 1 and "未知报告类型" in output


def test_validate_txt_reports_a_swapped_digit_at_its_paragraph(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert text.count("分布式光伏117个") == 1
    path = tmp_path / "x.txt"
    path.write_text(text.replace("分布式光伏117个", "分布式光伏171个"), encoding="utf-8")
    code, output = invoke("validate", str(path))
    assert code == 1
    assert f"{path}:第6段: error[sum-mismatch] 分项之和 8 + 4 + 171 + 1 = 184 与合计 130 不符" in output
    assert "将分布式光伏的 171 改为 117（数字对调）" in output
    code, output = invoke("validate", str(SEED))
    assert code == 0 and "错误" not in output


def test_validate_docx_as_json_and_sarif(tmp_path: Path) -> None:
    built = tmp_path / "x.docx"
    assert invoke("build", str(SAMPLE_2024), "-o", str(built))[0] == 0
    document = docx.Document(str(built))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("1526人次", "1562人次")
    broken = tmp_path / "broken.docx"
    document.save(str(broken))
    code, output = invoke("validate", "--format", "json", str(built), str(broken))
    assert code == 1
    data = json.loads(output)
    assert [f["valid"] for f in data["files"]] == [True, False]
    (finding,) = [f for f in data["findings"] if f["severity"] == "error"]
    assert finding["code"] == "sum-mismatch" and finding["file"] == str(broken)
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    assert "1562人次" in paragraphs[finding["paragraph"] - 1] and finding["line"] == 0
    code, output = invoke("validate", "--format", "sarif", str(broken))
    log = json.loads(output)
    jsonschema.validate(log, json.loads((TEST_DATA / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8")))
    (result,) = [r for r in log["runs"][0]["results"] if r["level"] == "error"]
    assert result["locations"][0]["message"]["text"] == f"第{finding['paragraph']}段"


def test_validate_markdown_gives_file_lines(tmp_path: Path) -> None:
    built = tmp_path / "x.md"
    assert invoke("build", str(SAMPLE_2024), "-o", str(built))[0] == 0
    code, output = invoke("validate", "--format", "json", str(built))
    assert code == 0, output
    assert all(f["line"] > 0 and f["paragraph"] > 0 for f in json.loads(output)["findings"])


def test_deeper_levels_become_sections_and_stray_points_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "报告\n一是先行先试。\n2024年，z县推进建设。\n一、基本情况\n（一）壮大产业，经济发展\n"
        "1.园区建设。新建厂房3.2万平方米。\n（1）标准厂房。12栋已投产。\n①二期厂房。5栋在建。\n",
        encoding="utf-8",
    )
    code, output = invoke("validate", str(path))
    assert code == 0, output  # pillars the text does not cover are listed as uncovered, with a reason
    assert f"{path}:第2段: warning[import-unplaced]" in output
    out = tmp_path / "r.yaml"
    assert invoke("import", str(path), "-o", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "# 请确认：第2段无法归入任何章节，未导入：一是先行先试。" in text
    assert invoke("build", str(out), "-o", str(tmp_path / "r2.txt"))[0] == 0
    rebuilt = [line.strip() for line in (tmp_path / "r2.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rebuilt[-3:] == ["1.园区建设。新建厂房3.2万平方米。", "（1）标准厂房。12栋已投产。", "①二期厂房。5栋在建。"]


def hostile_files(folder: Path) -> dict[str, Path]:
    bomb = folder / "bomb.docx"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as stream,
    ):
        for _ in range(100):
            stream.write(b" " * (1 << 20))
    good = folder / "good.docx"
    docx.Document().save(str(good))
    truncated = folder / "truncated.docx"
    truncated.write_bytes(good.read_bytes()[:3000])
    empty = docx.Document()
    for _ in range(100_000):
        empty.element.body.append(OxmlElement("w:p"))
    many = folder / "empty-paragraphs.docx"
    empty.save(str(many))
    blank = folder / "blank.docx"  # a valid document with no text at all
    good.rename(blank)
    return {"bomb": bomb, "truncated": truncated, "empty-paragraphs": many, "blank": blank}


@pytest.mark.parametrize("command", ["import", "validate"])
def test_hostile_documents_end_with_a_clear_message(tmp_path: Path, command: str) -> None:
    messages = {
        "bomb": "压缩炸弹",
        "truncated": "不是有效的 .docx 文件",
        "empty-paragraphs": "段落超过 20000 个",
        "blank": "没有文字",
    }
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name, path in hostile_files(tmp_path).items():
        args = [str(path), "-o", str(tmp_path / f"{name}.yaml")] if command == "import" else [str(path)]
        result = subprocess.run(
            [sys.executable, "-m", "toolkit", command, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,  # a hang guard, not a timing assertion
        )
        assert result.returncode == 1, (name, result.stdout, result.stderr)
        assert messages[name] in result.stdout + result.stderr, name
        assert "Traceback" not in result.stderr
        assert not (tmp_path / f"{name}.yaml").exists()
