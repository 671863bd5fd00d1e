"""Time and peak memory of ``govreport validate`` and ``build`` on hostile input (issue 9, acceptance 2).

    python benchmarks/hostile.py

Each case runs the CLI in a fresh process; the peak resident memory is that process's ``ru_maxrss``.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "x-city-2024.yaml"
TEXT_LINE = "          text: 推动x市“六个百亿”产业项目发展。"


def alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for parent, child in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{child}: &{child} [{', '.join([f'*{parent}'] * 9)}]")
    return "\n".join(lines) + "\n"


def in_text(snippet: str) -> str:
    return SAMPLE.read_text(encoding="utf-8").replace(TEXT_LINE, f"          text: '{snippet}'", 1)


CASES = {
    "alias bomb (9 lines, 10^9 nodes if expanded)": alias_bomb(),
    "recursive alias (type: &a [*a])": "type: &a [*a]\n",
    "text {{ (9 ** (9 ** 9)) > 1 }}": in_text("{{ (9 ** (9 ** 9)) > 1 }}"),
    'text {{ "ab" * 5000000 }}': in_text('{{ "ab" * 5000000 }}'),
    "3,000 nested [": "a: " + "[" * 3000 + "]" * 3000 + "\n",
    "5,000-digit integer": "a: " + "9" * 5000 + "\n",
    "the x市 sample (for comparison)": SAMPLE.read_text(encoding="utf-8"),
}


def one(path: str, command: str) -> None:
    """Run the CLI once (in this child) and print its wall time, peak memory and exit code."""
    start = time.perf_counter()
    args = [sys.executable, "-m", "toolkit", command, path]
    if command == "build":
        args += ["-o", str(Path(path).with_suffix(".txt"))]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    first = (done.stdout + done.stderr).strip().splitlines()[0] if (done.stdout + done.stderr).strip() else ""
    print(f"{elapsed:6.2f} s {peak:7.1f} MB  exit {done.returncode}  {first[:110]}")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        one(sys.argv[2], sys.argv[3])
        return
    with tempfile.TemporaryDirectory() as folder:
        for k, (name, text) in enumerate(CASES.items()):
            path = Path(folder) / f"case{k}.yaml"
            path.write_text(text, encoding="utf-8")
            for command in ("validate", "build"):
                print(f"{command:8} {name}")
                sys.stdout.flush()
                subprocess.run([sys.executable, __file__, "--one", str(path), command], check=False)


if __name__ == "__main__":
    main()
