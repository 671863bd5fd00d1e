"""The ruamel-based reader as it was before issue 13 (the oracle of the libyaml reader's differential tests).

Why: pydantic sees plain data, but every finding must point back at the YAML. Composing the node
tree ourselves keeps the raw text of each number (``55.30`` stays ``Decimal('55.30')``), rejects
duplicate keys with both places, and never constructs arbitrary Python objects (safe by design).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from toolkit.diagnostics.finding import Finding, Location
from toolkit.errors import ReportInvalid
from toolkit.source.encoding import decode

MAX_FILE_BYTES = 16 * 1024 * 1024  # a report is a few hundred KB
MAX_DEPTH = 64  # the report model is 10 levels deep
MAX_DIGITS = 30  # digits of a number (a figure has a handful)
MAX_EXPONENT = 30  # |exponent| of a number, after normalising (1e30)
MAX_FINDINGS = 50

PathT = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# ruamel marks each fold of a ``>`` scalar with BEL before the space it folds to.
_CJK_FOLD = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\a (?=[\u3000-\u9fff\uff00-\uffef])")


@dataclass
class SourceMap:
    """Positions of keys and values by data path, for one file."""

    file: str
    keys: dict[PathT, tuple[int, int]] = field(default_factory=dict)
    values: dict[PathT, tuple[int, int]] = field(default_factory=dict)
    # Values written as block scalars (``|`` or ``>``): their text starts on the line after the indicator.
    block_scalars: set[PathT] = field(default_factory=set)
    lines: list[str] = field(default_factory=list, repr=False)

    def locate(self, path: PathT, *, key: bool = False) -> Location:
        """The location of a path, or of its longest known prefix."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            pos = table.get(prefix) or self.values.get(prefix) or self.keys.get(prefix)
            if pos:
                return Location(self.file, pos[0], pos[1], dotted(path))
        return Location(self.file, 1, 1, dotted(path))


def dotted(path: PathT) -> str:
    """A path as ``overview.parts[0].items[2].text``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class Loaded:
    """A YAML file as plain data with its source map and text; ``notes`` say how it was read (its encoding)."""

    data: Any
    source: SourceMap
    text: str
    notes: list[Finding] = field(default_factory=list)


def read_yaml(path: Path, display: str | None = None) -> Loaded:
    """Read a YAML file; raise ReportInvalid with located findings on any parse problem."""
    name = display or str(path)
    text, notes = read_text(path, name)
    loaded = parse_yaml(text, name)
    loaded.notes = notes
    return loaded


def read_source(path: Path, name: str) -> str:
    """A file's text (UTF-8, or the encoding detected); raise ReportInvalid with a finding when it cannot be read."""
    return read_text(path, name)[0]


