"""A function over many tasks in several processes, results in task order.

On Linux the workers are forked from this process, which works too: ``jobs - 1`` children share everything the
parent imported and built, every process claims the next task from a counter in a shared file in memory (under a
POSIX record lock, which the kernel releases if its holder dies), and the children send each result back through
a pipe that the parent drains between its own tasks. Elsewhere (no ``fork``, no file in memory, or a platform where
forking a process is unsafe) a ``concurrent.futures.ProcessPoolExecutor`` does the same with ``jobs`` workers.

Why not the pool everywhere: its parent only hands out tasks and gathers results, and it costs the import of
``multiprocessing``, a feeder thread and pickled tasks; for a batch of small reports that is much of what a second
process could gain (``benchmarks/bench.py``, ``-j 2`` against ``-j 1``).

Either way a task's exception is raised again in the caller when its result is reached, as ``pool.map`` does, and a
worker that dies (killed, out of memory) ends the batch with an ``InternalError`` naming it.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import suppress
from itertools import repeat
from typing import Any, TypeVar

from toolkit.errors import InternalError

T = TypeVar("T")
R = TypeVar("R")

_LENGTH = struct.Struct("<Q")
_COUNTER = struct.Struct("<q")
FORK = sys.platform == "linux" and hasattr(os, "fork")


def parallel_map(
    func: Callable[[T], R],
    tasks: Sequence[T],
    jobs: int,
    progress: Callable[[int], None] | None = None,
    *,
    fork: bool = FORK,
) -> Generator[R, None, None]:
    """``func`` over ``tasks`` in ``jobs`` processes (this one included when forking); results in task order.

    ``progress`` is called with 1 as each task is done, in whatever order they finish.
    """
    shared = _shared_file() if fork else None
    if shared is not None:
        yield from _forked(func, tasks, jobs, progress, shared)
        return
    from concurrent.futures import ProcessPoolExecutor

    workers = min(jobs, len(tasks))
    # A few tasks per message: less traffic than one at a time, and at most 16, so the last message leaves the
    # other workers idle for little time.
    chunk = max(1, min(16, len(tasks) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(_outcome, repeat(func), tasks, chunksize=chunk):
            if progress:
                progress(1)
            yield _result(outcome)


class _Counter:
    """The index of the next unclaimed task, in a file every forked process shares, under a POSIX record lock."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        os.pwrite(fd, _COUNTER.pack(0), 0)

    def claim(self) -> int:
        import fcntl

        fcntl.lockf(self.fd, fcntl.LOCK_EX, 1, 0)
        try:
            (index,) = _COUNTER.unpack(os.pread(self.fd, _COUNTER.size, 0))
            os.pwrite(self.fd, _COUNTER.pack(index + 1), 0)
        finally:
            fcntl.lockf(self.fd, fcntl.LOCK_UN, 1, 0)
        return int(index)


