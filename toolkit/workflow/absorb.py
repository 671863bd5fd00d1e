"""Bring a reviewed .docx back into the YAML: changed figures, reworded text, added and deleted paragraphs.

The .docx must have been written by ``build`` (its ``govreport.*`` fingerprint names the YAML's SHA-256). The
original paragraphs are rebuilt from the YAML — every run of the rebuilt document tree knows the YAML field,
the ``{{ }}`` expression and the metric it came from (``toolkit.compose.document.Run``) — and compared with the
edited ones (tracked changes read as accepted, ``toolkit.source.wordfile``):

- paragraphs are paired by their text; a base paragraph without a partner was deleted, an edited paragraph
  without one was added (placed after the paragraph before it);
- in a changed paragraph, each changed stretch belongs to the text field it falls in (text a template adds —
  numbering, 一是, a closing 。 — is regenerated and never written back);
- a change inside a figure's rendered form (``55.33亿元``, ``同比增长3.6%``, a bare number) that still reads as
  that figure updates the metric (value, qualifier, stated growth); the ``{{ }}`` reference stays;
- any other change rewrites the field's template: literal text is replaced, every ``{{ }}`` expression whose
  output is still there is kept, and an expression whose output was retyped becomes literal text (reported,
  with a warning when it holds digits: a figure that became plain digits);
- a field whose every character was deleted removes its point, or empties the text.

When the YAML changed since the build (its SHA-256 differs from the fingerprint), only tracked changes can be
told apart from the newer YAML: the rejected view of the .docx (what the build wrote) is compared with the
rebuilt paragraphs, and a paragraph both reviewed and changed in the YAML is a conflict.

Nothing is written when an edit cannot be placed, unless ``partial``. The YAML is rewritten with the
comment-keeping round trip (``toolkit.source.editor``), then checked by re-reading it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ruamel.yaml.scalarstring import FoldedScalarString, ScalarString

from toolkit.chinese.figures import format_figure, format_number
from toolkit.chinese.punctuation import punctuate
from toolkit.compose.composer import compose, text_context
from toolkit.compose.document import (
    Document,
    Flush,
    Heading,
    Paragraph,
    Run,
    Signature,
    Table,
    Title,
    block_runs,
    plain,
    split_runs,
)
from toolkit.compose.text import TextError, render_text
from toolkit.diagnostics.finding import Finding, Location, Severity
from toolkit.errors import GovreportError, ReportInvalid
from toolkit.model.loading import model_report
from toolkit.model.report import Metric, Report, iter_metrics
from toolkit.model.units import qualifiers
from toolkit.output.fingerprint import Provenance, UnreadableDocx, read_docx_provenance, sha256
from toolkit.source.editor import dump_rt, load_rt, node_at, pop_keeping_comments
from toolkit.source.reader import Loaded, PathT, SourceMap, parse_yaml, read_with_bytes
from toolkit.source.wordfile import EditedDocx, EditedParagraph, ReviewComment, Revision, read_edited_docx

AUTHOR = "govreport"
MATCH_RATIO = 0.5  # paragraphs at least this similar are the same paragraph, edited
_NUMBER = r"-?[0-9]+(?:\.[0-9]+)?"
_GROWTH = re.compile(rf"^(?P<label>同比|同期|比上年)?(?P<verb>增长|下降)(?P<rate>{_NUMBER})%$")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+是")
_DIGITS = re.compile(r"[0-9０-９]")
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#|%\}|#\}|\}\}")
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_DOTTED = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
Op = tuple[str, int, int, int, int]  # a difflib opcode


@dataclass(frozen=True)
class FigureChange:
    """A metric whose value, qualifier or stated growth changed."""

    metric: str
    location: Location
    old: str
    new: str
    fields: tuple[tuple[str, str, str], ...]  # (key, old, new)


@dataclass(frozen=True)
class WordingChange:
    """A text field whose wording changed."""

    location: Location
    old: str
    new: str
    kept: tuple[str, ...] = ()  # expressions kept as references
    dropped: tuple[str, ...] = ()  # expressions whose output was retyped or deleted


@dataclass(frozen=True)
class StructureChange:
    """A paragraph, item or point added or removed."""

    kind: str  # added | removed
    location: Location
    text: str


@dataclass
class Absorbed:
    """What ``absorb`` found and did, for the review printed to the drafter."""

    docx: str
    yaml: str
    provenance: Provenance
    source_changed: bool = False
    figures: list[FigureChange] = field(default_factory=list)
    wording: list[WordingChange] = field(default_factory=list)
    structure: list[StructureChange] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    comments: list[tuple[ReviewComment, Location | None]] = field(default_factory=list)
    unplaced: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    text: str = ""  # the new YAML text
    output: str = ""
    source_bytes: bytes = b""  # the YAML's bytes as read (the new text is written with their line breaks and BOM)

    @property
    def changed(self) -> bool:
        return bool(self.figures or self.wording or self.structure)


@dataclass(frozen=True)
class BaseParagraph:
    """A paragraph of the rebuilt document: the block it comes from and its runs with their provenance."""

    block: int
    kind: str  # title | heading | paragraph | flush | caption | unitline | cell | issuer | date
    level: int
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def undotted(path: str) -> PathT:
    """``overview.parts[0].text`` → ``("overview", "parts", 0, "text")``."""
    return tuple(int(index) if index else name for name, index in _DOTTED.findall(path))


# --- reading the inputs -------------------------------------------------------------------------------------


def read_docx(path: Path) -> tuple[Provenance, EditedDocx]:
    """The fingerprint and the edited paragraphs of a .docx; refuse what the toolkit did not build."""
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReportInvalid([Finding("file-not-found", f"找不到文件：{name}", Location(name))]) from None
    except OSError as exc:
        raise ReportInvalid([Finding("file-unreadable", f"无法读取文件：{exc.strerror}", Location(name))]) from None
    try:
        provenance = read_docx_provenance(data)
        if provenance is None:
            message = (
                f"{path.name} 不是 govreport 生成的 Word 文件（没有 govreport 生成记录），无法对照 YAML 吸收修改；"
                "其他来源的报告请用 govreport import 转为 YAML"
            )
            raise ReportInvalid([Finding("absorb-not-built", message, Location(name))])
        return provenance, read_edited_docx(data)
    except UnreadableDocx as exc:
        raise ReportInvalid([Finding("absorb-unreadable", f"无法读取 {path.name}：{exc}", Location(name))]) from None


def rebuild(loaded: Loaded, templates: Sequence[Path]) -> tuple[Report, Document]:
    """The report and its document tree as ``build`` makes them."""
    report, findings = model_report(loaded.data, loaded.source)
    if report is None:
        raise ReportInvalid(findings)
    document, text_findings = compose(report, loaded.source, templates)
    if text_findings:
        raise ReportInvalid(text_findings)
    return report, document


def base_paragraphs(document: Document) -> list[BaseParagraph]:
    """The non-empty paragraphs the .docx writer makes of each block."""
    out: list[BaseParagraph] = []
    for k, block in enumerate(document.blocks):
        if isinstance(block, Signature):
            out.append(BaseParagraph(k, "issuer", 0, tuple(split_runs(block.issuer))))
            out.append(BaseParagraph(k, "date", 0, tuple(split_runs(block.date))))
        elif isinstance(block, Title):
            out.append(BaseParagraph(k, "title", 0, tuple(block_runs(block))))
        elif isinstance(block, Heading):
            out.append(BaseParagraph(k, "heading", block.level, tuple(block_runs(block))))
        elif isinstance(block, Paragraph):
            out.append(BaseParagraph(k, "paragraph", 0, tuple(block_runs(block))))
        elif isinstance(block, Flush):
            out.append(BaseParagraph(k, "flush", 0, tuple(block_runs(block))))
        elif isinstance(block, Table):  # title, 单位 line, then each cell (header first) as its own paragraph
            out.append(BaseParagraph(k, "caption", 0, tuple(split_runs(block.title))))
            out.append(BaseParagraph(k, "unitline", 0, tuple(split_runs(f"单位：{block.unit}" if block.unit else ""))))
            out += [
                BaseParagraph(k, "cell", 0, tuple(split_runs(c))) for row in [block.header, *block.rows] for c in row
            ]
    return [p for p in out if p.text.strip()]


# --- pairing paragraphs ---------------------------------------------------------------------------------------


def pair(base: Sequence[str], edited: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Pair base and edited paragraphs in order: equal ones, then similar ones; the rest stand alone."""
    out: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, list(base), list(edited), autojunk=False).get_opcodes():
        if tag == "equal":
            out += [(i1 + k, j1 + k) for k in range(i2 - i1)]
            continue
        j = j1
        for i in range(i1, i2):
            best = next(
                (k for k in range(j, j2) if similarity(base[i], edited[k]) >= MATCH_RATIO),
                None,
            )
            if best is None:
                out.append((i, None))
                continue
            out += [(None, k) for k in range(j, best)]
            out.append((i, best))
            j = best + 1
        out += [(None, k) for k in range(j, j2)]
    return out


