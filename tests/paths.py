"""Project paths shared by the tests (one place, whatever folder a test module sits in)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_2024 = SAMPLES / "x-city-2024.yaml"
TEST_DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"
