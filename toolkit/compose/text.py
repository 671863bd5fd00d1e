"""Render text from the YAML: a sandboxed Jinja2 environment with strict undefined variables.

Why a sandbox: text comes from departments and other counties; it may only read the figures it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, meta
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from toolkit.chinese.figures import PLACEHOLDER, format_figure, format_number, growth_phrase, growth_rate
from toolkit.compose.document import HIGHLIGHT_END, HIGHLIGHT_START, mark
from toolkit.diagnostics.hints import did_you_mean
from toolkit.model.report import Metric


def highlight(text: str) -> str:
    """Mark text as a placeholder to be highlighted in a draft."""
    return f"{HIGHLIGHT_START}{text}{HIGHLIGHT_END}"


@dataclass(frozen=True)
class MetricView:
    """What a text template sees of a metric: ``{{ m }}``, ``{{ m.number }}``, ``{{ m.growth }}``.

    With ``name`` given, each rendered form carries a provenance mark (``m:<name>:<form>``) for the composer.
    """

    metric: Metric
    name: str = ""

    def __str__(self) -> str:
        m = self.metric
        unit = m.unit_text if m.unit_text is not None else m.unit
        if m.value is None:
            return self._mark("value", highlight(format_figure(PLACEHOLDER, unit, m.qualifier)))
        return self._mark("value", format_figure(format_number(m.value), unit, m.qualifier))

    def _mark(self, form: str, text: str) -> str:
        return mark(f"m:{self.name}:{form}", text) if self.name else text

    @property
    def number(self) -> str:
        """The bare number as reported."""
        value = self.metric.value
        return self._mark("number", highlight(PLACEHOLDER) if value is None else format_number(value))

    @property
    def unit(self) -> str:
        """The unit as written."""
        return self.metric.unit_text or self.metric.unit

    @property
    def growth(self) -> str:
        """The growth phrase: stated, else computed from the prior value, else a placeholder."""
        rate = stated_or_computed_growth(self.metric)
        if rate is None:
            return self._mark("growth", highlight(f"{self.metric.yoy_label}增长{PLACEHOLDER}%"))
        return self._mark("growth", growth_phrase(rate, self.metric.yoy_label))


def stated_or_computed_growth(metric: Metric) -> Decimal | None:
    """The stated growth rate, or the one computed from prior and current values."""
    if metric.yoy is not None:
        return metric.yoy
    if metric.value is not None and metric.prior is not None:
        return growth_rate(metric.value, metric.prior)
    return None


class TextError(Exception):
    """A text template could not be rendered; ``code`` is stable, ``line`` is 1-based within the text."""

    def __init__(self, code: str, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


def mark_expression(value: Any) -> str:
    """The output of one ``{{ }}`` expression wrapped in a provenance mark."""
    return mark("e:", str(value))


_ENV = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
# The composer's environment: the same sandbox, with every expression's output marked.
_MARKING_ENV = ImmutableSandboxedEnvironment(
    undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False, finalize=mark_expression
)


def render_text(source: str, context: dict[str, Any], *, marked: bool = False) -> str:
    """Render one text field; raise TextError for syntax errors, undefined names and sandbox violations.

    ``marked`` wraps each expression's output in a provenance mark (the composer's document tree keeps them).
    """
    env = _MARKING_ENV if marked else _ENV
    try:
        ast = env.parse(source)
    except TemplateSyntaxError as exc:
        raise TextError("template-syntax", f"模板语法错误：{exc.message}", exc.lineno) from None
    for name in sorted(meta.find_undeclared_variables(ast)):
        if name not in context:
            raise TextError("undefined-metric", undefined_message(name, context))
    try:
        return env.from_string(ast).render(context)
    except SecurityError as exc:
        raise TextError("unsafe-template", f"模板中不允许的操作：{exc}") from None
    except TemplateError as exc:
        raise TextError("template-error", f"模板渲染错误：{exc.message}") from None


def undefined_message(name: str, context: dict[str, Any]) -> str:
    """Chinese message for an undefined name, with a did-you-mean suggestion."""
    close = did_you_mean(name, (k for k in context if isinstance(k, str)))
    hint = f"，是否应为 “{close}”？" if close else ""
    return f"文本引用了未定义的指标或变量 “{name}”{hint}"