def similarity(a: str, b: str) -> float:
    """How alike two paragraphs are (0–1)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() and matcher.ratio()


# --- figures ----------------------------------------------------------------------------------------------------


def parse_value(text: str, metric: Metric) -> tuple[Decimal, str | None] | None:
    """Read a figure as rendered (``约52亿元``, ``30多辆``) back into value and qualifier; None if it does not."""
    unit = metric.unit_text if metric.unit_text is not None else metric.unit
    for word in (None, *qualifiers()):
        before, _, after = format_figure("\0", unit, word).partition("\0")
        match = re.fullmatch(f"{re.escape(before)}({_NUMBER}){re.escape(after)}", text)
        if match:
            return Decimal(match.group(1)), word
    return None


def parse_growth(text: str, metric: Metric) -> Decimal | None:
    """Read a growth phrase (``同比增长3.6%``, ``与上年持平``) back into a rate; None if it does not."""
    if text == "与上年持平":
        return Decimal(0)
    match = _GROWTH.fullmatch(text)
    if match is None or (match.group("label") or metric.yoy_label) != metric.yoy_label:
        return None
    rate = Decimal(match.group("rate"))
    return -rate if match.group("verb") == "下降" else rate


@dataclass
class MetricEdit:
    """New values for one metric, gathered from every place it is printed."""

    value: Decimal | None = None
    qualifier: str | None = None
    qualifier_set: bool = False
    yoy: Decimal | None = None
    places: list[str] = field(default_factory=list)


# --- one field --------------------------------------------------------------------------------------------------


@dataclass
class FieldText:
    """The base text of one field in one paragraph with its runs, and the edited text gathered for it."""

    path: str
    runs: list[Run]
    new: str = ""

    @property
    def old(self) -> str:
        return "".join(run.text for run in self.runs)


def split_fields(paragraph: BaseParagraph) -> tuple[list[tuple[int, int, str | None]], dict[str, FieldText]]:
    """Character ranges of a paragraph by owner (a field path, or None for generated text), and the fields."""
    ranges: list[tuple[int, int, str | None]] = []
    fields: dict[str, FieldText] = {}
    position = 0
    for run in paragraph.runs:
        end = position + len(run.text)
        owner = field_owner(run)
        if ranges and ranges[-1][2] == owner:
            ranges[-1] = (ranges[-1][0], end, owner)
        else:
            ranges.append((position, end, owner))
        owner = field_owner(run)
        if owner is not None:
            fields.setdefault(owner, FieldText(owner, [])).runs.append(run)
        position = end
    return ranges, fields


def field_owner(run: Run) -> str | None:
    """The field a run belongs to: its text field, or ``=metric:form`` for a figure printed on its own (a cell)."""
    if run.source is not None:
        return run.source
    return f"={run.metric}:{run.form}" if run.metric and run.form else None


def owner_at(ranges: list[tuple[int, int, str | None]], position: int) -> str | None:
    """The owner of the character at ``position`` (None past the end or for generated text)."""
    for start, end, owner in ranges:
        if start <= position < end:
            return owner
    return None


def distribute(paragraph: BaseParagraph, edited: str) -> tuple[dict[str, FieldText], list[str]]:
    """The edited text of each field of a paragraph; problems when an insertion falls between generated text."""
    ranges, fields = split_fields(paragraph)
    base = paragraph.text
    problems: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, base, edited, autojunk=False).get_opcodes():
        if tag == "equal":
            for start, end, owner in ranges:
                lo, hi = max(start, i1), min(end, i2)
                if owner is not None and lo < hi:
                    fields[owner].new += edited[j1 + lo - i1 : j1 + hi - i1]
            continue
        inserted = edited[j1:j2]
        if not inserted:
            continue  # a deletion: the fields simply lose those characters
        target = owner_at(ranges, i1) if i1 < i2 else None
        if target is None:
            before, after = owner_at(ranges, i1 - 1) if i1 else None, owner_at(ranges, i2)
            target = before if before is not None else after
        if target is None:
            problems.append(inserted)
            continue
        fields[target].new += inserted
    return fields, problems


def expressions_of(runs: Sequence[Run]) -> list[tuple[int, int, int]]:
    """(expression index, start, end) of each expression's output within a field's text."""
    out: list[tuple[int, int, int]] = []
    position = 0
    for run in runs:
        end = position + len(run.text)
        if run.expr is not None:
            if out and out[-1][0] == run.expr and out[-1][2] == position:
                out[-1] = (run.expr, out[-1][1], end)
            else:
                out.append((run.expr, position, end))
        position = end
    return out


def metric_of(runs: Sequence[Run], start: int, end: int) -> tuple[str, str] | None:
    """The metric and form an expression's output renders, when the whole output is that one figure."""
    position = 0
    found: set[tuple[str, str]] = set()
    for run in runs:
        run_end = position + len(run.text)
        if position < end and run_end > start:
            if run.metric is None or run.form is None:
                return None
            found.add((run.metric, run.form))
        position = run_end
    return found.pop() if len(found) == 1 else None


