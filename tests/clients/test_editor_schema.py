"""The JSON Schema in a real editor engine: yaml-language-server, driven over stdio, against `govreport validate`.

Every file is opened under its real path, so the first-line modeline ``# yaml-language-server: $schema=…`` is what
associates it with the schema, exactly as in VS Code and the other editors built on yaml-language-server.

Tests marked "ISSUE 15" expect the behaviour issue 15 asks for and fail until it is implemented (they are not
xfail on purpose: the fix must turn them green).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.clients.lsp import LspClient, cli_position
from tests.clients.support import (
    ROOT,
    SAMPLE_2024,
    SAMPLES,
    Injection,
    modeline,
    problems,
    run_cli,
    validate_json,
    write_schema,
)

SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))
UNIT = re.compile(r"\bunit: [^,}\s#]+")
UNKNOWN_UNIT = Injection("mining_output:", "unit: 亿元", "unit: 亿园")


def describe(diagnostics: list[dict[str, Any]]) -> str:
    return "; ".join(f"{cli_position(d)} {d.get('source')}: {d['message'][:100]}" for d in diagnostics) or "none"


def positions(diagnostics: list[dict[str, Any]]) -> set[tuple[int, int]]:
    return {cli_position(d) for d in diagnostics}


def cli_positions(report: dict[str, Any]) -> set[tuple[int, int]]:
    return {(f["line"], f["column"]) for f in problems(report)}


def test_server_is_the_pinned_one(lsp: LspClient) -> None:
    assert lsp.server_info.get("name") == "yaml-language-server"


# -- the shipped samples ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_clean_sample_has_no_diagnostics(lsp: LspClient, sample: Path) -> None:
    assert modeline(sample.read_text(encoding="utf-8")) == "../schema/report.schema.json"
    found = lsp.diagnostics(sample)
    assert found == [], describe(found)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_modeline_really_loads_the_schema(lsp: LspClient, sample: Path) -> None:
    """An unknown unit typed into the open sample is flagged: 0 diagnostics above is not 0 checks."""
    lines = sample.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, s in enumerate(lines, 1) if UNIT.search(s))
    lines[line - 1] = UNIT.sub("unit: 亿园", lines[line - 1], count=1)
    try:
        found = lsp.diagnostics(sample, "".join(lines))
    finally:
        lsp.close_document(sample)
    assert [cli_position(d)[0] for d in found] == [line], describe(found)


def test_completion_offers_every_unit(lsp: LspClient, tmp_path: Path) -> None:
    """After ``unit: `` the editor offers the schema's unit vocabulary, all of it."""
    schema = json.loads(write_schema(tmp_path).read_text(encoding="utf-8"))
    units = set(schema["$defs"]["Metric"]["properties"]["unit"]["examples"])
    target = tmp_path / "samples" / "completion.yaml"
    target.parent.mkdir()
    text, line = Injection("central_pv_projects:", "unit: 个", "unit: ").apply(SAMPLE_2024.read_text(encoding="utf-8"))
    target.write_text(text, encoding="utf-8")
    lsp.diagnostics(target)
    column = len(text.splitlines()[line - 1])
    offered = {
        str(item.get("insertText") or item["label"]).strip('"') for item in lsp.completion(target, line - 1, column)
    }
    assert units <= offered, sorted(units - offered)


# -- a table of single mistakes: the editor flags what the CLI flags, at the same line and column -----------------


