"""Compose a validated Report into a document tree, rendering every text field on the way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment

from toolkit.chinese.numerals import number_for, ordinal
from toolkit.compose.blocks import template_env
from toolkit.compose.document import (
    Block,
    Document,
    Heading,
    Paragraph,
    Signature,
    Title,
    mark,
    plain,
    punctuate_document,
)
from toolkit.compose.text import MetricView, TextError, render_text
from toolkit.diagnostics.finding import Finding, Location
from toolkit.model.report import Closing, Item, Part, Point, Report, blocks, iter_metrics
from toolkit.source.reader import PathT, SourceMap, dotted


def text_context(report: Report, *, marked: bool = False) -> dict[str, Any]:
    """What text templates may name: year, region, every metric and every list.

    ``marked``: metrics render with provenance marks naming them (the composer's context).
    """
    context: dict[str, Any] = {"year": report.meta.year, "region": report.meta.region.name}
    context.update({name: MetricView(metric, name if marked else "") for name, metric, _ in iter_metrics(report)})
    for _, block in blocks(report):
        context.update({k: list(v) for k, v in block.lists.items()})
    return context


@dataclass
class Composer:
    """Walks the report in document order; collects text findings instead of stopping at the first."""

    report: Report
    source: SourceMap
    env: Environment
    context: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)

    def text(self, raw: str | None, path: PathT) -> str:
        """Render one YAML text field, recording a finding at its line on failure; the result is marked with the
        field's path and each expression's and metric's provenance."""
        if not raw:
            return ""
        try:
            return mark(f"f:{dotted(path)}", render_text(raw, self.context, marked=True))
        except TextError as exc:
            where = self.source.locate(path)
            line = where.line + exc.line - 1 if exc.line > 1 else where.line
            self.findings.append(Finding(exc.code, exc.message, Location(where.file, line, where.column, where.path)))
            return ""

    @staticmethod
    def printed(text: str | None, path: PathT) -> str:
        """A field printed as written (a title or heading), marked with its path."""
        return mark(f"f:{dotted(path)}", text) if text else ""

    def block(self, name: str, **values: Any) -> str:
        """Render one of the project's block templates."""
        return self.env.get_template(f"{name}.j2").render(**values)

    def point(self, point: Point, n: int, path: PathT) -> str:
        """一是…: one point as text."""
        return self.block(
            "point",
            ordinal=ordinal(n),
            heading=self.text(point.heading, (*path, "heading")) or None,
            text=self.text(point.text, (*path, "text")),
        )

    def item(self, item: Item, n: int, path: PathT) -> Heading:
        """1.…: a numbered item as a level-3 heading with its text run in."""
        points = [self.point(p, k + 1, (*path, "points", k)) for k, p in enumerate(item.points)]
        body = self.block("item_body", text=self.text(item.text, (*path, "text")), points=points)
        heading = self.text(item.heading, (*path, "heading"))
        return Heading(3, number_for(3, n), self.block("item_heading", heading=heading), body)

    def children(self, owner: Part | Closing, path: PathT) -> list[Block]:
        """Items and loose points of a part or closing section."""
        out: list[Block] = [self.item(it, k + 1, (*path, "items", k)) for k, it in enumerate(owner.items)]
        out += [Paragraph(self.point(p, k + 1, (*path, "points", k))) for k, p in enumerate(owner.points)]
        return out

    def part(self, part: Part, n: int, path: PathT) -> list[Block]:
        """（一）…: a part of 一、基本情况."""
        out: list[Block] = [Heading(2, number_for(2, n), self.text(part.heading, (*path, "heading")))]
        if part.text:
            out.append(Paragraph(self.text(part.text, (*path, "text"))))
        return out + self.children(part, path)

    def closing(self, closing: Closing, n: int, path: PathT) -> list[Block]:
        """二、存在的问题 or 三、下一步工作计划."""
        out: list[Block] = [Heading(1, number_for(1, n), self.text(closing.heading, (*path, "heading")))]
        out += [Paragraph(self.text(p, (*path, "paragraphs", k))) for k, p in enumerate(closing.paragraphs)]
        return out + self.children(closing, path)

    def document(self) -> Document:
        """The whole document tree."""
        report = self.report
        title = self.text(report.meta.title, ("meta", "title"))
        doc = Document(plain(title), [Title(title)])
        doc.blocks += [Paragraph(self.text(p, ("preamble", k))) for k, p in enumerate(report.preamble)]
        doc.blocks.append(Heading(1, number_for(1, 1), self.text(report.overview.heading, ("overview", "heading"))))
        if report.overview.text:
            doc.blocks.append(Paragraph(self.text(report.overview.text, ("overview", "text"))))
        for k, part in enumerate(report.overview.parts):
            doc.blocks += self.part(part, k + 1, ("overview", "parts", k))
        n = 1
        for key in ("problems", "plans"):
            closing = getattr(report, key)
            if closing is not None:
                n += 1
                doc.blocks += self.closing(closing, n, (key,))
        meta = report.meta
        if meta.issuer and meta.date:
            issuer = self.printed(meta.issuer, ("meta", "issuer"))
            doc.blocks.append(Signature(issuer, self.block("date", date=meta.date)))
        return doc


def compose(report: Report, source: SourceMap, templates: Sequence[Path] = ()) -> tuple[Document, list[Finding]]:
    """Compose the document tree; returns it with any text findings."""
    composer = Composer(report, source, template_env(report.type, templates), text_context(report, marked=True))
    doc = punctuate_document(composer.document())
    return doc, composer.findings
