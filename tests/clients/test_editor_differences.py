"""What the editor (yaml-language-server with the JSON Schema) does not check and `govreport validate` does.

The schema makes the editor agree with the CLI on everything one value or one mapping decides (types, numbers
written as text, ids, vocabularies, required and unknown keys; test_editor_schema.py). What remains needs more
than the schema can say — another field, another part of the report, the text templates, the rules — or is a YAML
notation the two parsers read differently. Each case here asserts the difference exactly: the CLI reports the code,
the editor reports nothing. When a case starts to agree, its test fails: move it to test_editor_schema.py and
update the table in docs/EDITORS.md, which must name every case below.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clients.lsp import LspClient, cli_position
from tests.clients.support import ROOT, SAMPLE_2024, Injection, problems, validate_json, write_schema

M = "mining_output:"
DIFFERENCES = {
    # needs another part of the report
    "text names an unknown metric": (
        Injection("text: 以建滔", "{{ electronics_output }}", "{{ electronic_output }}"),
        "undefined-metric",
    ),
    "metric id used twice": (Injection(M, M, "electronics_output:"), "duplicate-metric"),
    "required pillar missing": (
        Injection("- pillar: municipal", "pillar: municipal", "pillar: industry"),
        "missing-pillar",
    ),
    "sub-area of another pillar": (
        Injection("id: six_industries", "id: six_industries", "id: six_industries\n          sub_area: flood_control"),
        "unknown-sub-area",
    ),
    "rule names an unknown metric": (
        Injection("- kind: yoy", "metric: electronics_output", "metric: electronic_output"),
        "rule-unknown-metric",
    ),
    # consistency rules and prose checks
    "parts do not add up": (Injection("new_energy_projects:", "value: 130", "value: 131"), "sum-mismatch"),
    "figure written in prose": (
        Injection(
            "text: 推动x市",
            "text: 推动x市“六个百亿”产业项目发展。",
            "text: 推动x市“六个百亿”产业项目发展，投资55亿元。",
        ),
        "figure-in-prose",
    ),
    # a report with its own units: block (the schema cannot read the block to check units against it)
    "unknown unit in a report that declares units": (
        (
            Injection(
                "type:", "type: county-urbanization", "type: county-urbanization\nunits:\n  标准箱: {kind: count}"
            ),
            Injection(M, "unit: 亿元", "unit: 亿园"),
        ),
        "unknown-unit",
    ),
    # YAML 1.2 numbers the editor reads as numbers; the CLI's reader takes decimal notation only
    "hexadecimal number": (Injection(M, "value: 12.74", "value: 0x10"), "wrong-type"),
    "octal number": (Injection(M, "value: 12.74", "value: 0o17"), "wrong-type"),
    "infinity": (Injection(M, "value: 12.74", "value: .inf"), "wrong-type"),
    "not a number": (Injection(M, "value: 12.74", "value: .nan"), "wrong-type"),
}


@pytest.mark.parametrize("case", list(DIFFERENCES))
def test_only_the_cli_reports(lsp: LspClient, tmp_path: Path, case: str) -> None:
    injections, code = DIFFERENCES[case]
    write_schema(tmp_path)
    path = tmp_path / "samples" / "variant.yaml"
    path.parent.mkdir()
    text = SAMPLE_2024.read_text(encoding="utf-8")
    for injection in injections if isinstance(injections, tuple) else (injections,):
        text, _ = injection.apply(text)
    path.write_text(text, encoding="utf-8")
    assert code in {f["code"] for f in problems(validate_json(path, cwd=tmp_path))}
    found = lsp.diagnostics(path)
    assert found == [], [(cli_position(d), d["message"]) for d in found]


def test_docs_list_every_difference() -> None:
    docs = (ROOT / "docs" / "EDITORS.md").read_text(encoding="utf-8")
    assert [case for case in DIFFERENCES if case not in docs] == []
