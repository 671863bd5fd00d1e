"""Many reports in one run: build FILE... --out-dir, validate FILE... -j N; one failure never stops the others."""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.paths import SAMPLES
from toolkit.cli import main
from toolkit.cli.batch import show_progress


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """Three samples and one broken file."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = ("x-city-2024.yaml", "x-city-2025.yaml", "y-county-2024.yaml")
    paths = [Path(shutil.copy(SAMPLES / name, folder)) for name in names]
    bad = folder / "broken.yaml"
    bad.write_text("type: county-urbanization\nmeta: [\n", encoding="utf-8")
    return [*paths, bad]


def test_build_many_writes_the_good_ones_and_reports_the_bad_one(inputs: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", *map(str, inputs), "--out-dir", str(out), "--format", "md"])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.glob("*.md")) == ["x-city-2024.md", "x-city-2025.md", "y-county-2024.md"]
    assert "broken.yaml:3:1: error[yaml-syntax]" in result.output
    assert result.output.count("共 4 个文件") == 1
    assert "已生成 3 个，失败 1 个" in result.output
    assert "Traceback" not in result.output


def test_build_in_workers_gives_the_same_files(inputs: list[Path], tmp_path: Path) -> None:
    good = inputs[:3]
    one, two = tmp_path / "j1", tmp_path / "j2"
    for jobs, folder in (("1", one), ("2", two)):
        proc = subprocess.run(
            [sys.executable, "-m", "toolkit", "build", *map(str, good), "--out-dir", str(folder), "-j", jobs],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "CI": "true"},
        )
        assert proc.returncode == 0, proc.stderr
        assert "共 3 个文件：已生成 3 个，失败 0 个" in proc.stdout
        assert proc.stderr == ""  # no progress bar when piped
    for path in one.iterdir():
        assert path.suffix == ".docx"
        assert (two / path.name).is_file()


def test_validate_in_workers_matches_one_process(inputs: list[Path]) -> None:
    runner = CliRunner()
    serial = runner.invoke(main, ["validate", *map(str, inputs), "--format", "json"])
    parallel = runner.invoke(main, ["validate", *map(str, inputs), "--format", "json", "-j", "2"])
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.output == parallel.output


def test_exit_status_is_the_worst(inputs: list[Path], tmp_path: Path) -> None:
    good = CliRunner().invoke(main, ["build", *map(str, inputs[:3]), "--out-dir", str(tmp_path / "o"), "-j", "2"])
    assert good.exit_code == 0, good.output
    bad = CliRunner().invoke(main, ["build", str(inputs[3]), str(inputs[0]), "--out-dir", str(tmp_path / "p")])
    assert bad.exit_code == 1
    assert (tmp_path / "p" / "x-city-2024.docx").is_file()


@pytest.mark.parametrize(
    "extra",
    [
        [],  # several files need --out-dir
        ["-o", "x.docx", "--out-dir", "d"],
    ],
)
def test_usage_errors(inputs: list[Path], extra: list[str]) -> None:
    result = CliRunner().invoke(main, ["build", *map(str, inputs[:2]), *extra])
    assert result.exit_code == 2


def test_two_inputs_to_one_output_is_refused(inputs: list[Path], tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    twin = Path(shutil.copy(inputs[0], other))
    result = CliRunner().invoke(main, ["build", str(inputs[0]), str(twin), "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "同一个输出文件" in result.output


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert show_progress()
    monkeypatch.setenv("CI", "true")
    assert not show_progress()
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert not show_progress()


def test_a_batch_in_one_process_keeps_findings_only_and_restores_the_collector(inputs: list[Path]) -> None:
    """Each file is checked with the cyclic collector paused and its tree dropped; the caller's collector state is
    left as it was, and the findings are those of checking the file alone."""
    import gc

    from toolkit.pipeline import check_file, validate_files

    assert gc.isenabled()
    results = validate_files(inputs)
    assert gc.isenabled()
    assert all(r.report is None and r.document is None and r.source is None and r.status is None for r in results)
    alone = [check_file(path) for path in inputs]
    assert [(r.file, [f.format() for f in r.findings]) for r in results] == [
        (a.file, [f.format() for f in a.findings]) for a in alone
    ]
    assert [r.rules for r in results] == [a.rules for a in alone]


def test_a_write_failing_after_its_build_fails_that_file_only(
    inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In one process a file's write is flushed and renamed while the next file is built; a failure there is
    reported for its own file (in Chinese, no traceback), the others are written, nothing temporary is left."""
    out = tmp_path / "out"
    real = os.replace

    def replace(src: str, dst: str | Path) -> None:
        if Path(dst).name == "x-city-2025.docx":
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = CliRunner().invoke(main, ["build", *map(str, inputs[:3]), "--out-dir", str(out)])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["x-city-2024.docx", "y-county-2024.docx"]
    assert f"x-city-2025.yaml: 错误：无法写入 {out / 'x-city-2025.docx'}：没有写入权限" in result.output
    assert "已生成 2 个，失败 1 个" in result.output
    assert "Traceback" not in result.output


def test_a_batch_writes_what_building_each_file_alone_writes(inputs: list[Path], tmp_path: Path) -> None:
    good = inputs[:3]
    batch, alone = tmp_path / "batch", tmp_path / "alone"
    alone.mkdir()
    result = CliRunner().invoke(main, ["build", *map(str, good), "--out-dir", str(batch)])
    assert result.exit_code == 0, result.output
    for path in good:
        single = CliRunner().invoke(main, ["build", str(path), "-o", str(alone / f"{path.stem}.docx")])
        assert single.exit_code == 0, single.output
        a, b = (zipfile.ZipFile(io.BytesIO((folder / f"{path.stem}.docx").read_bytes())) for folder in (batch, alone))
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name not in ("docProps/custom.xml", "docProps/core.xml"):  # the build's time and date
                assert a.read(name) == b.read(name), name
