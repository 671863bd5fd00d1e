"""``govreport import``: a .docx/.txt/.md report into a report YAML for a person to finish.

Two phases: ``toolkit.chinese.structure`` parses the document into the tree of ``toolkit.model.imported`` (what the
text says), and the emitter here writes that tree in the report model's shape (what the YAML holds): the
preamble, then the free section tree (``sections:``, 一、 （一） 1. （1） ① at any depth, with 一是 ``points``),
the （一）parts of the first 一、 mapped to the framework's pillars, and pillars the text does not cover listed as
``uncovered``. Figures become ``metrics`` next to the text that uses them, stated relations become ``checks``
(``toolkit.checks.relations``), and text that has no place (a 一是 before any heading) is kept as a comment with a
note. Only the emitter knows the YAML's shape, so it stays small. Every emitted line remembers the source
paragraph it came from, so ``validate`` of a document reports findings at ``x.docx:第12段``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from toolkit.checks.relations import propose
from toolkit.chinese.recognise import kind_of
from toolkit.chinese.structure import LEVELS, recognise, text_of
from toolkit.diagnostics.finding import Finding, Location, Severity
from toolkit.errors import GovreportError, ReportInvalid
from toolkit.model.data import load_data
from toolkit.model.frameworks import framework, framework_names
from toolkit.model.imported import Figure, ImportedReport, Node, Note, Relation, Table, Text
from toolkit.model.json_schema import MODELINE_PREFIX, SCHEMA_FILE, schema_reference
from toolkit.model.report import RESERVED
from toolkit.resources import data_dir
from toolkit.source.documents import SourceDocument, read_document

DEFAULT_TYPE = "county-urbanization"
UNSURE = "请确认"
_REGION = re.compile(r"(?:[A-Za-z*＊]|[\u4e00-\u9fff]{2,3}?)(?:自治县|县|市|区|旗)(?![城域级镇乡委区])")
_NOT_IN_NAME = re.compile(r"[年以在的为和与全本我各该对是了及等]")
_YEAR = re.compile(r"(?<![0-9.])((?:19|20)[0-9]{2})(?=年)")
_SALUTATION = re.compile(r"领导|同志|代表|委员|先生|女士")
_LEVELS = (("自治县", "自治县"), ("县", "县"), ("旗", "旗"), ("区", "市辖区"), ("市", "县级市"))


@dataclass
class Imported:
    """The YAML text of an imported document, the source paragraph of each of its lines, and what was found."""

    file: str
    yaml: str
    paragraphs: list[int]  # per YAML line (0-based index), the source paragraph number (0: none)
    source_lines: dict[int, int]  # source paragraph number → line in a text file (0 for .docx)
    tree: ImportedReport
    figures: int = 0
    relations: int = 0
    unsure: int = 0
    unplaced: list[Text] = field(default_factory=list)

    def paragraph_of(self, line: int) -> int:
        """The source paragraph of a 1-based YAML line: the nearest line at or above it that has one."""
        for k in range(min(line, len(self.paragraphs)) - 1, -1, -1):
            if self.paragraphs[k]:
                return self.paragraphs[k]
        return 0


def import_document(
    path: Path,
    *,
    report_type: str = DEFAULT_TYPE,
    region: str | None = None,
    year: int | None = None,
    output: Path | None = None,
    display: str | None = None,
) -> Imported:
    """Read and recognise a document, and write its YAML (in memory; ``output`` only fixes the schema modeline)."""
    source = read_document(path, display)
    if not source.paragraphs:
        name = display or str(path)
        raise ReportInvalid([Finding("document-empty", f"{name} 中没有文字，无法导入", Location(name))])
    tree = recognise(source)
    return emit(tree, source, report_type, region, year, output)


def import_file(
    path: Path,
    output: Path,
    *,
    report_type: str = DEFAULT_TYPE,
    region: str | None = None,
    year: int | None = None,
    force: bool = False,
) -> Imported:
    """Import a document and write its YAML to ``output`` through the output guard (an existing file only with
    ``force``, which keeps ``.bak``; never the input)."""
    from toolkit.output.guard import check_output, write_output

    if report_type not in framework_names():
        raise GovreportError(f"未知报告类型：{report_type}（可用：{'、'.join(framework_names())}）")
    check_output(output, inputs=[path], force=force, editable=True)
    imported = import_document(path, report_type=report_type, region=region, year=year, output=output)
    write_output(output, imported.yaml.encode("utf-8"), fmt="yaml", inputs=[path], force=force, editable=True)
    return imported


# ------------------------------------------------------------------------------------------------- the emitter


@cache
def id_words() -> tuple[tuple[str, str], ...]:
    """Chinese word → English id word, from ``schema/import.yaml``."""
    return tuple((str(zh), str(en)) for zh, en in load_data("import.yaml")["id_words"])


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def escape(text: str) -> str:
    """Literal text inside a template: braces cannot start Jinja syntax."""
    return text.replace("{", "{{ '{' }}")


@dataclass
class Emitter:
    """Writes YAML lines, each tagged with the source paragraph it came from."""

    tree: ImportedReport
    report_type: str
    year: int
    lines: list[str] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    figures: int = 0
    relations: int = 0
    unsure: int = 0
    unplaced: list[Text] = field(default_factory=list)

    def put(self, indent: int, text: str, paragraph: int = 0) -> None:
        """One YAML line."""
        self.lines.append(" " * indent + text)
        self.paragraphs.append(paragraph)

    def comment(self, indent: int, text: str, paragraph: int = 0) -> None:
        """A comment line (an unsure one is counted)."""
        if text.startswith(f"{UNSURE}："):
            self.unsure += 1
        self.put(indent, f"# {text}", paragraph)

    def new_id(self, figure: Figure) -> str:
        """A readable, unique metric id from the figure's label and unit."""
        base = next((en for zh, en in id_words() if zh in figure.label), kind_of(figure.unit))
        return self.unique(base)

    def unique(self, base: str) -> str:
        """``base``, or ``base_2``, ``base_3`` … when taken."""
        name, n = base, 1
        while name in self.ids or name in RESERVED:
            n += 1
            name = f"{base}_{n}"
        self.ids.add(name)
        return name

    def template(self, text: Text) -> str:
        """The text with figures, growth phrases and lists as references, the report's year as ``{{ year }}``."""
        spans: list[tuple[int, int, str]] = []
        for figure in text.figures:
            spans.append((figure.start, figure.end, f"{{{{ {figure.id} }}}}"))
            if figure.growth_span:
                spans.append((*figure.growth_span, f"{{{{ {figure.id}.growth }}}}"))
        spans += [(n.start, n.end, f"{{{{ {n.id} | join('、') }}}}") for n in text.lists]
        out, pos = [], 0
        for start, end, ref in sorted(spans):
            out.append(self.literal(text.text[pos:start]))
            out.append(ref)
            pos = end
        out.append(self.literal(text.text[pos:]))
        return "".join(out)

    def literal(self, text: str) -> str:
        """Literal wording: braces escaped, the report's year written as ``{{ year }}``."""
        text = escape(text)
        return _YEAR.sub(lambda m: "{{ year }}" if int(m.group(1)) == self.year else m.group(1), text)

    def text_field(self, indent: int, key: str, text: Text | None, dash: bool = False) -> None:
        """``key: "…"`` for a prose stretch, naming its figures and lists first."""
        if text is None:
            return
        self.name(text)
        self.put(indent, f"{'- ' if dash else ''}{key}: {q(self.template(text))}", text.paragraph)

    def list_text(self, indent: int, text: Text) -> None:
        """``- "…"``: a prose stretch as an entry of a list of paragraphs."""
        self.name(text)
        self.put(indent, f"- {q(self.template(text))}", text.paragraph)

    def heading_field(self, indent: int, key: str, heading: str | None, paragraph: int, dash: bool = False) -> None:
        """A heading: literal text (headings are templates too, so braces and the year are handled)."""
        if heading is None:
            return
        self.put(indent, f"{'- ' if dash else ''}{key}: {q(self.literal(heading))}", paragraph)

    def name(self, text: Text) -> None:
        """Give the figures and lists of a text their ids (once)."""
        for figure in text.figures:
            if not figure.id:
                figure.id = self.new_id(figure)
        for named in text.lists:
            if not named.id:
                named.id = self.unique("names")

    def node_heading(self, indent: int, node: Node, default: str = "", dash: bool = False) -> list[Text]:
        """A unit's heading as a template with its figures; returned so its block holds their metrics."""
        heading = node.heading if node.heading is not None else default
        text = text_of(heading, node.paragraph)
        self.name(text)
        self.put(indent, f"{'- ' if dash else ''}heading: {q(self.template(text))}", node.paragraph)
        return [text] if text.figures or text.lists else []

    def block_data(self, indent: int, texts: list[Text]) -> None:
        """``metrics:``, ``lists:`` and ``checks:`` of the texts printed in one block."""
        texts = [t for t in texts if t is not None]
        figures = [(t, f) for t in texts for f in t.figures]
        if figures:
            self.put(indent, "metrics:")
            for text, figure in figures:
                self.metric(indent + 2, figure, text.paragraph)
        lists = [(t, n) for t in texts for n in t.lists]
        if lists:
            self.put(indent, "lists:")
            for text, named in lists:
                self.put(indent + 2, f"{named.id}:  # 导入时检出的清单", text.paragraph)
                for name in named.names:
                    self.put(indent + 4, f"- {q(name)}", text.paragraph)
        relations = [(t, r) for t in texts for r in propose(t)]
        if relations:
            self.put(indent, "checks:")
            for text, relation in relations:
                self.rule(indent + 2, text, relation)

    def metric(self, indent: int, figure: Figure, paragraph: int) -> None:
        """One metric with what the text says about it."""
        self.figures += 1
        self.put(indent, f"{figure.id}:", paragraph)
        self.put(indent + 2, f"value: {figure.number}", paragraph)
        self.put(indent + 2, f"unit: {q(figure.unit)}", paragraph)
        if figure.unit_text:
            self.put(indent + 2, f"unit_text: {q(figure.unit_text)}", paragraph)
        if figure.qualifier:
            self.put(indent + 2, f"qualifier: {q(figure.qualifier)}", paragraph)
        if figure.period:
            self.put(indent + 2, f"period: {q(figure.period)}", paragraph)
        if figure.kind != "actual":
            self.put(indent + 2, f"kind: {figure.kind}", paragraph)
        if figure.growth is not None:
            self.put(indent + 2, f"yoy: {figure.growth}", paragraph)
            if figure.growth_label and figure.growth_label != "同比":
                self.put(indent + 2, f"yoy_label: {q(figure.growth_label)}", paragraph)
        if figure.label:
            self.put(indent + 2, f"label: {q(figure.label)}", paragraph)
        else:
            self.comment(indent + 2, f"{UNSURE}：未能从上下文确定指标含义，请补写 label", paragraph)
        if figure.source:
            self.put(indent + 2, f"source: {q(figure.source)}", paragraph)

    def rule(self, indent: int, text: Text, relation: Relation) -> None:
        """One proposed rule, with the wording it was detected from."""
        self.relations += 1
        p = text.paragraph
        fig = text.figures
        self.comment(indent, f"导入时检出：{relation.wording}", p)
        if relation.note:
            self.comment(indent, f"{UNSURE}：{relation.note}", p)
        f = relation.fields
        self.put(indent, f"- kind: {relation.kind}", p)
        if relation.kind == "sum":
            parts = ", ".join(fig[int(k)].id for k in f["parts"])  # type: ignore[attr-defined]
            self.put(indent + 2, f"total: {fig[int(str(f['total']))].id}", p)
            self.put(indent + 2, f"parts: [{parts}]", p)
            if f.get("exhaustive") is False:
                self.put(indent + 2, "exhaustive: false", p)
        elif relation.kind == "share":
            self.put(indent + 2, f"part: {fig[int(str(f['part']))].id}", p)
            self.put(indent + 2, f"share: {fig[int(str(f['share']))].id}", p)
        elif relation.kind == "per_capita":
            self.put(indent + 2, f"total: {fig[int(str(f['total']))].id}", p)
            self.put(indent + 2, f"per_capita: {fig[int(str(f['per_capita']))].id}", p)
        else:
            count = fig[int(str(f["count_figure"]))].id if "count_figure" in f else str(f["count"])
            self.put(indent + 2, f"count: {count}", p)
            self.put(indent + 2, f"list: {text.lists[int(str(f['list']))].id}", p)

    # ---------------------------------------------------------------------------------------- the report shape

    def unplace(self, indent: int, texts: list[Text], why: str) -> None:
        """Text the report's shape has no place for: kept as comments, noted."""
        for text in texts:
            self.unplaced.append(text)
            self.comment(indent, f"{UNSURE}：第{text.paragraph}段{why}，未导入：{text.text[:60]}", text.paragraph)

    def point(self, indent: int, node: Node) -> None:
        """一是… as a list entry of ``points:``."""
        text = node.text or Text("", node.paragraph)
        heading: list[Text] = []
        if node.heading is not None:
            heading = self.node_heading(indent, node, dash=True)
            self.text_field(indent + 2, "text", text)
        else:
            self.text_field(indent, "text", text, dash=True)
        self.block_data(indent + 2, [*heading, text])

    def section(self, indent: int, node: Node, start: bool, pillars: dict[int, tuple[str, str]]) -> None:
        """One numbered unit as a section of the tree, with its points and child sections.

        ``start`` writes the unit's number, where the document's numbering does not follow on (an excerpt at （四）).
        """
        level = LEVELS[node.kind]
        heading = self.node_heading(indent, node, dash=True)
        if start:
            self.put(indent + 2, f"start: {node.number}", node.paragraph)
        if id(node) in pillars:
            pillar, why = pillars[id(node)]
            if why:
                self.comment(indent + 2, why, node.paragraph)
            if pillar:
                self.put(indent + 2, f"pillar: {pillar}", node.paragraph)
        if level >= 3 and node.text is None and not node.paragraphs and not node.children:
            self.comment(indent + 2, f"{UNSURE}：原文条目标题后没有句号和正文，重新生成时会补上句号", node.paragraph)
        texts: list[Text] = []
        if node.text is not None:
            self.text_field(indent + 2, "text", node.text)
            texts.append(node.text)
        if node.paragraphs:
            self.put(indent + 2, "paragraphs:")
            for text in node.paragraphs:
                self.list_text(indent + 4, text)
            texts += node.paragraphs
        points = [c for c in node.children if c.kind == "point"]
        if points:
            run_in = all(p.paragraph == node.paragraph for p in points)
            one_paragraph = len({p.paragraph for p in points}) == 1 and not texts
            if level >= 3 and not run_in:
                self.put(indent + 2, "inline_points: false", node.paragraph)
            elif level < 3 and one_paragraph and len(points) > 1:
                self.put(indent + 2, "inline_points: true", points[0].paragraph)
            self.put(indent + 2, "points:")
            for child in points:
                self.point(indent + 4, child)
        cells = self.tables(indent + 2, node.tables)
        self.block_data(indent + 2, heading + texts + cells)
        self.sections(indent + 2, [c for c in node.children if c.kind != "point"], pillars, "sections")

    def tables(self, indent: int, tables: list[Table]) -> list[Text]:
        """``tables:``: title, units line, header and rows, a bare number a metric cell; returns the cells."""
        if not tables:
            return []
        cells: list[Text] = []
        self.put(indent, "tables:")
        for table in tables:
            p = table.paragraph
            first = True
            for key, value in (("title", table.title), ("unit", table.unit)):
                if value:
                    self.put(indent + (0 if first else 2), f"{'- ' if first else ''}{key}: {q(self.literal(value))}", p)
                    first = False
            columns = ", ".join(q(self.literal(c)) for c in table.columns)
            self.put(indent + (0 if first else 2), f"{'- ' if first else ''}columns: [{columns}]", p)
            if table.rows and table.rows[-1] and table.rows[-1][0].text in ("合计", "总计"):
                self.put(indent + 2, "total_row: true", p)
            self.put(indent + 2, "rows:", p)
            for row in table.rows:
                out = []
                for cell in row:
                    self.name(cell)
                    if cell.figures:
                        out.append(f"{{metric: {cell.figures[0].id}}}")
                        cells.append(cell)
                    else:
                        out.append(q(self.literal(cell.text)))
                self.put(indent + 4, f"- [{', '.join(out)}]", p)
        return cells

    def sections(self, indent: int, nodes: list[Node], pillars: dict[int, tuple[str, str]], key: str) -> None:
        """``sections:`` with each section's number checked against the sequence (``start`` when it jumps)."""
        if not nodes:
            return
        self.put(indent, f"{key}:")
        number = 0
        level = None
        for node in nodes:
            if LEVELS[node.kind] != level:
                level, number = LEVELS[node.kind], 0
            if not node.number:  # an unnumbered heading (附表) keeps the sequence
                self.section(indent + 2, node, False, pillars)
                self.put(indent + 4, "numbered: false", node.paragraph)
                continue
            jump = node.number != number + 1
            number = node.number
            self.section(indent + 2, node, jump, pillars)


