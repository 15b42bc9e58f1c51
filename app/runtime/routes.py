"""The runtime's HTTP routes: the Open Inference Protocol v2 table, its repository extension, and the infer handler.

Each route checks who calls (a bearer token of one of the model's groups, or of the admin groups for the repository),
reads the request with ``app.runtime.readers`` and hands the work to ``app.runtime.dataplane``. Health, metrics and
the docs stay open; everything about a model needs a token.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from app.auth import AuthError, Principal, authorize, authorize_request, bearer_token
from app.common.docs import docs_html
from app.common.version import build_version
from app.errors import ApiError, error_response
from app.runtime.cluster_stats import model_stats
from app.runtime.dataplane import (
    RuntimeState,
    load_version,
    observe,
    read_file_references,
    run_inference,
    unload_version,
)
from app.runtime.openapi import model_metadata, openapi_document
from app.runtime.readers import RequestReader, json_request, multipart_request, repository_body
from app.runtime.registry import ServedModel
from app.runtime.repository import VersionRequest, describe
from app.runtime.tensors import PreparedRequest

EXTENSIONS = ("binary_tensor_data", "openapi", "multipart_infer", "statistics", "model_repository")


def admin(state: RuntimeState, request: Request) -> Principal | None:
    """The caller of a repository route: a member of the API manifest's admin groups (anyone when auth is off)."""
    if state.verifier is None:
        return None
    token = bearer_token(request)
    if token is None:
        raise AuthError(401, "missing bearer token")
    principal = state.verifier.verify(token)
    if not state.config.admin_groups:
        raise AuthError(403, "model versions cannot be managed: the API manifest names no admin groups")
    authorize_request(request, principal, state.config.admin_groups)
    return principal


def _principal(state: RuntimeState, request: Request) -> Principal | None:
    """Who the token names (None when auth is off); whether they may call the model is ``authorize``'s to say."""
    if state.verifier is None:
        return None
    token = bearer_token(request)
    if token is None:
        raise AuthError(401, "missing bearer token")
    return state.verifier.verify(token)


