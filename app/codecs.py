"""Codecs for module authors: read typed values from the contract's tensors, answer with values, not tensors.

The runtime has already checked a request against the docstring before ``inference()`` runs (``app.runtime.tensors``):
declared parameters arrive as one-element tensors of their declared type, FILE inputs as ``bytes``. What is left for a
module is picking values out and wrapping results back up; these helpers do both, as MLServer's ``decode_request`` /
``encode_response`` do, so a module's ``inference()`` stays a few lines::

    def inference(parameters, inputs, output_fields, model_key, model=None):
        options = read_parameters(parameters)
        images = read_input(inputs, "image")
        wanted = requested_outputs(output_fields, ("colours", "count"))
        return encode_outputs(wanted, {"colours": [...], "count": [...]})

A module may ignore them and build tensors by hand: the contract is the tensors, not this file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any


def read_parameters(parameters: Sequence[Mapping[str, Any]] | None) -> dict[str, Any]:
    """``{name: value}`` of the parameter tensors given; a parameter the caller left out is simply absent."""
    values: dict[str, Any] = {}
    for tensor in parameters or ():
        data = tensor.get("data")
        values[str(tensor["name"])] = data[0] if isinstance(data, list) and len(data) == 1 else data
    return values


def read_input(inputs: Sequence[Mapping[str, Any]], name: str) -> list[Any]:
    """The elements of input ``name`` (``bytes`` for a FILE input); ``ValueError`` naming it when it is absent, which
    the runtime answers as a 400."""
    for tensor in inputs:
        if tensor.get("name") == name:
            data = tensor.get("data")
            return list(data) if isinstance(data, list) else [data]
    raise ValueError(f"inputs.{name} is missing")


def requested_outputs(output_fields: Sequence[Mapping[str, Any]] | None, available: Sequence[str]) -> list[str]:
    """The output names the caller asked for, in the order asked; every output in ``available`` when none was named."""
    wanted = [str(field["name"]) for field in output_fields or ()] or list(available)
    unknown = [name for name in wanted if name not in available]
    if unknown:
        raise ValueError(f"unknown output(s) {', '.join(unknown)}; available: {', '.join(available)}")
    return wanted


def encode_output(name: str, values: Sequence[Any]) -> dict[str, Any]:
    """One output tensor from Python values, its OIP datatype told by their type: bool → BOOL, int → INT64,
    float → FP64, str → BYTES, bytes → BYTES (the runtime sends them as base64), dict or list → BYTES holding JSON.
    An output the docstring declares as another number type (``:type outputs.score: FP32``) is answered as that
    type: the runtime converts the values (``app.runtime.datatypes``)."""
    items = list(values)
    datatype, content_type = _datatype(items)
    data = [json.dumps(item, ensure_ascii=False) for item in items] if content_type == "json" else items
    tensor: dict[str, Any] = {"name": name, "datatype": datatype, "shape": [len(items)], "data": data}
    if content_type is not None:
        tensor["parameters"] = {"content_type": content_type}
    return tensor


def encode_outputs(wanted: Sequence[str], columns: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    """The tensors of the ``wanted`` outputs, each from its column of values (one value per input element)."""
    return [encode_output(name, columns[name]) for name in wanted]


def _datatype(items: Sequence[Any]) -> tuple[str, str | None]:
    """(datatype, content_type) shared by every item; ``TypeError`` for a mix or a type the protocol cannot carry."""
    kinds = {_kind(item) for item in items}
    if len(kinds) > 1:
        raise TypeError(f"an output's values must share one type, not {', '.join(sorted(kinds))}")
    kind = kinds.pop() if kinds else "str"
    return {
        "bool": ("BOOL", None),
        "int": ("INT64", None),
        "float": ("FP64", None),
        "str": ("BYTES", "str"),
        "bytes": ("BYTES", None),
        "json": ("BYTES", "json"),
    }[kind]


def _kind(item: Any) -> str:
    if isinstance(item, bool):  # before int: True is an int to Python
        return "bool"
    if isinstance(item, int):
        return "int"
    if isinstance(item, float):
        return "float"
    if isinstance(item, str):
        return "str"
    if isinstance(item, bytes | bytearray):
        return "bytes"
    if isinstance(item, dict | list) or item is None:
        return "json"
    raise TypeError(f"an output value of type {type(item).__name__} has no OIP datatype; convert it first")
