"""Recognise the structure of a 公文-style report from its paragraphs: title, addressee, numbered sections, points,
signature, and a web copy's noise (a repeated title, a site footer), into ``model.imported``'s tree.

Numbering decides the level (一、 → section, （一） → part, 1. → item, （1） → sub-item, ① → circled, 一是 → point);
a heading style or a Markdown ``#`` decides it for an unnumbered heading. 一是/二是 run in inside a paragraph are
split in sequence. Half-width punctuation is normalised (GB/T 15834) and noted.
"""

from __future__ import annotations

import re
from dataclasses import replace

from toolkit.chinese.heading_numbers import numbering
from toolkit.chinese.numerals import chinese_number
from toolkit.chinese.punctuation import punctuate
from toolkit.chinese.recognise import find_figures, find_lists, ordinal_starts
from toolkit.model.imported import Figure, ImportedReport, Node, Note, Table, Text
from toolkit.model.units import find_unit
from toolkit.source.documents import SourceDocument, SourceParagraph

LEVELS = {"section": 1, "part": 2, "item": 3, "subitem": 4, "circled": 5}
_KIND_OF_LEVEL = {v: k for k, v in LEVELS.items()}

_NOISE = re.compile(
    r"https?://|www\.|本文内容由|本站|转载|侵权|举报|版权所有|免责声明|责任编辑|原文链接|来源[:：]|扫一扫|点击查看|阅读原文"
)
_DATE = re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$")
_CN_DATE = re.compile(
    r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$"
)
_SENTENCE_ENDS = ("。", "！", "？", "；", "：")
MAX_POINT_HEADING = 30


def recognise(doc: SourceDocument) -> ImportedReport:
    """The document as a tree of numbered units with figures, lists and notes."""
    report = ImportedReport(doc.file)
    report.notes += [Note(0, note) for note in doc.notes]
    paragraphs = [normalised(p) for p in doc.paragraphs]
    changed = [p.number for p, q in zip(doc.paragraphs, paragraphs, strict=True) if p.text != q.text]
    if changed:
        report.notes.append(Note(0, f"{len(changed)} 段（第{changed[0]}段起）的半角标点已改为全角"))
    paragraphs = drop_noise(paragraphs, report)
    paragraphs = take_title(paragraphs, report)
    paragraphs = take_signature(paragraphs, report)
    offset = 1 if doc.kind == "md" else 0
    stack: list[Node] = []
    for para in paragraphs:
        place(para, stack, report, offset)
    return report


def normalised(para: SourceParagraph) -> SourceParagraph:
    """Full-width punctuation in Chinese text (GB/T 15834)."""
    if para.cells:
        return replace(para, cells=tuple(tuple(punctuate(c) for c in row) for row in para.cells))
    return replace(para, text=punctuate(para.text))


def drop_noise(paragraphs: list[SourceParagraph], report: ImportedReport) -> list[SourceParagraph]:
    """A web page's footer and header lines (links, disclaimers) at either end, and a title repeated at the top."""
    keep = list(paragraphs)
    while keep and _NOISE.search(keep[-1].text):
        report.notes.append(Note(keep[-1].number, f"网页页脚已略去：{keep[-1].text[:30]}"))
        keep.pop()
    while keep and _NOISE.search(keep[0].text):
        report.notes.append(Note(keep[0].number, f"网页页眉已略去：{keep[0].text[:30]}"))
        keep.pop(0)
    if len(keep) > 1 and keep[0].text == keep[1].text:
        report.notes.append(Note(keep[0].number, "重复的标题（网页转载时的页眉）已略去"))
        keep.pop(0)
    return keep


def is_title(para: SourceParagraph) -> bool:
    """The first paragraph is the title when styled so, or short, unnumbered and not a sentence."""
    if para.style == "title" or (para.level == 1 and para.style == "md_heading"):
        return True
    return numbering(para.text) is None and len(para.text) <= 80 and not para.text.endswith(_SENTENCE_ENDS)


