"""Rules that span list items or files, run once every manifest has its shape.

Each rule yields ``Finding(kind, path, message)``: the manifest kind and the path of the offending node within it, so
the loader can name the file and line. The entrypoint is imported here, as the runtime will import it. The model keys
are the manifest's own; a module that wants them checked before its ``load()`` runs may list the keys it accepts in
an optional ``MODEL_KEYS`` tuple, and every modelKey is then checked against it.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from app.manifests.models import (
    STAGE_ORDER,
    ApiManifest,
    ModuleManifest,
    PipelineManifest,
    StorageManifest,
)
from app.manifests.yamlsource import DocPath
from app.runtime.spec import parse_module_spec


class Finding(NamedTuple):
    kind: str
    path: DocPath
    message: str


def duplicates(kind: str, items: Iterable[tuple[DocPath, str]], what: str) -> Iterator[Finding]:
    """Every repeat of a value, pointing at the repeat."""
    seen: set[str] = set()
    for path, value in items:
        if value in seen:
            yield Finding(kind, path, f"duplicate {what} {value!r}")
        seen.add(value)


def entrypoint_model_keys(module: ModuleManifest) -> tuple[tuple[str, ...] | None, list[Finding]]:
    """Import the entrypoint and read its optional MODEL_KEYS; None when it declares none or cannot be imported."""
    name = module.spec.entrypoint
    path: DocPath = ("spec", "entrypoint")
    try:
        entry = importlib.import_module(name)
    except Exception as exc:  # the module's own import may fail in any way; the manifest must say which
        return None, [Finding("Module", path, f"cannot import entrypoint {name!r} ({type(exc).__name__}: {exc})")]
    findings = []
    if not callable(getattr(entry, "inference", None)):
        findings.append(Finding("Module", path, f"entrypoint {name!r} has no function inference()"))
    if not hasattr(entry, "MODEL_KEYS"):
        return None, findings
    keys = entry.MODEL_KEYS
    if not isinstance(keys, tuple | list) or not all(isinstance(key, str) for key in keys):
        findings.append(Finding("Module", path, f"{name}.MODEL_KEYS must be a tuple of strings, not {keys!r}"))
        return None, findings
    return tuple(keys), findings


def check_module(module: ModuleManifest, model_keys: tuple[str, ...] | None) -> Iterator[Finding]:
    models = module.spec.models
    yield from duplicates("Module", ((("spec", "models", i, "name"), m.name) for i, m in enumerate(models)), "model")
    if model_keys is None:
        return
    for index, model in enumerate(models):
        if model.model_key not in model_keys:
            yield Finding(
                "Module",
                ("spec", "models", index, "modelKey"),
                f"unknown modelKey {model.model_key!r}; {module.spec.entrypoint} accepts {', '.join(model_keys)}",
            )


def check_module_storage(module: ModuleManifest, storage: StorageManifest) -> Iterator[Finding]:
    """Every MIME type a FILE input of the entrypoint declares is one the file service stores (``accept``): else the
    web app's uploads of it are refused before the model sees them. A docstring the runtime cannot read is left to
    the runtime's own report."""
    try:
        spec = parse_module_spec(importlib.import_module(module.spec.entrypoint).inference)
    except Exception:  # an import or docstring problem: the entrypoint's check and the runtime name it
        return
    for tensor in spec.inputs:
        refused = [kind for kind in tensor.content_types if kind not in storage.spec.accept]
        if tensor.is_file and refused:
            yield Finding(
                "Storage",
                ("spec", "accept"),
                f"{module.spec.entrypoint} inputs.{tensor.name} takes {', '.join(refused)}, which the file service "
                "would refuse; add them to accept",
            )