class _Child:
    """A forked worker as the parent sees it: its pid, the read end of its result pipe, bytes not yet parsed."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.fd = fd
        self.buffer = bytearray()
        self.status: int | None = None


def _shared_file() -> int | None:
    """A file in memory for the counter (no folder needed), or None when the system offers none: then the pool."""
    try:
        return os.memfd_create("govreport_batch_counter", os.MFD_CLOEXEC)
    except (AttributeError, OSError):
        return None


def _forked(
    func: Callable[[T], R], tasks: Sequence[T], jobs: int, progress: Callable[[int], None] | None, shared: int
) -> Iterator[R]:
    children: list[_Child] = []
    try:
        yield from _run(func, tasks, jobs, progress, _Counter(shared), children)
    finally:
        _stop(children)
        os.close(shared)


def _run(
    func: Callable[[T], R],
    tasks: Sequence[T],
    jobs: int,
    progress: Callable[[int], None] | None,
    counter: _Counter,
    children: list[_Child],
) -> Iterator[R]:
    """Fork the children (into ``children``, for the caller to stop), work alongside them, yield in order."""
    count = len(tasks)
    done: dict[int, tuple[bool, Any]] = {}
    for stream in (sys.stdout, sys.stderr):  # a child must not write what the parent had buffered
        stream.flush()
    for _ in range(min(jobs, count) - 1):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which ends with os._exit
            os.close(read_end)
            for child in children:
                os.close(child.fd)
            _work(func, tasks, counter, write_end)
        os.close(write_end)
        children.append(_Child(pid, read_end))
    following = 0
    while (index := counter.claim()) < count:
        done[index] = _outcome(func, tasks[index])
        if progress:
            progress(1)
        _drain(children, done, progress, wait=False)
        while following in done:
            yield _result(done.pop(following))
            following += 1
    while any(child.status is None for child in children):
        _drain(children, done, progress, wait=True)
    for index in range(following, count):
        if index not in done:
            raise InternalError(_lost(children, index))
        yield _result(done.pop(index))


def _work(func: Callable[[T], Any], tasks: Sequence[T], counter: _Counter, out: int) -> None:  # pragma: no cover
    """A child's life: claim, run, send, until no task is left; then leave without any cleanup of the parent's."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent reports it; a child just ends
        while (index := counter.claim()) < len(tasks):
            ok, value = _outcome(func, tasks[index])
            try:
                payload = pickle.dumps((index, ok, value), pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # an unpicklable result or exception still reaches the parent as an error
                payload = pickle.dumps((index, False, InternalError(f"{type(exc).__name__}: {exc}")))
            view = memoryview(_LENGTH.pack(len(payload)) + payload)
            while view:
                view = view[os.write(out, view) :]
    except BaseException:
        code = 3
    finally:
        os._exit(code)


def _outcome(func: Callable[[T], R], task: T) -> tuple[bool, Any]:
    """(True, result) or (False, the exception it raised)."""
    try:
        return True, func(task)
    except Exception as exc:
        return False, exc


def _result(outcome: tuple[bool, Any]) -> Any:
    ok, value = outcome
    if not ok:
        raise value
    return value


def _drain(
    children: list[_Child], done: dict[int, tuple[bool, Any]], progress: Callable[[int], None] | None, wait: bool
) -> None:
    """Read what the children have sent (waiting for something when ``wait``); reap a child at end of file."""
    open_ = {child.fd: child for child in children if child.status is None}
    while open_:
        ready, _, _ = select.select(list(open_), [], [], None if wait else 0)
        if not ready:
            return
        for fd in ready:
            child = open_[fd]
            data = os.read(fd, 1 << 18)
            if not data:
                os.close(fd)
                del open_[fd]
                _, status = os.waitpid(child.pid, 0)
                child.status = status
                continue
            child.buffer += data
            for index, ok, value in _messages(child.buffer):
                done[index] = (ok, value)
                if progress:
                    progress(1)
        wait = False


def _messages(buffer: bytearray) -> Iterator[tuple[int, bool, Any]]:
    """The complete messages at the start of ``buffer``, removed from it."""
    while len(buffer) >= _LENGTH.size:
        (length,) = _LENGTH.unpack_from(buffer)
        end = _LENGTH.size + length
        if len(buffer) < end:
            return
        message = pickle.loads(buffer[_LENGTH.size : end])
        del buffer[:end]
        yield message


def _lost(children: list[_Child], index: int) -> str:
    """Why task ``index`` has no result: the workers that did not end normally."""
    ended = [f"{child.pid}（{_how_ended(child.status)}）" for child in children if child.status]
    who = "、".join(ended) or "未知"
    return f"第 {index + 1} 个文件没有结果：工作进程 {who}意外退出"


def _how_ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"被信号 {os.WTERMSIG(status)} 终止"
    return f"退出码 {os.waitstatus_to_exitcode(status)}"


def _stop(children: list[_Child]) -> None:
    """End and reap every child still running (the batch stopped early: an error, Ctrl-C, a closed generator)."""
    for child in children:
        if child.status is not None:
            continue
        with suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGTERM)
        os.waitpid(child.pid, 0)
        child.status = -1
        os.close(child.fd)
