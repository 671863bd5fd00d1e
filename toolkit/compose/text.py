"""Render text from the YAML in the sandbox (``toolkit.compose.sandbox``) with strict undefined variables.

Why a sandbox: text comes from departments and other counties; it may only read the year, the region and the
report's own figures and lists. Full-width braces (a Chinese IME's full-width mode) and ``{ {`` / ``{name}``
typos would print literally, so they are findings too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from toolkit.chinese.figures import PLACEHOLDER, format_figure, format_number, growth_phrase, growth_rate
from toolkit.compose.document import HIGHLIGHT_END, HIGHLIGHT_START, mark
from toolkit.compose.problems import TemplateProblem, check_output
from toolkit.diagnostics.hints import did_you_mean
from toolkit.model.fields import JINJA_KEYWORDS, REFERENCE, REFERENCE_FORM
from toolkit.model.report import Metric

if TYPE_CHECKING:
    from jinja2 import Template

    from toolkit.compose.sandbox import Sandbox


def highlight(text: str) -> str:
    """Mark text as a placeholder to be highlighted in a draft."""
    return f"{HIGHLIGHT_START}{text}{HIGHLIGHT_END}"


@dataclass(frozen=True)
class MetricView:
    """What a text template sees of a metric: ``{{ m }}``, ``{{ m.number }}``, ``{{ m.unit }}``, ``{{ m.growth }}``,
    ``{{ m.phrase }}``, ``{{ m.target }}``, ``{{ m.completion }}``.

    With a name given, each rendered form carries a provenance mark (``m:<name>:<form>``) for the composer. The
    fields are private (the sandbox refuses ``_`` attributes): a text cannot reach the pydantic object.
    """

    _metric: Metric
    _name: str = ""
    _mask: str = "**"  # what a ``masked`` figure prints instead of its number (the report's ``publication.mask``)
    _public: bool = False  # a public version (``build --public``): masked figures print the mask

    @property
    def _hidden(self) -> str | None:
        """The mask to print instead of the number: in a public version, or when the source itself is masked."""
        m = self._metric
        return self._mask if m.masked and (self._public or m.value is None) else None

    def __str__(self) -> str:
        m = self._metric
        unit = m.unit_text if m.unit_text is not None else m.unit
        hidden = self._hidden
        if hidden is not None:
            return self._mark("value", format_figure(hidden, unit, m.qualifier))
        if m.value is None:
            return self._mark("value", highlight(format_figure(PLACEHOLDER, unit, m.qualifier)))
        return self._mark("value", format_figure(format_number(m.value), unit, m.qualifier))

    @property
    def phrase(self) -> str:
        """The figure with the verb its kind calls for: 力争达到… (target), 预计达到… (estimate), 达到… (actual)."""
        m = self._metric
        lead = {"target": "力争达到", "estimate": "预计达到"}.get(m.kind, "达到")
        if m.qualifier == "达" or (m.qualifier and lead == "达到"):
            lead = lead.removesuffix("达到")
        return f"{lead}{self}"

    @property
    def target(self) -> str:
        """The target set for the figure (``target:``), with its unit; a placeholder when none is set."""
        m = self._metric
        unit = m.unit_text if m.unit_text is not None else m.unit
        if m.target is None:
            return self._mark("target", highlight(format_figure(PLACEHOLDER, unit)))
        return self._mark("target", format_figure(self._hidden or format_number(m.target), unit))

    @property
    def completion(self) -> str:
        """完成目标的 x%: the value as a share of the target (one decimal); a placeholder while either is missing."""
        m = self._metric
        if self._hidden is not None:
            return self._mark("completion", f"完成目标的{self._hidden}%")
        if m.value is None or m.target is None or m.target == 0:
            return self._mark("completion", highlight(f"完成目标的{PLACEHOLDER}%"))
        rate = (m.value / m.target * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return self._mark("completion", f"完成目标的{format_number(rate)}%")

    def _mark(self, form: str, text: str) -> str:
        return mark(f"m:{self._name}:{form}", text) if self._name else text

    @property
    def number(self) -> str:
        """The bare number as reported."""
        value = self._metric.value
        if self._hidden is not None:
            return self._mark("number", self._hidden)
        return self._mark("number", highlight(PLACEHOLDER) if value is None else format_number(value))

    @property
    def unit(self) -> str:
        """The unit as written."""
        return self._metric.unit_text or self._metric.unit

    @property
    def growth(self) -> str:
        """The growth phrase: stated, else computed from the prior value, else a placeholder."""
        rate = stated_or_computed_growth(self._metric)
        if self._hidden is not None:
            return self._mark("growth", f"{self._metric.yoy_label}增长{self._hidden}%")
        if rate is None:
            return self._mark("growth", highlight(f"{self._metric.yoy_label}增长{PLACEHOLDER}%"))
        return self._mark("growth", growth_phrase(rate, self._metric.yoy_label))


def stated_or_computed_growth(metric: Metric) -> Decimal | None:
    """The stated growth rate, or the one computed from prior and current values."""
    if metric.yoy is not None:
        return metric.yoy
    if metric.value is not None and metric.prior is not None:
        return growth_rate(metric.value, metric.prior)
    return None


# A text template could not be rendered: ``code`` is stable, ``line`` is 1-based within the text (0 unknown),
# ``token`` is a piece of the text to find its column by.
TextError = TemplateProblem


def mark_expression(value: Any) -> str:
    """The output of one ``{{ }}`` expression wrapped in a provenance mark."""
    return mark("e:", str(value))


@cache
def sandbox(marked: bool) -> Sandbox:
    """The text sandbox; ``marked``: the composer's, with every expression's output marked (made on first use)."""
    from toolkit.compose.sandbox import Sandbox

    return Sandbox(finalize=mark_expression) if marked else Sandbox()


_TYPOS = (
    (
        re.compile(r"｛[｛{%]|\{｛|[｝%]｝|｝\}"),
        "全角花括号 “{0}” 不会被当作模板，会原样印在报告里；请改为半角 {{{{ }}}} 或 {{% %}}",
    ),
    (re.compile(r"\{[ \t]+[{%]|[}%][ \t]+\}"), "“{0}” 中间有空格，不会被当作模板；请写成 {{{{ 名称 }}}} 或 {{% … %}}"),
    (
        # a brace not after ``{`` or ``$``, tested once the brace is found (a pattern that starts with a brace is
        # scanned for its first character; one that starts with a look-behind is tried at every position)
        re.compile(r"\{(?<![{$]\{)[ \t]*[A-Za-z_][A-Za-z0-9_.]*[ \t]*\}(?!\})"),
        "“{0}” 只有一层花括号，不会被当作模板；引用指标请写成 {{{{ 名称 }}}}",
    ),
)


# Every typo above needs a brace; a text is searched for any of them at once first (most texts have none).
_ANY_TYPO = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _TYPOS))


def template_typo(source: str) -> TemplateProblem | None:
    """Braces that look like a template but are not one (full-width, spaced, single): they would print literally.

    The kinds are tried in order, so a text with several is reported by the first kind, as written above.
    """
    if _ANY_TYPO.search(source) is None:
        return None
    for pattern, message in _TYPOS:
        found = pattern.search(source)
        if found:
            line = source.count("\n", 0, found.start()) + 1
            return TemplateProblem("template-typo", message.format(found.group()), line, found.group())
    return None


def render_text(source: str, context: dict[str, Any], *, marked: bool = False, reads: set[str] | None = None) -> str:
    """Render one text field; raise TextError for syntax errors, undefined names and sandbox violations.

    ``marked`` wraps each expression's output in a provenance mark (the composer's document tree keeps them).
    A text made only of the documented reference forms renders without Jinja (``fast_render``); any other is
    compiled once per process and rendered with only the names it reads. ``reads`` collects the names the text
    reads (those ``toolkit.model.fields.reference_names``, else Jinja's undeclared variables, give).
    """
    fast = fast_render(source, context, marked)
    if fast is not None:
        rendered, names, braced = fast
        typo = template_typo(source) if braced or "｛" in source or "｝" in source else None
        if typo is not None:
            raise typo
        if reads is not None:
            reads.update(names)
        return check_output(rendered)
    typo = template_typo(source)
    if typo is not None:
        raise typo
    template, undeclared = compiled(source, marked)
    if reads is not None:
        reads.update(undeclared)
    for name in undeclared:
        if name not in context:
            raise TextError("undefined-metric", undefined_message(name, context), 0, name)
    try:
        return check_output(template.render({name: context[name] for name in undeclared}))
    except Exception as exc:
        from toolkit.compose.sandbox import problem_of

        raise problem_of(exc) from None


_COMPILED: dict[tuple[str, bool], tuple[Template, tuple[str, ...]] | TemplateProblem] = {}
_COMPILED_MAX = 4096


def compiled(source: str, marked: bool) -> tuple[Template, tuple[str, ...]]:
    """The compiled template of a text and the names it reads, once per process (a problem is kept too)."""
    key = (source, marked)
    found = _COMPILED.get(key)
    if found is None:
        from jinja2 import meta

        from toolkit.compose.sandbox import problem_of

        env = sandbox(marked)
        try:
            ast = env.parse(source)
            names = tuple(sorted(meta.find_undeclared_variables(ast)))
            found = (env.from_string(ast), names)
        except Exception as exc:
            found = problem_of(exc)
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        _COMPILED[key] = found
    if isinstance(found, TemplateProblem):
        raise TemplateProblem(found.code, found.message, found.line, found.token)
    return found


# A text made only of the documented reference forms (``toolkit.model.fields.REFERENCE_FORM``) renders without
# Jinja. Anything else, and any name that is not of the type the form needs, goes to Jinja, so the output and the
# errors stay Jinja's.
_EXPRESSION = REFERENCE
_FORM = REFERENCE_FORM
_KEYWORDS = JINJA_KEYWORDS


def fast_render(source: str, context: dict[str, Any], marked: bool) -> tuple[str, list[str], bool] | None:
    """The text rendered without Jinja when every ``{{ }}`` is a documented reference form, else None.

    As Jinja renders it: literal text as written, one trailing line break dropped (``keep_trailing_newline``
    is off), each expression's output marked when ``marked`` (the marking sandbox's ``finalize``). Returned with
    the names read and whether a brace stands in the literal text: only then may the text hold a typo
    (``template_typo``: every typo has a half-width brace outside the reference forms, or a full-width one).
    """
    if "{%" in source or "{#" in source or "\r" in source:
        return None
    if source.endswith("\n"):
        source = source[:-1]
    out: list[str] = []
    names: list[str] = []
    braced = False
    last = 0
    for match in _EXPRESSION.finditer(source):
        literal, expression = source[last : match.start()], match.group(1)
        if "}}" in literal or "{" in expression or "}" in expression:
            return None
        braced = braced or "{" in literal or "}" in literal
        value = _form_value(expression, context, names)
        if value is None:
            return None
        out += [literal, mark_expression(value) if marked else value]
        last = match.end()
    rest = source[last:]
    if "{{" in rest or "}}" in rest:
        return None
    out.append(rest)
    return "".join(out), names, braced or "{" in rest or "}" in rest


def _form_value(expression: str, context: dict[str, Any], names: list[str]) -> str | None:
    """The rendered value of one reference form (its name added to ``names``), or None when it is not one (or its
    name has another type)."""
    form = _FORM.fullmatch(expression)
    if form is None:
        return None
    name = form.group("name") or form.group("list") or form.group("year")
    if name in _KEYWORDS or name not in context:
        return None
    names.append(name)
    value = context[name]
    if form.group("year"):
        if type(value) is not int:
            return None
        step = int(form.group("step"))
        return str(value + step if form.group("op") == "+" else value - step)
    if form.group("list"):
        if type(value) is not list:
            return None
        separator = form.group("sep1") if form.group("sep1") is not None else form.group("sep2")
        return str(separator).join(map(str, value))
    attr = form.group("attr")
    if attr is None:
        return str(value) if type(value) in (MetricView, str, int) else None
    if type(value) is not MetricView:
        return None
    return str(getattr(value, attr))


def undefined_message(name: str, context: dict[str, Any]) -> str:
    """Chinese message for an undefined name, with a did-you-mean suggestion."""
    close = did_you_mean(name, (k for k in context if isinstance(k, str)))
    hint = f"，是否应为 “{close}”？" if close else ""
    return f"文本引用了未定义的指标或变量 “{name}”{hint}"
