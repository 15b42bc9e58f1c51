"""The data plane: what the runtime does with models, whichever HTTP route asked for it.

Loading models at start-up and loading or unloading versions later, running one inference within the concurrency
limit and the timeout, and recording each call (metrics, call statistics, the request log, the publication history).
Nothing here reads a request or writes a response: ``app.runtime.routes`` does that, as MLServer keeps its
``handlers/dataplane.py`` apart from ``rest/app.py``, so the same operations can answer any front door.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from app.auth import ANONYMOUS, Principal, TokenVerifier
from app.common.activity import ActivityStore, ProcessStore, replica_name
from app.common.version import build_version
from app.errors import ApiError, busy_refusal, storage_error
from app.files.service import FileService
from app.limiter import SaturatedError, SlotLimiter
from app.manifests.models import Cors, Limits
from app.manifests.project import UNNAMED_PROJECT, ProjectIdentity
from app.runtime.cluster_stats import PrometheusStats
from app.runtime.datatypes import conform_outputs
from app.runtime.filerefs import resolve_file_references
from app.runtime.observability import Metrics, log_request, redact
from app.runtime.registry import ModelDeclaration, ServedModel, loader_of
from app.runtime.repository import ModelRepository, VersionRequest
from app.runtime.tensors import PreparedRequest, RequestError
from app.runtime.weights import prepare_model
from app.settings import Settings
from app.storage import StorageError, storage_from_settings

LOG = logging.getLogger(__name__)
REPLICA = replica_name()


@dataclass(frozen=True)
class RuntimeConfig:
    """What one runtime serves and who may call it; built from the manifests by ``app.runtime.main``."""

    entrypoint: str
    models: Sequence[ModelDeclaration]
    limits: Limits
    cors: Cors | None = None
    """The API manifest's CORS policy; None answers no cross-origin request."""
    allowed_clients: Sequence[str] = ()
    project: ProjectIdentity = UNNAMED_PROJECT
    """Whose runtime: the server metadata's name, the API documents' title, metric names, shared-store keys."""
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
    metrics: Metrics
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


async def load_models(state: RuntimeState) -> None:
    """Load every model of the configuration, off the loop; one that fails stays listed, not ready, with why."""
    loader = loader_of(state.config.entrypoint)
    for served in state.models.values():
        await asyncio.to_thread(served.load, loader, _weights_preparation(state.settings, served))
        if served.load_seconds is not None:
            state.metrics.load_seconds.labels(served.name, served.version).set(served.load_seconds)
        _count_from_zero(state, served)
        if served.ready:
            _publication(state, served, "loaded", None, None)


async def load_version(state: RuntimeState, name: str, wanted: VersionRequest, user: str | None) -> ServedModel:
    """Load a version beside the serving one and switch to it when ready (or switch back to a loaded one)."""
    loader = loader_of(state.config.entrypoint)
    previous = state.repository.find(name)
    loaded_before = {loaded.version for loaded in state.repository.versions(name)}
    served = await state.repository.load(name, wanted, loader, partial(_weights_preparation, state.settings))
    state.metrics.load_seconds.labels(served.name, served.version).set(served.load_seconds or 0.0)
    _count_from_zero(state, served)
    if served.version not in loaded_before:
        _publication(state, served, "loaded", None, user)
    if served is not previous:
        event = "rolled_back" if served.version in loaded_before else "switched"
        _publication(state, served, event, previous.version, user)
    LOG.info("model %s now serves version %s (switched by %s)", name, served.version, user)
    return served


def unload_version(state: RuntimeState, name: str, version: str, user: str | None) -> None:
    """Unload a version that is not serving."""
    unloaded = state.repository.find(name, version)
    state.repository.unload(name, version)
    _publication(state, unloaded, "unloaded", None, user)


def _weights_preparation(settings: Settings, served: ServedModel) -> Callable[[], dict[str, str]] | None:
    """What has to happen before the model's ``load()``: fetch its weights, set its variables (none for builtin)."""
    if served.source == "builtin" and not served.env:
        return None
    return partial(
        prepare_model, served.source, served.env, settings.weights_dir, partial(storage_from_settings, settings)
    )


def _count_from_zero(state: RuntimeState, served: ServedModel) -> None:
    """Export the version's success counter at 0 before its first call: Prometheus' increase() cannot count the
    calls a series already held when it was first scraped."""
    state.metrics.of(served.name, served.version).requests(200)


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


async def read_file_references(
    state: RuntimeState, served: ServedModel, prepared: PreparedRequest, principal: Principal | None
) -> None:
    """The uploads a request names by id, read as the caller (anonymous when auth is off, as in the file service)."""
    limit = state.config.limits.max_request_bytes
    owner = principal or ANONYMOUS
    try:
        await asyncio.to_thread(resolve_file_references, prepared, served.spec, state.files, owner, limit)
    except StorageError as exc:
        raise storage_error(exc) from exc


async def run_inference(
    state: RuntimeState, served: ServedModel, prepared: PreparedRequest
) -> tuple[list[dict[str, Any]], float]:
    """Call the module in a worker thread within the concurrency limit and the timeout.

    A thread cannot be stopped, so the slot and ``in_flight`` are given back when the thread ends, not when the
    request is answered: a call that overran its 504 still counts against the limit until it is really done.
    Otherwise each timed-out request would free room for one more while its work went on. What ends it is the
    module: one whose ``inference`` takes a ``deadline`` is given the ``time.monotonic()`` instant of the timeout,
    and can stop there (raising ``TimeoutError``, answered 504 like the timeout itself). A ``ValueError`` is the
    request's fault (400); an exception carrying ``retry_after_s`` is "not now" (503 with ``Retry-After``).
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
    told = {"deadline": time.monotonic() + timeout} if served.takes_deadline else {}
    work = asyncio.ensure_future(
        asyncio.to_thread(
            served.inference,
            prepared.parameters,
            prepared.inputs,
            prepared.outputs,
            served.model_key,
            served.model,
            **told,
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
        if (busy := busy_refusal(exc)) is not None:  # the module says "not now": the client may come back
            LOG.warning("inference in model %s answered 503: %s", served.name, exc)
            raise busy from exc
        LOG.exception("inference failed in model %s", served.name)
        raise ApiError(500, f"inference failed inside the model ({type(exc).__name__}); see the logs") from exc
    inference_ms = (time.perf_counter() - started) * 1000
    metrics.inference_seconds.observe(inference_ms / 1000)
    try:
        declared = conform_outputs(served.spec, _jsonable(outputs))
    except ValueError as exc:  # the module's answer breaks its own docstring: its fault, named for its author
        LOG.error("model %s answered outside its declared API: %s", served.name, exc)
        raise ApiError(500, f"the model's answer does not match its API: {exc}") from exc
    return declared, inference_ms


def _work_ended(release_slot: Callable[[], None], done: Callable[[], None], _: asyncio.Future[Any]) -> None:
    done()
    release_slot()


def _log_overrun(model: str, started: float, work: asyncio.Future[Any]) -> None:
    """The end of a call that was answered 504, so the log says how long the slot stayed taken after it."""
    seconds = time.perf_counter() - started
    failure = None if work.cancelled() else work.exception()  # retrieved here: nobody else waits for it any more
    ending = f"failed ({type(failure).__name__}: {failure})" if failure else "finished"
    LOG.warning("inference in model %s answered 504, %s after %.1f s; its slot is free again", model, ending, seconds)


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


def observe(  # noqa: PLR0917 - a log line has many fields
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
    """Record one inference request, answered or refused: metrics, call statistics, a log line, the request log."""
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
