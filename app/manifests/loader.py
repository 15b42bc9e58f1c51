"""Read a manifests folder into one frozen ``Manifests``, or fail with every problem as FILE:LINE: message.

The runtime, the CLI and the tests all go through ``load_manifests``, so a manifest the platform would refuse never
half-configures a service: all problems are collected and raised together.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from app.manifests import checks
from app.manifests.models import (
    KINDS,
    ApiManifest,
    Cors,
    Manifest,
    ModelSpec,
    ModuleManifest,
    PipelineManifest,
    Resources,
    StorageManifest,
)
from app.manifests.project import ProjectIdentity, identity_of
from app.manifests.yamlsource import DocPath, YamlSource, YamlSyntaxError, parse_yaml

SUFFIXES = (".yaml", ".yml")
_M = TypeVar("_M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None
    """1-based; None when the problem is with the folder rather than a line (a missing manifest)."""
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line is not None else f"{self.file}: {self.message}"


class ManifestError(Exception):
    """One or more manifests are wrong; ``problems`` lists each with its file and line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Manifests:
    module: ModuleManifest
    api: ApiManifest
    storage: StorageManifest
    pipeline: PipelineManifest
    files: dict[str, Path]
    """The file each kind was read from."""

    @property
    def models(self) -> tuple[ModelSpec, ...]:
        return self.module.spec.models

    def model(self, name: str) -> ModelSpec:
        """The model called ``name``; KeyError when the module has none."""
        for model in self.models:
            if model.name == name:
                return model
        raise KeyError(f"no model named {name!r}")

    @property
    def admin_groups(self) -> tuple[str, ...]:
        """Groups whose members may manage model versions; empty when the API manifest names none."""
        admins = self.api.spec.restful_api.auth.admins
        return admins.groups if admins is not None else ()

    def groups_for(self, model_name: str) -> tuple[str, ...]:
        """Group paths whose members may call the model; KeyError for a model the manifests do not declare."""
        return self.api.spec.restful_api.auth.models[self.model(model_name).name].groups

    def resources_for(self, model_name: str) -> Resources:
        return self.model(model_name).resources or self.module.spec.resources

    @property
    def cors(self) -> Cors | None:
        """The API's CORS policy, which both the runtime and the file service answer; None when CORS is disabled."""
        cors = self.api.spec.restful_api.cors
        return cors if cors.enabled else None

    @property
    def allowed_clients(self) -> tuple[str, ...]:
        return self.api.spec.restful_api.auth.clients

    @property
    def bucket(self) -> str:
        return self.storage.spec.bucket

    @property
    def project(self) -> ProjectIdentity:
        """The project's name, display name, images, realm and prefixes (``app.manifests.project``)."""
        return identity_of(self.module, self.storage)


def load_manifests(directory: Path) -> Manifests:
    """Load and cross-check the four manifests in ``directory`` (any file names, one of each kind)."""
    if not directory.is_dir():
        raise ManifestError([Problem(directory, None, "no such folder")])
    problems: list[Problem] = []
    sources: dict[str, tuple[Path, YamlSource]] = {}
    unclassified = False
    for path in sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file()):
        kind, source, found = _read(path)
        problems += found
        if kind is None or source is None:
            unclassified = True
        elif kind in sources:
            problems.append(Problem(path, source.line_of(("kind",)), f"a second {kind} manifest ({sources[kind][0]})"))
        else:
            sources[kind] = (path, source)
    if not unclassified:  # a file of unknown kind may be the missing one: its own problem says enough
        problems += (
            Problem(directory, None, f"no {kind} manifest (a .yaml file with kind: {kind})")
            for kind in KINDS
            if kind not in sources
        )
    manifests: dict[str, Manifest] = {}
    for kind, (path, source) in sources.items():
        try:
            manifests[kind] = KINDS[kind].model_validate(source.data)
        except ValidationError as exc:
            problems += (_problem(path, source, KINDS[kind], error) for error in _specific(exc))
    for finding in _findings(manifests):
        path, source = sources[finding.kind]
        problems.append(Problem(path, source.line_of(finding.path), finding.message))
    if problems:
        raise ManifestError(sorted(problems, key=lambda p: (str(p.file), p.line or 0)))
    return Manifests(
        module=_as(manifests["Module"], ModuleManifest),
        api=_as(manifests["Api"], ApiManifest),
        storage=_as(manifests["Storage"], StorageManifest),
        pipeline=_as(manifests["Pipeline"], PipelineManifest),
        files={kind: path for kind, (path, _) in sources.items()},
    )


def module_manifest(directory: Path) -> ModuleManifest:
    """Only the Module manifest, shape-checked but without importing its entrypoint or reading the others: what the
    CLI needs at every start to find the module's commands (``app.hooks``)."""
    return shape_checked(directory, ModuleManifest)


