"""The one factory for block templates: search path (``--templates`` folders first), filters, the sandbox.

Block templates are shared between counties, so they render in the same sandbox as text fields
(``toolkit.compose.sandbox``): no globals, bounded operators and output, only the ``sentence`` filter added.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.compose.document import plain
from toolkit.resources import data_dir

if TYPE_CHECKING:
    from jinja2 import Environment

_SENTENCE_ENDS = ("。", "！", "？", "；", "：")


def sentence(text: str | None) -> str:
    """Close a heading with 。 unless it already ends a sentence."""
    if not text:
        return ""
    return text if plain(text).endswith(_SENTENCE_ENDS) else f"{text}。"


def template_env(report_type: str, extra: Sequence[Path] = ()) -> Environment:
    """The sandboxed environment of a report type's block templates; user folders are searched first.

    One per search path and process, so each template is compiled once (Jinja reloads a file that changed).
    """
    return _template_env(report_type, tuple(str(p) for p in extra))


@cache
def _template_env(report_type: str, extra: tuple[str, ...]) -> Environment:
    from jinja2 import FileSystemLoader

    from toolkit.compose.sandbox import Sandbox

    search = [*extra, str(data_dir("templates") / report_type)]
    env = Sandbox(loader=FileSystemLoader(search))
    env.filters["sentence"] = sentence
    return env


def template_file(env: Environment, name: str) -> str:
    """The file a template name resolves to (the name itself when it cannot be found)."""
    try:
        if env.loader is not None:
            return env.loader.get_source(env, name)[1] or name
    except Exception:
        return name
    return name


# The project's own block templates, as Python: used while a template file reads exactly as here and no
# ``--templates`` folder is given, so the common case needs no Jinja. Each renders what Jinja renders from it.
STOCK_SOURCES = {
    "date": "{{ date.year }}年{{ date.month }}月{{ date.day }}日",
    "item_body": "{{ text }}{{ points | join }}",
    "item_heading": "{{ heading | sentence }}",
    "point": "{{ ordinal }}{% if heading %}{{ heading | sentence }}{% endif %}{{ text }}",
}


def _date(date: Any) -> str | None:
    if not isinstance(date, dt.date):
        return None  # Jinja decides (and reports) anything else
    return f"{date.year}年{date.month}月{date.day}日"


def _item_body(text: Any, points: Any) -> str | None:
    if not isinstance(text, str) or not isinstance(points, list):
        return None
    return text + "".join(map(str, points))


def _item_heading(heading: Any) -> str | None:
    return sentence(heading) if heading is None or isinstance(heading, str) else None


def _point(ordinal: Any, heading: Any, text: Any) -> str | None:
    if not isinstance(ordinal, str) or not isinstance(text, str) or not (heading is None or isinstance(heading, str)):
        return None
    return ordinal + (sentence(heading) if heading else "") + text


_STOCK: dict[str, Callable[..., str | None]] = {
    "date": _date,
    "item_body": _item_body,
    "item_heading": _item_heading,
    "point": _point,
}


def stock_block(
    report_type: str, extra: Sequence[Path], name: str, values: dict[str, Any], known: dict[str, bool] | None = None
) -> str | None:
    """A block rendered by its Python twin, or None when Jinja must render it (another file, other values).

    ``known`` remembers, for one document, whether each template file reads as its stock source (so each file is
    looked at once a document, not once a block).
    """
    render = _STOCK.get(name)
    if render is None or extra or set(values) != _PARAMETERS[name]:
        return None
    stock = known.get(name) if known is not None else None
    if stock is None:
        stock = stock_file(report_type, name)
        if known is not None:
            known[name] = stock
    return render(**values) if stock else None


def stock_file(report_type: str, name: str) -> bool:
    """Whether the project's template file of a block reads exactly as its stock source now."""
    path = _stock_path(report_type, name)
    try:
        stat = os.stat(path)
    except OSError:
        return False
    return _is_stock(path, stat.st_mtime_ns, stat.st_size, name)


_PARAMETERS = {
    "date": {"date"},
    "item_body": {"text", "points"},
    "item_heading": {"heading"},
    "point": {"ordinal", "heading", "text"},
}


@cache
def _stock_path(report_type: str, name: str) -> str:
    """The project's template file of a block (its folder does not move while the process runs)."""
    return str(data_dir("templates") / report_type / f"{name}.j2")


@cache
def _is_stock(path: str, mtime: int, size: int, name: str) -> bool:
    """Whether a template file reads exactly as its stock source (once per file version)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return text in (STOCK_SOURCES[name], STOCK_SOURCES[name] + "\n")
