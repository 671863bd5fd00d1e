"""The one classification of a report's text fields, and the one walk over them.

Every field a reader sees is a **template**: the title, the preamble, every heading, text and paragraph. It is
rendered in the sandbox, so ``{{ year }}`` and ``{{ metric }}`` work in a heading exactly as in a text; the prose
lint reads it, rollover rewrites the years in it, and an undefined name in it is an error at its line. Fields that
are **printed verbatim** (the issuer's name in the signature) are never rendered. Everything else is **data**
(metrics, lists, ids, pillars, rules). Compose, the prose lint, rollover, status and diff all take their fields from
here, so they cannot disagree about what a text is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from toolkit.model.report import Closing, Item, Overview, Part, Point, Report, blocks
from toolkit.source.reader import PathT

JINJA_SPAN = r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"
"""A Jinja expression, statement or comment inside a template field (skipped by scans of the literal wording)."""

YEAR = r"(?<![0-9.])(?P<year>(?:19|20)[0-9]{2})(?=\s*年)"
"""A four-digit year written before 年 (not the tail of a longer number or a decimal)."""


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
    role: str  # title | preamble | heading | text | paragraph | issuer


def text_fields(report: Report) -> Iterator[TextField]:
    """Every non-empty text field of a report, in document order."""
    yield from _field(("meta", "title"), report.meta.title, "title")
    for k, text in enumerate(report.preamble):
        yield from _field(("preamble", k), text, "preamble")
    for path, block in blocks(report):
        if isinstance(block, Overview | Part | Item | Point | Closing):
            yield from _field((*path, "heading"), block.heading, "heading")
        if isinstance(block, Overview | Part | Item | Point):
            yield from _field((*path, "text"), block.text, "text")
        if isinstance(block, Closing):
            for k, paragraph in enumerate(block.paragraphs):
                yield from _field((*path, "paragraphs", k), paragraph, "paragraph")
    yield from _field(("meta", "issuer"), report.meta.issuer, "issuer", FieldKind.VERBATIM)


def template_fields(report: Report) -> Iterator[TextField]:
    """The fields rendered as templates."""
    return (f for f in text_fields(report) if f.kind is FieldKind.TEMPLATE)


def _field(path: PathT, text: str | None, role: str, kind: FieldKind = FieldKind.TEMPLATE) -> Iterator[TextField]:
    if text:
        yield TextField(path, text, kind, role)
