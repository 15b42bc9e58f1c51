"""The generic history's run log: per person, the latest run per file, forgotten on delete; in memory and in a real
Redis (Debian's redis-server, started per module), where replicas share it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from pydantic import SecretStr

from app.settings import Settings
from app.stack.redis_server import RedisServer
from app.web.runs import MemoryRunLog, RedisRunLog, Run, RunLog, run_log


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture(params=["memory", "redis"])
def log(request: pytest.FixtureRequest, tmp_path: Path) -> RunLog:
    if request.param == "memory":
        return MemoryRunLog()
    server: RedisServer = request.getfixturevalue("redis_server")
    return run_log(Settings(web_session_store=SecretStr(server.url)))


def test_run_log_keeps_the_latest_run_per_file_and_person(log: RunLog) -> None:
    owner, other = f"owner-{id(log)}", f"other-{id(log)}"
    log.record(owner, Run("f1", "m", "failed", "2026-01-01T00:00:00+00:00", "model_down"))
    log.record(owner, Run("f1", "m", "done", "2026-01-01T00:01:00+00:00"))
    log.record(owner, Run("f2", "n", "done", "2026-01-01T00:02:00+00:00"))

    assert log.runs(owner)["f1"] == Run("f1", "m", "done", "2026-01-01T00:01:00+00:00")
    assert set(log.runs(owner)) == {"f1", "f2"}
    assert log.runs(other) == {}, "another person sees none of them"

    log.forget(other, "f2")
    log.forget(owner, "f1")
    assert set(log.runs(owner)) == {"f2"}


def test_memory_run_log_forgets_the_oldest_beyond_its_bounds() -> None:
    log = MemoryRunLog(owners=2, per_owner=2)
    for index in range(3):
        log.record("a", Run(f"f{index}", "m", "done", "t"))
    log.record("b", Run("x", "m", "done", "t"))
    log.record("c", Run("y", "m", "done", "t"))

    assert log.runs("a") == {}, "the least recently active person went first"
    assert set(log.runs("b")) == {"x"} and set(log.runs("c")) == {"y"}
    second = MemoryRunLog(per_owner=2)
    for index in range(3):
        second.record("a", Run(f"f{index}", "m", "done", "t"))
    assert set(second.runs("a")) == {"f1", "f2"}


def test_redis_run_log_out_of_reach_loses_only_the_log() -> None:
    closed = RedisRunLog(redis.Redis(host="127.0.0.1", port=9, socket_connect_timeout=0.5))

    closed.record("a", Run("f", "m", "done", "t"))
    closed.forget("a", "f")
    assert closed.runs("a") == {}


def test_run_log_is_memory_without_a_store() -> None:
    assert isinstance(run_log(Settings()), MemoryRunLog)


def test_redis_run_log_keys_under_the_project_prefix(redis_server: RedisServer) -> None:
    log = run_log(Settings(web_session_store=SecretStr(redis_server.url)), "shop-web:runs:")
    log.record("someone", Run("f", "m", "done", "t"))

    with redis.Redis.from_url(redis_server.url) as client:
        assert client.hkeys("shop-web:runs:someone") == [b"f"]
        assert 0 < client.ttl("shop-web:runs:someone") <= 90 * 24 * 3600
