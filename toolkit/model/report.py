"""The report model (pydantic v2): structure, metrics and metadata, strict about unknown keys."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    ModelWrapValidatorHandler,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from toolkit.model.frameworks import framework, framework_names
from toolkit.model.rules import Rule, Validation
from toolkit.model.scalars import (
    Ident,
    Number,
    enum_of,
    half_width,
    names_of,
    new_dict,
    new_list,
    number_as_meant,
    word_of,
)
from toolkit.model.units import Unit, declaring, find_unit, make_unit, qualifiers, unit_suggestion, units

MIN_YEAR, MAX_YEAR = 2000, 2100
"""The years a report may be for."""
RESERVED = frozenset({"year", "region", "meta", "report", "range", "loop", "lists", "metrics"})
# Pillars and sub-areas of every framework: the editor knows the words, the CLI also checks they fit the type.
PILLARS = sorted({key for kind in framework_names() for key in framework(kind).pillars})
SUB_AREAS = sorted({s for kind in framework_names() for p in framework(kind).pillars.values() for s in p.sub_areas})


class Strict(BaseModel):
    """Base model: unknown keys are errors; every field carries a description.

    ``defer_build``: a model's validator is built when first used, and the report's is built with every nested
    model in it, once; built at import, each of the 30 models would make its own (a third of pydantic's start-up
    time, for validators a run never uses on their own).
    """

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False, defer_build=True)


class Region(Strict):
    """The county-level administrative region the report is about."""

    name: str = Field(description="地区名称，如 x市、某某县")
    level: str = Field(description="行政级别：县、县级市、自治县、旗、市辖区等")
    province: str = Field(description="所属省（自治区、直辖市）")
    prefecture: str | None = Field(default=None, description="所属地级市（州、盟），可省略")


class Meta(Strict):
    """Report metadata: title, region, year, period and signature."""

    title: str = Field(description="报告标题")
    region: Region = Field(description="报告所属地区")
    year: Annotated[
        int,
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                    {"type": "string", "pattern": "^约[0-9]{4}$"},
                ],
                "description": "报告年度；原文未注明日期、年份为推断时写 约2014",
            }
        ),
    ] = Field(ge=MIN_YEAR, le=MAX_YEAR, strict=True, description="报告年度；原文未注明日期、年份为推断时写 约2014")
    year_approximate: bool = Field(
        default=False, strict=True, description="年度为推断的约数（原文未注明日期）；写 约2014 时自动为 true"
    )
    period: str | None = Field(default=None, description="多数数据的统计期，如 前三季度、1-10月、全年")
    as_of: dt.date | None = Field(default=None, description="数据截止日期")
    issuer: str | None = Field(default=None, description="落款单位；与 date 同时给出时打印落款")
    date: dt.date | None = Field(default=None, description="成文日期")
    addressee: str | None = Field(default=None, description="主送机关，如 清远市发展和改革局，标题下顶格打印并加冒号")
    salutation: str | None = Field(default=None, description="称谓，如 各位领导：，正文前顶格打印")

    @field_validator("year", mode="before")
    @classmethod
    def _approximate_year(cls, value: Any) -> Any:
        if isinstance(value, str) and value.startswith("约") and value[1:].isdigit():
            return int(value[1:])
        return value

    @model_validator(mode="before")
    @classmethod
    def _mark_approximate(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("year"), str) and str(data["year"]).startswith("约"):
            data = {**data, "year_approximate": True}
        return data


FigureKind = Literal["actual", "target", "estimate"]
VALUE_WORDS = re.compile(r"^(?P<before>[^0-9.+-]*)(?P<number>[+-]?[0-9]+(?:\.[0-9]+)?)(?P<after>.*)$")


class Metric(Strict):
    """A figure: value as reported, unit, qualifier, kind (actual, target, estimate), period, growth and source."""

    value: Number | None = Field(description="数值（按报告的精度书写，如 55.30）；尚未收集时写 null")
    unit: str = Field(
        description="单位：schema/units.yaml 中的单位，加数量级的单位（万户、千米），或报告 units: 中声明的单位",
        json_schema_extra={"examples": list[JsonValue](sorted(units()))},
    )
    unit_text: str | None = Field(default=None, description="原文中单位的写法（如 亿元 写作 亿），默认同 unit")
    qualifier: Annotated[str, word_of(sorted(qualifiers()))] | None = Field(
        default=None,
        description="限定词：约、近、超过、突破、逾、超、达、不足（数字前），以上（单位后），多、余（数字与单位之间）",
    )
    kind: FigureKind = Field(
        default="actual", description="数字的性质：actual 实际完成（默认），target 目标/计划，estimate 预计/预测"
    )
    target: Number | None = Field(
        default=None, description="为该指标设定的目标值（如上年计划所定），实际值将与之比较，报告完成目标的百分比"
    )
    due: int | None = Field(default=None, strict=True, description="目标所属年度（kind: target 时），默认为报告年度")
    masked: bool = Field(
        default=False, strict=True, description="公开版中隐去该数字（build --public 打印为 ** 或 publication.mask）"
    )
    period: str | None = Field(default=None, description="统计期，如 前三季度、1-10月、截至10月底、全年")
    yoy: Number | None = Field(default=None, description="报告所述同比增速（%），下降为负数")
    yoy_label: str = Field(default="同比", description="增速的说法：同比、同期、比上年")
    yoy_basis: Literal["nominal", "comparable"] = Field(
        default="nominal", description="增速口径：nominal 现价，comparable 可比价"
    )
    prior: Number | None = Field(default=None, description="上年同期数值")
    label: str | None = Field(default=None, description="指标含义，如 电子信息产业产值")
    source: str | None = Field(default=None, description="报送部门，如 工信局")
    note: str | None = Field(default=None, description="备注")

    @field_validator("value", mode="before")
    @classmethod
    def _words_in_value(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if number_as_meant(text) is not None:
                raise ValueError(f"wrong-type:{text}")
            match = VALUE_WORDS.match(half_width(text))
            if match and (match.group("before") or match.group("after")):
                raise ValueError(f"wrong-type:{text}")
        return value

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str) -> str:
        if find_unit(unit) is None:
            raise ValueError(f"unknown-unit:{unit}|{unit_suggestion(unit) or ''}")
        return unit

    @field_validator("qualifier")
    @classmethod
    def _known_qualifier(cls, word: str | None) -> str | None:
        if word is not None and word not in qualifiers():
            raise ValueError(f"unknown-qualifier:{word}")
        return word

    def unit_in(self, declared: Mapping[str, Unit]) -> Unit:
        """The metric's unit with its kind, scale, base and magnitude; ``declared`` are the units its report
        declares (``Report.unit_table``), which validation has already checked it against."""
        found = find_unit(self.unit, declared)
        assert found is not None, self.unit
        return found

    @property
    def missing(self) -> bool:
        """True while the value is still to be collected (a masked figure without a value is not missing)."""
        return self.value is None and not self.masked


MetricId = Ident


class Block(Strict):
    """Fields shared by every block that may hold figures next to its text."""

    metrics: dict[MetricId, Metric] = Field(
        default_factory=new_dict, description="本段落使用的指标，键为指标名", json_schema_extra=names_of(RESERVED)
    )
    lists: dict[MetricId, list[str]] = Field(
        default_factory=new_dict, description="具名清单，如“五大中心”的名称", json_schema_extra=names_of(RESERVED)
    )
    checks: list[Rule] = Field(default_factory=new_list, description="数据一致性校验规则（sum、share、compare 等）")


class Point(Block):
    """一是/二是… : an optional lead phrase and text; ``points`` under it are numbered ①②…"""

    id: MetricId | None = Field(default=None, description="标识，供校验规则引用")
    heading: str | None = Field(default=None, description="要点标题，后接句号；省略时只输出正文")
    text: str = Field(description="正文（Jinja2 模板，可引用指标）")
    points: list[Point] = Field(default_factory=new_list, description="要点下一层 ①②……，接在本要点正文之后")


class Item(Block):
    """A numbered item (1. 2. …): heading, text and 一是/二是 points, in one paragraph."""

    id: MetricId | None = Field(default=None, description="标识，供校验规则引用")
    heading: str = Field(description="条目标题，如 县城产业支撑能力不断增强")
    sub_area: Annotated[str, word_of(SUB_AREAS)] | None = Field(default=None, description="对应框架中该支柱的子领域键")
    text: str | None = Field(default=None, description="标题后的正文")
    points: list[Point] = Field(default_factory=new_list, description="一是、二是……要点")


class Part(Block):
    """A part of 一、基本情况 mapped to one pillar of the framework."""

    id: MetricId | None = Field(default=None, description="标识，供校验规则引用")
    pillar: str = Field(
        description="对应框架支柱的键，如 industry、municipal、public_services、environment",
        json_schema_extra=enum_of(PILLARS),
    )
    heading: str = Field(description="部分标题，如 建强平台、壮大产业，县域经济蓬勃发展")
    text: str | None = Field(default=None, description="标题下的导语段落")
    items: list[Item] = Field(default_factory=new_list, description="编号条目 1. 2. ……")
    points: list[Point] = Field(default_factory=new_list, description="不分条目时直接列出的一是、二是……")


class Overview(Block):
    """一、基本情况."""

    heading: str = Field(default="基本情况", description="标题")
    text: str | None = Field(default=None, description="导语段落")
    parts: list[Part] = Field(min_length=1, description="各部分（一）（二）……，每部分对应一个框架支柱")


class Closing(Block):
    """An optional closing section such as 存在的问题 or 下一步工作计划."""

    heading: str = Field(description="标题")
    paragraphs: list[str] = Field(default_factory=new_list, description="不编号的段落")
    items: list[Item] = Field(default_factory=new_list, description="编号条目")
    points: list[Point] = Field(default_factory=new_list, description="一是、二是……要点")


class MetricCell(Strict):
    """A table cell showing a metric's bare number (the unit is in the header or the units line)."""

    metric: MetricId = Field(description="指标名；单元格只打印数字，单位写在表头或“单位：”行")


