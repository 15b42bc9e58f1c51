"""An Open Inference Protocol request body ↔ the module contract's tensors, for servers that are not our runtime.

MLServer hands its model the OIP request as it arrived; our runtime hands the module bytes for binary inputs and
one-element tensors for parameters. Converting the same way here means both servers call ``inference()`` with
identical arguments, and the in-process "direct call" baseline uses the same arguments too. Standard library only:
this module is imported in MLServer's own virtualenv.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

RESERVED_PARAMETERS = frozenset({"content_type", "headers"})
"""OIP request parameters that describe the request itself (MLServer adds the HTTP headers), not the model's."""

_DATATYPES: tuple[tuple[type, str], ...] = ((bool, "BOOL"), (int, "INT64"), (float, "FP64"), (str, "BYTES"))
"""Python type → OIP datatype of a parameter value; bool before int, as a bool is an int."""

ContractCall = tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]
"""``(parameters, inputs, output_fields)``, the first three arguments of ``inference()``."""


def contract_call(request: Mapping[str, Any]) -> ContractCall:
    """An OIP request body as JSON decodes it → the arguments our runtime would pass to ``inference()``."""
    return (
        contract_parameters(request.get("parameters")),
        contract_inputs(request.get("inputs") or []),
        contract_output_fields(request.get("outputs")),
    )


def contract_inputs(inputs: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Input tensors with base64 BYTES elements decoded to ``bytes``, as the runtime does for binary inputs."""
    converted = []
    for tensor in inputs:
        parameters = dict(tensor.get("parameters") or {})
        data = tensor.get("data")
        items: list[Any] = list(data) if isinstance(data, list) else [data]
        if parameters.get("content_type") == "base64":
            items = [base64.b64decode(item, validate=True) for item in items]
            parameters = {}
        converted.append({**tensor, "shape": [len(items)], "parameters": parameters, "data": items})
    return converted


def contract_parameters(parameters: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """OIP request parameters (name → value) → one-element parameter tensors, request metadata left out."""
    return [
        {"name": name, "datatype": _datatype(value), "shape": [1], "data": [value]}
        for name, value in (parameters or {}).items()
        if name not in RESERVED_PARAMETERS and value is not None
    ]


def contract_output_fields(outputs: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """Requested outputs → ``[{"name": ...}]``; none requested means every output, as the contract says."""
    return [{"name": str(output["name"])} for output in outputs or []]


def response_outputs(outputs: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The module's output tensors as JSON can carry them: ``bytes`` elements become base64, marked as such."""
    converted = []
    for tensor in outputs:
        data = list(tensor.get("data") or [])
        if any(isinstance(item, bytes | bytearray) for item in data):
            encoded = [base64.b64encode(bytes(item)).decode("ascii") for item in data]
            parameters = {**(tensor.get("parameters") or {}), "content_type": "base64"}
            converted.append({**tensor, "parameters": parameters, "data": encoded})
        else:
            converted.append(dict(tensor))
    return converted


def _datatype(value: Any) -> str:
    return next((datatype for kind, datatype in _DATATYPES if isinstance(value, kind)), "BYTES")
