"""Both storage backends behind one fixture, each on something real: a temporary folder and a SeaweedFS server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from seaweed import SeaweedS3
from storage_kit import new_bucket, s3_storage

from app.storage import LocalStorage, S3Storage, Storage


@pytest.fixture(params=["local", "s3"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    """An empty bucket of each backend."""
    made: Storage
    if request.param == "local":
        made = LocalStorage(tmp_path / "storage", new_bucket(), "test-signing-secret")
    else:
        made = s3_storage(request.getfixturevalue("seaweed"), new_bucket())
    made.ensure_bucket()
    yield made
    made.close()


@pytest.fixture
def make_s3(seaweed: SeaweedS3) -> Callable[..., S3Storage]:
    """S3 storages on the session's server: ``make_s3(bucket=..., secret_key=...)``."""

    def make(bucket: str | None = None, secret_key: str | None = None) -> S3Storage:
        return s3_storage(seaweed, bucket or new_bucket(), secret_key=secret_key)

    return make


@pytest.fixture
def s3(make_s3: Callable[..., S3Storage]) -> Iterator[S3Storage]:
    """An empty bucket on the session's SeaweedFS."""
    made = make_s3()
    made.ensure_bucket()
    yield made
    made.close()
