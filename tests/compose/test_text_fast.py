"""Texts of the documented reference forms render without Jinja, exactly as Jinja renders them (errors too)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.paths import SAMPLE_2024
from toolkit.compose import text
from toolkit.compose.composer import text_context
from toolkit.compose.text import MetricView, TextError, render_text
from toolkit.model.fields import reference_names
from toolkit.model.loading import model_report
from toolkit.source.reader import read_yaml


def sample_context(marked: bool) -> dict[str, Any]:
    loaded = read_yaml(SAMPLE_2024)
    report, _ = model_report(loaded.data, loaded.source)
    assert report is not None
    context = text_context(report, marked=marked)
    view = context["electronics_output"]
    assert isinstance(view, MetricView)
    # a missing figure, a metric named like a Jinja constant, a list of numbers
    context["missing_output"] = MetricView(
        view._metric.model_copy(update={"value": None, "yoy": None}), "missing_output" if marked else ""
    )
    context["none"] = view
    context["numbers"] = [1, 2.5]
    return context


CONTEXTS = {marked: sample_context(marked) for marked in (False, True)}


def outcome(source: str, marked: bool, fast: bool) -> Any:
    context = CONTEXTS[marked]
    try:
        if fast:
            return render_text(source, context, marked=marked)
        original = text.fast_render
        text.fast_render = lambda *args: None  # type: ignore[assignment]
        try:
            return render_text(source, context, marked=marked)
        finally:
            text.fast_render = original  # type: ignore[assignment]
    except TextError as exc:
        return (exc.code, exc.message, exc.line, exc.token)


EXPRESSIONS = [
    "{{ electronics_output }}",
    "{{electronics_output.number}}",
    "{{ electronics_output . growth }}",
    "{{ electronics_output.unit }}",
    "{{ missing_output }}",
    "{{ missing_output.growth }}",
    "{{ missing_output.number }}",
    "{{ tourist_toilets | join('、') }}",
    '{{ water_works|join("，") }}',
    "{{ numbers | join('、') }}",
    "{{ year }}",
    "{{ year + 1 }}",
    "{{ year-1 }}",
    "{{ year + 01 }}",
    "{{ year + 0 }}",
    "{{ region }}",
    "{{ none }}",
    "{{ none.number }}",
    "{{ undefined_name }}",
    "{{ electronics_output.value }}",
    "{{ year.number }}",
    "{{ tourist_toilets }}",
    "{{ region | join('、') }}",
    "{{- electronics_output }}",
    "{{ electronics_output -}}",
    "{{ electronics_output\n}}",
    "{% if true %}是{% endif %}",
    "{{ electronics_output }",
    "}}",
    "{ {",
]
LITERALS = ["产值", "，", " ", "\n", "x市", "", "。\n"]
TYPOS = ["{", "}", "｛", "｝", "{ {", "} }", "{x}", "${x}", "{ %", "% }", "{{ ", " }}"]  # and pieces of them


@pytest.mark.parametrize("marked", [False, True])
@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_each_form_as_jinja_renders_it(expression: str, marked: bool) -> None:
    for source in (expression, f"产值{expression}。", f"{expression}\n", f"甲\n{expression}\n\n"):
        assert outcome(source, marked, fast=True) == outcome(source, marked, fast=False), repr(source)


def test_the_fast_path_is_taken_for_the_documented_forms() -> None:
    context = CONTEXTS[True]
    for source in ("产值{{ electronics_output }}，{{ electronics_output.growth }}。", "{{ year + 1 }}年"):
        assert text.fast_render(source, context, True) is not None
    for source in ("{{ electronics_output.value }}", "{% if true %}x{% endif %}", "{{ none }}", "{{ year + 01 }}"):
        assert text.fast_render(source, context, True) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(EXPRESSIONS + LITERALS), max_size=6), st.booleans())
def test_any_mix_renders_as_jinja_does(pieces: list[str], marked: bool) -> None:
    source = "".join(pieces)
    assert outcome(source, marked, fast=True) == outcome(source, marked, fast=False), repr(source)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(EXPRESSIONS[:8] + LITERALS + TYPOS), max_size=7), st.booleans())
def test_a_typo_is_found_whichever_way_the_text_renders(pieces: list[str], marked: bool) -> None:
    """The fast path searches for typos only when a brace stands in the literal text (or a full-width one
    anywhere): the same typo, or none, as searching every text first."""
    source = "".join(pieces)
    typo = text.template_typo(source)
    got = outcome(source, marked, fast=True)
    if typo is not None:
        assert got == (typo.code, typo.message, typo.line, typo.token), repr(source)
    assert got == outcome(source, marked, fast=False), repr(source)


def jinja_names(source: str) -> set[str] | None:
    from jinja2 import Environment, TemplateSyntaxError, meta

    try:
        return set(meta.find_undeclared_variables(Environment(autoescape=False).parse(source)))
    except TemplateSyntaxError:
        return None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(EXPRESSIONS + LITERALS), max_size=6))
def test_reference_names_are_the_names_jinja_finds(pieces: list[str]) -> None:
    source = "".join(pieces)
    names = reference_names(source)
    if names is not None:
        assert names == jinja_names(source), repr(source)


BRACES = st.lists(st.sampled_from([*"{}$% \tab_.1中", "｛", "｝", "{{", "}}"]), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(BRACES)
def test_the_search_for_any_typo_finds_one_exactly_when_a_kind_does(source: str) -> None:
    any_kind = any(pattern.search(source) for pattern, _ in text._TYPOS)
    assert (text._ANY_TYPO.search(source) is not None) == any_kind


@settings(max_examples=400, deadline=None)
@given(BRACES)
def test_a_single_brace_is_one_not_after_a_brace_or_a_dollar(source: str) -> None:
    written = re.compile(r"(?<![{$])\{[ \t]*[A-Za-z_][A-Za-z0-9_.]*[ \t]*\}(?!\})")  # the rule as it reads
    found, expected = text._TYPOS[2][0].search(source), written.search(source)
    assert (found and (found.start(), found.group())) == (expected and (expected.start(), expected.group()))