def read_text(path: Path, name: str) -> tuple[str, list[Finding]]:
    """A file's text and a note when it was not UTF-8; raise ReportInvalid when it cannot be read as text."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            message = f"文件过大（{path.stat().st_size // 1024 // 1024} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB）"
            raise ReportInvalid([Finding("file-too-large", message, Location(name))])
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReportInvalid([Finding("file-not-found", f"找不到文件：{name}", Location(name))]) from None
    except OSError as exc:
        raise ReportInvalid([Finding("file-unreadable", f"无法读取文件：{exc.strerror}", Location(name))]) from None
    return decode(data, name)


def parse_yaml(text: str, name: str) -> Loaded:
    """Parse YAML text into plain data and a source map.

    Anchors, aliases and merge keys are refused (a report has no use for them, and an alias bomb or a
    self-referencing alias would otherwise expand without bound); nesting depth, the digits and the exponent of
    a number are bounded.
    """
    source = SourceMap(name)
    deep = flow_too_deep(text, name)
    if deep:
        raise ReportInvalid([deep])
    if _MAY_ALIAS.search(text):
        refused = alias_findings(text, name)
        if refused:
            raise ReportInvalid(refused)
    try:
        node = YAML(typ="rt").compose(text)
    except MarkedYAMLError as exc:
        raise ReportInvalid([syntax_finding(exc, name, text)]) from None
    except YAMLError as exc:
        raise ReportInvalid([Finding("yaml-syntax", f"YAML 语法错误：{exc}", Location(name, 1, 1))]) from None
    except RecursionError:
        raise ReportInvalid([too_deep(text, name)]) from None
    if node is None:
        raise ReportInvalid([Finding("empty-file", "文件为空", Location(name, 1, 1))])
    findings: list[Finding] = []
    source.lines = text.splitlines()
    data = build(node, (), source, findings)
    if findings:
        raise ReportInvalid(findings)
    return Loaded(data, source, text)


# Only text with one of these characters can hold an anchor or an alias; the event scan runs only then.
_MAY_ALIAS = re.compile(r"[&*][^\s,\[\]{}]")


def alias_findings(text: str, name: str) -> list[Finding]:
    """Every anchor and alias of the text, each at its place (an event scan: nothing is expanded)."""
    findings: list[Finding] = []
    try:
        for event in YAML(typ="rt").parse(text):
            mark = event.start_mark
            where = Location(name, mark.line + 1, mark.column + 1)
            if isinstance(event, AliasEvent):
                message = f"不支持 YAML 别名 *{event.anchor}：报告中的每个值请直接写出"
                findings.append(Finding("yaml-alias", message, where))
            elif getattr(event, "anchor", None):
                message = f"不支持 YAML 锚点 &{event.anchor}：报告中的每个值请直接写出"
                findings.append(Finding("yaml-alias", message, where))
            if len(findings) >= MAX_FINDINGS:
                break
    except YAMLError:
        return findings  # the syntax error is reported by compose
    return findings


_BRACKETS = re.compile(r"[\[\]{}]")


def flow_too_deep(text: str, name: str) -> Finding | None:
    """Brackets nested deeper than MAX_DEPTH, found before parsing.

    Why: ruamel's scanner takes quadratic time in flow nesting (3,000 ``[`` take half a minute), so this must be
    caught on the text. Brackets inside quoted text count too; only a pathological text nests 64 of them.
    """
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        depth = max(depth, 0)
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            return Finding("yaml-too-deep", f"括号嵌套层次过深（上限 {MAX_DEPTH} 层）", Location(name, line, column))
    return None


def too_deep(text: str, name: str) -> Finding:
    """The place where nesting first goes deeper than MAX_DEPTH (an event scan, no recursion)."""
    depth = 0
    line, col = 1, 1
    try:
        for event in YAML(typ="rt").parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line, col = event.start_mark.line + 1, event.start_mark.column + 1
                    break
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        pass
    return Finding("yaml-too-deep", f"嵌套层次过深（上限 {MAX_DEPTH} 层）", Location(name, line, col))


def syntax_finding(exc: MarkedYAMLError, name: str, text: str = "") -> Finding:
    """A YAML syntax error as a finding at the problem mark; an unclosed bracket where it opened."""
    problem = str(exc.problem or exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and _UNCLOSED.search(problem):
        mark = exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "found character '\\t'" in problem or "found character '\t'" in problem:
        return tab_finding(text, name, line, col)
    return Finding("yaml-syntax", f"YAML 语法错误：{explain(problem)}", Location(name, line, col))


_UNCLOSED = re.compile(r"expected ',' or '[\]}]'")


def tab_finding(text: str, name: str, line: int, col: int) -> Finding:
    """A tab the YAML parser refused: in the indentation, or elsewhere on the line."""
    lines = text.splitlines()
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    if "\t" in indent:
        where = Location(name, line, indent.index("\t") + 1)
        return Finding("yaml-tab", f"第 {line} 行用制表符（Tab）缩进，YAML 只允许用空格缩进，请把 Tab 换成空格", where)
    tab = row.find("\t")
    where = Location(name, line, tab + 1 if tab >= 0 else col)
    return Finding("yaml-tab", "此处的制表符（Tab）不能出现在 YAML 中，请删去或换成空格", where)


_EXPLANATIONS = (
    ("expected ',' or ']'", "方括号列表没有闭合，缺少 “,” 或 “]”"),
    ("expected ',' or '}'", "花括号映射没有闭合，缺少 “,” 或 “}”"),
    ("mapping values are not allowed here", "此处不能出现 “键: 值”，可能是缩进不对或文本中的冒号需要加引号"),
    ("could not find expected ':'", "缺少 “:”，或多行文本需要加引号"),
    ("found character '\\t'", "YAML 不允许用制表符缩进，请改用空格"),
    ("found undefined alias", "引用了未定义的锚点"),
    ("found unexpected end of stream", "文件意外结束，引号可能没有闭合"),
    ("expected the node content", "文件意外结束或缺少值，括号可能没有闭合"),
    ("did not find expected key", "缩进不一致，找不到预期的键"),
    ("did not find expected '-' indicator", "列表缩进不一致"),
)


def explain(problem: str) -> str:
    """A Chinese explanation of a YAML parser problem, keeping the parser's words for reference."""
    for english, chinese in _EXPLANATIONS:
        if english in problem:
            return f"{chinese}（{problem}）"
    return problem or "无法解析"


