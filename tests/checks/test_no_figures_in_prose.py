"""Acceptance: no figure of the seed is left as digits in the sample's prose.

The scan is independent of the toolkit's own lint: it walks every string of the YAML that is prose
(text, headings, paragraphs, preamble) and looks for digits followed by a unit of the vocabulary or ``%``
outside ``{{ … }}`` references and outside “…” quoted names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.paths import ROOT
from tests.yamlwalk import mappings

PROSE_KEYS = {"text", "heading", "paragraphs", "preamble", "title"}
UNITS = sorted(
    YAML(typ="safe").load((ROOT / "schema" / "units.yaml").read_text(encoding="utf-8"))["units"], key=len, reverse=True
)
FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:多|余)?(?:" + "|".join(map(re.escape, UNITS)) + r"|亿)")


def prose(data: Any, key: str = "") -> Iterator[str]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from prose(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from prose(v, key)
    elif isinstance(data, str) and key in PROSE_KEYS:
        yield data


def figures_in_prose(text: str) -> list[str]:
    text = re.sub(r"\{\{.*?\}\}", "⟦ref⟧", text)
    text = re.sub(r"“[^”]*”", "“name”", text)
    return FIGURE.findall(text)


def test_the_scan_finds_figures() -> None:
    assert figures_in_prose("共130个，占71%，约52亿元，30多辆") == ["130个", "71%", "52亿元", "30多辆"]
    assert figures_in_prose("{{ a }}个“15分钟健身圈”2024年1-10月v2.0") == []


@pytest.mark.parametrize("sample", sorted((ROOT / "samples").glob("*.yaml")), ids=lambda p: p.name)
def test_sample_prose_has_no_figures(sample: Path) -> None:
    data = YAML(typ="safe").load(sample.read_text(encoding="utf-8"))
    found = [(fig, text[:30]) for text in prose(data) for fig in figures_in_prose(text)]
    assert found == []


def test_every_seed_figure_became_a_metric() -> None:
    """The numbers of the seed's figures and the sample's metric values (and stated growth) are the same multiset."""
    from tests.seedtext import seed_paragraphs
    from toolkit.source.reader import read_yaml

    seed_numbers = Counter(re.match(r"[\d.]+", f).group() for p in seed_paragraphs() for f in figures_in_prose(p))
    data = read_yaml(ROOT / "samples" / "x-city-2024.yaml").data
    metrics = [m for block in mappings(data) for m in (block.get("metrics") or {}).values()]
    sample_numbers = Counter(str(m[k]) for m in metrics for k in ("value", "yoy") if m.get(k) is not None)
    assert sum(seed_numbers.values()) > 100
    assert sample_numbers == seed_numbers
