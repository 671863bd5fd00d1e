"""The document tree between templates and writers, printable as an indented outline."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from toolkit.chinese.numerals import chinese_number
from toolkit.chinese.punctuation import punctuate

# Marks a run that must stand out in a draft (a missing figure's placeholder).
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"
# Provenance marks: SOURCE_OPEN tag SOURCE_TAG_END text SOURCE_CLOSE. A tag is ``f:<dotted YAML path>`` (a text
# field), ``e:<n>`` (the output of the field's n-th ``{{ }}`` expression, counted from 0) or ``m:<metric>:<form>``
# (a metric rendered as ``value``, ``number`` or ``growth``). They nest; writers read them through ``split_runs``
# and ``plain``.
SOURCE_OPEN = "\ue002"
SOURCE_TAG_END = "\ue003"
SOURCE_CLOSE = "\ue004"
_MARKS = re.compile("\ue002[^\ue003\ue004]*\ue003|[\ue000\ue001\ue004]")


def mark(tag: str, text: str) -> str:
    """Wrap text in a provenance mark (see ``SOURCE_OPEN``)."""
    return f"{SOURCE_OPEN}{tag}{SOURCE_TAG_END}{text}{SOURCE_CLOSE}"


@dataclass(frozen=True)
class Run:
    """A stretch of text with uniform formatting and one origin.

    ``source`` is the dotted YAML path of the text field it came from (None for generated text: numbering,
    ordinals, punctuation a template adds); ``metric`` and ``form`` name the figure it renders; ``expr`` is
    the index of the ``{{ }}`` expression of the field whose output it is part of.
    """

    text: str
    highlight: bool = False
    source: str | None = None
    metric: str | None = None
    form: str | None = None
    expr: int | None = None
    failing: bool = False  # a figure a failing rule names (a draft marks it apart from missing ones)


def split_runs(text: str) -> list[Run]:
    """Split text carrying highlight and provenance marks into runs."""
    runs: list[Run] = []
    highlight = False
    stack: list[str] = []
    last = 0

    def flush(end: int) -> None:
        if end > last:
            runs.append(run_for(text[last:end], highlight, stack))

    for match in _MARKS.finditer(text):
        flush(match.start())
        last = match.end()
        token = match.group(0)
        if token == HIGHLIGHT_START:
            highlight = True
        elif token == HIGHLIGHT_END:
            highlight = False
        elif token == SOURCE_CLOSE:
            if stack:
                stack.pop()
        else:
            stack.append(token[1:-1])
    flush(len(text))
    return runs


def run_for(text: str, highlight: bool, tags: list[str]) -> Run:
    """A run with the innermost field, metric and expression of the open tags."""
    source = metric = form = None
    expr: int | None = None
    failing = False
    for tag in tags:
        kind, _, rest = tag.partition(":")
        if kind == "f":
            source = rest
        elif kind == "m":
            metric, _, form = rest.partition(":")
        elif kind == "e":
            expr = int(rest) if rest.isdigit() else -1
        elif tag == FAILING:
            failing = True
    return Run(text, highlight, source, metric, form or None, expr, failing)


FAILING = "x:failing"
"""The tag ``flag_metrics`` puts around a figure that a failing rule names."""


def flag_metrics(doc: Document, names: set[str]) -> Document:
    """The same document with every rendering of the named metrics wrapped in the ``x:failing`` tag."""
    if not names:
        return doc
    return Document(doc.title, [map_block(b, lambda text: flag_text(text, names)) for b in doc.blocks])


def flag_text(text: str, names: set[str]) -> str:
    """Wrap each ``m:<name>:…`` mark of the named metrics (with what it encloses) in the failing tag."""
    out: list[str] = []
    stack: list[bool] = []
    last = 0
    for match in _MARKS.finditer(text):
        out.append(text[last : match.start()])
        last = match.end()
        token = match.group(0)
        if token.startswith(SOURCE_OPEN):
            tag = token[1:-1]
            flagged = tag.startswith("m:") and tag[2:].partition(":")[0] in names
            stack.append(flagged)
            out.append(f"{SOURCE_OPEN}{FAILING}{SOURCE_TAG_END}{token}" if flagged else token)
        elif token == SOURCE_CLOSE:
            flagged = stack.pop() if stack else False
            out.append(token + SOURCE_CLOSE if flagged else token)
        else:
            out.append(token)
    out.append(text[last:])
    return "".join(out)


def plain(text: str) -> str:
    """Text with highlight and provenance marks removed."""
    return _MARKS.sub("", text)


def punctuate_marked(text: str) -> str:
    """``punctuate`` text that carries marks: the marks are taken out, the text punctuated, the marks put back.

    Why: a mark between a Chinese character and a half-width comma would otherwise hide the context the
    punctuation rules look at. Positions move with the edits punctuation makes (``...`` → ``……``).
    """
    before = _MARKS.sub("", text)
    if before == text:
        return punctuate(text)
    after = punctuate(before)
    if after == before:
        return text  # the common case: nothing to convert, so the marks need not be placed again
    marks: list[tuple[int, str]] = []
    size = last = 0
    for match in _MARKS.finditer(text):
        size += match.start() - last
        marks.append((size, match.group(0)))
        last = match.end()
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    out: list[str] = []
    done = 0
    for position, token in marks:
        opening = token not in (HIGHLIGHT_END, SOURCE_CLOSE)
        moved = moved_position(opcodes, position, opening)
        out += [after[done:moved], token]
        done = max(done, moved)
    out.append(after[done:])
    return "".join(out)


def moved_position(opcodes: Sequence[tuple[str, int, int, int, int]], position: int, opening: bool) -> int:
    """Where a position of the text before an edit lands after it (an opening mark goes after inserted text)."""
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal" and i1 <= position < i2:
            return j1 + position - i1
        if tag != "equal" and i1 <= position <= i2 and (position < i2 or i1 == i2):
            if i1 == i2:
                return j2 if opening else j1
            return j1 if position == i1 else j2
    return opcodes[-1][4] if opcodes else position


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

    Level 1 is 一、, level 2 （一）, level 3 1., level 4 （1）, level 5 ①. ``number`` is empty for an unnumbered
    heading.
    """

    level: int
    number: str
    text: str
    run_in: str = ""


