"""The model: every field described, strict about unknown keys, figures rendered from metrics."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import BaseModel, ValidationError

from toolkit.chinese.figures import format_figure, growth_phrase, growth_rate
from toolkit.compose.text import MetricView
from toolkit.model import report as model


def all_models() -> list[type[BaseModel]]:
    return [v for v in vars(model).values() if isinstance(v, type) and issubclass(v, model.Strict)]


@pytest.mark.parametrize("cls", all_models(), ids=lambda c: c.__name__)
def test_every_field_has_a_description(cls: type[BaseModel]) -> None:
    assert cls.__doc__
    for name, field in cls.model_fields.items():
        assert field.description, f"{cls.__name__}.{name} has no description"


def test_unknown_keys_are_errors() -> None:
    with pytest.raises(ValidationError):
        model.Metric.model_validate({"value": 1, "unit": "个", "vlaue": 2})


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "expected"),
    [
        ("52", "亿元", "约", "约52亿元"),
        ("20", "亿元", "以上", "20亿元以上"),
        ("30", "辆", "多", "30多辆"),
        ("90", "%", "以上", "90%以上"),
        ("55.30", "亿元", None, "55.30亿元"),
    ],
)
def test_figures_render_with_their_qualifier(value: str, unit: str, qualifier: str | None, expected: str) -> None:
    metric = model.Metric(value=Decimal(value), unit=unit, qualifier=qualifier)
    assert str(MetricView(metric)) == expected
    assert format_figure(value, unit, qualifier) == expected


def test_unit_text_overrides_how_the_unit_is_written() -> None:
    assert str(MetricView(model.Metric(value=Decimal("9.98"), unit="亿元", unit_text="亿"))) == "9.98亿"


@pytest.mark.parametrize(
    ("rate", "label", "phrase"),
    [
        ("3.6", "同比", "同比增长3.6%"),
        ("-2.1", "同比", "同比下降2.1%"),
        ("0", "同比", "与上年持平"),
        ("14.80", "同期", "同期增长14.80%"),
    ],
)
def test_growth_phrases(rate: str, label: str, phrase: str) -> None:
    assert growth_phrase(Decimal(rate), label) == phrase


def test_growth_is_computed_from_prior_when_not_stated() -> None:
    metric = model.Metric(value=Decimal("57.32"), prior=Decimal("55.33"), unit="亿元")
    assert MetricView(metric).growth == "同比增长3.6%"
    assert growth_rate(Decimal("100"), Decimal("0")) is None


def test_missing_value_renders_a_placeholder() -> None:
    view = MetricView(model.Metric(value=None, unit="亿元", qualifier="约"))
    assert str(view) == "\ue000约XX亿元\ue001"
