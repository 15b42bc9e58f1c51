"""The module runtime: any module that follows the contract, published as an authenticated REST service.

Open Inference Protocol v2 routes, a multipart convenience route for browsers and Postman, the OpenAPI document
generated from the module's docstring with a self-hosted Swagger UI, Keycloak bearer tokens checked per model
group, CORS, Prometheus metrics, call statistics, and one JSON log line per request. Health, metrics and the docs
stay open; everything about a model needs a token of one of its groups.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.datastructures import UploadFile
from starlette.types import ASGIApp, Receive, Scope, Send

from app.auth import (
    ANONYMOUS,
    AuthError,
    Principal,
    TokenVerifier,
    authorize,
    bearer_token,
)
from app.common.docs import docs_html, mount_static
from app.common.version import build_version
from app.errors import ApiError, add_error_handlers, error_response, storage_error
from app.files.service import FileService
from app.limiter import SaturatedError, SlotLimiter
from app.manifests.models import Cors, Limits
from app.routing import add_options_route
from app.runtime.activity import ActivityStore, ProcessStore, activity_store, replica_name
from app.runtime.cluster_stats import PrometheusStats, model_stats
from app.runtime.filerefs import resolve_file_references
from app.runtime.monitoring import add_monitoring_routes
from app.runtime.observability import Metrics, log_request, redact
from app.runtime.openapi import model_metadata, openapi_document
from app.runtime.registry import ModelDeclaration, ServedModel, build_registry, loader_of
from app.runtime.repository import ModelRepository, VersionRequest, describe
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
from app.runtime.weights import prepare_model
from app.settings import Settings, refuse_unsafe_settings
from app.storage import StorageError, storage_from_settings

LOG = logging.getLogger(__name__)
SERVER_NAME = "receipt-extractor-runtime"
EXTENSIONS = ("binary_tensor_data", "openapi", "multipart_infer", "statistics", "model_repository")


@dataclass(frozen=True)
class RuntimeConfig:
    """What one runtime serves and who may call it; built from the manifests by ``app.runtime.main``."""

    entrypoint: str
    models: Sequence[ModelDeclaration]
    limits: Limits
    cors: Cors | None = None
    """The API manifest's CORS policy; None answers no cross-origin request."""
    allowed_clients: Sequence[str] = ()
    title: str = "Receipt extractor"
    bucket: str | None = None
    """The storage manifest's bucket: FILE inputs may then name uploads of the file service by id."""
    uploads_prefix: str = "uploads/"
    admin_groups: Sequence[str] = ()
    """Who may load, switch and unload model versions; nobody when empty (unless auth is off)."""


@dataclass
class RuntimeState:
    settings: Settings
    config: RuntimeConfig
    models: dict[str, ServedModel]
    metrics: Metrics = field(default_factory=Metrics)
    verifier: TokenVerifier | None = None
    limiter: SlotLimiter | None = None
    files: FileService | None = None
    cluster_stats: PrometheusStats | None = None
    """The stats API's source over every replica (RECEIPT_STATS_PROMETHEUS_URL); None: this process's figures."""
    activity: ActivityStore = field(default_factory=ProcessStore)
    """The request log and publication history admins browse (RECEIPT_MONITORING_STORE: shared by replicas)."""
    repository: ModelRepository = field(init=False)

    def __post_init__(self) -> None:
        self.repository = ModelRepository(self.models)


def _count_from_zero(state: RuntimeState, served: ServedModel) -> None:
    """Export the version's success counter at 0 before its first call: Prometheus' increase() cannot count the
    calls a series already held when it was first scraped."""
    state.metrics.of(served.name, served.version).requests(200)


