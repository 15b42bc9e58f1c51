"""Manifests a test writes for itself, so that generic tests never read the repository's own ``manifests/`` and a
fork that replaces those keeps its tests (as datasette's ``make_app_client`` builds its own metadata).

    folder = write_manifests(tmp_path / "manifests", models={"echo": "default"})
    manifests = built_manifests(bucket="my-bucket")  # loaded, from a folder of their own
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from app.manifests import Manifests, load_manifests

API_VERSION = "platform.receipts/v1"
CLIENTS = ("end-users", "receipt-web")
DEFAULT_ENTRYPOINT = "plain_module"
"""tests/plain_module.py: importable wherever tests run, since tests/ is on their path."""
MODELS = {"reader": "default", "other": "default"}
ADMIN_GROUP = "/team/admins"
ORIGIN = "http://127.0.0.1:8002"
CORS: dict[str, Any] = {
    "enabled": True,
    "allowOrigin": [ORIGIN],
    "allowMethods": ["GET", "POST", "DELETE"],
    "allowHeaders": ["Authorization", "Content-Type", "Range", "X-Request-ID"],
    "maxAge": 321,
}
"""The API's CORS policy in the manifests written here; every value differs from the schema's default."""


UPLOAD_DAYS = 30
"""Days after which the storage manifest written here expires uploads."""


def group_of(model: str) -> str:
    """The group whose members may call ``model`` in the manifests written here."""
    return f"/team-{model}/{model}-users"


def manifest_set(
    *,
    entrypoint: str = DEFAULT_ENTRYPOINT,
    models: Mapping[str, str] = MODELS,
    name: str = "test-module",
    bucket: str = "test-bucket",
    gpu: Mapping[str, int] | None = None,
    steps: tuple[dict[str, Any], ...] = (),
    project: Mapping[str, Any] | None = None,
) -> dict[str, dict[str, Any]]:
    """The four manifests as data, by file name: ``models`` maps each model's name to its modelKey; ``project`` is
    the Module's ``spec.project`` (absent by default: every field derived from ``name``)."""
    envelope = {"apiVersion": API_VERSION, "metadata": {"name": name}}
    model_specs = []
    for model, key in models.items():
        spec: dict[str, Any] = {"name": model, "modelKey": key, "description": f"The {model} model."}
        if gpu and gpu.get(model):
            spec["resources"] = {"cpu": 1, "memory": "1Gi", "gpu": gpu[model]}
        model_specs.append(spec)
    module = {
        "image": {"repository": f"registry.test/team/{name}", "tag": "v0.1.0"},
        "entrypoint": entrypoint,
        "resources": {"cpu": 1, "memory": "512Mi", "gpu": 0},
        "models": model_specs,
    }
    if project is not None:
        module = {"project": dict(project), **module}
    api = {
        "restfulApi": {
            "cors": CORS,
            "auth": {
                "clients": list(CLIENTS),
                "models": {model: {"groups": [group_of(model)]} for model in models},
                "admins": {"groups": [ADMIN_GROUP]},
            },
            "limits": {"maxRequestBytes": 5 * 1024 * 1024, "timeoutSeconds": 30, "maxConcurrency": 2, "maxQueue": 4},
        }
    }
    storage = {
        "bucket": bucket,
        "prefixes": {"uploads": "uploads/", "weights": "weights/"},
        "lifecycle": [{"prefix": "uploads/", "expireAfterDays": UPLOAD_DAYS}],
    }
    stages = [{"name": stage, "description": f"The {stage} stage."} for stage in ("test", "build", "push", "deploy")]
    pipeline = {
        "steps": list(steps) or [{"name": "infer", "description": "The whole module.", "module": entrypoint}],
        "release": {"trigger": {"gitTag": r"^v[0-9]+\.[0-9]+\.[0-9]+$"}, "stages": stages},
    }
    kinds = {"module": ("Module", module), "api": ("Api", api), "storage": ("Storage", storage)}
    kinds["pipeline"] = ("Pipeline", pipeline)
    return {f"{file}.yaml": {**envelope, "kind": kind, "spec": spec} for file, (kind, spec) in kinds.items()}


def write_manifests(folder: Path, **options: Any) -> Path:
    """Write ``manifest_set(**options)`` into ``folder`` (created); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for file, data in manifest_set(**options).items():
        (folder / file).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def built_manifests(folder: Path | None = None, **options: Any) -> Manifests:
    """Manifests loaded as the services load them, written to ``folder`` (a fresh temporary one by default)."""
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="manifests-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return load_manifests(write_manifests(folder, **options))


def edit_once(path: Path, old: str, new: str) -> None:
    """Replace ``old``, which must occur exactly once in the file, so a test breaks the manifest it means to."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, anchor: str) -> int:
    """1-based line of the first occurrence of ``anchor``: where a problem must point."""
    text = path.read_text(encoding="utf-8")
    assert anchor in text, f"{anchor!r} not in {path.name}"
    return text[: text.index(anchor)].count("\n") + 1
