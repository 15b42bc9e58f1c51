"""The platform's manifests as pydantic models: the one definition behind validation and the JSON Schemas.

Keys are camelCase as the platform writes them (``modelKey``, ``allowOrigin``) and nothing else is accepted: an
unknown key is an error, not silently ignored, because a misspelt ``allowOrigins`` would otherwise switch CORS off.
Field docstrings become the JSON Schema descriptions that editors show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, field_validator
from pydantic.alias_generators import to_camel
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema


@dataclass(frozen=True)
class Matches:
    """A string that must match ``pattern`` in full; the error says what was expected instead of quoting a regex.

    The same pattern goes into the JSON Schema, so an editor flags what the loader refuses.
    """

    pattern: str
    expected: str

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["pattern"] = self.pattern
        return json_schema

    def _check(self, value: str) -> str:
        if not re.fullmatch(self.pattern, value):
            raise ValueError(f"{value!r} is not {self.expected}")
        return value


ResourceName = Annotated[
    str, Matches(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", "a URL-safe name (a-z, 0-9 and '-', at most 63)")
]
EnvName = Annotated[str, Matches(r"^[A-Za-z_][A-Za-z0-9_]*$", "an environment variable name")]
ExtraName = Annotated[str, Matches(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", "a Python extra's name (a-z, 0-9 and '-')")]
PythonModule = Annotated[
    str, Matches(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$", "a dotted Python module path")
]
Origin = Annotated[
    str,
    Matches(
        r"^https?://([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
        r"|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$",
        "an http(s) origin: scheme://host[:port] with no path, not even a trailing '/'",
    ),
]
GroupPath = Annotated[str, Matches(r"^(/[^/\s]+)+$", "a group path such as /team/group (it starts with '/')")]
ClientId = Annotated[str, Matches(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", "a client id such as end-users")]
HttpMethod = Literal["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
Prefix = Annotated[str, Matches(r"^([A-Za-z0-9._-]+/)+$", "an object key prefix such as uploads/ (ends with '/')")]

SOURCE_PATTERN = (
    r"^(builtin|\.{0,2}/.*|s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?"
    r"|[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*)$"
)
Source = Annotated[
    str,
    Matches(
        SOURCE_PATTERN,
        "a weights source: builtin, a local path (/… or ./…), a hub id (org/name) or s3://bucket/prefix",
    ),
]


class Strict(BaseModel):
    """Frozen, camelCase keys only, unknown keys refused."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=to_camel,
        validate_by_alias=True,
        validate_by_name=False,
        serialize_by_alias=True,
        use_attribute_docstrings=True,
        field_title_generator=lambda name, _: to_camel(name),
    )


class Metadata(Strict):
    name: ResourceName
    """Name of the object on the platform."""
    labels: dict[str, str] = {}
    """Free-form labels the platform copies onto what it creates."""


class Envelope(Strict):
    """What every manifest starts with, Kubernetes-style; each kind adds its ``kind`` and ``spec``."""

    api_version: Literal["platform.receipts/v1"]
    """The manifest format version."""
    metadata: Metadata


# Module ---------------------------------------------------------------------------------------------------------