Cell = str | MetricCell


class Table(Strict):
    """A table of figures (附表): a title, a units line, a header row and rows of text or metric cells."""

    id: MetricId | None = Field(default=None, description="标识")
    title: str | None = Field(default=None, description="表题，如 附表1  2025年重点项目计划表（居中打印）")
    unit: str | None = Field(default=None, description="单位行，如 万元（打印为 “单位：万元”，右对齐）")
    columns: list[str] = Field(min_length=1, description="表头各列")
    rows: list[list[Cell]] = Field(default_factory=new_list, description="各行；单元格为文本或 {metric: 指标名}")
    total_row: bool = Field(
        default=False, strict=True, description="最后一行为合计行：其每列的指标须等于上面各行同列指标之和（自动校验）"
    )

    @model_validator(mode="after")
    def _rectangular(self) -> Table:
        for k, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(f"table-shape:第 {k + 1} 行有 {len(row)} 格，表头有 {len(self.columns)} 列")
        return self


class Section(Block):
    """A section of the free tree: optional heading, paragraphs, points, tables and child sections, any depth.

    Numbering follows the level: 一、 （一） 1. （1） ①; a section without a heading is not numbered.
    """

    id: MetricId | None = Field(default=None, description="标识，供校验规则引用")
    heading: str | None = Field(default=None, description="标题（不含序号，序号按层级自动生成）；省略时不编号")
    numbered: bool = Field(default=True, strict=True, description="标题是否编号；false 时只打印标题")
    start: int | None = Field(
        default=None,
        ge=1,
        le=99,
        strict=True,
        description="本节的序号（其后的同级章节依次递增），如摘录从（四）开始时写 4",
    )
    pillar: Annotated[str, word_of(PILLARS)] | None = Field(
        default=None, description="本节对应的框架支柱键（如 industry），用于覆盖检查"
    )
    sub_area: Annotated[str, word_of(SUB_AREAS)] | None = Field(default=None, description="本节对应的子领域键")
    text: str | None = Field(default=None, description="正文；空一行（折叠块中的空行）另起一段")
    paragraphs: list[str] = Field(default_factory=new_list, description="正文各段，每项一段")
    points: list[Point] = Field(default_factory=new_list, description="一是、二是……要点（其下可有 ①②……）")
    inline_points: bool | None = Field(
        default=None,
        strict=True,
        description="要点是否接在正文同一段内；默认三级（1.）及以下同段，一、（一）级每个要点一段",
    )
    tables: list[Table] = Field(default_factory=new_list, description="表格（附表），在正文和要点之后、下级章节之前")
    sections: list[Section] = Field(default_factory=new_list, description="下级章节")


