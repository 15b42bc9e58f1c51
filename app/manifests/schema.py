"""JSON Schemas of the manifests, generated from the pydantic models and committed as ``manifests/schema/*.json``.

Editors (yaml-language-server) validate a manifest through its first-line ``$schema`` comment, so the committed files
must match the models; a test regenerates them and fails when they differ.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.manifests.models import KINDS

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_file_name(kind: str) -> str:
    """``Module`` → ``module.schema.json``: the name the manifests' ``$schema`` comments point to."""
    return f"{kind.lower()}.schema.json"


def json_schemas() -> dict[str, str]:
    """File name → JSON text (two-space indent, trailing newline) for every manifest kind."""
    texts: dict[str, str] = {}
    for kind, model in KINDS.items():
        schema = {"$schema": JSON_SCHEMA_DIALECT, **model.model_json_schema(by_alias=True)}
        texts[schema_file_name(kind)] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts


def write_json_schemas(folder: Path) -> list[Path]:
    """Write the schemas into ``folder`` (created when missing); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in json_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