def create_app(settings: Settings, config: RuntimeConfig) -> FastAPI:
    """A FastAPI app serving ``config.models`` of ``config.entrypoint``; models load at start-up, off the loop."""
    refuse_unsafe_settings(settings, [settings.storage_secret_name] if config.bucket is not None else [])
    state = RuntimeState(settings, config, build_registry(config.entrypoint, config.models))
    if settings.auth_enabled:
        state.verifier = TokenVerifier(
            settings.issuer_url, jwks_url=settings.jwks_url, allowed_clients=config.allowed_clients
        )
    if config.bucket is not None:
        state.files = FileService(
            storage_from_settings(settings, config.bucket),
            uploads_prefix=config.uploads_prefix,
            max_bytes=config.limits.max_request_bytes,
            url_expiry=timedelta(seconds=settings.files_url_expiry_s),
        )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state.limiter = SlotLimiter(config.limits.max_concurrency, config.limits.max_queue)
        loader = loader_of(config.entrypoint)
        for served in state.models.values():
            await asyncio.to_thread(served.load, loader, _weights_preparation(settings, served))
            if served.load_seconds is not None:
                state.metrics.load_seconds.labels(served.name, served.version).set(served.load_seconds)
            _count_from_zero(state, served)
            if served.ready:
                _publication(state, served, "loaded", None, None)
        yield
        state.activity.close()
        if state.files is not None:
            state.files.close()
        if state.cluster_stats is not None:
            await state.cluster_stats.aclose()

    state.activity = activity_store(settings)
    if settings.stats_prometheus_url:
        state.cluster_stats = PrometheusStats(settings.stats_prometheus_url)

    app = FastAPI(title=config.title, lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)
    app.state.runtime = state
    if config.cors is not None:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=config.cors.allow_origin,
            allow_methods=config.cors.allow_methods,
            allow_headers=config.cors.allow_headers,
            expose_headers=["X-Request-ID", "Retry-After"],
            max_age=config.cors.max_age,
        )
    app.add_middleware(InferFastPath, state=state)  # added last, so it sits in front of CORS and the router
    mount_static(app)
    _add_routes(app, state)
    _add_repository_routes(app, state)
    add_monitoring_routes(app, lambda: state.activity, partial(_admin, state))
    add_options_route(app)
    return app


INFER_PATH = re.compile(r"/v2/models/(?P<name>[^/]+)(?:/versions/(?P<version>[^/]+))?/infer")
"""The two JSON infer routes, as Starlette matches ``{name}`` and ``{version}``."""