@dataclass
class FieldResult:
    """What became of one changed field."""

    template: str | None  # the new raw text, None when the template need not change
    kept: list[str]
    dropped: list[str]
    figures: list[tuple[str, str, str, str]]  # (metric, form, old text, new text)
    problem: str | None = None


def rewrite_field(text: FieldText, raw: str, reads: Callable[[str, str, str], bool]) -> FieldResult:
    """Turn the edited text of a field back into its template (see the module docstring).

    ``reads(metric, form, text)`` tells whether a changed figure still reads as that metric's figure; an
    insertion at the edge of a figure (``约`` before it) belongs to the figure when the result does.
    """
    old, new = text.old, text.new
    expressions = expressions_of(text.runs)
    opcodes: list[Op] = [op for op in SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if op[0] != "equal"]
    # A change is local to an expression that renders one figure when it lies strictly within its output.
    local: dict[int, list[Op]] = {}
    claimed: set[tuple[str, int, int, int, int]] = set()
    for index, start, end in expressions:
        found = metric_of(text.runs, start, end)
        if found is None:
            continue
        inner = [op for op in opcodes if start <= op[1] and op[2] <= end and (op[1] < op[2] or start < op[1] < end)]
        edges = [op for op in opcodes if op[1] == op[2] in (start, end) and op not in claimed]
        whole = sorted(inner + edges, key=lambda op: op[1])
        if edges and reads(found[0], found[1], apply_ops(old, new, start, end, whole)):
            local[index] = whole
        elif inner:
            local[index] = inner
        claimed.update(local.get(index, []))
    literal = [op for op in opcodes if op not in claimed]
    # An expression a literal change overlaps is broken: its output becomes literal text.
    broken = {e[0] for e in expressions for _, i1, i2, _, _ in literal if i1 < e[2] and e[1] < i2}
    figures: list[tuple[str, str, str, str]] = []
    for index, ops in local.items():
        if index in broken:
            continue
        _, start, end = next(e for e in expressions if e[0] == index)
        found = metric_of(text.runs, start, end)
        assert found is not None
        figures.append((found[0], found[1], old[start:end], apply_ops(old, new, start, end, ops)))
    if not literal and not broken:
        return FieldResult(None, [], [], figures)
    if "{%" in raw or "{#" in raw:
        return FieldResult(None, [], [], figures, "文本含 {% %} 或 {# #} 模板语句，改写后无法自动还原为模板")
    sources = _EXPRESSION.findall(raw)
    if expressions and len(sources) <= max(e[0] for e in expressions):
        return FieldResult(None, [], [], figures, "文本中的模板表达式与生成的文字对不上")
    pieces: list[str] = []
    emitted: set[int] = set()

    def expression(index: int) -> None:
        if index not in emitted:
            pieces.append(sources[index])
            emitted.add(index)

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i1, i2):
                owner = next((e for e in expressions if e[1] <= k < e[2]), None)
                if owner is None or owner[0] in broken:
                    pieces.append(new[j1 + k - i1])
                else:
                    expression(owner[0])
            continue
        owner = next((e for e in expressions if (tag, i1, i2, j1, j2) in local.get(e[0], [])), None)
        if owner is not None and owner[0] not in broken:
            expression(owner[0])
        else:
            pieces.append(new[j1:j2])
    kept = [sources[e[0]] for e in expressions if e[0] in emitted]
    dropped = [sources[e[0]] for e in expressions if e[0] not in emitted]
    return FieldResult("".join(pieces), kept, dropped, figures)


