"""Malformed requests to the infer and repository routes: always a 400 that says what is wrong, never a 500, and the
keep-alive connection stays usable. The cases an outside audit found, then a fuzz test (hypothesis) that keeps it so."""

from __future__ import annotations

import asyncio
import copy
import hashlib
import io
import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import runtime_kit
from auth_fixtures import TestIdentityProvider
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from runtime_kit import ECHO_GROUP, limits, live_server
from starlette.types import Message

from app.runtime.dataplane import RuntimeConfig
from app.runtime.registry import ModelDeclaration
from app.runtime.server import create_app
from app.settings import Settings

ADMIN_GROUP = "/pu-gallery/gallery-admins"
GOOD: dict[str, Any] = {
    "inputs": [
        {"name": "text", "datatype": "BYTES", "shape": [1], "data": ["a"]},
        {"name": "scale", "datatype": "FP64", "shape": [1], "data": [1.0]},
    ]
}
INFER = "/v2/models/echo/infer"


def _with(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """GOOD with the value at ``path`` replaced."""
    body = copy.deepcopy(GOOD)
    target: Any = body
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return body


INFER_CASES: list[tuple[str, str, str]] = [
    ("nested 10,000 deep", "[" * 10_000 + "]" * 10_000, "nested too deeply"),
    ("nested inside inputs", '{"inputs": ' + "[" * 10_000 + "]" * 10_000 + "}", "nested too deeply"),
    ("a 5,000-digit integer", json.dumps(GOOD).replace("1.0", "9" * 5000), "a number of 5000 digits"),
    ("NaN", json.dumps(GOOD).replace("1.0", "NaN"), "NaN is not a JSON number"),
    ("1e400", json.dumps(GOOD).replace("1.0", "1e400"), "beyond a 64-bit float"),
    ("parameters as a list", json.dumps(_with(("inputs", 0, "parameters"), [])), "inputs[0].parameters must be an"),
    ("parameters as a string", json.dumps(_with(("inputs", 0, "parameters"), "x")), "inputs[0].parameters must be"),
    ("name as a list", json.dumps(_with(("inputs", 0, "name"), ["text"])), "inputs[0].name must be a string"),
    ("shape as a string", json.dumps(_with(("inputs", 0, "shape"), "1")), "inputs[0].shape must be a list"),
    ("a list for a number", json.dumps(_with(("inputs", 1, "data"), [[1.0, "x"]])), "inputs.scale: each element"),
    ("a huge integer for a float", json.dumps(_with(("inputs", 1, "data"), [10**90])), "inputs.scale: each element"),
    ("request parameters as a list", json.dumps({**GOOD, "parameters": []}), "parameters must be a JSON object"),
    ("outputs as a string", json.dumps({**GOOD, "outputs": "x"}), "outputs must be a list"),
    ("an output name as a list", json.dumps({**GOOD, "outputs": [{"name": ["x"]}]}), "is not an output"),
    ("id as a list", json.dumps({**GOOD, "id": []}), "id must be a string"),
    ("not UTF-8", b'{"inputs": "\xff"}'.decode("latin-1"), "not valid JSON"),
]
REPOSITORY_CASES: list[tuple[str, str, str]] = [
    ("no version", '{"parameters": {}}', "parameters.version must be a non-empty string"),
    ("a string", '"x"', "the body must be a JSON object"),
    ("an unknown key", '{"foo": 1}', "foo is not known"),
    ("parameters as a list", '{"parameters": []}', "parameters must be an object"),
    ("version as a list", '{"parameters": {"version": []}}', "parameters.version must be a non-empty string"),
    ("nested 10,000 deep", "[" * 10_000 + "]" * 10_000, "nested too deeply"),
    ("a 5,000-digit integer", '{"parameters": {"version": ' + "9" * 5000 + "}}", "a number of 5000 digits"),
]


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


@pytest.fixture(scope="module")
def runtime(idp: TestIdentityProvider) -> Any:
    config = RuntimeConfig(
        entrypoint="echo_module",
        models=[ModelDeclaration("echo", "default", (ECHO_GROUP,))],
        limits=limits(),
        admin_groups=(ADMIN_GROUP,),
    )
    return create_app(Settings(issuer_url=idp.issuer, manifests_dir="."), config)


@pytest.fixture(scope="module")
def headers(idp: TestIdentityProvider) -> dict[str, str]:
    return {"Authorization": f"Bearer {idp.mint(groups=[ECHO_GROUP, ADMIN_GROUP])}"}


@pytest.fixture(scope="module")
def client(runtime: Any) -> Iterator[TestClient]:
    with TestClient(runtime, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def connection(runtime: Any) -> Iterator[httpx.Client]:
    """One keep-alive connection to a live server: a reset after a bad request would fail the good one after it."""
    with (
        live_server(runtime) as url,
        httpx.Client(base_url=url, timeout=30, limits=httpx.Limits(max_connections=1)) as c,
    ):
        yield c


@pytest.mark.parametrize(("case", "body", "detail"), INFER_CASES, ids=[case for case, _, _ in INFER_CASES])
def test_malformed_inference_request_is_a_400(
    connection: httpx.Client, headers: dict[str, str], case: str, body: str, detail: str
) -> None:
    refused = connection.post(INFER, content=body.encode("latin-1"), headers=headers)
    assert refused.status_code == 400, refused.text
    assert detail in refused.json()["error"], case
    assert connection.post(INFER, json=GOOD, headers=headers).status_code == 200


@pytest.mark.parametrize(("case", "body", "detail"), REPOSITORY_CASES, ids=[case for case, _, _ in REPOSITORY_CASES])
@pytest.mark.parametrize("action", ["load", "unload"])
def test_malformed_repository_request_is_a_400(
    connection: httpx.Client, headers: dict[str, str], *, action: str, case: str, body: str, detail: str
) -> None:
    refused = connection.post(f"/v2/repository/models/echo/{action}", content=body, headers=headers)
    assert refused.status_code == 400, refused.text
    assert detail in refused.json()["error"], case
    assert connection.post(INFER, json=GOOD, headers=headers).status_code == 200


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(min_value=-1e6, max_value=1e6)
    | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
PATHS: list[tuple[str | int, ...]] = [
    ("id",), ("parameters",), ("outputs",), ("inputs",), ("inputs", 0), ("inputs", 0, "name"),
    ("inputs", 0, "datatype"), ("inputs", 0, "shape"), ("inputs", 0, "parameters"), ("inputs", 0, "data"),
    ("inputs", 1, "data"), ("inputs", 1, "name"),
]  # fmt: skip
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(path=st.sampled_from(PATHS), value=JSON_VALUES)
def test_fuzzed_inference_request_is_answered_or_refused(
    client: TestClient, headers: dict[str, str], path: tuple[str | int, ...], value: Any
) -> None:
    answer = client.post(INFER, json=_with(path, value), headers=headers)
    assert answer.status_code in {200, 400}, (path, value, answer.text)
    assert answer.status_code == 200 or answer.json()["error"]


@FUZZ
@given(body=JSON_VALUES)
def test_fuzzed_whole_body_is_refused(client: TestClient, headers: dict[str, str], body: Any) -> None:
    answer = client.post(INFER, json=body, headers=headers)
    assert answer.status_code == 400, (body, answer.text)


@FUZZ
@given(
    action=st.sampled_from(["load", "unload"]), body=JSON_VALUES | st.fixed_dictionaries({"parameters": JSON_VALUES})
)
def test_fuzzed_repository_request_is_never_a_server_error(
    client: TestClient, headers: dict[str, str], action: str, body: Any
) -> None:
    answer = client.post(f"/v2/repository/models/echo/{action}", json=body, headers=headers)
    assert answer.status_code in {200, 400, 404, 409}, (body, answer.text)
    assert answer.status_code == 200 or answer.json()["error"]


@pytest.fixture(scope="module")
def digest(idp: TestIdentityProvider) -> Iterator[TestClient]:
    """A runtime whose module takes ``FILE[4]``, with a 5 MB request limit."""
    app = runtime_kit.runtime(idp, "digest_module", [ModelDeclaration("digest", "default", (ECHO_GROUP,))])
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(("count", "status"), [(1, 200), (4, 200), (5, 400), (150, 400)])
def test_infer_file_takes_as_many_files_as_the_docstring_declares(
    digest: TestClient, headers: dict[str, str], count: int, status: int
) -> None:
    """FILE[4]: up to four parts of one field; the audit's 150 parts were read as the last one and answered 200."""
    parts = [("image", (f"{index}.png", _png(), "image/png")) for index in range(count)]
    answer = digest.post("/v2/models/digest/infer-file", files=parts, headers=headers)
    assert answer.status_code == status, answer.text
    if status == 200:
        digests = [hashlib.sha256(_png()).hexdigest()] * count
        assert answer.json()["sha256"] == (digests if count > 1 else digests[0])  # a batch of one is unwrapped
    else:
        assert answer.json()["error"] == f"form field 'image' is given {count} times; it takes at most 4"


def test_infer_file_counts_a_body_without_length_as_it_arrives(digest: TestClient, headers: dict[str, str]) -> None:
    """A chunked form whose one part is far over the limit is refused as it passes the limit: the audit's 200 MB were
    all read, then held in memory whole. Driven through ASGI, as the test client reads a body whole before sending."""
    chunks = [b'--b\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\n' + _png()]
    chunks += [b"\0" * 2**20] * 200 + [b"\r\n--b--\r\n"]
    received = 0
    answer: list[Message] = []

    async def receive() -> Message:
        nonlocal received
        received += 1
        return {"type": "http.request", "body": chunks[received - 1], "more_body": received < len(chunks)}

    async def send(message: Message) -> None:
        answer.append(message)

    raw = [(b"content-type", b"multipart/form-data; boundary=b")]
    raw += [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    scope = {"type": "http", "method": "POST", "path": "/v2/models/digest/infer-file", "headers": raw,
             "query_string": b"", "root_path": "", "scheme": "http", "http_version": "1.1"}  # fmt: skip
    asyncio.run(digest.app(scope, receive, send))
    assert answer[0]["status"] == 413
    assert b"over 5308416 bytes" in answer[1]["body"]
    assert received <= 7  # 5 MB and the form's overhead, then no more


@pytest.mark.parametrize("path", [INFER, "/v2/models/echo/infer-file"])
def test_a_request_body_that_stops_arriving_ends_with_408(idp: TestIdentityProvider, path: str) -> None:
    """Headers and 3 bytes of a 100 kB body, then nothing: the audit's connection was still open minutes later."""
    config = RuntimeConfig("echo_module", [ModelDeclaration("echo", "default", (ECHO_GROUP,))], limits=limits())
    app = create_app(Settings(issuer_url=idp.issuer, manifests_dir=".", body_idle_s=1), config)
    token = idp.mint(groups=[ECHO_GROUP])
    with live_server(app) as url, socket.create_connection((httpx.URL(url).host, httpx.URL(url).port)) as client:
        client.settimeout(10)
        head = f"POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Length: 100000\r\n"
        client.sendall(f"{head}Content-Type: multipart/form-data; boundary=b\r\n\r\n--b".encode())
        started = time.monotonic()
        answer = _until_closed(client)
        assert answer.startswith(b"HTTP/1.1 408 "), answer
        assert b"nothing of the request body arrived for 1 s" in answer
        assert time.monotonic() - started < 5


def _until_closed(client: socket.socket) -> bytes:
    """Everything the server sends before it closes the connection: a busy server may send the head and the body of
    its answer in separate packets, so one ``recv`` can end before the body."""
    chunks = []
    while chunk := client.recv(4096):
        chunks.append(chunk)
    return b"".join(chunks)