class InferFastPath:
    """Answers ``POST /v2/models/{name}[/versions/{version}]/infer`` in front of FastAPI's routing and middleware.

    It is the route a runtime serves all day, and on a small request FastAPI's route matching, dependency solving and
    middleware layers took an eighth of the runtime's CPU (bench/results/serving.md). The same ``_infer`` as the
    registered route answers, so the checks, headers, metrics and log line are identical. A request with an
    ``Origin`` header takes the full path, where ``CORSMiddleware`` handles it; an error escaping ``_infer`` still
    reaches FastAPI's server-error middleware, which sits outside this one.
    """

    def __init__(self, app: ASGIApp, state: RuntimeState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = _fast_infer_path(scope)
        if match is None:
            await self.app(scope, receive, send)
            return
        response = await _infer(self.state, Request(scope, receive), match["name"], match["version"], _json_request)
        await response(scope, receive, send)


def _fast_infer_path(scope: Scope) -> re.Match[str] | None:
    if scope["type"] != "http" or scope["method"] != "POST" or scope.get("root_path"):
        return None
    if any(name == b"origin" for name, _ in scope["headers"]):
        return None
    return INFER_PATH.fullmatch(scope["path"])


def _header_value(text: str) -> str:
    """``text`` as HTTP can carry it: a request id from a JSON body may hold any Unicode; headers hold Latin-1."""
    return text if text.isascii() and text.isprintable() else quote(text, safe="")


def _weights_preparation(settings: Settings, served: ServedModel) -> Callable[[], dict[str, str]] | None:
    """What has to happen before the model's ``load()``: fetch its weights, set its variables (none for builtin)."""
    if served.source == "builtin" and not served.env:
        return None
    return partial(
        prepare_model, served.source, served.env, settings.weights_dir, partial(storage_from_settings, settings)
    )


def _model(state: RuntimeState, name: str, version: str | None = None) -> ServedModel:
    """The serving version of the model, or the loaded ``version`` of it."""
    return state.repository.find(name, version)


def _admin(state: RuntimeState, request: Request) -> Principal | None:
    """The caller of a repository route: a member of the API manifest's admin groups (anyone when auth is off)."""
    if state.verifier is None:
        return None
    token = bearer_token(request)
    if token is None:
        raise AuthError(401, "missing bearer token")
    principal = state.verifier.verify(token)
    if not state.config.admin_groups:
        raise AuthError(403, "model versions cannot be managed: the API manifest names no admin groups")
    authorize(principal, state.config.admin_groups)
    return principal


def _principal(state: RuntimeState, request: Request) -> Principal | None:
    """Who the token names (None when auth is off); whether they may call the model is ``authorize``'s to say."""
    if state.verifier is None:
        return None
    token = bearer_token(request)
    if token is None:
        raise AuthError(401, "missing bearer token")
    return state.verifier.verify(token)


def _add_routes(app: FastAPI, state: RuntimeState) -> None:
    add_error_handlers(app)

    @app.get("/v2", tags=["server"])
    async def server_metadata() -> dict[str, Any]:
        return {"name": SERVER_NAME, "version": build_version(), "extensions": list(EXTENSIONS)}

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
        return openapi_document(specs, title=state.config.title, version=build_version(),
                                server_url=str(request.base_url).rstrip("/"),
                                issuer_url=settings.issuer_url if settings.auth_enabled else None)  # fmt: skip

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(docs_html("/openapi.json"))

    def guarded(name: str, version: str | None, request: Request) -> tuple[ServedModel, Principal | None]:
        served = _model(state, name, version)
        principal = _principal(state, request)
        if principal is not None:
            authorize(principal, served.groups)
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
        return await _infer(state, request, name, version, _json_request)

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
        return await _infer(state, request, name, None, _multipart_request, plain=True)

    @app.get("/v2/models/{name}/stats")
    async def stats(name: str, request: Request) -> dict[str, Any]:
        served, _ = guarded(name, None, request)
        summary = await model_stats(served.stats, state.cluster_stats, served.name)
        return {"model_name": served.name, "model_version": served.version, **summary}


def _add_repository_routes(app: FastAPI, state: RuntimeState) -> None:
    """The OIP model repository extension: versions loaded side by side, switched without downtime."""

    @app.post("/v2/repository/index")
    async def repository_index(request: Request) -> list[dict[str, Any]]:
        _admin(state, request)
        return [
            {"name": name, "version": loaded.version, "state": "READY" if loaded.ready else "UNAVAILABLE",
             "reason": loaded.error or "", "serving": loaded is state.models[name]}
            for name in state.models for loaded in state.repository.versions(name)
        ]  # fmt: skip

    @app.post("/v2/repository/models/{name}/load")
    async def repository_load(name: str, request: Request) -> dict[str, Any]:
        """Load a version beside the serving one and switch to it when ready (or switch back to a loaded one)."""
        principal = _admin(state, request)
        wanted = VersionRequest.from_parameters((await _repository_body(request)).get("parameters"))
        loader = loader_of(state.config.entrypoint)
        previous = _model(state, name)
        loaded_before = {loaded.version for loaded in state.repository.versions(name)}
        served = await state.repository.load(name, wanted, loader, partial(_weights_preparation, state.settings))
        state.metrics.load_seconds.labels(served.name, served.version).set(served.load_seconds or 0.0)
        _count_from_zero(state, served)
        user = principal.username if principal else None
        if served.version not in loaded_before:
            _publication(state, served, "loaded", None, user)
        if served is not previous:
            event = "rolled_back" if served.version in loaded_before else "switched"
            _publication(state, served, event, previous.version, user)
        LOG.info("model %s now serves version %s (switched by %s)", name, served.version, user)
        return {"name": name, "serving": served.version}

    @app.post("/v2/repository/models/{name}/unload")
    async def repository_unload(name: str, request: Request) -> dict[str, Any]:
        """Unload a version that is not serving."""
        principal = _admin(state, request)
        version = VersionRequest.from_parameters((await _repository_body(request)).get("parameters")).version
        unloaded = _model(state, name, version)
        state.repository.unload(name, version)
        _publication(state, unloaded, "unloaded", None, principal.username if principal else None)
        return {"name": name, "unloaded": version}


REPLICA = replica_name()


def _now() -> str:
    now = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}Z"


def _publication(state: RuntimeState, served: ServedModel, event: str, previous: str | None, by: str | None) -> None:
    """One entry of the publication history (which image, which weights, who, when)."""
    entry = {
        "at": _now(), "replica": REPLICA, "model": served.name, "version": served.version, "event": event,
        "previous": previous, "by": by, "image": build_version(), "source": served.source,
        "model_key": served.model_key,
    }  # fmt: skip
    state.activity.add("publications", entry)


RequestReader = Callable[[Request, ServedModel, Limits], Awaitable[PreparedRequest]]


VERSION_BODY = 'send {"parameters": {"version": "v2"}}, with source, model_key and env when they differ'