def pillar_parts(tree: ImportedReport) -> list[Node]:
    """The sections that report on pillars: the （一）parts of the first 一、 that has parts, or top-level parts."""
    if tree.sections and tree.sections[0].kind == "part":
        return [n for n in tree.sections if n.kind == "part"]
    for section in tree.sections:
        parts = [c for c in section.children if c.kind == "part"]
        if parts:
            return parts
    return []


def map_pillars(parts: list[Node], report_type: str) -> list[tuple[str, str]]:
    """Each part's pillar by the framework's keywords (the heading counts triple); each pillar used once.

    A part no keyword points at gets no pillar (a section need not report on one), with a comment.
    """
    fw = framework(report_type)
    used: set[str] = set()
    out: list[tuple[str, str]] = []
    for part in parts:
        heading = part.heading or ""
        body = "".join(t.text for t in _all_texts(part)) + "".join(c.heading or "" for c in part.children)
        score: Counter[str] = Counter()
        for key, pillar in fw.pillars.items():
            words = (*pillar.keywords, *pillar.sub_areas.values())
            score[key] = sum(3 * heading.count(w) + min(body.count(w), 5) for w in words)
        ranked = [k for k, _ in sorted(score.items(), key=lambda kv: -kv[1]) if k not in used]
        best = ranked[0] if ranked else ""
        second = score[ranked[1]] if len(ranked) > 1 else 0
        if not best or score[best] == 0:
            out.append(("", f"{UNSURE}：未能按关键词判断本节对应的支柱，请补写 pillar（见 schema/frameworks/）"))
            continue
        why = ""
        if score[best] < 2 * second:
            why = f"{UNSURE}：本节按关键词对应到 {best}（{fw.pillars[best].name}），把握不大"
        used.add(best)
        out.append((best, why))
    return out


