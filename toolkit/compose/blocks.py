"""The one factory for block templates: search path (``--templates`` folders first), filters, the sandbox.

Block templates are shared between counties, so they render in the same sandbox as text fields
(``toolkit.compose.sandbox``): no globals, bounded operators and output, only the ``sentence`` filter added.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from toolkit.compose.document import plain
from toolkit.compose.sandbox import Sandbox
from toolkit.resources import data_dir

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