def add_routes(app: FastAPI, state: RuntimeState) -> None:
    """The server routes (open) and the model routes (a token of the model's groups)."""

    @app.get("/v2", tags=["server"])
    async def server_metadata() -> dict[str, Any]:
        return {
            "name": f"{state.config.project.name}-runtime",
            "version": build_version(),
            "extensions": list(EXTENSIONS),
        }

    @app.get("/v2/health/live", tags=["server"])
    async def live() -> dict[str, bool]:
        return {"live": True}

    @app.get("/v2/health/ready", tags=["server"])
    async def ready() -> JSONResponse:
        models = {name: {"ready": m.ready, "error": m.error} for name, m in state.models.items()}
        all_ready = all(m.ready for m in state.models.values())
        return JSONResponse({"ready": all_ready, "models": models}, status_code=200 if all_ready else 503)

    @app.get("/metrics", tags=["server"])
    async def metrics() -> Response:
        return Response(generate_latest(state.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi(request: Request) -> dict[str, Any]:
        specs = {name: served.spec for name, served in state.models.items()}
        settings = state.settings
        return openapi_document(specs, title=state.config.project.display_name, version=build_version(),
                                server_url=str(request.base_url).rstrip("/"),
                                issuer_url=settings.issuer_url if settings.auth_enabled else None)  # fmt: skip

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(docs_html("/openapi.json"))

    def guarded(name: str, version: str | None, request: Request) -> tuple[ServedModel, Principal | None]:
        served = state.repository.find(name, version)
        principal = _principal(state, request)
        if principal is not None:
            authorize_request(request, principal, served.groups)
        return served, principal

    async def metadata_of(name: str, request: Request, version: str | None = None) -> dict[str, Any]:
        served, _ = guarded(name, version, request)
        versions = [loaded.version for loaded in state.repository.versions(name)]
        return model_metadata(served.spec, served.name, versions)

    async def ready_of(name: str, request: Request, version: str | None = None) -> JSONResponse:
        served, _ = guarded(name, version, request)
        body = {"name": served.name, "ready": served.ready, "error": served.error}
        return JSONResponse(body, status_code=200 if served.ready else 503)

    async def infer_json(name: str, request: Request, version: str | None = None) -> JSONResponse:
        return await infer(state, request, name, version, json_request)

    app.add_api_route("/v2/models/{name}", metadata_of, methods=["GET"])
    app.add_api_route("/v2/models/{name}/versions/{version}", metadata_of, methods=["GET"])
    app.add_api_route("/v2/models/{name}/ready", ready_of, methods=["GET"])
    app.add_api_route("/v2/models/{name}/versions/{version}/ready", ready_of, methods=["GET"])
    app.add_api_route("/v2/models/{name}/infer", infer_json, methods=["POST"])
    app.add_api_route("/v2/models/{name}/versions/{version}/infer", infer_json, methods=["POST"])

    @app.get("/v2/models/{name}/versions")
    async def versions_of(name: str, request: Request) -> dict[str, Any]:
        serving, _ = guarded(name, None, request)
        listed = [describe(loaded, serving) for loaded in state.repository.versions(name)]
        return {"name": name, "serving": serving.version, "versions": listed}

    @app.post("/v2/models/{name}/infer-file")
    async def infer_file(name: str, request: Request) -> JSONResponse:
        return await infer(state, request, name, None, multipart_request, plain=True)

    @app.get("/v2/models/{name}/stats")
    async def stats(name: str, request: Request) -> dict[str, Any]:
        served, _ = guarded(name, None, request)
        summary = await model_stats(served.stats, state.cluster_stats, served.name)
        return {"model_name": served.name, "model_version": served.version, **summary}


def add_repository_routes(app: FastAPI, state: RuntimeState) -> None:
    """The OIP model repository extension: versions loaded side by side, switched without downtime."""

    @app.post("/v2/repository/index")
    async def repository_index(request: Request) -> list[dict[str, Any]]:
        admin(state, request)
        return [
            {"name": name, "version": loaded.version, "state": "READY" if loaded.ready else "UNAVAILABLE",
             "reason": loaded.error or "", "serving": loaded is state.models[name]}
            for name in state.models for loaded in state.repository.versions(name)
        ]  # fmt: skip

    @app.post("/v2/repository/models/{name}/load")
    async def repository_load(name: str, request: Request) -> dict[str, Any]:
        """Load a version beside the serving one and switch to it when ready (or switch back to a loaded one)."""
        principal = admin(state, request)
        wanted = VersionRequest.from_parameters((await repository_body(request)).get("parameters"))
        served = await load_version(state, name, wanted, principal.username if principal else None)
        return {"name": name, "serving": served.version}

    @app.post("/v2/repository/models/{name}/unload")
    async def repository_unload(name: str, request: Request) -> dict[str, Any]:
        """Unload a version that is not serving."""
        principal = admin(state, request)
        version = VersionRequest.from_parameters((await repository_body(request)).get("parameters")).version
        unload_version(state, name, version, principal.username if principal else None)
        return {"name": name, "unloaded": version}


async def infer(  # noqa: PLR0917 - the one code path every inference request takes
    state: RuntimeState,
    request: Request,
    name: str,
    version: str | None,
    read: RequestReader,
    plain: bool = False,
) -> JSONResponse:
    """Answer one inference request, refused or not, and record it; ``plain`` answers {output name: value}."""
    started = time.perf_counter()
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    served: ServedModel | None = None
    principal: Principal | None = None
    status, inference_ms, sizes, refusal = 500, None, {}, None
    prepared: PreparedRequest | None = None
    try:
        served = state.repository.find(name, version)
        principal = _principal(state, request)
        if principal is not None:
            authorize(principal, served.groups)  # after the assignment: a refused caller is still named in the log
        if not served.ready:
            raise ApiError(503, f"model {name!r} is not ready: {served.error or 'still loading'}", {"Retry-After": "5"})
        prepared = await read(request, served, state.config.limits)
        if prepared.has_file_references:
            await read_file_references(state, served, prepared, principal)
        request_id = prepared.id or request_id
        sizes = prepared.input_bytes
        outputs, inference_ms = await run_inference(state, served, prepared)
        status = 200
        body: dict[str, Any] = (
            _plain_outputs(outputs, served) if plain
            else {"model_name": served.name, "model_version": served.version, "id": request_id, "outputs": outputs}
        )  # fmt: skip
        response = JSONResponse(body)
    except ApiError as exc:
        status, response = exc.status_code, error_response(exc)
        refusal = exc.detail if status in {401, 403} else None
    finally:
        elapsed_ms = (time.perf_counter() - started) * 1000
        observe(state, served, principal, request_id, status, elapsed_ms, inference_ms, sizes, prepared, refusal)
    response.headers["X-Request-ID"] = _header_value(request_id)
    return response


def _plain_outputs(outputs: list[dict[str, Any]], served: ServedModel) -> dict[str, Any]:
    """OIP output tensors → {name: value} for the multipart route; JSON outputs decoded, batch of one unwrapped."""
    declared = {output.name: output for output in served.spec.outputs}
    plain: dict[str, Any] = {}
    for tensor in outputs:
        values = [json.loads(v) if declared.get(tensor["name"]) and declared[tensor["name"]].json else v
                  for v in tensor.get("data", [])]  # fmt: skip
        plain[tensor["name"]] = values[0] if len(values) == 1 else values
    return plain


def _header_value(text: str) -> str:
    """``text`` as HTTP can carry it: a request id from a JSON body may hold any Unicode; headers hold Latin-1."""
    return text if text.isascii() and text.isprintable() else quote(text, safe="")