def _all_texts(node: Node) -> Iterator[Text]:
    if node.text:
        yield node.text
    yield from node.paragraphs
    for child in node.children:
        yield from _all_texts(child)


def guess_region(tree: ImportedReport) -> str | None:
    """The region the report is about: the issuer's place, else the most frequent place name in the text."""
    if tree.issuer:
        match = _REGION.match(tree.issuer)
        if match and not _NOT_IN_NAME.search(match.group(0)):
            return match.group(0)
    text = (tree.title or "") + "".join(t.text for t in tree.texts())
    found = Counter(m.group(0) for m in _REGION.finditer(text) if not _NOT_IN_NAME.search(m.group(0)))
    return found.most_common(1)[0][0] if found else None


def guess_year(tree: ImportedReport) -> int | None:
    """The report's year: the first year in the title or preamble."""
    for text in [tree.title or "", *(t.text for t in tree.preamble)]:
        match = _YEAR.search(text)
        if match:
            return int(match.group(1))
    return None


def modeline(output: Path | None) -> str:
    """The yaml-language-server modeline: for a file written at ``output``, the reference every writer uses
    (``json_schema.schema_reference``: a schema in its folder tree, relative, else the installation's); in memory,
    the installation's schema."""
    schema = data_dir("schema") / SCHEMA_FILE
    target = schema_reference(output) if output is not None else schema.as_posix()
    return f"{MODELINE_PREFIX} $schema={target}"


