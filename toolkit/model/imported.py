"""The intermediate tree of an imported document: sections, paragraphs, figures and relations as found in the text.

Why a tree of its own: ``govreport import`` parses a .docx/.txt/.md into this tree first and only then writes the
YAML of the current report model, so the parser does not depend on the YAML's shape (which may change) and the
emitter stays small. Spans are offsets into the paragraph's text as written (after punctuation was normalised).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Figure:
    """A number with its unit as written: ``约52亿元``, ``20亿元以上``, ``30多辆``, and an optional growth phrase."""

    start: int  # span of the whole figure, qualifier included
    end: int
    number: str  # as written: "55.30"
    unit: str  # a unit of the vocabulary
    unit_text: str | None = None  # how the text writes it when it differs (亿 for 亿元)
    qualifier: str | None = None
    growth: Decimal | None = None  # stated growth in percent, signed
    growth_label: str | None = None  # 同比, 同期, 比上年
    growth_span: tuple[int, int] | None = None
    period: str | None = None
    kind: str = "actual"  # actual | target (力争、计划) | estimate (预计、建成后)
    label: str = ""
    source: str | None = None
    id: str = ""

    @property
    def value(self) -> Decimal:
        """The value as reported, precision kept."""
        return Decimal(self.number)


@dataclass
class NamedList:
    """Names listed with 、 (A、B、C等4宗…): span of the names only, and the figure stating the count if any."""

    start: int
    end: int
    names: list[str]
    count: int | None = None  # the stated count when written in words (三大 …)
    count_figure: int | None = None  # index of the figure that states the count
    id: str = ""


@dataclass
class Relation:
    """A relation the prose states, proposed as a check: kind and operands (figure ids) with the wording."""

    kind: str  # sum | share | per_capita | count
    fields: dict[str, object]
    wording: str
    note: str = ""


@dataclass
class Text:
    """A stretch of prose with the figures and lists found in it; ``paragraph`` is its source paragraph number."""

    text: str
    paragraph: int
    figures: list[Figure] = field(default_factory=list)
    lists: list[NamedList] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@dataclass
class Table:
    """A table of figures: title and units line (the paragraphs before it), header, and rows of cells.

    A cell is a ``Text``; a cell that is a bare number has one figure (the unit from the units line or header).
    """

    paragraph: int
    columns: list[str]
    rows: list[list[Text]]
    title: str | None = None
    unit: str | None = None


@dataclass
class Node:
    """A numbered unit of the document: a section (一、), part (（一）), item (1.), sub-item ((1)), point (一是).

    ``heading`` is the lead phrase (literal text); ``text`` the prose after it; ``children`` what is nested.
    ``paragraphs`` are unnumbered paragraphs under a heading, in order (before any numbered child).
    """

    kind: str  # section | part | item | subitem | circled | point
    number: int
    paragraph: int
    heading: str | None = None
    text: Text | None = None
    source: str = ""  # the whole paragraph as written, numbering included
    paragraphs: list[Text] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Note:
    """Something the importer noticed and a person should look at, by source paragraph (0: the whole file)."""

    paragraph: int
    message: str


@dataclass
class ImportedReport:
    """The whole document as recognised."""

    file: str
    title: str | None = None
    title_paragraph: int = 0
    addressee: str | None = None
    addressee_paragraph: int = 0
    preamble: list[Text] = field(default_factory=list)
    sections: list[Node] = field(default_factory=list)
    issuer: str | None = None
    date: tuple[int, int, int] | None = None
    signature_paragraph: int = 0
    notes: list[Note] = field(default_factory=list)
    unplaced: list[Text] = field(default_factory=list)

    def texts(self) -> list[Text]:
        """Every prose stretch in document order."""
        out = list(self.preamble)
        for section in self.sections:
            out += _node_texts(section)
        return out


def _node_texts(node: Node) -> list[Text]:
    out = list(node.paragraphs)
    if node.text is not None:
        out.insert(0, node.text)
    out += [cell for table in node.tables for row in table.rows for cell in row]
    for child in node.children:
        out += _node_texts(child)
    return out
