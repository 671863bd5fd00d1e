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
from contextlib import AbstractContextManager, suppress
from functools import partial
from itertools import count, repeat
from typing import Any, TypeVar

from toolkit.errors import InternalError

T = TypeVar("T")
R = TypeVar("R")

_LENGTH = struct.Struct("<Q")
_COUNTER = struct.Struct("<q")
FORK = sys.platform == "linux" and hasattr(os, "fork")


Overlap = Callable[[], AbstractContextManager[object]]


def parallel_map(
    func: Callable[[T], R],
    tasks: Sequence[T],
    jobs: int,
    progress: Callable[[int], None] | None = None,
    *,
    fork: bool = FORK,
) -> Iterator[R]:
    """``func`` over ``tasks`` in ``jobs`` processes (this one included when forking); results in task order.

    ``progress`` is called with 1 as each task is done, in whatever order they finish.
    """
    return _map(func, tasks, jobs, progress, fork, None)


def parallel_map_overlapped(
    start: Callable[[T], Callable[[], R]],
    tasks: Sequence[T],
    jobs: int,
    progress: Callable[[int], None] | None = None,
    *,
    overlap: Overlap,
    fork: bool = FORK,
) -> Iterator[R]:
    """As ``parallel_map`` for tasks in two stages: ``start(task)`` does the work and returns the second stage,
    which waits for what the first left to a background thread (its writes) and returns the result. This process
    (``jobs`` ≤ 1) or each forked one runs its tasks inside ``overlap()`` and a task's second stage only after the
    next task's first; the pool runs both at once."""
    if jobs <= 1:
        return _serial(start, tasks, progress, overlap)
    return _map(start, tasks, jobs, progress, fork, overlap)


def _serial(
    start: Callable[[T], Callable[[], R]],
    tasks: Sequence[T],
    progress: Callable[[int], None] | None,
    overlap: Overlap,
) -> Iterator[R]:
    """Two-stage tasks in this process, results in task order."""
    claim = count().__next__
    for _, outcome in _own(start, tasks, claim, overlap):
        if progress:
            progress(1)
        yield _result(outcome)


def _map(
    func: Callable[[Any], Any],
    tasks: Sequence[Any],
    jobs: int,
    progress: Callable[[int], None] | None,
    fork: bool,
    overlap: Overlap | None,
) -> Generator[Any, None, None]:
    shared = _shared_file() if fork else None
    if shared is not None:
        yield from _forked(func, tasks, jobs, progress, shared, overlap)
        return
    if overlap is not None:
        func = partial(_both_stages, func)
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
    func: Callable[[T], R],
    tasks: Sequence[T],
    jobs: int,
    progress: Callable[[int], None] | None,
    shared: int,
    overlap: Overlap | None,
) -> Iterator[R]:
    children: list[_Child] = []
    try:
        yield from _run(func, tasks, jobs, progress, _Counter(shared), children, overlap)
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
    overlap: Overlap | None,
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
            _work(func, tasks, counter, write_end, overlap)
        os.close(write_end)
        children.append(_Child(pid, read_end))
    following = 0
    for index, outcome in _own(func, tasks, counter.claim, overlap):
        done[index] = outcome
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


def _own(
    func: Callable[[T], Any], tasks: Sequence[T], claim: Callable[[], int], overlap: Overlap | None
) -> Generator[tuple[int, tuple[bool, Any]], None, None]:
    """The tasks this process claims (``claim``: the next index), each with its outcome, until none is left; with
    ``overlap``, inside it, and a task's second stage run once the next task's first has run (see
    ``parallel_map_overlapped``)."""
    if overlap is None:
        while (index := claim()) < len(tasks):
            yield index, _outcome(func, tasks[index])
        return
    with overlap():
        pending: tuple[int, tuple[bool, Any]] | None = None
        while (index := claim()) < len(tasks):
            started = _outcome(func, tasks[index])
            if pending is not None:
                yield pending[0], _second(pending[1])
            pending = index, started
        if pending is not None:
            yield pending[0], _second(pending[1])


def _second(started: tuple[bool, Any]) -> tuple[bool, Any]:
    """The outcome of a task's second stage (a first stage that raised is its outcome)."""
    ok, finish = started
    return _outcome(_call, finish) if ok else started


def _call(finish: Callable[[], R]) -> R:
    return finish()


def _both_stages(func: Callable[[T], Callable[[], R]], task: T) -> R:
    """A two-stage task run at once (the pool's workers do not overlap)."""
    return func(task)()


def _work(
    func: Callable[[T], Any], tasks: Sequence[T], counter: _Counter, out: int, overlap: Overlap | None
) -> None:  # pragma: no cover
    """A child's life: claim, run, send, until no task is left; then leave without any cleanup of the parent's."""
    code = 0
    own = _own(func, tasks, counter.claim, overlap)
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent reports it; a child just ends
        for index, (ok, value) in own:
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
        with suppress(BaseException):
            own.close()  # what it left to a background thread is finished before the process ends
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
