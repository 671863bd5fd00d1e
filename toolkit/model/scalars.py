"""The scalar types the report and rule models share — ids, numbers, vocabulary words — each with the JSON Schema
that lets an editor decide exactly what the CLI decides.

One definition serves both: the pattern that validates a number written as text is the one in the JSON Schema,
the vocabulary behind an ``enum`` is the one the validators check, so yaml-language-server and ``govreport
validate`` agree on every case that one file decides (docs/EDITORS.md lists what only the CLI can check).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, JsonValue, WithJsonSchema
from pydantic_core import PydanticCustomError

IDENT = r"^[a-z][a-z0-9_]*$"
IDENT_MESSAGE = "名称应由小写英文字母、数字和下划线组成，以字母开头"
# patternErrorMessage: yaml-language-server's (and VS Code's) message when a string breaks the pattern.
Ident = Annotated[str, Field(pattern=IDENT, json_schema_extra={"patternErrorMessage": IDENT_MESSAGE})]

# A number written as text, as the YAML reader resolves a plain scalar to a number (YAML 1.2 core, decimal only):
# "55.30" in quotes is the number 55.30; "12.7a", "1,000", "１２" and " 5" are not numbers.
NUMBER_TEXT = r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"
_NUMBER_TEXT = re.compile(NUMBER_TEXT)


GROUPED = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+$")
"""Whole digits with thousands separators every three digits: 1,234,567."""

_HALF_WIDTH = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}, "\u2212": "-"})


def half_width(text: str) -> str:
    """Text with full-width ASCII (a Chinese IME's ５５．３３, －５, １，２３４) and the minus sign − as ASCII."""
    return text.translate(_HALF_WIDTH)


def number_as_meant(text: str) -> str | None:
    """The plain number ``text`` means when written in full-width characters or with thousands separators
    (``５５．３３`` → ``55.33``, ``－5`` → ``-5``, ``1,234`` and ``1，234`` → ``1234``); None when it is no such number
    or is plain already."""
    plain = half_width(text).strip()
    sign = plain[:1] if plain[:1] in ("+", "-") else ""
    whole, dot, fraction = plain[len(sign) :].partition(".")
    if GROUPED.match(whole):
        whole = whole.replace(",", "")
    meant = sign + whole + dot + fraction
    return meant if meant != text.strip() and _NUMBER_TEXT.match(meant) else None


def _number_text(value: Any) -> Any:
    """Text must look like a number before it becomes a Decimal (pydantic alone would take "1_000" or "１２")."""
    if isinstance(value, str) and not _NUMBER_TEXT.match(value):
        raise PydanticCustomError("decimal_parsing", "Input should be a valid decimal")
    return value


# A figure: a YAML number, or a number in quotes (precision kept either way).
Number = Annotated[
    Decimal,
    BeforeValidator(_number_text),
    WithJsonSchema(
        {
            "type": ["number", "string"],
            "pattern": NUMBER_TEXT,
            "patternErrorMessage": "应为数字，如 55.30（可加引号；不能含字母、逗号、下划线或全角数字）",
        }
    ),
]


def enum_of(words: list[str]) -> dict[str, JsonValue]:
    """A JSON Schema ``enum`` for a vocabulary that lives in data files."""
    values: list[JsonValue] = list(words)
    return {"enum": values}


def word_of(words: list[str]) -> WithJsonSchema:
    """The schema of a string from a vocabulary, for ``Annotated[str, word_of(...)] | None``: the ``enum`` sits on
    the string itself, so ``null`` stays valid in the editor as in the CLI (an enum beside ``anyOf: [string, null]``
    would reject it)."""
    return WithJsonSchema({"type": "string", "enum": list(words)})


def names_of(reserved: frozenset[str]) -> dict[str, JsonValue]:
    """``propertyNames`` for a mapping whose keys are ids: the editor flags a key that breaks the id pattern or is
    reserved, as the CLI does (bad-name, reserved-name); ``patternProperties`` alone lets such a key pass."""
    words = "|".join(sorted(reserved))
    return {
        "propertyNames": {
            "pattern": f"^(?!(?:{words})$)" + IDENT[1:],
            "patternErrorMessage": f"{IDENT_MESSAGE}，且不能是保留字 {'、'.join(sorted(reserved))}",
        }
    }


def new_list() -> list[Any]:
    """An empty list: the default factory of list fields.

    Why not ``list`` itself: pydantic inspects each factory's signature when it builds a model, and the signature
    of a builtin is parsed from its text (about 0.1 ms each, 40 fields at every start of the CLI).
    """
    return []


def new_dict() -> dict[Any, Any]:
    """An empty dict: the default factory of dict fields (see ``new_list``)."""
    return {}
