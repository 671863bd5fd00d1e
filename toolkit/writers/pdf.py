"""PDF through LibreOffice: the .docx converted headless, in a throw-away folder with its own profile.

Why an isolated profile (``-env:UserInstallation``): a running or crashed LibreOffice of the user's, or a
parallel conversion, would otherwise lock the shared profile and make the conversion fail or hang.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from toolkit.errors import GovreportError

TIMEOUT_SECONDS = 180
MISSING = (
    "未找到 LibreOffice（soffice），无法生成 PDF。请先安装 LibreOffice"
    "（如 Debian/Ubuntu：apt-get install libreoffice-writer-nogui fonts-noto-cjk），或改用 --format docx。"
)


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(data: bytes, suffix: str, target: str) -> bytes:
    """Convert a document given as bytes; ``target`` is a LibreOffice filter such as ``pdf``."""
    soffice = find_soffice()
    if soffice is None:
        raise GovreportError(MISSING)
    with tempfile.TemporaryDirectory(prefix="govreport-lo-") as tmp:
        folder = Path(tmp)
        source = folder / f"report{suffix}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise GovreportError(f"LibreOffice 转换超时（{TIMEOUT_SECONDS} 秒）。") from None
        result = folder / "out" / f"report.{target.split(':')[0]}"
        if done.returncode != 0 or not result.is_file():
            detail = done.stderr.decode("utf-8", "replace").strip()[-500:]
            raise GovreportError(f"LibreOffice 转换失败（退出码 {done.returncode}）：{detail or '没有输出文件'}")
        return result.read_bytes()


def docx_to_pdf(data: bytes) -> bytes:
    """The PDF of a .docx given as bytes."""
    return convert_with_libreoffice(data, ".docx", "pdf")
