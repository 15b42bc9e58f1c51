"""The admin views over every replica: request log and publication history in a real Redis (Debian's redis-server,
started per module), or in the process's ring buffers when no store is set."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from auth_fixtures import TestIdentityProvider
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator
from pydantic import SecretStr
from runtime_kit import ECHO_GROUP, limits

from app.common.activity import RedisStore, collecting_logs, shared_logs
from app.manifests import UNNAMED_PROJECT
from app.runtime.dataplane import RuntimeConfig
from app.runtime.registry import ModelDeclaration
from app.runtime.server import create_app
from app.settings import Settings
from app.stack.redis_server import RedisServer

ADMIN_GROUP = "/pu-gallery/gallery-admins"
ENV = {"TINY_WEIGHTS": "$(MODEL_SOURCE)"}
MONITORING = {
    "/v2/monitoring/requests": "requests",
    "/v2/monitoring/publications": "events",
    "/v2/monitoring/logs": "lines",
}
INFER = {"inputs": [{"name": "path", "datatype": "BYTES", "shape": [1], "data": ["config.json"]}]}


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def weights(tmp_path: Path) -> Path:
    folder = tmp_path / "v1"
    folder.mkdir()
    (folder / "config.json").write_text("weights one")
    return folder


def _app(idp: TestIdentityProvider, source: Path, store: str | None = None, **settings: Any) -> FastAPI:
    declaration = ModelDeclaration("tiny", "default", (ECHO_GROUP,), str(source), ENV)
    config = RuntimeConfig(
        entrypoint="weights_module", models=[declaration], limits=limits(), admin_groups=(ADMIN_GROUP,)
    )
    return create_app(
        Settings(issuer_url=idp.issuer, manifests_dir=".", monitoring_store=SecretStr(store) if store else None,
                 **settings),
        config,
    )  # fmt: skip


def _as(idp: TestIdentityProvider, user: str, *groups: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {idp.mint(groups=list(groups), preferred_username=user)}"}


def _flush(*clients: TestClient) -> None:
    for client in clients:
        store = client.app.state.runtime.activity  # type: ignore[attr-defined]
        if isinstance(store, RedisStore):
            store.flush()


def _requests(client: TestClient, idp: TestIdentityProvider, **query: str) -> httpx.Response:
    return client.get("/v2/monitoring/requests", params=query, headers=_as(idp, "root", ADMIN_GROUP))


def _unique_prefix() -> str:
    return f"t{time.monotonic_ns()}-"


def test_two_replicas_write_one_admin_query_sees_both(
    idp: TestIdentityProvider, redis_server: RedisServer, weights: Path
) -> None:
    prefix = _unique_prefix()
    with (
        TestClient(_app(idp, weights, redis_server.url)) as first,
        TestClient(_app(idp, weights, redis_server.url)) as second,
    ):
        ok = first.post("/v2/models/tiny/infer", json=INFER,
                        headers={**_as(idp, "alice", ECHO_GROUP), "X-Request-ID": prefix + "a"})  # fmt: skip
        refused = second.post("/v2/models/tiny/infer", json=INFER,
                              headers={**_as(idp, "bob"), "X-Request-ID": prefix + "b"})  # fmt: skip
        _flush(first, second)
        everything = _requests(first, idp).json()
        bobs = _requests(second, idp, user="bob", status="4xx").json()
        errors = _requests(first, idp, status="error").json()
        oks = _requests(first, idp, status="200", model="tiny").json()
        serving = first.get("/v2/models/tiny/versions", headers=_as(idp, "alice", ECHO_GROUP)).json()["serving"]

    assert (ok.status_code, refused.status_code) == (200, 403)
    assert everything["source"] == "redis"
    ours = {entry["request_id"]: entry for entry in everything["requests"] if entry["request_id"].startswith(prefix)}
    assert set(ours) == {prefix + "a", prefix + "b"}
    alice, bob = ours[prefix + "a"], ours[prefix + "b"]
    assert (alice["user"], alice["model"], alice["version"], alice["status"]) == ("alice", "tiny", serving, 200)
    assert alice["latency_ms"] > 0 and alice["at"].endswith("Z") and alice["replica"]
    assert (bob["user"], bob["status"]) == ("bob", 403) and "refused" in bob
    assert prefix + "b" in [entry["request_id"] for entry in bobs["requests"]]
    assert all(entry["user"] == "bob" and 400 <= entry["status"] < 500 for entry in bobs["requests"])
    assert all(entry["status"] != 200 for entry in errors["requests"])
    assert prefix + "a" in [entry["request_id"] for entry in oks["requests"]]
    assert all(entry["status"] == 200 for entry in oks["requests"])


def test_only_admins_read_the_log_which_answers_as_documented(idp: TestIdentityProvider, weights: Path) -> None:
    with TestClient(_app(idp, weights)) as client:
        client.post("/v2/models/tiny/infer", json=INFER, headers=_as(idp, "alice", ECHO_GROUP))
        logging.getLogger("app.runtime.test").warning("a line for the log ring")
        user = client.get("/v2/monitoring/requests", headers=_as(idp, "alice", ECHO_GROUP))
        anonymous = client.get("/v2/monitoring/publications")
        admin = {path: client.get(path, headers=_as(idp, "root", ADMIN_GROUP)) for path in MONITORING}
        document = client.get("/openapi.json").json()

    assert (user.status_code, anonymous.status_code) == (403, 401)
    for path, answer in admin.items():
        assert answer.status_code == 200
        schema = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        Draft202012Validator(schema).validate(answer.json())
        assert answer.json()[MONITORING[path]], path


def test_without_a_store_each_process_shows_its_own(idp: TestIdentityProvider, weights: Path) -> None:
    with TestClient(_app(idp, weights)) as first, TestClient(_app(idp, weights)) as second:
        first.post("/v2/models/tiny/infer", json=INFER, headers=_as(idp, "alice", ECHO_GROUP))
        own, other = _requests(first, idp).json(), _requests(second, idp).json()

    assert own["source"] == other["source"] == "process"
    assert [entry["user"] for entry in own["requests"]] == ["alice"]
    assert other["requests"] == []


def test_payloads_are_shown_redacted_when_payload_logging_is_on(idp: TestIdentityProvider, weights: Path) -> None:
    long_text = "x" * 1000
    body = {"inputs": [{"name": "path", "datatype": "BYTES", "shape": [1], "data": [long_text]}]}
    with TestClient(_app(idp, weights, log_payloads=True)) as client:
        client.post("/v2/models/tiny/infer", json=body, headers=_as(idp, "alice", ECHO_GROUP))
        entry = _requests(client, idp).json()["requests"][0]

    assert entry["payload"]["inputs"][0]["data"] == ["<1000 characters>"]


@pytest.mark.parametrize(
    ("query", "named"),
    [({"limit": "0"}, "limit"), ({"limit": "x"}, "limit"), ({"status": "2x"}, "status"), ({"user": ""}, "user")],
)
def test_bad_filters_are_a_400_naming_them(
    idp: TestIdentityProvider, weights: Path, query: dict[str, str], named: str
) -> None:
    with TestClient(_app(idp, weights)) as client:
        response = _requests(client, idp, **query)

    assert response.status_code == 400
    assert response.json()["error"].startswith(named)


def test_publication_history_across_replicas(
    idp: TestIdentityProvider, redis_server: RedisServer, weights: Path, tmp_path: Path
) -> None:
    second_weights = tmp_path / "v2"
    second_weights.mkdir()
    (second_weights / "config.json").write_text("weights two")
    admin = _as(idp, "root", ADMIN_GROUP, ECHO_GROUP)
    model = f"tiny{time.monotonic_ns()}"  # this test's model name, so earlier entries in the shared Redis don't count
    declaration = ModelDeclaration(model, "default", (ECHO_GROUP,), str(weights), ENV)
    config = RuntimeConfig(entrypoint="weights_module", models=[declaration], limits=limits(),
                           admin_groups=(ADMIN_GROUP,))  # fmt: skip
    settings = Settings(issuer_url=idp.issuer, manifests_dir=".", monitoring_store=SecretStr(redis_server.url))
    with TestClient(create_app(settings, config)) as first, TestClient(create_app(settings, config)) as second:
        original = first.get(f"/v2/models/{model}/versions", headers=admin).json()["serving"]
        load = {"parameters": {"version": "v2", "source": str(second_weights)}}
        assert first.post(f"/v2/repository/models/{model}/load", json=load, headers=admin).status_code == 200
        back = {"parameters": {"version": original}}
        assert first.post(f"/v2/repository/models/{model}/load", json=back, headers=admin).status_code == 200
        drop = {"parameters": {"version": "v2"}}
        assert first.post(f"/v2/repository/models/{model}/unload", json=drop, headers=admin).status_code == 200
        _flush(first, second)
        history = second.get("/v2/monitoring/publications", params={"model": model}, headers=admin).json()

    assert history["source"] == "redis"
    events = [(e["event"], e["version"], e["previous"], e["by"]) for e in reversed(history["events"])]
    assert events == [
        ("loaded", original, None, None),  # the first replica's start
        ("loaded", original, None, None),  # the second's
        ("loaded", "v2", None, "root"),
        ("switched", "v2", original, "root"),
        ("rolled_back", original, "v2", "root"),
        ("unloaded", "v2", None, "root"),
    ]
    assert {e["source"] for e in history["events"] if e["version"] == "v2"} == {str(second_weights)}
    assert all(e["image"] and e["at"].endswith("Z") for e in history["events"])


def test_entries_come_back_in_the_order_they_happened_whichever_replica_sent_them_first(
    redis_server: RedisServer,
) -> None:
    """Each replica's writer thread sends its entries when it can: a replica's start, sent late, must still come
    before another replica's later events (this test's history once came back with the start last)."""
    prefix = f"order{time.monotonic_ns()}:"  # this test's lists, apart from the shared server's others
    first = RedisStore(redis.Redis.from_url(redis_server.url), 100, prefix)
    second = RedisStore(redis.Redis.from_url(redis_server.url), 100, prefix)
    try:
        first.add("publications", {"at": "2026-12-06T10:00:00.200Z", "event": "switched"})
        first.add("publications", {"at": "2026-12-06T10:00:00.300Z", "event": "rolled_back"})
        first.flush()
        second.add("publications", {"at": "2026-12-06T10:00:00.100Z", "event": "loaded"})  # happened first, sent last
        second.add("publications", {"at": "2026-12-06T10:00:00.300Z", "event": "unloaded"})  # the same millisecond
        second.flush()
        events = [entry["event"] for entry in first.recent("publications", 10)]
    finally:
        first.close()
        second.close()

    assert events == ["unloaded", "rolled_back", "switched", "loaded"]


def test_an_unreachable_store_never_fails_a_request(idp: TestIdentityProvider, weights: Path) -> None:
    with TestClient(_app(idp, weights, "redis://:nobody@127.0.0.1:9/0")) as client:
        answer = client.post("/v2/models/tiny/infer", json=INFER, headers=_as(idp, "alice", ECHO_GROUP))
        query = _requests(client, idp)

    assert answer.status_code == 200
    assert query.status_code == 503
    assert "monitoring store" in query.json()["error"]


def _logs(client: TestClient, idp: TestIdentityProvider, **query: str) -> httpx.Response:
    return client.get("/v2/monitoring/logs", params=query, headers=_as(idp, "root", ADMIN_GROUP))


def test_log_lines_of_every_service_in_the_shared_store(
    idp: TestIdentityProvider, redis_server: RedisServer, weights: Path
) -> None:
    marker = _unique_prefix()
    settings = Settings(issuer_url=idp.issuer, manifests_dir=".", monitoring_store=SecretStr(redis_server.url))
    # the file service's lifespan (its own process, deployed)
    with shared_logs(settings, "files", UNNAMED_PROJECT.monitoring_key_prefix):
        logging.getLogger("app.files.test").error(marker + "storage down")
    with TestClient(_app(idp, weights, redis_server.url)) as runtime:
        store = runtime.app.state.runtime.activity  # type: ignore[attr-defined]
        logging.getLogger("app.runtime.test").info(marker + "loaded")  # below the root's level here: not kept
        logging.getLogger("app.runtime.test").warning(marker + "slow")
        logging.getLogger("receipt.access").info(marker + "a request line")  # the request log has those
        _flush(runtime)
        files = _logs(runtime, idp, service="files", level="error").json()
        warnings = _logs(runtime, idp, service="runtime", level="warning").json()

    assert files["source"] == "redis" and files["service"] == "files"
    assert marker + "storage down" in [line["message"] for line in files["lines"]]
    line = next(line for line in files["lines"] if line["message"] == marker + "storage down")
    assert (line["level"], line["logger"], line["service"]) == ("error", "app.files.test", "files")
    assert line["at"].endswith("Z") and line["replica"]
    ours = [line["message"] for line in warnings["lines"] if line["message"].startswith(marker)]
    assert ours == [marker + "slow"]
    assert all(line["level"] in {"warning", "error", "critical"} for line in warnings["lines"])
    assert isinstance(store, RedisStore)


def test_the_log_ring_is_bounded_and_skips_request_lines(caplog: pytest.LogCaptureFixture) -> None:
    from app.common.activity import ProcessStore

    caplog.set_level(logging.INFO)  # as the services run (app.common.logs), so the info lines reach the handler
    store = ProcessStore(keep=10)
    with collecting_logs(store, "web"):
        for index in range(24):
            logging.getLogger("app.web.test").warning("line %d", index)
        logging.getLogger("app.web.test").info("line 24")
        logging.getLogger("uvicorn.access").info("GET / 200")  # per-request lines: the request log's
        logging.getLogger("httpx").info("HTTP Request: GET http://runtime/v2 200 OK")
        logging.getLogger("httpx").warning("a call that went wrong")  # a warning is kept wherever it comes from
    logging.getLogger("app.web.test").warning("after the service stopped")
    kept = [line["message"] for line in store.recent("logs:web", 100)]
    assert kept == ["a call that went wrong", *(f"line {index}" for index in range(24, 15, -1))]


@pytest.mark.parametrize(("query", "named"), [({"service": "db"}, "service"), ({"level": "loud"}, "level")])
def test_bad_log_filters_are_a_400_naming_them(
    idp: TestIdentityProvider, weights: Path, query: dict[str, str], named: str
) -> None:
    with TestClient(_app(idp, weights)) as client:
        response = _logs(client, idp, **query)
    assert response.status_code == 400
    assert response.json()["error"].startswith(named)
