"""Shared fixtures: project paths, the seed's paragraphs, golden files with an update flag."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.paths import SAMPLE_2024
from toolkit.cli import main
from toolkit.compose.document import Document
from toolkit.pipeline import load_document


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def sample_2024() -> Path:
    return SAMPLE_2024


@pytest.fixture(scope="module")
def sample_document() -> Document:
    """The 2024 sample's document tree."""
    document = load_document(SAMPLE_2024).document
    assert document is not None
    return document


@pytest.fixture
def rolled(sample_2024: Path, tmp_path: Path) -> Path:
    """The 2024 sample rolled over to 2025 through the CLI."""
    out = tmp_path / "x-city-2025.yaml"
    result = CliRunner().invoke(main, ["rollover", str(sample_2024), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out
