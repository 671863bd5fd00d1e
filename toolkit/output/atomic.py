"""Write output files atomically: a temporary file in the same folder, flushed to disk, then a rename.

A batch may finish its writes in the background (``finishing_in_background``): the temporary file is made at once,
and one thread makes the data (deflating an archive's new parts: zlib lets go of the interpreter meanwhile), writes
and flushes it to disk and renames it into place, in the order the writes were started, while the batch builds the
next report. Each write is then a ``Write`` the batch waits for before it reports that file, so a failure still
belongs to its file.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    import queue


def file_mode() -> int:
    """The mode a new file gets under the user's umask (``0o666 & ~umask``), as ``open()`` would give it."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


Data = bytes | Callable[[], bytes]
"""What a write puts in the file: the bytes, or a call that makes them (an archive still to be deflated)."""


@dataclass
class Write:
    """One atomic write into the temporary file ``tmp`` (open as ``handle``), renamed into place when finished."""

    path: Path
    handle: BinaryIO
    tmp: str
    mode: int
    data: Data
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None

    def finish(self) -> None:
        """Make and write the data, flush it to disk, set the mode and rename into place; on failure remove the
        temporary file and raise."""
        try:
            try:
                data = self.data if isinstance(self.data, bytes) else self.data()
                self.handle.write(data)
                self.handle.flush()
                os.fsync(self.handle.fileno())
            finally:
                self.handle.close()
            os.chmod(self.tmp, self.mode)
            os.replace(self.tmp, self.path)
        except BaseException:
            Path(self.tmp).unlink(missing_ok=True)
            raise

    def wait(self) -> None:
        """Block until the write is finished; raise what finishing it raised."""
        self.done.wait()
        if self.error is not None:
            raise self.error


def write_atomic(path: Path, data: Data) -> None:
    """Replace ``path`` with ``data`` in one step; on any failure nothing is left behind.

    The temporary file is made at once (a folder that cannot take it fails here). Inside
    ``finishing_in_background`` making the data, writing, flushing and renaming are left to its thread (see the
    module docstring). Raises OSError; callers go through ``toolkit.output.guard``, which turns it into a Chinese
    message.
    """
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        handle = os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    write = Write(path, handle, tmp, file_mode(), data)
    finisher = _FINISHER.get()
    if finisher is None:
        write.finish()
    else:
        finisher.start(write)


class Finisher:
    """One thread finishing writes in the order they were started (a backup before the file it keeps)."""

    def __init__(self) -> None:
        import queue  # (only a batch needs it)

        self._queue: queue.SimpleQueue[Write | None] = queue.SimpleQueue()
        self._started: list[Write] = []
        self._thread = threading.Thread(target=self._run, name="govreport: finishing writes", daemon=True)
        self._thread.start()

    def start(self, write: Write) -> None:
        """Queue a write to be finished."""
        self._started.append(write)
        self._queue.put(write)

    def take(self) -> list[Write]:
        """The writes started since the last call (one file's, when asked after each file)."""
        started, self._started = self._started, []
        return started

    def close(self) -> None:
        """Finish every queued write, then stop the thread."""
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while (write := self._queue.get()) is not None:
            try:
                write.finish()
            except BaseException as exc:  # handed to the waiting caller, whatever it is
                write.error = exc
            finally:
                write.done.set()


_FINISHER: ContextVar[Finisher | None] = ContextVar("finisher", default=None)


def started_writes() -> list[Write]:
    """The writes started in ``finishing_in_background`` since the last call (none outside it)."""
    finisher = _FINISHER.get()
    return finisher.take() if finisher is not None else []


SWITCH_INTERVAL = 0.001
"""Seconds a thread runs Python before another waiting for the interpreter gets its turn, within the block.

Why: the thread's Python steps (putting an archive together, each system call's return) wait for the building
thread to let go of the interpreter; at Python's default of 5 ms the batch would often reach a file's result before
its write was done and wait for it (0.4 ms a report measured), at 1 ms it hardly ever does."""


@contextmanager
def finishing_in_background() -> Iterator[Finisher]:
    """Within the block, ``write_atomic`` leaves flushing and renaming to one background thread; every write is
    finished when the block ends, however it ends."""
    finisher = Finisher()
    token = _FINISHER.set(finisher)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    try:
        yield finisher
    finally:
        _FINISHER.reset(token)
        try:
            finisher.close()
        finally:
            sys.setswitchinterval(interval)
