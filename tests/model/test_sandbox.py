import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

from model.sandbox import WorkLimitError, WorkLimits, run_limited

ROOMY = WorkLimits(memory_bytes=1024 * 2**20, cpu_seconds=20, wall_seconds=60.0)


def _pid_and_sum(*numbers: int) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def _refuse(message: str) -> None:
    raise ValueError(message)


def _allocate(count: int) -> int:
    return len(bytearray(count))


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _spin() -> None:
    while True:
        pass


def _abort() -> None:
    os.abort()


def test_run_limited_returns_the_result_from_another_process() -> None:
    pid, total = run_limited(_pid_and_sum, 1, 2, 3, limits=ROOMY)
    assert total == 6
    assert pid != os.getpid()


def test_run_limited_raises_the_childs_exception_here() -> None:
    with pytest.raises(ValueError, match="not a receipt"):
        run_limited(_refuse, "not a receipt", limits=ROOMY)


def test_run_limited_stops_work_past_the_memory_limit() -> None:
    assert run_limited(_allocate, 100 * 2**20, limits=ROOMY) == 100 * 2**20
    with pytest.raises(WorkLimitError, match="needed more than 1024 MB") as caught:
        run_limited(_allocate, 2 * 2**30, limits=ROOMY)
    assert caught.value.kind == "memory"


def test_run_limited_kills_work_past_the_wall_clock_deadline() -> None:
    started = time.monotonic()
    with pytest.raises(WorkLimitError, match=r"was still running after 0\.5 s") as caught:
        run_limited(_sleep, 30.0, limits=WorkLimits(memory_bytes=1024 * 2**20, cpu_seconds=20, wall_seconds=0.5))
    assert caught.value.kind == "time"
    assert time.monotonic() - started < 5


def test_run_limited_stops_work_past_its_processor_time() -> None:
    with pytest.raises(WorkLimitError, match="more than 1 s of processor time") as caught:
        run_limited(_spin, limits=WorkLimits(memory_bytes=1024 * 2**20, cpu_seconds=1, wall_seconds=60.0))
    assert caught.value.kind == "time"


def test_run_limited_reports_a_child_that_dies() -> None:
    with pytest.raises(WorkLimitError, match="SIGABRT") as caught:
        run_limited(_abort, limits=ROOMY)
    assert caught.value.kind == "crash"


def _decoded_in_a_forked_worker() -> int:
    return run_limited(len, b"abc", limits=ROOMY)


def test_run_limited_works_in_a_plain_fork_of_a_process_that_started_its_forkserver() -> None:
    """The benchmark's worker pool forks a process whose forkserver already runs; that forkserver is not the
    worker's child, so the worker must start its own instead of failing with ECHILD."""
    assert run_limited(len, b"ab", limits=ROOMY) == 2  # the forkserver runs in this process now
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        assert pool.submit(_decoded_in_a_forked_worker).result(timeout=60) == 3
