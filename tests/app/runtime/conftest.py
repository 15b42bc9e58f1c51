"""Runtimes for the tests: built from real modules, guarded by a real (local) identity provider."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from auth_fixtures import TestIdentityProvider
from fastapi.testclient import TestClient
from runtime_kit import ECHO_GROUP, runtime

from app.runtime.registry import ModelDeclaration


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


@pytest.fixture(scope="module")
def echo(idp: TestIdentityProvider) -> Iterator[TestClient]:
    app = runtime(idp, "echo_module", [ModelDeclaration("echo", "default", (ECHO_GROUP,))])
    with TestClient(app) as client:
        yield client
