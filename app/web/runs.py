"""What the generic view's history knows beyond the file service: which model ran on each of a person's stored files,
when, and how it went.

The rows themselves are the person's files, listed by the file service under their own token, so a row is only ever
theirs; this log only adds the model and the outcome, by owner and file id. It lives where the web app keeps sign-ins
(``RECEIPT_WEB_SESSION_STORE``): this process's memory, or a Redis every replica shares. A file the log does not know
(run before a restart of an in-memory app, or stored by another client) is listed as stored, its model unknown.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Literal, Protocol

import redis

from app.settings import SharedStateSettings
from app.web.login_store import store_client

LOG = logging.getLogger(__name__)
DEFAULT_KEY_PREFIX = "web:runs:"
"""Of the keys without a project prefix; the web app passes its project's (``ProjectIdentity.runs_key_prefix``)."""
KEEP_S = 90 * 24 * 3600
"""How long Redis keeps a person's log after their last run (their files may be kept as long)."""
PER_OWNER = 1000
"""Runs kept per person, the oldest forgotten first: more than a history page lists."""

RunStatus = Literal["done", "failed"]


@dataclass(frozen=True)
class Run:
    """The latest run of a model on one stored file: ``problem`` is the failure's kind (``model_down``, …)."""

    file_id: str
    model: str
    status: RunStatus
    at: str
    """When it ran, ISO 8601 in UTC."""
    problem: str = ""


class RunLog(Protocol):
    """Runs by owner (the token's ``sub``, as the file service keys files) and file id."""

    def record(self, owner: str, run: Run) -> None: ...

    def runs(self, owner: str) -> dict[str, Run]: ...

    def forget(self, owner: str, file_id: str) -> None: ...


class MemoryRunLog:
    """This process's memory: ``PER_OWNER`` runs for each of the ``owners`` most recently active people."""

    def __init__(self, owners: int = 10_000, per_owner: int = PER_OWNER) -> None:
        self._owners: OrderedDict[str, OrderedDict[str, Run]] = OrderedDict()
        self._capacity, self._per_owner = owners, per_owner
        self._lock = threading.Lock()

    def record(self, owner: str, run: Run) -> None:
        with self._lock:
            runs = self._owners.setdefault(owner, OrderedDict())
            self._owners.move_to_end(owner)
            runs.pop(run.file_id, None)
            runs[run.file_id] = run
            while len(runs) > self._per_owner:
                runs.popitem(last=False)
            while len(self._owners) > self._capacity:
                self._owners.popitem(last=False)

    def runs(self, owner: str) -> dict[str, Run]:
        with self._lock:
            return dict(self._owners.get(owner, {}))

    def forget(self, owner: str, file_id: str) -> None:
        with self._lock:
            self._owners.get(owner, OrderedDict()).pop(file_id, None)


class RedisRunLog:
    """One Redis hash per person (``{key_prefix}{sub}``, e.g. ``receipt-web:runs:{sub}``: file id → the run as JSON),
    kept ``KEEP_S`` after their last run. Redis out of reach loses the log's part of a row (logged), never the page."""

    def __init__(self, client: redis.Redis, key_prefix: str = DEFAULT_KEY_PREFIX) -> None:
        self._redis = client
        self._key_prefix = key_prefix

    def record(self, owner: str, run: Run) -> None:
        key = self._key_prefix + owner
        try:
            self._redis.hset(key, run.file_id, json.dumps(asdict(run)))
            self._redis.expire(key, KEEP_S)
        except redis.RedisError as error:
            LOG.warning("the run of %s on %s is not in the history: %s", run.model, run.file_id, error)

    def runs(self, owner: str) -> dict[str, Run]:
        try:
            found = self._redis.hgetall(self._key_prefix + owner)
        except redis.RedisError as error:
            LOG.warning("the history shows no models: the run log cannot be read: %s", error)
            return {}
        runs = {}
        for file_id, text in found.items():
            try:
                key = file_id.decode() if isinstance(file_id, bytes) else str(file_id)
                runs[key] = Run(**json.loads(text))
            except (TypeError, ValueError):  # written by another version: that row shows no model
                continue
        return runs

    def forget(self, owner: str, file_id: str) -> None:
        try:
            self._redis.hdel(self._key_prefix + owner, file_id)
        except redis.RedisError as error:
            LOG.warning("could not forget the run on %s: %s", file_id, error)


def run_log(settings: SharedStateSettings, key_prefix: str = DEFAULT_KEY_PREFIX) -> RunLog:
    """Beside the sign-ins: in Redis when ``settings.web_session_store`` names one, else in this process's memory."""
    client = store_client(settings)
    return MemoryRunLog() if client is None else RedisRunLog(client, key_prefix)
