"""glibc's malloc set up for services that move request and response bodies of megabytes.

By default glibc serves each allocation over 128 KiB with a fresh mmap and hands freed memory at the top of the heap
back to the kernel once it passes 128 KiB, so a body read in ~250 KB pieces, or a file sent to S3 in 8 MiB parts,
pays a page fault for every 4 KiB of it, every time. Receiving a 20 MB body through uvicorn cost 22-26 ms of CPU that
way and 4.5-5 ms with the thresholds below; a 20 MB upload through the file service 71-75 ms and 55-59 ms, with no
page faults left (docs/architecture.md). The price is memory kept for reuse: up to ``TRIM_THRESHOLD_BYTES`` of free
heap per malloc arena instead of none (the file service's resident size after twenty 20 MB uploads: 174 MB, 145 MB
without).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys

MMAP_THRESHOLD_BYTES = 32 * 2**20
"""Allocations below this come from the heap and are reused (32 MiB is glibc's ceiling): parts, bodies, images."""
TRIM_THRESHOLD_BYTES = 64 * 2**20
"""Free memory kept at a heap's top: three 8 MiB parts in flight, the body pieces around them, and room to spare."""
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
"""mallopt's parameter numbers (malloc.h)."""
_OPERATOR_SETTINGS = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_")

log = logging.getLogger(__name__)


def keep_freed_memory() -> bool:
    """Set the thresholds for this process; False where it is not glibc or the operator already set malloc's own.

    Called once as a service starts, before it allocates bodies."""
    if not sys.platform.startswith("linux") or _operator_tuned():
        return False
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c")).mallopt
    except (OSError, AttributeError):  # no C library by that name, or one without mallopt
        return False
    tuned = bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(
        mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)
    )
    if not tuned:  # musl and other C libraries accept the call and change nothing
        log.debug("mallopt refused the thresholds; malloc keeps its defaults")
    return tuned


def _operator_tuned() -> bool:
    """The environment sets malloc's thresholds (glibc reads these itself at start-up): theirs stand."""
    return any(name in os.environ for name in _OPERATOR_SETTINGS) or "glibc.malloc." in os.environ.get(
        "GLIBC_TUNABLES", ""
    )
