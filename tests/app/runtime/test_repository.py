"""Model versions side by side (OIP repository extension): load beside, switch without a failed request, roll back."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from auth_fixtures import TestIdentityProvider
from fastapi import FastAPI
from fastapi.testclient import TestClient
from runtime_kit import ECHO_GROUP, limits, live_server

from app.runtime.dataplane import RuntimeConfig
from app.runtime.protocol import LoadParameters
from app.runtime.registry import ModelDeclaration
from app.runtime.repository import RepositoryError, VersionRequest
from app.runtime.server import create_app
from app.settings import Settings

ADMIN_GROUP = "/pu-gallery/gallery-admins"
ENV = {"TINY_WEIGHTS": "$(MODEL_SOURCE)"}


def _weights(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(text)
    return folder


def _app(idp: TestIdentityProvider, source: Path, admin_groups: tuple[str, ...] = (ADMIN_GROUP,)) -> FastAPI:
    declaration = ModelDeclaration("tiny", "default", (ECHO_GROUP,), str(source), ENV)
    config = RuntimeConfig(
        entrypoint="weights_module", models=[declaration], limits=limits(maxConcurrency=4, maxQueue=32),
        allowed_clients=(), admin_groups=admin_groups,
    )  # fmt: skip
    return create_app(Settings(issuer_url=idp.issuer, manifests_dir="."), config)


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


def _headers(idp: TestIdentityProvider, *groups: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {idp.mint(groups=list(groups))}"}


INFER = {"inputs": [{"name": "path", "datatype": "BYTES", "shape": [1], "data": ["config.json"]}]}


def _load(client: TestClient | httpx.Client, idp: TestIdentityProvider, **parameters: Any) -> httpx.Response:
    body = {"parameters": parameters}
    return client.post("/v2/repository/models/tiny/load", json=body, headers=_headers(idp, ADMIN_GROUP))


def _wait_for(seen: list[tuple[int, str]], text: str, after: int = 0, timeout_s: float = 20) -> None:
    """Until a client got ``text`` after the ``after``-th answer: each version serves some requests under load."""
    deadline = time.monotonic() + timeout_s
    while not any(answer == text for _, answer in seen[after:]):
        assert time.monotonic() < deadline, f"no answer {text!r} within {timeout_s} s"
        time.sleep(0.01)


def test_switch_and_rollback_under_load_fail_no_request(idp: TestIdentityProvider, tmp_path: Path) -> None:
    first, second = _weights(tmp_path / "v1", "weights one"), _weights(tmp_path / "v2", "weights two")
    seen: list[tuple[int, str]] = []
    stop = threading.Event()

    def client_loop(base_url: str) -> None:
        with httpx.Client(base_url=base_url, headers=_headers(idp, ECHO_GROUP), timeout=30) as client:
            while not stop.is_set():
                response = client.post("/v2/models/tiny/infer", json=INFER)
                text = response.json()["outputs"][0]["data"][0] if response.status_code == 200 else response.text
                seen.append((response.status_code, text))

    with live_server(_app(idp, first)) as base_url, httpx.Client(base_url=base_url, timeout=30) as admin:
        original = admin.get("/v2/models/tiny/versions", headers=_headers(idp, ECHO_GROUP)).json()["serving"]
        clients = [threading.Thread(target=client_loop, args=(base_url,)) for _ in range(4)]
        for thread in clients:
            thread.start()
        try:
            _wait_for(seen, "weights one")
            switched = _load(admin, idp, version="v2", source=str(second), env={**ENV, "TINY_LOAD_SECONDS": "0.5"})
            _wait_for(seen, "weights two")
            before_rollback = len(seen)
            rolled_back = _load(admin, idp, version=original)
            _wait_for(seen, "weights one", after=before_rollback)
        finally:
            stop.set()
            for thread in clients:
                thread.join()
        stats = admin.get("/v2/models/tiny/stats", headers=_headers(idp, ECHO_GROUP)).json()
        listed = admin.get("/v2/models/tiny/versions", headers=_headers(idp, ECHO_GROUP)).json()

    assert switched.json() == {"name": "tiny", "serving": "v2"}
    assert rolled_back.json() == {"name": "tiny", "serving": original}
    assert [status for status, _ in seen if status != 200] == []
    texts = [text for _, text in seen]
    assert texts[0] == "weights one" and "weights two" in texts[:before_rollback]
    assert {version["version"] for version in stats["versions"]} == {original, "v2"}
    assert listed["serving"] == original
    assert [(v["version"], v["serving"], v["ready"]) for v in listed["versions"]] == [
        (original, True, True),
        ("v2", False, True),
    ]


def test_failed_load_leaves_the_serving_version(idp: TestIdentityProvider, tmp_path: Path) -> None:
    with TestClient(_app(idp, _weights(tmp_path / "v1", "weights one"))) as client:
        response = _load(client, idp, version="broken", source=str(tmp_path / "missing"))
        answer = client.post("/v2/models/tiny/infer", json=INFER, headers=_headers(idp, ECHO_GROUP))

    assert response.status_code == 400
    assert response.json()["error"].startswith("version 'broken' of 'tiny' did not load: load('default') failed:")
    assert answer.json()["outputs"][0]["data"] == ["weights one"]


def test_versioned_routes_reach_a_loaded_version_until_it_is_unloaded(
    idp: TestIdentityProvider, tmp_path: Path
) -> None:
    first, second = _weights(tmp_path / "v1", "weights one"), _weights(tmp_path / "v2", "weights two")
    user = _headers(idp, ECHO_GROUP)
    with TestClient(_app(idp, first)) as client:
        original = client.get("/v2/models/tiny/versions", headers=user).json()["serving"]
        assert _load(client, idp, version="v2", source=str(second)).status_code == 200
        assert _load(client, idp, version=original).status_code == 200
        pinned = client.post("/v2/models/tiny/versions/v2/infer", json=INFER, headers=user)
        metadata = client.get("/v2/models/tiny", headers=user).json()
        serving_unload = client.post("/v2/repository/models/tiny/unload", json={"parameters": {"version": original}},
                                     headers=_headers(idp, ADMIN_GROUP))  # fmt: skip
        unload = client.post("/v2/repository/models/tiny/unload", json={"parameters": {"version": "v2"}},
                             headers=_headers(idp, ADMIN_GROUP))  # fmt: skip
        gone = client.post("/v2/models/tiny/versions/v2/infer", json=INFER, headers=user)

    assert pinned.json()["outputs"][0]["data"] == ["weights two"]
    assert pinned.json()["model_version"] == "v2"
    assert metadata["versions"] == [original, "v2"]
    assert serving_unload.status_code == 409
    assert unload.json() == {"name": "tiny", "unloaded": "v2"}
    assert gone.status_code == 404


def test_repository_routes_need_an_admin(idp: TestIdentityProvider, tmp_path: Path) -> None:
    body = {"parameters": {"version": "v2"}}
    with TestClient(_app(idp, _weights(tmp_path / "v1", "weights one"))) as client:
        anonymous = client.post("/v2/repository/models/tiny/load", json=body)
        user = client.post("/v2/repository/models/tiny/load", json=body, headers=_headers(idp, ECHO_GROUP))
        index = client.post("/v2/repository/index", headers=_headers(idp, ADMIN_GROUP))
    with TestClient(_app(idp, tmp_path / "v1", admin_groups=())) as client:
        nobody = client.post("/v2/repository/models/tiny/load", json=body, headers=_headers(idp, ADMIN_GROUP))

    assert anonymous.status_code == 401
    assert user.status_code == 403
    assert [(entry["name"], entry["state"], entry["serving"]) for entry in index.json()] == [("tiny", "READY", True)]
    assert nobody.status_code == 403 and "names no admin groups" in nobody.json()["error"]


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        (None, "parameters must be an object"),
        ({}, "parameters.version must be a non-empty string"),
        ({"version": " "}, "parameters.version must be a non-empty string"),
        ({"version": "v2", "weights": "x"}, "parameters.weights is not known"),
        ({"version": "v2", "source": 3}, "parameters.source must be a string"),
        ({"version": "v2", "env": {"A": 1}}, "parameters.env must be an object of string → string"),
    ],
)
def test_version_request_refuses_bad_parameters(parameters: Any, message: str) -> None:
    with pytest.raises(RepositoryError, match=message) as refused:
        VersionRequest.from_parameters(parameters)
    assert refused.value.status_code == 400


def test_version_request_reads_what_differs() -> None:
    wanted = VersionRequest.from_parameters({"version": " v2 ", "source": "s3://receipts/weights/v2/"})
    assert wanted == VersionRequest("v2", "s3://receipts/weights/v2/", None, None)


@pytest.mark.parametrize(
    "parameters",
    [
        {"version": "v2"},
        {"version": "v2", "env": None, "source": None, "model_key": None},
        {"version": "v2", "env": {}},
        {"version": "v2", "env": {"RECEIPT_READ_BUDGET_S": "2"}, "model_key": "tesseract"},
    ],
)
def test_version_request_accepts_what_the_openapi_document_says(parameters: dict[str, Any]) -> None:
    """What the server takes, the document allows: an outside audit's schemathesis sent ``env: null`` (accepted, the
    serving environment kept) while the document said an object."""
    VersionRequest.from_parameters(parameters)
    LoadParameters.model_validate(parameters)