def take_title(paragraphs: list[SourceParagraph], report: ImportedReport) -> list[SourceParagraph]:
    """The title and an addressee line (市人大常委会：) after it."""
    rest = list(paragraphs)
    if rest and is_title(rest[0]):
        report.title, report.title_paragraph = rest[0].text, rest[0].number
        rest.pop(0)
    if rest and numbering(rest[0].text) is None and rest[0].text.endswith("：") and len(rest[0].text) <= 40:
        report.addressee, report.addressee_paragraph = rest[0].text, rest[0].number
        rest.pop(0)
    return rest


def parse_date(text: str) -> tuple[int, int, int] | None:
    """2024年11月15日 or 二〇二四年十一月十五日."""
    match = _DATE.match(text)
    if match:
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    match = _CN_DATE.match(text)
    if not match:
        return None
    from toolkit.chinese.heading_numbers import parse_chinese_number

    digits = "〇一二三四五六七八九"
    year = int("".join(str(digits.index("〇" if c in "○零" else c)) for c in match.group(1)))
    month, day = parse_chinese_number(match.group(2)), parse_chinese_number(match.group(3))
    return (year, month, day) if month and day else None


def take_signature(paragraphs: list[SourceParagraph], report: ImportedReport) -> list[SourceParagraph]:
    """The issuer and date at the end."""
    if len(paragraphs) < 2:
        return paragraphs
    date = parse_date(paragraphs[-1].text)
    issuer = paragraphs[-2].text
    if date is None or len(issuer) > 40 or re.search(r"[，。；：、]", issuer) or numbering(issuer):
        return paragraphs
    report.issuer, report.date, report.signature_paragraph = issuer, date, paragraphs[-2].number
    return paragraphs[:-2]


def text_of(text: str, paragraph: int) -> Text:
    """A stretch of prose with its figures and named lists."""
    found = Text(text, paragraph, find_figures(text))
    found.lists = find_lists(text, found.figures)
    return found


def place(para: SourceParagraph, stack: list[Node], report: ImportedReport, md_offset: int) -> None:
    """Put one paragraph into the tree: a new numbered unit, a point, or prose under the current unit."""
    if para.cells:
        add_table(para, stack, report)
        return
    found = numbering(para.text)
    kind = found.kind if found else None
    body = para.text[found.end :] if found else para.text
    number = found.number if found else 0
    if kind is None and para.level and para.style != "title":
        level = para.level - md_offset
        if level in _KIND_OF_LEVEL and len(para.text) <= 60 and not para.text.endswith(_SENTENCE_ENDS):
            kind, number = _KIND_OF_LEVEL[level], 0
            report.notes.append(Note(para.number, f"无编号的标题，按样式定为第{level}级"))
    if kind is None:
        add_prose(text_of(para.text, para.number), stack, report)
        return
    if kind == "point":
        starts = ordinal_starts(para.text, number)
        if len(starts) > 1:
            report.notes.append(Note(para.number, "一段中有多个“一是、二是”要点，重新生成时每个要点各成一段"))
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(para.text)
            node = Node("point", number + k, para.number, source=para.text[start:end])
            split_point(node, para.text[start + len(chinese_number(number + k)) + 1 : end])
            attach(node, stack, report)
        return
    level = LEVELS[kind]
    while stack and LEVELS[stack[-1].kind] >= level:
        stack.pop()
    node = Node(kind, number, para.number, source=para.text)
    if level <= 2 and len(body) <= 60 and "。" not in body.rstrip("。"):
        node.heading = body
    else:
        split_heading(node, body)
    if stack:
        stack[-1].children.append(node)
    else:
        report.sections.append(node)
    stack.append(node)


_UNIT_LINE = re.compile(r"^单位[：:]\s*(\S{1,10})$")
_NUMBER = re.compile(r"^[0-9]{1,15}(?:\.[0-9]{1,10})?$")
_COUNT_HEADER = re.compile(r"数$|个数|数量")


