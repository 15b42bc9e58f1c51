"""Object storage: one interface (``Storage``), an S3 backend and a local-folder backend, picked by the settings.

The file service keeps uploads in it; a model whose weights live at ``s3://bucket/prefix`` mirrors them into a
folder with ``download_prefix``. The bucket is the storage manifest's unless a caller names another.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.settings import StorageSettings
from app.storage.base import (
    ByteRange,
    Expiry,
    ObjectBody,
    ObjectInfo,
    ObjectNotFound,
    ObjectSummary,
    Readable,
    SizeLimitExceeded,
    Storage,
    StorageError,
    StorageUnavailable,
)
from app.storage.local import LocalStorage
from app.storage.mirror import MirrorResult, download_prefix, split_source
from app.storage.s3 import S3Storage

if TYPE_CHECKING:
    from app.manifests.models import LifecycleRule

__all__ = [
    "ByteRange",
    "Expiry",
    "LocalStorage",
    "MirrorResult",
    "ObjectBody",
    "ObjectInfo",
    "ObjectNotFound",
    "ObjectSummary",
    "Readable",
    "S3Storage",
    "SizeLimitExceeded",
    "Storage",
    "StorageError",
    "StorageUnavailable",
    "download_prefix",
    "split_source",
    "storage_from_settings",
]


def storage_from_settings(settings: StorageSettings, bucket: str, lifecycle: Sequence[LifecycleRule] = ()) -> Storage:
    """The configured backend for ``bucket`` (the storage manifest's), expiring objects as ``lifecycle`` says when
    the bucket is ensured. Connects lazily: nothing is contacted until the first call, so a service can start while
    storage is down."""
    expiry = tuple(Expiry(rule.prefix, rule.expire_after_days) for rule in lifecycle)
    if settings.storage_backend == "s3":
        return S3Storage(
            settings.s3_endpoint,
            bucket=bucket,
            access_key=settings.s3_access_key,
            secret_key=settings.s3_secret_key.get_secret_value(),
            region=settings.s3_region,
            secure=settings.s3_secure,
            public_url=settings.s3_public_url,
            expiry=expiry,
        )
    return LocalStorage(settings.storage_dir, bucket, settings.storage_signing_secret.get_secret_value(), expiry=expiry)
