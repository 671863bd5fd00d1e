"""Read YAML into plain data plus a source map of (line, column) for every key and value.

Why: pydantic sees plain data, but every finding must point back at the YAML. Composing the node
tree ourselves keeps the raw text of each number (``55.30`` stays ``Decimal('55.30')``), rejects
duplicate keys with both places, and never constructs arbitrary Python objects (safe by design).

The nodes come from libyaml (PyYAML's C composer, about 25 times faster than a pure-Python one); no Python
object is constructed and PyYAML's YAML 1.1 resolver never runs: every plain scalar is resolved here by the
YAML 1.2 core rules. ruamel.yaml remains only in the comment-keeping editor (``toolkit.source.editor``). The
reader gives the data, positions and findings it gave on ruamel's composer (``tests/test_findings_record.py``):
an empty value is placed at the next token, as ruamel placed it; a folded (``>``) scalar is also composed as a
literal one to know where its lines were folded; the YAML 1.1 line breaks NEL, LS and PS stay characters;
tabs ruamel refused are refused at the same place.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.error import MarkedYAMLError, YAMLError
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from toolkit.diagnostics.finding import Finding, Location
from toolkit.errors import ReportInvalid
from toolkit.source.encoding import decode
from toolkit.source.invisible import invisible_characters

MAX_FILE_BYTES = 16 * 1024 * 1024  # a report is a few hundred KB
MAX_DEPTH = 64  # the report model is 10 levels deep
MAX_DIGITS = 30  # digits of a number (a figure has a handful)
MAX_EXPONENT = 30  # |exponent| of a number, after normalising (1e30)
MAX_FINDINGS = 50

PathT = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# ``folds`` marks each fold of a ``>`` scalar with BEL before the space it folds to (as ruamel did). The class of
# CJK ranges takes milliseconds to compile, so it is compiled on the first folded scalar.
_CJK_FOLD = r"(?<=[\u3000-\u9fff\uff00-\uffef])\a (?=[\u3000-\u9fff\uff00-\uffef])"


Position = tuple[int, int]  # 1-based line and column


@dataclass
class SourceMap:
    """Positions of keys and values by data path, for one file.

    The reader records the node each path was read from (``placed_keys``, ``placed_values``) and works out a
    node's line and column only when a place is asked for: most of a valid report's places never are. A place
    not at its node's start (an empty value) is recorded as its position.
    """

    file: str
    placed_keys: dict[PathT, Node | Position] = field(default_factory=dict)
    placed_values: dict[PathT, Node | Position] = field(default_factory=dict)
    # Values written as block scalars (``|`` or ``>``): their text starts on the line after the indicator.
    block_scalars: set[PathT] = field(default_factory=set)
    lines: list[str] = field(default_factory=list, repr=False)

    @property
    def keys(self) -> dict[PathT, Position]:
        """Every key's position by path."""
        return {path: position(placed) for path, placed in self.placed_keys.items()}

    @property
    def values(self) -> dict[PathT, Position]:
        """Every value's position by path."""
        return {path: position(placed) for path, placed in self.placed_values.items()}

    def locate(self, path: PathT, *, key: bool = False) -> Location:
        """The location of a path, or of its longest known prefix."""
        keys, values = self.placed_keys, self.placed_values
        table = keys if key else values
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            placed = table.get(prefix) or values.get(prefix) or keys.get(prefix)
            if placed:
                line, column = position(placed)
                return Location(self.file, line, column, dotted(path))
        return Location(self.file, 1, 1, dotted(path))


def position(placed: Node | Position) -> Position:
    """The 1-based line and column of a recorded place (a node's start, or a position worked out when read)."""
    if isinstance(placed, tuple):
        return placed
    mark = placed.start_mark
    return mark.line + 1, mark.column + 1


