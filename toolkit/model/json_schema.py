"""Export the report model as JSON Schema for editor autocompletion (yaml-language-server)."""

from __future__ import annotations

import json

from toolkit.model.report import Report

SCHEMA_FILE = "report.schema.json"


def report_schema_json() -> str:
    """The JSON Schema of the report YAML, as stable, pretty-printed text."""
    schema = Report.model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
