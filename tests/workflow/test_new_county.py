"""govreport new: a skeleton with the framework's required pillars that validates as incomplete, not broken."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from toolkit.cli import main
from toolkit.model.frameworks import framework
from toolkit.source.reader import read_yaml


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_the_skeleton_has_every_required_pillar_with_its_sub_areas(tmp_path: Path) -> None:
    out = tmp_path / "z-county-2025.yaml"
    code, output = run("new", "--region", "z县", "--year", "2025", "--province", "四川省", "-o", str(out))
    assert code == 0, output
    assert "已生成" in output
    data = read_yaml(out).data
    text = out.read_text(encoding="utf-8")
    assert data["meta"]["region"] == {"name": "z县", "level": "县", "province": "四川省"}
    assert data["meta"]["year"] == 2025
    spec = framework("county-urbanization")
    required = [p for p in spec.pillars.values() if p.required]
    assert [p["pillar"] for p in data["overview"]["parts"]] == [p.key for p in required]
    for pillar in required:
        assert pillar.chapter in text
        for key, name in pillar.sub_areas.items():
            assert f"#   {key}" in text and name in text  # sub-areas as commented prompts
    optional = [p for p in spec.pillars.values() if not p.required]
    assert all(f"# - pillar: {p.key}" in text for p in optional)


def test_the_skeleton_validates_and_builds_as_incomplete(tmp_path: Path) -> None:
    out = tmp_path / "z.yaml"
    assert run("new", "--region", "z县", "--year", "2025", "-o", str(out))[0] == 0
    code, output = run("validate", str(out))
    assert code == 0, output
    assert "error" not in output
    code, output = run("status", str(out))
    assert code == 1 and "尚无内容的部分 4 个" in output
    code, output = run("build", str(out), "--draft", "-o", str(tmp_path / "z.txt"))
    assert code == 0, output


def test_uncommenting_the_example_gives_a_valid_report(tmp_path: Path) -> None:
    out = tmp_path / "z.yaml"
    assert run("new", "--region", "z县", "--year", "2025", "-o", str(out))[0] == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    start = lines.index("      #   items:")
    example = [line.replace("      #   ", "      ", 1) for line in lines[start : start + 6]]
    end = next(k for k in range(start, len(lines)) if lines[k] == "      items: []")
    filled = tmp_path / "filled.yaml"
    filled.write_text("\n".join([*lines[:start], *example, *lines[end + 1 :]]) + "\n", encoding="utf-8")
    code, output = run("validate", str(filled))
    assert code == 0, output
    code, output = run("status", str(filled))
    assert code == 1 and "工信局：缺 1 / 共 1 个" in output


def test_names_that_need_quoting_are_safe(tmp_path: Path) -> None:
    out = tmp_path / "q.yaml"
    name = 'a: "b" #c {{ x }}'
    code, output = run("new", "--region", name, "--year", "2030", "--level", "自治县", "-o", str(out))
    assert code == 0, output
    region = read_yaml(out).data["meta"]["region"]
    assert region["name"] == name and region["level"] == "自治县"


def test_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "z.yaml"
    out.write_text("keep", encoding="utf-8")
    code, output = run("new", "--region", "z县", "--year", "2025", "-o", str(out))
    assert code == 1 and "已存在" in output and "--force" in output
    assert out.read_text(encoding="utf-8") == "keep"
    assert run("new", "--region", "z县", "--year", "2025", "-o", str(out), "--force")[0] == 0
    code, output = run("new", "--region", "z县", "--year", "1999", "-o", str(tmp_path / "a.yaml"))
    assert code == 1 and "超出范围" in output
    code, output = run("new", "--region", "z县", "--year", "2025", "--type", "nope", "-o", str(tmp_path / "b.yaml"))
    assert code == 1 and "未知报告类型" in output
    code, output = run("new", "--region", " ", "--year", "2025", "-o", str(tmp_path / "c.yaml"))
    assert code == 1 and "不能为空" in output
    code, output = run("new", "--region", "z县", "--year", "2025", "-o", str(tmp_path / "no" / "d.yaml"))
    assert code == 1 and "输出目录不存在" in output
    code, output = run("new", "--year", "2025", "-o", str(tmp_path / "e.yaml"))
    assert code == 2  # --region is required (usage error)


def test_the_skeleton_validates_as_incomplete_not_broken(tmp_path: Path) -> None:
    out = tmp_path / "z.yaml"
    assert CliRunner().invoke(main, ["new", "--region", "z县", "--year", "2025", "-o", str(out)]).exit_code == 0
    result = CliRunner().invoke(main, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert "error[" not in result.output
    assert "info[incomplete] 报告尚未完成：4 个部分尚无内容" in result.output


def test_read_back_refuses_what_does_not_load_as_a_bug() -> None:
    import pytest

    from toolkit.errors import InternalError
    from toolkit.workflow.readback import read_back

    with pytest.raises(InternalError, match="does not read back"):
        read_back("type: county-urbanization\nmeta: {}\n", "x.yaml")
