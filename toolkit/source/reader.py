"""Read YAML into plain data plus a source map of (line, column) for every key and value.

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
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from toolkit.diagnostics.finding import Finding, Location
from toolkit.errors import ReportInvalid

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
    """A YAML file as plain data with its source map and text."""

    data: Any
    source: SourceMap
    text: str


def read_yaml(path: Path, display: str | None = None) -> Loaded:
    """Read a YAML file; raise ReportInvalid with located findings on any parse problem."""
    name = display or str(path)
    return parse_yaml(read_source(path, name), name)


def read_source(path: Path, name: str) -> str:
    """A file's UTF-8 text; raise ReportInvalid with a finding when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReportInvalid([Finding("file-not-found", f"找不到文件：{name}", Location(name))]) from None
    except UnicodeDecodeError:
        raise ReportInvalid([Finding("bad-encoding", "文件不是 UTF-8 编码", Location(name))]) from None
    except OSError as exc:
        raise ReportInvalid([Finding("file-unreadable", f"无法读取文件：{exc.strerror}", Location(name))]) from None


def parse_yaml(text: str, name: str) -> Loaded:
    """Parse YAML text into plain data and a source map."""
    source = SourceMap(name)
    try:
        node = YAML(typ="rt").compose(text)
    except MarkedYAMLError as exc:
        raise ReportInvalid([syntax_finding(exc, name)]) from None
    except YAMLError as exc:
        raise ReportInvalid([Finding("yaml-syntax", f"YAML 语法错误：{exc}", Location(name, 1, 1))]) from None
    if node is None:
        raise ReportInvalid([Finding("empty-file", "文件为空", Location(name, 1, 1))])
    findings: list[Finding] = []
    data = build(node, (), source, findings)
    if findings:
        raise ReportInvalid(findings)
    return Loaded(data, source, text)


def syntax_finding(exc: MarkedYAMLError, name: str) -> Finding:
    """A YAML syntax error as a finding at the problem mark."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(exc.problem or exc.context or "")
    return Finding("yaml-syntax", f"YAML 语法错误：{explain(problem)}", Location(name, line, col))


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
    if isinstance(node, MappingNode):
        return build_mapping(node, path, source, findings)
    if isinstance(node, SequenceNode):
        return [build(item, (*path, i), source, findings) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    return scalar(node)


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