@lru_cache(maxsize=8192)  # every finding and every located figure asks; reports of a batch share their paths
def dotted(path: PathT) -> str:
    """A path as ``overview.parts[0].items[2].text``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class Loaded:
    """A YAML file as plain data with its source map and text; ``notes`` say how it was read (its encoding) and
    where it holds characters nobody can see."""

    data: Any
    source: SourceMap
    text: str
    notes: list[Finding] = field(default_factory=list)
    raw: bytes | None = None  # the file's bytes as they were read (None when parsed from text in hand)


def read_yaml(path: Path, display: str | None = None) -> Loaded:
    """Read a YAML file; raise ReportInvalid with located findings on any parse problem."""
    name = display or str(path)
    raw = read_bytes(path, name)
    text, notes = decode(raw, name)
    loaded = parse_yaml(text, name)
    loaded.notes, loaded.raw = notes + invisible_characters(text, name), raw
    return loaded


def read_with_bytes(path: Path, name: str) -> tuple[str, bytes]:
    """A file's text and the bytes it was read from: an edited copy is written as the file was
    (``toolkit.source.encoding.encode_like``), and its hash is that of the bytes read."""
    raw = read_bytes(path, name)
    return decode(raw, name)[0], raw


def read_text(path: Path, name: str) -> tuple[str, list[Finding]]:
    """A file's text and a note when it was not UTF-8; raise ReportInvalid when it cannot be read as text."""
    return decode(read_bytes(path, name), name)


def read_bytes(path: Path, name: str) -> bytes:
    """A file's bytes, bounded in size; raise ReportInvalid with a finding when it cannot be read."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            message = f"文件过大（{path.stat().st_size // 1024 // 1024} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB）"
            raise ReportInvalid([Finding("file-too-large", message, Location(name))])
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReportInvalid([Finding("file-not-found", f"找不到文件：{name}", Location(name))]) from None
    except OSError as exc:
        raise ReportInvalid([Finding("file-unreadable", f"无法读取文件：{exc.strerror}", Location(name))]) from None
    return data


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
    if may_alias(text):
        refused = alias_findings(text, name)
        if refused:
            raise ReportInvalid(refused)
    lines = text.splitlines()
    if may_nest_deep(text, lines):
        deeper = too_deep(text, name)
        if deeper:
            raise ReportInvalid([deeper])
    parsed = _escape_breaks(text)
    with paused_gc():
        try:
            refused_tab = _refused_tab(parsed) if "\t" in parsed else None
            node = compose(parsed)
        except MarkedYAMLError as exc:
            tab_first = _refused_tab(parsed, before=_index(exc)) if "\t" in parsed else None
            if tab_first is not None:
                raise ReportInvalid([tab_at(text, name, tab_first)]) from None
            raise ReportInvalid([syntax_finding(exc, name, text)]) from None
        except YAMLError as exc:
            raise ReportInvalid([Finding("yaml-syntax", f"YAML 语法错误：{exc}", Location(name, 1, 1))]) from None
        if refused_tab is not None:
            raise ReportInvalid([tab_at(text, name, refused_tab)])
        if node is None:
            raise ReportInvalid([Finding("empty-file", "文件为空", Location(name, 1, 1))])
        source.lines = lines
        yaml11 = "%YAML" in parsed and _YAML11.match(parsed) is not None
        builder = _Builder(source, parsed, node, yaml11, restore=parsed is not text)
        data = builder.build(node, ())
    if builder.findings:
        raise ReportInvalid(builder.findings)
    return Loaded(data, source, text)


STR_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"
_PLAIN_TAG = "govreport:plain"  # an untagged plain scalar, resolved by ``resolve_plain``


class _Composer(CParser):  # libyaml's parser and composer alone: no constructor, no Python resolver to set up
    """libyaml's composer; every node keeps its raw text, and only ``<<`` and quoted text are resolved here."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                return MERGE_TAG if value == "<<" else _PLAIN_TAG
            return STR_TAG
        return "tag:yaml.org,2002:seq" if kind is SequenceNode else "tag:yaml.org,2002:map"

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def compose(text: str) -> Node | None:
    """The node tree of a single-document text, or None for an empty one."""
    loader = _Composer(text)
    try:
        node: Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return node


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large tree is built (it would walk the tree again and again)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# YAML 1.1 line breaks: libyaml breaks lines at them, ruamel (YAML 1.2) did not. Swapped for private characters
# of the same length while parsing, so every position stays, and swapped back in the values.
_BREAKS_OUT = {"\x85": "\U000f0085", "\u2028": "\U000f2028", "\u2029": "\U000f2029"}
_BREAKS_BACK = str.maketrans({v: k for k, v in _BREAKS_OUT.items()})
_BREAKS_TABLE = str.maketrans(_BREAKS_OUT)
_YAML11 = re.compile(r"(?:[^\n]*\n)*?%YAML[ \t]+1\.1\b")


