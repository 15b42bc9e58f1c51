"""A contract module that takes as long as it is told: for queueing, timeout and graceful-shutdown tests."""

from __future__ import annotations

import time
from typing import Any


def load(model_key: str) -> None:
    return None


def inference(
    parameters: list[dict[str, Any]],
    inputs: list[dict[str, Any]],
    output_fields: list[dict[str, Any]],
    model_key: str,
    model: Any = None,
) -> list[dict[str, Any]]:
    """Sleep, then say how long.

    :param inputs.seconds: How long to sleep.
    :type inputs.seconds: float
    :param outputs.slept: The seconds slept.
    :type outputs.slept: float
    """
    seconds = float(inputs[0]["data"][0])
    time.sleep(seconds)
    return [{"name": "slept", "datatype": "FP64", "shape": [1], "data": [seconds]}]
