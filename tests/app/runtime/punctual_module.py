"""A contract module that works for as long as it is told but stops at the runtime's deadline, as a module should
whose work would otherwise outlive its 504: for the tests of the ``deadline`` the runtime passes."""

from __future__ import annotations

import time
from typing import Any

DEADLINES: list[float | None] = []
"""The deadline each call was given, in order (the runtime runs in the test's process)."""


def load(model_key: str) -> None:
    return None


def inference(
    parameters: list[dict[str, Any]],
    inputs: list[dict[str, Any]],
    output_fields: list[dict[str, Any]],
    model_key: str,
    model: Any = None,
    *,
    deadline: float | None = None,
) -> list[dict[str, Any]]:
    """Work in steps of 10 ms, stopping at the deadline.

    :param inputs.seconds: How long to work.
    :type inputs.seconds: float
    :param outputs.worked: The seconds worked.
    :type outputs.worked: float
    """
    DEADLINES.append(deadline)
    seconds = float(inputs[0]["data"][0])
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if deadline is not None and time.monotonic() >= deadline:
            raise TimeoutError(f"stopped at the deadline after {time.monotonic() - started:.2f} s")
        time.sleep(0.01)
    return [{"name": "worked", "datatype": "FP64", "shape": [1], "data": [seconds]}]
