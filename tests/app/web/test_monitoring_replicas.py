"""The request log across replicas: two runtimes, each a process of its own (so each is its own replica, as pods
are), writing to one real Redis (Debian's redis-server); the web app asks one of them, and its page shows the
requests both served."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import httpx
import pytest
from auth_fixtures import TestIdentityProvider
from fastapi.testclient import TestClient
from module_process import cli_env, served_module
from web_kit import CLOSED_URL, MANIFESTS, sign_in, web_app, web_settings, web_token

from app.manifests import load_manifests
from app.settings import ROOT
from app.stack.redis_server import RedisServer

MANIFESTS_USED = load_manifests(MANIFESTS)
MODEL = MANIFESTS_USED.models[0].name
JUNK = {"inputs": [{"name": "image", "datatype": "BYTES", "shape": [1], "data": ["not a photo"]}]}


@pytest.fixture(scope="module")
def two_runtimes(realm: TestIdentityProvider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """Two runtime processes sharing a Redis as their monitoring store; their URLs."""
    with RedisServer(tmp_path_factory.mktemp("redis")) as redis:
        storage = tmp_path_factory.mktemp("storage")
        env = cli_env(ROOT, MANIFESTS, issuer_url=realm.issuer, storage_dir=str(storage), monitoring_store=redis.url)
        with (
            served_module(env, storage, "--model", MODEL) as first,
            served_module(env, storage, "--model", MODEL) as second,
        ):
            yield [first, second]


def test_the_request_log_shows_requests_served_by_both_replicas(
    realm: TestIdentityProvider, two_runtimes: list[str]
) -> None:
    user = f"u{time.monotonic_ns()}"
    token = web_token(realm, *MANIFESTS_USED.groups_for(MODEL), username=user)
    statuses = [
        httpx.post(
            f"{url}/v2/models/{MODEL}/infer", json=JUNK, headers={"Authorization": f"Bearer {token}"}
        ).status_code
        for url in two_runtimes
    ]
    with TestClient(web_app(web_settings(realm.issuer, two_runtimes[0], CLOSED_URL))) as client:
        sign_in(client, web_token(realm, MANIFESTS_USED.admin_groups[0], username="root"))
        deadline, replicas = time.monotonic() + 10, []
        while len(replicas) < 2 and time.monotonic() < deadline:  # the runtimes write to Redis off the request path
            page = client.get("/monitoring", params={"user": user})
            replicas = re.findall(r'data-testid="request" data-status="\d+" data-replica="([^"]+)"', page.text)
            time.sleep(0.2)

    assert all(400 <= status < 500 for status in statuses), statuses
    assert 'data-source="redis"' in page.text
    assert len(replicas) == 2 and len(set(replicas)) == 2, page.text  # one request each, from two processes
    assert all(f"<code>{replica}</code>" in page.text for replica in replicas)