class Uncovered(Strict):
    """A pillar of the framework the report does not cover, and why."""

    pillar: str = Field(description="未涉及的支柱键", json_schema_extra=enum_of(PILLARS))
    reason: str = Field(min_length=1, description="未涉及的原因，如 本文为专项汇报，只涉及产业和市政")


class UnitDecl(Strict):
    """A unit the report declares: a new base unit of a kind, or a magnitude of a known unit."""

    kind: str | None = Field(default=None, description="所属量纲（如 count、length、money）；新基本单位时必填")
    scale: Number | None = Field(default=None, description="相对该量纲基准单位的倍数（默认 1）")
    base: str | None = Field(default=None, description="基本单位（如 标准箱），与 magnitude 一起给出")
    magnitude: str | int | None = Field(default=None, description="数量级：万、亿、千 …，或 10000 这样的数")

    @model_validator(mode="after")
    def _one_way(self) -> UnitDecl:
        if (self.base is None) == (self.kind is None):
            raise ValueError("unit-decl:声明单位须给出 kind（新的基本单位）或 base（已知单位的数量级），二者取一")
        return self


class Publication(Strict):
    """How figures marked ``masked`` print in a public version (``build --public``)."""

    mask: str = Field(default="**", min_length=1, max_length=8, description="隐去数字时打印的记号，如 ** 或 XX")


