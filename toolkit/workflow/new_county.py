"""A skeleton report for another county: the framework's required pillars as empty parts, sub-areas as prompts.

The pillars and sub-areas come from ``schema/frameworks/<type>.yaml``; nothing about them is written here.
The skeleton validates (an empty part is allowed) and ``status`` lists its empty parts until they are filled.
"""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.chinese.numerals import number_for
from toolkit.errors import GovreportError
from toolkit.model.frameworks import DEFAULT_TYPE, Pillar, framework, framework_names
from toolkit.model.json_schema import with_modeline
from toolkit.model.report import MAX_YEAR, MIN_YEAR
from toolkit.workflow.readback import read_back


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), so any name is safe to write."""
    return json.dumps(text, ensure_ascii=False)


def skeleton_text(region: str, year: int, level: str = "县", province: str = "", kind: str = DEFAULT_TYPE) -> str:
    """The skeleton YAML for one county and year."""
    if not region.strip():
        raise GovreportError("地区名称不能为空（--region）")
    if kind not in framework_names():
        raise GovreportError(f"未知报告类型 “{kind}”（可用：{'、'.join(framework_names())}）")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise GovreportError(f"年度 {year} 超出范围（{MIN_YEAR}–{MAX_YEAR}）")
    spec = framework(kind)
    lines = header(region, year, kind, spec.name) + meta_lines(region, year, level, province, spec.name)
    lines += ["overview:", "  heading: 基本情况", "  parts:"]
    required = [p for p in spec.pillars.values() if p.required]
    for n, pillar in enumerate(required, start=1):
        lines += part_lines(pillar, n, example=n == 1)
    optional = [p for p in spec.pillars.values() if not p.required]
    if optional:
        lines.append("    # 可选部分（需要时取消注释，并按上面的方式填写）：")
        for pillar in optional:
            lines += [
                f"    # - pillar: {pillar.key}  # {pillar.chapter}",
                f"    #   heading: {pillar.name}",
                "    #   items: []",
            ]
    lines += closing_lines()
    return "\n".join(lines) + "\n"


def header(region: str, year: int, kind: str, name: str) -> list[str]:
    """The opening comments: what the file is and how to work with it."""
    return [
        f"# {region} {year} 年度《{name}的报告》的骨架，由 govreport new 生成。",
        "# 每个必备部分对应框架中的一个支柱（见 schema/frameworks/" + kind + ".yaml），标题改为本地的说法；",
        "# 注释中列出该支柱的子领域，可按子领域写编号条目（items）或一是、二是要点（points）。",
        "# 每个数字写成指标（metrics）；尚未收集的写 value: null。",
        "# 检查：govreport validate 本文件；进度：govreport status 本文件；草稿：govreport build --draft 本文件。",
        f"type: {kind}",
    ]


def meta_lines(region: str, year: int, level: str, province: str, name: str) -> list[str]:
    """The ``meta:`` block, optional fields as commented prompts."""
    return [
        "meta:",
        f"  title: {name}的报告",
        "  region:",
        f"    name: {quoted(region)}",
        f"    level: {quoted(level)}  # 县 | 县级市 | 自治县 | 旗 | 市辖区",
        f"    province: {quoted(province)}  # 所属省（自治区、直辖市）",
        "    # prefecture: 所属地级市（州、盟），可省略",
        f"  year: {year}",
        "  # period: 前三季度  # 多数数据的统计期",
        f"  # as_of: {year}-10-31  # 数据截止日期",
        "  # issuer: 某某县发展和改革局  # 落款单位；与 date 同时给出时打印落款",
        f"  # date: {year}-11-08  # 成文日期",
        "# “一、”之前的导语，如：",
        '#   - "{{ year }}年，{{ region }}坚持……，着力推进以县城为重要载体的新型城镇化建设。"',
        "preamble: []",
    ]


def part_lines(pillar: Pillar, n: int, *, example: bool) -> list[str]:
    """One empty part with its sub-areas as prompts."""
    lines = [
        f"    # {number_for(2, n)}{pillar.name} — {pillar.chapter}",
        f"    - pillar: {pillar.key}",
        f"      heading: {pillar.name}  # 改为本地的标题",
        "      # 子领域（条目的 sub_area）：",
    ]
    width = max((len(k) for k in pillar.sub_areas), default=0)
    lines += [f"      #   {key.ljust(width)}  {name}" for key, name in pillar.sub_areas.items()]
    if example:
        first = next(iter(pillar.sub_areas), "")
        lines += [
            "      # 条目示例：",
            "      #   items:",
            f"      #     - heading: {pillar.sub_areas.get(first, '条目标题')}",
            f"      #       sub_area: {first}",
            "      #       text: 前三季度产值累计{{ some_output }}，{{ some_output.growth }}。",
            "      #       metrics:",
            "      #         some_output: {value: null, unit: 亿元, period: 前三季度, source: 工信局}",
        ]
    return [*lines, "      items: []"]


def closing_lines() -> list[str]:
    """二、存在的问题 and 三、下一步工作计划 as commented prompts."""
    return [
        "# 二、存在的问题 与 三、下一步工作计划（需要时取消注释）：",
        "# problems:",
        "#   heading: 存在的问题",
        "#   paragraphs: []",
        "# plans:",
        "#   heading: 下一步工作计划",
        "#   points: []",
    ]


def write_skeleton(
    out: Path,
    region: str,
    year: int,
    *,
    level: str = "县",
    province: str = "",
    kind: str = DEFAULT_TYPE,
    force: bool = False,
) -> str:
    """Write the skeleton atomically, its first line the modeline that points editors at the schema; refuses to
    overwrite unless ``force``. Returns the text written."""
    from toolkit.output.guard import check_output, write_output

    check_output(out, force=force, editable=True)
    text = with_modeline(skeleton_text(region, year, level, province, kind), out)
    read_back(text, str(out), framework=True)
    write_output(out, text.encode("utf-8"), fmt="yaml", force=force, editable=True)
    return text