def apply_ops(old: str, new: str, start: int, end: int, ops: Sequence[tuple[str, int, int, int, int]]) -> str:
    """The text of ``old[start:end]`` with the given changes applied."""
    out, position = [], start
    for _, i1, i2, j1, j2 in sorted(ops, key=lambda op: op[1]):
        out += [old[position:i1], new[j1:j2]]
        position = i2
    out.append(old[position:end])
    return "".join(out)


# --- the whole run ------------------------------------------------------------------------------------------


@dataclass
class Plan:
    """Edits to make in the round-trip YAML, by original data path."""

    texts: dict[PathT, str] = field(default_factory=dict)
    metrics: dict[str, MetricEdit] = field(default_factory=dict)
    deletions: list[PathT] = field(default_factory=list)
    insertions: list[tuple[PathT, int, Any]] = field(default_factory=list)  # (list path, index, value)
    expected: dict[PathT, str] = field(default_factory=dict)  # field → its text as it must render


def absorb(docx: Path, yaml_path: Path, templates: Sequence[Path] = ()) -> Absorbed:
    """Compare an edited .docx with the YAML it was built from; the result holds the new YAML text (not written).

    Edits that cannot be placed are listed in ``unplaced`` and left out of the new text.
    """
    provenance, edited = read_docx(docx)
    name = str(yaml_path)
    text, raw = read_with_bytes(yaml_path, name)
    loaded = parse_yaml(text, name)
    report, document = rebuild(loaded, templates)
    result = Absorbed(str(docx), name, provenance, revisions=edited.revisions, source_bytes=raw)
    result.source_changed = sha256(raw) != provenance.source_sha256
    if result.source_changed:  # the same text saved again in another encoding is not a change
        result.source_changed = sha256(text.encode("utf-8")) != provenance.source_sha256
    base = base_paragraphs(document)
    pairs = pair_edited(base, edited.paragraphs, result.source_changed)
    metrics = {n: (m, p) for n, m, p in iter_metrics(report)}
    plan = Plan()
    planner = Planner(result, plan, loaded.source, metrics, docx.name, base, edited.paragraphs, loaded.data)
    planner.run(pairs, result.source_changed)
    for comment in edited.comments:
        if comment.author != AUTHOR:
            result.comments.append((comment, planner.location_of_edited(comment.paragraph, pairs)))
    new_text = apply_plan(text, plan, metrics, loaded.source, result)
    failed = verify(new_text, name, plan, result)
    if failed:  # leave out the fields that did not come back as the reviewer wrote them
        for path in failed:
            plan.texts.pop(path, None)
        result.figures, result.wording = [], [w for w in result.wording if undotted(w.location.path) not in failed]
        new_text = apply_plan(text, plan, metrics, loaded.source, result)
    result.text = new_text
    return result