def emit(
    tree: ImportedReport,
    source: SourceDocument,
    report_type: str = DEFAULT_TYPE,
    region: str | None = None,
    year: int | None = None,
    output: Path | None = None,
) -> Imported:
    """The YAML of the current report model for a recognised document."""
    found_year = year or guess_year(tree)
    out = Emitter(tree, report_type, found_year or 0)
    out.put(0, modeline(output))
    out.comment(0, f"由 govreport import 从 {Path(source.file).name} 导入。带“{UNSURE}”的注释是导入时没有把握的地方，")
    out.comment(0, "请核对后删去注释；数字已写成指标（metrics），原文中的关系写成了校验规则（checks）。")
    for note in tree.notes:
        where = f"第{note.paragraph}段：" if note.paragraph else ""
        out.comment(0, f"导入说明：{where}{note.message}", note.paragraph)
    out.put(0, f"type: {report_type}")
    out.put(0, "meta:")
    if tree.title is None:
        out.comment(2, f"{UNSURE}：未识别出标题")
    out.heading_field(2, "title", tree.title or "待填写", tree.title_paragraph)
    name = region or guess_region(tree)
    out.put(2, "region:")
    if not region:
        out.comment(4, f"{UNSURE}：地区名称、级别和所属省份由导入推测或待填写")
    out.put(4, f"name: {q(name or '待填写')}")
    level = next((lv for suffix, lv in _LEVELS if name and name.endswith(suffix)), "县")
    out.put(4, f"level: {q(level)}")
    out.put(4, f"province: {q('待填写')}")
    if not year:
        out.comment(2, f"{UNSURE}：年度由正文推测" if found_year else f"{UNSURE}：未能从正文确定年度")
    out.put(2, f"year: {found_year or 2000}")
    if tree.addressee:
        key = "salutation" if _SALUTATION.search(tree.addressee) else "addressee"
        out.put(2, f"{key}: {q(tree.addressee)}", tree.addressee_paragraph)
    if tree.issuer and tree.date:
        y, m, d = tree.date
        out.put(2, f"issuer: {q(tree.issuer)}", tree.signature_paragraph)
        out.put(2, f"date: {y:04d}-{m:02d}-{d:02d}", tree.signature_paragraph)
    years = sorted({int(m.group(1)) for t in tree.texts() for m in _YEAR.finditer(t.text)} - {found_year or 0})
    if years:
        out.put(0, "validation:")
        out.comment(2, "原文提到的其他年份（历史或计划年份），请确认")
        out.put(2, f"allowed_years: [{', '.join(map(str, years))}]")
    if tree.preamble:
        out.put(0, "preamble:")
        for text in tree.preamble:
            out.list_text(2, text)
    parts = pillar_parts(tree)
    mapped = map_pillars(parts, report_type)
    pillars = {id(part): found for part, found in zip(parts, mapped, strict=True)}
    covered = {pillar for pillar, _ in mapped}
    missing = [(k, p) for k, p in framework(report_type).pillars.items() if p.required and k not in covered]
    if missing:
        out.put(0, "uncovered:")
        for key, pillar in missing:
            out.comment(2, f"{UNSURE}：原文没有对应“{pillar.name}”的部分")
            out.put(2, f"- pillar: {key}")
            out.put(4, f"reason: {q('原文未涉及（导入时推断）')}")
    if tree.sections and tree.sections[0].kind != "section":
        out.put(0, f"top_level: {LEVELS[tree.sections[0].kind]}")
    if not tree.sections:
        out.comment(0, f"{UNSURE}：原文没有“一、”等编号标题，正文全部作为导语导入")
        out.put(0, "sections:")
        out.put(2, f"- heading: {q('待填写')}")
    out.sections(0, tree.sections, pillars, "sections")
    out.unplace(0, tree.unplaced, "无法归入任何章节")
    if tree.preamble:
        out.block_data(0, list(tree.preamble))
    lines = {p.number: p.line for p in source.paragraphs}
    return Imported(
        source.file,
        "\n".join(out.lines) + "\n",
        out.paragraphs,
        lines,
        tree,
        out.figures,
        out.relations,
        out.unsure,
        out.unplaced,
    )


def locate_findings(imported: Imported, findings: list[Finding]) -> list[Finding]:
    """Findings on the imported YAML moved to the document's paragraphs, plus one per unplaced paragraph."""
    out = [
        replace(f, location=place(imported, f.location), related=[place(imported, r) for r in f.related])
        for f in findings
    ]
    for text in imported.unplaced:
        where = Location(imported.file, imported.source_lines.get(text.paragraph, 0), 0, "", text.paragraph)
        out.append(
            Finding(
                "import-unplaced",
                f"这一段在当前报告格式中没有位置，未能检查：{text.text[:40]}",
                where,
                severity=Severity.WARNING,
            )
        )
    return out


def place(imported: Imported, location: Location) -> Location:
    """A location in the imported YAML as the source paragraph it came from."""
    if location.file != imported.file or location.paragraph:
        return location
    paragraph = imported.paragraph_of(location.line)
    return Location(imported.file, imported.source_lines.get(paragraph, 0), 0, location.path, paragraph)


__all__ = ["Imported", "Note", "emit", "import_document", "import_file", "locate_findings"]
