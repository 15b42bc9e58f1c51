"""A second contract module, of another shape than the receipt extractor: two scalar inputs, no file, an int output.

The runtime must publish any module that follows the contract, so its tests need one that shares nothing with
``model/`` but the contract itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

OUTPUTS = ("result", "length")
MAX_REPEAT = 1000
"""More copies would only measure the memory of the machine: a well-behaved module refuses what it cannot do."""


def load(model_key: str) -> dict[str, Any]:
    """Nothing to load; the dict stands for a model object so ``inference`` can tell it was passed back."""
    return {"model_key": model_key or "default", "separator": " "}


def inference(
    parameters: list[dict[str, Any]],
    inputs: list[dict[str, Any]],
    output_fields: list[dict[str, Any]],
    model_key: str,
    model: Any = None,
) -> list[dict[str, Any]]:
    """Repeat each text and measure the result.

    A test module: joins ``repeat`` copies of every text element and scales the result's length.

    :param inputs.text: Text to repeat; one element per item.
    :type inputs.text: str
    :param inputs.scale: Factor applied to the length of the result, one per text element.
    :type inputs.scale: float
    :param parameters.repeat: How many copies of the text to join. Default: 1.
    :type parameters.repeat: int
    :param outputs.result: The text repeated, copies separated by a space.
    :type outputs.result: str
    :param outputs.length: Length of the result times the scale, rounded to an integer.
    :type outputs.length: int
    """
    state = model if isinstance(model, dict) else load(model_key)
    repeat = int(_parameter(parameters, "repeat", 1))
    if not 1 <= repeat <= MAX_REPEAT:
        raise ValueError(f"parameters.repeat must be from 1 to {MAX_REPEAT}, not {repeat}")
    texts = [str(item) for item in _data(inputs, "text")]
    scales = [float(item) for item in _data(inputs, "scale")]
    if len(texts) != len(scales):
        raise ValueError(f"inputs.text has {len(texts)} elements but inputs.scale has {len(scales)}")
    results = [str(state["separator"]).join([text] * repeat) for text in texts]
    lengths = [len(result) * scale for result, scale in zip(results, scales, strict=True)]
    if any(not abs(length) < 2**63 for length in lengths):  # a caller's scale, refused as theirs (400), not a 500
        raise ValueError("inputs.scale: the scaled length is beyond a 64-bit integer")
    columns: dict[str, tuple[str, list[Any]]] = {
        "result": ("BYTES", results),
        "length": ("INT64", [round(length) for length in lengths]),
    }
    wanted = [str(item["name"]) for item in output_fields or []] or list(OUTPUTS)
    unknown = sorted(set(wanted) - set(OUTPUTS))
    if unknown:
        raise ValueError(f"unknown output(s) {', '.join(unknown)}; available: {', '.join(OUTPUTS)}")
    return [_tensor(name, *columns[name]) for name in wanted]


def _parameter(parameters: Sequence[Mapping[str, Any]], name: str, default: Any) -> Any:
    for item in parameters or []:
        if item.get("name") == name:
            data = item.get("data")
            return data[0] if isinstance(data, list) else data
    return default


def _data(inputs: Sequence[Mapping[str, Any]], name: str) -> list[Any]:
    tensor = next((item for item in inputs if item.get("name") == name), None)
    if tensor is None:
        raise ValueError(f"inputs.{name} is missing")
    data = tensor.get("data")
    return list(data) if isinstance(data, list) else [data]


def _tensor(name: str, datatype: str, data: list[Any]) -> dict[str, Any]:
    tensor: dict[str, Any] = {"name": name, "datatype": datatype, "shape": [len(data)], "data": data}
    if datatype == "BYTES":
        tensor["parameters"] = {"content_type": "str"}
    return tensor
