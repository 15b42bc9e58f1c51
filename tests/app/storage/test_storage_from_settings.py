"""Which backend the settings pick, and that picking one contacts nothing."""

from __future__ import annotations

from pathlib import Path

from manifests_kit import UPLOAD_DAYS, write_manifests

from app.manifests import load_manifests
from app.settings import Settings
from app.storage import Expiry, LocalStorage, S3Storage, storage_from_settings


def test_local_backend_is_the_default(tmp_path: Path) -> None:
    manifests = write_manifests(tmp_path / "manifests", bucket="scans")
    storage = storage_from_settings(Settings(storage_dir=tmp_path), load_manifests(manifests).bucket)
    assert isinstance(storage, LocalStorage)
    assert (storage.bucket, storage.base) == ("scans", tmp_path / "scans")
    assert not storage.base.exists()


def test_manifest_bucket_comes_with_its_lifecycle(tmp_path: Path) -> None:
    storage = load_manifests(write_manifests(tmp_path / "manifests")).storage.spec
    settings = Settings(storage_backend="s3", s3_endpoint="127.0.0.1:1")
    assert storage_from_settings(settings, storage.bucket, storage.lifecycle).expiry == (
        Expiry("uploads/", UPLOAD_DAYS),
    )
    assert storage_from_settings(settings, bucket="other-bucket").expiry == ()


def test_s3_backend_connects_lazily(tmp_path: Path) -> None:
    manifests = write_manifests(tmp_path / "manifests")
    settings = Settings(storage_backend="s3", s3_endpoint="127.0.0.1:1", manifests_dir=manifests)
    storage = storage_from_settings(settings, bucket="other-bucket")
    assert isinstance(storage, S3Storage)
    assert (storage.bucket, storage.endpoint) == ("other-bucket", "127.0.0.1:1")
