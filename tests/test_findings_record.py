"""Findings recorded before the speed work (issue 13) and compared after: the read path, text path and writers
changed, the findings did not.

Every sample, every ``tests/cli/test_bad_input.py`` case (validate and build), and a set of malformed YAML
snippets: code, severity, line, column, data path, message and related places, in order. Refresh with
``pytest --update-golden`` only when a change of findings is intended, and say why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.cli.test_bad_input import CASES, GOOD
from tests.paths import GOLDEN, SAMPLES
from toolkit.cli import main
from toolkit.diagnostics.finding import Finding
from toolkit.pipeline import check_file

RECORD = GOLDEN / "findings.json"

# Findings the libyaml reader words differently, at the same place (issue 13): ruamel gave these two indentation
# errors without a Chinese explanation ("expected <block end>, but found '<block sequence start>'"); libyaml's
# "did not find expected key" gets the explanation the table already had.
REWORDED = {
    "snippet/bad-indent-list": "YAML 语法错误：缩进不一致，找不到预期的键（did not find expected key）",
    "snippet/bad-indent-key": "YAML 语法错误：缩进不一致，找不到预期的键（did not find expected key）",
}

# Malformed or unusual YAML: syntax errors keep their explanation, line and column.
SNIPPETS = {
    "unclosed-bracket": "a: [1, 2\nb: 3\n",
    "unclosed-brace": "a: {b: 1\nc: 2\n",
    "unclosed-brace-eof": "a: {b: 1",
    "mapping-in-plain": "a: b: c\n",
    "tab-indent": "a:\n\tb: 1\n",
    "tab-after-colon": "a:\t1\nb:\n\t- x\n",
    "unclosed-double-quote": 'a: "abc\nb: 1\n',
    "unclosed-single-quote": "a: 'abc\n",
    "undefined-alias": "a: *nope\n",
    "bad-indent-list": "a:\n  - 1\n - 2\n",
    "bad-indent-key": "a:\n    b: 1\n  c: 2\n",
    "at-sign": "a: @x\n",
    "backtick": "a: `x`\n",
    "bad-escape": 'a: "\\q"\n',
    "missing-colon": "a: 1\nb\nc: 2\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "document-end-then-text": "a: 1\n...\nb\n",
    "merge-key": "base: &b {x: 1}\nc:\n  <<: *b\n",
    "duplicate-nested": "a:\n  b: 1\n  c: 2\n  b: 3\n",
    "empty": "",
    "comment-only": "# nothing\n",
    "scalar-only": "just text\n",
    "list-top": "- 1\n- 2\n",
    "folded": "type: >-\n  产值累计，\n  同比增长。\n",
    "bom-crlf": "\ufefftype: x\r\nmeta: 1\r\n",
    "empty-values": "type: county-urbanization\nmeta:\n  title:\n  year: # 待填\n  region: {name: , level: 县}\n",
    "tab-in-plain": "type: a\tb\n",
    "tab-before-comment": "type: x\t# note\n",
    "folded-type": "type: >-\n  county-\n  urbanization\n",
    "yaml-11": "%YAML 1.1\n---\ntype: yes\nmeta: {year: 2024}\n",
    "typed-scalars": "type: .5e3\nmeta: {year: 1_000, title: 010, region: 2024-1-8}\n",
    "flow-empty": "type: [a, , b]\n",
    "bad-escape-later": 'type: x\nmeta: "\\q"\n',
}


def rows(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings as comparable rows."""
    return [
        {
            "code": f.code,
            "severity": f.severity.value,
            "line": f.location.line,
            "column": f.location.column,
            "path": f.location.path,
            "message": f.message,
            "related": [[r.line, r.column, r.path] for r in f.related],
        }
        for f in findings
    ]


def cli_lines(output: str, path: Path) -> list[str]:
    """The CLI's finding lines with the temporary folder taken out."""
    return [line.replace(str(path.parent), "<tmp>") for line in output.splitlines() if line.strip()]


def record(tmp_path: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for sample in sorted(SAMPLES.glob("*.yaml")):
        out[f"sample/{sample.name}"] = rows(check_file(sample).findings)
    runner = CliRunner()
    for name, old, new, *_ in CASES:
        path = tmp_path / f"{name}.yaml"
        path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
        out[f"bad/{name}"] = rows(check_file(path).findings)
        for command in ("validate", "build"):
            args = [command, str(path)] + (["-o", str(tmp_path / "x.txt")] if command == "build" else [])
            result = runner.invoke(main, args)
            out[f"bad/{name}/{command}"] = [result.exit_code, cli_lines(result.output, path)]
    for name, text in SNIPPETS.items():
        path = tmp_path / f"snippet-{name}.yaml"
        path.write_text(text, encoding="utf-8", newline="")
        out[f"snippet/{name}"] = rows(check_file(path).findings)
    return out


def test_findings_are_unchanged(tmp_path: Path, update_golden: bool) -> None:
    produced = record(tmp_path)
    if update_golden:
        for key in REWORDED:  # the record keeps what the ruamel reader said
            produced[key] = json.loads(RECORD.read_text(encoding="utf-8"))[key]
        RECORD.write_text(json.dumps(produced, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not RECORD.is_file():
        pytest.fail("findings record missing; run pytest --update-golden")
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    assert sorted(produced) == sorted(recorded)
    for key, value in recorded.items():
        if key in REWORDED and not update_golden:
            value = [{**value[0], "message": REWORDED[key]}]
        assert produced[key] == value, key
