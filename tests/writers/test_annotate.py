"""build --draft writes every finding as a Word comment anchored on the figure it concerns (issue 14, acceptance 1)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from tests.paths import SAMPLES
from toolkit.cli import main
from toolkit.model.loading import model_report
from toolkit.model.report import iter_metrics
from toolkit.output.fingerprint import read_docx_provenance, sha256
from toolkit.source.editor import dump_rt, load_rt, node_at
from toolkit.source.reader import parse_yaml
from toolkit.workflow.diff import load_report, metrics_of
from toolkit.writers.pdf import convert_with_libreoffice, find_soffice

MISSING = ("mining_output", "gi_products", "tourist_visits", "ecommerce_turnover", "training_subsidy_amount")
BROKEN = {"leather_producing_firms": 40, "skills_training": 1600}  # compare-failed, sum-mismatch
ANCHOR = re.compile(r'<w:commentRangeStart w:id="(\d+)"/>(.*?)<w:commentRangeEnd w:id="\1"/>', re.DOTALL)


def fill(rolled: Path, out: Path) -> Path:
    """The rolled-over 2025 draft with this year's figures from the 2025 sample, five left out, two rules broken."""
    text = rolled.read_text(encoding="utf-8")
    loaded = parse_yaml(text, str(rolled))
    report, _ = model_report(loaded.data, loaded.source)
    assert report is not None
    values = metrics_of(load_report(SAMPLES / "x-city-2025.yaml"))
    root, yaml = load_rt(text)
    for name, _, path in iter_metrics(report):
        if name not in MISSING:
            node_at(root, path)["value"] = BROKEN.get(name, values[name].value)
    out.write_text(dump_rt(root, yaml), encoding="utf-8")
    return out


def anchors(path: Path) -> dict[str, str]:
    """Comment id → the text of the runs it is anchored on."""
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return {m.group(1): "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", m.group(2))) for m in ANCHOR.finditer(xml)}


@pytest.fixture
def draft(rolled: Path, tmp_path: Path) -> Path:
    source = fill(rolled, tmp_path / "x-city-2025.yaml")
    out = tmp_path / "draft.docx"
    result = CliRunner().invoke(main, ["build", "--draft", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "批注 7 条" in result.output
    return out


def test_seven_comments_each_on_its_figure(draft: Path) -> None:
    comments = list(docx.Document(str(draft)).comments)
    assert len(comments) == 7
    assert {c.author for c in comments} == {"govreport"}
    by_id = {str(c.comment_id): c.text for c in comments}
    anchored = anchors(draft)
    assert set(anchored) == set(by_id)
    expected = {name: "XX" for name in MISSING} | {"leather_producing_firms": "40家", "skills_training": "1600人次"}
    seen = set()
    for comment_id, text in by_id.items():
        name = next(n for n in expected if f"{n}：" in text or f"：{n}（" in text)
        seen.add(name)
        assert expected[name] in anchored[comment_id], (name, anchored[comment_id])
        assert len(anchored[comment_id]) <= 12  # the figure's run, not the paragraph
    assert seen == set(expected)
    texts = "\n".join(by_id.values())
    assert texts.count("［missing-figure］") == 5
    assert "［compare-failed］" in texts and "［sum-mismatch］" in texts
    assert "规则：compare:leather_producing_firms" in texts and "规则：sum:skills_training" in texts
    assert "leather_signed_firms：" in texts  # the related figures, as printed


def test_the_draft_is_stamped_with_its_source(draft: Path) -> None:
    provenance = read_docx_provenance(draft)
    assert provenance is not None
    assert provenance.source_sha256 == sha256((draft.parent / "x-city-2025.yaml").read_bytes())
    assert provenance.source_name == "x-city-2025.yaml" and provenance.fmt == "docx"


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_sees_the_seven_comments(draft: Path) -> None:
    odt = convert_with_libreoffice(draft.read_bytes(), ".docx", "odt")
    content = zipfile.ZipFile(__import__("io").BytesIO(odt)).read("content.xml").decode("utf-8")
    assert len(re.findall(r"<office:annotation[ >]", content)) == 7
    assert content.count("govreport") >= 7  # dc:creator of each annotation


def test_a_final_build_carries_no_comments(tmp_path: Path) -> None:
    out = tmp_path / "final.docx"
    result = CliRunner().invoke(main, ["build", str(SAMPLES / "x-city-2025.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(list(docx.Document(str(out)).comments)) == 0
    result = CliRunner().invoke(main, ["build", "--annotate", str(SAMPLES / "x-city-2025.yaml"), "-o", str(out)])
    assert result.exit_code == 2 and "--draft" in result.output


def test_a_draft_still_refuses_a_structural_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = (SAMPLES / "x-city-2025.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("unit: 亿元", "unit: 亿圆", 1), encoding="utf-8")
    out = tmp_path / "draft.docx"
    result = CliRunner().invoke(main, ["build", "--draft", str(bad), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