def _escape_breaks(text: str) -> str:
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return text.translate(_BREAKS_TABLE)
    return text


def _restore(value: str) -> str:
    return value.translate(_BREAKS_BACK) if value > "\U000f0000" or not value.isascii() else value


# The YAML 1.2 (and, after a ``%YAML 1.1`` directive, 1.1) implicit types of ruamel's resolver: a plain scalar
# matching none of them was a string as written, whatever the project's own rules below would make of it.
_TYPED_12 = (
    r"""(?:true|True|TRUE|false|False|FALSE
    |[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+
    |<<|~|null|Null|NULL|=|
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)""",
    re.X,
)
_TYPED_11 = (
    r"""(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
    |[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+|[-+]?0?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
    |<<|~|null|Null|NULL|=|
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)""",
    re.X,
)


# Under YAML 1.2 the project's rules and ruamel's types differ on one form only: ``.5e3`` (a leading point and an
# unsigned exponent) was a string to ruamel. ``_TYPED_12`` is the whole of ruamel's set, for reference and tests.
_UNTYPED_12 = re.compile(r"[-+]?\.[0-9]+[eE][0-9]+")


class _Builder:
    """Plain data and positions from a node tree (see ``build``).

    ``restore`` says the text had YAML 1.1 line breaks swapped out (``_escape_breaks``), to be swapped back in
    keys and values. The literal twins of folded scalars are composed on the first folded scalar met.
    """

    def __init__(self, source: SourceMap, text: str, root: Node, yaml11: bool, *, restore: bool = False) -> None:
        self.source = source
        self.text = text
        self.root = root
        self.literals: dict[int, str] | None = None
        self.yaml11 = yaml11
        self.restore = restore
        self.findings: list[Finding] = []

    def position(self, node: Node) -> tuple[int, int]:
        """A node's 1-based line and column."""
        return node.start_mark.line + 1, node.start_mark.column + 1

    def empty_value_position(self, mapping: MappingNode, key: Node, value: Node) -> tuple[int, int]:
        """Where ruamel placed an empty value of a mapping (libyaml places it after the ``:``).

        In a flow mapping, right after the ``:``. In a block mapping, at the next token, unless a comment follows
        the ``:`` and the next key is on the same level: then right after the ``:``, as libyaml does.
        """
        text = self.text
        index = value.start_mark.index
        if mapping.flow_style:
            colon = index - 1
            while colon >= 0 and text[colon] in " \t\r\n":
                colon -= 1
            return (
                (value.start_mark.line + 1, value.start_mark.column + 1) if colon < 0 else _line_column(text, colon + 1)
            )
        line_end = text.find("\n", index)
        rest = text[index : len(text) if line_end < 0 else line_end].lstrip(" \t")
        after = next_token(text, index)
        if rest.startswith("#") and after != _line_column(text, len(text)) and after[1] == key.start_mark.column + 1:
            return value.start_mark.line + 1, value.start_mark.column + 1
        return after

    def build(self, node: Node, path: PathT) -> Any:
        """Turn a composed node into plain data, recording where each path was read (``SourceMap``)."""
        self.source.placed_values[path] = node
        if len(path) > MAX_DEPTH:
            message = f"嵌套层次过深（上限 {MAX_DEPTH} 层）"
            self.findings.append(Finding("yaml-too-deep", message, self.location(node, path)))
            return None
        if type(node) is ScalarNode:  # exact types: libyaml makes no subclasses, and the test is the fastest
            return self.scalar(node, path)
        if type(node) is MappingNode:
            return self.mapping(node, path)
        if type(node) is SequenceNode:
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return None

    def mapping(self, node: MappingNode, path: PathT) -> dict[str, Any]:
        """Build a mapping, reporting duplicate and non-string keys."""
        out: dict[str, Any] = {}
        keys, values = self.source.placed_keys, self.source.placed_values
        build, scalar, restore = self.build, self.scalar, self.restore
        deep = len(path) + 1 > MAX_DEPTH  # the depth of every value of this mapping
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                where = self.location(key_node, path)
                self.findings.append(Finding("yaml-merge-key", "不支持 YAML 合并键 <<", where))
                continue
            if type(key_node) is ScalarNode:
                key = _restore(key_node.value) if restore else key_node.value
            else:
                key = repr(key_node.value)
            where_path = (*path, key)
            if key in out:
                first = position(keys[where_path])
                self.findings.append(
                    Finding(
                        "duplicate-key",
                        f"键 “{key}” 重复（第一次出现在第 {first[0]} 行）",
                        self.location(key_node, where_path),
                        related=[Location(self.source.file, first[0], first[1], dotted(where_path))],
                    )
                )
                continue
            keys[where_path] = key_node
            if deep or type(value_node) is not ScalarNode:
                out[key] = build(value_node, where_path)
                continue
            # a scalar value (most of them): what ``build`` does, without the call
            if not value_node.value and _empty_plain(value_node):
                values[where_path] = self.empty_value_position(node, key_node, value_node)
            else:
                values[where_path] = value_node
            out[key] = scalar(value_node, where_path)
        return out

    def location(self, node: Node, path: PathT) -> Location:
        """The location of a node."""
        line, column = self.position(node)
        return Location(self.source.file, line, column, dotted(path))

    def scalar(self, node: ScalarNode, path: PathT) -> Any:
        """Resolve a scalar with YAML 1.2 core rules; floats become Decimal from their raw text.

        A plain number too long or with too large an exponent to be a figure is a finding (``number_problem``).
        """
        raw = _restore(node.value) if self.restore else node.value
        style = node.style
        if style:
            if style in ("|", ">"):
                self.source.block_scalars.add(path)
                if style == ">":
                    return unfold(folds(self.literal(node), raw))
            return raw
        if raw and raw[0] in _NUMBER_START:
            problem = number_problem(raw)
            if problem:
                where = self.location(node, path)
                self.findings.append(Finding(problem[0], problem[1], where, observed=raw[:40]))
                return None
        elif raw and raw not in _WORDS:
            return raw  # not a number, a date, a null or a boolean: text as written, whatever its tag
        if node.tag == STR_TAG:
            return raw
        value = resolve_plain(raw)
        if node.tag != _PLAIN_TAG or isinstance(value, str):
            return value
        # ruamel kept as written a plain scalar its resolver did not type, whatever the rules above make of it
        typed = re.compile(*_TYPED_11).fullmatch(raw) if self.yaml11 else not _UNTYPED_12.fullmatch(raw)
        return value if typed else raw

    def literal(self, node: ScalarNode) -> str | None:
        """The literal twin of a folded scalar (composed for every folded scalar on the first one asked for)."""
        if self.literals is None:
            self.literals = _literal_twins(self.text, self.root)
        return self.literals.get(node.start_mark.index)


