"""Export the report model as JSON Schema for editors (yaml-language-server), and point the YAML files the toolkit
writes at it with a modeline.

A file is associated with the schema by its first line, ``# yaml-language-server: $schema=REF``, which
yaml-language-server (VS Code's YAML extension and the other editors built on it) resolves relative to the file.
``schema_reference`` picks REF for a file about to be written (docs/EDITORS.md explains the choice):

1. the nearest ``report.schema.json`` or ``schema/report.schema.json`` in the file's folder or a folder above it —
   the repository's own, or a copy a team wrote into its shared folder with ``govreport schema`` (run there) —
   as a relative path, so the reference travels with the folder;
2. otherwise the schema of this installation of the toolkit, as an absolute ``file:`` URI.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from toolkit.model.report import Report
from toolkit.model.units import magnitudes, units
from toolkit.resources import data_dir

SCHEMA_FILE = "report.schema.json"
MODELINE_PREFIX = "# yaml-language-server:"


KNOWN_UNITS = "KnownUnits"  # suffix of the $defs that check units when the report declares none
_REGEX_SYNTAX = set("\\^$.|?*+()[]{}/-")


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the report YAML."""
    schema = Report.model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    add_unit_check(schema)
    return schema


def report_schema_json() -> str:
    """The JSON Schema of the report YAML, as stable, pretty-printed text."""
    return json.dumps(report_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _alternatives(words: list[str]) -> str:
    """Words as a regex alternation (ECMA-262 and Python alike: only syntax characters are escaped)."""
    escaped = ("".join("\\" + c if c in _REGEX_SYNTAX else c for c in w) for w in sorted(words, key=len, reverse=True))
    return "|".join(escaped)


def known_unit_pattern() -> str:
    """The units a report that declares none may use, as the CLI resolves them (``units.find_unit``): a unit of
    the vocabulary, or a magnitude word (万, 亿 …) before one that is neither plain nor itself a multiple."""
    named = list(units())
    bases = [n for n, u in units().items() if not u.plain and not u.base]
    return f"^(?:{_alternatives(named)}|(?:{_alternatives(list(magnitudes()))})(?:{_alternatives(bases)}))$"


def add_unit_check(schema: dict[str, Any]) -> None:
    """Check ``unit`` against the known units unless the report declares its own (``units:``).

    A unit is valid if the vocabulary or the report's ``units:`` block knows it, and JSON Schema cannot read one
    part of the data to validate another. So the report is checked a second time, only where units are, when it has
    no ``units:`` block: ``else`` of an ``if`` at the root applies a projection of the schema — the paths that lead
    to a metric's ``unit``, no other keyword, so nothing else is reported twice — whose ``unit`` must match
    ``known_unit_pattern``. A report with a ``units:`` block has its units checked by the CLI only.
    """
    defs: dict[str, Any] = schema["$defs"]
    leads = _leading_to_metric(defs)
    projected = {f"{name}{KNOWN_UNITS}": _project(body, leads) or {} for name, body in defs.items() if name in leads}
    projected[f"Metric{KNOWN_UNITS}"] = {
        "properties": {
            "unit": {
                "type": "string",
                "pattern": known_unit_pattern(),
                "patternErrorMessage": "未知单位：应为 schema/units.yaml 中的单位，或加数量级（万、亿……）的单位；"
                "报告自定义的单位写在 units: 中",
            }
        }
    }
    defs.update(projected)
    root = {k: v for k, v in schema.items() if k in ("properties", "patternProperties", "items", "anyOf", "allOf")}
    schema["if"] = {"required": ["units"]}
    schema["else"] = _project(root, leads) or {}


def _refs(node: Any) -> set[str]:
    """Names of the $defs a schema node refers to."""
    if isinstance(node, dict):
        found = {str(node["$ref"]).rsplit("/", 1)[-1]} if "$ref" in node else set()
        return found.union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()


def _leading_to_metric(defs: dict[str, Any]) -> set[str]:
    """The $defs from which Metric can be reached (Metric included)."""
    leads = {"Metric"}
    grew = True
    while grew:
        grew = False
        for name, body in defs.items():
            if name not in leads and _refs(body) & leads:
                leads.add(name)
                grew = True
    return leads


def _project(node: Any, leads: set[str]) -> dict[str, Any] | None:
    """The part of a schema node on the way to a metric's unit, or None when no unit lies below it."""
    if not isinstance(node, dict):
        return None
    if "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        return {"$ref": f"#/$defs/{name}{KNOWN_UNITS}"} if name in leads else None
    out: dict[str, Any] = {}
    for key in ("properties", "patternProperties"):
        kept = {k: p for k, v in node.get(key, {}).items() if (p := _project(v, leads)) is not None}
        if kept:
            out[key] = kept
    for key in ("items", "additionalProperties"):
        below = _project(node.get(key), leads)
        if below is not None:
            out[key] = below
    for key in ("anyOf", "oneOf", "allOf"):
        # A projection also holds for values of the other branches (it only constrains objects that have the
        # properties), so one of anyOf/oneOf becomes anyOf of the branches that lead to a unit.
        branches = [p for b in node.get(key, []) if (p := _project(b, leads)) is not None]
        if branches:
            out["allOf" if key == "allOf" else "anyOf"] = branches
    return out or None


def is_report_schema(path: Path) -> bool:
    """Whether ``path`` is a report schema this toolkit wrote (not some other tool's file of the same name)."""
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(schema, dict) and schema.get("title") == "Report" and "Metric" in schema.get("$defs", {})


def schema_reference(target: Path) -> str:
    """The ``$schema=`` value for a YAML file to be written at ``target``."""
    folder = Path(os.path.abspath(target)).parent
    for parent in (folder, *folder.parents):
        for candidate in (parent / SCHEMA_FILE, parent / "schema" / SCHEMA_FILE):
            if candidate.is_file() and is_report_schema(candidate):
                try:
                    return Path(os.path.relpath(candidate, folder)).as_posix()
                except ValueError:  # another drive on Windows: no relative path
                    return candidate.as_uri()
    return Path(os.path.abspath(data_dir("schema") / SCHEMA_FILE)).as_uri()


def modeline_target(text: str) -> str | None:
    """The ``$schema=`` of a text's first-line modeline, if it has one."""
    first = text.partition("\n")[0]
    if not first.startswith(MODELINE_PREFIX) or "$schema=" not in first:
        return None
    return first.split("$schema=", 1)[1].strip()


def resolves(reference: str, target: Path) -> bool:
    """Whether a ``$schema=`` reference works for a file at ``target``: a file that exists (relative to the file's
    folder, absolute, or a ``file:`` URI); a web address is trusted, since it cannot be checked offline."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", reference) and not re.match(r"^[A-Za-z]:[\\/]", reference):
        if not reference.lower().startswith("file:"):
            return True
        return Path(url2pathname(urlsplit(reference).path)).is_file()
    return (Path(os.path.abspath(target)).parent / reference).is_file()


def with_modeline(text: str, target: Path) -> str:
    """``text`` with a first-line modeline that works for a file written at ``target``: a modeline that already
    resolves from there is kept (a team's own choice, or the same file written in place); one that does not — a
    rolled-over file keeps the path relative to last year's file — is replaced; a missing one is added."""
    current = modeline_target(text)
    if current is not None and resolves(current, target):
        return text
    line = f"{MODELINE_PREFIX} $schema={schema_reference(target)}"
    first, newline, rest = text.partition("\n")
    if first.startswith(MODELINE_PREFIX):
        return line + newline + rest
    return f"{line}\n{text}"