Scope = Literal["full", "excerpt", "briefing", "plan"]


class Report(Block):
    """One county's report for one year."""

    type: str = Field(
        description="报告类型，对应 schema/frameworks/ 与 templates/ 下的名称",
        json_schema_extra=enum_of(list(framework_names())),
    )
    meta: Meta = Field(description="报告元数据")
    scope: Scope = Field(
        default="full",
        description="报告范围：full 全面报告（须覆盖框架的必备支柱），excerpt 摘录，briefing 专项汇报，plan 计划",
    )
    uncovered: list[Uncovered] = Field(default_factory=new_list, description="本报告不涉及的支柱及原因（不必写空部分）")
    units: dict[str, UnitDecl] = Field(default_factory=new_dict, description="本报告自定义的单位，键为单位名")
    publication: Publication = Field(default_factory=Publication, description="公开版设置（build --public）")
    top_level: int = Field(
        default=1, ge=1, le=5, strict=True, description="最外层章节的层级：1 为“一、”，2 为“（一）”……（摘录时使用）"
    )
    preamble: list[str] = Field(default_factory=new_list, description="“一、”之前的段落")
    overview: Overview | None = Field(default=None, description="一、基本情况（固定结构；与 sections 二选一）")
    problems: Closing | None = Field(default=None, description="二、存在的问题（可选，仅与 overview 一起）")
    plans: Closing | None = Field(default=None, description="三、下一步工作计划（可选，仅与 overview 一起）")
    sections: list[Section] = Field(default_factory=new_list, description="章节树（与 overview 二选一），任意层级")
    validation: Validation = Field(
        default_factory=Validation, description="校验设置：按代码调整级别、文本检查开关、允许出现的其他年份"
    )

    @model_validator(mode="wrap")
    @classmethod
    def _with_declared_units(cls, data: Any, handler: ModelWrapValidatorHandler[Report]) -> Report:
        with declaring(declared_table(data)):
            return handler(data)

    @field_validator("type")
    @classmethod
    def _known_type(cls, kind: str) -> str:
        if kind not in framework_names():
            raise ValueError(f"unknown-type:{kind}")
        return kind

    @field_validator("preamble", mode="before")
    @classmethod
    def _one_paragraph(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_shape(self) -> Report:
        if self.overview is None and not self.sections:
            raise ValueError("shape-missing:报告须有 overview（一、基本情况）或 sections（章节树）")
        if self.overview is not None and self.sections:
            raise ValueError("shape-both:overview 与 sections 只能用其一")
        if self.overview is None and (self.problems is not None or self.plans is not None):
            raise ValueError("shape-both:problems、plans 只能与 overview 一起使用；章节树中请写成 sections")
        return self

    def unit_table(self) -> dict[str, Unit]:
        """The units this report declares (worked out once within ``one_tree``; not to be changed)."""
        from toolkit.model.tree import derived

        return derived(
            self, "unit_table", lambda: declared_table({"units": {k: v.model_dump() for k, v in self.units.items()}})
        )


def declared_table(data: Any) -> dict[str, Unit]:
    """The units a report's raw data declares (malformed entries are left to field validation)."""
    raw = data.get("units") if isinstance(data, dict) else None
    out: dict[str, Unit] = {}
    if not isinstance(raw, dict):
        return out
    known = dict(units())
    for name, entry in raw.items():
        if not isinstance(entry, dict):
            continue
        try:
            if entry.get("base") is not None:
                base = out.get(str(entry["base"])) or find_unit(str(entry["base"]), out)
                if base is None:
                    continue
                known[base.name] = base
            unit = make_unit(str(name), {k: v for k, v in entry.items() if v is not None}, known)
        except (KeyError, ValueError, ArithmeticError):
            continue
        out[str(name)] = known[str(name)] = unit
    return out


def blocks(report: Report) -> Sequence[tuple[tuple[str | int, ...], Block]]:
    """Every block of a report with its data path, in document order (listed once within ``one_tree``)."""
    from toolkit.model.tree import derived, report_tree

    return derived(report, "blocks", lambda: tuple(report_tree(report).blocks()))


def iter_metrics(report: Report) -> Iterator[tuple[str, Metric, tuple[str | int, ...]]]:
    """Every metric of a report as (id, metric, data path of the metric), in document order (listed once within
    ``one_tree``: the checks, the composer and the completeness each go through them)."""
    from toolkit.model.tree import derived

    return iter(derived(report, "metrics", lambda: tuple(_metrics(report))))


def _metrics(report: Report) -> Iterator[tuple[str, Metric, tuple[str | int, ...]]]:
    for path, block in blocks(report):
        for name, metric in block.metrics.items():
            yield name, metric, (*path, "metrics", name)