# The first character of every plain scalar ``resolve_plain`` does not keep as text (a number, a date, ``~``), and
# the words it resolves to null or a boolean.
_NUMBER_START = frozenset("0123456789+-.~")
_WORDS = frozenset(("null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"))


def _empty_plain(node: ScalarNode) -> bool:
    """An empty untagged plain scalar (a missing value), which takes no room in the text."""
    return not node.value and not node.style and node.end_mark.index == node.start_mark.index


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def next_token(text: str, index: int) -> tuple[int, int]:
    """Line and column of the first character after ``index`` that is not blank, a line break or a comment."""
    size = len(text)
    i = index
    while i < size:
        char = text[i]
        if char in " \t\r\n\ufeff":
            i += 1
        elif char == "#" and (i == 0 or text[i - 1] in " \t\r\n"):
            end = text.find("\n", i)
            i = size if end < 0 else end
        else:
            break
    return _line_column(text, i)


def _index(exc: MarkedYAMLError) -> int:
    """Where a parse error was found, as a character index (for the tab ruamel would have refused first)."""
    mark = exc.problem_mark or exc.context_mark
    return mark.index if mark is not None else 0


# A line indented 400 spaces, or 200 block indicators in a row, may nest deeper than MAX_DEPTH; the event scan
# (``too_deep``) runs only then. Regular expressions scan Chinese text at about 5 ns a character, ``str.find`` at a
# fraction of that, so each test starts with a substring search that every match must contain.
_DEEP_INDENT = " " * 400
_TWO_INDICATORS = re.compile(r"[-?:][ \t]+[-?:][ \t]")
_MANY_INDICATORS = re.compile(r"(?:[-?:][ \t]+){200}")


