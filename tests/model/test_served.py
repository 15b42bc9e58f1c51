"""The receipt module served by the platform's runtime: a real photo in, its details out; bad photos are 4xx."""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import numpy as np
import pytest
from auth_fixtures import TESSERACT_GROUP, TestIdentityProvider
from fastapi.testclient import TestClient

from app.runtime.registry import ModelDeclaration
from model.sandbox import WorkLimits, run_limited
from tests.app.runtime.runtime_kit import live_server, runtime


def _auth(idp: TestIdentityProvider, *groups: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {idp.mint(groups=list(groups))}"}


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


@pytest.fixture(scope="module")
def receipts(idp: TestIdentityProvider) -> Iterator[TestClient]:
    app = runtime(idp, "model.inference", [ModelDeclaration("tesseract-ocr", "tesseract", (TESSERACT_GROUP,))])
    with TestClient(app) as client:
        yield client


def test_infer_reads_a_receipt_sent_as_base64(
    receipts: TestClient, idp: TestIdentityProvider, samples: dict[Path, dict[str, str | None]]
) -> None:
    path, truth = next(iter(samples.items()))
    body = {
        "inputs": [
            {
                "name": "image",
                "datatype": "BYTES",
                "shape": [1],
                "parameters": {"content_type": "base64"},
                "data": [base64.b64encode(path.read_bytes()).decode()],
            }
        ],
        "outputs": [{"name": "payment_details"}],
    }
    response = receipts.post("/v2/models/tesseract-ocr/infer", json=body, headers=_auth(idp, TESSERACT_GROUP))
    assert response.status_code == 200, response.text
    details = json.loads(response.json()["outputs"][0]["data"][0])
    assert details["recipient_inn"] == truth["recipient_inn"]


def test_infer_file_takes_a_multipart_upload(
    receipts: TestClient, idp: TestIdentityProvider, samples: dict[Path, dict[str, str | None]]
) -> None:
    path, truth = list(samples.items())[-1]
    response = receipts.post(
        "/v2/models/tesseract-ocr/infer-file",
        files={"image": (path.name, path.read_bytes(), "application/octet-stream")},
        data={"preprocess": "true", "outputs": "payment_details,checks"},
        headers=_auth(idp, TESSERACT_GROUP),
    )
    assert response.status_code == 200, response.text
    payload = response.json()
    assert set(payload) == {"payment_details", "checks"}
    assert payload["payment_details"]["amount"] == truth["amount"]
    assert payload["checks"]["recipient_inn"]["status"] in {"verified", "repaired", "invalid", "unverified"}


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (b"GIF89a" + b"\0" * 64, 415, "inputs.image is image/gif; accepted: image/jpeg"),
        (b"just text", 415, "inputs.image is text/plain; accepted: image/jpeg"),
        (b"\x00\x01binary", 415, "inputs.image is an unrecognised type"),
        (b"", 400, "inputs.image is empty"),
    ],
)
def test_infer_file_sniffs_the_type_from_the_bytes(
    receipts: TestClient, idp: TestIdentityProvider, data: bytes, status: int, message: str
) -> None:
    response = receipts.post(
        "/v2/models/tesseract-ocr/infer-file",
        files={"image": ("photo.jpg", data, "image/jpeg")},
        headers=_auth(idp, TESSERACT_GROUP),
    )
    assert response.status_code == status
    assert message in response.json()["error"]


def test_infer_refuses_a_damaged_image_as_a_client_error(receipts: TestClient, idp: TestIdentityProvider) -> None:
    truncated = b"\xff\xd8\xff\xe0" + b"\0" * 300
    response = receipts.post(
        "/v2/models/tesseract-ocr/infer-file",
        files={"image": ("photo.jpg", truncated, "image/jpeg")},
        headers=_auth(idp, TESSERACT_GROUP),
    )
    assert response.status_code == 400
    assert "damaged or truncated" in response.json()["error"]


def _starved(*_: object, limits: WorkLimits) -> None:
    """The sandbox run for real on a child that never computes (as one the machine does not run): stopped at the
    wall clock, having had no processor time."""
    run_limited(time.sleep, 30.0, limits=replace(limits, wall_seconds=0.3))


