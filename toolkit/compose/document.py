"""The document tree between templates and writers, printable as an indented outline."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from toolkit.chinese.punctuation import punctuate

# Marks a run that must stand out in a draft (a missing figure's placeholder).
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"


@dataclass(frozen=True)
class Run:
    """A stretch of text with uniform formatting."""

    text: str
    highlight: bool = False


def split_runs(text: str) -> list[Run]:
    """Split text carrying highlight markers into runs."""
    runs: list[Run] = []
    rest = text
    while rest:
        start = rest.find(HIGHLIGHT_START)
        if start < 0:
            runs.append(Run(rest))
            break
        if start:
            runs.append(Run(rest[:start]))
        end = rest.find(HIGHLIGHT_END, start)
        end = len(rest) if end < 0 else end
        runs.append(Run(rest[start + 1 : end], highlight=True))
        rest = rest[end + 1 :]
    return runs


def plain(text: str) -> str:
    """Text with highlight markers removed."""
    return text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


@dataclass
class Title:
    """The document title (2号小标宋, centred)."""

    text: str


@dataclass
class Paragraph:
    """A body paragraph with a first-line indent."""

    text: str


@dataclass
class Heading:
    """A numbered heading; ``run_in`` is body text that continues in the same paragraph.

    Level 1 is 一、, level 2 （一）, level 3 1., level 4 （1）.
    """

    level: int
    number: str
    text: str
    run_in: str = ""


@dataclass
class Signature:
    """Issuer and date at the end of the document."""

    issuer: str
    date: str


Block = Title | Paragraph | Heading | Signature


@dataclass
class Document:
    """An ordered list of blocks plus the metadata writers need."""

    title: str
    blocks: list[Block] = field(default_factory=list)

    def paragraphs(self) -> list[str]:
        """The plain text of each block, one string per paragraph."""
        return [plain(block_text(b)) for b in self.blocks]

    def outline(self) -> str:
        """An indented outline, one line per block, for tests and ``--format outline``."""
        return "\n".join(outline_line(b) for b in self.blocks)


def block_text(block: Block) -> str:
    """The full text of a block as it reads in the document."""
    if isinstance(block, Heading):
        return f"{block.number}{block.text}{block.run_in}"
    if isinstance(block, Signature):
        return f"{block.issuer}\n{block.date}"
    return block.text


def outline_line(block: Block) -> str:
    """One outline line: the block kind, indented by level, and a short text."""
    text = plain(block_text(block)).replace("\n", " / ")
    short = text if len(text) <= 40 else text[:39] + "…"
    if isinstance(block, Heading):
        return f"{'  ' * block.level}H{block.level} {short}"
    return f"{type(block).__name__} {short}"


def punctuate_document(doc: Document) -> Document:
    """The same document with every text field punctuated (blocks are replaced, not mutated)."""
    return Document(punctuate(doc.title), [punctuate_block(b) for b in doc.blocks])


def punctuate_block(block: Block) -> Block:
    """One block with its text fields punctuated."""
    if isinstance(block, Heading):
        return replace(block, text=punctuate(block.text), run_in=punctuate(block.run_in))
    if isinstance(block, Signature):
        return replace(block, issuer=punctuate(block.issuer), date=punctuate(block.date))
    return replace(block, text=punctuate(block.text))
