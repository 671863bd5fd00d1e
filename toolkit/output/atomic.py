"""Write output files atomically: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from toolkit.errors import GovreportError


def ensure_writable(path: Path, *, force: bool = True) -> None:
    """Refuse before any work: an existing output without ``force``, or a missing output folder."""
    if path.exists() and not force:
        raise GovreportError(f"输出文件已存在：{path}（如需覆盖请加 --force）")
    if not path.parent.is_dir():
        raise GovreportError(f"输出目录不存在：{path.parent}")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; on any failure nothing is left behind."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