def test_infer_answers_503_with_retry_after_when_the_machine_is_too_busy_to_decode(
    receipts: TestClient, idp: TestIdentityProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A photo whose decoding got no processor time before the wall clock is not the photo's fault: 503 and when to
    come back, never the 400 that blames the file."""
    from model import documents

    monkeypatch.setattr(documents, "run_limited", _starved)
    sample = next((Path(__file__).parents[2] / "model" / "samples").glob("*.jpg"))
    response = receipts.post(
        "/v2/models/tesseract-ocr/infer-file",
        files={"image": ("photo.jpg", sample.read_bytes(), "image/jpeg")},
        headers=_auth(idp, TESSERACT_GROUP),
    )
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"] == str(documents.BUSY_RETRY_AFTER_S)
    error = response.json()["error"]
    assert re.match(r"the machine is too busy right now: decoding the file had only \d\.\d s of processor time", error)
    assert "the file is not at fault" in error


def test_tritonclient_sends_raw_binary_tensors(idp: TestIdentityProvider) -> None:
    """tritonclient's default: inputs as raw bytes after the JSON header, no base64 — a photo included."""
    import json

    import tritonclient.http as triton

    app = runtime(idp, "model.inference", [ModelDeclaration("tesseract-ocr", "tesseract", (TESSERACT_GROUP,))])
    sample = next((Path(__file__).parents[2] / "model" / "samples").glob("*.jpg"))
    with live_server(app) as url:
        client = triton.InferenceServerClient(url.removeprefix("http://"))
        image = triton.InferInput("image", [1], "BYTES")
        image.set_data_from_numpy(np.array([sample.read_bytes()], dtype=object))  # binary_data=True by default
        result = client.infer(
            "tesseract-ocr", [image], outputs=[triton.InferRequestedOutput("payment_details")],
            headers={"Authorization": f"Bearer {idp.mint(groups=[TESSERACT_GROUP])}"},
        )  # fmt: skip
        details = json.loads(result.as_numpy("payment_details")[0])
        assert details["document_type"] in {"bank_transfer", "invoice", "cash_receipt"}
        assert details["recipient_inn"]


def _bomb_request() -> dict[str, object]:
    from tests.hostile_documents import content_stream_bomb

    encoded = base64.b64encode(content_stream_bomb()).decode()
    image = {"name": "image", "datatype": "BYTES", "shape": [1], "parameters": {"content_type": "base64"}}
    return {"inputs": [{**image, "data": [encoded]}]}


@pytest.mark.parametrize("timeout_s", [60.0, 1.0], ids=["decoding-limit", "request-timeout"])
def test_the_receipt_module_stops_a_pdf_built_to_be_expensive(idp: TestIdentityProvider, timeout_s: float) -> None:
    """Within the request's timeout the sandbox's limits answer 400 naming the input; with a shorter timeout the
    decoding ends at it (504), and the slot is free at once rather than after the sandbox's 18 s."""
    models = [ModelDeclaration("tesseract-ocr", "tesseract", (TESSERACT_GROUP,))]
    app = runtime(idp, "model.inference", models, timeoutSeconds=timeout_s)
    headers = {"Authorization": f"Bearer {idp.mint(groups=[TESSERACT_GROUP])}"}
    with live_server(app) as url:
        started = time.monotonic()
        response = httpx.post(f"{url}/v2/models/tesseract-ocr/infer", json=_bomb_request(), headers=headers, timeout=60)
        if timeout_s > 20:
            assert response.status_code == 400
            assert response.json()["error"].startswith("inputs.image: decoding the file was stopped: it ")
            assert time.monotonic() - started < 20
        else:
            assert response.status_code == 504
            gauge = "module_runtime_requests_in_flight"
            assert f'{gauge}{{model_name="tesseract-ocr"}}' in httpx.get(f"{url}/metrics", timeout=5).text
            _wait_for_gauge(url, f'{gauge}{{model_name="tesseract-ocr"}}', 0)
            assert time.monotonic() - started < 5


def _wait_for_gauge(url: str, series: str, value: float) -> None:
    deadline = time.monotonic() + 20
    while True:
        lines = httpx.get(f"{url}/metrics", timeout=5).text.splitlines()
        if any(line.startswith(series + " ") and float(line.rsplit(" ", 1)[1]) == value for line in lines):
            return
        assert time.monotonic() < deadline, f"{series} never reached {value}"
        time.sleep(0.05)
