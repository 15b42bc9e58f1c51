import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

import numpy as np
import pytest

from model import sandbox
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


def _arrays(*sizes: int) -> tuple[str, list[np.ndarray]]:
    return "pages", [np.arange(size, dtype=np.uint32) * (index + 1) for index, size in enumerate(sizes)]


def test_run_limited_brings_large_arrays_back_intact() -> None:
    """Past SHARED_FROM_BYTES the arrays come through shared memory: each one whole, in order, and writable."""
    sizes = (3_000_000, 17, 1_000_000)  # 12 MB, a few bytes, 4 MB
    label, arrays = run_limited(_arrays, *sizes, limits=ROOMY)
    assert label == "pages" and [len(array) for array in arrays] == list(sizes)
    for index, array in enumerate(arrays):
        assert np.array_equal(array, np.arange(len(array), dtype=np.uint32) * (index + 1))
    arrays[0][0] = 7
    assert arrays[0][0] == 7


def test_run_limited_raises_the_childs_exception_here() -> None:
    with pytest.raises(ValueError, match="not a receipt"):
        run_limited(_refuse, "not a receipt", limits=ROOMY)


def test_run_limited_stops_work_past_the_memory_limit() -> None:
    assert run_limited(_allocate, 100 * 2**20, limits=ROOMY) == 100 * 2**20
    with pytest.raises(WorkLimitError, match="needed more than 1024 MB") as caught:
        run_limited(_allocate, 2 * 2**30, limits=ROOMY)
    assert caught.value.kind == "memory"


def _work_then_wait(cpu_seconds: float) -> None:
    """Compute for ``cpu_seconds`` of this process's processor time, then wait without computing."""
    while time.process_time() < cpu_seconds:
        pass
    time.sleep(60)


def _stop_yourself() -> None:
    os.kill(os.getpid(), signal.SIGSTOP)


@pytest.mark.parametrize("work", [_stop_yourself, partial(_sleep, 30.0)], ids=["stopped", "waiting"])
def test_a_child_that_gets_no_processor_time_until_the_wall_clock_is_starved(work: Callable[[], None]) -> None:
    """A child the machine does not run (SIGSTOP is the extreme of an overloaded machine) is stopped at the wall
    clock as ever, but as starved: no cost of the work's, the machine's fault."""
    started = time.monotonic()
    with pytest.raises(WorkLimitError, match=r"had only 0\.\d s of processor time in 0\.5 s") as caught:
        run_limited(work, limits=WorkLimits(memory_bytes=1024 * 2**20, cpu_seconds=20, wall_seconds=0.5))
    assert caught.value.kind == "starved" and caught.value.wall_clock
    assert caught.value.cpu_used is not None and caught.value.cpu_used < 20 * sandbox.STARVED_BELOW
    assert time.monotonic() - started < 5


def test_a_child_that_computed_past_the_starved_share_is_stopped_for_its_cost() -> None:
    """0.5 s of processor time is more than an eighth of a 2 s limit: still running at the wall clock, the work is
    too costly (the wall clock leaves the 0.5 s to a machine giving the child as little as 10% of a core)."""
    limits = WorkLimits(memory_bytes=1024 * 2**20, cpu_seconds=2, wall_seconds=5.0)
    with pytest.raises(WorkLimitError, match=r"was still running after 5 s, having used 0\.[5-9] s") as caught:
        run_limited(_work_then_wait, 0.5, limits=limits)
    assert caught.value.kind == "time" and caught.value.wall_clock


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


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting to be reaped has ended: it holds no memory)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in {"Z", "X"}


def _until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.02)


@pytest.fixture
def pool() -> Iterator[None]:
    sandbox.start(warm_workers=2)
    yield
    sandbox.start(warm_workers=sandbox.WARM_WORKERS)


def test_each_piece_of_work_gets_a_waiting_child_of_its_own_that_ends_with_it(pool: None) -> None:
    waiting = sandbox.warm_pids()
    assert len(waiting) == 2 and all(_running(pid) for pid in waiting)
    first, _ = run_limited(_pid_and_sum, limits=ROOMY)
    second, _ = run_limited(_pid_and_sum, limits=ROOMY)
    assert first in waiting and first != second != os.getpid()
    assert not _running(first) and not _running(second)  # ended, its memory back with the system


