"""OIP model metadata, the OpenAPI 3.1 document and the self-hosted Swagger UI page.

The document is checked three ways: against the OpenAPI 3.1 meta-schema schemathesis bundles, every schema in it
against the JSON Schema 2020-12 meta-schema, and by validating real module requests and responses against it. The
modules are the tests' own (echo_module, label_module), so a fork keeps these tests; the receipt module's document is
tests/model/test_receipt_openapi.py's.
"""

from __future__ import annotations

import base64
import copy
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

import echo_module
import jsonschema_rs
import label_module
import pytest
import schemathesis
from PIL import Image
from schemathesis.core.result import Err
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from app.runtime.openapi import model_metadata, openapi_document
from app.runtime.spec import ModuleSpec, module_spec
from app.runtime.tensors import prepare_json_request

MODEL_PATHS = ("", "/ready", "/stats", "/versions", "/infer", "/infer-file")


@pytest.fixture(scope="module")
def specs() -> dict[str, ModuleSpec]:
    return {"label": module_spec(label_module), "echo": module_spec(echo_module)}


@pytest.fixture(scope="module")
def document(specs: dict[str, ModuleSpec]) -> dict[str, Any]:
    return openapi_document(specs, title="Model runtime", version="1.2.3", server_url="http://127.0.0.1:8000")


def _validator(document: dict[str, Any], component: str) -> jsonschema_rs.Validator:
    """A validator for one component schema, with the document's components in reach of its $refs."""
    schema = {"$ref": f"#/components/schemas/{component}", "components": document["components"]}
    return jsonschema_rs.Draft202012Validator(schema)


def _schemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every JSON Schema object in the document: components and the schemas of media types and headers."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "schema" and isinstance(value, dict):
                yield value
            elif key == "schemas" and isinstance(value, dict):
                yield from value.values()
            else:
                yield from _schemas(value)
    elif isinstance(node, list):
        for item in node:
            yield from _schemas(item)


def _operation_labels(document: dict[str, Any]) -> set[str]:
    """``METHOD /path`` of every operation schemathesis resolves; an unresolvable one raises its error."""
    labels = set()
    for result in schemathesis.openapi.from_dict(document).get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        labels.add(result.ok().label)
    return labels


def _media(document: dict[str, Any], path: str, status: str | None = None) -> dict[str, Any]:
    operation = document["paths"][path]["post"]
    if status is None:
        content: dict[str, Any] = operation["requestBody"]["content"]
    else:
        content = operation["responses"][status]["content"]
    return next(iter(content.values()))


MONITORING_PATHS = {"/v2/monitoring/requests", "/v2/monitoring/publications", "/v2/monitoring/logs"}


# --- validity -------------------------------------------------------------------------------------------------------


def test_openapi_document_validates_as_openapi_31(document: dict[str, Any]) -> None:
    OPENAPI_31_VALIDATOR.validate(document)

    labels = _operation_labels(document)

    expected = {"GET /v2", "GET /v2/health/live", "GET /v2/health/ready"}
    expected |= {f"GET {path}" for path in MONITORING_PATHS}
    for name in ("label", "echo"):
        expected |= {f"GET /v2/models/{name}{suffix}" for suffix in ("", "/ready", "/stats", "/versions")}
        expected |= {f"POST /v2/models/{name}/infer", f"POST /v2/models/{name}/infer-file"}
        expected |= {f"POST /v2/repository/models/{name}/load"}
    assert labels == expected


def test_openapi_document_with_the_realm_sign_in_validates(specs: dict[str, ModuleSpec]) -> None:
    issuer = "http://127.0.0.1:8080/realms/receipts"
    with_login = openapi_document(specs, title="Model runtime", version="1", issuer_url=issuer)

    OPENAPI_31_VALIDATOR.validate(with_login)
    assert with_login["components"]["securitySchemes"]["realmLogin"]["type"] == "oauth2"


@pytest.mark.parametrize(
    "damage",
    [
        lambda doc: doc["paths"]["/v2"]["get"]["responses"]["200"].pop("description"),
        lambda doc: doc.update(openapi=3.1),
        lambda doc: doc["components"]["securitySchemes"]["bearerAuth"].update(type="token"),
        lambda doc: doc["paths"]["/v2/models/echo/infer"]["post"]["requestBody"].pop("content"),
    ],
)
def test_openapi_validator_rejects_damaged_document(document: dict[str, Any], damage: Callable[[Any], Any]) -> None:
    damaged = copy.deepcopy(document)
    damage(damaged)

    with pytest.raises(jsonschema_rs.ValidationError):
        OPENAPI_31_VALIDATOR.validate(damaged)


