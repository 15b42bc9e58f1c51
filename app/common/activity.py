"""What admins browse across replicas: the recent requests, the publication history, and the services' own log lines.

Each runtime appends one entry per request (the fields of its JSON log line) and one per publication event (a
version loaded, switched to, rolled back to, unloaded); every service appends its own log lines (``StoreLogHandler``:
warnings, errors, start-up notes; not the per-request lines) to a ring of its own (``logs:runtime``, ``logs:files``,
``logs:web``). With ``RECEIPT_MONITORING_STORE=redis://…`` the entries go to capped Redis lists every replica shares
(``LPUSH`` + ``LTRIM``: the newest ``RECEIPT_MONITORING_KEEP``), so one admin query on any replica sees them all;
unset, they stay in this process's ring buffers, and the answer says which (``"source": "redis"`` or ``"process"``).
Nothing waits for Redis: a writer thread sends the entries in batches, and when Redis is away they are dropped (and
the drop is logged) rather than queued without bound. The JSON lines on stdout stay the record; this is the browsable
window onto the recent ones.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import socket
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import urlparse

import redis

from app.common.logs import ACCESS_LOGGER
from app.errors import ApiError
from app.settings import SharedStateSettings, UnsafeSettingsError

LOG = logging.getLogger(__name__)

SERVICES = ("runtime", "files", "web")
"""The services whose own log lines are kept, each in a ring of its own."""
KINDS = ("requests", "publications", *(f"logs:{service}" for service in SERVICES))
PROCESS_KEEP = 1000
"""Entries a runtime keeps in memory when no shared store is set."""
PENDING_MAX = 10_000
"""Entries waiting for the writer thread; beyond, new ones are dropped (Redis is away or too slow)."""
BATCH_MAX = 500
CONNECT_TIMEOUT_S = 2.0
QUERY_MAX = 500
"""The most entries one query answers."""
PUBLICATION_EVENTS = ("loaded", "switched", "rolled_back", "unloaded")
LOG_LEVELS = ("debug", "info", "warning", "error", "critical")


def level_rank(name: object) -> int:
    """A log line's level as a number to compare: ``warning`` and above; what is not a level ranks as debug."""
    return LOG_LEVELS.index(name) if isinstance(name, str) and name in LOG_LEVELS else 0


def replica_name() -> str:
    """Which replica wrote an entry: the host name (a pod's name in Kubernetes) and the process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


class ActivityStore(Protocol):
    source: str

    @property
    def keep(self) -> int:
        """How many entries of each kind are kept."""

    def add(self, kind: str, entry: Mapping[str, Any]) -> None:
        """Append an entry of ``kind`` (``requests`` or ``publications``) without waiting; the store keeps ``entry``
        itself, so the caller must not change it afterwards."""

    def recent(self, kind: str, scan: int) -> list[dict[str, Any]]:
        """Up to ``scan`` newest entries of ``kind``, newest first."""

    def close(self) -> None: ...


class ProcessStore:
    """This process's ring buffers: the single-machine default."""

    source = "process"

    def __init__(self, keep: int = PROCESS_KEEP) -> None:
        self._entries: dict[str, deque[dict[str, Any]]] = {}
        self._keep = keep
        self._lock = threading.Lock()

    @property
    def keep(self) -> int:
        return self._keep

    def add(self, kind: str, entry: Mapping[str, Any]) -> None:
        with self._lock:
            self._entries.setdefault(kind, deque(maxlen=self._keep)).appendleft(dict(entry))

    def recent(self, kind: str, scan: int) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._entries.get(kind, ()))[:scan]

    def close(self) -> None:
        return None


