"""The composer keeps provenance: each run of the document tree knows its YAML field and the metric it shows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from toolkit.chinese.punctuation import punctuate
from toolkit.compose.document import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    Document,
    Paragraph,
    mark,
    plain,
    punctuate_marked,
    split_runs,
)

PIECES = st.lists(
    st.one_of(
        st.text(alphabet='产值累计亿元，,.。:()"1234567890%xX ', max_size=8),
        st.sampled_from(
            [HIGHLIGHT_START, HIGHLIGHT_END, "\ue002f:preamble[0]\ue003", "\ue002m:a:value\ue003", "\ue004"]
        ),
    ),
    max_size=12,
)


@given(PIECES)
def test_marks_never_change_the_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert "".join(run.text for run in split_runs(text)) == plain(text)
    assert plain(punctuate_marked(text)) == punctuate(plain(text))


def test_punctuation_sees_through_marks() -> None:
    text = "产值" + mark("m:x:value", "55.33亿元") + ",同比增长."
    out = punctuate_marked(text)
    assert plain(out) == "产值55.33亿元，同比增长。"
    assert [r.text for r in split_runs(out) if r.metric == "x"] == ["55.33亿元"]


def test_runs_name_their_field_and_metric(sample_document: Document) -> None:
    runs = [run for block in sample_document.blocks if isinstance(block, Paragraph) for run in split_runs(block.text)]
    assert runs[0].source == "preamble[0]"
    runs = [run for block in sample_document.blocks for run in split_runs(getattr(block, "run_in", ""))]
    figures = {(run.metric, run.form): run for run in reversed(runs)}
    electronics = figures["electronics_output", "value"]
    assert figures["electronics_output", "growth"].text == "同比增长3.6%"
    assert electronics.text == "55.33亿元" and electronics.form == "value" and electronics.expr == 0
    assert electronics.source == "overview.parts[0].items[0].points[0].text"
    assert sample_document.paragraphs()[1].startswith("2024年，x市")


@given(st.text(alphabet=st.sampled_from(["\ue002", "\ue003", "\ue004", "e", ":", "0", "x", "中"]), max_size=40))
def test_expression_marks_are_numbered_in_order(text: str) -> None:
    """Each ``e:`` mark of a field, left to right, gets its index: as a substitution of the literal mark would."""
    import re

    from toolkit.compose.composer import number_expressions

    counter = iter(range(len(text)))
    expected = re.sub("\ue002e:\ue003", lambda _: f"\ue002e:{next(counter)}\ue003", text)
    assert number_expressions(text) == expected
