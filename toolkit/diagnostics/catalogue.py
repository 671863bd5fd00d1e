"""The catalogue of every finding code: default severity, a one-line Chinese title and an explanation with a wrong
and a right example.

One fact, one place: ``govreport codes`` lists it, SARIF rule descriptors come from it, and a test fails when the
toolkit emits a code that is not here.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.diagnostics.finding import Severity


@dataclass(frozen=True)
class CodeEntry:
    """One finding code."""

    code: str  # stable English code, e.g. "sum-mismatch"
    severity: Severity  # default severity as emitted today
    # stage, one of: "source" (YAML reading), "structure" (model/framework/names), "text" (templates in text fields),
    # "rules" (consistency rules), "prose" (lint), "completeness", "absorb" (an edited .docx brought back),
    # "forms" (department workbooks read by collect)
    stage: str
    title: str  # one line, Simplified Chinese, no trailing 。
    explanation: str  # 1-3 sentences, Simplified Chinese: what it means, why it matters, how to fix
    wrong: str  # a short YAML (or text) snippet that triggers it — realistic, taken from the sample style
    right: str  # the corrected snippet

    @property
    def adjustable(self) -> bool:
        """Whether ``validation.severity`` may change or switch off this code (checks, not reading or structure)."""
        return self.stage in ADJUSTABLE_STAGES


ADJUSTABLE_STAGES = ("rules", "prose", "completeness")
STAGE_NAMES = {
    "source": "读取",
    "structure": "结构",
    "text": "文本模板",
    "rules": "一致性规则",
    "prose": "文本检查",
    "completeness": "完整性",
    "absorb": "吸收审阅修改",
    "forms": "填报表",
    "import": "导入",
}


ENTRIES: tuple[CodeEntry, ...] = (
    CodeEntry(
        code="bad-encoding",
        severity=Severity.ERROR,
        stage="source",
        title="无法识别文件的编码",
        explanation=(
            "文件既不是 UTF-8，也不是 GBK/GB18030 或 UTF-16 编码，无法读取，后续检查都不会进行；"
            "消息指出第一个无法识别的字节所在的行和列。"
            "请在编辑器中“另存为”，编码选 UTF-8。"
        ),
        wrong=(
            "# 以 Big5 等其他编码另存的文件\n"
            "type: county-urbanization\n"
            "meta:\n"
            "  title: 以县城为重要载体的新型城镇化建设推进情况的报告\n"
        ),
        right=(
            "# 以 UTF-8 编码保存的文件\n"
            "type: county-urbanization\n"
            "meta:\n"
            "  title: 以县城为重要载体的新型城镇化建设推进情况的报告\n"
        ),
    ),
    CodeEntry(
        code="encoding-detected",
        severity=Severity.INFO,
        stage="source",
        title="文件不是 UTF-8 编码，已按检测到的编码读取",
        explanation=(
            "文件以 GBK/GB18030（记事本的“ANSI”）或 UTF-16（记事本的“Unicode”）保存，已自动识别并照常检查。"
            "建议在编辑器中另存为 UTF-8，以便在各种编辑器、系统和版本管理中一致显示。"
        ),
        wrong="# 记事本“另存为”时编码选了 ANSI（GBK）\ntype: county-urbanization\n",
        right="# 记事本“另存为”时编码选 UTF-8\ntype: county-urbanization\n",
    ),
    CodeEntry(
        code="not-text",
        severity=Severity.ERROR,
        stage="source",
        title="文件不是 YAML 文本文件",
        explanation=(
            "给出的文件是 Word、Excel、PDF、图片或压缩包等二进制文件（常见于把 .docx 改名为 .yaml），"
            "消息中说明了它是什么。"
            "请打开报告的 .yaml 文件；去年的报告只有 Word 稿时，可用 govreport new 生成骨架后填写。"
        ),
        wrong="govreport validate x市2024年报告.docx.yaml   # 实为改了扩展名的 Word 文档\n",
        right="govreport validate x-city-2024.yaml\n",
    ),
    CodeEntry(
        code="file-too-large",
        severity=Severity.ERROR,
        stage="source",
        title="文件过大",
        explanation=(
            "报告 YAML 通常只有几十到几百 KB；超过 16 MB 的文件不予读取，多为选错了文件。"
            "请确认打开的是报告的 .yaml 文件。"
        ),
        wrong="govreport validate 全市统计数据库导出.yaml   # 200 MB\n",
        right="govreport validate x-city-2024.yaml\n",
    ),
    CodeEntry(
        code="yaml-alias",
        severity=Severity.ERROR,
        stage="source",
        title="不支持 YAML 锚点和别名",
        explanation=(
            "报告中的每个值都应直接写出；锚点（&名称）和别名（*名称）会让一处修改悄悄影响多处，"
            "恶意构造时还会无限展开，因此一律不予接受，每处锚点和别名各报一次。"
        ),
        wrong="unit_a: &u 亿元\nunit_b: *u\n",
        right="unit_a: 亿元\nunit_b: 亿元\n",
    ),
    CodeEntry(
        code="yaml-too-deep",
        severity=Severity.ERROR,
        stage="source",
        title="YAML 嵌套层次过深",
        explanation=(
            "报告的结构不超过十来层；嵌套超过 64 层（括号或缩进）的文件不予读取，多为括号没有配对或文件已损坏。"
            "请检查消息所指位置的括号和缩进。"
        ),
        wrong="value: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[55.33\n",
        right="value: 55.33\n",
    ),
    CodeEntry(
        code="yaml-tab",
        severity=Severity.ERROR,
        stage="source",
        title="YAML 中出现制表符（Tab）",
        explanation=(
            "YAML 只允许用空格缩进；用 Tab 缩进，或在值后面留下 Tab，都会使文件无法解析。"
            "消息指出 Tab 所在的行和列，请把它换成空格（多数编辑器可设置“按 Tab 键插入空格”）。"
        ),
        wrong="meta:\n\ttitle: 以县城为重要载体的新型城镇化建设推进情况的报告\n",
        right="meta:\n  title: 以县城为重要载体的新型城镇化建设推进情况的报告\n",
    ),
    CodeEntry(
        code="invisible-char",
        severity=Severity.WARNING,
        stage="source",
        title="看不见的字符",
        explanation=(
            "零宽空格、软连字符、方向标记等看不见的字符（多随网页或聊天软件的复制粘贴带入）会原样进入 Word 文件；"
            "出现在单位、名称或键中时，这个词就与看上去相同的词对不上。消息指出它所在的行和列并说出它的名称，请删去。"
        ),
        wrong="meta:\n  region: {name: x\u200b市}  # “x”与“市”之间夹着一个零宽空格\n",
        right="meta:\n  region: {name: x市}\n",
    ),
    CodeEntry(
        code="number-too-long",
        severity=Severity.ERROR,
        stage="source",
        title="数字位数过多",
        explanation=(
            "一个数据最多 30 位数字；更长的数字不可能是报告中的数据，多为粘贴错误，也会拖慢计算，因此不予读取。"
            "请核对该数值。"
        ),
        wrong="value: 5533000000000000000000000000000000000\n",
        right="value: 55.33\n",
    ),
    CodeEntry(
        code="number-out-of-range",
        severity=Severity.ERROR,
        stage="source",
        title="数字超出范围",
        explanation=(
            "科学计数法写的数字，指数不得超过 30（如 1e999999）；这样的数不可能是报告中的数据，且无法参与校验计算。"
            "请写出实际数值。"
        ),
        wrong="value: 1e999999\n",
        right="value: 55.33\n",
    ),
    CodeEntry(
        code="duplicate-key",
        severity=Severity.ERROR,
        stage="source",
        title="同一映射中的键重复",
        explanation=(
            "同一映射中同一个键写了两次，后写的值会悄悄覆盖先写的值，因此视为错误，消息中指出第一次出现的行。"
            "请删去多余的一处，或改为不同的键。"
        ),
        wrong="electronics_output:\n  value: 55.33\n  unit: 亿元\n  value: 55.30\n",
        right="electronics_output:\n  value: 55.33\n  unit: 亿元\n",
    ),
    CodeEntry(
        code="empty-file",
        severity=Severity.ERROR,
        stage="source",
        title="文件为空",
        explanation=(
            "文件中没有任何 YAML 内容（空文件或只有注释），无法作为报告读取。"
            "请用 govreport new 生成骨架后再填写，或确认打开的是正确的文件。"
        ),
        wrong="# x市 2024 年度报告（待填写）\n",
        right=(
            "# x市 2024 年度报告\n"
            "type: county-urbanization\n"
            "meta:\n"
            "  title: 以县城为重要载体的新型城镇化建设推进情况的报告\n"
        ),
    ),
    CodeEntry(
        code="file-not-found",
        severity=Severity.ERROR,
        stage="source",
        title="找不到文件",
        explanation="命令行给出的报告文件不存在，常见原因是文件名或路径写错。请核对路径和文件名（包括年份和扩展名）。",
        wrong="govreport validate samples/x-city-2204.yaml\n",
        right="govreport validate samples/x-city-2024.yaml\n",
    ),
    CodeEntry(
        code="file-unreadable",
        severity=Severity.ERROR,
        stage="source",
        title="无法读取文件",
        explanation=(
            "文件存在但无法读取，多为没有读取权限或文件被其他程序锁定，消息中附有系统给出的原因。"
            "请修改文件权限或关闭占用它的程序后重试。"
        ),
        wrong="chmod a-r x-city-2024.yaml\ngovreport validate x-city-2024.yaml\n",
        right="chmod u+r x-city-2024.yaml\ngovreport validate x-city-2024.yaml\n",
    ),
    CodeEntry(
        code="yaml-merge-key",
        severity=Severity.ERROR,
        stage="source",
        title="不支持 YAML 合并键 <<",
        explanation=(
            "合并键 << 会把别处的字段隐式带入，读者看不出指标的实际取值，因此不予支持。请把每个指标的字段完整写出。"
        ),
        wrong=(
            "metrics:\n"
            "  central_pv_projects: &pv {value: 4, unit: 个, source: 发改局}\n"
            "  distributed_pv_projects:\n"
            "    <<: *pv\n"
            "    value: 117\n"
        ),
        right=(
            "metrics:\n"
            "  central_pv_projects: {value: 4, unit: 个, source: 发改局}\n"
            "  distributed_pv_projects: {value: 117, unit: 个, source: 发改局}\n"
        ),
    ),
    CodeEntry(
        code="yaml-syntax",
        severity=Severity.ERROR,
        stage="source",
        title="YAML 语法错误",
        explanation=(
            "文件不符合 YAML 语法（括号或引号没有闭合、缩进不一致、用了制表符等），无法解析，后续检查都不会进行。"
            "请按消息所指的行列修正；文本中含半角冒号加空格时需加引号。"
        ),
        wrong=(
            "checks:\n"
            "  - kind: sum\n"
            "    total: new_energy_projects\n"
            "    parts: [wind_projects, central_pv_projects, distributed_pv_projects\n"
        ),
        right=(
            "checks:\n"
            "  - kind: sum\n"
            "    total: new_energy_projects\n"
            "    parts: [wind_projects, central_pv_projects, distributed_pv_projects]\n"
        ),
    ),
    CodeEntry(
        code="bad-name",
        severity=Severity.ERROR,
        stage="structure",
        title="名称不符合命名规则",
        explanation=(
            "指标、清单、条目 id 和规则中引用的名称只能由小写英文字母、数字和下划线组成，且以字母开头，"
            "这样才能在文本中用 {{ 名称 }} 引用。请改为如 electronics_output 的写法。"
        ),
        wrong="metrics:\n  electronics-output: {value: 55.33, unit: 亿元}\n",
        right="metrics:\n  electronics_output: {value: 55.33, unit: 亿元}\n",
    ),
    CodeEntry(
        code="bad-value",
        severity=Severity.ERROR,
        stage="structure",
        title="字段取值不符合要求",
        explanation=(
            "字段类型正确但取值不在允许范围内，例如比较符不是 <=、<、>=、>、==、!= 之一，年度早于 2000 年，"
            "或个数规则同时给出了 list 和 points。请按消息提示改为允许的取值。"
        ),
        wrong=(
            "checks:\n"
            "  - kind: compare\n"
            "    left: [leather_producing_firms, leather_building_firms]\n"
            '    op: "≤"\n'
            "    right: leather_signed_firms\n"
        ),
        right=(
            "checks:\n"
            "  - kind: compare\n"
            "    left: [leather_producing_firms, leather_building_firms]\n"
            '    op: "<="\n'
            "    right: leather_signed_firms\n"
        ),
    ),
    CodeEntry(
        code="duplicate-metric",
        severity=Severity.ERROR,
        stage="structure",
        title="指标或清单名重复",
        explanation=(
            "指标和清单的名称在整份报告中共用一个命名空间，两处用了同一个名称时文本和规则无法确定引用哪一个。"
            "请给其中一个换一个能说明含义的名称。"
        ),
        wrong=(
            "items:\n"
            "  - heading: 职业技能培训扎实有效\n"
            "    metrics:\n"
            "      skills_training: {value: 1526, unit: 人次}\n"
            "  - heading: 强化“一针一线”技能培训\n"
            "    metrics:\n"
            "      skills_training: {value: 363, unit: 人}\n"
        ),
        right=(
            "items:\n"
            "  - heading: 职业技能培训扎实有效\n"
            "    metrics:\n"
            "      skills_training: {value: 1526, unit: 人次}\n"
            "  - heading: 强化“一针一线”技能培训\n"
            "    metrics:\n"
            "      textile_trainees: {value: 363, unit: 人}\n"
        ),
    ),
    CodeEntry(
        code="missing-key",
        severity=Severity.ERROR,
        stage="structure",
        title="缺少必填字段",
        explanation=(
            "模型要求的字段没有写，例如指标缺少 unit、部分缺少 heading，或校验规则缺少 kind。请补上该字段；"
            "数值尚未收集时写 value: null，而不是省略 value。"
        ),
        wrong="metrics:\n  electronics_output: {value: 55.33, period: 前三季度}\n",
        right="metrics:\n  electronics_output: {value: 55.33, unit: 亿元, period: 前三季度}\n",
    ),
    CodeEntry(
        code="missing-pillar",
        severity=Severity.ERROR,
        stage="structure",
        title="缺少框架要求的必备部分",
        explanation=(
            "报告类型的框架（schema/frameworks/）规定了全面报告（scope: full）必须覆盖的支柱，"
            "报告中没有章节声明该支柱。请补写该部分；不涉及时在 uncovered 中写明支柱和原因（不必写空部分），"
            "或用 scope 声明本文是摘录、专项汇报或计划。"
        ),
        wrong=(
            "parts:\n"
            "  - {pillar: industry, heading: 建强平台、壮大产业，县域经济蓬勃发展}\n"
            "  - {pillar: municipal, heading: 完善体系，突出重点，县城运行基础进一步夯实}\n"
            "  - {pillar: public_services, heading: 补齐短板、办好实事，民生福祉日益增进}\n"
        ),
        right=(
            "parts:\n"
            "  - {pillar: industry, heading: 建强平台、壮大产业，县域经济蓬勃发展}\n"
            "  - {pillar: municipal, heading: 完善体系，突出重点，县城运行基础进一步夯实}\n"
            "  - {pillar: public_services, heading: 补齐短板、办好实事，民生福祉日益增进}\n"
            "  - {pillar: environment, heading: 加强保护，注重传承，县城人居环境质量显著提升}\n"
        ),
    ),
    CodeEntry(
        code="reserved-name",
        severity=Severity.ERROR,
        stage="structure",
        title="名称为保留字",
        explanation=(
            "year、region、range、loop、meta、report、lists、metrics 是模板中的内置名称，用作指标或清单名会与之冲突。"
            "请换一个能说明含义的名称。"
        ),
        wrong="metrics:\n  range: {value: 500, unit: 米, label: 公园绿地服务半径}\n",
        right="metrics:\n  park_service_radius: {value: 500, unit: 米, label: 公园绿地服务半径}\n",
    ),
    CodeEntry(
        code="unknown-key",
        severity=Severity.ERROR,
        stage="structure",
        title="未知字段",
        explanation=(
            "模型中没有这个字段，多为拼写错误；未知字段会被拒绝而不是被忽略，以免数据悄悄丢失。"
            "请按消息中的“是否应为”或可用字段列表改正。"
        ),
        wrong="metrics:\n  electronics_output: {value: 55.33, units: 亿元}\n",
        right="metrics:\n  electronics_output: {value: 55.33, unit: 亿元}\n",
    ),
    CodeEntry(
        code="unknown-pillar",
        severity=Severity.ERROR,
        stage="structure",
        title="未知的框架支柱",
        explanation=(
            "部分的 pillar 不是该报告类型框架（schema/frameworks/）中的支柱键，无法归入框架，也无法核对必备部分。"
            "请改为框架中的键，如 industry、municipal、public_services、environment。"
        ),
        wrong="parts:\n  - pillar: industries\n    heading: 建强平台、壮大产业，县域经济蓬勃发展\n",
        right="parts:\n  - pillar: industry\n    heading: 建强平台、壮大产业，县域经济蓬勃发展\n",
    ),
    CodeEntry(
        code="unknown-qualifier",
        severity=Severity.ERROR,
        stage="structure",
        title="未知的限定词",
        explanation=(
            "qualifier 只能取 schema/units.yaml 中的限定词（约、近、超过、不足、以上、多、余），"
            "它决定数字的写法和校验时的取值区间。请改为其中之一，或把说法写进文本。"
        ),
        wrong="metrics:\n  new_energy_investment: {value: 52, unit: 亿元, qualifier: 大约}\n",
        right="metrics:\n  new_energy_investment: {value: 52, unit: 亿元, qualifier: 约}\n",
    ),
    CodeEntry(
        code="unknown-rule-kind",
        severity=Severity.ERROR,
        stage="structure",
        title="未知的校验规则类型",
        explanation=(
            "规则的 kind 不是 sum、share、compare、yoy、range、per_capita、count、expr 之一，规则无法读取。"
            "请按消息中的“是否应为”改正（注意用下划线而不是连字符）。"
        ),
        wrong="checks:\n  - kind: per-capita\n    total: sports_ground_area\n    per_capita: sports_area_per_capita\n",
        right="checks:\n  - kind: per_capita\n    total: sports_ground_area\n    per_capita: sports_area_per_capita\n",
    ),
    CodeEntry(
        code="unknown-sub-area",
        severity=Severity.ERROR,
        stage="structure",
        title="未知的框架子领域",
        explanation=(
            "条目的 sub_area 不是其所在部分支柱下的子领域键（见 schema/frameworks/）。"
            "请改为该支柱下的键，或删去 sub_area。"
        ),
        wrong="- heading: 产业平台功能显著提升\n  sub_area: industrial_platform\n",
        right="- heading: 产业平台功能显著提升\n  sub_area: industry_platforms\n",
    ),
    CodeEntry(
        code="unknown-type",
        severity=Severity.ERROR,
        stage="structure",
        title="未知的报告类型",
        explanation=(
            "type 必须是 schema/frameworks/ 下已有的框架名，它决定框架支柱和排版模板。请按消息中的“是否应为”改正。"
        ),
        wrong="type: county-urbanisation\n",
        right="type: county-urbanization\n",
    ),
    CodeEntry(
        code="unknown-unit",
        severity=Severity.ERROR,
        stage="structure",
        title="未知的单位",
        explanation=(
            "unit 必须是 schema/units.yaml 中的单位，校验规则靠它换算和判断能否相加比较。请改为词表中的写法；"
            "原文的简写（如“亿”）写在 unit_text 中。"
        ),
        wrong="metrics:\n  greenway_length: {value: 17.63, unit: 千米, label: 三江河和东陂河碧道}\n",
        right="metrics:\n  greenway_length: {value: 17.63, unit: 公里, label: 三江河和东陂河碧道}\n",
    ),
    CodeEntry(
        code="wrong-type",
        severity=Severity.ERROR,
        stage="structure",
        title="字段类型不对",
        explanation=(
            "字段的值类型不对，例如数值里带了单位、年度写成汉字、应为列表处写了文本。数值只写数字，单位写在 unit 中；"
            "全角数字和符号（５５．３３、－５）与千分位逗号（1,234）会给出应写成的数字，不是千分位的逗号（12,3）不作猜测。"
        ),
        wrong="metrics:\n  electronics_output: {value: 55.33亿元, unit: 亿元}\n",
        right="metrics:\n  electronics_output: {value: 55.33, unit: 亿元}\n",
    ),
    CodeEntry(
        code="year-not-later",
        severity=Severity.ERROR,
        stage="structure",
        title="滚动的新年度不晚于报告年度",
        explanation=(
            "govreport rollover 只能把报告滚动到下一年度，--year 给出的年度不晚于原报告年度。"
            "请省略 --year（默认下一年），或写原年度加一。"
        ),
        wrong="govreport rollover x-city-2024.yaml --year 2024 -o x-city-2025.yaml\n",
        right="govreport rollover x-city-2024.yaml --year 2025 -o x-city-2025.yaml\n",
    ),
    CodeEntry(
        code="year-out-of-range",
        severity=Severity.ERROR,
        stage="structure",
        title="滚动的新年度超出范围",
        explanation=(
            "govreport rollover 的新年度晚于 2100 年，超出报告年度允许的范围，多为 --year 输入有误。"
            "请核对年份，或省略 --year。"
        ),
        wrong="govreport rollover x-city-2024.yaml --year 2205 -o x-city-2025.yaml\n",
        right="govreport rollover x-city-2024.yaml --year 2025 -o x-city-2025.yaml\n",
    ),
    CodeEntry(
        code="year-skipped",
        severity=Severity.ERROR,
        stage="structure",
        title="滚动时跳过了年度",
        explanation=(
            "govreport rollover 只能滚动到紧接着的下一年度，因为新报告的 prior 取自原报告的数值，必须是上一年的数据。"
            "需要跨越多年时请逐年滚动。"
        ),
        wrong="govreport rollover x-city-2024.yaml --year 2026 -o x-city-2026.yaml\n",
        right="govreport rollover x-city-2024.yaml --year 2025 -o x-city-2025.yaml\n",
    ),
    CodeEntry(
        code="template-error",
        severity=Severity.ERROR,
        stage="text",
        title="模板渲染错误",
        explanation=(
            "文本模板语法正确，但渲染时出错，常见于引用了指标不存在的属性（如把 growth 拼错）。"
            "指标可写作 {{ 指标 }}、{{ 指标.number }}、{{ 指标.unit }}、{{ 指标.growth }}，请按此改正。"
        ),
        wrong=(
            "text: 前三季度产值累计{{ electronics_output }}，{{ electronics_output.growht }}。\n"
            "metrics:\n"
            "  electronics_output: {value: 55.33, unit: 亿元, yoy: 3.6}\n"
        ),
        right=(
            "text: 前三季度产值累计{{ electronics_output }}，{{ electronics_output.growth }}。\n"
            "metrics:\n"
            "  electronics_output: {value: 55.33, unit: 亿元, yoy: 3.6}\n"
        ),
    ),
    CodeEntry(
        code="template-syntax",
        severity=Severity.ERROR,
        stage="text",
        title="文本模板语法错误",
        explanation=(
            "文本字段是 Jinja2 模板，花括号没有成对、{% %} 标签没有闭合等都会导致无法解析。"
            "请检查消息所指的行，{{ 和 }} 必须成对出现。"
        ),
        wrong=(
            "text: 前三季度产值累计{{ electronics_output }，{{ electronics_output.growth }}。\n"
            "metrics:\n"
            "  electronics_output: {value: 55.33, unit: 亿元, yoy: 3.6}\n"
        ),
        right=(
            "text: 前三季度产值累计{{ electronics_output }}，{{ electronics_output.growth }}。\n"
            "metrics:\n"
            "  electronics_output: {value: 55.33, unit: 亿元, yoy: 3.6}\n"
        ),
    ),
    CodeEntry(
        code="undefined-metric",
        severity=Severity.ERROR,
        stage="text",
        title="文本引用了未定义的指标或变量",
        explanation=(
            "文本中 {{ }} 里的名称既不是指标、清单，也不是 year、region，多为拼写错误或忘了定义指标。"
            "请按“是否应为”改正，或在 metrics 中补上该指标。"
        ),
        wrong=(
            "text: 前三季度产值累计{{ electronic_output }}。\n"
            "metrics:\n"
            "  electronics_output: {value: 55.33, unit: 亿元}\n"
        ),
        right=(
            "text: 前三季度产值累计{{ electronics_output }}。\n"
            "metrics:\n"
            "  electronics_output: {value: 55.33, unit: 亿元}\n"
        ),
    ),
    CodeEntry(
        code="template-typo",
        severity=Severity.ERROR,
        stage="text",
        title="像模板又不是模板的花括号",
        explanation=(
            "全角花括号（中文输入法全角状态下打出的 ｛｛ ｝｝）、中间有空格的 { { 或只有一层的 {名称}，"
            "都不会被当作模板，会原样印在报告里。请改为半角的 {{ 名称 }}。"
        ),
        wrong="text: 规模以上工业企业达到｛｛ industrial_firms ｝｝。\n",
        right="text: 规模以上工业企业达到{{ industrial_firms }}。\n",
    ),
    CodeEntry(
        code="template-limit",
        severity=Severity.ERROR,
        stage="text",
        title="模板超出计算或长度限制",
        explanation=(
            "文本和块模板在沙箱中渲染：乘方、乘法和拼接的结果有上限，一段文本生成的文字不超过 20000 字，"
            "以防一行模板让校验和生成长时间不结束或写出巨大的段落。请只引用指标，不在文本中做这样的计算。"
        ),
        wrong='text: 共{{ "好" * 5000000 }}。\n',
        right="text: 共{{ good_count }}。\n",
    ),
    CodeEntry(
        code="unsafe-template",
        severity=Severity.ERROR,
        stage="text",
        title="文本模板中有不允许的操作",
        explanation=(
            "文本在沙箱中渲染，只能读取指标和清单，不能修改数据或访问内部属性，以防来自他处的文本执行代码。"
            "请把名称写进 lists 或 metrics，文本中只引用。"
        ),
        wrong=(
            "text: 分别为{{ tourist_toilets.append('巾峰山梯级道公厕') }}{{ tourist_toilets | join('、') }}。\n"
            "lists:\n"
            "  tourist_toilets: [刘禹锡文化广场旅游厕所]\n"
        ),
        right=(
            "text: 分别为{{ tourist_toilets | join('、') }}。\n"
            "lists:\n"
            "  tourist_toilets: [刘禹锡文化广场旅游厕所, 巾峰山梯级道公厕]\n"
        ),
    ),
    CodeEntry(
        code="compare-failed",
        severity=Severity.ERROR,
        stage="rules",
        title="数值比较关系不成立",
        explanation=(
            "compare 规则所述的大小关系按报告精度计算必然不成立，例如已投产与在建之和超过已签约。"
            "请核对相关数值的来源，改正填错的一项。"
        ),
        wrong=(
            "metrics:\n"
            "  leather_signed_firms: {value: 35, unit: 家}\n"
            "  leather_producing_firms: {value: 12, unit: 家}\n"
            "  leather_building_firms: {value: 28, unit: 家}\n"
            "checks:\n"
            "  - kind: compare          # 已投产 + 在建 <= 已签约\n"
            "    left: [leather_producing_firms, leather_building_firms]\n"
            "    right: leather_signed_firms\n"
        ),
        right=(
            "metrics:\n"
            "  leather_signed_firms: {value: 35, unit: 家}\n"
            "  leather_producing_firms: {value: 12, unit: 家}\n"
            "  leather_building_firms: {value: 8, unit: 家}\n"
            "checks:\n"
            "  - kind: compare          # 已投产 + 在建 <= 已签约\n"
            "    left: [leather_producing_firms, leather_building_firms]\n"
            "    right: leather_signed_firms\n"
        ),
    ),
    CodeEntry(
        code="count-mismatch",
        severity=Severity.ERROR,
        stage="rules",
        title="所述个数与列出的项数不符",
        explanation=(
            "count 规则所述的个数（如“两间”“六个百亿”）与清单中的名称数、要点数或条目数不一致。"
            "请改正所述个数，或补齐、删减列出的项。"
        ),
        wrong=(
            "lists:\n"
            "  tourist_toilets: [刘禹锡文化广场旅游厕所, 巾峰山梯级道公厕, 三江河碧道公厕]\n"
            "checks:\n"
            "  - kind: count            # 两间旅游厕所\n"
            "    count: 2\n"
            "    list: tourist_toilets\n"
        ),
        right=(
            "lists:\n"
            "  tourist_toilets: [刘禹锡文化广场旅游厕所, 巾峰山梯级道公厕]\n"
            "checks:\n"
            "  - kind: count            # 两间旅游厕所\n"
            "    count: 2\n"
            "    list: tourist_toilets\n"
        ),
    ),
    CodeEntry(
        code="duplicate-id",
        severity=Severity.ERROR,
        stage="rules",
        title="部分、条目或要点的 id 重复",
        explanation=(
            "两个部分、条目或要点用了同一个 id，引用它的校验规则（如 count 的 points）无法区分。请给其中一个换一个 id。"
        ),
        wrong=(
            "- heading: 县城产业支撑能力不断增强\n"
            "  id: six_industries\n"
            "- heading: 产业平台功能显著提升\n"
            "  id: six_industries\n"
        ),
        right=(
            "- heading: 县城产业支撑能力不断增强\n"
            "  id: six_industries\n"
            "- heading: 产业平台功能显著提升\n"
            "  id: industry_platforms\n"
        ),
    ),
    CodeEntry(
        code="expr-failed",
        severity=Severity.ERROR,
        stage="rules",
        title="表达式校验不成立",
        explanation="expr 规则的条件按报告精度计算必然不成立，消息中列出了各指标的取值。请核对数值，改正填错的一项。",
        wrong=(
            "metrics:\n"
            "  road_widening_task: {value: 17.53, unit: 公里}\n"
            "  road_widening_done: {value: 38, unit: 公里}\n"
            "  beautiful_road_task: {value: 34, unit: 公里}\n"
            "  beautiful_road_done: {value: 12.4, unit: 公里}\n"
            "checks:\n"
            "  - kind: expr             # 两项已完成里程均不超过任务\n"
            "    expr: road_widening_done <= road_widening_task and beautiful_road_done <= beautiful_road_task\n"
        ),
        right=(
            "metrics:\n"
            "  road_widening_task: {value: 17.53, unit: 公里}\n"
            "  road_widening_done: {value: 3.8, unit: 公里}\n"
            "  beautiful_road_task: {value: 34, unit: 公里}\n"
            "  beautiful_road_done: {value: 12.4, unit: 公里}\n"
            "checks:\n"
            "  - kind: expr             # 两项已完成里程均不超过任务\n"
            "    expr: road_widening_done <= road_widening_task and beautiful_road_done <= beautiful_road_task\n"
        ),
    ),
    CodeEntry(
        code="out-of-range",
        severity=Severity.ERROR,
        stage="rules",
        title="数值超出允许范围",
        explanation=(
            "range 规则检查的数值超出了上下限（默认百分比为 0–100，其他单位不小于 0），多为多打或漏打了数字。"
            "请核对数值；确实可以超出时在规则中写明 min 或 max。"
        ),
        wrong=(
            "metrics:\n"
            '  chengxi_road_progress: {value: 790, unit: "%", label: 城西城北新区建设项目施工进度}\n'
            "checks:\n"
            "  - kind: range            # 施工进度在 0–100% 之间\n"
            "    of: [chengxi_road_progress]\n"
        ),
        right=(
            "metrics:\n"
            '  chengxi_road_progress: {value: 79, unit: "%", label: 城西城北新区建设项目施工进度}\n'
            "checks:\n"
            "  - kind: range            # 施工进度在 0–100% 之间\n"
            "    of: [chengxi_road_progress]\n"
        ),
    ),
    CodeEntry(
        code="per-capita-mismatch",
        severity=Severity.ERROR,
        stage="rules",
        title="人均值与总量、人口不符",
        explanation=(
            "per_capita 规则按单位换算后，总量除以人口与所述人均值不符（如万平方米除以万人得平方米）。"
            "请核对三个数值及其单位。"
        ),
        wrong=(
            "metrics:\n"
            "  sports_ground_area: {value: 103.7144, unit: 万平方米}\n"
            "  resident_population: {value: 37.72, unit: 万人}\n"
            "  sports_area_per_capita: {value: 2.57, unit: 平方米}\n"
            "checks:\n"
            "  - kind: per_capita\n"
            "    total: sports_ground_area\n"
            "    population: resident_population\n"
            "    per_capita: sports_area_per_capita\n"
        ),
        right=(
            "metrics:\n"
            "  sports_ground_area: {value: 103.7144, unit: 万平方米}\n"
            "  resident_population: {value: 37.72, unit: 万人}\n"
            "  sports_area_per_capita: {value: 2.75, unit: 平方米}\n"
            "checks:\n"
            "  - kind: per_capita\n"
            "    total: sports_ground_area\n"
            "    population: resident_population\n"
            "    per_capita: sports_area_per_capita\n"
        ),
    ),
    CodeEntry(
        code="rule-bad-expr",
        severity=Severity.ERROR,
        stage="rules",
        title="表达式不是条件（比较）",
        explanation=(
            "expr 规则的表达式必须是一个判断（含 <=、==、and 等），只算出一个数值的表达式无从判断成立与否。"
            "请写成比较式，如 a + b <= c。"
        ),
        wrong=(
            "metrics:\n"
            "  park_output: {value: 80.46, unit: 亿元}\n"
            "  park_value_added: {value: 20.83, unit: 亿元}\n"
            "checks:\n"
            "  - {kind: expr, expr: park_value_added + park_output}\n"
        ),
        right=(
            "metrics:\n"
            "  park_output: {value: 80.46, unit: 亿元}\n"
            "  park_value_added: {value: 20.83, unit: 亿元}\n"
            "checks:\n"
            "  - {kind: expr, expr: park_value_added <= park_output}\n"
        ),
    ),
    CodeEntry(
        code="rule-not-evaluated",
        severity=Severity.INFO,
        stage="rules",
        title="规则缺少数值，未能核对",
        explanation=(
            "规则涉及的某个数值是 null，或报告未给出占比的整体、人均的人口，规则没有核对，只作提示而不算通过。"
            "有数据时补上；原文确实没有时可保留，或在 validation.severity 中关闭。"
            "只因本报告尚未填报的数据而未核对的规则不逐条提示，计入 incomplete 的提示。"
        ),
        wrong=(
            "metrics:\n"
            "  new_energy_capacity: {value: 715, unit: 兆瓦, qualifier: 约}\n"
            '  new_energy_capacity_share: {value: 71, unit: "%"}\n'
            "checks:\n"
            "  - {kind: share, part: new_energy_capacity, share: new_energy_capacity_share}\n"
        ),
        right=(
            "metrics:\n"
            "  new_energy_capacity: {value: 715, unit: 兆瓦, qualifier: 约}\n"
            "  total_capacity: {value: 1007, unit: 兆瓦, qualifier: 约}\n"
            '  new_energy_capacity_share: {value: 71, unit: "%"}\n'
            "checks:\n"
            "  - {kind: share, part: new_energy_capacity, whole: total_capacity, share: new_energy_capacity_share}\n"
        ),
    ),
    CodeEntry(
        code="rule-unit-mismatch",
        severity=Severity.ERROR,
        stage="rules",
        title="规则所涉指标的单位不相容",
        explanation=(
            "规则把不能相加或比较的单位放在一起（如人次与人、亿元与个），或占比不是 %、人口不是人或万人。"
            "请核对规则引用的指标是否选对、单位是否填对。"
        ),
        wrong=(
            "metrics:\n"
            "  skills_training: {value: 1526, unit: 人次, label: 劳动力各类技能培训}\n"
            "  textile_trainees: {value: 363, unit: 人, label: “一针一线”培训人数}\n"
            "checks:\n"
            "  - {kind: compare, left: textile_trainees, right: skills_training}\n"
        ),
        right=(
            "metrics:\n"
            "  skills_training: {value: 1526, unit: 人次, label: 劳动力各类技能培训}\n"
            "  textile_training: {value: 363, unit: 人次, label: “一针一线”培训}\n"
            "checks:\n"
            "  - {kind: compare, left: textile_training, right: skills_training}\n"
        ),
    ),
    CodeEntry(
        code="rule-unknown-metric",
        severity=Severity.ERROR,
        stage="rules",
        title="规则引用了不存在的指标、清单或条目",
        explanation=(
            "规则中的名称在报告中找不到对应的指标、清单或带 id 的条目，或在需要指标处写了清单名，规则无法核对。"
            "请按“是否应为”改正名称。"
        ),
        wrong=(
            "metrics:\n"
            "  park_output: {value: 80.46, unit: 亿元}\n"
            "  park_value_added: {value: 20.83, unit: 亿元}\n"
            "checks:\n"
            "  - {kind: compare, left: park_value_add, right: park_output}\n"
        ),
        right=(
            "metrics:\n"
            "  park_output: {value: 80.46, unit: 亿元}\n"
            "  park_value_added: {value: 20.83, unit: 亿元}\n"
            "checks:\n"
            "  - {kind: compare, left: park_value_added, right: park_output}\n"
        ),
    ),
    CodeEntry(
        code="share-mismatch",
        severity=Severity.ERROR,
        stage="rules",
        title="占比与部分、整体不符",
        explanation=(
            "share 规则按部分除以整体算出的比重与所述占比不符（已按报告精度放宽）。请核对部分、整体和占比三个数值。"
        ),
        wrong=(
            "metrics:\n"
            "  towns_with_station: {value: 10, unit: 个}\n"
            "  towns: {value: 12, unit: 个}\n"
            '  minor_station_coverage: {value: 100, unit: "%"}\n'
            "checks:\n"
            "  - {kind: share, part: towns_with_station, whole: towns, share: minor_station_coverage}\n"
        ),
        right=(
            "metrics:\n"
            "  towns_with_station: {value: 10, unit: 个}\n"
            "  towns: {value: 12, unit: 个}\n"
            '  minor_station_coverage: {value: 83.3, unit: "%"}\n'
            "checks:\n"
            "  - {kind: share, part: towns_with_station, whole: towns, share: minor_station_coverage}\n"
        ),
    ),
    CodeEntry(
        code="sum-mismatch",
        severity=Severity.ERROR,
        stage="rules",
        title="分项之和与合计不符",
        explanation=(
            "sum 规则的各分项之和与合计不符（exhaustive: false 时为分项之和超过合计），"
            "消息会建议把某个数改一位或对调两位数字即可相符的改法。请核对合计与各分项。"
        ),
        wrong=(
            "metrics:\n"
            "  new_energy_projects: {value: 130, unit: 个}\n"
            "  wind_projects: {value: 8, unit: 个}\n"
            "  central_pv_projects: {value: 4, unit: 个}\n"
            "  distributed_pv_projects: {value: 171, unit: 个}\n"
            "  biomass_projects: {value: 1, unit: 个}\n"
            "checks:\n"
            "  - kind: sum\n"
            "    total: new_energy_projects\n"
            "    parts: [wind_projects, central_pv_projects, distributed_pv_projects, biomass_projects]\n"
        ),
        right=(
            "metrics:\n"
            "  new_energy_projects: {value: 130, unit: 个}\n"
            "  wind_projects: {value: 8, unit: 个}\n"
            "  central_pv_projects: {value: 4, unit: 个}\n"
            "  distributed_pv_projects: {value: 117, unit: 个}\n"
            "  biomass_projects: {value: 1, unit: 个}\n"
            "checks:\n"
            "  - kind: sum\n"
            "    total: new_energy_projects\n"
            "    parts: [wind_projects, central_pv_projects, distributed_pv_projects, biomass_projects]\n"
        ),
    ),
    CodeEntry(
        code="prior-mismatch",
        severity=Severity.WARNING,
        stage="rules",
        title="--prior 给出的不是本地区上一年度的报告",
        explanation=(
            "validate --prior 给出的报告属于另一地区，或不是本报告的上一年度；"
            "用它的数值核对同比增速会比较不相干的数据，所以这些数值未被使用。请给出本地区上一年度的报告。"
        ),
        wrong=(
            "# govreport validate --prior y-county-2024.yaml x-city-2025.yaml\n"
            "meta:\n  region: {name: x市}\n  year: 2025\n"
        ),
        right=(
            "# govreport validate --prior x-city-2024.yaml x-city-2025.yaml\n"
            "meta:\n  region: {name: x市}\n  year: 2025\n"
        ),
    ),
    CodeEntry(
        code="yoy-mismatch",
        severity=Severity.ERROR,
        stage="rules",
        title="同比增速与本期、上年数值不符",
        explanation=(
            "按本期值和上年值（prior 或 --prior）算出的增速与所述 yoy 不符；"
            "可比价口径（comparable）时只作提示（info）。请核对本期值、上年值和增速。"
        ),
        wrong=(
            "metrics:\n"
            "  electronics_output: {value: 55.33, unit: 亿元, yoy: 3.6, prior: 50.12}\n"
            "checks:\n"
            "  - {kind: yoy, metric: electronics_output}\n"
        ),
        right=(
            "metrics:\n"
            "  electronics_output: {value: 55.33, unit: 亿元, yoy: 3.6, prior: 53.41}\n"
            "checks:\n"
            "  - {kind: yoy, metric: electronics_output}\n"
        ),
    ),
    CodeEntry(
        code="figure-in-prose",
        severity=Severity.WARNING,
        stage="prose",
        title="正文中直接写了带单位的数字，应改为指标",
        explanation=(
            "正文中直接写了带单位的数字或百分比，它既不受校验，也不会随年度滚动更新。"
            "请定义为指标并用 {{ 指标名 }} 引用；引号和书名号中的名称不受此限。"
        ),
        wrong="text: 前三季度产值累计55.33亿元，同比增长3.6%。\n",
        right=(
            "text: 前三季度产值累计{{ electronics_output }}，{{ electronics_output.growth }}。\n"
            "metrics:\n"
            "  electronics_output: {value: 55.33, unit: 亿元, yoy: 3.6}\n"
        ),
    ),
    CodeEntry(
        code="year-mismatch",
        severity=Severity.WARNING,
        stage="prose",
        title="正文中的年份与报告年度不一致",
        explanation=(
            "正文中的年份与 meta.year 不同，多为沿用上年的文字。"
            "本年度请写 {{ year }}年，有意提及的往年或计划年份请列入 validation.allowed_years。"
        ),
        wrong=(
            "text: 2023年累计开展劳动力各类技能培训{{ skills_training }}。\n"
            "metrics:\n"
            "  skills_training: {value: 1526, unit: 人次}\n"
        ),
        right=(
            'text: "{{ year }}年累计开展劳动力各类技能培训{{ skills_training }}。"\n'
            "metrics:\n"
            "  skills_training: {value: 1526, unit: 人次}\n"
        ),
    ),
    CodeEntry(
        code="unused-metric",
        severity=Severity.WARNING,
        stage="prose",
        title="指标没有被任何文本引用",
        explanation=(
            "指标已填报、参与校验，却不会出现在报告中，多为文本里漏写了 {{ 名称 }} 或名称写错。"
            "请在文本中引用它，或删去该指标；正式稿有此警告照常生成，加 --strict 时不生成。"
        ),
        wrong="text: 规模以上工业企业发展良好。\nmetrics:\n  industrial_firms: {value: 57, unit: 家}\n",
        right=(
            "text: 规模以上工业企业达到{{ industrial_firms }}。\nmetrics:\n  industrial_firms: {value: 57, unit: 家}\n"
        ),
    ),
    CodeEntry(
        code="unclosed-text",
        severity=Severity.WARNING,
        stage="prose",
        title="文本没有以句末标点结束",
        explanation=(
            "段落以半句结束（没有 。！？ 等），多为复制时截断或漏写。请补全句子；"
            "报告有意不完整（如原文中断）时，在 validation.partial 中写明原因，不再提示。"
        ),
        wrong="text: 突出抓好VOC综合治理、“散乱污”\n",
        right="text: 突出抓好VOC综合治理、“散乱污”企业整治。\n",
    ),
    CodeEntry(
        code="signature-undated",
        severity=Severity.ERROR,
        stage="completeness",
        title="有落款单位而没有成文日期",
        explanation=(
            "meta.issuer 已写落款单位，meta.date 却为空（rollover 会清空上年的日期），正式稿因此没有落款和日期。"
            "请填写成文日期后再生成正式稿；草稿不受影响。"
        ),
        wrong="meta:\n  issuer: x市发展和改革局\n  date: null\n",
        right="meta:\n  issuer: x市发展和改革局\n  date: 2025-11-08\n",
    ),
    CodeEntry(
        code="empty-part",
        severity=Severity.ERROR,
        stage="completeness",
        title="部分尚无内容，不能生成正式稿",
        explanation=(
            "正式稿中有只有标题、没有文字的部分（多为 govreport new 生成的骨架尚未填写）。"
            "请填写该部分，或删去它（未涉及的支柱写进 uncovered）；报告有意不完整时在 validation.partial 中写明。"
        ),
        wrong="- pillar: municipal\n  heading: 市政公用设施提档升级\n",
        right="- pillar: municipal\n  heading: 市政公用设施提档升级\n  text: 新建改造城市道路{{ roads_built }}。\n",
    ),
    CodeEntry(
        code="not-checked",
        severity=Severity.INFO,
        stage="structure",
        title="因结构错误，部分内容未参与检查",
        explanation=(
            "结构错误所在的条目（如单位写错的指标、写错的规则）被暂时搁置，其余内容照常检查；"
            "引用被搁置条目的文本和规则不再报告。改正结构错误后请再检查一次。"
        ),
        wrong="metrics:\n  industrial_output: {value: 38.6, unit: 亿圆}\n",
        right="metrics:\n  industrial_output: {value: 38.6, unit: 亿元}\n",
    ),
    CodeEntry(
        code="workbook-unreadable",
        severity=Severity.ERROR,
        stage="forms",
        title="工作簿无法作为填报表读取",
        explanation=(
            "collect 只读取 govreport forms 生成的 .xlsx 填报表：文件损坏、是 .xls 或其他表格、"
            "缺少“填报表”工作表或隐藏的 govreport 工作表时，整个工作簿不读取。"
            "请让报送部门在原表上填写并另存为 .xlsx。"
        ),
        wrong="forms/工信局.xls   （旧版 Excel 格式，或自制的表格）\n",
        right="forms/x市2025年数据填报表-工信局.xlsx   （govreport forms 生成的原表）\n",
    ),
    CodeEntry(
        code="form-other-report",
        severity=Severity.ERROR,
        stage="forms",
        title="填报表是为另一份报告生成的",
        explanation=(
            "填报表隐藏工作表中记录的地区或年度与本报告不同（例如误用了去年的表），整个工作簿不读取，"
            "以免把别的年度或别的县的数据写入本报告。请用本报告 govreport forms 生成的表重新收集。"
        ),
        wrong="govreport collect x-city-2025.yaml forms-2024/x市2024年数据填报表-工信局.xlsx\n",
        right="govreport collect x-city-2025.yaml forms/x市2025年数据填报表-工信局.xlsx\n",
    ),
    CodeEntry(
        code="form-unknown-metric",
        severity=Severity.ERROR,
        stage="forms",
        title="填报表中的指标代码在报告中不存在",
        explanation=(
            "填报表隐藏的“指标代码”列中有报告里没有的指标，多为指标在报告中改了名，或表中行被改动。"
            "该行不读取；请重新生成填报表，或把数值手工填入报告。"
        ),
        wrong="填报表!A5: electronic_output   （报告中的指标名为 electronics_output）\n",
        right="填报表!A5: electronics_output\n",
    ),
    CodeEntry(
        code="cell-unreadable",
        severity=Severity.ERROR,
        stage="forms",
        title="单元格的内容无法确定地读作数字",
        explanation=(
            "“本年数值”单元格中是文字、含义不明的数字（如 12,3）、公式、日期、逻辑值或错误值。"
            "只有含义明确的写法才会读取（如 55.33亿、1,234、５５.３３、3.6%）。"
            "有此错误时 collect 不写入任何数据（除非 --partial）；请与报送部门核实后改为数字。"
        ),
        wrong="填报表!G5: 12,3\n填报表!G6: =B6*2\n",
        right="填报表!G5: 12.3\n填报表!G6: 246\n",
    ),
    CodeEntry(
        code="cell-placeholder",
        severity=Severity.WARNING,
        stage="forms",
        title="单元格填了“—”“无”等，按未填处理",
        explanation=(
            "“本年数值”单元格中是“—”“/”“无”“不适用”等占位写法，不是数字，按未填处理，报告中该数据仍缺。"
            "如确实无此数据，请与起草人商定报告中的写法。"
        ),
        wrong="填报表!G5: —\n",
        right="填报表!G5: 55.33\n",
    ),
    CodeEntry(
        code="cell-converted",
        severity=Severity.INFO,
        stage="forms",
        title="以文本填写的数字已换算读取",
        explanation=(
            "单元格中的数字是文本（带单位、千分位、全角数字或百分号），已按指标单位换算后读取，"
            "例如单位为亿元时“5533万”读作 0.5533。请核对换算结果。"
        ),
        wrong="填报表!G5: 5533万   （单位为亿元）\n",
        right="填报表!G5: 0.5533\n",
    ),
    CodeEntry(
        code="cell-conflict",
        severity=Severity.ERROR,
        stage="forms",
        title="同一数据在不同单元格中的数值不一致",
        explanation=(
            "两个工作簿（或同一工作簿的两行）给同一指标填了不同的数值，消息中列出每一处。"
            "两处都不采用，collect 不写入任何数据（除非 --partial）；请与报送部门核实后只保留一处。"
        ),
        wrong="工信局.xlsx:填报表!G5: 55.33\n发改局.xlsx:填报表!G9: 55.30\n",
        right="工信局.xlsx:填报表!G5: 55.33\n发改局.xlsx:填报表!G9: 55.33\n",
    ),
    CodeEntry(
        code="figure-already-filled",
        severity=Severity.WARNING,
        stage="forms",
        title="报告中已有该数据，表中数值不同，未替换",
        explanation=(
            "报告中该指标已有数值，而填报表给出了不同的数值；为免覆盖已核实的数据，默认不替换。"
            "核实后如需采用表中数值，请加 --force。"
        ),
        wrong="metrics:\n  electronics_output: {value: 55.33, unit: 亿元}   # 表中为 56.10\n",
        right="metrics:\n  electronics_output: {value: 56.10, unit: 亿元}   # collect --force\n",
    ),
    CodeEntry(
        code="figure-jump",
        severity=Severity.WARNING,
        stage="forms",
        title="本年数值与上年相差过大",
        explanation=(
            "本年数值与上年数值（prior）相比变化超过 --jump 给出的百分比（默认 50%），"
            "常见原因是单位错位（万元填成元）、多打或少打一位数。请核对后再用；数值照常写入。"
        ),
        wrong="metrics:\n  electronics_output: {prior: 55.33, value: 553.3, unit: 亿元}\n",
        right="metrics:\n  electronics_output: {prior: 55.33, value: 57.32, unit: 亿元}\n",
    ),
    CodeEntry(
        code="incomplete",
        severity=Severity.INFO,
        stage="completeness",
        title="报告尚有数据未填报或部分尚无内容",
        explanation=(
            "validate 在 meta.year 处给出一条提示：还有 value 为 null 的数据，或有部分尚无内容，"
            "以及因此暂未核对的校验规则条数。用 govreport status 查看明细并按部门催报；正式生成前须填齐。"
        ),
        wrong="metrics:\n  electronics_output: {value: null, unit: 亿元, source: 工信局}\n",
        right="metrics:\n  electronics_output: {value: 55.33, unit: 亿元, source: 工信局}\n",
    ),
    CodeEntry(
        code="missing-figure",
        severity=Severity.ERROR,
        stage="completeness",
        title="数据尚未填报，不能生成正式稿",
        explanation=(
            "govreport build 生成正式稿时，每个 value 为 null 的数据各报一个错误，不写出文件。"
            "请填入数值后再生成，或用 build --draft 生成带高亮占位符的草稿。"
        ),
        wrong="metrics:\n  electronics_output: {value: null, unit: 亿元, source: 工信局}\n",
        right="metrics:\n  electronics_output: {value: 55.33, unit: 亿元, source: 工信局}\n",
    ),
    CodeEntry(
        code="shape-missing",
        severity=Severity.ERROR,
        stage="structure",
        title="报告既没有 overview 也没有 sections",
        explanation=(
            "正文须写成章节树 sections（任意层级，适合各种体例），或沿用固定结构 overview（一、基本情况）"
            "加可选的 problems、plans。两者都没有时报告没有正文。"
        ),
        wrong="type: county-urbanization\nmeta: {...}\npreamble: [现将有关情况报告如下。]\n",
        right="type: county-urbanization\nmeta: {...}\nsections:\n  - heading: 基本情况\n    text: ……\n",
    ),
    CodeEntry(
        code="shape-both",
        severity=Severity.ERROR,
        stage="structure",
        title="overview 与 sections 同时出现",
        explanation=(
            "一份报告只能用一种写法：固定结构（overview、problems、plans）或章节树（sections）。"
            "problems、plans 只能与 overview 一起用；章节树中请把它们写成 sections 的章节。"
        ),
        wrong="sections:\n  - heading: 基本情况\nproblems:\n  heading: 存在的问题\n",
        right="sections:\n  - heading: 基本情况\n  - heading: 存在的问题\n",
    ),
    CodeEntry(
        code="table-shape",
        severity=Severity.ERROR,
        stage="structure",
        title="表格某行的格数与表头列数不同",
        explanation='表格每一行的单元格个数须与 columns 的列数相同；空格写 ""。',
        wrong="columns: [项目, 投资]\nrows:\n  - [污水管网]\n",
        right="columns: [项目, 投资]\nrows:\n  - [污水管网, {metric: sewer_investment}]\n",
    ),
    CodeEntry(
        code="unit-decl",
        severity=Severity.ERROR,
        stage="structure",
        title="自定义单位的写法不对",
        explanation=(
            "报告 units: 中的每个单位须给出 kind（新的基本单位及其量纲）或 base 加 magnitude（已知单位的数量级），"
            "二者取一。"
        ),
        wrong="units:\n  万标准箱: {kind: count, base: 标准箱}\n",
        right="units:\n  标准箱: {kind: count}\n  万标准箱: {base: 标准箱, magnitude: 万}\n",
    ),
    CodeEntry(
        code="uncovered-but-present",
        severity=Severity.WARNING,
        stage="structure",
        title="列为未涉及的支柱在报告中又有章节",
        explanation=(
            "uncovered 中说明本报告不涉及某支柱，但有章节声明了该支柱。请删去 uncovered 中的这一项或该章节的 pillar。"
        ),
        wrong=(
            "uncovered:\n  - {pillar: industry, reason: 专项汇报}\n"
            "sections:\n  - {heading: 产业发展, pillar: industry}\n"
        ),
        right="sections:\n  - {heading: 产业发展, pillar: industry}\n",
    ),
    CodeEntry(
        code="numbered-heading",
        severity=Severity.WARNING,
        stage="prose",
        title="标题或要点自带编号",
        explanation=(
            "标题按层级自动编号（一、（一）1.（1）①），要点自动印出“一是、二是”；标题或要点再自带编号，"
            "就会印成“一、（一）基本情况”“一是一是”。请删去自带的编号（不需要编号的章节可写 numbered: false）。"
        ),
        wrong="overview:\n  heading: （一）基本情况\n",
        right="overview:\n  heading: 基本情况\n",
    ),
    CodeEntry(
        code="unit-doubled",
        severity=Severity.WARNING,
        stage="prose",
        title="引用后又写了一遍单位",
        explanation=(
            "{{ 指标名 }} 打印数字和单位（如 6.02万人），其后的文字又以单位开头，印出来就是 6.02万人人口。"
            "请删去多余的单位字，或改用 {{ 指标名.number }} 只引用数字。"
        ),
        wrong='text: "全镇户籍{{ population }}人口。"\nmetrics:\n  population: {value: 6.02, unit: 万人}\n',
        right='text: "全镇户籍人口{{ population }}。"\nmetrics:\n  population: {value: 6.02, unit: 万人}\n',
    ),
    CodeEntry(
        code="edge-of-precision",
        severity=Severity.WARNING,
        stage="rules",
        title="关系只在报告精度的边缘成立",
        explanation=(
            "按各数的书写精度，规则勉强成立，但只是因为某个数写得较粗（2万 可代表 1.5万～2.5万）；"
            "若按各数中最细的精度读（2.0万），关系就不成立。请核实这个数是否少写了小数位或写错。"
        ),
        wrong=(
            "metrics:\n  total: {value: 4.6, unit: 万人}\n  urban: {value: 3.1, unit: 万人}\n"
            "  rural: {value: 2, unit: 万人}\nchecks:\n  - {kind: sum, total: total, parts: [urban, rural]}\n"
        ),
        right=(
            "metrics:\n  total: {value: 4.6, unit: 万人}\n  urban: {value: 3.1, unit: 万人}\n"
            "  rural: {value: 1.5, unit: 万人}\nchecks:\n  - {kind: sum, total: total, parts: [urban, rural]}\n"
        ),
    ),
    CodeEntry(
        code="target-met",
        severity=Severity.INFO,
        stage="rules",
        title="目标已完成",
        explanation=(
            "实际完成值不低于为它设定的目标（指标的 target 字段，或 target 规则所指的目标指标），"
            "提示中给出完成目标的百分比，可用 {{ 指标名.completion }} 写进正文。"
        ),
        wrong="metrics:\n  new_roads: {value: 12.5, unit: 千米}\n",
        right="metrics:\n  new_roads: {value: 12.5, unit: 千米, target: 12}\n",
    ),
    CodeEntry(
        code="target-missed",
        severity=Severity.WARNING,
        stage="rules",
        title="目标未完成",
        explanation=(
            "实际完成值低于为它设定的目标（如上年计划所定，rollover 后写在 target 字段）。"
            "默认为警告，提醒正文如实说明；target 规则加 must_meet: true 时为错误。"
        ),
        wrong="metrics:\n  new_jobs: {value: 6000, unit: 人, target: 6500}\n",
        right="metrics:\n  new_jobs: {value: 6600, unit: 人, target: 6500}\n",
    ),
    CodeEntry(
        code="target-rate-mismatch",
        severity=Severity.ERROR,
        stage="rules",
        title="所述完成率与实际、目标不符",
        explanation="报告写的“完成目标的 x%”与实际值除以目标值算出的比例不符（按报告精度判断）。",
        wrong=(
            "metrics:\n  roads: {value: 10, unit: 千米}\n  roads_goal: {value: 12, unit: 千米, kind: target}\n"
            '  roads_rate: {value: 70, unit: "%"}\n'
            "checks:\n  - {kind: target, actual: roads, target: roads_goal, rate: roads_rate}\n"
        ),
        right=(
            "metrics:\n  roads: {value: 10, unit: 千米}\n  roads_goal: {value: 12, unit: 千米, kind: target}\n"
            '  roads_rate: {value: 83.3, unit: "%"}\n'
            "checks:\n  - {kind: target, actual: roads, target: roads_goal, rate: roads_rate}\n"
        ),
    ),
    CodeEntry(
        code="absorb-not-built",
        severity=Severity.ERROR,
        stage="absorb",
        title="Word 文件不是 govreport 生成的，无法吸收修改",
        explanation=(
            "govreport absorb 只接受 govreport build 生成后又经审阅修改的 .docx：生成时写入的文档属性"
            "（govreport.source_sha256 等）说明它由哪一版 YAML 生成，修改才能逐段对应回 YAML。"
            "其他来源的报告请用 govreport import 转为 YAML。"
        ),
        wrong="govreport absorb 别处发来的报告.docx x-city-2025.yaml\n",
        right=(
            "govreport build --draft x-city-2025.yaml -o draft.docx\n"
            "# 审阅修改 draft.docx 后：\n"
            "govreport absorb draft.docx x-city-2025.yaml\n"
        ),
    ),
    CodeEntry(
        code="absorb-unreadable",
        severity=Severity.ERROR,
        stage="absorb",
        title="无法读取要吸收的 Word 文件",
        explanation=(
            "文件不是 .docx（如 .doc 或 WPS 格式改了扩展名）、已损坏，或大小、部件数超出上限。"
            "请在 Word、WPS 中另存为 .docx（Word 文档）后再吸收。"
        ),
        wrong="govreport absorb 审阅稿.doc x-city-2025.yaml\n",
        right="# 在 Word 中“另存为” Word 文档 (*.docx)\ngovreport absorb 审阅稿.docx x-city-2025.yaml\n",
    ),
    CodeEntry(
        code="absorb-unplaced",
        severity=Severity.ERROR,
        stage="absorb",
        title="审阅修改无法对应到 YAML",
        explanation=(
            "这处修改找不到对应的 YAML 字段：例如改了单位（11个 → 11家）、改了自动生成的编号或成文日期、"
            "在编号之间插入文字，或文本含 {% %} 模板语句。默认一处也不写入；请在 YAML 中手工修改，"
            "或加 --partial 写入其余修改。"
        ),
        wrong="# Word 稿中：累计收集县域商业行动11个 → 11家\n",
        right="county_commerce_actions: {value: 11, unit: 家}   # 单位在 YAML 中修改\n",
    ),
    CodeEntry(
        code="absorb-conflict",
        severity=Severity.ERROR,
        stage="absorb",
        title="同一段在 YAML 和 Word 稿中都改过",
        explanation=(
            "Word 稿生成之后 YAML 又改过（如补填了数据），审阅者又修订了同一段：两处修改无法自动合并。"
            "请对照后手工修改 YAML，或加 --partial 先吸收其余修改。"
        ),
        wrong="# 生成后 YAML 中 ecommerce_turnover 由 1.92 改为 1.95，审阅者又改写了同一段\n",
        right="# 按审阅意见手工改写 YAML 中该段文字，保留 1.95\n",
    ),
    CodeEntry(
        code="absorb-plain-digits",
        severity=Severity.WARNING,
        stage="absorb",
        title="审阅修改后数字成了普通文字",
        explanation=(
            "改写后某个数据不再是 {{ 指标 }} 引用，而是正文中的普通数字（或新增段落中写了数字）："
            "明年滚动时它不会随数据更新。如仍是同一数据，请改回引用，或为它新建指标。"
        ),
        wrong="text: 现拥有国家地理标志保护产品3种；绿色食品认证{{ green_food_certs }}\n",
        right="text: 现拥有国家地理标志保护产品{{ gi_products }}；绿色食品认证{{ green_food_certs }}\n",
    ),
    CodeEntry(
        code="unit-text-scale",
        severity=Severity.WARNING,
        stage="prose",
        title="unit_text 与 unit 不是同一单位",
        explanation=(
            "unit_text 只改变单位的印法，检查仍按 unit 计算。unit_text 写成另一个数量级或量纲的单位"
            "（unit: 延长米 配 unit_text: 万延长米）时，1.2 会被当作 1.2 延长米而不是 12000 延长米。"
            "请直接把 unit 写成实际单位。"
        ),
        wrong="metrics:\n  pipes: {value: 1.2, unit: 延长米, unit_text: 万延长米}\n",
        right="metrics:\n  pipes: {value: 1.2, unit: 万延长米}\n",
    ),
    CodeEntry(
        code="document-unreadable",
        severity=Severity.ERROR,
        stage="import",
        title="无法读取要导入或校验的文档",
        explanation=(
            "govreport import 和 validate 只读 .docx（Word 2007 及以后）、.txt 和 .md。"
            "文件损坏、被截断、由 .doc 改名而来、XML 损坏或含有 DTD 声明，都无法读取。"
            "请用 Word 或 WPS 打开后另存为 .docx 再试。"
        ),
        wrong="govreport import 报告.doc -o report.yaml   # 旧版 .doc，或下载不完整的 .docx\n",
        right="govreport import 报告.docx -o report.yaml  # 在 Word/WPS 中另存为 .docx\n",
    ),
    CodeEntry(
        code="document-too-large",
        severity=Severity.ERROR,
        stage="import",
        title="文档超出导入的大小限制",
        explanation=(
            "为防止恶意文件（压缩炸弹、超大 XML、几十万个空段落）耗尽时间和内存，导入有上限：文件 50 MB，"
            "单个部件解压后 40 MB、压缩比 200 倍，段落 20000 个，文本文件 10 MB。一份报告远小于这些上限；"
            "超出时请检查文件来源，或删去嵌入的大图片、附件后再导入。"
        ),
        wrong="govreport import 附件汇编（含扫描图片）.docx -o report.yaml\n",
        right="govreport import 报告正文.docx -o report.yaml\n",
    ),
    CodeEntry(
        code="document-empty",
        severity=Severity.ERROR,
        stage="import",
        title="文档中没有文字",
        explanation=(
            "要导入或校验的文档没有任何非空段落（例如只有图片、扫描件或空白页），无法识别出报告。"
            "扫描件请先做文字识别（OCR），再另存为 .docx 或 .txt 导入。"
        ),
        wrong="govreport import 扫描件.docx -o report.yaml   # 只有图片\n",
        right="govreport import 报告（文字版）.docx -o report.yaml\n",
    ),
    CodeEntry(
        code="import-unplaced",
        severity=Severity.WARNING,
        stage="import",
        title="文档中的段落无法归入报告的章节",
        explanation=(
            "校验 .docx/.txt/.md 时先在内存中导入。出现在任何编号标题之前的“一是、二是”要点等段落无法归入章节树，"
            "其中的数字也就无法核对。导入的 YAML 中这些段落保留为注释，请手工归入某一章节。"
        ),
        wrong="    以县城为重要载体的新型城镇化建设推进情况的报告\n    一是先行先试。\n    一、基本情况\n",
        right="    以县城为重要载体的新型城镇化建设推进情况的报告\n    一、基本情况\n    一是先行先试。\n",
    ),
)

CATALOGUE: dict[str, CodeEntry] = {entry.code: entry for entry in ENTRIES}


def title(code: str) -> str:
    """The code's one-line Chinese title (the code itself for a code the catalogue lacks)."""
    entry = CATALOGUE.get(code)
    return entry.title if entry else code
