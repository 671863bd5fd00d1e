"""The one classification of a report's text fields, and the one walk over them.

Every field a reader sees is a **template**: the title, the preamble, every heading, text, paragraph, point and
table cell. It is
rendered in the sandbox, so ``{{ year }}`` and ``{{ metric }}`` work in a heading exactly as in a text; the prose
lint reads it, rollover rewrites the years in it, and an undefined name in it is an error at its line. Fields that
are **printed verbatim** (the issuer's name in the signature) are never rendered. Everything else is **data**
(metrics, lists, ids, pillars, rules). Compose, the prose lint, rollover, status and diff all take their fields from
here, so they cannot disagree about what a text is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from toolkit.model.report import MetricCell, Report
from toolkit.model.tree import Node, PointNode, derived, report_tree
from toolkit.source.reader import PathT

JINJA_SPAN = r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"
"""A Jinja expression, statement or comment inside a template field (skipped by scans of the literal wording)."""

YEAR = r"(?P<year>(?:19|20)(?<![0-9.][0-9]{2})[0-9]{2})(?=\s*年)"
"""A four-digit year written before 年 (not the tail of a longer number or a decimal: no digit or point before its
first two digits, tested once they are found, so a scan looks only at places that start with 19 or 20)."""


class FieldKind(StrEnum):
    """How a text field is treated."""

    TEMPLATE = "template"
    VERBATIM = "verbatim"


@dataclass(frozen=True)
class TextField:
    """One text field: its data path, its text as written, how it is treated and what it is."""

    path: PathT
    text: str
    kind: FieldKind
    role: str  # title | preamble | heading | text | paragraph | cell | issuer | addressee | salutation


# The documented reference forms of a text (docs/FORMAT.md): {{ name }}, {{ name.number }} / .unit / .growth,
# {{ list | join('、') }} and {{ year + 1 }} / {{ year - 1 }}. ``toolkit.compose.text`` renders them without Jinja.
REFERENCE = re.compile(r"\{\{(.*?)\}\}", re.S)
REFERENCE_FORM = re.compile(
    r"""[ \t\n]*(?:
        (?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:[ \t\n]*\.[ \t\n]*(?P<attr>number|unit|growth))?
        |(?P<list>[A-Za-z_][A-Za-z0-9_]*)[ \t\n]*\|[ \t\n]*join[ \t\n]*\([ \t\n]*
            (?:'(?P<sep1>[^'\\]*)'|"(?P<sep2>[^"\\]*)")[ \t\n]*\)
        |(?P<year>year)[ \t\n]*(?P<op>[-+])[ \t\n]*(?P<step>0|[1-9][0-9]{0,3})
    )[ \t\n]*""",
    re.X,
)
# Names Jinja reads as constants or operators, never from the context.
JINJA_KEYWORDS = frozenset(
    ("true", "false", "none", "True", "False", "None", "and", "or", "not", "in", "is", "if", "else", "for")
)


def reference_names(text: str) -> set[str] | None:
    """The names a text reads when every ``{{ }}`` in it is a documented reference form, else None (ask Jinja)."""
    if "{%" in text or "{#" in text or "\r" in text:
        return None
    names: set[str] = set()
    last = 0
    for match in REFERENCE.finditer(text):
        expression = match.group(1)
        if "}}" in text[last : match.start()] or "{" in expression or "}" in expression:
            return None
        form = REFERENCE_FORM.fullmatch(expression)
        name = form and (form.group("name") or form.group("list") or form.group("year"))
        if not name or name in JINJA_KEYWORDS:
            return None
        names.add(name)
        last = match.end()
    rest = text[last:]
    return None if "{{" in rest or "}}" in rest else names


def text_fields(report: Report) -> Iterator[TextField]:
    """Every non-empty text field of a report, in document order (walking the one section tree)."""
    yield from _field(("meta", "title"), report.meta.title, "title")
    yield from _field(("meta", "addressee"), report.meta.addressee, "addressee", FieldKind.VERBATIM)
    yield from _field(("meta", "salutation"), report.meta.salutation, "salutation", FieldKind.VERBATIM)
    yield from _node_fields(report_tree(report))
    yield from _field(("meta", "issuer"), report.meta.issuer, "issuer", FieldKind.VERBATIM)


def table_metric_names(report: Report) -> set[str]:
    """The metrics printed as table cells (``{metric: id}``): a report shows them without any text naming them."""
    return {
        cell.metric
        for node in report_tree(report).walk()
        for _, table in node.tables
        for row in table.rows
        for cell in row
        if isinstance(cell, MetricCell)
    }


def _node_fields(node: Node) -> Iterator[TextField]:
    if node.level:
        yield from _field(node.heading_path, node.heading, "heading")
    for path, text in node.paragraphs:
        role = "preamble" if path[0] == "preamble" else ("paragraph" if "paragraphs" in path[-2:] else "text")
        yield from _field(path, text, role)
    points = [f for p in node.points for f in _point_fields(p)]
    if not node.points_last:
        yield from points
    for table_path, table in node.tables:
        yield from _field((*table_path, "title"), table.title, "heading")
        for k, column in enumerate(table.columns):
            yield from _field((*table_path, "columns", k), column, "cell")
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if not isinstance(cell, MetricCell):
                    yield from _field((*table_path, "rows", r, c), cell, "cell")
    for child in node.children:
        yield from _node_fields(child)
    if node.points_last:
        yield from points


def _point_fields(node: PointNode) -> Iterator[TextField]:
    yield from _field((*node.path, "heading"), node.point.heading, "heading")
    yield from _field((*node.path, "text"), node.point.text, "text")
    for child in node.children:
        yield from _point_fields(child)


def template_fields(report: Report) -> tuple[TextField, ...]:
    """The fields rendered as templates (walked once while the report's tree is shared: ``one_tree``)."""
    return derived(
        report, "template_fields", lambda: tuple(f for f in text_fields(report) if f.kind is FieldKind.TEMPLATE)
    )


def _field(path: PathT, text: str | None, role: str, kind: FieldKind = FieldKind.TEMPLATE) -> Iterator[TextField]:
    if text:
        yield TextField(path, text, kind, role)
