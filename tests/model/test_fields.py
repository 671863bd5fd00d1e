"""One classification of text fields: a heading is a template everywhere (compose, lint, rollover)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.paths import SAMPLE_2024
from tests.rulecase import check, codes, line_of, only, write_report
from toolkit.cli import main
from toolkit.model.fields import FieldKind, text_fields
from toolkit.model.loading import read_report
from toolkit.source.reader import read_yaml

METRIC = "metrics:\n  firms: {value: 12, unit: 个}\n"


def headed(tmp_path: Path, heading: str) -> Path:
    path = write_report(tmp_path, METRIC, text="共有{{ firms }}。")
    path.write_text(path.read_text(encoding="utf-8").replace("heading: 条目", f"heading: {heading}"), encoding="utf-8")
    return path


def test_every_heading_title_and_text_is_a_template_and_the_issuer_is_verbatim() -> None:
    report, _ = read_report(SAMPLE_2024)
    fields = list(text_fields(report))
    roles = {f.role for f in fields if f.kind is FieldKind.TEMPLATE}
    assert {"title", "preamble", "heading", "text"} <= roles <= {"title", "preamble", "heading", "text", "paragraph"}
    assert [f.role for f in fields if f.kind is FieldKind.VERBATIM] in ([], ["issuer"])
    headings = [f for f in fields if f.role == "heading"]
    assert len(headings) > 20 and all(f.path[-1] == "heading" for f in headings)


def test_year_in_a_heading_renders_and_validates_clean(tmp_path: Path) -> None:
    path = headed(tmp_path, '"{{ year }}年产业发展"')
    checked = check_file_codes(path)
    assert "year-mismatch" not in checked and "template-error" not in checked and "undefined-metric" not in checked
    out = tmp_path / "r.txt"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "1.2024年产业发展。" in text and "{{" not in text


def test_a_literal_year_in_a_heading_is_linted_like_any_text(tmp_path: Path) -> None:
    path = headed(tmp_path, "2023年产业发展")
    clean = tmp_path / "clean"
    clean.mkdir()
    assert "year-mismatch" not in codes(check(clean, METRIC))  # the report without it has none
    warned = only(check_path(path), "year-mismatch")
    assert warned.location.line == line_of(path, "2023年产业发展")


def test_an_undefined_name_in_a_heading_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = headed(tmp_path, '"{{ yaer }}年产业发展"')
    finding = only(check_path(path), "undefined-metric")
    assert finding.location.line == line_of(path, "{{ yaer }}")
    assert "year" in finding.message
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "r.txt")])
    assert result.exit_code == 1 and not (tmp_path / "r.txt").exists()


def test_rollover_moves_the_year_of_a_heading(tmp_path: Path) -> None:
    path = headed(tmp_path, "2024年产业发展")
    out = tmp_path / "r-2025.yaml"
    result = CliRunner().invoke(main, ["rollover", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    item = read_yaml(out).data["overview"]["parts"][0]["items"][0]
    assert item["heading"] == "{{ year }}年产业发展"


def check_path(path: Path):  # type: ignore[no-untyped-def]
    from toolkit.pipeline import check_file

    return check_file(path)


def check_file_codes(path: Path) -> list[str]:
    return codes(check_path(path))
