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
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.errors import ApiError
from app.files.service import sniff
from app.runtime.datatypes import NUMPY_DTYPES, describe, in_range, python_type
from app.runtime.spec import ModuleSpec, TensorSpec

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


def decode_json(body: bytes, what: str = "the body") -> Any:
    """``body`` as JSON, or RequestError 400: invalid text, nesting too deep for the parser, a number of thousands of
    digits (Python refuses to convert those) are the caller's mistakes, not the server's."""
    try:
        return json.loads(body, parse_constant=_refuse_constant, parse_int=_integer, parse_float=_finite)
    except RecursionError:
        raise RequestError(400, f"{what} is nested too deeply to read as JSON") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RequestError(400, f"{what} is not valid JSON ({exc})") from None
    except ValueError as exc:  # from the hooks below
        raise RequestError(400, f"{what} is not valid JSON for this API: {exc}") from None


MAX_NUMBER_CHARS = 100
"""Longer numbers are refused before conversion: no tensor type holds them, and converting costs quadratic time."""


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number of {len(text)} digits (at most {MAX_NUMBER_CHARS})")
    return int(text)


def _finite(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number of {len(text)} characters (at most {MAX_NUMBER_CHARS})")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is beyond a 64-bit float")
    return value


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
    content_type = tensor["parameters"].get("content_type")
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


def coerce_parameter(spec: TensorSpec, value: Any, where: str | None = None) -> Any:
    """The value as the declared type; form fields arrive as strings and are converted."""
    wanted = python_type(spec.datatype)
    where = where or f"parameters.{spec.name}"
    if wanted is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"true", "false", "1", "0"}:
            return value.lower() in {"true", "1"}
        raise RequestError(400, f"{where} must be true or false, not {value!r}")
    if wanted is int and not isinstance(value, bool):
        try:
            if isinstance(value, int | str) and int(value) == float(value) and in_range(spec.datatype, int(value)):
                return int(value)
        except (ValueError, OverflowError):
            pass
        raise RequestError(400, f"{where} must be {describe(spec.datatype)}, not {value!r}")
    if wanted is float and not isinstance(value, bool):
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            number = math.nan
        if not in_range(spec.datatype, number):
            raise RequestError(400, f"{where} must be {describe(spec.datatype)}, not {value!r}")
        return number
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
        if not isinstance(name, str) or name not in known:
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
    dtype = NUMPY_DTYPES.get(datatype)
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
    payload = decode_json(body[:split], "the JSON part of the binary request")
    if not isinstance(payload, dict) or not isinstance(payload.get("inputs"), list):
        raise RequestError(400, "the body must be a JSON object with an 'inputs' list (Open Inference Protocol)")
    files = {tensor.name for tensor in spec.inputs if tensor.is_file}
    offset = split
    for position, tensor in enumerate(payload["inputs"]):
        _check_tensor(tensor, f"inputs[{position}]")
        parameters = tensor["parameters"]
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


def _check_tensor(tensor: Any, where: str) -> None:
    """The OIP tensor's own shape (name, datatype, shape, parameters), so later code never meets a list for a name;
    a missing or null ``parameters`` becomes ``{}``."""
    if not isinstance(tensor, dict):
        raise RequestError(400, f"{where} must be an object with name, datatype, shape and data")
    if not isinstance(tensor.get("name"), str):
        raise RequestError(400, f"{where}.name must be a string, not {type(tensor.get('name')).__name__}")
    if not isinstance(tensor.get("datatype", ""), str):
        raise RequestError(400, f"{where}.datatype must be a string such as 'BYTES' or 'FP64'")
    shape = tensor.get("shape", [])
    if not isinstance(shape, list) or any(not _is_int(size) or size < 0 for size in shape):
        raise RequestError(400, f"{where}.shape must be a list of non-negative integers")
    if tensor.get("parameters") is None:
        tensor["parameters"] = {}
    elif not isinstance(tensor["parameters"], dict):
        raise RequestError(400, f"{where}.parameters must be an object, not {type(tensor['parameters']).__name__}")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_ELEMENT_CHECKS: dict[str, Any] = {
    "BOOL": lambda item: isinstance(item, bool),
    "INT": _is_int,
    "UINT": _is_int,
    "FP": lambda item: isinstance(item, int | float) and not isinstance(item, bool) and abs(item) < 2**64,
    "BYTES": lambda item: isinstance(item, str),
}
"""Each datatype family's elements by their JSON type; ``in_range`` then checks the size's range (and a float
datatype takes no huge integer)."""


