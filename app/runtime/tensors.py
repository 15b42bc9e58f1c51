"""Check an Open Inference Protocol request against the module's declared API and put it in the contract's shape.

Everything a caller can get wrong is caught here with a message naming the input or parameter, so the module only
sees well-formed calls: FILE inputs arrive as ``bytes`` (decoded from base64, read from a multipart upload, or read
from the file service for a file id; their type sniffed from the bytes and checked against the declared MIME types),
parameters arrive as one-element OIP tensors of the declared type, and unknown names are refused rather than ignored.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.errors import ApiError
from app.files.service import sniff
from app.runtime.spec import ModuleSpec, TensorSpec

_PYTHON_TYPES = {"BOOL": bool, "INT64": int, "FP64": float, "BYTES": str}
_NUMPY_TYPES = {
    "BOOL": "?", "UINT8": "<u1", "UINT16": "<u2", "UINT32": "<u4", "UINT64": "<u8", "INT8": "<i1", "INT16": "<i2",
    "INT32": "<i4", "INT64": "<i8", "FP16": "<f2", "FP32": "<f4", "FP64": "<f8",
}  # fmt: skip
PROTOCOL_PARAMETERS = frozenset({"binary_data_output"})
"""Request parameters addressed to the server, not the model; outputs are answered as JSON, which the binary
extension allows and its clients read."""
FILE_ID_CONTENT_TYPE = "file_id"
"""``parameters.content_type`` of a FILE input whose elements are file-service ids instead of base64 bytes."""
BINARY_HEADER = "inference-header-content-length"
"""Triton's binary tensor extension: the JSON part's length; raw tensors follow it in the body."""


class RequestError(ApiError):
    """A request the module must not see; ``status_code`` is 400, 413 or 415 and ``detail`` says what and where."""


@dataclass(frozen=True)
class FileReference:
    """A FILE input given as the id of an upload in the file service; the runtime reads it (``app.runtime.filerefs``)
    before the module is called, so the module still sees bytes."""

    file_id: str
    where: str
    """The element's place in the request (``inputs.image[0]``), for error messages."""


@dataclass
class PreparedRequest:
    id: str | None
    inputs: list[dict[str, Any]]
    parameters: list[dict[str, Any]]
    outputs: list[dict[str, Any]]
    input_bytes: dict[str, int] = field(default_factory=dict)

    @property
    def has_file_references(self) -> bool:
        return any(isinstance(item, FileReference) for tensor in self.inputs for item in tensor["data"])


def check_file(spec: TensorSpec, data: bytes, where: str) -> None:
    if not data:
        raise RequestError(400, f"{where} is empty")
    if not spec.content_types:
        return
    detected = sniff(data)
    if detected not in spec.content_types:
        accepted = ", ".join(spec.content_types)
        found = detected or "an unrecognised type"
        raise RequestError(415, f"{where} is {found}; accepted: {accepted}")


def _decode_file(spec: TensorSpec, tensor: Mapping[str, Any], index: int, item: Any) -> bytes | FileReference:
    where = f"inputs.{spec.name}[{index}]"
    content_type = (tensor.get("parameters") or {}).get("content_type")
    if content_type == FILE_ID_CONTENT_TYPE:
        if not isinstance(item, str) or not item:
            raise RequestError(400, f"{where} must be the id the file service gave the file, as a string")
        return FileReference(item, where)
    if isinstance(item, str) and content_type == "base64":
        try:
            data = base64.b64decode(item, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise RequestError(400, f"{where} is not valid base64 ({exc})") from exc
    elif isinstance(item, bytes):
        data = item
    else:
        raise RequestError(
            400, f"{where} must be a base64 string with parameters.content_type 'base64', or a file id with 'file_id'"
        )
    check_file(spec, data, where)
    return data


def coerce_parameter(spec: TensorSpec, value: Any) -> Any:
    """The value as the declared type; form fields arrive as strings and are converted."""
    wanted = _PYTHON_TYPES.get(spec.datatype, str)
    where = f"parameters.{spec.name}"
    if wanted is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"true", "false", "1", "0"}:
            return value.lower() in {"true", "1"}
        raise RequestError(400, f"{where} must be true or false, not {value!r}")
    if wanted is int and not isinstance(value, bool):
        try:
            if isinstance(value, int | str) and int(value) == float(value):
                return int(value)
        except ValueError:
            pass
        raise RequestError(400, f"{where} must be an integer, not {value!r}")
    if wanted is float and not isinstance(value, bool):
        try:
            return float(value)
        except (TypeError, ValueError):
            raise RequestError(400, f"{where} must be a number, not {value!r}") from None
    if isinstance(value, str):
        return value
    raise RequestError(400, f"{where} must be a string, not {value!r}")