async def _repository_body(request: Request) -> dict[str, Any]:
    body = await _read_body(request, 64 * 1024)
    payload = decode_json(body or b"{}")
    if not isinstance(payload, dict):
        raise ApiError(400, f"the body must be a JSON object: {VERSION_BODY}")
    if unknown := sorted(set(payload) - {"parameters"}):
        raise ApiError(400, f"{unknown[0]} is not known; {VERSION_BODY}")
    return payload


async def _json_request(request: Request, served: ServedModel, limits: Limits) -> PreparedRequest:
    body = await _read_body(request, limits.max_request_bytes)
    if (header_length := request.headers.get(BINARY_HEADER)) is not None:
        return prepare_json_request(split_binary_request(body, header_length, served.spec), served.spec)
    return prepare_json_request(decode_json(body), served.spec)


async def _multipart_request(request: Request, served: ServedModel, limits: Limits) -> PreparedRequest:
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise RequestError(415, "send multipart/form-data with one file field per input")
    _check_length(request, limits.max_request_bytes)
    form = await request.form(max_part_size=limits.max_request_bytes)
    inputs, sizes = [], {}
    for spec_input in served.spec.inputs:
        field = form.get(spec_input.name)
        item: Any
        if isinstance(field, UploadFile):
            data = await field.read()
            item = data if spec_input.is_file else data.decode("utf-8", errors="replace")
        elif isinstance(field, str) and not spec_input.is_file:  # a typed text field, as the OpenAPI form says
            data, item = field.encode(), field
        else:
            kind = "a file upload" if spec_input.is_file else "a text field or a file upload"
            raise RequestError(400, f"form field {spec_input.name!r} must be {kind}")
        if spec_input.is_file:
            check_file(spec_input, data, f"inputs.{spec_input.name}")
        elif not spec_input.json and spec_input.datatype != "BYTES":
            item = coerce_parameter(spec_input, item, where=f"form field {spec_input.name!r}")
        sizes[spec_input.name] = len(data)
        tensor = {"name": spec_input.name, "datatype": spec_input.datatype, "shape": [1], "parameters": {}}
        inputs.append({**tensor, "data": [item]})
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


def _plain_outputs(outputs: list[dict[str, Any]], served: ServedModel) -> dict[str, Any]:
    """OIP output tensors → {name: value} for the multipart route; JSON outputs decoded, batch of one unwrapped."""
    declared = {output.name: output for output in served.spec.outputs}
    plain: dict[str, Any] = {}
    for tensor in outputs:
        values = [json.loads(v) if declared.get(tensor["name"]) and declared[tensor["name"]].json else v
                  for v in tensor.get("data", [])]  # fmt: skip
        plain[tensor["name"]] = values[0] if len(values) == 1 else values
    return plain


async def _infer(  # noqa: PLR0917 - the one code path every inference request takes
    state: RuntimeState,
    request: Request,
    name: str,
    version: str | None,
    read: RequestReader,
    plain: bool = False,
) -> JSONResponse:
    started = time.perf_counter()
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    served: ServedModel | None = None
    principal: Principal | None = None
    status, inference_ms, sizes, refusal = 500, None, {}, None
    prepared: PreparedRequest | None = None
    try:
        served = _model(state, name, version)
        principal = _principal(state, request)
        if principal is not None:
            authorize(principal, served.groups)  # after the assignment: a refused caller is still named in the log
        if not served.ready:
            raise ApiError(503, f"model {name!r} is not ready: {served.error or 'still loading'}", {"Retry-After": "5"})
        prepared = await read(request, served, state.config.limits)
        if prepared.has_file_references:
            await _read_file_references(state, served, prepared, principal)
        request_id = prepared.id or request_id
        sizes = prepared.input_bytes
        outputs, inference_ms = await _run(state, served, prepared)
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
        _observe(state, served, principal, request_id, status, elapsed_ms, inference_ms, sizes, prepared, refusal)
    response.headers["X-Request-ID"] = _header_value(request_id)
    return response


