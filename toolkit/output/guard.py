"""The one way output reaches the disk: every command that writes (build, rollover, new, schema, …) goes through here.

It refuses an output that is one of the inputs, an extension that is not a known format (unless the format is
given), and an existing file the toolkit did not write or that changed since it wrote it — unless ``force``, which
first keeps ``<name>.bak``. Writes are atomic with the user's umask, and every OSError becomes a Chinese
GovreportError (exit 1).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from toolkit import __version__
from toolkit.errors import GovreportError
from toolkit.output.atomic import write_atomic
from toolkit.output.fingerprint import (
    Assembled,
    Package,
    Provenance,
    UnreadableDocx,
    read_sidecar,
    sha256,
    sidecar_bytes,
    sidecar_path,
)


def output_format(output: Path | None, fmt: str | None, formats: Sequence[str], default: str = "docx") -> str:
    """The format to write: ``fmt`` when given, else the output's extension; an unknown extension is refused."""
    suffix = output.suffix.lstrip(".").lower() if output is not None else ""
    known = "、".join(f".{f}" for f in formats)
    if fmt is not None:
        if suffix in formats and suffix != fmt:
            raise GovreportError(
                f"输出文件 {output} 的扩展名 .{suffix} 与 --format {fmt} 不一致，写出的文件将无法打开。"
                f"请把文件名改为 .{fmt}，或去掉 --format"
            )
        return fmt
    if output is None:
        return default
    if suffix not in formats:
        shown = f"“.{suffix}”" if suffix else "（无扩展名）"
        raise GovreportError(
            f"不认识输出文件 {output} 的扩展名{shown}：可用 {known}；如确需此文件名，请用 --format 指定格式"
        )
    return suffix


def backup_path(path: Path) -> Path:
    """A free name for the backup of ``path``: ``x.docx.bak``, else ``x.docx.bak2``, ``x.docx.bak3`` …"""
    candidate = path.with_name(f"{path.name}.bak")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak{n}")
        n += 1
    return candidate


def provenance_state(path: Path, stat: os.stat_result | None = None) -> str:
    """``ours`` (written by the toolkit and unchanged), ``changed`` (ours, edited since) or ``foreign``.

    A build asks twice (before its work and just before writing); the second time, a file whose device, inode,
    size and times are unchanged has the state found the first time. ``stat`` is the file's, when at hand.
    """
    stat = stat or path.stat()
    return _provenance_state(path, stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


@lru_cache(maxsize=1)
def _provenance_state(path: Path, device: int, inode: int, size: int, mtime_ns: int, ctime_ns: int) -> str:
    """The state of ``path`` as it is now (the file's identity, size and times key the cache)."""
    if path.suffix.lower() == ".docx":
        try:
            package = Package(path.read_bytes())
            recorded = package.provenance()
            body = package.body_sha256()
        except UnreadableDocx:
            return "foreign"
        if recorded is None:
            return "foreign"
        return "ours" if body == recorded.body_sha256 else "changed"
    recorded = read_sidecar(path)
    if recorded is None:
        return "foreign"
    return "ours" if sha256(path.read_bytes()) == recorded.body_sha256 else "changed"


def _is_input(out: Path, found: os.stat_result | None, source: Path) -> bool:
    """Whether writing ``out`` (``found``: its stat, None when it does not exist) would replace ``source``: the same
    file under any name, or the same path while neither exists."""
    if found is None:
        return os.path.abspath(out) == os.path.abspath(source)
    try:
        other = os.stat(source)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (found.st_dev, found.st_ino)


def check_output(
    out: Path, *, inputs: Sequence[Path] = (), force: bool = False, editable: bool = False, data: bytes | None = None
) -> None:
    """Refuse before any work is done; see the module docstring. ``editable`` outputs (YAML) never replace silently.

    An existing file whose bytes equal ``data`` may always be replaced: nothing would be lost.
    """
    try:
        _check_output(out, inputs, force, editable, data)
    except OSError as exc:
        raise GovreportError(os_error_message(exc, out)) from None


def _check_output(out: Path, inputs: Sequence[Path], force: bool, editable: bool, data: bytes | None) -> None:
    try:
        found: os.stat_result | None = out.stat()
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP, errno.EBADF):  # as ``Path.exists``
            raise
        found = None
    for source in inputs:
        if _is_input(out, found, source):
            raise GovreportError(f"输出文件 {out} 就是输入文件，写入会覆盖它。请用 -o 指定另一个文件名")
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise GovreportError(f"输出路径 {out} 是一个文件夹，请在 -o 中给出文件名")
    parent = out.parent if str(out.parent) else Path(".")
    if found is None and not parent.is_dir():
        raise GovreportError(f"输出目录不存在：{parent}（请先创建该文件夹，或用 -o 指定已有的文件夹）")
    if found is None or force or (data is not None and found.st_size == len(data) and out.read_bytes() == data):
        return
    if editable:
        raise GovreportError(f"输出文件已存在：{out}。{_how(out)}")
    state = provenance_state(out, found)
    if state == "changed":
        raise GovreportError(f"{out} 在生成后被修改过（可能已在 Word/WPS 中编辑），为免丢失修改，未写入。{_how(out)}")
    if state == "foreign":
        raise GovreportError(f"{out} 已存在，且不是由 govreport 生成的文件，为免覆盖，未写入。{_how(out)}")
    if not os.access(out, os.W_OK):
        raise GovreportError(f"{out} 是只读文件，未写入。{_how(out)}")


