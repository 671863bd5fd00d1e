"""Compose a validated Report into a document tree, rendering every text field on the way."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.chinese.numerals import circled, number_for, ordinal
from toolkit.compose.blocks import stock_block, template_env, template_file
from toolkit.compose.document import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SOURCE_CLOSE,
    SOURCE_OPEN,
    SOURCE_TAG_END,
    Block,
    Document,
    Flush,
    Heading,
    Paragraph,
    Signature,
    Table,
    Title,
    mark,
    plain,
    punctuate_document,
)
from toolkit.compose.problems import check_output
from toolkit.compose.text import MetricView, TextError, render_text, undefined_message
from toolkit.diagnostics.finding import Finding, Location
from toolkit.model.report import MetricCell, Report, blocks, iter_metrics
from toolkit.model.report import Table as ModelTable
from toolkit.model.tree import Node, PointNode, report_tree
from toolkit.source.reader import PathT, SourceMap, dotted

if TYPE_CHECKING:
    from jinja2 import Environment

MARK_OR_BREAK = re.compile("\ue002[^\ue003\ue004]*\ue003|[\ue000\ue001\ue004]|\n|[^\ue000-\ue004\n]+")
"""A provenance or highlight mark, a line break, or a stretch of text between them."""


def text_context(report: Report, *, marked: bool = False, public: bool = False) -> dict[str, Any]:
    """What text templates may name: year, region, every metric and every list.

    ``marked``: metrics render with provenance marks naming them (the composer's context). ``public``: figures
    marked ``masked`` print the report's mask (``publication.mask``) instead of their number.
    """
    context: dict[str, Any] = {"year": report.meta.year, "region": report.meta.region.name}
    mask = report.publication.mask
    context.update(
        {name: MetricView(metric, name if marked else "", mask, public) for name, metric, _ in iter_metrics(report)}
    )
    for _, block in blocks(report):
        context.update({k: list(v) for k, v in block.lists.items()})
    return context


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def text_location(source: SourceMap, path: PathT, raw: str, problem: TextError) -> Location:
    """Where a text's problem is in the file: the line of its token, else its line within the text.

    A block scalar's (``|``, ``>``) text starts on the line after the indicator, not on the ``|`` line.
    """
    where = source.locate(path)
    block = path in source.block_scalars
    first = where.line + (1 if block else 0)
    lines = source.lines
    if problem.token and lines:
        token = problem.token
        pattern = re.compile(
            rf"(?<![A-Za-z0-9_]){re.escape(token)}(?![A-Za-z0-9_])" if _IDENT.fullmatch(token) else re.escape(token)
        )
        for number in range(max(first, 1), min(first + raw.count("\n") + 2, len(lines) + 1)):
            found = pattern.search(lines[number - 1], where.column - 1 if number == where.line else 0)
            if found:
                return Location(where.file, number, found.start() + 1, where.path)
    if block and 0 < first <= len(lines):
        row = lines[first - 1]
        line = first + max(problem.line, 1) - 1
        return Location(where.file, line, len(row) - len(row.lstrip(" ")) + 1, where.path)
    if problem.line > 1:
        return Location(where.file, where.line + problem.line - 1, where.column, where.path)
    return where


_EXPRESSION_MARK = f"{SOURCE_OPEN}e:{SOURCE_TAG_END}"


def number_expressions(text: str) -> str:
    """Number the expression marks of one rendered field in order (``e:0``, ``e:1`` …)."""
    pieces = text.split(_EXPRESSION_MARK)
    if len(pieces) == 1:
        return text
    out = [pieces[0]]
    for k, piece in enumerate(pieces[1:]):
        out += [f"{SOURCE_OPEN}e:{k}{SOURCE_TAG_END}", piece]
    return "".join(out)


@dataclass
class Composer:
    """Walks the report in document order; collects text findings instead of stopping at the first."""

    report: Report
    source: SourceMap
    templates: Sequence[Path]
    context: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    stock: dict[str, bool] = field(default_factory=dict)  # block templates found stock, for this document
    reads: set[str] | None = None  # filled with the names the texts read, when the caller asks

    @property
    def env(self) -> Environment:
        """The block templates' sandbox (made on first use: the stock blocks need none)."""
        return template_env(self.report.type, self.templates)

    def text(self, raw: str | None, path: PathT) -> str:
        """Render one YAML text field, recording a finding at its line on failure; the result is marked with the
        field's path and each expression's and metric's provenance."""
        if not raw:
            return ""
        try:
            rendered = render_text(raw, self.context, marked=True, reads=self.reads)
            return mark(f"f:{dotted(path)}", number_expressions(rendered))
        except TextError as exc:
            self.findings.append(Finding(exc.code, exc.message, text_location(self.source, path, raw, exc)))
            return ""

    @staticmethod
    def printed(text: str | None, path: PathT) -> str:
        """A field printed as written (a title or heading), marked with its path."""
        return mark(f"f:{dotted(path)}", text) if text else ""

    def block(self, name: str, **values: Any) -> str:
        """Render one of the block templates; a broken one is a finding at its file and line (reported once)."""
        try:
            stock = stock_block(self.report.type, self.templates, name, values, self.stock)
            if stock is not None:
                return check_output(stock)
            return check_output(self.env.get_template(f"{name}.j2").render(**values))
        except Exception as exc:
            from toolkit.compose.sandbox import problem_of

            filename = template_file(self.env, f"{name}.j2")
            problem = problem_of(exc, filename)
            finding = Finding(problem.code, problem.message, Location(filename, max(problem.line, 1), 1))
            if all(f.format() != finding.format() for f in self.findings):
                self.findings.append(finding)
            return ""

    def point(self, node: PointNode, n: int, depth: int = 1) -> str:
        """一是… (depth 1) or ①… (deeper): one point with its sub-points, as text."""
        point, path = node.point, node.path
        subs = "".join(self.point(c, k + 1, depth + 1) for k, c in enumerate(node.children))
        return self.block(
            "point",
            ordinal=ordinal(n) if depth == 1 else circled(n),
            heading=self.text(point.heading, (*path, "heading")) or None,
            text=self.text(point.text, (*path, "text")) + subs,
        )

    def section(self, node: Node) -> list[Block]:
        """One section of the tree: its heading, paragraphs, points, tables, then its child sections."""
        texts = [self.text(raw, path) for path, raw in node.paragraphs]
        points = [self.point(p, k + 1) for k, p in enumerate(node.points)]
        if node.inline_points and points:
            joined = "".join(points)
            texts = [*texts[:-1], self.block("item_body", text=texts[-1], points=points)] if texts else [joined]
            points = []
        pieces = [piece for text in texts for piece in paragraphs_of(text)]
        out: list[Block] = []
        if node.level and node.heading is not None:
            heading = self.text(node.heading, node.heading_path)
            number = number_for(node.level, node.number) if node.number is not None else ""
            if node.level >= 3:
                run_in = pieces.pop(0) if pieces else ""
                out.append(Heading(node.level, number, self.block("item_heading", heading=heading), run_in))
            else:
                out.append(Heading(node.level, number, heading))
        out += [Paragraph(p) for p in pieces]
        loose = [Paragraph(piece) for text in points for piece in paragraphs_of(text)]
        if not node.points_last:
            out += loose
        out += [self.table(table, path) for path, table in node.tables]
        for child in node.children:
            out += self.section(child)
        if node.points_last:
            out += loose
        return out

    def table(self, table: ModelTable, path: PathT) -> Table:
        """A table with every cell rendered (a metric cell prints its bare number)."""
        rows = [
            [self.cell(cell, (*path, "rows", r, c)) for c, cell in enumerate(row)] for r, row in enumerate(table.rows)
        ]
        header = [self.text(col, (*path, "columns", k)) for k, col in enumerate(table.columns)]
        return Table(self.text(table.title, (*path, "title")), table.unit or "", header, rows)

    def cell(self, cell: str | MetricCell, path: PathT) -> str:
        """One table cell."""
        if isinstance(cell, MetricCell):
            view = self.context.get(cell.metric)
            if not isinstance(view, MetricView):
                where = self.source.locate((*path, "metric"))
                message = undefined_message(cell.metric, self.context)
                self.findings.append(Finding("undefined-metric", message, where))
                return ""
            return view.number
        return self.text(cell, path)

    def document(self) -> Document:
        """The whole document tree."""
        report = self.report
        meta = report.meta
        title = self.text(meta.title, ("meta", "title"))
        doc = Document(plain(title), [Title(title)])
        if meta.addressee:
            addressee = meta.addressee if meta.addressee.endswith("：") else f"{meta.addressee}："
            doc.blocks.append(Flush(self.printed(addressee, ("meta", "addressee"))))
        if meta.salutation:
            doc.blocks.append(Flush(self.printed(meta.salutation, ("meta", "salutation"))))
        doc.blocks += self.section(report_tree(report))
        if meta.issuer and meta.date:
            issuer = self.printed(meta.issuer, ("meta", "issuer"))
            doc.blocks.append(Signature(issuer, self.block("date", date=meta.date)))
        return doc


def paragraphs_of(text: str) -> list[str]:
    """A rendered text as paragraphs: every line break left after YAML folding starts a new paragraph.

    Marks open at a break are closed before it and reopened after it, so each paragraph keeps its provenance.
    """
    if "\n" not in text:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    opened: list[str] = []
    for token in MARK_OR_BREAK.findall(text):
        if token == "\n":
            closing = "".join(HIGHLIGHT_END if t == HIGHLIGHT_START else SOURCE_CLOSE for t in reversed(opened))
            pieces.append("".join(current) + closing)
            current = list(opened)
            continue
        current.append(token)
        if token == HIGHLIGHT_START or token.startswith(SOURCE_OPEN):
            opened.append(token)
        elif token in (HIGHLIGHT_END, SOURCE_CLOSE) and opened:
            opened.pop()
    pieces.append("".join(current))
    return [piece for piece in pieces if plain(piece).strip()]


def compose(
    report: Report,
    source: SourceMap,
    templates: Sequence[Path] = (),
    *,
    public: bool = False,
    reads: set[str] | None = None,
) -> tuple[Document, list[Finding]]:
    """Compose the document tree; returns it with any text findings. ``public`` prints masked figures masked;
    ``reads`` is filled with every name the texts read (all of them when there is no text finding)."""
    context = text_context(report, marked=True, public=public)
    composer = Composer(report, source, templates, context, reads=reads)
    doc = punctuate_document(composer.document())
    return doc, composer.findings
