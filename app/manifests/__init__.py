"""The platform manifests in ``manifests/``: the one source of the module's models, CORS, auth rules and storage.

``load_manifests(folder)`` returns a frozen ``Manifests`` or raises ``ManifestError`` listing every problem with its
file and line; ``json_schemas()`` renders the JSON Schemas committed next to the manifests for editors.
"""

from app.manifests.loader import ManifestError, Manifests, Problem, load_manifests, module_manifest
from app.manifests.models import (
    KINDS,
    ApiManifest,
    ModelSpec,
    ModuleManifest,
    PipelineManifest,
    Resources,
    StorageManifest,
)
from app.manifests.project import UNNAMED_PROJECT, ProjectIdentity, project_identity
from app.manifests.schema import json_schemas, schema_file_name, write_json_schemas

__all__ = [
    "KINDS",
    "UNNAMED_PROJECT",
    "ApiManifest",
    "ManifestError",
    "Manifests",
    "ModelSpec",
    "ModuleManifest",
    "PipelineManifest",
    "Problem",
    "ProjectIdentity",
    "Resources",
    "StorageManifest",
    "json_schemas",
    "load_manifests",
    "module_manifest",
    "project_identity",
    "schema_file_name",
    "write_json_schemas",
]
