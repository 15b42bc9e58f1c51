"""The web app against live platform services: a Keycloak-shaped realm, the module runtime serving the real
Tesseract model, and the file service on local storage; each in-process on a free port, once per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from auth_fixtures import TestIdentityProvider
from dev_idp import DevIdentityProvider
from fastapi.testclient import TestClient
from seaweed import free_ports
from web_kit import DevStack, cors_manifests, live_files, live_runtime, web_app, web_settings

from tests.app.runtime.runtime_kit import live_server


@pytest.fixture(scope="module")
def realm() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


@pytest.fixture(scope="module")
def storage_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The local object storage the file service writes and the runtime reads file ids from."""
    return tmp_path_factory.mktemp("storage")


@pytest.fixture(scope="module")
def runtime_url(realm: TestIdentityProvider, storage_dir: Path) -> Iterator[str]:
    with live_runtime(realm.issuer, storage_dir) as url:
        yield url


@pytest.fixture(scope="module")
def files_url(realm: TestIdentityProvider, storage_dir: Path) -> Iterator[str]:
    with live_files(realm.issuer, storage_dir) as url:
        yield url


@pytest.fixture(scope="module")
def web(realm: TestIdentityProvider, runtime_url: str, files_url: str) -> Iterator[TestClient]:
    """The web app wired to the live services; tests sign in with ``web_kit.sign_in``."""
    with TestClient(web_app(web_settings(realm.issuer, runtime_url, files_url))) as client:
        yield client


@pytest.fixture
def client(web: TestClient) -> Iterator[TestClient]:
    """The shared app with a cookie jar of its own per test."""
    web.cookies.clear()
    yield web
    web.cookies.clear()


@pytest.fixture(scope="session")
def sample() -> Path:
    return Path(__file__).parents[3] / "model" / "samples" / "doc_0000.png"


@pytest.fixture(scope="session")
def dev_stack(dev_idp: DevIdentityProvider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevStack]:
    """Runtime (Tesseract), file service and web app trusting the dev realm, as ``make demo`` runs them: the runtime
    reads the photos by file id from the file service's storage. The manifests are a copy whose CORS origins are the
    web app's own (its port is chosen first), so pages it serves may call both APIs, and no other origin may."""
    web_port = free_ports(1)[0]
    manifests = cors_manifests(tmp_path_factory.mktemp("manifests"), [f"http://127.0.0.1:{web_port}"])
    storage = tmp_path_factory.mktemp("dev-storage")
    with (
        live_runtime(dev_idp.issuer, storage, manifests) as runtime_url,
        live_files(dev_idp.issuer, storage, manifests) as files_url,
    ):
        settings = web_settings(dev_idp.issuer, runtime_url, files_url, manifests_dir=manifests)
        settings = settings.model_copy(update={"web_public_url": f"http://127.0.0.1:{web_port}"})
        app = web_app(settings)
        with live_server(app, port=web_port) as url:
            yield DevStack(dev_idp, url, app, runtime_url, files_url)