class RedisStore:
    """Two capped Redis lists shared by every replica, written by a thread of this process."""

    source = "redis"

    def __init__(self, client: redis.Redis, keep: int, key_prefix: str) -> None:
        self._keys: Mapping[str, str] = {kind: key_prefix + kind for kind in KINDS}
        """One list per kind, under the project's prefix (``ProjectIdentity.monitoring_key_prefix``)."""
        self._redis = client
        self._keep = keep
        self._pending: queue.Queue[tuple[str, Mapping[str, Any]] | None] = queue.Queue(PENDING_MAX)
        self._dropped = 0
        self._writer = threading.Thread(target=self._write, name="monitoring-writer", daemon=True)
        self._writer.start()

    def add(self, kind: str, entry: Mapping[str, Any]) -> None:
        try:
            self._pending.put_nowait((self._keys[kind], entry))  # encoded by the writer, off the request path
        except queue.Full:
            self._dropped += 1
            if self._dropped in {1, 100, 10_000}:  # a few log lines, not one per request
                LOG.warning("monitoring store is not keeping up: %d entries dropped", self._dropped)

    def _write(self) -> None:
        while (item := self._pending.get()) is not None:
            batch = [item]
            while len(batch) < BATCH_MAX:
                try:
                    more = self._pending.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._pending.task_done()
                    self._pending.put(None)  # stop after this batch
                    break
                batch.append(more)
            self._send(batch)
            for _ in batch:
                self._pending.task_done()

    def _send(self, batch: list[tuple[str, Mapping[str, Any]]]) -> None:
        pipe = self._redis.pipeline(transaction=False)
        for key, entry in batch:
            pipe.lpush(key, json.dumps(entry, ensure_ascii=False, default=str))
        for key in {key for key, _ in batch}:
            pipe.ltrim(key, 0, self._keep - 1)
        try:
            pipe.execute()
        except redis.RedisError as error:
            LOG.warning("monitoring store: %d entries not written to Redis (%s)", len(batch), error)

    @property
    def keep(self) -> int:
        return self._keep

    def recent(self, kind: str, scan: int) -> list[dict[str, Any]]:
        try:
            lines = self._redis.lrange(self._keys[kind], 0, scan - 1)
        except redis.RedisError as error:
            raise ApiError(
                503, f"the monitoring store (Redis) does not answer: {error}", {"Retry-After": "5"}
            ) from error
        entries = [json.loads(line) for line in lines]
        # Newest first by when each happened, not by when its replica's writer thread sent it: a replica that started
        # first can send its start after another replica's later events (a busy machine), and a history out of order
        # misleads. A stable sort keeps the list's order among entries of the same millisecond.
        entries.sort(key=lambda entry: str(entry.get("at", "")), reverse=True)
        return entries

    def flush(self, timeout_s: float = 5.0) -> None:
        """Wait until the entries added so far are sent (tests, shutdown)."""
        deadline = time.monotonic() + timeout_s
        while self._pending.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.01)

    def close(self) -> None:
        self._pending.put(None)
        self._writer.join(timeout=5)
        self._redis.close()


def activity_store(settings: SharedStateSettings, key_prefix: str) -> ActivityStore:
    """The store ``settings.monitoring_store`` names: unset, this process's memory; a redis:// URL, Redis, its lists
    under ``key_prefix`` (the project's)."""
    if settings.monitoring_store is None:
        return ProcessStore()
    url = settings.monitoring_store.get_secret_value()
    scheme = urlparse(url).scheme
    if scheme not in {"redis", "rediss", "unix"}:
        raise UnsafeSettingsError(
            f"RECEIPT_MONITORING_STORE must be a redis://, rediss:// or unix:// URL, not one with {scheme or 'no'} "
            "scheme; unset it to keep the request log in the process's memory"
        )
    client = redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT_S, socket_timeout=CONNECT_TIMEOUT_S)
    return RedisStore(client, settings.monitoring_keep, key_prefix)


def utc_timestamp(seconds: float) -> str:
    """An entry's ``at``: UTC with milliseconds and a ``Z``, the form every entry and the web page's clock read."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class StoreLogHandler(logging.Handler):
    """A service's own log lines into its ring in ``store``; one service per process, as they are deployed.

    The per-request lines (the runtime's access log, uvicorn's, httpx's for each call the web app makes) are left out
    below warning: the request log holds them already, and a ring of them would push out every warning within
    seconds. So are the store's own complaints: written to an
    absent Redis, each would make the next."""

    PER_REQUEST = frozenset({ACCESS_LOGGER, "uvicorn.access", "httpx"})
    """The access logs, and httpx's line per call the web app makes: kept from warning up only."""

    def __init__(self, store: ActivityStore, service: str, level: int = logging.INFO) -> None:
        super().__init__(level)
        if service not in SERVICES:
            raise ValueError(f"service must be one of {', '.join(SERVICES)}, not {service!r}")
        self._store = store
        self._kind = f"logs:{service}"
        self._service = service
        self._replica = replica_name()

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == __name__ or (record.name in self.PER_REQUEST and record.levelno < logging.WARNING):
            return
        try:
            line = {
                "at": utc_timestamp(record.created), "replica": self._replica, "service": self._service,
                "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage(),
            }  # fmt: skip
            if record.exc_info:
                line["exception"] = logging.Formatter().formatException(record.exc_info)
            self._store.add(self._kind, line)
        except Exception:
            self.handleError(record)


@contextmanager
def collecting_logs(store: ActivityStore, service: str) -> Iterator[None]:
    """While the service runs (its lifespan), its log lines also go to ``store``; stdout keeps them all."""
    handler = StoreLogHandler(store, service)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)


@contextmanager
def shared_logs(settings: SharedStateSettings, service: str, key_prefix: str) -> Iterator[None]:
    """For a service that answers no admin query (the file service): its log lines go to the shared store when one
    is set, where the runtime's ``/v2/monitoring/logs`` reads them; a ring in its own memory nobody could read."""
    if settings.monitoring_store is None:
        yield
        return
    store = activity_store(settings, key_prefix)
    try:
        with collecting_logs(store, service):
            yield
    finally:
        store.close()