@dataclass
class Flush:
    """A line printed flush left with no indent: the addressee (主送机关) or a salutation (各位领导：)."""

    text: str


@dataclass
class Table:
    """A table of figures: title (centred), units line (right), header row and body rows of cell text."""

    title: str
    unit: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Signature:
    """Issuer and date at the end of the document."""

    issuer: str
    date: str


Block = Title | Paragraph | Heading | Flush | Table | Signature


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
    if isinstance(block, Table):
        lines = [block.title, f"单位：{block.unit}" if block.unit else ""]
        lines += ["\t".join(row) for row in [block.header, *block.rows]]
        return "\n".join(line for line in lines if line)
    return block.text


def block_runs(block: Block) -> list[Run]:
    """The runs of a block in the order the .docx writer writes them (a signature: issuer, then date)."""
    if isinstance(block, Heading) and block.run_in and block.level >= 3:
        return split_runs(f"{block.number}{block.text}") + split_runs(block.run_in)
    if isinstance(block, Heading):
        return split_runs(f"{block.number}{block.text}{block.run_in}")
    if isinstance(block, Signature):
        return split_runs(block.issuer) + split_runs(block.date)
    if isinstance(block, Table):
        runs = split_runs(block.title) + (split_runs(f"单位：{block.unit}") if block.unit else [])
        return runs + [run for row in [block.header, *block.rows] for cell in row for run in split_runs(cell)]
    return split_runs(block.text)


OUTLINE_KINDS = {"Title": "标题", "Paragraph": "段落", "Flush": "顶格", "Table": "表格", "Signature": "落款"}
"""The block kinds as ``govreport outline`` names them (a heading is named by its level: 一级标题 …)."""


def outline_line(block: Block) -> str:
    """One outline line: the block kind, indented by level, and a short text."""
    text = plain(block_text(block)).replace("\n", " / ")
    short = text if len(text) <= 40 else text[:39] + "…"
    if isinstance(block, Heading):
        return f"{'  ' * block.level}{chinese_number(block.level)}级标题 {short}"
    return f"{OUTLINE_KINDS[type(block).__name__]} {short}"


def punctuate_document(doc: Document) -> Document:
    """The same document with every text field punctuated (blocks are replaced, not mutated)."""
    return Document(punctuate(doc.title), [punctuate_block(b) for b in doc.blocks])


def punctuate_block(block: Block) -> Block:
    """One block with its text fields punctuated."""
    return map_block(block, punctuate_marked)


def map_block(block: Block, fn: Callable[[str], str]) -> Block:
    """One block with ``fn`` applied to each of its text fields (the block is replaced, not mutated)."""
    if isinstance(block, Heading):
        return replace(block, text=fn(block.text), run_in=fn(block.run_in))
    if isinstance(block, Signature):
        return replace(block, issuer=fn(block.issuer), date=fn(block.date))
    if isinstance(block, Table):
        return replace(
            block,
            title=fn(block.title),
            header=[fn(c) for c in block.header],
            rows=[[fn(c) for c in row] for row in block.rows],
        )
    return replace(block, text=fn(block.text))
