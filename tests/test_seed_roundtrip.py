"""Acceptance: the sample regenerates the seed report word for word, in .docx and .txt."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from tests.seedtext import normalise, seed_paragraphs
from toolkit.cli import main


def build(sample: Path, out: Path, fmt: str) -> Path:
    result = CliRunner().invoke(main, ["build", str(sample), "-o", str(out), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert out.is_file()
    return out


def assert_same_paragraphs(produced: list[str]) -> None:
    expected = seed_paragraphs()
    got = [normalise(p) for p in produced if p.strip()]
    for i, (want, have) in enumerate(zip(expected, got, strict=False)):
        assert have == want, f"paragraph {i + 1} differs"
    assert len(got) == len(expected)


def test_seed_has_the_expected_shape() -> None:
    paragraphs = seed_paragraphs()
    assert paragraphs[0] == "以县城为重要载体的新型城镇化建设推进情况的报告"
    assert paragraphs[1].startswith("2024年，x市坚持")
    assert paragraphs[-1].endswith("突出抓好VOC综合治理、“散乱污”")
    assert len(paragraphs) == 24


def test_docx_matches_seed_paragraph_by_paragraph(sample_2024: Path, tmp_path: Path) -> None:
    out = build(sample_2024, tmp_path / "x.docx", "docx")
    document = docx.Document(str(out))
    assert_same_paragraphs([p.text for p in document.paragraphs])


def test_txt_matches_seed_paragraph_by_paragraph(sample_2024: Path, tmp_path: Path) -> None:
    out = build(sample_2024, tmp_path / "x.txt", "txt")
    assert_same_paragraphs(out.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("index", [0, 5, 23])
def test_comparison_catches_a_changed_paragraph(index: int) -> None:
    produced = list(seed_paragraphs())
    produced[index] = produced[index][:-1] + "变"
    with pytest.raises(AssertionError):
        assert_same_paragraphs(produced)