def add_table(para: SourceParagraph, stack: list[Node], report: ImportedReport) -> None:
    """A table joins the innermost unit, with the title and units line written just before it."""
    prose = stack[-1].paragraphs if stack else report.preamble
    unit = None
    if prose and (match := _UNIT_LINE.match(prose[-1].text)) and find_unit(match.group(1)) is not None:
        unit = match.group(1)
        prose.pop()
    title = None
    if prose and len(prose[-1].text) <= 60 and not prose[-1].text.endswith(_SENTENCE_ENDS) and not prose[-1].figures:
        title = prose.pop().text
    header, *body = para.cells
    rows = [
        [cell_text(cell, header[k] if k < len(header) else "", unit, para.number) for k, cell in enumerate(row)]
        for row in body
    ]
    for row in rows:
        for k, cell in enumerate(row[1:], 1):
            for figure in cell.figures:
                figure.label = f"{row[0].text}{header[k] if k < len(header) else ''}"
    table = Table(para.number, list(header), rows, title, unit)
    if stack:
        stack[-1].tables.append(table)
    else:
        report.unplaced.append(Text(para.text, para.number))
        report.notes.append(Note(para.number, "表格出现在任何标题之前，未导入"))


def count_unit(header: str) -> str:
    """The unit a count column counts in: 项目数 → 项, 户数 → 户, 人数 → 人; else 个."""
    for word in (header[-2:-1], header[:1]):
        found = find_unit(word) if word else None
        if found is not None and found.kind in ("count", "people"):
            return word
    return "个"


def cell_text(cell: str, header: str, unit: str | None, paragraph: int) -> Text:
    """A cell: a bare number is a figure in the table's unit (a count for a 项目数-like column), else text."""
    text = Text(cell, paragraph)
    if _NUMBER.match(cell):
        cell_unit = count_unit(header) if _COUNT_HEADER.search(header) or unit is None else unit
        text.figures = [Figure(0, len(cell), cell, cell_unit, label=header)]
    return text


def attach(node: Node, stack: list[Node], report: ImportedReport) -> None:
    """A point belongs to the innermost unit; before any unit it is prose of the preamble."""
    if stack:
        stack[-1].children.append(node)
    else:
        report.unplaced.append(text_of(node.source, node.paragraph))
        report.notes.append(Note(node.paragraph, "“一是”要点出现在任何标题之前，未导入"))


def add_prose(text: Text, stack: list[Node], report: ImportedReport) -> None:
    """An unnumbered paragraph: preamble before the first unit, else a paragraph of the innermost unit."""
    if not stack:
        report.preamble.append(text)
    else:
        stack[-1].paragraphs.append(text)


def first_sentence(text: str) -> int:
    """The end of the first sentence (after its 。), or -1."""
    k = text.find("。")
    return k + 1 if k >= 0 else -1


def split_heading(node: Node, body: str) -> None:
    """1.标题。正文一是……二是……: the lead phrase up to the first 。, the text, and run-in points."""
    end = first_sentence(body)
    if end < 0:
        node.heading = body
        return
    node.heading = body[: end - 1]
    split_run_in(node, body[end:])


def split_run_in(node: Node, rest: str) -> None:
    """Text followed by 一是……二是…… in one paragraph."""
    starts = ordinal_starts(rest)
    lead = rest[: starts[0]] if starts else rest
    if lead:
        node.text = text_of(lead, node.paragraph)
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(rest)
        point = Node("point", k + 1, node.paragraph, source=rest[start:end])
        word = len(chinese_number(k + 1)) + 1
        split_point(point, rest[start + word : end])
        node.children.append(point)


def split_point(point: Node, body: str) -> None:
    """一是 + lead phrase (a short first sentence without a comma) + text."""
    end = first_sentence(body)
    lead = body[: end - 1] if end > 0 else ""
    if lead and len(lead) <= MAX_POINT_HEADING and "，" not in lead and not lead.endswith(_SENTENCE_ENDS):
        point.heading = lead
        body = body[end:]
    point.text = text_of(body, point.paragraph)
