"""The stock block templates' Python twins render what Jinja renders from the files, and step aside otherwise."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.paths import ROOT, SAMPLE_2024
from toolkit.compose.blocks import STOCK_SOURCES, stock_block, template_env
from toolkit.compose.document import HIGHLIGHT_END, HIGHLIGHT_START, mark
from toolkit.resources import data_dir

TYPE = "county-urbanization"
H = f"{HIGHLIGHT_START}XX{HIGHLIGHT_END}"
VALUES: list[tuple[str, dict[str, Any]]] = [
    ("date", {"date": dt.date(2024, 11, 8)}),
    ("date", {"date": dt.date(2025, 1, 1)}),
    ("item_body", {"text": "正文。", "points": ["一是甲。", "二是乙。"]}),
    ("item_body", {"text": "", "points": []}),
    ("item_heading", {"heading": "县城产业支撑能力不断增强"}),
    ("item_heading", {"heading": "已有句号。"}),
    ("item_heading", {"heading": mark("f:x", f"产值{H}")}),
    ("item_heading", {"heading": None}),
    ("point", {"ordinal": "一是", "heading": "打造产业", "text": "正文。"}),
    ("point", {"ordinal": "①", "heading": None, "text": "正文。"}),
    ("point", {"ordinal": "二是", "heading": "", "text": ""}),
    ("point", {"ordinal": "三是", "heading": "问号？", "text": mark("e:", "值")}),
]


def test_the_files_are_the_stock_sources() -> None:
    for name, source in STOCK_SOURCES.items():
        assert (data_dir("templates") / TYPE / f"{name}.j2").read_text(encoding="utf-8").rstrip("\n") == source


@pytest.mark.parametrize(("name", "values"), VALUES)
def test_python_twin_renders_as_jinja(name: str, values: dict[str, Any]) -> None:
    expected = template_env(TYPE).get_template(f"{name}.j2").render(**values)
    assert stock_block(TYPE, (), name, values) == expected


def test_jinja_renders_what_the_twins_do_not(tmp_path: Path) -> None:
    assert stock_block(TYPE, (tmp_path,), "point", VALUES[8][1]) is None  # --templates may override
    assert stock_block(TYPE, (), "date", {"date": "2024-11-08"}) is None  # Jinja reports it
    assert stock_block(TYPE, (), "point", {"ordinal": "一是", "text": "x"}) is None  # missing value: Jinja's error
    assert stock_block(TYPE, (), "unknown", {}) is None


def test_validate_and_build_of_the_sample_need_neither_jinja_nor_ruamel(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from toolkit.cli import main\n"
        "try:\n"
        "    main([*sys.argv[1:]])\n"
        "except SystemExit as exc:\n"
        "    status = exc.code\n"
        "print(status, sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('jinja2', 'ruamel')}))\n"
    )
    for args in (["validate", str(SAMPLE_2024)], ["build", str(SAMPLE_2024), "-o", str(tmp_path / "x.docx")]):
        proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT)
        assert proc.stdout.strip().splitlines()[-1] == "0 []", proc.stdout + proc.stderr
