"""toolkit.parallel: results in task order from forked workers (and from the pool elsewhere), errors kept."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

from toolkit.errors import InternalError
from toolkit.parallel import FORK, parallel_map, parallel_map_overlapped

PARENT = os.getpid()
KINDS = [pytest.param(True, id="fork"), pytest.param(False, id="pool")]


def square_with_pid(n: int) -> tuple[int, int]:
    time.sleep(0.005)  # long enough for every worker to start and claim tasks
    return n * n, os.getpid()


def fail_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError(f"bad {n}")
    return n


def large(n: int) -> str:
    return str(n) * 300_000  # far beyond a pipe's buffer


def children() -> set[int]:
    """This process's children, reaped or not (from /proc: other tests may have started processes of their own)."""
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found |= {int(pid) for pid in (task / "children").read_text().split()}
    return found


def killed_in_child(n: int) -> int:
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)  # the child dies in its first task
    time.sleep(0.005)
    return n


@pytest.mark.parametrize("fork", KINDS)
def test_results_come_in_task_order_from_several_processes(fork: bool) -> None:
    ticks: list[int] = []
    results = list(parallel_map(square_with_pid, range(40), 3, ticks.append, fork=fork))
    assert [value for value, _ in results] == [n * n for n in range(40)]
    assert len(ticks) == 40 and set(ticks) == {1}
    assert len({pid for _, pid in results}) >= 2  # the work was shared


@pytest.mark.parametrize("fork", KINDS)
def test_a_task_that_raises_raises_in_the_caller_at_its_place(fork: bool) -> None:
    seen: list[int] = []
    with pytest.raises(ValueError, match="bad 7"):
        for value in parallel_map(fail_on_seven, range(20), 2, fork=fork):
            seen.append(value)
    assert seen == list(range(7))


@pytest.mark.skipif(not FORK, reason="forked workers are the Linux path")
def test_results_larger_than_a_pipe_arrive_whole() -> None:
    assert list(parallel_map(large, range(6), 2, fork=True)) == [large(n) for n in range(6)]


@pytest.mark.skipif(not FORK, reason="forked workers are the Linux path")
def test_a_worker_killed_ends_the_batch_with_an_internal_error_and_no_child_is_left() -> None:
    before = children()
    with pytest.raises(InternalError, match=r"工作进程 [0-9]+（被信号 9 终止）意外退出"):
        list(parallel_map(killed_in_child, range(60), 2, fork=True))
    assert children() <= before  # every child was reaped


@pytest.mark.skipif(not FORK, reason="forked workers are the Linux path")
def test_stopping_early_stops_and_reaps_the_workers() -> None:
    before = children()
    results = parallel_map(square_with_pid, range(200), 3, fork=True)
    assert next(results)[0] == 0
    assert len(children() - before) == 2
    results.close()
    assert children() <= before


def test_one_job_or_one_task_runs_here() -> None:
    assert list(parallel_map(square_with_pid, [3], 4, fork=True)) == [(9, PARENT)]


def test_without_a_file_in_memory_the_pool_does_the_work(monkeypatch: pytest.MonkeyPatch) -> None:
    import toolkit.parallel

    monkeypatch.setattr(toolkit.parallel, "_shared_file", lambda: None)
    results = list(parallel_map(square_with_pid, range(12), 2, fork=True))
    assert [value for value, _ in results] == [n * n for n in range(12)]
    assert PARENT not in {pid for _, pid in results}  # the pool's workers, not this process


EVENTS: list[tuple[str, int]] = []  # this process's (a forked child's own copy) stages, in order
INSIDE: list[bool] = [False]


@contextmanager
def overlap() -> Iterator[None]:
    INSIDE[0] = True
    try:
        yield
    finally:
        INSIDE[0] = False


def start(n: int) -> Callable[[], tuple[int, int, tuple[tuple[str, int], ...], bool]]:
    time.sleep(0.002)
    if n == 7:
        raise ValueError("bad start 7")
    EVENTS.append(("start", n))
    return partial(finish, n, INSIDE[0])


def finish(n: int, inside: bool) -> tuple[int, int, tuple[tuple[str, int], ...], bool]:
    if n == 11:
        raise ValueError("bad finish 11")
    EVENTS.append(("finish", n))
    return n, os.getpid(), tuple(EVENTS), inside and INSIDE[0]


def test_two_stage_tasks_in_one_process_finish_after_the_next_has_started() -> None:
    """``jobs`` 1: the tasks run here, inside ``overlap``, a task's second stage after the next one's first."""
    EVENTS.clear()
    tasks = [n for n in range(12) if n not in (7, 11)]
    ticks: list[int] = []
    results = list(parallel_map_overlapped(start, tasks, 1, ticks.append, overlap=overlap))
    assert [n for n, *_ in results] == tasks and ticks == [1] * len(tasks)
    assert {pid for _, pid, _, _ in results} == {os.getpid()} and all(inside for *_, inside in results)
    for (n, _, events, _), following in zip(results, tasks[1:], strict=False):
        assert ("start", following) in events and ("finish", n) == events[-1]
    assert not INSIDE[0]


@pytest.mark.parametrize("fork", KINDS)
def test_two_stage_tasks_finish_after_the_next_has_started_in_their_process(fork: bool) -> None:
    """With ``overlap``, a forked process runs its tasks inside it and a task's second stage only once its next
    task's first stage has run (its writes finish meanwhile); the pool runs both stages at once. Results in
    order, an exception in either stage raised at its place."""
    EVENTS.clear()
    tasks = [n for n in range(40) if n not in (7, 11)]
    results = list(parallel_map_overlapped(start, tasks, 2, overlap=overlap, fork=fork))
    assert [n for n, *_ in results] == tasks
    assert len({pid for _, pid, _, _ in results}) >= 2
    final = {pid: max((e for _, p, e, _ in results if p == pid), key=len) for _, pid, _, _ in results}
    for n, pid, events, inside in results:
        starts = [m for kind, m in final[pid] if kind == "start"]
        following = starts[starts.index(n) + 1 :]
        if fork:
            assert inside
            assert not following or ("start", following[0]) in events  # its process's next task had started
        else:
            assert events[-2:] == (("start", n), ("finish", n))  # the pool: the second stage right after the first
    for bad, other in ((7, 11), (11, 7)):
        listed = [t for t in range(20) if t != other]
        seen: list[int] = []
        with pytest.raises(ValueError, match=f"bad .* {bad}"):
            for n, *_ in parallel_map_overlapped(start, listed, 2, overlap=overlap, fork=fork):
                seen.append(n)
        assert seen == [t for t in listed if t < bad]
