"""Output files are written atomically: a failed run writes nothing and keeps an existing file."""

from __future__ import annotations

import errno
import os
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.output.atomic import finishing_in_background, write_atomic


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


def test_writes_finished_in_the_background_land_in_order_and_keep_their_failures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch leaves flushing and renaming to one thread: in the order the writes started (a backup before the
    file it keeps), each failure handed to whoever waits for that write, no temporary file left behind."""
    renamed: list[str] = []
    real = os.replace

    def replace(src: str, dst: str | Path) -> None:
        renamed.append(Path(dst).name)
        if Path(dst).name == "full.txt":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    (tmp_path / "a.txt").write_bytes(b"old")
    with finishing_in_background() as finisher:
        write_atomic(tmp_path / "a.txt.bak", (tmp_path / "a.txt").read_bytes())
        write_atomic(tmp_path / "a.txt", b"new")
        first = finisher.take()
        write_atomic(tmp_path / "full.txt", b"x")
        second = finisher.take()
    assert renamed == ["a.txt.bak", "a.txt", "full.txt"]
    for write in first:
        write.wait()
    with pytest.raises(OSError) as raised:
        second[0].wait()
    assert raised.value.errno == errno.ENOSPC
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "a.txt.bak"]
    assert (tmp_path / "a.txt").read_bytes() == b"new" and (tmp_path / "a.txt.bak").read_bytes() == b"old"


def test_an_interrupted_batch_still_finishes_the_writes_it_started(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt), finishing_in_background():
        write_atomic(tmp_path / "done.txt", b"built before the interrupt")
        raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["done.txt"]
    assert (tmp_path / "done.txt").read_bytes() == b"built before the interrupt"


def test_outside_a_batch_the_write_is_finished_before_it_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
    with pytest.raises(OSError):
        write_atomic(tmp_path / "a.txt", b"x")
    assert list(tmp_path.iterdir()) == []


def test_data_made_in_the_background_is_made_there_and_keeps_its_failure(tmp_path: Path) -> None:
    """A write may be given a call that makes its data (an archive still to be deflated): in a batch the finishing
    thread makes it; a failure there is the write's failure, the file it would replace is kept and no temporary
    file is left."""
    made_on: list[str] = []

    def archive() -> bytes:
        made_on.append(threading.current_thread().name)
        return b"archive"

    def broken() -> bytes:
        raise ValueError("archive too large for a report package")

    (tmp_path / "kept.docx").write_bytes(b"last year's file")
    with finishing_in_background() as finisher:
        write_atomic(tmp_path / "made.docx", archive)
        write_atomic(tmp_path / "kept.docx", broken)
        made, failed = finisher.take()
    made.wait()
    with pytest.raises(ValueError):
        failed.wait()
    assert made_on == ["govreport: finishing writes"]
    assert (tmp_path / "made.docx").read_bytes() == b"archive"
    assert (tmp_path / "kept.docx").read_bytes() == b"last year's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.docx", "made.docx"]
    write_atomic(tmp_path / "alone.docx", archive)  # outside a batch: made here, before the call returns
    assert made_on[-1] == threading.current_thread().name and (tmp_path / "alone.docx").read_bytes() == b"archive"


def test_the_finishing_thread_gets_its_turn_within_a_millisecond_while_it_runs(tmp_path: Path) -> None:
    before = sys.getswitchinterval()
    with finishing_in_background():
        assert sys.getswitchinterval() <= 0.001
        write_atomic(tmp_path / "a.txt", b"x")
    assert sys.getswitchinterval() == before