def check_api(api: ApiManifest) -> Iterator[Finding]:
    rest = api.spec.restful_api
    base: DocPath = ("spec", "restfulApi")
    origins = rest.cors.allow_origin
    if rest.cors.enabled and not origins:
        yield Finding("Api", (*base, "cors", "allowOrigin"), "CORS is enabled but allowOrigin lists no origin")
    yield from duplicates("Api", (((*base, "cors", "allowOrigin", i), o) for i, o in enumerate(origins)), "origin")
    clients = rest.auth.clients
    yield from duplicates("Api", (((*base, "auth", "clients", i), c) for i, c in enumerate(clients)), "client")


def check_storage(storage: StorageManifest) -> Iterator[Finding]:
    spec = storage.spec
    declared = {"uploads": spec.prefixes.uploads, "weights": spec.prefixes.weights}
    for name, prefix in declared.items():
        for other_name, other in declared.items():
            if name != other_name and prefix.startswith(other):
                yield Finding("Storage", ("spec", "prefixes", name), f"{name} {prefix!r} lies inside {other_name}")
    for index, rule in enumerate(spec.lifecycle):
        if not any(rule.prefix.startswith(prefix) for prefix in declared.values()):
            yield Finding(
                "Storage",
                ("spec", "lifecycle", index, "prefix"),
                f"lifecycle prefix {rule.prefix!r} is under none of the declared prefixes "
                f"({', '.join(declared.values())})",
            )


def check_pipeline(pipeline: PipelineManifest) -> Iterator[Finding]:
    steps = pipeline.spec.steps
    yield from duplicates("Pipeline", ((("spec", "steps", i, "name"), s.name) for i, s in enumerate(steps)), "step")
    for index, step in enumerate(steps):
        code: list[tuple[DocPath, str]] = [(("spec", "steps", index, "module"), step.module)] if step.module else []
        code += [(("spec", "steps", index, "backends", key), name) for key, name in step.backends.items()]
        for path, name in code:
            if not _module_exists(name):
                yield Finding("Pipeline", path, f"no Python module {name!r}")
    stages = pipeline.spec.release.stages
    yield from duplicates(
        "Pipeline", ((("spec", "release", "stages", i, "name"), s.name) for i, s in enumerate(stages)), "stage"
    )
    order = [STAGE_ORDER.index(stage.name) for stage in stages]
    for index in range(1, len(stages)):
        if order[index] < order[index - 1]:
            yield Finding(
                "Pipeline",
                ("spec", "release", "stages", index, "name"),
                f"stage {stages[index].name!r} comes after {stages[index - 1].name!r}; "
                f"the order is {' → '.join(STAGE_ORDER)}",
            )


def check_module_api(module: ModuleManifest, api: ApiManifest) -> Iterator[Finding]:
    """Access rules and models must name the same set: a model without a rule would be open or unreachable."""
    names = [model.name for model in module.spec.models]
    rules = api.spec.restful_api.auth.models
    for name in rules:
        if name not in names:
            yield Finding(
                "Api",
                ("spec", "restfulApi", "auth", "models", name),
                f"model {name!r} is not in the module (its models: {', '.join(names)})",
            )
    for index, name in enumerate(names):
        if name not in rules:
            yield Finding(
                "Module",
                ("spec", "models", index, "name"),
                f"model {name!r} has no access rule in the Api manifest (spec.restfulApi.auth.models)",
            )


def check_module_pipeline(
    module: ModuleManifest, pipeline: PipelineManifest, model_keys: tuple[str, ...] | None
) -> Iterator[Finding]:
    pattern = pipeline.spec.release.trigger.git_tag
    tag = module.spec.image.tag
    if not re.fullmatch(pattern, tag):
        yield Finding(
            "Module",
            ("spec", "image", "tag"),
            f"image tag {tag!r} does not match the release trigger {pattern!r}, which sets it",
        )
    if model_keys is None:
        return
    for index, step in enumerate(pipeline.spec.steps):
        for key in step.backends:
            if key not in model_keys:
                yield Finding(
                    "Pipeline",
                    ("spec", "steps", index, "backends", key),
                    f"unknown model key {key!r}; {module.spec.entrypoint} accepts {', '.join(model_keys)}",
                )


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
