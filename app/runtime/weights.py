"""A model's weights and environment before its ``load()``: what the platform does when it starts a model's container.

The module manifest gives each model a weights ``source`` and ``env``. A ``s3://bucket/prefix`` source is mirrored
from object storage (``app.storage.download_prefix``: kept between starts, only changed files fetched, digests
checked) into a folder of the runtime; any other source (builtin, a local path, a hub id) is passed on as written.
The model learns where its weights are the Kubernetes way: ``$(MODEL_SOURCE)`` in an ``env`` value is replaced by the
resolved source, so ``RECEIPT_QWEN_WEIGHTS: $(MODEL_SOURCE)`` hands the Qwen backend the mirrored folder without the
runtime knowing the module's variable names. The variables are set while the model's ``load()`` runs.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from app.storage import Storage, download_prefix, split_source

LOG = logging.getLogger(__name__)
SOURCE_VARIABLE = "MODEL_SOURCE"
"""Set for every model to its resolved source, and expanded as ``$(MODEL_SOURCE)`` in its ``env`` values."""

_ENVIRON_LOCK = threading.Lock()
StorageFor = Callable[[str], Storage]
"""The storage of a bucket, from the settings (``app.storage.storage_from_settings``)."""


def resolve_source(source: str, weights_dir: Path, storage_for: StorageFor) -> str:
    """Where the model reads its weights: the mirrored folder for ``s3://``, else ``source`` itself."""
    if not source.startswith("s3://"):
        return source
    bucket, prefix = split_source(source)
    assert bucket is not None  # split_source found an s3:// URL
    target = weights_dir / bucket / prefix
    storage = storage_for(bucket)
    try:
        mirrored = download_prefix(storage, source, target)
    finally:
        storage.close()
    LOG.info(
        "weights %s → %s: %d fetched (%d bytes), %d already there",
        source, target, mirrored.downloaded, mirrored.downloaded_bytes, mirrored.skipped,
    )  # fmt: skip
    return str(target)


def model_environment(env: Mapping[str, str], resolved_source: str) -> dict[str, str]:
    """The variables a model gets: its manifest ``env`` with ``$(MODEL_SOURCE)`` expanded, plus MODEL_SOURCE."""
    expanded = {name: value.replace(f"$({SOURCE_VARIABLE})", resolved_source) for name, value in env.items()}
    return {SOURCE_VARIABLE: resolved_source, **expanded}


def prepare_model(source: str, env: Mapping[str, str], weights_dir: Path, storage_for: StorageFor) -> dict[str, str]:
    """Fetch the weights; the variables the model's ``load()`` must see (``environment``)."""
    return model_environment(env, resolve_source(source, weights_dir, storage_for))


@contextmanager
def environment(variables: Mapping[str, str]) -> Iterator[None]:
    """``variables`` set in this process while the block runs, as a container would start the model with them.

    Several models share one process, so each sees its own variables only during its ``load()``; one load at a time
    (a lock), as ``os.environ`` is process-wide.
    """
    with _ENVIRON_LOCK:
        saved = {name: os.environ.get(name) for name in variables}
        os.environ.update(variables)
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
