"""Weights from a model's manifest source: s3:// prefixes mirrored from a real S3 server before load()."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from auth_fixtures import TestIdentityProvider
from fastapi.testclient import TestClient
from runtime_kit import ECHO_GROUP, limits
from seaweed import SeaweedS3

from app.runtime.dataplane import RuntimeConfig
from app.runtime.registry import ModelDeclaration
from app.runtime.server import create_app
from app.runtime.weights import SOURCE_VARIABLE, model_environment, resolve_source
from app.settings import Settings
from app.storage import S3Storage, Storage

CHECKPOINT = {"config.json": '{"layers": 2}', "shards/model-00001.bin": "weights, part one"}


def _upload(storage: Storage, prefix: str) -> None:
    for name, text in CHECKPOINT.items():
        data = text.encode()
        storage.put_stream(f"{prefix}{name}", io.BytesIO(data), size_limit=len(data), content_type="text/plain",
                           metadata={})  # fmt: skip


@pytest.fixture
def bucket(seaweed: SeaweedS3) -> str:
    name = f"weights-{uuid.uuid4().hex[:16]}"
    storage = S3Storage(seaweed.endpoint, bucket=name, access_key=seaweed.access_key, secret_key=seaweed.secret_key)
    storage.ensure_bucket()
    _upload(storage, "weights/tiny/")
    storage.close()
    return name


def _runtime(idp: TestIdentityProvider, seaweed: SeaweedS3, weights_dir: Path, source: str) -> TestClient:
    settings = Settings(
        issuer_url=idp.issuer, manifests_dir=".", storage_backend="s3", s3_endpoint=seaweed.endpoint,
        s3_access_key=seaweed.access_key, s3_secret_key=seaweed.secret_key, weights_dir=weights_dir,
    )  # fmt: skip
    declaration = ModelDeclaration("tiny", "default", (ECHO_GROUP,), source, {"TINY_WEIGHTS": f"$({SOURCE_VARIABLE})"})
    config = RuntimeConfig(entrypoint="weights_module", models=[declaration], limits=limits(), allowed_clients=())
    return TestClient(create_app(settings, config))


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider() as provider:
        yield provider


def test_model_loads_weights_mirrored_from_s3(
    idp: TestIdentityProvider, seaweed: SeaweedS3, bucket: str, tmp_path: Path
) -> None:
    with _runtime(idp, seaweed, tmp_path, f"s3://{bucket}/weights/tiny") as client:
        assert client.get("/v2/health/ready").status_code == 200
        body = {"inputs": [{"name": "path", "datatype": "BYTES", "shape": [2], "data": list(CHECKPOINT)}]}
        headers = {"Authorization": f"Bearer {idp.mint(groups=[ECHO_GROUP])}"}
        response = client.post("/v2/models/tiny/infer", json=body, headers=headers)

    assert response.status_code == 200, response.text
    assert response.json()["outputs"][0]["data"] == list(CHECKPOINT.values())
    assert (tmp_path / bucket / "weights" / "tiny" / "shards" / "model-00001.bin").read_text() == "weights, part one"


def test_model_without_weights_in_s3_is_not_ready_and_says_why(
    idp: TestIdentityProvider, seaweed: SeaweedS3, bucket: str, tmp_path: Path
) -> None:
    with _runtime(idp, seaweed, tmp_path, f"s3://{bucket}/weights/missing") as client:
        ready = client.get("/v2/health/ready")

    assert ready.status_code == 503
    error = ready.json()["models"]["tiny"]["error"]
    assert error.startswith(f"fetching the weights from s3://{bucket}/weights/missing failed: FileNotFoundError")


def test_model_environment_expands_the_resolved_source() -> None:
    env = model_environment({"RECEIPT_QWEN_WEIGHTS": "$(MODEL_SOURCE)", "HF_HUB_OFFLINE": "1"}, "/weights/qwen")

    assert env == {"MODEL_SOURCE": "/weights/qwen", "RECEIPT_QWEN_WEIGHTS": "/weights/qwen", "HF_HUB_OFFLINE": "1"}


@pytest.mark.parametrize("source", ["builtin", "/models/qwen", "./weights", "Qwen/Qwen3-VL-8B-Instruct"])
def test_sources_other_than_s3_pass_through_untouched(source: str, tmp_path: Path) -> None:
    def no_storage(bucket: str) -> Storage:
        raise AssertionError(f"storage asked for {bucket}")

    assert resolve_source(source, tmp_path, no_storage) == source