def parameter_tensors(spec: ModuleSpec, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    declared = {parameter.name: parameter for parameter in spec.parameters}
    tensors = []
    for name, value in values.items():
        if name not in declared:
            raise RequestError(400, f"parameters.{name} is not a parameter of this model; known: {', '.join(declared)}")
        parameter = declared[name]
        coerced = coerce_parameter(parameter, value)
        tensors.append({"name": name, "datatype": parameter.datatype, "shape": [1], "data": [coerced]})
    return tensors


def output_fields(spec: ModuleSpec, requested: Any) -> list[dict[str, Any]]:
    if requested is None:
        return []
    if not isinstance(requested, list):
        raise RequestError(400, "outputs must be a list of {'name': ...}")
    known = [output.name for output in spec.outputs]
    fields = []
    for item in requested:
        name = item.get("name") if isinstance(item, dict) else None
        if name not in known:
            raise RequestError(400, f"outputs: {name!r} is not an output of this model; known: {', '.join(known)}")
        fields.append({"name": name})
    return fields


def _binary_elements(name: str, datatype: str, chunk: bytes) -> list[Any]:
    """One tensor's raw bytes → its elements: BYTES as 4-byte little-endian length + bytes, numbers as arrays."""
    if datatype == "BYTES":
        elements, offset = [], 0
        while offset < len(chunk):
            if offset + 4 > len(chunk):
                raise RequestError(400, f"inputs.{name}: binary BYTES element cut short at byte {offset}")
            length = int.from_bytes(chunk[offset : offset + 4], "little")
            if offset + 4 + length > len(chunk):
                raise RequestError(400, f"inputs.{name}: binary BYTES element of {length} bytes runs past the data")
            elements.append(chunk[offset + 4 : offset + 4 + length])
            offset += 4 + length
        return elements
    dtype = _NUMPY_TYPES.get(datatype)
    if dtype is None:
        raise RequestError(400, f"inputs.{name}: unknown datatype {datatype!r}")
    if len(chunk) % np.dtype(dtype).itemsize:
        raise RequestError(400, f"inputs.{name}: {len(chunk)} bytes is not a whole number of {datatype} elements")
    return list(np.frombuffer(chunk, dtype=dtype).tolist())


def split_binary_request(body: bytes, header_length: str, spec: ModuleSpec) -> dict[str, Any]:
    """A request in Triton's binary tensor extension → the JSON request with each tensor's ``data`` filled in.

    Raw bytes skip base64's third more size; tritonclient sends inputs this way by default.
    """
    if not header_length.isdigit() or int(header_length) > len(body):
        raise RequestError(400, f"{BINARY_HEADER} {header_length!r} does not fit a body of {len(body)} bytes")
    split = int(header_length)
    try:
        payload = json.loads(body[:split])
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RequestError(400, f"the JSON part of the binary request is not valid JSON ({exc})") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("inputs"), list):
        raise RequestError(400, "the body must be a JSON object with an 'inputs' list (Open Inference Protocol)")
    files = {tensor.name for tensor in spec.inputs if tensor.is_file}
    offset = split
    for tensor in payload["inputs"]:
        parameters = tensor.get("parameters") or {} if isinstance(tensor, dict) else {}
        size = parameters.pop("binary_data_size", None)
        if size is None:
            continue
        if not isinstance(size, int) or size < 0 or offset + size > len(body):
            raise RequestError(400, f"inputs.{tensor.get('name')}: binary_data_size {size!r} runs past the body")
        elements = _binary_elements(str(tensor.get("name")), str(tensor.get("datatype")), body[offset : offset + size])
        if tensor.get("datatype") == "BYTES" and tensor.get("name") not in files:
            elements = [element.decode("utf-8", errors="replace") for element in elements]
        tensor["data"], tensor["parameters"] = elements, parameters
        offset += size
    if offset != len(body):
        raise RequestError(400, f"{len(body) - offset} bytes follow the last binary tensor")
    return payload


def prepare_json_request(body: Any, spec: ModuleSpec) -> PreparedRequest:
    """A JSON OIP request → the module's call, or ``RequestError``."""
    if not isinstance(body, dict) or not isinstance(body.get("inputs"), list):
        raise RequestError(400, "the body must be a JSON object with an 'inputs' list (Open Inference Protocol)")
    declared = {tensor.name: tensor for tensor in spec.inputs}
    inputs: list[dict[str, Any]] = []
    sizes: dict[str, int] = {}
    for position, tensor in enumerate(body["inputs"]):
        name = tensor.get("name") if isinstance(tensor, dict) else None
        if name not in declared:
            known = ", ".join(declared)
            raise RequestError(400, f"inputs[{position}]: {name!r} is not an input of this model; known: {known}")
        if any(existing["name"] == name for existing in inputs):
            raise RequestError(400, f"inputs.{name} is given twice")
        data = tensor.get("data")
        items = data if isinstance(data, list) else [data]
        if not items or any(item is None for item in items):
            raise RequestError(400, f"inputs.{name} has no data")
        spec_tensor = declared[name]
        if spec_tensor.is_file:
            decoded = [_decode_file(spec_tensor, tensor, index, item) for index, item in enumerate(items)]
            sizes[name] = sum(len(item) for item in decoded if isinstance(item, bytes))
            inputs.append(
                {"name": name, "datatype": "BYTES", "shape": [len(decoded)], "parameters": {}, "data": decoded}
            )
        else:
            sizes[name] = len(str(items))
            inputs.append({**tensor, "name": name, "data": items})
    missing = [name for name in declared if name not in {tensor["name"] for tensor in inputs}]
    if missing:
        raise RequestError(400, f"inputs.{missing[0]} is missing")
    parameters = body.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise RequestError(400, "parameters must be a JSON object of name → value")
    parameters = {name: value for name, value in parameters.items() if name not in PROTOCOL_PARAMETERS}
    request_id = body.get("id")
    return PreparedRequest(
        id=str(request_id) if request_id is not None else None,
        inputs=inputs,
        parameters=parameter_tensors(spec, parameters),
        outputs=output_fields(spec, body.get("outputs")),
        input_bytes=sizes,
    )