def may_nest_deep(text: str, lines: list[str] | None = None) -> bool:
    """Whether the text may nest deeper than MAX_DEPTH (a fast test; ``too_deep`` is the exact one).

    200 indicators in a row take a line of 400 characters at least, so only such lines are scanned (``lines``:
    the text's lines, when the caller has them).
    """
    if text.startswith(_DEEP_INDENT) or "\n" + _DEEP_INDENT in text:
        return True
    long = [line for line in (text.splitlines() if lines is None else lines) if len(line) >= 400]
    return any(_TWO_INDICATORS.search(line) and _MANY_INDICATORS.search(line) for line in long)


def may_alias(text: str) -> bool:
    """Whether the text may hold an anchor or an alias: ``&`` or ``*`` after a blank, ``[``, ``{``, ``,`` or at the
    start, followed by a name character. Only then does the event scan (``alias_findings``) run."""
    for mark in "&*":
        at = text.find(mark)
        while at >= 0:
            before = text[at - 1] if at else " "
            after = text[at + 1 : at + 2]
            if (before.isspace() or before in "[{,") and after and not (after.isspace() or after in ",[]{}"):
                return True
            at = text.find(mark, at + 1)
    return False


def alias_findings(text: str, name: str) -> list[Finding]:
    """Every anchor and alias of the text, each at its place (an event scan: nothing is expanded)."""
    findings: list[Finding] = []
    try:
        events: Iterator[Any] = yaml.parse(_escape_breaks(text), Loader=yaml.CBaseLoader)
        for event in events:
            mark = event.start_mark
            where = Location(name, mark.line + 1, mark.column + 1)
            if isinstance(event, AliasEvent):
                message = f"不支持 YAML 别名 *{_restore(event.anchor or '')}：报告中的每个值请直接写出"
                findings.append(Finding("yaml-alias", message, where))
            elif getattr(event, "anchor", None):
                message = f"不支持 YAML 锚点 &{_restore(event.anchor)}：报告中的每个值请直接写出"
                findings.append(Finding("yaml-alias", message, where))
            if len(findings) >= MAX_FINDINGS:
                break
    except YAMLError:
        return findings  # the syntax error is reported by compose
    return findings


_BRACKETS = re.compile(r"[\[\]{}]")


# Every byte but the four brackets: deleted from the UTF-8 text, they leave the brackets in order (no byte of a
# multi-byte character is ASCII), far faster than a regular expression finds them.
_NOT_BRACKETS = bytes(range(256)).translate(None, b"[]{}")


def _bracket_depth(text: str) -> int:
    """The deepest nesting of brackets, as ``flow_too_deep`` counts it (a closing one at depth 0 is ignored)."""
    depth = deepest = 0
    for bracket in text.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKETS):
        if bracket in b"[{":
            depth += 1
            deepest = max(depth, deepest)
        elif depth:
            depth -= 1
    return deepest


def flow_too_deep(text: str, name: str) -> Finding | None:
    """Brackets nested deeper than MAX_DEPTH, found before parsing.

    Why: ruamel's scanner takes quadratic time in flow nesting (3,000 ``[`` take half a minute), so this must be
    caught on the text. Brackets inside quoted text count too; only a pathological text nests 64 of them.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None  # too few brackets to nest that deep (counting is far faster than the scan below)
    if _bracket_depth(text) <= MAX_DEPTH:
        return None
    depth = 0
    for match in _BRACKETS.finditer(text):  # too deep: find where
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            return Finding("yaml-too-deep", f"括号嵌套层次过深（上限 {MAX_DEPTH} 层）", Location(name, line, column))
    return None


def too_deep(text: str, name: str) -> Finding | None:
    """The place where nesting first goes deeper than MAX_DEPTH (an event scan, no recursion), or None.

    Why before composing: libyaml's composer recurses in C, so a hostile nesting must be found first.
    """
    depth = 0
    try:
        events: Iterator[Any] = yaml.parse(_escape_breaks(text), Loader=yaml.CBaseLoader)
        for event in events:
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark: Any = event.start_mark
                    where = Location(name, mark.line + 1, mark.column + 1)
                    return Finding("yaml-too-deep", f"嵌套层次过深（上限 {MAX_DEPTH} 层）", where)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return None  # the syntax error is reported by compose
    return None


def syntax_finding(exc: MarkedYAMLError, name: str, text: str = "") -> Finding:
    """A YAML syntax error as a finding at the problem mark; an unclosed bracket where it opened."""
    problem = str(exc.problem or exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    if mark is not None and problem in _UNNAMED:
        problem, mark = _named(problem, mark, text)
    elif exc.problem_mark is not None and problem in _RUAMEL_WORDS:
        problem = _RUAMEL_WORDS[problem].format(_token_id(text, exc.problem_mark.index))
    if exc.context_mark is not None and _UNCLOSED.search(problem):
        mark = exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if mark is not None and _is_tab_problem(problem, text, mark.index):
        return tab_finding(text, name, line, col)
    return Finding("yaml-syntax", f"YAML 语法错误：{explain(problem)}", Location(name, line, col))


_UNCLOSED = re.compile(r"expected ',' or '[\]}]'")


def _is_tab_problem(problem: str, text: str, index: int) -> bool:
    """The parser stopped at a tab (ruamel names the character; libyaml says where it expected a space)."""
    if "found character '\\t'" in problem or "found character '\t'" in problem or "tab character" in problem:
        return True
    return "cannot start any token" in problem and text[index : index + 1] == "\t"


# libyaml's wording of a problem, in ruamel's (which names the token found).
_RUAMEL_WORDS = {
    "did not find expected ',' or ']'": "expected ',' or ']', but got {!r}",
    "did not find expected ',' or '}'": "expected ',' or '}}', but got {!r}",
    "did not find expected node content": "expected the node content, but found {!r}",
    "mapping values are not allowed in this context": "mapping values are not allowed here",
    "did not find expected <document start>": "but found another document",
}


def _token_id(text: str, index: int) -> str:
    """The token ruamel names at a position: an indicator itself, ``<stream end>``, else ``<scalar>``."""
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    if index >= len(text):
        return "<stream end>"
    char = text[index]
    return char if char in ":,[]{}?-" else "<scalar>"


_UNNAMED = ("found character that cannot start any token", "found unknown escape character")


def _named(problem: str, mark: Any, text: str) -> tuple[str, Any]:
    """libyaml's message in ruamel's words, which name the character (an escape: at the character, not ``\\``)."""
    index = mark.index
    if problem == "found unknown escape character" and text[index : index + 1] == "\\" and index + 1 < len(text):
        char = text[index + 1]
        return f"found unknown escape character {char!r}", _Mark(mark.line, mark.column + 1, index + 1)
    if index < len(text):
        return f"found character {text[index]!r} that cannot start any token", mark
    return problem, mark


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int
    index: int


def tab_at(text: str, name: str, index: int) -> Finding:
    """The finding for a tab ruamel refused, at its index."""
    line = text.count("\n", 0, index) + 1
    return tab_finding(text, name, line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _refused_tab(text: str, before: int | None = None) -> int | None:
    """The first tab outside quoted and block scalars, flow collections and comments (where ruamel refused one).

    libyaml accepts a tab as a separator in more places than ruamel did (``a:\t1``, ``x\ty``, ``1\t# note``);
    the reader keeps ruamel's rule so a file reads the same as before. Tokens up to a parse error are used.
    """
    allowed: list[tuple[int, int]] = []
    flow = 0
    flow_start = 0
    try:
        tokens: Iterator[Any] = yaml.scan(text, Loader=yaml.CBaseLoader)
        for token in tokens:
            kind = type(token).__name__
            if kind in ("FlowSequenceStartToken", "FlowMappingStartToken"):
                if flow == 0:
                    flow_start = token.start_mark.index
                flow += 1
            elif kind in ("FlowSequenceEndToken", "FlowMappingEndToken") and flow:
                flow -= 1
                if flow == 0:
                    allowed.append((flow_start, token.end_mark.index))
            elif kind == "ScalarToken" and token.style:
                allowed.append((token.start_mark.index, token.end_mark.index))
    except YAMLError:
        pass
    if flow:
        allowed.append((flow_start, len(text)))
    limit = len(text) if before is None else before
    start = 0
    while (tab := text.find("\t", start, limit)) >= 0:
        start = tab + 1
        if any(lo <= tab < hi for lo, hi in allowed):
            continue
        if _in_comment(text, text.rfind("\n", 0, tab) + 1, tab, allowed):
            continue
        return tab
    return None


def _in_comment(text: str, line_start: int, index: int, allowed: list[tuple[int, int]]) -> bool:
    """Whether ``index`` follows a ``#`` that starts a comment on its line."""
    hash_at = text.find("#", line_start, index)
    while hash_at >= 0:
        starts = hash_at == line_start or text[hash_at - 1] in " \t"
        if starts and not any(lo <= hash_at < hi for lo, hi in allowed):
            return True
        hash_at = text.find("#", hash_at + 1, index)
    return False


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
    ("mapping values are not allowed in this context", "此处不能出现 “键: 值”，可能是缩进不对或文本中的冒号需要加引号"),
    ("could not find expected ':'", "缺少 “:”，或多行文本需要加引号"),
    ("found character '\\t'", "YAML 不允许用制表符缩进，请改用空格"),
    ("found undefined alias", "引用了未定义的锚点"),
    ("found unexpected end of stream", "文件意外结束，引号可能没有闭合"),
    ("expected the node content", "文件意外结束或缺少值，括号可能没有闭合"),
    ("did not find expected node content", "文件意外结束或缺少值，括号可能没有闭合"),
    ("did not find expected key", "缩进不一致，找不到预期的键"),
    ("did not find expected '-' indicator", "列表缩进不一致"),
)


