"""OIP model metadata and one OpenAPI 3.1 document for the runtime, both built from the modules' specs.

Generic runtimes publish a schema-less OIP document (``data: array``); here every model gets its own paths with the
real input, parameter and output names, types, descriptions and examples from its docstring, so Swagger UI and
generated clients know that ``image`` is a base64 JPEG and ``preprocess`` a boolean.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from app.common.docs import BEARER_SCHEME, add_realm_login, bearer_security_schemes
from app.runtime.monitoring import monitoring_paths
from app.runtime.spec import ModuleSpec, TensorSpec
from app.runtime.tensors import FILE_ID_CONTENT_TYPE

OPENAPI_VERSION = "3.1.0"

OIP_DATATYPES = (
    *("BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64"),
    *("FP16", "FP32", "FP64", "BYTES"),
)

MODEL_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
"""Model names appear literally in paths and component names."""

_SCALAR_SCHEMAS: Mapping[str, dict[str, Any]] = {
    "BOOL": {"type": "boolean"},
    "INT64": {"type": "integer", "format": "int64"},
    "FP64": {"type": "number", "format": "double"},
    "BYTES": {"type": "string"},
}

_ERRORS: Mapping[str, tuple[str, str]] = {
    "400": ("BadRequest", "The request is malformed or an input or parameter is invalid; `error` names it."),
    "401": ("Unauthorized", "No bearer token, or it is expired or not signed by the Keycloak realm."),
    "403": ("Forbidden", "The token is valid but does not grant access to this model."),
    "404": ("NotFound", "No model (or version) of that name is served here."),
    "413": ("PayloadTooLarge", "The request body is larger than the runtime accepts."),
    "415": ("UnsupportedMediaType", "The body's Content-Type, or an uploaded file's type, is not accepted."),
    "503": (
        "Unavailable",
        "Too many requests are waiting, the model is not loaded yet, or object storage holding a referenced file "
        "cannot be read; retry after Retry-After.",
    ),
    "504": ("GatewayTimeout", "Inference took longer than the request timeout."),
    "409": ("Conflict", "The version is serving (switch first) or loaded already with other settings (unload first)."),
}

_INFER_ERRORS = ("400", "401", "403", "404", "413", "415", "503", "504")
_READ_ERRORS = ("401", "403", "404")


def model_metadata(spec: ModuleSpec, name: str, versions: Sequence[str], platform: str = "python") -> dict[str, Any]:
    """The OIP model metadata response for ``GET /v2/models/{name}``.

    Beyond the protocol, each tensor carries ``parameters.content_type`` (``base64`` for files, ``json``, ``str``, as
    MLServer does) and ``parameters`` lists the request parameters the model reads, each as ``{name, datatype,
    shape}``, because OIP has no place to declare them and clients need their names and types.
    """
    return {
        "name": name,
        "versions": list(versions),
        "platform": platform,
        "inputs": [_metadata_tensor(tensor) for tensor in spec.inputs],
        "outputs": [_metadata_tensor(tensor) for tensor in spec.outputs],
        "parameters": [{"name": t.name, "datatype": t.datatype, "shape": [1]} for t in spec.parameters],
    }


def _metadata_tensor(tensor: TensorSpec) -> dict[str, Any]:
    one_file = tensor.is_file and tensor.kind == "input" and tensor.max_files == 1
    entry: dict[str, Any] = {"name": tensor.name, "datatype": tensor.datatype, "shape": [1] if one_file else [-1]}
    if tensor.oip_content_type:
        entry["parameters"] = {"content_type": tensor.oip_content_type}
    return entry


def openapi_document(
    models: Mapping[str, ModuleSpec],
    *,
    title: str,
    version: str,
    server_url: str | None = None,
    issuer_url: str | None = None,
) -> dict[str, Any]:
    """One OpenAPI 3.1 document for the runtime: open health endpoints, then the typed paths of every model; with
    ``issuer_url`` the realm's sign-in is declared beside the bearer scheme (Swagger UI's Authorize uses it)."""
    invalid = [name for name in models if not MODEL_NAME.fullmatch(name)]
    if invalid:
        raise ValueError(f"model names {invalid} cannot appear in paths; use letters, digits, '_', '.' and '-'")
    paths: dict[str, Any] = {**_server_paths(), **monitoring_paths(_errors, BEARER_SCHEME)}
    schemas: dict[str, Any] = dict(_shared_schemas())
    for name, spec in models.items():
        paths.update(_model_paths(name, spec, version))
        schemas.update(_model_schemas(name, spec))
    document: dict[str, Any] = {
        "openapi": OPENAPI_VERSION,
        "info": {"title": title, "version": version, "description": _document_description(models)},
        "tags": [
            {"name": "server", "description": "Liveness, readiness and server metadata; no token needed."},
            *({"name": name, "description": _model_description(spec)} for name, spec in models.items()),
            {"name": "monitoring", "description": "Recent requests and publication history, for admins."},
        ],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "responses": _error_responses(),
            "securitySchemes": bearer_security_schemes(),
        },
    }
    if server_url:
        document["servers"] = [{"url": server_url}]
    if issuer_url:
        add_realm_login(document, issuer_url)
    return document


def _document_description(models: Mapping[str, ModuleSpec]) -> str:
    names = ", ".join(f"`{name}`" for name in models) or "none"
    return "\n\n".join(
        [
            "Models served over the [Open Inference Protocol](https://kserve.github.io/website/latest/modelserving/"
            f"data_plane/v2_protocol/) (KServe v2) REST API. Models: {names}.",
            "Each model's paths are typed from its docstring. `POST /v2/models/NAME/infer` takes OIP JSON: files are "
            'BYTES tensors with `parameters: {"content_type": "base64"}`, or, once uploaded to the file service '
            '(`POST /files`), by id with `parameters: {"content_type": "file_id"}` (only your own uploads). '
            "`POST /v2/models/NAME/infer-file` takes a multipart form instead (files as they are, no base64) and "
            "answers a plain JSON object of decoded outputs.",
            "Every model path also answers under `/v2/models/NAME/versions/VERSION/…` (the versioned OIP form); "
            "those variants are left out of this document to keep it readable.",
            "Model endpoints need a bearer JWT from Keycloak; health and server metadata are open. "
            'Errors are `{"error": "message"}` with the HTTP status.',
        ]
    )


def _model_description(spec: ModuleSpec) -> str:
    return "\n\n".join(part for part in (spec.summary, spec.description) if part)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json_content(schema: dict[str, Any], example: Any = None) -> dict[str, Any]:
    media: dict[str, Any] = {"schema": schema}
    if example is not None:
        media["example"] = example
    return {"application/json": media}


def _errors(codes: Sequence[str]) -> dict[str, Any]:
    return {code: {"$ref": f"#/components/responses/{_ERRORS[code][0]}"} for code in codes}


def _error_responses() -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for code, (name, description) in _ERRORS.items():
        response: dict[str, Any] = {"description": description, "content": _json_content(_ref("Error"))}
        if code == "503":
            response["headers"] = {
                "Retry-After": {"description": "Seconds to wait before retrying", "schema": {"type": "integer"}}
            }
        if code == "401":
            response["headers"] = {
                "WWW-Authenticate": {"description": "The scheme to use: `Bearer`", "schema": {"type": "string"}}
            }
        responses[name] = response
    responses["NotReady"] = {
        "description": "Not ready yet (still loading, failed to load, or shutting down).",
        "content": _json_content(_ref("Readiness")),
    }
    return responses


def _shared_schemas() -> dict[str, Any]:
    tensor_metadata = {
        "type": "object",
        "required": ["name", "datatype", "shape"],
        "properties": {
            "name": {"type": "string"},
            "datatype": {"enum": list(OIP_DATATYPES)},
            "shape": {"type": "array", "items": {"type": "integer"}, "description": "-1 marks a variable size"},
            "parameters": {"type": "object", "description": "content_type: base64 (files), json or str"},
        },
    }
    return {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "string", "description": "What went wrong, for a person to act on"}},
        },
        "ServerMetadata": {
            "type": "object",
            "required": ["name", "version", "extensions"],
            "properties": {
                "name": {"type": "string"},
                "version": {"type": "string"},
                "extensions": {"type": "array", "items": {"type": "string"}},
            },
        },
        "TensorMetadata": tensor_metadata,
        "ModelMetadata": {
            "type": "object",
            "required": ["name", "platform", "inputs", "outputs"],
            "properties": {
                "name": {"type": "string"},
                "versions": {"type": "array", "items": {"type": "string"}},
                "platform": {"type": "string"},
                "inputs": {"type": "array", "items": _ref("TensorMetadata")},
                "outputs": {"type": "array", "items": _ref("TensorMetadata")},
                "parameters": {
                    "type": "array",
                    "items": _ref("TensorMetadata"),
                    "description": "Extension: the request parameters the model reads, with their types",
                },
            },
        },
        "ModelVersions": {
            "type": "object",
            "description": "The loaded versions of a model and the one its name serves",
            "required": ["name", "serving", "versions"],
            "properties": {
                "name": {"type": "string"},
                "serving": {"type": "string"},
                "versions": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["version", "serving", "ready", "model_key", "source"],
                        "properties": {
                            "version": {"type": "string"},
                            "serving": {"type": "boolean"},
                            "ready": {"type": "boolean"},
                            "model_key": {"type": "string"},
                            "source": {"type": "string"},
                            "loaded_at": {"type": ["string", "null"], "format": "date-time"},
                            "load_seconds": {"type": ["number", "null"]},
                        },
                    },
                },
            },
        },
        "LoadRequest": {
            "type": "object",
            "required": ["parameters"],
            "properties": {
                "parameters": {
                    "type": "object",
                    "required": ["version"],
                    "additionalProperties": False,
                    "properties": {
                        "version": {"type": "string", "minLength": 1, "maxLength": 128},
                        "source": {"type": "string", "description": "Weights: a path, a hub id or s3://bucket/prefix"},
                        "model_key": {"type": "string"},
                        "env": {"type": "object", "additionalProperties": {"type": "string"}},
                    },
                }
            },
        },
        "ModelStatistics": {
            "type": "object",
            "description": "Calls over the last 1, 5 and 60 minutes and the versions this model has served",
            "required": ["model_name", "model_version", "windows", "series", "versions"],
            "properties": {
                "model_name": {"type": "string"},
                "model_version": {"type": "string"},
                "windows": {
                    "type": "object",
                    "description": "Keys 1m, 5m and 60m",
                    "additionalProperties": {
                        "type": "object",
                        "required": ["calls", "errors", "throughput_rps"],
                        "properties": {
                            "calls": {"type": "integer"},
                            "errors": {"type": "integer"},
                            "p50_ms": {"type": ["number", "null"]},
                            "p95_ms": {"type": ["number", "null"]},
                            "p99_ms": {"type": ["number", "null"]},
                            "throughput_rps": {"type": "number"},
                        },
                    },
                },
                "series": {
                    "type": "array",
                    "description": "The last 60 minutes, one entry per minute, oldest first",
                    "items": {
                        "type": "object",
                        "required": ["start", "calls", "errors"],
                        "properties": {
                            "start": {"type": "integer", "description": "Unix time the minute starts"},
                            "calls": {"type": "integer"},
                            "errors": {"type": "integer"},
                            "p50_ms": {"type": ["number", "null"]},
                            "p95_ms": {"type": ["number", "null"]},
                        },
                    },
                },
                "versions": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["version", "calls"],
                        "properties": {
                            "version": {"type": "string"},
                            "first_seen": {"type": "number", "description": "Unix time"},
                            "last_seen": {"type": "number", "description": "Unix time"},
                            "calls": {"type": "integer"},
                        },
                    },
                },
            },
        },
        "Readiness": {
            "type": "object",
            "required": ["ready"],
            "properties": {
                "ready": {"type": "boolean"},
                "name": {"type": "string"},
                "error": {"type": ["string", "null"], "description": "Why the model is not ready"},
                "models": {"type": "object", "description": "Per model: ready and error"},
            },
        },
    }


def _server_paths() -> dict[str, Any]:
    def health(operation_id: str, summary: str, ready: bool) -> dict[str, Any]:
        responses: dict[str, Any] = {"200": {"description": "Yes", "content": _json_content({"type": "object"})}}
        if ready:
            responses["503"] = {"$ref": "#/components/responses/NotReady"}
        return {"get": {"tags": ["server"], "operationId": operation_id, "summary": summary, "responses": responses}}

    return {
        "/v2": {
            "get": {
                "tags": ["server"],
                "operationId": "server_metadata",
                "summary": "Server name, version and OIP extensions",
                "responses": {
                    "200": {"description": "Server metadata", "content": _json_content(_ref("ServerMetadata"))}
                },
            }
        },
        "/v2/health/live": health("server_live", "Is the server process up?", ready=False),
        "/v2/health/ready": health("server_ready", "Are all models loaded and ready?", ready=True),
    }


def _component(model: str, *parts: str) -> str:
    return ".".join((model, *parts))


def _operation_id(model: str, action: str) -> str:
    return re.sub(r"\W", "_", f"{model}_{action}")


def _model_paths(name: str, spec: ModuleSpec, version: str) -> dict[str, Any]:
    base = f"/v2/models/{name}"
    secured = {"tags": [name], "security": [{BEARER_SCHEME: []}]}
    metadata_example = model_metadata(spec, name, [version])
    return {
        base: {
            "get": {
                **secured,
                "operationId": _operation_id(name, "metadata"),
                "summary": "Model metadata: inputs, outputs and parameters with their OIP datatypes",
                "responses": {
                    "200": {
                        "description": "Model metadata",
                        "content": _json_content(_ref("ModelMetadata"), metadata_example),
                    },
                    **_errors(_READ_ERRORS),
                },
            }
        },
        f"{base}/ready": {
            "get": {
                **secured,
                "operationId": _operation_id(name, "ready"),
                "summary": "Is this model loaded and ready?",
                "responses": {
                    "200": {"description": "Ready", "content": _json_content(_ref("Readiness"))},
                    "503": {"$ref": "#/components/responses/NotReady"},
                    **_errors(_READ_ERRORS),
                },
            }
        },
        f"{base}/stats": {
            "get": {
                **secured,
                "operationId": _operation_id(name, "stats"),
                "summary": "Request counts and latency of this model",
                "responses": {
                    "200": {"description": "Statistics", "content": _json_content(_ref("ModelStatistics"))},
                    **_errors(_READ_ERRORS),
                },
            }
        },
        f"{base}/versions": {
            "get": {
                **secured,
                "operationId": _operation_id(name, "versions"),
                "summary": "The loaded versions and the one serving",
                "responses": {
                    "200": {"description": "Versions", "content": _json_content(_ref("ModelVersions"))},
                    **_errors(_READ_ERRORS),
                },
            }
        },
        f"{base}/infer": {"post": _infer_operation(name, spec, version, secured)},
        f"{base}/infer-file": {"post": _infer_file_operation(name, spec, secured)},
        f"/v2/repository/models/{name}/load": {
            "post": {
                **secured,
                "operationId": _operation_id(name, "load"),
                "summary": "Load a version beside the serving one and switch to it when ready (admins)",
                "description": "A version already loaded is switched to at once: that is a rollback. A failed load "
                "is a 400 and leaves the serving version as it was.",
                "requestBody": {"required": True, "content": _json_content(_ref("LoadRequest"))},
                "responses": {
                    "200": {
                        "description": "Switched",
                        "content": _json_content(
                            {
                                "type": "object",
                                "properties": {"name": {"type": "string"}, "serving": {"type": "string"}},
                            }
                        ),
                    },
                    **_errors(("400", "401", "403", "404", "409")),
                },
            }
        },
    }


def _infer_operation(name: str, spec: ModuleSpec, version: str, secured: dict[str, Any]) -> dict[str, Any]:
    files = ", ".join(f"`{tensor.name}`" for tensor in spec.file_inputs)
    notes = [spec.description]
    if files:
        notes.append(
            f"Send {files} as BYTES with `parameters.content_type` = `base64`, one element per file, or as the ids "
            "of your uploads in the file service with `parameters.content_type` = `file_id`."
        )
    notes.append("Omit `outputs` to get every output.")
    return {
        **secured,
        "operationId": _operation_id(name, "infer"),
        "summary": spec.summary,
        "description": "\n\n".join(note for note in notes if note),
        "requestBody": {
            "required": True,
            "content": _json_content(_ref(_component(name, "InferRequest")), _request_example(spec)),
        },
        "responses": {
            "200": {
                "description": "The requested outputs as OIP tensors",
                "content": _json_content(
                    _ref(_component(name, "InferResponse")), _response_example(name, spec, version)
                ),
            },
            **_errors(_INFER_ERRORS),
        },
    }


def _infer_file_operation(name: str, spec: ModuleSpec, secured: dict[str, Any]) -> dict[str, Any]:
    encoding = {
        tensor.name: {"contentType": ", ".join(tensor.content_types)}
        for tensor in spec.file_inputs
        if tensor.content_types
    }
    media: dict[str, Any] = {"schema": _ref(_component(name, "InferFileRequest"))}
    if encoding:
        media["encoding"] = encoding
    example = {tensor.name: spec.example(tensor) for tensor in spec.outputs if spec.example(tensor) is not None}
    return {
        **secured,
        "operationId": _operation_id(name, "infer_file"),
        "summary": spec.summary,
        "description": "\n\n".join(
            part
            for part in (
                "Convenience form of `infer`: upload the files as they are (multipart/form-data), give parameters "
                "as form fields, and get back one JSON object with each output decoded (json outputs as JSON, "
                "text as strings).",
                spec.description,
            )
            if part
        ),
        "requestBody": {"required": True, "content": {"multipart/form-data": media}},
        "responses": {
            "200": {
                "description": "The requested outputs by name, decoded",
                "content": _json_content(_ref(_component(name, "InferFileResponse")), example or None),
            },
            **_errors(_INFER_ERRORS),
        },
    }


def _model_schemas(name: str, spec: ModuleSpec) -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    for tensor in (*spec.inputs, *spec.outputs):
        schemas[_component(name, tensor.qualified_name)] = _tensor_schema(spec, tensor)
    schemas[_component(name, "InferRequest")] = _request_schema(name, spec)
    schemas[_component(name, "InferResponse")] = _response_schema(name, spec)
    schemas[_component(name, "InferFileRequest")] = _form_schema(spec)
    schemas[_component(name, "InferFileResponse")] = {
        "type": "object",
        "description": "Each requested output, decoded from its single element",
        "properties": {tensor.name: _decoded_schema(spec, tensor) for tensor in spec.outputs},
        "additionalProperties": False,
    }
    return schemas


def _element_schema(tensor: TensorSpec) -> dict[str, Any]:
    """JSON Schema of one element of ``data`` in an OIP tensor."""
    if tensor.is_file:
        schema: dict[str, Any] = {"type": "string", "contentEncoding": "base64"}
        if len(tensor.content_types) == 1:
            schema["contentMediaType"] = tensor.content_types[0]
        if tensor.kind == "input":
            schema["description"] = "The file in base64, or the id of an upload with content_type file_id"
        return schema
    if tensor.json:
        return {"type": "string", "contentMediaType": "application/json"}
    return dict(_SCALAR_SCHEMAS[tensor.datatype])


def _module_schema(spec: ModuleSpec, tensor: TensorSpec) -> dict[str, Any] | None:
    """The module's JSON Schema for a ``json`` tensor's decoded element, made self-contained: its local ``$defs``
    (pydantic's, for enums and nested models) inlined, since ``#/$defs/…`` would point into the OpenAPI document."""
    schema = spec.schema(tensor)
    if schema is None:
        return None
    definitions: dict[str, Any] = {}

    def collect(node: Any) -> None:
        if isinstance(node, Mapping):
            definitions.update(node.get("$defs", {}))
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    def inline(node: Any) -> Any:
        if isinstance(node, Mapping):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[8:] in definitions:
                rest = {key: inline(value) for key, value in node.items() if key != "$ref"}
                return {**inline(definitions[ref[8:]]), **rest}
            return {key: inline(value) for key, value in node.items() if key != "$defs"}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    collect(schema)
    inlined: dict[str, Any] = inline(schema)
    return inlined


def _element_example(spec: ModuleSpec, tensor: TensorSpec) -> Any:
    value = spec.example(tensor)
    if value is None or not tensor.json:
        return value
    return json.dumps(value, ensure_ascii=False)


def _accepts(tensor: TensorSpec) -> str:
    if not tensor.is_file:
        return ""
    return f" Accepted: {', '.join(tensor.content_types)}." if tensor.content_types else " Any file type."


def _tensor_schema(spec: ModuleSpec, tensor: TensorSpec) -> dict[str, Any]:
    """An OIP tensor restricted to one declared input or output: fixed name and datatype, typed elements."""
    element = _element_schema(tensor)
    if (content_schema := _module_schema(spec, tensor)) is not None:
        element["contentSchema"] = content_schema
    example = _element_example(spec, tensor)
    if example is not None:
        element["examples"] = [example]
    properties: dict[str, Any] = {
        "name": {"const": tensor.name},
        "datatype": {"const": tensor.datatype},
        "shape": {
            "type": "array",
            "items": {"type": "integer", "minimum": 0},
            "minItems": 1,
            "maxItems": 1,
            "description": "[number of elements in data]",
        },
        "data": {"type": "array", "items": element, "minItems": 1},
    }
    required = ["name", "datatype", "shape", "data"]
    content_type = tensor.oip_content_type
    if content_type:
        properties["parameters"] = {
            "type": "object",
            "properties": {"content_type": {"const": content_type}},
        }
        if tensor.is_file and tensor.kind == "input":
            properties["data"]["maxItems"] = tensor.max_files
            properties["parameters"]["properties"]["content_type"] = {"enum": [content_type, FILE_ID_CONTENT_TYPE]}
            properties["parameters"]["required"] = ["content_type"]
            required.append("parameters")
    return {
        "type": "object",
        "title": tensor.qualified_name,
        "description": tensor.description + _accepts(tensor),
        "required": required,
        "properties": properties,
    }


def _typed_value_schema(spec: ModuleSpec, tensor: TensorSpec) -> dict[str, Any]:
    schema = dict(_SCALAR_SCHEMAS[tensor.datatype])
    schema["description"] = tensor.description
    example = spec.example(tensor)
    if example is not None:
        schema["examples"] = [example]
    return schema


def _request_schema(name: str, spec: ModuleSpec) -> dict[str, Any]:
    input_names = ", ".join(spec.input_names)
    properties: dict[str, Any] = {
        "id": {"type": "string", "description": "Echoed in the response"},
        "parameters": {
            "type": "object",
            "description": "Request parameters the model reads; all optional",
            "properties": {tensor.name: _typed_value_schema(spec, tensor) for tensor in spec.parameters},
        },
        "inputs": {
            "type": "array",
            "description": f"One tensor per declared input, each once: {input_names}",
            "items": {"oneOf": [_ref(_component(name, t.qualified_name)) for t in spec.inputs]},
            "minItems": len(spec.inputs),
            "maxItems": len(spec.inputs),
        },
        "outputs": {
            "type": "array",
            "description": "Outputs to return; omitted or empty means every output",
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"enum": list(spec.output_names)}, "parameters": {"type": "object"}},
            },
        },
    }
    return {"type": "object", "title": f"{name} infer request", "required": ["inputs"], "properties": properties}


