"""Checking many inputs on every core: an ordered, bounded process pool.

:func:`ordered_map` runs a task function over an iterable of tasks in a pool of worker
processes and yields the results **in the order of the tasks**, whatever the number of
workers, keeping at most ``window`` tasks in flight: memory stays bounded however many
tasks the iterable produces (it is consumed lazily), and the output of a run does not
depend on ``--jobs``.

Each worker runs an initializer once (:func:`procutext.runner._init_worker`): it builds the
settings' resolver and loads the glossary and the gazetteer, so that they are built once
per worker, not once per document.

Small runs do not pay for starting the pool: :func:`worth_a_pool` says in-process when
there is one task or the inputs are smaller than :data:`MIN_POOL_BYTES` (``bench/scale.py``
against a forced pool of two: no gain below about 128 KB, where a corpus is one or two
chunks and the workers' loading of the glossary and gazetteer dominates; 1.35× at 256 KB).
"""

from __future__ import annotations

import os
import threading
from collections import deque
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: below this many bytes of input a run stays in one process (see the module docstring;
#: ``$PROCUTEXT_POOL_MIN_BYTES`` overrides it, as bench/scale.py does to find it)
MIN_POOL_BYTES = int(os.environ.get("PROCUTEXT_POOL_MIN_BYTES", 256 * 1024))
#: tasks kept in flight per worker: enough to keep every worker busy while the parent
#: writes results, few enough that memory does not grow with the number of tasks
IN_FLIGHT_PER_WORKER = 4


def default_jobs() -> int:
    """The number of cores this process may use (the CPU affinity mask, else os.cpu_count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None) -> int:
    """``jobs`` as a worker count: None or 0 means every core; negative numbers are refused."""
    if jobs is None or jobs == 0:
        return default_jobs()
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 0:
        raise ValueError(f"jobs must be a positive whole number (0 or None: every core), not {jobs!r}")
    return jobs


def worth_a_pool(jobs: int, tasks: int, size: int) -> bool:
    """Whether ``tasks`` inputs of ``size`` bytes in all are worth starting ``jobs`` workers."""
    return jobs > 1 and tasks > 1 and size >= MIN_POOL_BYTES


def _context() -> Any:
    """fork where it is safe (Linux, no other thread running: the workers start in
    milliseconds with the parent's imports), else forkserver or spawn."""
    import multiprocessing  # here, not at import: 11 ms of a start-up that checks one file

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1 and os.name == "posix" and \
            os.uname().sysname == "Linux":
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["procutext.runner", "procutext.engine"])
        return ctx
    return multiprocessing.get_context("spawn")


def _die_with_parent(parent: int, forked: bool) -> None:
    """Let the kernel kill this worker when its parent dies (Linux ``PR_SET_PDEATHSIG``): a
    parent killed with SIGKILL cannot shut its pool down, and forked workers would then wait
    forever on the task queue, whose writing end they hold too (a ``procutext fix`` killed in
    CI left its workers behind, and whoever waited for its output pipe waited with them). A
    forked worker whose parent is gone already exits at once."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError, TypeError):  # not Linux, or no libc to ask: as before
        pass
    if forked and os.getppid() != parent:
        os._exit(1)


def _start_worker(parent: int, forked: bool, initializer: "Callable[..., None] | None", initargs: tuple) -> None:
    import signal

    _die_with_parent(parent, forked)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    if initializer is not None:
        initializer(*initargs)


class _Stop(Exception):
    """SIGTERM arrived while the pool ran (see :func:`ordered_map`)."""


def ordered_map(func: Callable[[T], R], tasks: Iterable[T], jobs: int, *,
                initializer: Callable[..., None] | None = None, initargs: tuple = (),
                window: int | None = None) -> Iterator[R]:
    """``map(func, tasks)`` on ``jobs`` worker processes, results in task order, at most
    ``window`` (default ``jobs`` × :data:`IN_FLIGHT_PER_WORKER`) tasks submitted ahead.
    An exception in a task is raised here, at that task's place in the order."""
    from concurrent.futures import ProcessPoolExecutor

    import signal
    from concurrent.futures import TimeoutError as _Timeout

    window = window or jobs * IN_FLIGHT_PER_WORKER
    pending: deque[Any] = deque()
    it = iter(tasks)
    ctx = _context()
    # SIGTERM while the pool runs: noted, and acted on between tasks. The CLI's handler raises
    # SystemExit wherever the main thread is, and raised inside the executor (holding its
    # lock) it left shutdown waiting on that lock forever (a killed CI job that never ended)
    stopped: list[int] = []
    main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGTERM) if main else None
    if main and callable(previous):
        signal.signal(signal.SIGTERM, lambda signum, frame: stopped.append(signum))

    def wait(fut: Any) -> Any:
        while True:
            if stopped:
                raise _Stop
            try:
                return fut.result(timeout=0.2)
            except _Timeout:
                continue

    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_start_worker,
                                 initargs=(os.getpid(), ctx.get_start_method() == "fork", initializer,
                                           initargs)) as pool:
            try:
                for task in it:
                    if stopped:
                        raise _Stop
                    pending.append(pool.submit(func, task))
                    if len(pending) >= window:
                        yield wait(pending.popleft())
                while pending:
                    yield wait(pending.popleft())
            except _Stop:
                pass  # the with block waits for the tasks running now (a file is written whole)
            finally:
                for fut in pending:
                    fut.cancel()
    finally:
        if main and callable(previous):
            signal.signal(signal.SIGTERM, previous)
            if stopped:
                previous(stopped[0], None)  # the CLI's handler: SystemExit(143), now outside the pool