async def _run(
    state: RuntimeState, served: ServedModel, prepared: PreparedRequest
) -> tuple[list[dict[str, Any]], float]:
    """Call the module in a worker thread within the concurrency limit and the timeout.

    A thread cannot be stopped, so the slot and ``in_flight`` are given back when the thread ends, not when the
    request is answered: a call that overran its 504 still counts against the limit until it is really done (the
    module's own bounds, such as the decoding sandbox, end it). Otherwise each timed-out request would free room
    for one more while its work went on.
    """
    assert state.limiter is not None
    metrics = state.metrics.of(served.name, served.version)
    metrics.queued.inc()
    try:
        release_slot = await state.limiter.acquire()
    except SaturatedError as exc:
        raise ApiError(503, "the model is busy: every slot and the queue are full", {"Retry-After": "1"}) from exc
    finally:
        metrics.queued.dec()
    metrics.in_flight.inc()
    timeout = state.config.limits.timeout_seconds
    started = time.perf_counter()
    work = asyncio.ensure_future(
        asyncio.to_thread(
            served.inference, prepared.parameters, prepared.inputs, prepared.outputs, served.model_key, served.model
        )
    )
    work.add_done_callback(partial(_work_ended, release_slot, metrics.in_flight.dec))
    try:
        outputs = await asyncio.wait_for(asyncio.shield(work), timeout=timeout)
    except TimeoutError as exc:
        work.add_done_callback(partial(_log_overrun, served.name, started))
        raise ApiError(504, f"inference took longer than {timeout:g} s") from exc
    except ValueError as exc:
        raise RequestError(400, str(exc)) from exc
    except Exception as exc:
        LOG.exception("inference failed in model %s", served.name)
        raise ApiError(500, f"inference failed inside the model ({type(exc).__name__}); see the logs") from exc
    inference_ms = (time.perf_counter() - started) * 1000
    metrics.inference_seconds.observe(inference_ms / 1000)
    return _jsonable(outputs), inference_ms


def _work_ended(release_slot: Callable[[], None], done: Callable[[], None], _: asyncio.Future[Any]) -> None:
    done()
    release_slot()


def _log_overrun(model: str, started: float, work: asyncio.Future[Any]) -> None:
    """The end of a call that was answered 504, so the log says how long the slot stayed taken after it."""
    seconds = time.perf_counter() - started
    failure = None if work.cancelled() else work.exception()  # retrieved here: nobody else waits for it any more
    ending = f"failed ({type(failure).__name__}: {failure})" if failure else "finished"
    LOG.warning("inference in model %s answered 504, %s after %.1f s; its slot is free again", model, ending, seconds)


async def _read_file_references(
    state: RuntimeState, served: ServedModel, prepared: PreparedRequest, principal: Principal | None
) -> None:
    """The uploads a request names by id, read as the caller (anonymous when auth is off, as in the file service)."""
    limit = state.config.limits.max_request_bytes
    owner = principal or ANONYMOUS
    try:
        await asyncio.to_thread(resolve_file_references, prepared, served.spec, state.files, owner, limit)
    except StorageError as exc:
        raise storage_error(exc) from exc


def _jsonable(outputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Outputs as JSON can carry them: bytes elements become base64 strings, marked as such."""
    converted = []
    for tensor in outputs:
        data = tensor.get("data", [])
        if any(isinstance(item, bytes | bytearray) for item in data):
            parameters = {**(tensor.get("parameters") or {}), "content_type": "base64"}
            encoded = [base64.b64encode(bytes(item)).decode() for item in data]
            converted.append({**tensor, "data": encoded, "parameters": parameters})
        else:
            converted.append(tensor)
    return converted


def _observe(  # noqa: PLR0917 - a log line has many fields
    state: RuntimeState,
    served: ServedModel | None,
    principal: Principal | None,
    request_id: str,
    status: int,
    elapsed_ms: float,
    inference_ms: float | None,
    sizes: dict[str, int],
    prepared: PreparedRequest | None,
    refusal: str | None = None,
) -> None:
    model_name = served.name if served else "unknown"
    version = served.version if served else "unknown"
    if served is not None:
        metrics = state.metrics.of(model_name, version)
        metrics.requests(status).inc()
        metrics.request_seconds.observe(elapsed_ms / 1000)
        if status not in (401, 403, 404):
            served.stats.record(elapsed_ms, status == 200, version)
    line: dict[str, Any] = {
        "event": "inference",
        "request_id": request_id,
        "user": (principal.username or principal.subject) if principal else "anonymous",
        "model": model_name,
        "version": version,
        "status": status,
        "latency_ms": round(elapsed_ms, 1),
        "inference_ms": round(inference_ms, 1) if inference_ms is not None else None,
        "input_bytes": sizes,
    }
    if refusal is not None:
        line["refused"] = refusal
    if state.settings.log_payloads and prepared is not None:
        line["payload"] = redact({"inputs": prepared.inputs, "parameters": prepared.parameters})
    log_request(line)
    del line["event"]
    state.activity.add("requests", {"at": _now(), "replica": REPLICA, **line})
