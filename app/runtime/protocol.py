"""The runtime's fixed answer shapes as typed models: their JSON Schema is the OpenAPI document's shared components.

What every runtime answers the same way whatever module it serves (the error, server and model metadata, versions,
statistics, readiness, a repository load request) is declared once here, as pydantic models, instead of as
hand-written JSON Schema; what depends on the module (each model's tensors, infer request and response) is built
from its docstring by ``app.runtime.openapi``.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import GenerateJsonSchema, models_json_schema

Datatype = Literal[
    "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES"
]
OIP_DATATYPES: tuple[str, ...] = get_args(Datatype)


class Error(BaseModel):
    """Every refusal: the HTTP status says what kind, ``error`` says what exactly."""

    error: str = Field(description="What went wrong, for a person to act on")


class ServerMetadata(BaseModel):
    name: str
    version: str
    extensions: list[str]


class TensorMetadata(BaseModel):
    name: str
    datatype: Datatype
    shape: list[int] = Field(description="-1 marks a variable size")
    parameters: dict[str, Any] = Field(default_factory=dict, description="content_type: base64 (files), json or str")


class ModelMetadata(BaseModel):
    name: str
    versions: list[str] = []
    platform: str
    inputs: list[TensorMetadata]
    outputs: list[TensorMetadata]
    parameters: list[TensorMetadata] = Field(
        default=[], description="Extension: the request parameters the model reads, with their types"
    )


class LoadedVersion(BaseModel):
    version: str
    serving: bool
    ready: bool
    model_key: str
    source: str
    loaded_at: str | None = Field(default=None, json_schema_extra={"format": "date-time"})
    load_seconds: float | None = None


class ModelVersions(BaseModel):
    """The loaded versions of a model and the one its name serves"""

    name: str
    serving: str
    versions: list[LoadedVersion]


class LoadParameters(BaseModel):
    model_config = ConfigDict(extra="forbid", protected_namespaces=())

    version: str = Field(min_length=1, max_length=128)
    source: str | None = Field(default=None, description="Weights: a path, a hub id or s3://bucket/prefix")
    model_key: str | None = None
    env: dict[str, str] | None = Field(default=None, description="The module's environment; absent or null: as it is")


class LoadRequest(BaseModel):
    parameters: LoadParameters


class LoadAnswer(BaseModel):
    """The version the model's name serves after a load"""

    name: str
    serving: str


class StatsWindow(BaseModel):
    calls: int
    errors: int
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    throughput_rps: float


class StatsMinute(BaseModel):
    start: int = Field(description="Unix time the minute starts")
    calls: int
    errors: int
    p50_ms: float | None = None
    p95_ms: float | None = None


class VersionCalls(BaseModel):
    version: str
    first_seen: float | None = Field(default=None, description="Unix time")
    last_seen: float | None = Field(default=None, description="Unix time")
    calls: int


class ModelStatistics(BaseModel):
    """Calls over the last 1, 5 and 60 minutes and the versions this model has served"""

    model_config = ConfigDict(protected_namespaces=())

    model_name: str
    model_version: str
    windows: dict[str, StatsWindow] = Field(description="Keys 1m, 5m and 60m")
    series: list[StatsMinute] = Field(description="The last 60 minutes, one entry per minute, oldest first")
    versions: list[VersionCalls]


class Readiness(BaseModel):
    ready: bool
    name: str | None = None
    error: str | None = Field(default=None, description="Why the model is not ready")
    models: dict[str, Any] | None = Field(default=None, description="Per model: ready and error")


SHARED_MODELS: tuple[type[BaseModel], ...] = (
    Error, ServerMetadata, TensorMetadata, ModelMetadata, ModelVersions, LoadRequest, LoadAnswer, ModelStatistics,
    Readiness,
)  # fmt: skip


class _OpenApiSchema(GenerateJsonSchema):
    """Property titles left out: they only repeat the property names in Swagger UI."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def shared_schemas() -> dict[str, Any]:
    """``components.schemas`` for the shapes above (and the models they nest), referenced as the document's own."""
    _, document = models_json_schema(
        [(model, "validation") for model in SHARED_MODELS],
        ref_template="#/components/schemas/{model}",
        union_format="primitive_type_array",
        schema_generator=_OpenApiSchema,
    )
    schemas: dict[str, Any] = document["$defs"]
    return schemas