def _response_schema(name: str, spec: ModuleSpec) -> dict[str, Any]:
    return {
        "type": "object",
        "title": f"{name} infer response",
        "required": ["model_name", "outputs"],
        "properties": {
            "model_name": {"const": name},
            "model_version": {"type": "string"},
            "id": {"type": "string", "description": "The request's id"},
            "parameters": {"type": "object"},
            "outputs": {
                "type": "array",
                "items": {"oneOf": [_ref(_component(name, t.qualified_name)) for t in spec.outputs]},
            },
        },
    }


def _form_schema(spec: ModuleSpec) -> dict[str, Any]:
    """The multipart form of ``infer-file``: files as binary parts, everything else as typed text fields."""
    properties: dict[str, Any] = {}
    for tensor in spec.inputs:
        if tensor.is_file:
            properties[tensor.name] = {
                "type": "string",
                "contentMediaType": "application/octet-stream",
                "description": tensor.description + _accepts(tensor),
            }
        elif tensor.json:
            properties[tensor.name] = {"type": "string", "contentMediaType": "application/json"}
        else:
            properties[tensor.name] = _typed_value_schema(spec, tensor)
    for tensor in spec.parameters:
        properties[tensor.name] = _typed_value_schema(spec, tensor)
    names = "|".join(spec.output_names)
    properties["outputs"] = {
        "type": "string",
        "description": f"Comma-separated outputs to return; default every output ({', '.join(spec.output_names)})",
        "pattern": rf"^\s*({names})\s*(,\s*({names})\s*)*$",
        "examples": [",".join(spec.output_names[:2])],
    }
    return {"type": "object", "required": list(spec.input_names), "properties": properties}


