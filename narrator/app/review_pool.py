"""Checking a batch's documents in worker processes, each document under a time and a memory bound.

A stalled or hostile file (a PDF that makes the reader loop, a workbook that
inflates to gigabytes) must cost one row of the report, not the batch.  Every
document is checked in a worker process (pebble's ProcessPool, also for
``--jobs 1``): a document that runs past ``timeout`` seconds has its worker
killed and replaced, and a worker's address space is capped at ``max_memory``
bytes (a soft RLIMIT_AS), so an allocation beyond it fails inside that
document.  Either becomes that document's "未能检查" entry; the batch goes on.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import as_completed
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Callable, Sequence

from narrator.limits import CONVERT_SECONDS
from narrator.app.review import DocumentReview, review_one

# A test hook: a document whose file name contains this text makes its worker sleep (a stalled file).
STALL_ENV = "NARRATOR_TEST_STALL"
_CONVERSION_MARGIN = 5.0  # seconds left to the worker to read the converted file and check it


def check_all(files: Sequence[Path], jobs: int, disable: tuple[str, ...], timeout: float, max_memory: int,
              done: Callable[[int, DocumentReview], None]) -> None:
    """Check ``files`` in ``jobs`` worker processes; ``done(index, result)`` as each one finishes."""
    from pebble import ProcessPool
    from pebble.common import ProcessExpired

    settings = {k: v for k, v in os.environ.items() if k.startswith("NARRATOR_")}
    settings[CONVERT_SECONDS.env] = str(_conversion_limit(timeout))
    pool = ProcessPool(max_workers=max(1, min(jobs, len(files))), initializer=_start_worker,
                       initargs=(max_memory, settings), context=_context())
    try:
        futures = {pool.schedule(_check_one, (path, disable), timeout=timeout): i for i, path in enumerate(files)}
        for future in as_completed(futures):
            index = futures[future]
            done(index, _outcome(future, files[index], timeout, max_memory, ProcessExpired))
    finally:
        pool.stop()  # nothing is left running: after the last result, or on Ctrl-C
        pool.join()


def _conversion_limit(timeout: float) -> int:
    """A LibreOffice conversion ends before its document's bound: a worker killed on timeout cannot
    kill the converter it started (its own process group), so the converter's own limit must fire first."""
    return min(CONVERT_SECONDS.value(), max(1, int(timeout - _CONVERSION_MARGIN)))


def _context():
    """forkserver: a clean server process (never a fork of this one, whose progress-bar and pool
    threads hold locks) that has imported the checker once; each worker is a fork of it, so a
    worker replaced after a timeout, or the pool of the next batch, starts in milliseconds."""
    if "forkserver" not in get_all_start_methods():
        return get_context("spawn")  # Windows: slower to start, same results
    context = get_context("forkserver")
    context.set_forkserver_preload(["narrator.app.review_pool", "narrator.extract", "narrator.check", "narrator.check.rules",
                                    "narrator.check.tablefacts"])
    return context


def _outcome(future, path: Path, timeout: float, max_memory: int, expired: type) -> DocumentReview:
    try:
        return future.result()
    except FutureTimeout:
        return DocumentReview(str(path), error=f"{path}: 超过 {timeout:g} 秒仍未完成（可用 --timeout 调整）")
    except expired as exc:
        return DocumentReview(str(path), error=f"{path}: 检查进程异常退出（退出码 {exc.exitcode}；"
                                               f"可能超出内存上限 {max_memory // 1048576} MB，可用 --max-memory 调整）")
    except Exception as exc:  # noqa: BLE001 - a crashed worker is that document's error only
        return DocumentReview(str(path), error=f"{path}: 检查进程异常退出（{type(exc).__name__}: {exc}）")


def _check_one(path: Path, disable: tuple[str, ...]) -> DocumentReview:
    stall = os.environ.get(STALL_ENV)
    if stall and stall in path.name:
        time.sleep(3600)
    return review_one(path, disable)


def _start_worker(max_memory: int, settings: dict[str, str]) -> None:
    """A worker sees this run's NARRATOR_* settings (the fork server kept those of the first run)."""
    for key in [k for k in os.environ if k.startswith("NARRATOR_")]:
        del os.environ[key]
    os.environ.update(settings)
    _bound_memory(max_memory)


def _bound_memory(max_memory: int) -> None:
    """The worker's soft address-space limit; LibreOffice, started from it, lifts its own (office.py).
    Where there is no RLIMIT_AS (Windows), only the time bound holds."""
    try:
        import resource
    except ImportError:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        max_memory = min(max_memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (max_memory, hard))