def _how(out: Path) -> str:
    """What to do instead, naming the backup ``--force`` would keep (looked up only when refusing)."""
    return f"请用 -o 另存为其他文件名，或加 --force 覆盖（原文件将保留为 {backup_path(out).name}）"


def write_output(
    out: Path,
    data: bytes | Assembled,
    *,
    fmt: str,
    inputs: Sequence[Path] = (),
    source: Path | None = None,
    source_data: bytes | None = None,
    force: bool = False,
    editable: bool = False,
) -> Path | None:
    """Check, keep a backup when forcing over an existing file, record provenance, write atomically.

    ``source`` is the input the output was made from (its name and hash are recorded); ``source_data`` its bytes
    as they were read for the output (else it is read now: a file changed since would be recorded as it is now,
    not as it was built). ``data`` may be a .docx with its parts in hand (``Assembled``). Returns the backup's path.
    """
    check_output(out, inputs=inputs, force=force, editable=editable, data=data if isinstance(data, bytes) else None)
    try:
        return _write(out, data, fmt, source, source_data, editable, keep=force)
    except OSError as exc:
        raise GovreportError(os_error_message(exc, out)) from None


def _write(
    out: Path,
    written: bytes | Assembled,
    fmt: str,
    source: Path | None,
    source_data: bytes | None,
    editable: bool,
    keep: bool,
) -> Path | None:
    backup = None
    kept = out.read_bytes() if keep and out.exists() else None
    if kept is not None and kept != _bytes(written):
        backup = backup_path(out)
        write_atomic(backup, kept)
    if editable:
        write_atomic(out, _bytes(written))
        return backup
    package = (Package(written) if isinstance(written, bytes) else written) if fmt == "docx" else None
    body = package.body_sha256() if package else sha256(_bytes(written))
    provenance = Provenance(
        tool_version=__version__,
        source_name=source.name if source else "",
        source_sha256=sha256(source.read_bytes() if source_data is None else source_data) if source else "",
        body_sha256=body or "",
        built_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        fmt=fmt,
    )
    if isinstance(package, Assembled):
        write_atomic(out, package.stamping(provenance))  # (deflated and put together where it is written)
    elif package:
        write_atomic(out, package.stamped(provenance))
    else:
        write_atomic(out, _bytes(written))
        write_atomic(sidecar_path(out), sidecar_bytes(provenance))
    return backup


def _bytes(written: bytes | Assembled) -> bytes:
    """The bytes of what is written (an assembled package is put together only when they are needed)."""
    return written if isinstance(written, bytes) else written.data


_REASONS = {
    errno.ENOENT: "路径不存在",
    errno.EACCES: "没有写入权限，或文件正在 Word/WPS 等程序中打开（请关闭后重试）",
    errno.EPERM: "操作不被允许：文件可能被锁定或正在其他程序中打开（请关闭后重试）",
    errno.ENOSPC: "磁盘空间已满",
    errno.EROFS: "所在磁盘为只读",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EBUSY: "文件正被占用",
    errno.EDQUOT: "超出磁盘配额",
}


def os_error_message(exc: OSError, path: Path) -> str:
    """A Chinese message for an OSError met while writing ``path``."""
    reason = _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc))
    winerror = getattr(exc, "winerror", None)
    if winerror in (32, 33):  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        reason = "文件正在 Word/WPS 等程序中打开（请关闭后重试）"
    return f"无法写入 {path}：{reason}"
