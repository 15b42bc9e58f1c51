"""A document's time budget: the reading stops at a deadline and returns what it has, saying what it left out.

Most of a slow document's time is extra passes over a page the first reading was unsure of (the other three turns,
a second page mode, a second reader), each as long as the first; on a blurred page upscaled to 8 Mpx each pass
takes seconds. A pass is started only when the time left covers what the first one cost, and Tesseract's own
reading stops when the time left is spent, so no document costs much more than the budget. Indra's reading (the
``indra`` and ``pooled`` backends) is one native call that nothing stops once started, so with Indra the deadline
stops the passes between readings (``Budget.starts``), and a reading in flight at the deadline runs past it: 0.1-0.9
CPU s on the real documents.

The budget bounds the whole document, not its reading alone: it starts before the file is decoded and counts the
CPU time of the thread handling the document plus that of the sandbox children it gave work to (the decoding, which
no clock of the thread counts), so the decoding, the QR search and the preprocessing leave the reading only the rest.
Counting the reading alone, a real receipt photo with the 4 s budget cost 4.2 CPU s in all, 5.3x the median; what
can still run past it is the pass in flight at the deadline and the checks after the last one. It counts CPU time,
not the wall clock: the runtime reads on one worker per core, where the two are the same, while on a machine shared
with other work a wall-clock deadline would cut short readings that an idle machine finishes, and the same document
would come out different. Tesseract's
reading stops by this thread's CPU clock too (``model.tesseract.recognize_within`` asks it before each word). Where
that cannot be done, its timeout is in wall-clock time, so it is the CPU time left stretched by how much of a core
this reading has had so far (``timeout_ms``): the time the thread ran against the time it waited for a core (Linux's
schedstat), not against the wall clock, which also counts waiting for the decoding sandbox and OpenCV's threads: a
3264×2448 photo, stretched 6× by such waits, was given 22 s for a reading that took 6 CPU s of its 4 s budget.

The budget is given in seconds of the reference machine, the one the project's figures come from, and holds this
machine's equivalent: ``seconds`` times the ``factor`` that ``model.calibration`` measured once per process (1 on
the reference machine, 1.41 on one that takes 41% longer to read). A CPU second does more on a faster machine: an
absolute budget would cut pages at other points there (other values read) and leave the slowest document at the cap
while the median fell. The costs the pipeline sets aside in reference seconds (``here``) are scaled alike.

The budget is what the reading may cost; the caller's deadline is when nobody waits for it any more. When the runtime
has answered 504 its thread cannot be stopped from outside, so the work stops itself: ``inference`` sets the deadline
the runtime gives it for the call (``request_deadline``), and every pass, the decoding sandbox and Qwen-VL's
generation end by it, raising ``DeadlineExceededError``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from model.sandbox import thread_children_cpu_seconds

DEFAULT_BUDGET_S = 3.3
"""About twice a photo's median cost on one core, its decoding included, with room for the pass in flight at the
deadline (Tesseract stops between words, 0.1-0.2 s past it): at 3.6 the slowest of the 181 real documents cost
3.70-3.91 CPU s from run to run, 4.5-4.9x the Russian documents' median of 0.80 s, too near the 5x the time budget
allows; at 3.3 it costs 3.41 s (4.3x), and of the 51 documents the budget cuts or that cost over 2 s, Tesseract lost
one value (a long tape's amount, with its currency) and the pooled reading a date. It is CPU seconds of the
reference machine: scaled by this machine's speed (``Budget.factor``), so that a faster machine's cap falls with its
median. ``RECEIPT_READ_BUDGET_S`` or the request's ``budget_s`` changes it, 0
turns it off."""

MIN_CPU_TO_MEASURE_S = 0.05
"""Below this much CPU time the wall/CPU ratio is noise (a page fault, a context switch)."""
MAX_CONTENTION = 20.0
"""A reading that had under 5% of a core is stalled rather than slow: its timeout stretches no further."""


_SCHEDSTAT = Path("/proc/thread-self/schedstat")


def _run_and_wait_s() -> tuple[float, float] | None:
    """This thread's seconds on a core and seconds ready but waiting for one; None where the kernel does not say
    (not Linux, schedstats off)."""
    try:
        ran, waited = _SCHEDSTAT.read_text(encoding="ascii").split()[:2]
        return int(ran) / 1e9, int(waited) / 1e9
    except (OSError, ValueError):
        return None


@dataclass
class Budget:
    """The deadline of one document, from its decoding to its checks, and what was skipped to keep it."""

    seconds: float | None = DEFAULT_BUDGET_S
    """CPU seconds on the reference machine; None or 0: no deadline."""
    factor: float = 1.0
    """This machine's CPU seconds for one of the reference machine's (``model.calibration``): the deadline comes when
    this thread and its sandbox children have spent ``seconds × factor`` (``spent_s``)."""
    started_cpu: float = field(default_factory=time.thread_time)
    started_children_cpu: float = field(default_factory=thread_children_cpu_seconds)
    started_wall: float = field(default_factory=time.perf_counter)
    started_sched: tuple[float, float] | None = field(default_factory=_run_and_wait_s)
    skipped: list[str] = field(default_factory=list)
    kept_s: float = 0.0
    """CPU seconds set aside for a pass that must come later (``keeping``)."""

    def here(self, reference_s: float) -> float:
        """The CPU seconds on this machine that do the work of ``reference_s`` on the reference machine."""
        return reference_s * self.factor

    def remaining_s(self) -> float:
        """CPU seconds on this machine left (less what is kept for a later pass)."""
        if not self.seconds:
            return math.inf
        return self.here(self.seconds) - self.kept_s - self.spent_s()

    def spent_s(self) -> float:
        """CPU seconds the document has cost since the budget started: this thread's and those of the children it
        gave work to (the decoding sandbox's)."""
        children = thread_children_cpu_seconds() - self.started_children_cpu
        return time.thread_time() - self.started_cpu + children

    @contextmanager
    def keeping(self, seconds: float) -> Iterator[None]:
        """Within the block the deadline comes ``seconds`` (of this machine) early: the time is kept for a pass that
        follows it and must not be crowded out by the block's optional passes (the second reader of a pooled
        reading)."""
        self.kept_s += seconds
        try:
            yield
        finally:
            self.kept_s -= seconds

    def contention(self) -> float:
        """Seconds of running or waiting for a core per second run, so far (1 on an idle core), at most
        ``MAX_CONTENTION``; where the kernel keeps no schedstat, wall seconds per CPU second."""
        now = _run_and_wait_s()
        if now is not None and self.started_sched is not None:
            cpu = now[0] - self.started_sched[0]
            busy = cpu + now[1] - self.started_sched[1]
        else:
            cpu = time.thread_time() - self.started_cpu
            busy = time.perf_counter() - self.started_wall
        if cpu < MIN_CPU_TO_MEASURE_S:
            return 1.0
        return min(MAX_CONTENTION, max(1.0, busy / cpu))

    def allows(self, cost_s: float) -> bool:
        """Whether a pass expected to take ``cost_s`` ends before the deadline."""
        return self.remaining_s() > cost_s

    def timeout_ms(self) -> int:
        """Tesseract's (wall-clock) timeout for a reading started now, the caller's deadline included, where its reading
        cannot stop by the CPU clock (``model.tesseract.recognize_within``): 0 means none; at least 1 ms once the time
        is up."""
        milliseconds = min(self.remaining_s() * self.contention(), seconds_left()) * 1000
        return 0 if math.isinf(milliseconds) else max(1, int(milliseconds))

    def starts(self, what: str) -> bool:
        """Whether a reading may start now: not once the time is spent, when ``what`` is recorded as left out. For a
        reading that nothing stops once started (Indra's: one native call) or whose first part asks no clock
        (Tesseract's layout analysis, 0.1-0.2 s of an 8 Mpx page), which would run past the deadline for nothing."""
        if self.remaining_s() > 0:
            return True
        self.skip(what)
        return False

    def skip(self, what: str) -> None:
        """Record a pass left out (or cut short) for lack of time."""
        if what not in self.skipped:
            self.skipped.append(what)

    @property
    def truncated(self) -> bool:
        return bool(self.skipped)

    def warnings(self) -> list[str]:
        """What a person is told: which passes the budget left out, so a missing field may be read by retrying, and
        the budget in both units: the reference machine's seconds it was given in, and this machine's CPU seconds."""
        if not self.skipped:
            return []
        units = f"reference-machine seconds, {self.here(self.seconds or 0.0):.3g} CPU s on this one"
        return [f"reading stopped at the {self.seconds:g} s budget ({units}): {'; '.join(self.skipped)}"]


class DeadlineExceededError(TimeoutError):
    """The caller's deadline passed: it has its answer (the runtime's 504), so the work stops instead of finishing
    for nobody while it holds a slot."""


_DEADLINE: ContextVar[float | None] = ContextVar("receipt_deadline", default=None)
"""The ``time.monotonic()`` instant the current call's work must end by; None: no deadline (the CLI, the web app's
preview)."""


@contextmanager
def request_deadline(instant: float | None) -> Iterator[None]:
    """Within the block, the work ends by ``instant`` (a ``time.monotonic()`` value; None: no deadline)."""
    token = _DEADLINE.set(instant)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def seconds_left() -> float:
    """Wall-clock seconds until the deadline (infinite without one, negative once it has passed)."""
    instant = _DEADLINE.get()
    return math.inf if instant is None else instant - time.monotonic()


def check_deadline(before: str) -> None:
    """Raise ``DeadlineExceededError`` when the deadline has passed, saying what was not started."""
    if seconds_left() <= 0:
        raise DeadlineExceededError(f"the caller's deadline passed before {before}")
