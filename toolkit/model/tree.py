"""The one internal shape of a report: a tree of sections, whichever of the two YAML shapes it was written in.

A report is written either as the free section tree (``sections:``, any depth) or in the original fixed shape
(``overview.parts`` / ``problems`` / ``plans``). The fixed shape is sugar: it is read into the same tree — the
overview is a level-1 section, each part a level-2 section declaring its pillar, each item a level-3 section
whose points run into its paragraph, and ``problems``/``plans`` level-1 sections after it. Every node keeps the
data path of the YAML it came from, so findings, the prose lint and rollover still point at (and edit) the place
the user wrote. Compose, the framework and completeness checks, the rule index, status and diff all walk this
tree, never the two YAML shapes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from toolkit.model.report import Block, Closing, Item, Overview, Part, Point, Report, Section, Table
from toolkit.source.reader import PathT


@dataclass
class PointNode:
    """一是… (level 1) or ①… (level 2 and below) with its data path."""

    path: PathT
    point: Point
    children: list[PointNode] = field(default_factory=list)


@dataclass
class Node:
    """A section of the document: heading, paragraphs, points, tables and child sections.

    ``level`` is the numbering level (1 一、, 2 （一）, 3 1., 4 （1）, 5 ①; 0 for the document itself) and
    ``number`` the section's number at that level, None when it is not numbered.
    """

    path: PathT
    block: Block
    level: int
    number: int | None = None
    heading: str | None = None
    paragraphs: list[tuple[PathT, str]] = field(default_factory=list)
    points: list[PointNode] = field(default_factory=list)
    inline_points: bool = False
    points_last: bool = False
    tables: list[tuple[PathT, Table]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    children_key: str = "sections"
    pillar: str | None = None
    sub_area: str | None = None
    id: str | None = None

    @property
    def heading_path(self) -> PathT:
        """Where the heading is written."""
        return (*self.path, "heading")

    @property
    def empty(self) -> bool:
        """A heading with nothing under it (no paragraph, point, table or child section)."""
        return not (self.paragraphs or self.points or self.tables or self.children)

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def blocks(self) -> list[tuple[PathT, Block]]:
        """Every block (sections and points) with its data path, in document order."""
        out: list[tuple[PathT, Block]] = [(self.path, self.block)]
        points = [pair for p in self.points for pair in _point_blocks(p)]
        if not self.points_last:
            out += points
        for child in self.children:
            out += child.blocks()
        if self.points_last:
            out += points
        return out


def _point_blocks(node: PointNode) -> list[tuple[PathT, Block]]:
    out: list[tuple[PathT, Block]] = [(node.path, node.point)]
    for child in node.children:
        out += _point_blocks(child)
    return out


def point_nodes(points: list[Point], path: PathT) -> list[PointNode]:
    """Points with their paths, recursively."""
    return [PointNode((*path, k), p, point_nodes(p.points, (*path, k, "points"))) for k, p in enumerate(points)]


_CHECKED: ContextVar[tuple[Report, Node, dict[str, Any]] | None] = ContextVar("checked_tree", default=None)


@contextmanager
def one_tree(report: Report) -> Iterator[Node]:
    """Within the block, ``report_tree(report)`` is built once and shared (the checks of a report ask for it a dozen
    times), and so is what is derived from it through ``derived``. The report must not be changed inside the
    block; nothing that checks or composes it does."""
    tree = _build_tree(report)
    token = _CHECKED.set((report, tree, {}))
    try:
        yield tree
    finally:
        _CHECKED.reset(token)


def report_tree(report: Report) -> Node:
    """The report as one tree; the document itself is the root (level 0), its preamble the root's paragraphs."""
    shared = _CHECKED.get()
    if shared is not None and shared[0] is report:
        return shared[1]
    return _build_tree(report)


T = TypeVar("T")


def derived(report: Report, key: str, make: Callable[[], T]) -> T:
    """``make()``, once for the report within ``one_tree`` (kept under ``key``), else every time it is asked."""
    shared = _CHECKED.get()
    if shared is None or shared[0] is not report:
        return make()
    cache = shared[2]
    if key not in cache:
        cache[key] = make()
    found: T = cache[key]
    return found


def _build_tree(report: Report) -> Node:
    root = Node((), report, 0, paragraphs=[(("preamble", k), t) for k, t in enumerate(report.preamble)])
    if report.overview is not None:
        root.children.append(_overview(report.overview))
        n = 1
        for key in ("problems", "plans"):
            closing = getattr(report, key)
            if closing is not None:
                n += 1
                root.children.append(_closing(closing, n, (key,)))
    else:
        root.children = _sections(report.sections, ("sections",), report.top_level)
    return root


def _text(path: PathT, text: str | None) -> list[tuple[PathT, str]]:
    return [(path, text)] if text else []


def _overview(overview: Overview) -> Node:
    node = Node(("overview",), overview, 1, 1, overview.heading, _text(("overview", "text"), overview.text))
    node.children = [_part(p, k, ("overview", "parts", k)) for k, p in enumerate(overview.parts)]
    node.children_key = "parts"
    return node


def _part(part: Part, k: int, path: PathT) -> Node:
    node = Node(path, part, 2, k + 1, part.heading, _text((*path, "text"), part.text), pillar=part.pillar, id=part.id)
    node.children = [_item(it, j, (*path, "items", j)) for j, it in enumerate(part.items)]
    node.children_key = "items"
    node.points = point_nodes(part.points, (*path, "points"))
    node.points_last = True
    return node


def _item(item: Item, k: int, path: PathT) -> Node:
    node = Node(path, item, 3, k + 1, item.heading, _text((*path, "text"), item.text), sub_area=item.sub_area)
    node.id = item.id
    node.points = point_nodes(item.points, (*path, "points"))
    node.inline_points = True
    return node


def _closing(closing: Closing, n: int, path: PathT) -> Node:
    paragraphs = [((*path, "paragraphs", k), t) for k, t in enumerate(closing.paragraphs)]
    node = Node(path, closing, 1, n, closing.heading, paragraphs)
    node.children = [_item(it, j, (*path, "items", j)) for j, it in enumerate(closing.items)]
    node.children_key = "items"
    node.points = point_nodes(closing.points, (*path, "points"))
    node.points_last = True
    return node


def _sections(sections: list[Section], path: PathT, level: int) -> list[Node]:
    out: list[Node] = []
    n = 0
    for k, section in enumerate(sections):
        here = (*path, k)
        number = None
        if section.heading and section.numbered:
            n = section.start if section.start is not None else n + 1
            number = n
        paragraphs = _text((*here, "text"), section.text)
        paragraphs += [((*here, "paragraphs", j), t) for j, t in enumerate(section.paragraphs) if t]
        node = Node(
            here,
            section,
            level,
            number,
            section.heading,
            paragraphs,
            point_nodes(section.points, (*here, "points")),
            section.inline_points if section.inline_points is not None else level >= 3,
            tables=[((*here, "tables", j), t) for j, t in enumerate(section.tables)],
            pillar=section.pillar,
            sub_area=section.sub_area,
            id=section.id,
        )
        node.children = _sections(section.sections, (*here, "sections"), level + 1)
        out.append(node)
    return out