def _checked_elements(spec: TensorSpec, items: list[Any]) -> list[Any]:
    """A non-file input's elements, flattened in row-major order (OIP allows nested arrays) and each of its declared
    type, so the module never meets a list where it expects a number, or a huge integer where a float."""
    if spec.json or spec.is_file:
        return items
    check = next((rule for prefix, rule in _ELEMENT_CHECKS.items() if spec.datatype.startswith(prefix)), None)
    flat, pending = [], list(reversed(items))
    while pending:  # no recursion: a deeply nested list must not exhaust the stack
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(reversed(item))
        elif check is not None and (not check(item) or not in_range(spec.datatype, item)):
            shown = repr(item) if len(repr(item)) <= 40 else repr(item)[:37] + "..."
            wanted = describe(spec.datatype)
            raise RequestError(400, f"inputs.{spec.name}: each element must be {wanted} ({spec.datatype}), not {shown}")
        else:
            flat.append(item)
    return flat


def prepare_json_request(body: Any, spec: ModuleSpec) -> PreparedRequest:
    """A JSON OIP request → the module's call, or ``RequestError``."""
    if not isinstance(body, dict) or not isinstance(body.get("inputs"), list):
        raise RequestError(400, "the body must be a JSON object with an 'inputs' list (Open Inference Protocol)")
    if body.get("id") is not None and not isinstance(body["id"], str):
        raise RequestError(400, "id must be a string")
    declared = {tensor.name: tensor for tensor in spec.inputs}
    inputs: list[dict[str, Any]] = []
    sizes: dict[str, int] = {}
    for position, tensor in enumerate(body["inputs"]):
        _check_tensor(tensor, f"inputs[{position}]")
        name = tensor["name"]
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
            if len(items) > spec_tensor.max_files:
                most = "one" if spec_tensor.max_files == 1 else f"at most {spec_tensor.max_files}"
                raise RequestError(
                    400, f"inputs.{name} holds {len(items)} files; it takes {most} per request: send more requests"
                )
            decoded = [_decode_file(spec_tensor, tensor, index, item) for index, item in enumerate(items)]
            sizes[name] = sum(len(item) for item in decoded if isinstance(item, bytes))
            inputs.append(
                {"name": name, "datatype": "BYTES", "shape": [len(decoded)], "parameters": {}, "data": decoded}
            )
        else:
            items = _checked_elements(spec_tensor, items)
            if not items:
                raise RequestError(400, f"inputs.{name} has no data")
            sizes[name] = len(str(items))
            inputs.append({**tensor, "name": name, "data": items})
    missing = [name for name in declared if name not in {tensor["name"] for tensor in inputs}]
    if missing:
        raise RequestError(400, f"inputs.{missing[0]} is missing")
    parameters = {} if body.get("parameters") is None else body["parameters"]
    if not isinstance(parameters, dict):
        raise RequestError(400, "parameters must be a JSON object of name → value")
    parameters = {name: value for name, value in parameters.items() if name not in PROTOCOL_PARAMETERS}
    return PreparedRequest(
        id=body.get("id"),
        inputs=inputs,
        parameters=parameter_tensors(spec, parameters),
        outputs=output_fields(spec, body.get("outputs")),
        input_bytes=sizes,
    )
