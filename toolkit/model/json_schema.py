"""Export the report model as JSON Schema for editors (yaml-language-server), and point the YAML files the toolkit
writes at it with a modeline.

A file is associated with the schema by its first line, ``# yaml-language-server: $schema=REF``, which
yaml-language-server (VS Code's YAML extension and the other editors built on it) resolves relative to the file.
``schema_reference`` picks REF for a file about to be written (docs/EDITORS.md explains the choice):

1. the nearest ``report.schema.json`` or ``schema/report.schema.json`` in the file's folder or a folder above it —
   the repository's own, or a copy a team wrote into its shared folder with ``govreport schema`` (run there) or
   ``govreport schema -o FOLDER/schema/report.schema.json`` — as a relative path, so the reference travels with
   the folder;
2. otherwise the schema of this installation of the toolkit, as an absolute ``file:`` URI.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from toolkit.model.report import Report
from toolkit.resources import data_dir

SCHEMA_FILE = "report.schema.json"
MODELINE_PREFIX = "# yaml-language-server:"


def report_schema_json() -> str:
    """The JSON Schema of the report YAML, as stable, pretty-printed text."""
    schema = Report.model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


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


def with_modeline(text: str, target: Path) -> str:
    """``text`` whose first line is the modeline for ``target``: an existing modeline is replaced, else one is added."""
    line = f"{MODELINE_PREFIX} $schema={schema_reference(target)}"
    first, newline, rest = text.partition("\n")
    if first.startswith(MODELINE_PREFIX):
        return line + newline + rest
    return f"{line}\n{text}"