def pair_edited(
    base: list[BaseParagraph], edited: list[EditedParagraph], source_changed: bool
) -> list[tuple[int | None, int | None]]:
    """Pair base paragraphs with edited ones: by accepted text, or by rejected text when the YAML changed."""
    if source_changed:
        keyed = [(k, p.rejected) for k, p in enumerate(edited) if p.rejected is not None]
    else:
        keyed = [(k, p.accepted) for k, p in enumerate(edited) if p.accepted is not None]
    pairs = pair([p.text for p in base], [t for _, t in keyed])
    out = [(i, keyed[j][0] if j is not None else None) for i, j in pairs]
    listed = {j for _, j in out if j is not None}
    # Paragraphs that exist only in the other view (added or deleted under track changes) go after their neighbour.
    for k, _ in enumerate(edited):
        if k not in listed:
            at = next((n for n, (_, j) in enumerate(out) if j is not None and j > k), len(out))
            out.insert(at, (None, k))
    return out


@dataclass
class Planner:
    """Walks the paired paragraphs and turns differences into a Plan."""

    result: Absorbed
    plan: Plan
    source: SourceMap
    metrics: dict[str, tuple[Metric, PathT]]
    docx_name: str
    base: list[BaseParagraph]
    edited: list[EditedParagraph]
    data: Any  # the YAML as plain data (raw templates)
    spread: dict[str, int] = field(default_factory=dict)  # field → how many paragraphs show part of it

    def __post_init__(self) -> None:
        for paragraph in self.base:
            for source in {r.source for r in paragraph.runs if r.source}:
                self.spread[source] = self.spread.get(source, 0) + 1

    def split(self, source: str | None) -> bool:
        """True when a field's text is printed over several paragraphs (line breaks in a folded text)."""
        return source is not None and self.spread.get(source, 0) > 1

    def unplaced(self, message: str, paragraph: int | None = None, path: PathT | None = None) -> None:
        where = self.source.locate(path) if path else Location(self.docx_name)
        if paragraph is not None and path is None:
            where = Location(self.docx_name, paragraph + 1, 1, "")
        self.result.unplaced.append(Finding("absorb-unplaced", message, where))

    def run(self, pairs: list[tuple[int | None, int | None]], source_changed: bool) -> None:
        previous: int | None = None
        for i, j in pairs:
            if i is not None and j is not None:
                self.paired(self.base[i], self.edited[j], j, source_changed)
                previous = i
            elif i is not None:
                if not source_changed:
                    self.deleted(self.base[i])
                previous = i
            elif j is not None:
                edited = self.edited[j]
                if edited.accepted is None:
                    continue  # deleted in review, never paired: nothing of the YAML to remove
                if source_changed and edited.rejected is not None:
                    if edited.accepted != edited.rejected:
                        self.unplaced(f"YAML 中已没有这一段，但审阅时修改了它：{short(edited.accepted)}", j)
                    continue
                self.added(edited.accepted, previous, j)

    def paired(self, base: BaseParagraph, edited: EditedParagraph, j: int, source_changed: bool) -> None:
        accepted = edited.accepted
        if source_changed and edited.rejected != base.text:
            if accepted != edited.rejected:
                message = f"生成后 YAML 和 Word 稿都改了这一段，请手工合并：{short(base.text)}"
                self.result.unplaced.append(Finding("absorb-conflict", message, Location(self.docx_name)))
            return
        if accepted is None:
            self.deleted(base)
            return
        if accepted == base.text:
            return
        if base.kind == "date":
            self.unplaced(f"成文日期由 meta.date 生成，请在 YAML 中修改：{accepted}", j)
            return
        fields, problems = distribute(base, accepted)
        for inserted in problems:
            self.unplaced(f"新增的文字“{short(inserted)}”落在自动生成的编号或标点之间，无法归入 YAML 字段", j)
        changed = {p: f for p, f in fields.items() if f.new != f.old}
        for owner, text in list(changed.items()):
            if owner.startswith("="):  # a figure printed on its own, in a table cell
                name, _, form = owner[1:].partition(":")
                self.figure(name, form, text.old, text.new, (*self.metrics[name][1], "value"))
                del changed[owner]
        removed_points = [p for p in self.removed_points(fields) if not any(self.split(f) for f in fields)]
        for point in removed_points:
            self.remove(undotted(point), "".join(f.old for p, f in fields.items() if p.startswith(f"{point}.")))
        for path_text, text in changed.items():
            if any(path_text.startswith(f"{p}.") for p in removed_points):
                continue
            self.field(text)

    def removed_points(self, fields: dict[str, FieldText]) -> list[str]:
        """Points whose every field lost every character."""
        points: dict[str, list[FieldText]] = {}
        for path, text in fields.items():
            match = re.match(r"(.*\.points\[\d+\])\.(heading|text)$", path)
            if match:
                points.setdefault(match.group(1), []).append(text)
        return [p for p, texts in points.items() if all(not t.new.strip() for t in texts)]

    def field(self, text: FieldText) -> None:
        path = undotted(text.path)
        raw = self.raw_text(path)
        if raw is None:
            self.unplaced(f"找不到字段 {text.path}", path=path)
            return
        outcome = rewrite_field(text, raw, self.reads)
        if outcome.template is not None and self.split(text.path):
            message = (
                f"{text.path} 的文字分成了几段（YAML 中的换行），其中一段的改写请在 YAML 中进行：{short(text.new)}"
            )
            self.unplaced(message, path=path)
            return
        if outcome.problem:
            self.unplaced(f"{text.path}：{outcome.problem}", path=path)
            return
        for metric, form, old, new in outcome.figures:
            self.figure(metric, form, old, new, path)
        if outcome.template is None:
            return
        if _TEMPLATE_SYNTAX.search(text.new):
            self.unplaced(f"{text.path}：新文字含模板符号 {{{{ }}}}、{{% %}} 或 {{# #}}", path=path)
            return
        self.plan.texts[path] = outcome.template
        self.plan.expected[path] = text.new
        where = self.source.locate(path)
        self.result.wording.append(
            WordingChange(where, text.old, text.new, tuple(outcome.kept), tuple(outcome.dropped))
        )
        literal = [d for d in outcome.dropped if _DIGITS.search(text.new)]
        if literal:
            message = (
                f"{text.path}：改写后 {'、'.join(literal)} 不再引用指标，数字成了正文中的普通文字；"
                "如仍是同一数据，请改回 {{ 指标 }} 引用"
            )
            self.result.warnings.append(Finding("absorb-plain-digits", message, where, Severity.WARNING))

    def figure(self, name: str, form: str, old: str, new: str, path: PathT) -> None:
        metric, metric_path = self.metrics[name]
        edit = self.plan.metrics.setdefault(name, MetricEdit())
        if form == "growth":
            rate = parse_growth(new, metric)
            if rate is None:
                self.unplaced(f"{name} 的增速改成了“{new}”，无法读作增速（如 同比增长3.6%）", path=path)
                return
            if edit.yoy is not None and edit.yoy != rate:
                self.unplaced(f"{name} 的增速在两处改成了不同的数", path=path)
            edit.yoy = rate
        elif form == "number":
            if not re.fullmatch(_NUMBER, new):
                self.unplaced(f"{name} 的数字改成了“{new}”，不是一个数", path=path)
                return
            self.set_value(edit, name, Decimal(new), path)
        else:
            parsed = parse_value(new, metric)
            if parsed is None:
                unit = metric.unit_text or metric.unit
                self.unplaced(
                    f"{name} 改成了“{new}”，无法读作以{unit}为单位的数据（单位变化请在 YAML 中修改）", path=path
                )
                return
            self.set_value(edit, name, parsed[0], path)
            edit.qualifier, edit.qualifier_set = parsed[1], True
        edit.places.append(f"{old} → {new}")
        del metric_path

    def reads(self, name: str, form: str, text: str) -> bool:
        """Whether a changed figure still reads as the metric's figure in that form."""
        metric = self.metrics[name][0]
        if form == "growth":
            return parse_growth(text, metric) is not None
        if form == "number":
            return re.fullmatch(_NUMBER, text) is not None
        return parse_value(text, metric) is not None

    def set_value(self, edit: MetricEdit, name: str, value: Decimal, path: PathT) -> None:
        if edit.value is not None and edit.value != value:
            self.unplaced(f"{name} 在两处改成了不同的数（{edit.value}、{value}）", path=path)
        edit.value = value

    def raw_text(self, path: PathT) -> str | None:
        """The raw text of a field as loaded (the template)."""
        node: Any = self.data
        try:
            for part in path:
                node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
        return node if isinstance(node, str) else None

    def element(self, base: BaseParagraph) -> PathT | None:
        """The YAML element a base paragraph stands for (a list element or an optional text)."""
        source = next((r.source for r in base.runs if r.source), None)
        if source is None:
            return None
        path = undotted(source)
        if base.kind == "heading" and path[-1] == "heading":
            return path[:-1] if len(path) > 2 or path[0] in ("problems", "plans") else None
        if base.kind == "paragraph":
            if len(path) >= 3 and path[-3] == "points" and path[-1] in ("text", "heading"):
                return path[:-1]
            return path
        return None

    def deleted(self, base: BaseParagraph) -> None:
        element = self.element(base)
        if any(self.split(r.source) for r in base.runs):
            element = None
        if element is None:
            self.unplaced(f"删除了不能删除的段落：{short(base.text)}")
            return
        if any(element[: len(d)] == d for d in self.plan.deletions):
            return
        self.remove(element, base.text)

    def remove(self, element: PathT, text: str) -> None:
        self.plan.deletions = [d for d in self.plan.deletions if d[: len(element)] != element]
        self.plan.deletions.append(element)
        self.result.structure.append(StructureChange("removed", self.source.locate(element), text))

    def added(self, text: str, previous: int | None, j: int) -> None:
        if _TEMPLATE_SYNTAX.search(text):
            self.unplaced(f"新增段落含模板符号：{short(text)}", j)
            return
        target = self.insertion_point(previous)
        if target is None:
            self.unplaced(f"新增段落无法确定在 YAML 中的位置：{short(text)}", j)
            return
        list_path, index, is_point = target
        value: Any = {"text": _ORDINAL.sub("", text)} if is_point else text
        self.plan.insertions.append((list_path, index, value))
        self.result.structure.append(StructureChange("added", self.source.locate((*list_path, index)), text))
        if _DIGITS.search(text):
            message = f"新增段落中的数字是普通文字，不是指标：{short(text)}；请在 YAML 中改为 {{{{ 指标 }}}} 引用"
            where = self.source.locate(list_path)
            self.result.warnings.append(Finding("absorb-plain-digits", message, where, Severity.WARNING))

    def insertion_point(self, previous: int | None) -> tuple[PathT, int, bool] | None:
        """(list path, index, whether the new element is a point) for a paragraph added after ``previous``."""
        if previous is None:
            return None
        base = self.base[previous]
        if base.kind == "title":
            return (("preamble",), 0, False) if isinstance(self.data.get("preamble"), list) else None
        element = self.element(base)
        if element is None:
            return None
        if base.kind == "heading" and element in (("problems",), ("plans",)):
            return (*element, "paragraphs"), 0, False
        if base.kind == "paragraph" and isinstance(element[-1], int):
            is_point = element[-2] == "points"
            return element[:-1], element[-1] + 1, is_point
        return None

    def location_of_edited(self, paragraph: int, pairs: list[tuple[int | None, int | None]]) -> Location | None:
        for i, j in pairs:
            if j == paragraph and i is not None:
                source = next((r.source for r in self.base[i].runs if r.source), None)
                return self.source.locate(undotted(source)) if source else None
        return None


