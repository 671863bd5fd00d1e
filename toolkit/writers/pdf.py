"""PDF through LibreOffice: the .docx converted headless, in a throw-away folder with its own profile.

Why an isolated profile (``-env:UserInstallation``): a running or crashed LibreOffice of the user's, or a
parallel conversion, would otherwise lock the shared profile and make the conversion fail or hang.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from toolkit.errors import GovreportError

TIMEOUT_SECONDS = 180
FALLBACK_FONTS = Path(__file__).with_name("fonts-fallback.conf")
MISSING = (
    "未找到 LibreOffice（soffice），无法生成 PDF。请先安装 LibreOffice"
    "（如 Debian/Ubuntu：apt-get install libreoffice-writer-nogui fonts-noto-cjk），或改用 --format docx。"
)


# Where installers put LibreOffice when it is not on PATH (Windows, macOS).
KNOWN_LOCATIONS = (
    Path("C:/Program Files/LibreOffice/program/soffice.exe"),
    Path("C:/Program Files (x86)/LibreOffice/program/soffice.exe"),
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)


def find_soffice() -> str | None:
    """The LibreOffice executable: on PATH, else at an installer's usual place."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        found = next((str(p) for p in KNOWN_LOCATIONS if p.is_file()), None)
    return found


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
        returncode, stderr = run_soffice(command)
        result = folder / "out" / f"report.{target.split(':')[0]}"
        if returncode != 0 or not result.is_file():
            detail = stderr.decode("utf-8", "replace").strip()[-500:]
            raise GovreportError(f"LibreOffice 转换失败（退出码 {returncode}）：{detail or '没有输出文件'}")
        return result.read_bytes()


def soffice_environment() -> dict[str, str]:
    """The environment for LibreOffice: Noto CJK as fallback for the official fonts, unless fontconfig is set."""
    env = dict(os.environ)
    if "FONTCONFIG_FILE" not in env and FALLBACK_FONTS.is_file() and Path("/etc/fonts/fonts.conf").is_file():
        env["FONTCONFIG_FILE"] = str(FALLBACK_FONTS)
    return env


def run_soffice(command: list[str]) -> tuple[int, bytes]:
    """Run LibreOffice in its own process group, so a hung conversion is ended with all its children."""
    posix = hasattr(os, "killpg")
    pipe = subprocess.PIPE
    env = soffice_environment()
    with subprocess.Popen(command, stdout=pipe, stderr=pipe, env=env, start_new_session=posix) as process:
        try:
            _, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            if posix:
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
            process.communicate()
            raise GovreportError(f"LibreOffice 转换超时（{TIMEOUT_SECONDS} 秒）。") from None
    return process.returncode, stderr


def docx_to_pdf(data: bytes) -> bytes:
    """The PDF of a .docx given as bytes."""
    return convert_with_libreoffice(data, ".docx", "pdf")
