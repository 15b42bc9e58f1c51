"""Request bodies into what the data plane runs: JSON (with the binary tensor extension) and multipart forms.

Each reader enforces the request size limit while it reads, so an oversized body is refused with 413 before it is
held in memory, and turns what it reads into a ``PreparedRequest`` checked against the module's declared inputs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request
from starlette.datastructures import FormData, UploadFile

from app.errors import ApiError
from app.manifests.models import Limits
from app.runtime.registry import ServedModel
from app.runtime.spec import TensorSpec
from app.runtime.tensors import (
    BINARY_HEADER,
    PreparedRequest,
    RequestError,
    check_file,
    coerce_parameter,
    decode_json,
    output_fields,
    parameter_tensors,
    prepare_json_request,
    split_binary_request,
)

RequestReader = Callable[[Request, ServedModel, Limits], Awaitable[PreparedRequest]]
VERSION_BODY = 'send {"parameters": {"version": "v2"}}, with source, model_key and env when they differ'


async def json_request(request: Request, served: ServedModel, limits: Limits) -> PreparedRequest:
    """The Open Inference Protocol's JSON body, or its binary tensor extension when the header says so."""
    body = await _read_body(request, limits.max_request_bytes)
    if (header_length := request.headers.get(BINARY_HEADER)) is not None:
        return prepare_json_request(split_binary_request(body, header_length, served.spec), served.spec)
    return prepare_json_request(decode_json(body), served.spec)


async def multipart_request(request: Request, served: ServedModel, limits: Limits) -> PreparedRequest:
    """A browser's or Postman's form: one field per input (a ``FILE[n]`` input up to n files), parameters as text
    fields, ``outputs`` comma-separated. A module that takes no file may get a plain (url-encoded) form too, as an
    HTML form without a file sends."""
    content_type = request.headers.get("content-type", "")
    takes_file = any(spec_input.is_file for spec_input in served.spec.inputs)
    if takes_file and not content_type.startswith("multipart/form-data"):
        raise RequestError(415, "send multipart/form-data with one file field per input")
    if not content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise RequestError(415, "send multipart/form-data or application/x-www-form-urlencoded, a field per input")
    _check_length(request, limits.max_request_bytes)
    form = await request.form(max_part_size=limits.max_request_bytes)  # a chunked body: ``BodySizeLimit`` counts it
    inputs, sizes = [], {}
    for spec_input in served.spec.inputs:
        items = [await _form_item(spec_input, field) for field in _form_fields(form, spec_input)]
        sizes[spec_input.name] = sum(size for _, size in items)
        tensor = {"name": spec_input.name, "datatype": spec_input.datatype, "shape": [len(items)], "parameters": {}}
        inputs.append({**tensor, "data": [item for item, _ in items]})
    parameters = {p.name: form[p.name] for p in served.spec.parameters if isinstance(form.get(p.name), str)}
    requested = form.get("outputs")
    outputs = [{"name": n.strip()} for n in requested.split(",") if n.strip()] if isinstance(requested, str) else None
    return PreparedRequest(
        id=request.headers.get("x-request-id"),
        inputs=inputs,
        parameters=parameter_tensors(served.spec, parameters),
        outputs=output_fields(served.spec, outputs),
        input_bytes=sizes,
    )


def _form_fields(form: FormData, spec_input: TensorSpec) -> list[UploadFile | str]:
    """The form's fields for ``spec_input``: one, or as many files as its docstring declares (``FILE[4]``)."""
    fields = form.getlist(spec_input.name)
    most = spec_input.max_files if spec_input.is_file else 1
    if not fields:
        kind = "a file upload" if spec_input.is_file else "a text field or a file upload"
        raise RequestError(400, f"form field {spec_input.name!r} must be {kind}")
    if len(fields) > most:
        takes = "one" if most == 1 else f"at most {most}"
        raise RequestError(400, f"form field {spec_input.name!r} is given {len(fields)} times; it takes {takes}")
    return fields


async def _form_item(spec_input: TensorSpec, field: UploadFile | str) -> tuple[Any, int]:
    """One form field as the tensor's element, and its size in bytes."""
    item: Any
    if isinstance(field, UploadFile):
        data = await field.read()
        item = data if spec_input.is_file else data.decode("utf-8", errors="replace")
    elif not spec_input.is_file:  # a typed text field, as the OpenAPI form says
        data, item = field.encode(), field
    else:
        raise RequestError(400, f"form field {spec_input.name!r} must be a file upload")
    if spec_input.is_file:
        check_file(spec_input, data, f"inputs.{spec_input.name}")
    elif not spec_input.json and spec_input.datatype != "BYTES":
        item = coerce_parameter(spec_input, item, where=f"form field {spec_input.name!r}")
    return item, len(data)


async def repository_body(request: Request) -> dict[str, Any]:
    """The body of a repository load or unload request: ``{"parameters": {...}}`` and nothing else."""
    body = await _read_body(request, 64 * 1024)
    payload = decode_json(body or b"{}")
    if not isinstance(payload, dict):
        raise ApiError(400, f"the body must be a JSON object: {VERSION_BODY}")
    if unknown := sorted(set(payload) - {"parameters"}):
        raise ApiError(400, f"{unknown[0]} is not known; {VERSION_BODY}")
    return payload


def _check_length(request: Request, limit: int) -> None:
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise RequestError(413, f"the request is {int(length)} bytes; the limit is {limit}")


async def _read_body(request: Request, limit: int) -> bytes:
    _check_length(request, limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestError(413, f"the request is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