class Image(Strict):
    repository: Annotated[
        str, Matches(r"^[a-z0-9][a-z0-9._-]*(:[0-9]+)?(/[a-z0-9][a-z0-9._-]*)+$", "an image repository without tag")
    ]
    """Registry and path of the image, without the tag."""
    tag: Annotated[str, Matches(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", "an image tag such as v0.1.0")]
    """Image tag; the release flow sets it to the git tag that triggered the release."""

    @property
    def reference(self) -> str:
        return f"{self.repository}:{self.tag}"


class Resources(Strict):
    cpu: float = Field(gt=0)
    """CPU cores (fractions allowed)."""
    memory: Annotated[str, Matches(r"^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti)$", "a memory size such as 512Mi or 2Gi")]
    """Memory with a binary unit: Ki, Mi, Gi or Ti."""
    gpu: int = Field(0, ge=0)
    """GPUs; 0 runs on CPU only."""


LanguageCode = Annotated[str, Matches(r"^[a-z]{2}$", "a two-letter language code such as ru")]


class ModelSpec(Strict):
    name: ResourceName
    """The name clients use: /v2/models/{name}/infer."""
    model_key: Annotated[str, Field(min_length=1)]
    """The key passed to the entrypoint's load() and inference(); one of its MODEL_KEYS when it declares them."""
    description: Annotated[str, Field(min_length=1)]
    """One line for people browsing the gallery."""
    description_translations: dict[LanguageCode, Annotated[str, Field(min_length=1)]] = {}
    """The description in other languages of the web app, by language code, e.g. ru."""
    source: Source = "builtin"
    """Where the weights come from: builtin (inside the image), a local path, a hub id or s3://bucket/prefix."""
    resources: Resources | None = None
    """Resources for this model; the module's defaults when absent."""
    env: dict[EnvName, str] = {}
    """Environment variables the model's process gets."""
    view: Literal["generic", "receipt"] = "generic"
    """The web app's result page: generic (the declared outputs as fields, tables and images, for any module) or
    receipt (payment details, checks and QR; app/web/receipt/, which a fork deletes)."""
    extras: tuple[ExtraName, ...] = ()
    """Opt-in Python extras of the module's package the model needs, which the release images leave out (a license,
    a size); its image is built with them (``--build-arg EXTRAS=…``) and deployed only where asked for."""


class Project(Strict):
    """Who the project is, where people and operators see it: everything optional, derived from ``metadata.name``
    when absent (``app.manifests.project`` reads it; README "The project's identity")."""

    display_name: str | None = Field(None, min_length=1, max_length=60)
    """What people read: the web app's header and page title, the API documents' title (default: metadata.name)."""
    display_name_translations: dict[LanguageCode, Annotated[str, Field(min_length=1, max_length=60)]] = {}
    """The display name in other languages of the web app, by language code, e.g. ru."""
    prefix: Annotated[str, Matches(r"^[a-z][a-z0-9_]{0,30}$", "a short identifier (a-z, 0-9 and '_')")] | None = None
    """Prefix of the names operators see: metrics (<prefix>_runtime_requests_total), the web app's session cookie
    (<prefix>_session) and its keys in shared stores (default: metadata.name with '_' for '-')."""
    realm: ResourceName | None = None
    """The identity provider's realm: issuers end in /realms/<realm>; the dev realm file must name it too
    (default: metadata.name)."""


class ModuleSpec(Strict):
    project: Project = Project()
    """The project's name and prefixes as people and operators see them; each is derived when absent."""
    image: Image
    """The container image the platform runs."""
    entrypoint: PythonModule
    """The Python module with inference(...) and, optionally, load(model_key), e.g. model.inference."""
    resources: Resources
    """Default resources of every model."""
    models: tuple[ModelSpec, ...] = Field(min_length=1)
    """The models this module serves, each under its own name."""


class ModuleManifest(Envelope):
    """The module the platform publishes: image, entrypoint and models."""

    kind: Literal["Module"]
    spec: ModuleSpec


# Api ------------------------------------------------------------------------------------------------------------


class Cors(Strict):
    enabled: bool
    """Answer CORS preflights and add the Access-Control-* headers: the runtime and the file service (which share the
    API's host) answer them with the values below, and so does the Kubernetes ingress rendered from the manifests."""
    allow_origin: tuple[Origin, ...] = ()
    """Browser origins allowed to call the API, e.g. https://gallery.example; no wildcard."""
    allow_methods: tuple[HttpMethod, ...] = ("GET", "POST", "DELETE")
    """Methods a browser may use; a preflight asking for another is refused. The default is what the runtime and
    the file service (DELETE /files/{id}) take."""
    allow_headers: tuple[Annotated[str, Matches(r"^[A-Za-z0-9-]+$", "a header name")], ...] = (
        "Authorization",
        "Content-Type",
        "Range",
        "X-Request-ID",
    )
    """Request headers a browser may send; a preflight asking for another is refused."""
    max_age: int = Field(600, ge=0)
    """Seconds a browser may cache a preflight answer (Access-Control-Max-Age)."""


class ModelAccess(Strict):
    groups: tuple[GroupPath, ...] = Field(min_length=1)
    """Identity-provider group paths (the token's groups claim); a member of any of them may call the model."""


class Auth(Strict):
    clients: tuple[ClientId, ...] = Field(min_length=1)
    """OAuth clients whose tokens are accepted (the token's azp)."""
    models: dict[ResourceName, ModelAccess]
    """Who may call each model of the module, by model name; every model needs an entry."""
    admins: ModelAccess | None = None
    """Who may load, switch and unload model versions (the repository extension); nobody when absent."""


class Limits(Strict):
    max_request_bytes: int = Field(gt=0)
    """Largest request body; larger ones get 413."""
    timeout_seconds: float = Field(gt=0)
    """Per-request inference timeout; 504 after it."""
    max_concurrency: int = Field(gt=0)
    """Inference calls running at once."""
    max_queue: int = Field(ge=0)
    """Requests waiting for a slot; more get 503."""


class RestfulApi(Strict):
    cors: Cors
    auth: Auth
    limits: Limits


class ApiSpec(Strict):
    restful_api: RestfulApi


class ApiManifest(Envelope):
    """How the module is exposed: CORS, who may call which model, request limits. The API is served at the root of
    its host; a path prefix would need every service and link to honour it, so there is none to declare."""

    kind: Literal["Api"]
    spec: ApiSpec


# Storage --------------------------------------------------------------------------------------------------------


class Prefixes(Strict):
    uploads: Prefix
    """Where uploaded documents go."""
    weights: Prefix
    """Where model weights are kept."""


class LifecycleRule(Strict):
    prefix: Prefix
    """Objects under this prefix (one of the declared prefixes or below it)."""
    expire_after_days: int = Field(gt=0)
    """Days after which the objects are deleted."""


MimeType = Annotated[
    str, Matches(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$", "a MIME type such as image/png")
]
DEFAULT_ACCEPT = ("image/jpeg", "image/png", "image/webp", "image/heic", "application/pdf", "image/tiff")


class StorageSpec(Strict):
    bucket: Annotated[
        str, Matches(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", "an S3 bucket name (3-63 of a-z, 0-9, '.', '-')")
    ]
    """The S3 bucket of the module."""
    prefixes: Prefixes
    lifecycle: tuple[LifecycleRule, ...] = ()
    """Expiry rules; objects under no rule are kept."""
    accept: tuple[MimeType, ...] = Field(default=DEFAULT_ACCEPT, min_length=1)
    """The types the file service stores, told from the bytes (``text/plain``: UTF-8 text); the module's FILE
    inputs' types, so a fork whose module reads text or another format declares them here."""


class StorageManifest(Envelope):
    """The object storage the module uses."""

    kind: Literal["Storage"]
    spec: StorageSpec


# Pipeline -------------------------------------------------------------------------------------------------------


class Step(Strict):
    name: ResourceName
    description: Annotated[str, Field(min_length=1)]
    """What the step does and why."""
    module: PythonModule | None = None
    """The code that does it."""
    backends: dict[str, PythonModule] = {}
    """For a step that differs by model key: the code per key."""


StageName = Literal["test", "build", "push", "deploy"]
STAGE_ORDER: tuple[StageName, ...] = ("test", "build", "push", "deploy")


class Stage(Strict):
    name: StageName
    description: Annotated[str, Field(min_length=1)]
    run: str | None = None
    """The command the stage runs, where it is a command in this repository."""


class Trigger(Strict):
    git_tag: str
    """Regular expression a pushed git tag must match to start a release; the tag becomes the image tag."""

    @field_validator("git_tag")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"{value!r} is not a regular expression ({exc})") from exc
        return value


class Release(Strict):
    trigger: Trigger
    stages: tuple[Stage, ...] = Field(min_length=1)
    """In order: test, build, push, deploy."""


class PipelineSpec(Strict):
    steps: tuple[Step, ...] = Field(min_length=1)
    """What the module does with one document, in order."""
    release: Release


class PipelineManifest(Envelope):
    """The module's processing steps and its release pipeline, as documentation the platform checks but does not run:
    the module's ``inference()`` runs the steps (validation checks their code exists and their backends are model
    keys), and the CI files run the stages (tests/deploy/test_ci.py holds them to this order)."""

    kind: Literal["Pipeline"]
    spec: PipelineSpec


Manifest = ModuleManifest | ApiManifest | StorageManifest | PipelineManifest
KINDS: dict[str, type[Manifest]] = {
    "Module": ModuleManifest,
    "Api": ApiManifest,
    "Storage": StorageManifest,
    "Pipeline": PipelineManifest,
}