def short(text: str, size: int = 30) -> str:
    """The start of a text for a message."""
    return text if len(text) <= size else text[: size - 1] + "…"


# --- writing ----------------------------------------------------------------------------------------------------


def apply_plan(
    text: str, plan: Plan, metrics: dict[str, tuple[Metric, PathT]], source: SourceMap, result: Absorbed
) -> str:
    """Apply the plan to the round-trip YAML: texts and metrics by original path, then removals and additions."""
    if not (plan.texts or plan.metrics or plan.deletions or plan.insertions):
        return text
    root, yaml = load_rt(text)
    for path, template in plan.texts.items():
        parent, key = node_at(root, path[:-1]), path[-1]
        old = parent[key]
        parent[key] = styled(old, template)
    for name, edit in plan.metrics.items():
        metric, path = metrics[name]
        node = node_at(root, path)
        changes = metric_changes(node, metric, edit)
        if changes:
            unit = metric.unit_text or metric.unit
            new_value = edit.value if edit.value is not None else metric.value
            new_qualifier = edit.qualifier if edit.qualifier_set else metric.qualifier
            old, new = shown(metric.value, unit, metric.qualifier), shown(new_value, unit, new_qualifier)
            where = source.locate((*path, "value"))
            result.figures.append(FigureChange(name, where, old, new, tuple(changes)))
    by_list: dict[PathT, list[tuple[int, int, Any]]] = {}
    for path in plan.deletions:
        if isinstance(path[-1], int):
            by_list.setdefault(path[:-1], []).append((path[-1], 0, None))
        else:
            parent = node_at(root, path[:-1])
            if path[-1] in parent:
                pop_keeping_comments(parent, str(path[-1]))
    for list_path, index, value in plan.insertions:
        by_list.setdefault(list_path, []).append((index, 1, value))
    for list_path, operations in by_list.items():
        target = node_at(root, list_path)
        order = sorted(enumerate(operations), key=lambda e: (-e[1][0], e[1][1], -e[0]))
        for _, (index, kind, value) in order:
            if kind == 0:
                del target[index]
            else:
                target.insert(index, value)
    return dump_rt(root, yaml)


