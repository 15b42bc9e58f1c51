"""The file service on both backends (a folder, a real SeaweedFS), guarded by a local Keycloak-shaped realm."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from auth_fixtures import TestIdentityProvider
from fastapi.testclient import TestClient
from files_kit import bearer, files_app, files_settings

MAX_BYTES = 10 * 2**20
"""Above the S3 backend's 8 MiB part: uploads through the API can take the multipart path."""


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


@pytest.fixture(scope="module", params=["local", "s3"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def make_client(
    backend: str, idp: TestIdentityProvider, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Callable[..., TestClient]]:
    """Clients of file services on ``backend`` with settings overridden: ``make_client(files_max_bytes=100)``."""
    server = request.getfixturevalue("seaweed") if backend == "s3" else None
    clients: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        settings = files_settings(idp, backend, tmp_path_factory.mktemp("storage"), server, **overrides)
        client = TestClient(files_app(settings)).__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def client(make_client: Callable[..., TestClient]) -> TestClient:
    """One service per backend for the module; tests keep apart by being different users."""
    return make_client(files_max_bytes=MAX_BYTES)


@pytest.fixture
def user(idp: TestIdentityProvider) -> dict[str, str]:
    """A fresh user's Authorization header."""
    return bearer(idp)
