"""Time `validate`, `build` and `import` on the sample, and the refusal of hostile documents, and print the figures.

Run: python benchmarks/inprocess.py [SAMPLE] [--repeat N]  (the side-by-side whole-process comparison is bench.py)
Prints the median and best of N in-process runs for each stage, and the cold start of the CLI.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.pipeline import build, check_file  # noqa: E402


def timed(func: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of each run."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float]) -> None:
    median, best = statistics.median(times) * 1000, min(times) * 1000
    print(f"{name:<28} median {median:8.1f} ms   best {best:8.1f} ms   (n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sample", nargs="?", type=Path, default=ROOT / "samples" / "x-city-2024.yaml")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        report("validate (in process)", timed(lambda: check_file(args.sample), args.repeat))
        for fmt in ("txt", "md", "docx"):
            report(
                f"build --format {fmt}", timed(lambda fmt=fmt: build(args.sample, out / f"x.{fmt}", fmt), args.repeat)
            )
        cli = [sys.executable, "-m", "toolkit"]
        cold = timed(lambda: subprocess.run([*cli, "validate", str(args.sample)], check=True, capture_output=True), 5)
        report("govreport validate (cold)", cold)
        cold = timed(
            lambda: subprocess.run(
                [*cli, "build", str(args.sample), "-o", str(out / "c.docx")], check=True, capture_output=True
            ),
            5,
        )
        report("govreport build (cold)", cold)
        bench_import(out, min(args.repeat, 5))


def bench_import(out: Path, repeat: int) -> None:
    """Import of the seed and of a built .docx, and hostile documents refused (zip bomb, 100,000 empty paragraphs)."""
    import zipfile

    import docx
    from docx.oxml import OxmlElement

    from toolkit.errors import ReportInvalid
    from toolkit.workflow.importer import import_document

    seed = ROOT / "seeds" / "000_07c29d117ceb4953.txt"
    report("import seed .txt", timed(lambda: import_document(seed), repeat))
    built = out / "x.docx"
    build(ROOT / "samples" / "x-city-2024.yaml", built, "docx")
    report("import built .docx", timed(lambda: import_document(built), repeat))
    report("validate built .docx", timed(lambda: check_file(built), repeat))
    bomb = out / "bomb.docx"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as stream,
    ):
        for _ in range(1024):
            stream.write(b" " * (1 << 20))  # 1 GB inflated
    empty = docx.Document()
    for _ in range(100_000):
        empty.element.body.append(OxmlElement("w:p"))
    many = out / "empty.docx"
    empty.save(str(many))

    def refused(path: Path) -> None:
        try:
            import_document(path)
        except ReportInvalid:
            return
        raise AssertionError(f"{path} was not refused")

    report("refuse 1 GB zip bomb", timed(lambda: refused(bomb), repeat))
    report("refuse 100k empty paragraphs", timed(lambda: refused(many), repeat))


if __name__ == "__main__":
    main()
