"""OIP model metadata and one OpenAPI 3.1 document for the runtime, both built from the modules' specs.

Generic runtimes publish a schema-less OIP document (``data: array``); here every model gets its own paths with the
real input, parameter and output names, types, descriptions and examples from its docstring, so Swagger UI and
generated clients know that ``image`` is a base64 JPEG and ``preprocess`` a boolean. The paths are here; each model's
schemas are ``app.runtime.model_schemas``'s, and the shapes every runtime answers alike are ``app.runtime.protocol``'s
typed models.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from app.common.docs import BEARER_SCHEME, add_realm_login, bearer_security_schemes
from app.runtime.model_schemas import component, model_schemas, ref, request_example, response_example
from app.runtime.monitoring import monitoring_paths
from app.runtime.protocol import shared_schemas
from app.runtime.spec import ModuleSpec, TensorSpec

OPENAPI_VERSION = "3.1.0"

MODEL_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
"""Model names appear literally in paths and component names."""

_ERRORS: Mapping[str, tuple[str, str]] = {
    "400": ("BadRequest", "The request is malformed or an input or parameter is invalid; `error` names it."),
    "401": ("Unauthorized", "No bearer token, or it is expired or not signed by the Keycloak realm."),
    "403": ("Forbidden", "The token is valid but does not grant access to this model."),
    "404": ("NotFound", "No model (or version) of that name is served here."),
    "413": ("PayloadTooLarge", "The request body is larger than the runtime accepts."),
    "415": ("UnsupportedMediaType", "The body's Content-Type, or an uploaded file's type, is not accepted."),
    "503": (
        "Unavailable",
        "Too many requests are waiting, the model is not loaded yet, the machine is too busy to do the work in "
        "time (the module says so), or object storage holding a referenced file cannot be read; retry after "
        "Retry-After.",
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
    schemas: dict[str, Any] = shared_schemas()
    for name, spec in models.items():
        paths.update(_model_paths(name, spec, version))
        schemas.update(model_schemas(name, spec))
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
        response: dict[str, Any] = {"description": description, "content": _json_content(ref("Error"))}
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
        "content": _json_content(ref("Readiness")),
    }
    return responses


NOT_READY = {"503": {"$ref": "#/components/responses/NotReady"}}
SERVER = {"tags": ["server"]}


def _operation(  # noqa: PLR0917 - an operation has that many parts
    head: Mapping[str, Any],
    operation_id: str,
    summary: str,
    answer: str,
    schema: dict[str, Any],
    errors: Sequence[str] = (),
    *,
    example: Any = None,
    other_answers: Mapping[str, Any] | None = None,
    **more: Any,
) -> dict[str, Any]:
    """One operation answering 200 with ``schema`` (and ``example``), else the shared error responses ``errors``."""
    responses = {"200": {"description": answer, "content": _json_content(schema, example)}, **(other_answers or {})}
    return {**head, "operationId": operation_id, "summary": summary, **more, "responses": responses | _errors(errors)}


def _server_paths() -> dict[str, Any]:
    health = {"type": "object"}
    return {
        "/v2": {"get": _operation(SERVER, "server_metadata", "Server name, version and OIP extensions",
                                  "Server metadata", ref("ServerMetadata"))},
        "/v2/health/live": {"get": _operation(SERVER, "server_live", "Is the server process up?", "Yes", health)},
        "/v2/health/ready": {"get": _operation(SERVER, "server_ready", "Are all models loaded and ready?", "Yes",
                                               health, other_answers=NOT_READY)},
    }  # fmt: skip


def _operation_id(model: str, action: str) -> str:
    return re.sub(r"\W", "_", f"{model}_{action}")


def _model_paths(name: str, spec: ModuleSpec, version: str) -> dict[str, Any]:
    base = f"/v2/models/{name}"
    secured = {"tags": [name], "security": [{BEARER_SCHEME: []}]}

    def read(action: str, summary: str, answer: str, schema: str, **more: Any) -> dict[str, Any]:
        return {"get": _operation(secured, _operation_id(name, action), summary, answer, ref(schema), _READ_ERRORS,
                                  **more)}  # fmt: skip

    return {
        base: read("metadata", "Model metadata: inputs, outputs and parameters with their OIP datatypes",
                   "Model metadata", "ModelMetadata", example=model_metadata(spec, name, [version])),
        f"{base}/ready": read("ready", "Is this model loaded and ready?", "Ready", "Readiness",
                              other_answers=NOT_READY),
        f"{base}/stats": read("stats", "Request counts and latency of this model", "Statistics", "ModelStatistics"),
        f"{base}/versions": read("versions", "The loaded versions and the one serving", "Versions", "ModelVersions"),
        f"{base}/infer": {"post": _infer_operation(name, spec, version, secured)},
        f"{base}/infer-file": {"post": _infer_file_operation(name, spec, secured)},
        f"/v2/repository/models/{name}/load": {"post": _operation(
            secured, _operation_id(name, "load"),
            "Load a version beside the serving one and switch to it when ready (admins)", "Switched",
            ref("LoadAnswer"), ("400", "401", "403", "404", "409"),
            description="A version already loaded is switched to at once: that is a rollback. A failed load is a 400 "
            "and leaves the serving version as it was.",
            requestBody={"required": True, "content": _json_content(ref("LoadRequest"))},
        )},
    }  # fmt: skip


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
            "content": _json_content(ref(component(name, "InferRequest")), request_example(spec)),
        },
        "responses": {
            "200": {
                "description": "The requested outputs as OIP tensors",
                "content": _json_content(ref(component(name, "InferResponse")), response_example(name, spec, version)),
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
    media: dict[str, Any] = {"schema": ref(component(name, "InferFileRequest"))}
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
                "content": _json_content(ref(component(name, "InferFileResponse")), example or None),
            },
            **_errors(_INFER_ERRORS),
        },
    }
