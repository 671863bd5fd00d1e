"""The one factory for the project's own (trusted) block templates: search path, filters, strict undefined."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from toolkit.compose.document import plain
from toolkit.resources import data_dir

_SENTENCE_ENDS = ("。", "！", "？", "；", "：")


def sentence(text: str | None) -> str:
    """Close a heading with 。 unless it already ends a sentence."""
    if not text:
        return ""
    return text if plain(text).endswith(_SENTENCE_ENDS) else f"{text}。"


def template_env(report_type: str, extra: Sequence[Path] = ()) -> Environment:
    """A Jinja2 environment for a report type; user folders are searched before the project's."""
    search = [str(p) for p in extra] + [str(data_dir("templates") / report_type)]
    env = Environment(
        loader=FileSystemLoader(search),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )
    env.filters["sentence"] = sentence
    return env
