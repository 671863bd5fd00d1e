"""Golden files for text output: outline, .txt and .md of the 2024 sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import GOLDEN
from toolkit.pipeline import load_document, render


def compare(name: str, produced: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(produced, encoding="utf-8")
    assert path.is_file(), f"golden file {name} missing; run pytest --update-golden"
    assert produced == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("fmt", ["outline", "txt", "md"])
def test_sample_output_matches_golden(sample_2024: Path, fmt: str, update_golden: bool) -> None:
    document = load_document(sample_2024).document
    assert document is not None
    produced = document.outline() + "\n" if fmt == "outline" else render(document, fmt).decode("utf-8")
    compare(f"x-city-2024.{fmt}", produced, update_golden)