def build(node: Node, path: PathT, source: SourceMap, findings: list[Finding]) -> Any:
    """Turn a composed node into plain data, recording positions."""
    source.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if len(path) > MAX_DEPTH:
        findings.append(
            Finding("yaml-too-deep", f"嵌套层次过深（上限 {MAX_DEPTH} 层）", mark_location(node, source, path))
        )
        return None
    if isinstance(node, MappingNode):
        return build_mapping(node, path, source, findings)
    if isinstance(node, SequenceNode):
        return [build(item, (*path, i), source, findings) for i, item in enumerate(node.value)]
    if not isinstance(node, ScalarNode):
        return None
    if node.style in ("|", ">"):
        source.block_scalars.add(path)
    problem = number_problem(node.value) if not node.style else None
    if problem:
        findings.append(Finding(problem[0], problem[1], mark_location(node, source, path), observed=node.value[:40]))
        return None
    return scalar(node)


def number_problem(raw: str) -> tuple[str, str] | None:
    """A number too long or with too large an exponent to be a figure: (code, message), else None."""
    if not (_INT.fullmatch(raw) or _FLOAT.fullmatch(raw)):
        return None
    mantissa, _, exponent = raw.lower().partition("e")
    digits = sum(ch.isdigit() for ch in mantissa)
    if digits > MAX_DIGITS:
        return "number-too-long", f"数字过长（{digits} 位，上限 {MAX_DIGITS} 位）：{raw[:20]}…"
    if exponent:
        exp_digits = exponent.lstrip("+-").lstrip("0")
        if len(exp_digits) > 4 or abs(Decimal(raw).adjusted()) > MAX_EXPONENT:
            return "number-out-of-range", f"数字 {raw[:20]} 超出范围（科学计数法的指数上限为 {MAX_EXPONENT}）"
    return None


def build_mapping(node: MappingNode, path: PathT, source: SourceMap, findings: list[Finding]) -> dict[str, Any]:
    """Build a mapping, reporting duplicate and non-string keys."""
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            findings.append(Finding("yaml-merge-key", "不支持 YAML 合并键 <<", mark_location(key_node, source, path)))
            continue
        key = str(key_node.value) if isinstance(key_node, ScalarNode) else repr(key_node.value)
        where = (*path, key)
        if key in out:
            first = source.keys[where]
            findings.append(
                Finding(
                    "duplicate-key",
                    f"键 “{key}” 重复（第一次出现在第 {first[0]} 行）",
                    mark_location(key_node, source, where),
                    related=[Location(source.file, first[0], first[1], dotted(where))],
                )
            )
            continue
        source.keys[where] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        out[key] = build(value_node, where, source, findings)
    return out


def mark_location(node: Node, source: SourceMap, path: PathT) -> Location:
    """The location of a node's start mark."""
    return Location(source.file, node.start_mark.line + 1, node.start_mark.column + 1, dotted(path))


def unfold(raw: str) -> str:
    """Folded text: a line break between two Chinese characters folds to nothing, not to a space.

    Why: YAML folds every line break to a space, which is right for English and wrong inside Chinese
    text (the same rule as pandoc's ``east_asian_line_breaks``).
    """
    return _CJK_FOLD.sub("", raw).replace("\a", "")


def scalar(node: ScalarNode) -> Any:
    """Resolve a scalar with YAML 1.2 core rules; floats become Decimal from their raw text."""
    raw = node.value
    if node.style == ">":
        return unfold(raw)
    if node.style or node.tag == "tag:yaml.org,2002:str":
        return raw
    if raw in ("", "~", "null", "Null", "NULL"):
        return None
    if raw in ("true", "True", "TRUE"):
        return True
    if raw in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(raw):
        return int(raw)
    if _FLOAT.fullmatch(raw):
        try:
            return Decimal(raw)
        except InvalidOperation:
            return raw
    if _DATE.fullmatch(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            return raw
    return raw