def shown(value: Decimal | None, unit: str, qualifier: str | None) -> str:
    """A figure as the document prints it (XX while missing)."""
    return format_figure("XX" if value is None else format_number(value), unit, qualifier)


def styled(old: Any, new: str) -> Any:
    """A new text in the old scalar's style (quotes, literal block); folded text becomes a plain line."""
    if isinstance(old, ScalarString) and not isinstance(old, FoldedScalarString):
        return type(old)(new)
    return new


def metric_changes(node: Any, metric: Metric, edit: MetricEdit) -> list[tuple[str, str, str]]:
    """Write a metric's new value, qualifier and growth into its YAML mapping; returns what changed."""
    changes: list[tuple[str, str, str]] = []
    if edit.value is not None and edit.value != metric.value:
        changes.append(("value", show(metric.value), format_number(edit.value)))
        node["value"] = edit.value
    if edit.qualifier_set and edit.qualifier != metric.qualifier:
        changes.append(("qualifier", metric.qualifier or "", edit.qualifier or ""))
        if edit.qualifier is None:
            pop_keeping_comments(node, "qualifier")
        elif "qualifier" in node:
            node["qualifier"] = edit.qualifier
        else:
            node.insert(list(node).index("unit") + 1, "qualifier", edit.qualifier)
    if edit.yoy is not None and edit.yoy != metric.yoy:
        changes.append(("yoy", show(metric.yoy), format_number(edit.yoy)))
        if "yoy" in node:
            node["yoy"] = edit.yoy
        else:
            node.insert(list(node).index("value") + 1, "yoy", edit.yoy)
    return changes


