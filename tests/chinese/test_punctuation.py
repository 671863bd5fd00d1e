"""Full-width Chinese punctuation (GB/T 15834) with half-width numbers (GB/T 15835)."""

from __future__ import annotations

import pytest

from toolkit.chinese.punctuation import punctuate
from toolkit.compose.document import Document, Heading, Paragraph, Signature, Title, punctuate_document


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024年,x市坚持(详见附件):增长3.6%.", "2024年，x市坚持（详见附件）：增长3.6%。"),
        ("“百千万工程”为抓手;一是", "“百千万工程”为抓手；一是"),
        ('"百千万工程"为抓手', "“百千万工程”为抓手"),
        ("1-10月引进3亿元, 原型优化(v2.0)试用", "1-10月引进3亿元，原型优化（v2.0）试用"),
        ("G234国道改造...完成", "G234国道改造……完成"),
        ("１２．５％", "12.5%"),
        ("打造百亿级—电子", "打造百亿级——电子"),
        ("是否完成?是!", "是否完成？是！"),
    ],
)
def test_converts_to_full_width(raw: str, expected: str) -> None:
    assert punctuate(raw) == expected


@pytest.mark.parametrize(
    "kept",
    ["1.县城产业支撑能力", "增长3.6%", "1-10月", "v2.0", "G234", "10:30开会", "1,234元", "Python (3.11) ok"],
)
def test_numbers_and_latin_stay_half_width(kept: str) -> None:
    assert punctuate(kept) == kept


def test_idempotent() -> None:
    once = punctuate('x市(清远)"六个百亿",增长3.6%...')
    assert punctuate(once) == once


def test_document_every_block() -> None:
    doc = Document(
        "标题(草案)",
        [
            Title("标题(草案)"),
            Heading(3, "1.", "产业", "增长3.6%,完成."),
            Paragraph("一是:推进"),
            Signature("x市(发改局)", "2024年11月8日"),
        ],
    )
    out = punctuate_document(doc)
    assert out.title == "标题（草案）"
    assert out.paragraphs() == ["标题（草案）", "1.产业增长3.6%，完成。", "一是：推进", "x市（发改局）\n2024年11月8日"]
