"""What a template problem is, and the bound on rendered text: kept free of Jinja.

Why apart from ``toolkit.compose.sandbox``: a text of the documented reference forms and the stock block templates
render without Jinja (``toolkit.compose.text``, ``toolkit.compose.blocks``), so a report that needs nothing else
never imports it.
"""

from __future__ import annotations

MAX_OUTPUT = 20_000  # characters one template may render (the longest paragraph of the samples is under 1,000)


class TemplateProblem(Exception):
    """A template that cannot be rendered: a stable code, a Chinese message, the 1-based line in the template."""

    def __init__(self, code: str, message: str, line: int = 0, token: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.token = token


def check_output(text: str) -> str:
    """The rendered text, unless it is longer than MAX_OUTPUT."""
    if len(text) > MAX_OUTPUT:
        raise TemplateProblem("template-limit", f"模板生成的文本过长（{len(text)} 个字符，上限 {MAX_OUTPUT}）")
    return text