def test_the_pool_refills_after_a_waiting_child_is_killed(pool: None) -> None:
    victim = sandbox.warm_pids()[0]
    os.kill(victim, signal.SIGKILL)
    _until(lambda: not _running(victim))
    assert run_limited(_pid_and_sum, 1, 2, limits=ROOMY)[1] == 3
    _until(lambda: len(sandbox.warm_pids()) == 2)
    assert victim not in sandbox.warm_pids() and all(_running(pid) for pid in sandbox.warm_pids())


def test_a_waiting_child_still_ends_on_sigterm(pool: None) -> None:
    """Only a child with work ignores SIGTERM: ``multiprocessing`` ends a process's daemonic children with it when the
    process exits and then waits for them, which would wait for ever on a waiting child that ignored it."""
    victim = sandbox.warm_pids()[0]
    os.kill(victim, signal.SIGTERM)
    _until(lambda: not _running(victim))
    assert run_limited(_pid_and_sum, 1, 2, limits=ROOMY)[1] == 3


def test_the_pool_refills_after_a_child_is_killed_at_a_limit(pool: None) -> None:
    with pytest.raises(WorkLimitError):
        run_limited(_sleep, 30.0, limits=WorkLimits(memory_bytes=2**30, cpu_seconds=20, wall_seconds=0.2))
    _until(lambda: len(sandbox.warm_pids()) == 2)
    assert run_limited(_pid_and_sum, 4, limits=ROOMY)[1] == 4


def test_a_pool_of_none_starts_a_child_for_each_piece_of_work() -> None:
    sandbox.start(warm_workers=0)
    try:
        assert sandbox.warm_pids() == []
        assert run_limited(_pid_and_sum, 5, limits=ROOMY)[1] == 5
        assert sandbox.warm_pids() == []
    finally:
        sandbox.start(warm_workers=sandbox.WARM_WORKERS)


_PROGRAM = """
import os, sys, time
from model import sandbox
if __name__ == "__main__":
    sandbox.start()
    assert sandbox.run_limited(len, b"abc", limits=sandbox.WorkLimits(2**30, 5, 10.0)) == 3
    while len(sandbox.warm_pids()) < sandbox.WARM_WORKERS:  # the one taken is replaced
        time.sleep(0.01)
    from multiprocessing import forkserver
    print(" ".join(map(str, [vars(forkserver)["_forkserver"]._forkserver_pid, *sandbox.warm_pids()])), flush=True)
    sys.stdin.readline()  # until the test has seen them run
"""


@pytest.mark.parametrize("ending", ["exit", "killed"])
def test_no_child_outlives_the_program(tmp_path: Path, ending: str) -> None:
    """Whether the program exits or is killed, its forkserver and waiting children end with it."""
    script = tmp_path / "program.py"
    script.write_text(_PROGRAM)
    root = Path(__file__).parents[2]
    with subprocess.Popen(
        [sys.executable, str(script)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    ) as program:
        assert program.stdout is not None and program.stdin is not None
        pids = [int(pid) for pid in program.stdout.readline().split()]
        assert len(pids) == 1 + sandbox.WARM_WORKERS and all(_running(pid) for pid in pids)
        if ending == "killed":
            program.kill()
        else:
            program.stdin.write("\n")
            program.stdin.flush()
        assert program.wait(timeout=30) == (0 if ending == "exit" else -signal.SIGKILL)
    _until(lambda: not any(_running(pid) for pid in pids))


_DRAINING = """
import signal, sys, time
from model import sandbox
if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: print("draining", flush=True))  # a server lets its work in flight end
    sandbox.start()
    print("decoding", flush=True)
    try:
        sandbox.run_limited(time.sleep, 1.5, limits=sandbox.WorkLimits(2**30, 5, 20.0))
        print("decoded", flush=True)
    except sandbox.WorkLimitError as error:
        print("stopped:", error, flush=True)
"""


def test_work_in_flight_survives_a_sigterm_to_the_whole_process_group(tmp_path: Path) -> None:
    """A service stopped with its process group (``stack``, the rolling restart of bench/replicas.py) drains: the
    decoding in flight finishes. Its child used to die with the group and the request was answered 400."""
    script = tmp_path / "service.py"
    script.write_text(_DRAINING)
    root = Path(__file__).parents[2]
    with subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    ) as service:  # fmt: skip
        assert service.stdout is not None
        assert service.stdout.readline() == "decoding\n"
        time.sleep(0.5)  # the child has the work now
        os.killpg(service.pid, signal.SIGTERM)
        out, _ = service.communicate(timeout=60)
    assert out.splitlines() == ["draining", "decoded"]


