"""The output guard: formats, inputs, foreign and changed files, backups, OSErrors."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from toolkit.errors import GovreportError
from toolkit.output.guard import backup_path, check_output, os_error_message, output_format, write_output

FORMATS = ("docx", "pdf", "md", "txt")


def test_output_format() -> None:
    assert output_format(None, None, FORMATS) == "docx"
    assert output_format(Path("a.MD"), None, FORMATS) == "md"
    assert output_format(Path("a.doc"), "docx", FORMATS) == "docx"
    with pytest.raises(GovreportError, match=r"\.doc"):
        output_format(Path("a.doc"), None, FORMATS)
    with pytest.raises(GovreportError, match="不一致"):
        output_format(Path("a.pdf"), "docx", FORMATS)


def test_write_then_rewrite_then_refuse_a_changed_file(tmp_path: Path) -> None:
    out = tmp_path / "a.txt"
    write_output(out, b"one", fmt="txt")
    write_output(out, b"two", fmt="txt")
    out.write_bytes(b"edited")
    with pytest.raises(GovreportError, match="修改过"):
        write_output(out, b"three", fmt="txt")
    assert write_output(out, b"three", fmt="txt", force=True) == tmp_path / "a.txt.bak"
    assert (tmp_path / "a.txt.bak").read_bytes() == b"edited"


def test_identical_content_is_never_refused(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    out.write_bytes(b"{}")
    write_output(out, b"{}", fmt="json")
    check_output(out, data=b"{}")


def test_backups_never_replace_each_other(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    out.write_bytes(b"x")
    (tmp_path / "a.yaml.bak").write_bytes(b"older")
    assert backup_path(out).name == "a.yaml.bak2"


def test_editable_outputs_always_need_force(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    write_output(out, b"a: 1\n", fmt="yaml", editable=True)
    with pytest.raises(GovreportError, match="已存在"):
        check_output(out, editable=True)


def test_an_input_is_refused_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(GovreportError, match="输入文件"):
        check_output(tmp_path / "." / "a.yaml", inputs=[source], force=True)


def test_an_input_under_another_name_is_refused(tmp_path: Path) -> None:
    """A symbolic link, a hard link or another spelling of the input's path is the input; so is the input's own
    path while it does not exist yet."""
    source = tmp_path / "a.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "link.docx").symlink_to(source)
    (tmp_path / "hard.docx").hardlink_to(source)
    (tmp_path / "sub").mkdir()
    for out in (tmp_path / "link.docx", tmp_path / "hard.docx", tmp_path / "sub" / ".." / "a.yaml"):
        with pytest.raises(GovreportError, match="就是输入文件"):
            check_output(out, inputs=[tmp_path / "missing.yaml", source], force=True)
    with pytest.raises(GovreportError, match="就是输入文件"):
        check_output(tmp_path / "new.yaml", inputs=[tmp_path / "sub" / ".." / "new.yaml"])
    check_output(tmp_path / "other.docx", inputs=[source])  # a new file beside it is fine


def test_os_error_messages_are_chinese() -> None:
    message = os_error_message(OSError(errno.ENOSPC, "No space left on device"), Path("x.docx"))
    assert message == "无法写入 x.docx：磁盘空间已满"
    assert "意外" not in os_error_message(OSError(12345, "odd"), Path("x"))