def _decoded_schema(spec: ModuleSpec, tensor: TensorSpec) -> dict[str, Any]:
    """One output as ``infer-file`` returns it: JSON decoded, text as a string, a file as base64 text."""
    schema: dict[str, Any]
    if tensor.json:
        schema = _module_schema(spec, tensor) or {}
    elif tensor.is_file:
        schema = {"type": "string", "contentEncoding": "base64"}
    else:
        schema = dict(_SCALAR_SCHEMAS[tensor.datatype])
    schema["description"] = tensor.description
    example = spec.example(tensor)
    if example is not None:
        schema["examples"] = [example]
    return schema


def _request_example(spec: ModuleSpec) -> dict[str, Any] | None:
    """A complete ``infer`` request from the module's examples; ``None`` unless every input has one."""
    if any(spec.example(tensor) is None for tensor in spec.inputs):
        return None
    example: dict[str, Any] = {"inputs": [_example_tensor(spec, tensor) for tensor in spec.inputs]}
    parameters = {t.name: spec.example(t) for t in spec.parameters if spec.example(t) is not None}
    if parameters:
        example["parameters"] = parameters
    outputs = [tensor.name for tensor in spec.outputs if spec.example(tensor) is not None]
    if outputs:
        example["outputs"] = [{"name": name} for name in outputs]
    return example


def _response_example(name: str, spec: ModuleSpec, version: str) -> dict[str, Any] | None:
    outputs = [_example_tensor(spec, tensor) for tensor in spec.outputs if spec.example(tensor) is not None]
    if not outputs:
        return None
    return {"model_name": name, "model_version": version, "outputs": outputs}


def _example_tensor(spec: ModuleSpec, tensor: TensorSpec) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": tensor.name, "datatype": tensor.datatype, "shape": [1]}
    if tensor.oip_content_type:
        entry["parameters"] = {"content_type": tensor.oip_content_type}
    entry["data"] = [_element_example(spec, tensor)]
    return entry
