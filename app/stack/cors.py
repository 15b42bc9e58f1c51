"""The dev stack's CORS when it moved the web app: the API manifest lists the web app's origins on its usual port, so
the keycloak-js sample on another port would be refused by the runtime and the file service. The stack hands them a
copy of the manifests whose Api adds the moved origins; the committed manifests stay as they are."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from app.manifests import load_manifests
from app.manifests.loader import SUFFIXES


def manifests_allowing(manifests_dir: Path, origins: Sequence[str], folder: Path) -> Path:
    """``manifests_dir`` when its CORS already allows ``origins`` (or is off), else a copy in ``folder`` that does."""
    cors = load_manifests(manifests_dir).cors
    missing = [origin for origin in dict.fromkeys(origins) if cors is not None and origin not in cors.allow_origin]
    if not missing:
        return manifests_dir
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(manifests_dir, folder)
    for path in sorted(p for p in folder.glob("*") if p.suffix in SUFFIXES and p.is_file()):
        documents: list[Any] = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        apis = [doc for doc in documents if isinstance(doc, dict) and doc.get("kind") == "Api"]
        for api in apis:
            api["spec"]["restfulApi"]["cors"]["allowOrigin"].extend(missing)
        if apis:
            path.write_text(yaml.safe_dump_all(documents, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder
