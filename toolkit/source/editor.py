"""Comment-preserving YAML round trip (ruamel.yaml ``rt``): load, edit in place, dump with the input's layout.

Why a separate module: the reader in ``yamlsource`` builds plain data for validation; tools that rewrite a
report (``rollover``) must keep comments, key order, quoting and indentation, which only the round-trip
objects carry.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import CommentMark
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import FoldedScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

from toolkit.source.reader import PathT

WIDTH = 1_000_000  # long Chinese lines never fold


class _Representer(RoundTripRepresenter):
    """Writes ``null`` for missing values (ruamel writes nothing), so ``value: null`` reads as missing."""


def _represent_none(representer: RoundTripRepresenter, _data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _represent_decimal(representer: RoundTripRepresenter, data: Decimal) -> Any:
    """A Decimal as written (``57.10`` stays ``57.10``), plain, read back as the same number."""
    text = format(data, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, text)


_Representer.add_representer(type(None), _represent_none)
_Representer.add_representer(Decimal, _represent_decimal)


@dataclass(frozen=True)
class Layout:
    """Indentation of a YAML file: mapping indent, sequence indent and the dash offset."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


def guess_layout(text: str) -> Layout:
    """The indentation the file uses, from the first nested mapping and the first block sequence."""
    mapping = offset = None
    prev: tuple[int, str] | None = None
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if prev is not None and prev[1].endswith(":") and not prev[1].startswith("- "):
            if stripped.startswith("- ") and offset is None:
                offset = indent - prev[0]
            elif not stripped.startswith("- ") and mapping is None and indent > prev[0]:
                mapping = indent - prev[0]
        prev = (indent, stripped.split(" #")[0].rstrip())
    mapping = mapping or 2
    offset = mapping if offset is None else offset
    return Layout(mapping, offset + 2, offset)


def make_yaml(layout: Layout) -> YAML:
    """A round-trip YAML instance that keeps quotes and never folds lines."""
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    return yaml


def load_rt(text: str) -> tuple[Any, YAML]:
    """Load text as round-trip objects, with a YAML instance that dumps it back in the same layout.

    Line breaks are read as ``\n`` (ruamel keeps a CRLF file's ``\r`` in its comments, and would write them back
    among its own ``\n``); ``toolkit.source.encoding.encode_like`` writes the file's own breaks again.
    """
    yaml = make_yaml(guess_layout(text))
    return yaml.load(text.replace("\r\n", "\n")), yaml


def dump_rt(data: Any, yaml: YAML) -> str:
    """Dump round-trip objects to text."""
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def node_at(root: Any, path: PathT) -> Any:
    """The round-trip object at a data path."""
    node = root
    for part in path:
        node = node[part]
    return node


def pop_keeping_comments(mapping: CommentedMap, key: str) -> Any:
    """Delete a key; full-line comments that followed it move to the key before it.

    Why: ruamel stores the comment lines below a key on that key, so a plain ``del`` would also drop the
    comments that introduce the next key.
    """
    keys = list(mapping)
    token = mapping.ca.items.get(key, [None, None, None, None])[2]
    value = mapping.pop(key)
    rest = token.value.split("\n", 1)[1] if token is not None and "\n" in token.value else ""
    if not rest.strip():
        return value
    index = keys.index(key)
    if index > 0:
        before = keys[index - 1]
        entry = mapping.ca.items.setdefault(before, [None, None, None, None])
        if entry[2] is None:
            entry[2] = CommentToken("\n" + rest, CommentMark(0), None)
        else:
            entry[2].value += rest
    elif index + 1 < len(keys):
        lines = [line.strip().lstrip("#").strip() for line in rest.splitlines() if line.strip()]
        column = int(mapping.lc.col) if mapping.lc.col is not None else 0
        mapping.yaml_set_comment_before_after_key(keys[index + 1], before="\n".join(lines), indent=column)
    return value


def replace_in_scalar(text: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> str:
    """``pattern.sub`` that keeps the scalar's style (quoted, literal, folded with its fold points)."""
    pieces: list[str] = []
    shifts: list[tuple[int, int]] = []  # (position in old text, length change)
    last = 0
    for match in pattern.finditer(text):
        new = repl(match)
        pieces += [text[last : match.start()], new]
        shifts.append((match.start(), len(new) - len(match.group(0))))
        last = match.end()
    if not shifts:
        return text
    out = "".join([*pieces, text[last:]])
    if isinstance(text, FoldedScalarString):
        folded = FoldedScalarString(out)
        folded.fold_pos = [p + sum(d for at, d in shifts if at < p) for p in getattr(text, "fold_pos", [])]
        kept: str = folded
        return kept
    if isinstance(text, ScalarString):
        styled: str = type(text)(out)
        return styled
    return out
