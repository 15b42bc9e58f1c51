"""A contract module that does nothing: what serving one request costs when no model is in the way.

It declares one binary input and one output like a real module, so the runtime validates, decodes and authorises
the request exactly as it would for the receipt extractor; only ``inference`` itself is free.
"""

from __future__ import annotations

from typing import Any


def load(model_key: str) -> None:
    """Nothing to load."""


def inference(
    parameters: list[dict[str, Any]],
    inputs: list[dict[str, Any]],
    output_fields: list[dict[str, Any]],
    model_key: str,
    model: Any = None,
) -> list[dict[str, Any]]:
    """Return the size of each payload, at once.

    A benchmark module: the serving path around it is what is measured, so it does no work of its own.

    :param inputs.payload: Any bytes; one element per item.
    :type inputs.payload: FILE
    :param outputs.length: Number of bytes of each payload element.
    :type outputs.length: int
    """
    tensor = next((item for item in inputs if item.get("name") == "payload"), None)
    if tensor is None:
        raise ValueError("inputs.payload is missing")
    lengths = [len(item) for item in tensor.get("data") or []]
    return [{"name": "length", "datatype": "INT64", "shape": [len(lengths)], "data": lengths}]
