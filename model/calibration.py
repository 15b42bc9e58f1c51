"""How fast this machine reads against the reference machine, so that a time budget means the same work on both.

The time budget (``model.budget``) counts CPU seconds, and a CPU second does more work on a faster machine. Given
as plain seconds, the budget would cut a page at a different point on every machine: which passes a page gets, and so
the values it reads, would depend on the machine, and on a faster one the median document would cost less while the
slowest stayed at the cap (the ratio the budget exists to bound would grow). So the budget is given in seconds of the
reference machine, the one the project's figures were measured on, and the pipeline scales it by this machine's
``factor``: this machine's CPU seconds for one of the reference machine's.

The factor comes from one reading, made once per process before the first document (``model.inference.load``): a
small page drawn in code (OpenCV's Hershey font, built in, so the pixels are the same everywhere), read by Tesseract
as the pipeline reads a page (the thread's engine, rus+eng, page mode 6), timed on the reading thread's CPU clock.
The least of ``REPEATS`` readings is taken: noise (another process in the shared caches, an interrupt) only ever
adds time. That time over ``REFERENCE_READING_S`` is the ratio, and the factor is the ratio rounded to a power of
2 ** (1 / 2) (..., 0.35, 0.5, 0.71, 1) and held within ``MIN_FACTOR``-``MAX_FACTOR``: the measurement's noise
leaves the factor where it is, so the same machine keeps the same budget, and the same values, from run to run.
The factor is at most 1 (``MAX_FACTOR``): it shortens the budget on a faster machine and never lengthens it.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
from PIL import Image

REFERENCE_READING_S = 0.171
"""CPU seconds of the reference reading on the reference machine: the project's development machine, 2 cores of an
AMD EPYC (Zen 4, 2.6 GHz) under KVM, the Tesseract 5.5.4 that tesserocr 2.13's wheel bundles. Measured on 2026-12-06
in 140 fresh processes, each the least of 5 readings, never on an idle machine (four other sessions shared it):
0.156-0.173 s (median 0.162) with it half busy, 0.159-0.169 at a load of 5-7, 0.159-0.170 beside three busy loops,
0.160-0.181 beside two processes copying 64 MB arrays and busy loops, and through ``model.inference.load``
0.159-0.177 at a load of 6-7 and 0.163-0.187 (0.168) at a load of 12 with the copiers and loops beside it. Memory
traffic slows Tesseract, and a load that high shows it: the constant is the middle of 0.156-0.187 (in ratio), each
end 9% from it and 8% from the next step of the factor (``STEPS_PER_DOUBLING``)."""

REPEATS = 5
"""Readings timed; the least counts."""

STEPS_PER_DOUBLING = 2
"""The factor is a power of 2 ** (1 / 2) = 1.41: a measured ratio within 0.84-1.19 of a step gives that step. The
measurement's own spread on one machine is 20% from a half-busy machine to one loaded six times over
(``REFERENCE_READING_S``), and a step of 2 ** (1 / 3) left the busiest calibration 0.1% from the next step, so a finer
step would move the budget (and the values read) with the machine's load; the cost is that a machine between two
steps gets a budget up to 19% off its speed (an absolute budget is off by all of it)."""
MIN_FACTOR = 0.25
"""A machine four times faster than the reference gets at most four times less time: past that the measurement is more
likely wrong (a stalled clock, an emulator) than the machine that fast."""
MAX_FACTOR = 1.0
"""A machine is never given more CPU seconds than the budget names, however slow it measures: contention only ever
adds time to the reference reading, and on this machine a calibration right after a test run measured 0.205 s (the
least of five), a step up from its usual 0.155-0.187 s, so a factor over 1 cannot be told from a busy moment. A
slower machine thus cuts a page earlier than the reference machine (fewer passes, possibly fewer values), as an
absolute budget did, and keeps the latency the budget promises; a faster one, where a slow measurement only errs
towards 1, cuts where the reference machine does."""

REFERENCE_LINES = (
    "KASSOVYI CHEK No 4217  14.03.2025 18:42",
    "INN 7707083893  KPP 773601001",
    "BIK 044525225  ACC 40702810938000012345",
    "KORR 30101810400000000225",
    "MOLOKO 3.2% 1 L        2 x 89.90 = 179.80",
    "HLEB BORODINSKII 0.3 KG            54.00",
    "ITOGO 1234.50 RUB   NDS 20% 205.75",
    "FN 7281440500123456  FD 0000012345  FP 3522098127",
)
"""What the reference page says: a receipt's kinds of text, in Latin letters (the Hershey font has no Cyrillic)."""


@cache
def reference_page() -> np.ndarray:
    """The page the reference reading reads: 8 lines of 20-pixel letters on a white 900-pixel-wide grey image."""
    line_height = 40
    page = np.full((line_height * len(REFERENCE_LINES) + 30, 900), 255, np.uint8)
    for number, text in enumerate(REFERENCE_LINES):
        origin = (20, 45 + line_height * number)
        cv2.putText(page, text, origin, cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2, cv2.LINE_AA)
    page.setflags(write=False)
    return page


def read_reference_page() -> tuple[float, str]:
    """One reading of the reference page by this thread's engine: its CPU seconds on this thread and its text."""
    from model.tesseract import PSM, engine

    api = engine(PSM.SINGLE_BLOCK)
    image = Image.fromarray(reference_page())
    started = time.thread_time()
    api.SetImage(image)
    api.Recognize(0)
    spent = time.thread_time() - started
    text = str(api.GetUTF8Text())
    api.Clear()
    return spent, text


def reference_reading_s(repeats: int = REPEATS) -> float:
    """The least CPU seconds of ``repeats`` readings of the reference page on this thread (the engine is made first,
    outside the timing, if this thread has none)."""
    from model.tesseract import PSM, engine

    engine(PSM.SINGLE_BLOCK)
    return min(read_reference_page()[0] for _ in range(repeats))


def factor_for(measured_s: float, reference_s: float = REFERENCE_READING_S) -> float:
    """The budget's factor for a reference reading that took ``measured_s`` here and ``reference_s`` on the
    reference machine: their ratio rounded to a step of ``STEPS_PER_DOUBLING`` and held within the limits."""
    if not (measured_s > 0 and reference_s > 0 and math.isfinite(measured_s)):
        raise ValueError(f"a reference reading's seconds must be positive, not {measured_s!r} / {reference_s!r}")
    steps = round(STEPS_PER_DOUBLING * math.log2(measured_s / reference_s))
    low, high = (round(STEPS_PER_DOUBLING * math.log2(limit)) for limit in (MIN_FACTOR, MAX_FACTOR))
    return float(2 ** (min(high, max(low, steps)) / STEPS_PER_DOUBLING))


@dataclass(frozen=True)
class Calibration:
    """What the budget was scaled by, and the reading it came from (None: calibration off)."""

    factor: float
    measured_s: float | None


_lock = threading.Lock()
_measured: Calibration | None = None


def calibrate() -> Calibration:
    """This process's calibration: measured by the first call, the same afterwards (calls meanwhile wait for it)."""
    global _measured  # noqa: PLW0603 - once per process
    with _lock:
        if _measured is None:
            measured = reference_reading_s()
            _measured = Calibration(factor_for(measured), measured)
        return _measured
