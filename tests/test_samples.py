"""Every bundled sample builds: a final .docx and .txt when its figures are complete, a draft otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx

from tests.paths import SAMPLES
from toolkit.checks.completeness import report_status
from toolkit.cli import main
from toolkit.model.loading import read_report

SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_validates_and_builds(sample: Path, tmp_path: Path) -> None:
    report, source = read_report(sample)
    complete = report_status(report, source).complete
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(sample)])
    assert result.exit_code == 0, result.output
    draft = [] if complete else ["--draft"]
    for fmt in ("docx", "txt"):
        out = tmp_path / f"{sample.stem}.{fmt}"
        result = runner.invoke(main, ["build", str(sample), "-o", str(out), *draft])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    paragraphs = [p.text for p in open_docx(str(tmp_path / f"{sample.stem}.docx")).paragraphs if p.text.strip()]
    text = (tmp_path / f"{sample.stem}.txt").read_text(encoding="utf-8")
    assert paragraphs[0].replace("\n", "") in text.replace("\n", "")
    assert len(paragraphs) >= 5


def test_the_samples_include_a_second_county() -> None:
    assert {"x-city-2024.yaml", "y-county-2024.yaml"} <= {p.name for p in SAMPLE_FILES}