def shape_checked(directory: Path, cls: type[_M]) -> _M:
    """The one manifest of ``cls``'s kind in ``directory``, shape-checked only (no entrypoint import, no cross-file
    rules): for readers that need one fact cheaply, such as the project's name. ManifestError when absent or wrong."""
    kind = next(name for name, model in KINDS.items() if model is cls)
    problems: list[Problem] = []
    for path in sorted(p for p in directory.glob("*") if p.suffix in SUFFIXES and p.is_file()):
        found_kind, source, found = _read(path)
        if found_kind != kind or source is None:
            continue
        try:
            return cls.model_validate(source.data)
        except ValidationError as exc:
            problems += found + [_problem(path, source, cls, error) for error in _specific(exc)]
            raise ManifestError(problems) from exc
    raise ManifestError([Problem(directory, None, f"no {kind} manifest (a .yaml file with kind: {kind})")])


def _read(path: Path) -> tuple[str | None, YamlSource | None, list[Problem]]:
    """Parse one file: (its kind, its source, its problems); the kind is None when it cannot be told."""
    try:
        source = parse_yaml(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as exc:
        return None, None, [Problem(path, exc.line, exc.message)]
    except (OSError, UnicodeDecodeError) as exc:
        return None, None, [Problem(path, None, f"cannot be read ({exc})")]
    problems = [
        Problem(path, line, f"duplicate key {'.'.join(map(str, key_path))!r} (first on line {first})")
        for key_path, line, first in source.duplicates
    ]
    if not isinstance(source.data, dict):
        problems.append(Problem(path, 1, "a manifest is a mapping with apiVersion, kind, metadata and spec"))
        return None, source, problems
    kind = source.data.get("kind")
    if isinstance(kind, str) and kind in KINDS:
        return kind, source, problems
    got = "no kind" if kind is None else f"unknown kind {kind!r}"
    problems.append(Problem(path, source.line_of(("kind",)), f"{got}; expected one of {', '.join(KINDS)}"))
    return None, source, problems


def _findings(manifests: dict[str, Manifest]) -> Iterator[checks.Finding]:
    """Run every rule whose manifests are valid; rules over an invalid one would only repeat its problems."""
    module = manifests.get("Module")
    api = manifests.get("Api")
    storage = manifests.get("Storage")
    pipeline = manifests.get("Pipeline")
    model_keys: tuple[str, ...] | None = None
    if isinstance(module, ModuleManifest):
        model_keys, found = checks.entrypoint_model_keys(module)
        yield from found
        yield from checks.check_module(module, model_keys)
    if isinstance(api, ApiManifest):
        yield from checks.check_api(api)
    if isinstance(storage, StorageManifest):
        yield from checks.check_storage(storage)
    if isinstance(pipeline, PipelineManifest):
        yield from checks.check_pipeline(pipeline)
    if isinstance(module, ModuleManifest) and isinstance(storage, StorageManifest):
        yield from checks.check_module_storage(module, storage)
    if isinstance(module, ModuleManifest) and isinstance(api, ApiManifest):
        yield from checks.check_module_api(module, api)
    if isinstance(module, ModuleManifest) and isinstance(pipeline, PipelineManifest):
        yield from checks.check_module_pipeline(module, pipeline, model_keys)


def _as(manifest: Manifest, cls: type[_M]) -> _M:
    assert isinstance(manifest, cls)
    return manifest


def _specific(exc: ValidationError) -> list[ErrorDetails]:
    """Drop an error when another lies inside it: a list "too short" only because its one item was invalid."""
    errors = exc.errors(include_url=False)
    locs = [tuple(error["loc"]) for error in errors]
    return [
        error
        for error, loc in zip(errors, locs, strict=True)
        if not any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs)
    ]


def _problem(path: Path, source: YamlSource, model: type[BaseModel], error: ErrorDetails) -> Problem:
    loc: DocPath = tuple(error["loc"])
    line = source.line_of(loc)
    where = _dotted(loc)
    if error["type"] == "extra_forbidden":
        allowed = _keys_at(model, loc[:-1])
        hint = f" (expected one of: {', '.join(allowed)})" if allowed else ""
        return Problem(path, line, f"{where}: unknown key{hint}")
    if error["type"] == "missing":
        return Problem(path, line, f"{where}: required key missing")
    message = error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    if error["type"] != "value_error" and not isinstance(value, dict | list):
        message += f" (got {value!r})"
    return Problem(path, line, f"{where}: {message}")


def _dotted(loc: DocPath) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(document)"


def _keys_at(model: type[BaseModel], loc: Iterable[str | int]) -> list[str]:
    """The keys a mapping at ``loc`` accepts, by following the model's field types; [] when not a model there."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
    target = _model_in(current)
    return [field.alias or name for name, field in target.model_fields.items()] if target else []


def _step(annotation: Any, part: str | int) -> Any:
    model = _model_in(annotation)
    if model is not None and isinstance(part, str):
        for name, field in model.model_fields.items():
            if (field.alias or name) == part:
                return field.annotation
        return None
    args = typing.get_args(_unwrap(annotation))
    return args[0] if isinstance(part, int) and args else (args[-1] if args else None)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model an annotation stands for (``X``, ``X | None``), if any."""
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        models = [arg for arg in typing.get_args(annotation) if isinstance(arg, type) and issubclass(arg, BaseModel)]
        return models[0] if len(models) == 1 else None
    return None


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation
