"""What ``build`` and ``validate`` share when given many files: worker count, progress bar, one summary."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

JOBS = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="并行的工作进程数；0 表示按 CPU 核数。",
)


def worker_count(jobs: int) -> int:
    """``-j 0`` means one worker per CPU core."""
    return jobs or (os.cpu_count() or 1)


def show_progress() -> bool:
    """A progress bar only on a terminal, never when piped or in CI."""
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        return False
    return sys.stderr.isatty()


@contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A click progress bar on stderr for batches of two or more files, when ``show_progress``; else None."""
    if total < 2 or not show_progress():
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True) as bar:
        yield bar.update