def show(value: Decimal | None) -> str:
    return "" if value is None else format_number(value)


def verify(text: str, name: str, plan: Plan, result: Absorbed) -> set[PathT]:
    """The new YAML must read as a report, and each rewritten field must render as the reviewer's text.

    Returns the fields that did not (each is also listed as unplaced).
    """
    if text is None or not (plan.texts or plan.metrics or plan.deletions or plan.insertions):
        return set()
    try:
        loaded = parse_yaml(text, name)
    except ReportInvalid as exc:
        raise GovreportError(f"吸收修改后的 YAML 无法读取（内部错误）：{exc.findings[0].message}") from None
    report, findings = model_report(loaded.data, loaded.source)
    if report is None:
        problems = [f"吸收后的报告结构有误：{f.message}" for f in findings]
        result.unplaced += [Finding("absorb-unplaced", m, f.location) for m, f in zip(problems, findings, strict=True)]
        return set(plan.texts)
    context = text_context(report)
    failed: set[PathT] = set()
    for path, expected in plan.expected.items():
        if any(path[: len(d)] == d for d in plan.deletions):
            continue
        moved = shifted(path, plan)
        try:
            rendered: str | None = plain(render_text(str(node_at(loaded.data, moved)), context))
        except (TextError, KeyError, IndexError, TypeError):
            rendered = None
        if rendered is None or punctuate(rendered) != punctuate(expected):
            message = f"改写后的文字未能还原：应为“{short(expected)}”，得到“{short(rendered or '')}”"
            result.unplaced.append(Finding("absorb-unplaced", message, loaded.source.locate(moved)))
            failed.add(path)
    return failed


def shifted(path: PathT, plan: Plan) -> PathT:
    """An original data path after the plan's removals and additions in the lists along it."""
    out: list[str | int] = []
    for part in path:
        if isinstance(part, int):
            here = tuple(out)
            removed = [d for d in plan.deletions if d[:-1] == here and isinstance(d[-1], int) and d[-1] < part]
            added = [index for p, index, _ in plan.insertions if p == here and index <= part]
            part = part - len(removed) + len(added)
        out.append(part)
    return tuple(out)