def explain(problem: str) -> str:
    """A Chinese explanation of a YAML parser problem, keeping the parser's words for reference."""
    for english, chinese in _EXPLANATIONS:
        if english in problem:
            return f"{chinese}（{problem}）"
    return problem or "无法解析"


def number_problem(raw: str) -> tuple[str, str] | None:
    """A number too long or with too large an exponent to be a figure: (code, message), else None."""
    if len(raw) <= MAX_DIGITS and "e" not in raw and "E" not in raw:
        return None  # no exponent, and too short to hold too many digits (almost every figure)
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


def unfold(raw: str) -> str:
    """Folded text: a line break between two Chinese characters folds to nothing, not to a space.

    Why: YAML folds every line break to a space, which is right for English and wrong inside Chinese
    text (the same rule as pandoc's ``east_asian_line_breaks``).
    """
    return re.compile(_CJK_FOLD).sub("", raw).replace("\a", "") if "\a" in raw else raw


def resolve_plain(raw: str) -> Any:
    """A plain scalar by the project's YAML 1.2 core rules; floats become Decimal from their raw text."""
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


def _literal_twins(text: str, node: Node) -> dict[int, str]:
    """For each folded (``>``) scalar, its text composed as a literal (``|``) one, by start index.

    libyaml folds line breaks into spaces without saying which spaces were breaks; the literal twin (the same
    text with ``>`` turned into ``|``, so every position stays) tells ``folds`` where they were.
    """
    folded = [n for n in _walk(node) if isinstance(n, ScalarNode) and n.style == ">"]
    if not folded:
        return {}
    chars = list(text)
    for n in folded:
        i = text.find(">", n.start_mark.index, n.end_mark.index)
        if i >= 0:
            chars[i] = "|"
    twin = compose("".join(chars))
    if twin is None:
        return {}
    starts = {n.start_mark.index for n in folded}
    return {
        n.start_mark.index: n.value
        for n in _walk(twin)
        if isinstance(n, ScalarNode) and n.style == "|" and n.start_mark.index in starts
    }


def _walk(node: Node) -> Iterator[Node]:
    """Every node of a tree, without recursion."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, MappingNode):
            for key, value in current.value:
                stack += [key, value]
        elif isinstance(current, SequenceNode):
            stack += current.value


def folds(literal: str | None, folded: str) -> str:
    """The folded text with BEL before each space that was a line break (as ruamel marked folds).

    ``folded`` is ``literal`` with single breaks between lines turned into spaces and runs of breaks shortened
    by one; walking both at once finds the spaces that were breaks.
    """
    if literal is None:
        return folded
    out: list[str] = []
    i = j = 0
    while i < len(literal) and j < len(folded):
        if literal[i] == folded[j]:
            out.append(folded[j])
            i += 1
            j += 1
        elif literal[i] == "\n" and folded[j] == " ":
            out.append("\a ")
            i += 1
            j += 1
        elif literal[i] == "\n":
            i += 1
        else:
            return folded  # not the expected shape: keep libyaml's text
    return "".join(out) + folded[j:]