def test_openapi_schemas_are_valid_json_schema(document: dict[str, Any]) -> None:
    schemas = list(_schemas(document))

    assert len(schemas) > 30
    for schema in schemas:
        jsonschema_rs.meta.validate(schema)


def test_openapi_document_is_json(document: dict[str, Any]) -> None:
    assert json.loads(json.dumps(document, ensure_ascii=False)) == document


# --- structure ------------------------------------------------------------------------------------------------------


def test_openapi_document_has_paths_per_model(document: dict[str, Any]) -> None:
    paths = set(document["paths"])

    assert (
        paths
        == {"/v2", "/v2/health/live", "/v2/health/ready"}
        | {f"/v2/models/{name}{suffix}" for name in ("label", "echo") for suffix in MODEL_PATHS}
        | {f"/v2/repository/models/{name}/load" for name in ("label", "echo")}
        | MONITORING_PATHS
    )
    assert document["openapi"] == "3.1.0"
    assert document["info"]["version"] == "1.2.3"
    assert document["servers"] == [{"url": "http://127.0.0.1:8000"}]
    assert "/versions/VERSION/" in document["info"]["description"]


def test_openapi_document_secures_model_endpoints_only(document: dict[str, Any]) -> None:
    scheme = document["components"]["securitySchemes"]["bearerAuth"]
    operations = [(path, op) for path, item in document["paths"].items() for op in item.values()]

    assert (scheme["type"], scheme["scheme"], scheme["bearerFormat"]) == ("http", "bearer", "JWT")
    assert "security" not in document
    for path, operation in operations:
        secured = operation.get("security") == [{"bearerAuth": []}]
        assert secured == path.startswith(("/v2/models/", "/v2/repository/", "/v2/monitoring/")), path
        assert ("401" in operation["responses"]) == secured, path


def test_openapi_infer_uses_docstring(document: dict[str, Any], specs: dict[str, ModuleSpec]) -> None:
    for name, spec in specs.items():
        operation = document["paths"][f"/v2/models/{name}/infer"]["post"]
        assert operation["summary"] == spec.summary
        assert operation["tags"] == [name]
        assert set(operation["responses"]) == {"200", "400", "401", "403", "404", "413", "415", "503", "504"}
    tags = {tag["name"]: tag["description"] for tag in document["tags"]}
    assert tags["label"].startswith(specs["label"].summary)
    assert specs["label"].description in tags["label"]