AGREE = {
    "unknown key": Injection("electronics_output:", "source: 工信局", "souce: 工信局"),
    "list as value": Injection("mining_output:", "value: 12.74", "value: [12.74]"),
    "boolean as value": Injection("mining_output:", "value: 12.74", "value: true"),
    "mapping as value": Injection("mining_output:", "value: 12.74", "value: {amount: 12.74}"),
    "unknown unit": UNKNOWN_UNIT,
    "unknown qualifier": Injection("central_pv_projects:", "qualifier: 约", "qualifier: 大约"),
    # ISSUE 15: the schema's value/yoy/prior take any string today, so the editor stays silent on these.
    "letters in value": Injection("mining_output:", "value: 12.74", "value: 12.7a"),
    "letters in yoy": Injection("electronics_output:", "yoy: 3.6", "yoy: 3.6x"),
    "letters in prior": Injection("mining_output:", "value: 12.74", "prior: 十二\n                  value: 12.74"),
    "thousands separator": Injection("mining_output:", "value: 12.74", "value: 1,274"),
    "underscore in a number": Injection("mining_output:", "value: 12.74", "value: 1_274"),
    "full-width digits": Injection("mining_output:", "value: 12.74", "value: １２.７４"),
    "year as text": Injection("meta:", "year: 2024", 'year: "2024"'),
    "year out of range": Injection("meta:", "year: 2024", "year: 1999"),
    "unknown report type": Injection("type:", "type: county-urbanization", "type: county-urbanisation"),
    "unknown rule kind": Injection("- kind: yoy", "kind: yoy", "kind: yoyo"),
    "bad name in a rule": Injection("- kind: yoy", "metric: electronics_output", "metric: Electronics_Output"),
    # a metric of its own (renaming mining_output would also break the text that names it: a second, cross-field
    # error only the CLI sees)
    "reserved metric name": Injection(
        "mining_output:", "mining_output:", "range: {value: 1, unit: 个}\n                mining_output:"
    ),
    "duplicate key": Injection("mining_output:", "value: 12.74", "value: 12.74\n                  value: 12.75"),
}
DECLARED_UNITS = "type: county-urbanization\nunits:\n  标准箱: {kind: count}"
# Both must stay silent on these.
CLEAN = {
    "number in quotes": Injection("mining_output:", "value: 12.74", 'value: "12.74"'),
    "missing value": Injection("mining_output:", "value: 12.74", "value: null"),
    "unit with a magnitude": Injection("mining_output:", "unit: 亿元", "unit: 千万元"),
    "unit the report declares": (
        Injection("type:", "type: county-urbanization", DECLARED_UNITS),
        Injection("mining_output:", "unit: 亿元", "unit: 万标准箱"),
    ),
    # ISSUE 15: the CLI accepts qualifier: null (and the editor's own completion inserts it); the schema's enum sat
    # outside the anyOf and rejected null.
    "null qualifier": Injection(
        "electronics_output:", "source: 工信局", "qualifier: null\n                  source: 工信局"
    ),
}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder laid out like the repository: schema/report.schema.json from `govreport schema`, samples/ empty."""
    write_schema(tmp_path)
    (tmp_path / "samples").mkdir()
    return tmp_path


def inject(workspace: Path, name: str, *injections: Injection) -> tuple[Path, int]:
    """The 2024 sample with the injections applied, in the workspace; the line where the last one starts."""
    text, line = SAMPLE_2024.read_text(encoding="utf-8"), 0
    for injection in injections:
        text, line = injection.apply(text)
    path = workspace / "samples" / f"{name.replace(' ', '-')}.yaml"
    path.write_text(text, encoding="utf-8")
    return path, line


@pytest.mark.parametrize("case", list(AGREE))
def test_editor_and_cli_flag_the_same_place(lsp: LspClient, workspace: Path, case: str) -> None:
    path, line = inject(workspace, case, AGREE[case])
    report = validate_json(path, cwd=workspace)
    expected = cli_positions(report)
    lines = range(line, line + AGREE[case].new.count("\n") + 1)  # where the injected text lies
    assert expected and all(at[0] in lines for at in expected), report["findings"]
    found = lsp.diagnostics(path)
    assert positions(found) == expected, f"editor: {describe(found)}; CLI: {problems(report)}"


@pytest.mark.parametrize("case", list(CLEAN))
def test_editor_and_cli_accept_the_same(lsp: LspClient, workspace: Path, case: str) -> None:
    cleans = CLEAN[case]
    path, _ = inject(workspace, case, *(cleans if isinstance(cleans, tuple) else (cleans,)))
    assert problems(validate_json(path, cwd=workspace)) == []
    found = lsp.diagnostics(path)
    assert found == [], describe(found)


def test_bad_metric_name_is_flagged_by_both(lsp: LspClient, workspace: Path) -> None:
    """ISSUE 15: ``Mining_Output`` breaks the id pattern: the CLI says bad-name, the editor flags the same key
    (``metrics`` had patternProperties but no propertyNames, so the editor let it pass)."""
    # a metric of its own: renaming mining_output would also break the text that names it (a cross-field error)
    bad = Injection(
        "mining_output:", "mining_output:", "Mining_Output: {value: 1, unit: 个}\n                mining_output:"
    )
    path, line = inject(workspace, "bad name", bad)
    report = validate_json(path, cwd=workspace)
    assert [(f["code"], f["line"], f["column"]) for f in problems(report)] == [("bad-name", line, 17)]
    found = lsp.diagnostics(path)
    assert positions(found) == cli_positions(report), describe(found)


def test_missing_unit_is_flagged_by_both(lsp: LspClient, workspace: Path) -> None:
    path, _ = inject(workspace, "missing unit", Injection("mining_output:", "                  unit: 亿元\n", ""))
    key = path.read_text(encoding="utf-8").splitlines().index("                mining_output:") + 1
    report = validate_json(path, cwd=workspace)
    assert [(f["code"], f["line"]) for f in problems(report)] == [("missing-key", key + 1)]
    found = lsp.diagnostics(path)
    # The editor points at the metric's key, the CLI at the mapping's first key, on the next line.
    assert [(cli_position(d)[0], "unit" in d["message"]) for d in found] == [(key, True)], describe(found)


# -- files the CLI writes for users, in a folder outside the repository --------------------------------------------


def rolled_over(folder: Path) -> Path:
    out = folder / "x-city-2025.yaml"
    run_cli("rollover", SAMPLE_2024, "--year", "2025", "-o", out, cwd=folder, ok=(0,))
    return out


def skeleton(folder: Path) -> Path:
    out = folder / "z-county-2025.yaml"
    run_cli("new", "--region", "z县", "--year", "2025", "-o", out, cwd=folder, ok=(0,))
    return out


# A metric with an unknown unit, added as the first item of the skeleton's first part.
SKELETON_METRIC = """items:
        - heading: 县城产业支撑能力不断增强
          text: 前三季度产值累计{{ some_output }}。
          metrics:
            some_output: {value: 1.5, unit: 亿园, period: 前三季度, source: 工信局}"""


def imported(folder: Path) -> Path:
    out = folder / "x-city-2024.yaml"
    run_cli("import", ROOT / "seeds" / "000_07c29d117ceb4953.txt", "-o", out, cwd=folder, ok=(0,))
    return out


OUTPUTS = {
    "rollover": (rolled_over, UNKNOWN_UNIT),
    "new": (skeleton, Injection("pillar: industry", "items: []", SKELETON_METRIC)),
    "import": (imported, Injection("metrics:", 'unit: "亿元"', 'unit: "亿园"')),
}


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("team-folder")
    assert ROOT not in folder.parents
    return folder


@pytest.mark.parametrize("command", list(OUTPUTS))
def test_cli_output_opens_clean_in_the_editor(lsp: LspClient, outside: Path, command: str) -> None:
    """ISSUE 15: a file `rollover`/`new`/`import` writes is associated with the schema (rollover kept a dangling
    relative modeline, new wrote none) and is clean in the editor as in the CLI."""
    path = OUTPUTS[command][0](outside)
    assert modeline(path.read_text(encoding="utf-8")), "no yaml-language-server modeline on the first line"
    assert problems(validate_json(path, cwd=outside)) == []
    found = lsp.diagnostics(path)
    assert found == [], describe(found)


@pytest.mark.parametrize("command", list(OUTPUTS))
def test_cli_output_gets_schema_validation(lsp: LspClient, outside: Path, command: str) -> None:
    """ISSUE 15 acceptance 1: an unknown unit injected into a `rollover`/`new` output, written to a folder outside
    the repository, is flagged by yaml-language-server at the line and column `govreport validate` reports."""
    make, injection = OUTPUTS[command]
    path = make(outside)
    text, _ = injection.apply(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    report = validate_json(path, cwd=outside)
    assert [f["code"] for f in problems(report)] == ["unknown-unit"], report["findings"]
    found = lsp.diagnostics(path)
    assert positions(found) == cli_positions(report), f"editor: {describe(found)}; CLI: {problems(report)}"


def test_team_folder_with_its_own_schema(lsp: LspClient, outside: Path) -> None:
    """`govreport schema -o FOLDER/schema/report.schema.json` once; files written below FOLDER then reference that
    copy by a relative path, which still resolves when the folder is shared or moved (docs/EDITORS.md)."""
    (outside / "schema").mkdir()
    run_cli("schema", "-o", outside / "schema" / "report.schema.json", ok=(0,))
    (outside / "2025").mkdir()
    path = skeleton(outside / "2025")
    assert modeline(path.read_text(encoding="utf-8")) == "../schema/report.schema.json"
    rolled = outside / "2025" / "x-city-2025.yaml"
    run_cli("rollover", SAMPLE_2024, "-o", rolled, cwd=outside, ok=(0,))
    assert modeline(rolled.read_text(encoding="utf-8")) == "../schema/report.schema.json"
    text, _ = OUTPUTS["new"][1].apply(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    report = validate_json(path, cwd=outside)
    found = lsp.diagnostics(path)
    assert positions(found) == cli_positions(report) != set(), f"editor: {describe(found)}; CLI: {problems(report)}"
