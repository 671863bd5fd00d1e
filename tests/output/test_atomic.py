"""Output files are written atomically: a failed run writes nothing and keeps an existing file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.output.atomic import write_atomic


def broken_copy(sample: Path, tmp_path: Path) -> Path:
    text = sample.read_text(encoding="utf-8").replace("unit: 亿元", "unit: 亿圆", 1)
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_failed_build_leaves_no_file(sample_2024: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["build", str(broken_copy(sample_2024, tmp_path)), "-o", str(out)])
    assert result.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml"]


def test_failed_build_keeps_existing_file(sample_2024: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"last year's file")
    os.utime(out, (1_000_000_000, 1_000_000_000))
    result = CliRunner().invoke(main, ["build", str(broken_copy(sample_2024, tmp_path)), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_bytes() == b"last year's file"
    assert out.stat().st_mtime == 1_000_000_000


def test_interrupted_write_keeps_existing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(out, b"new")
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "a.txt", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o640


def test_successful_write_replaces(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")
    write_atomic(out, b"new")
    assert out.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