def test_openapi_unavailable_response_has_retry_after(document: dict[str, Any]) -> None:
    responses = document["components"]["responses"]

    assert responses["Unavailable"]["headers"]["Retry-After"]["schema"] == {"type": "integer"}
    assert responses["BadRequest"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert document["components"]["schemas"]["Error"]["required"] == ["error"]


def test_openapi_input_tensor_schema_for_file(document: dict[str, Any]) -> None:
    schema = document["components"]["schemas"]["label.inputs.photo"]

    assert schema["properties"]["name"] == {"const": "photo"}
    assert schema["properties"]["datatype"] == {"const": "BYTES"}
    assert schema["properties"]["parameters"]["properties"]["content_type"] == {"enum": ["base64", "file_id"]}
    assert schema["properties"]["data"]["items"]["contentEncoding"] == "base64"
    assert schema["properties"]["data"]["maxItems"] == 1
    assert schema["description"] == "A photo to label (PNG or JPEG). Accepted: image/png, image/jpeg."


def test_openapi_request_parameters_are_typed(document: dict[str, Any]) -> None:
    label = document["components"]["schemas"]["label.InferRequest"]["properties"]["parameters"]["properties"]
    echo = document["components"]["schemas"]["echo.InferRequest"]["properties"]["parameters"]["properties"]

    assert {name: schema["type"] for name, schema in label.items()} == {
        "language": "string",
        "strict": "boolean",
        "threshold": "number",
    }
    assert echo["repeat"]["type"] == "integer"
    assert echo["repeat"]["description"].startswith("How many copies")


def test_openapi_infer_file_form(document: dict[str, Any]) -> None:
    media = _media(document, "/v2/models/label/infer-file")
    form = document["components"]["schemas"]["label.InferFileRequest"]

    assert media["schema"] == {"$ref": "#/components/schemas/label.InferFileRequest"}
    assert media["encoding"]["photo"]["contentType"] == "image/png, image/jpeg"
    assert form["properties"]["photo"]["contentMediaType"] == "application/octet-stream"
    assert form["required"] == ["photo"]
    assert form["properties"]["strict"]["type"] == "boolean"
    assert "encoding" not in _media(document, "/v2/models/echo/infer-file")


@pytest.mark.parametrize(
    ("form", "valid"),
    [
        ({"photo": "…", "outputs": "label,text"}, True),
        ({"photo": "…", "outputs": " text , label "}, True),
        ({"photo": "…", "strict": False, "language": "ru", "threshold": 0.2}, True),
        ({"photo": "…", "outputs": "label,nope"}, False),
        ({"photo": "…", "outputs": ""}, False),
        ({"photo": "…", "strict": "maybe"}, False),
        ({"photo": "…", "threshold": "high"}, False),
        ({"strict": True}, False),
    ],
)
def test_openapi_infer_file_form_schema(document: dict[str, Any], form: dict[str, Any], valid: bool) -> None:
    assert _validator(document, "label.InferFileRequest").is_valid(form) is valid


# --- examples and real traffic against the schemas ------------------------------------------------------------------


def test_openapi_examples_match_schemas(document: dict[str, Any]) -> None:
    request = _media(document, "/v2/models/label/infer")["example"]
    response = _media(document, "/v2/models/label/infer", "200")["example"]
    decoded = _media(document, "/v2/models/label/infer-file", "200")["example"]

    _validator(document, "label.InferRequest").validate(request)
    _validator(document, "label.InferResponse").validate(response)
    _validator(document, "label.InferFileResponse").validate(decoded)
    assert base64.b64decode(request["inputs"][0]["data"][0]).startswith(b"\x89PNG")
    assert request["parameters"] == {"language": "en", "strict": True, "threshold": 0.5}
    assert label_module.Label.model_validate(decoded["label"]).size.width == 4
    assert json.loads(response["outputs"][0]["data"][0]) == decoded["label"]


@pytest.mark.parametrize(
    ("field", "meaning"),
    [("shape", "wider than tall"), ("size", "before any scaling")],
)
def test_openapi_carries_the_modules_json_schema(document: dict[str, Any], field: str, meaning: str) -> None:
    """The module's schema reaches both forms of the answer: the OIP tensor's JSON text and infer-file's JSON."""
    tensor = document["components"]["schemas"]["label.outputs.label"]
    content_schema = tensor["properties"]["data"]["items"]["contentSchema"]
    decoded = document["components"]["schemas"]["label.InferFileResponse"]["properties"]["label"]
    for schema in (content_schema, decoded):
        assert meaning in schema["properties"][field]["description"]
        assert "$defs" not in json.dumps(schema)  # self-contained: a #/$defs/… ref would point into the document


def test_openapi_inlines_the_modules_nested_definitions(document: dict[str, Any]) -> None:
    decoded = document["components"]["schemas"]["label.InferFileResponse"]["properties"]["label"]
    assert decoded["properties"]["shape"]["enum"] == ["square", "wide", "tall"]
    assert decoded["properties"]["size"]["properties"]["width"]["type"] == "integer"


def test_openapi_echo_has_no_examples(document: dict[str, Any]) -> None:
    assert "example" not in _media(document, "/v2/models/echo/infer")
    assert "example" not in _media(document, "/v2/models/echo/infer", "200")


def _echo_request() -> dict[str, Any]:
    return {
        "id": "req-1",
        "parameters": {"repeat": 2},
        "inputs": [
            {"name": "text", "datatype": "BYTES", "shape": [1], "parameters": {"content_type": "str"}, "data": ["hi"]},
            {"name": "scale", "datatype": "FP64", "shape": [1], "data": [1.5]},
        ],
        "outputs": [{"name": "length"}, {"name": "result"}],
    }


def _damaged(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    request = _echo_request()
    change(request)
    return request


@pytest.mark.parametrize(
    ("request_body", "valid"),
    [
        (_echo_request(), True),
        (_damaged(lambda r: r.pop("outputs")), True),
        (_damaged(lambda r: r.pop("inputs")), False),
        (_damaged(lambda r: r["inputs"].pop()), False),
        (_damaged(lambda r: r["inputs"][1].update(datatype="FP32")), False),
        (_damaged(lambda r: r["inputs"][1].update(data=["1.5"])), False),
        (_damaged(lambda r: r["inputs"][0].update(name="txt")), False),
        (_damaged(lambda r: r["inputs"][0].update(shape=[1, 1])), False),
        (_damaged(lambda r: r["parameters"].update(repeat="2")), False),
        (_damaged(lambda r: r["outputs"].append({"name": "image"})), False),
    ],
)
def test_openapi_echo_request_schema(document: dict[str, Any], request_body: dict[str, Any], valid: bool) -> None:
    assert _validator(document, "echo.InferRequest").is_valid(request_body) is valid


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        (lambda tensor: None, True),
        (lambda tensor: tensor.update(parameters={"content_type": "str"}), False),
        (lambda tensor: tensor.pop("parameters"), False),
        (lambda tensor: tensor.update(data=["x"]), True),
        (lambda tensor: tensor.update(data=["x", "y"]), False),
    ],
)
def test_openapi_file_request_requires_base64_or_file_id(
    document: dict[str, Any], change: Callable[[dict[str, Any]], Any], valid: bool
) -> None:
    request = copy.deepcopy(_media(document, "/v2/models/label/infer")["example"])
    change(request["inputs"][0])

    assert _validator(document, "label.InferRequest").is_valid(request) is valid