_UNGUARDED = """
import sys
from model.documents import load_document
print("top level ran", flush=True)
document = load_document(open(sys.argv[1], "rb").read())
print("pages", len(document.pages), flush=True)
"""


@pytest.fixture(scope="module")
def sample() -> Path:
    return Path(__file__).parents[2] / "model" / "samples" / "doc_0000.png"


def _run_script(tmp_path: Path, source: str, *args: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "script.py"
    script.write_text(source, encoding="utf-8")
    root = Path(__file__).parents[2]
    return subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONPATH": str(root)},
    )  # fmt: skip


def test_a_script_that_decodes_outside_its_main_guard_is_told_which_line(tmp_path: Path, sample: Path) -> None:
    """Without the guard each child would import the script and decode again; the call is refused before any."""
    result = _run_script(tmp_path, _UNGUARDED, str(sample))

    assert result.returncode == 1
    assert result.stdout == "top level ran\n"  # once: no child ran the script again
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"model.sandbox.UnguardedMainError: {tmp_path / 'script.py'}:5 calls the decoding sandbox")
    assert last.endswith('under `if __name__ == "__main__":`')


def test_the_same_script_under_its_main_guard_decodes(tmp_path: Path, sample: Path) -> None:
    top, body = _UNGUARDED.split('print("top level ran", flush=True)\n')
    guarded = f'{top}\ndef main():\n{textwrap.indent(body, "    ")}\n\nif __name__ == "__main__":\n    main()\n'

    result = _run_script(tmp_path, guarded, str(sample))

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "pages 1"


@pytest.mark.parametrize(
    ("source", "guarded_lines"),
    [
        ('if __name__ == "__main__":\n    run()\n    done()\n', ((2, 3),)),
        ("if '__main__' == __name__:\n    run()\n", ((2, 2),)),
        ('if __name__ == "__main__":\n    run()\nelse:\n    imported()\n', ((2, 2),)),
        ('if __name__ != "__main__":\n    run()\n', ()),
        ('def f():\n    if __name__ == "__main__":\n        run()\n', ()),  # only the top level counts
        ("run()\n", ()),
    ],
)
def test_main_guards_are_the_top_level_ifs_on_the_main_name(
    tmp_path: Path, source: str, guarded_lines: tuple[tuple[int, int], ...]
) -> None:
    script = tmp_path / "guards.py"
    script.write_text(source, encoding="utf-8")
    assert sandbox._main_guards(str(script)) == guarded_lines


_COUNTS_ITS_IMPORTS = """\
import os, sys
from model.sandbox import children_cpu_seconds
from model.documents import load_document

with open(sys.argv[2], "a", encoding="utf-8") as imports:
    imports.write(f"{os.getpid()}\\n")

if __name__ == "__main__":
    for _ in range(3):
        load_document(open(sys.argv[1], "rb").read())
    print("children's cpu", children_cpu_seconds() > 0)
"""


def test_the_main_module_is_imported_once_for_every_child_not_by_each(tmp_path: Path, sample: Path) -> None:
    """Each child would import the program's main module again (``python -m app.cli serve``: the CLI and the
    services, twice the decoding's own cost); the forkserver imports it once, and its children find it there."""
    imports = tmp_path / "imports.txt"
    result = _run_script(tmp_path, _COUNTS_ITS_IMPORTS, str(sample), str(imports))

    assert result.returncode == 0, result.stderr
    assert result.stdout == "children's cpu True\n"  # what the children spent is counted
    assert len(imports.read_text(encoding="utf-8").split()) == 2  # the program and its forkserver, not 3 children