def test_openapi_schemas_accept_real_echo_traffic(document: dict[str, Any]) -> None:
    request = _echo_request()
    outputs = echo_module.inference(
        [{"name": "repeat", "datatype": "INT64", "shape": [1], "data": [2]}], request["inputs"], [], "", None
    )
    response = {"model_name": "echo", "model_version": "1.2.3", "id": "req-1", "outputs": outputs}

    _validator(document, "echo.InferResponse").validate(response)
    decoded = {tensor["name"]: tensor["data"][0] for tensor in outputs}
    _validator(document, "echo.InferFileResponse").validate(decoded)
    assert not _validator(document, "echo.InferResponse").is_valid({**response, "model_name": "label"})


def test_openapi_schemas_accept_real_file_traffic(document: dict[str, Any], specs: dict[str, ModuleSpec]) -> None:
    picture = io.BytesIO()
    Image.new("RGB", (30, 40), "white").save(picture, "JPEG")
    photo = {"name": "photo", "datatype": "BYTES", "shape": [1], "parameters": {"content_type": "base64"},
             "data": [base64.b64encode(picture.getvalue()).decode()]}  # fmt: skip
    request = {"parameters": {"strict": False}, "inputs": [photo]}
    _validator(document, "label.InferRequest").validate(request)
    prepared = prepare_json_request(request, specs["label"])

    outputs = label_module.inference(prepared.parameters, prepared.inputs, prepared.outputs, "default")

    _validator(document, "label.InferResponse").validate({"model_name": "label", "outputs": outputs})
    decoded = {t["name"]: json.loads(t["data"][0]) if t["name"] == "label" else t["data"][0] for t in outputs}
    _validator(document, "label.InferFileResponse").validate(decoded)
    assert decoded == {"label": {"shape": "tall", "size": {"width": 30, "height": 40}}, "text": "tall 30x40"}


# --- model metadata -------------------------------------------------------------------------------------------------


def test_model_metadata_for_echo(specs: dict[str, ModuleSpec]) -> None:
    metadata = model_metadata(specs["echo"], "echo", ["1", "2"])

    assert metadata == {
        "name": "echo",
        "versions": ["1", "2"],
        "platform": "python",
        "inputs": [
            {"name": "text", "datatype": "BYTES", "shape": [-1], "parameters": {"content_type": "str"}},
            {"name": "scale", "datatype": "FP64", "shape": [-1]},
        ],
        "outputs": [
            {"name": "result", "datatype": "BYTES", "shape": [-1], "parameters": {"content_type": "str"}},
            {"name": "length", "datatype": "INT64", "shape": [-1]},
        ],
        "parameters": [{"name": "repeat", "datatype": "INT64", "shape": [1]}],
    }


def test_model_metadata_matches_schema_and_example(document: dict[str, Any], specs: dict[str, ModuleSpec]) -> None:
    metadata = model_metadata(specs["label"], "label", ["1.2.3"], platform="test-platform")
    example = document["paths"]["/v2/models/label"]["get"]["responses"]["200"]["content"]["application/json"]

    _validator(document, "ModelMetadata").validate(metadata)
    assert example["example"] == {**metadata, "platform": "python"}
    assert metadata["inputs"][0] == {"name": "photo", "datatype": "BYTES", "shape": [1],
                                     "parameters": {"content_type": "base64"}}  # fmt: skip
    assert [p["datatype"] for p in metadata["parameters"]] == ["BYTES", "BOOL", "FP64"]


@pytest.mark.parametrize("name", ["", "a/b", "with space", "-leading", "ünï"])
def test_openapi_document_rejects_model_name(specs: dict[str, ModuleSpec], name: str) -> None:
    with pytest.raises(ValueError, match="cannot appear in paths"):
        openapi_document({name: specs["echo"]}, title="t", version="1")
