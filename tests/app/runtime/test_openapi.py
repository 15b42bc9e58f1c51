"""OIP model metadata, the OpenAPI 3.1 document and the self-hosted Swagger UI page.

The document is checked three ways: against the OpenAPI 3.1 meta-schema schemathesis bundles, every schema in it
against the JSON Schema 2020-12 meta-schema, and by validating real module requests and responses against it.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import echo_module
import jsonschema_rs
import pytest
import schemathesis
from schemathesis.core.result import Err
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

import model.inference
from app.runtime.openapi import (
    model_metadata,
    openapi_document,
)
from app.runtime.spec import ModuleSpec, module_spec
from model.schema import PaymentDetails

MODEL_PATHS = ("", "/ready", "/stats", "/versions", "/infer", "/infer-file")


@pytest.fixture(scope="module")
def specs() -> dict[str, ModuleSpec]:
    return {"receipt": module_spec(model.inference), "echo": module_spec(echo_module)}


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
    for name in ("receipt", "echo"):
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
        | {f"/v2/models/{name}{suffix}" for name in ("receipt", "echo") for suffix in MODEL_PATHS}
        | {f"/v2/repository/models/{name}/load" for name in ("receipt", "echo")}
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
    assert tags["receipt"].startswith(specs["receipt"].summary)
    assert specs["receipt"].description in tags["receipt"]


def test_openapi_unavailable_response_has_retry_after(document: dict[str, Any]) -> None:
    responses = document["components"]["responses"]

    assert responses["Unavailable"]["headers"]["Retry-After"]["schema"] == {"type": "integer"}
    assert responses["BadRequest"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert document["components"]["schemas"]["Error"]["required"] == ["error"]


def test_openapi_input_tensor_schema_for_file(document: dict[str, Any]) -> None:
    schema = document["components"]["schemas"]["receipt.inputs.image"]

    assert schema["properties"]["name"] == {"const": "image"}
    assert schema["properties"]["datatype"] == {"const": "BYTES"}
    assert schema["properties"]["parameters"]["properties"]["content_type"] == {"enum": ["base64", "file_id"]}
    assert schema["properties"]["data"]["items"]["contentEncoding"] == "base64"
    assert "image/heic" in schema["description"]
    assert schema["description"].startswith("Photo, scan or PDF")


def test_openapi_request_parameters_are_typed(document: dict[str, Any]) -> None:
    receipt = document["components"]["schemas"]["receipt.InferRequest"]["properties"]["parameters"]["properties"]
    echo = document["components"]["schemas"]["echo.InferRequest"]["properties"]["parameters"]["properties"]

    assert {name: schema["type"] for name, schema in receipt.items()} == {
        "backend": "string",
        "preprocess": "boolean",
        "budget_s": "number",
    }
    assert echo["repeat"]["type"] == "integer"
    assert echo["repeat"]["description"].startswith("How many copies")


def test_openapi_infer_file_form(document: dict[str, Any]) -> None:
    media = _media(document, "/v2/models/receipt/infer-file")
    form = document["components"]["schemas"]["receipt.InferFileRequest"]

    assert media["schema"] == {"$ref": "#/components/schemas/receipt.InferFileRequest"}
    assert media["encoding"]["image"]["contentType"] == "image/jpeg, image/png, image/webp, image/heic, application/pdf"
    assert form["properties"]["image"]["contentMediaType"] == "application/octet-stream"
    assert form["required"] == ["image"]
    assert form["properties"]["preprocess"]["type"] == "boolean"
    assert "encoding" not in _media(document, "/v2/models/echo/infer-file")


@pytest.mark.parametrize(
    ("form", "valid"),
    [
        ({"image": "…", "outputs": "payment_details,checks"}, True),
        ({"image": "…", "outputs": " payment_details , response "}, True),
        ({"image": "…", "preprocess": False, "backend": "tesseract"}, True),
        ({"image": "…", "outputs": "payment_details,nope"}, False),
        ({"image": "…", "outputs": ""}, False),
        ({"image": "…", "preprocess": "maybe"}, False),
        ({"preprocess": True}, False),
    ],
)
def test_openapi_infer_file_form_schema(document: dict[str, Any], form: dict[str, Any], valid: bool) -> None:
    assert _validator(document, "receipt.InferFileRequest").is_valid(form) is valid


# --- examples and real traffic against the schemas ------------------------------------------------------------------


def test_openapi_receipt_examples_match_schemas(document: dict[str, Any]) -> None:
    request = _media(document, "/v2/models/receipt/infer")["example"]
    response = _media(document, "/v2/models/receipt/infer", "200")["example"]
    decoded = _media(document, "/v2/models/receipt/infer-file", "200")["example"]

    _validator(document, "receipt.InferRequest").validate(request)
    _validator(document, "receipt.InferResponse").validate(response)
    _validator(document, "receipt.InferFileResponse").validate(decoded)
    assert base64.b64decode(request["inputs"][0]["data"][0]).startswith(b"\xff\xd8\xff")
    details = PaymentDetails.model_validate(decoded["payment_details"])
    assert (details.recipient_inn, details.bank_bic, details.amount) == ("7707083893", "044525225", "1234.50")
    assert json.loads(response["outputs"][0]["data"][0]) == decoded["payment_details"]


@pytest.mark.parametrize(
    ("field", "meaning"),
    [
        ("amount", "VAT included"),
        ("payment_date", "never a validity, due or print date"),
        ("recipient_name", "Who is paid"),
        ("recipient_kpp", "an individual entrepreneur has none"),
        ("fiscal_document_number", "leading zeros"),
    ],
)
def test_openapi_states_what_each_receipt_field_means(document: dict[str, Any], field: str, meaning: str) -> None:
    """The schema's descriptions reach both forms of the answer: the OIP tensor's JSON text and infer-file's JSON."""
    tensor = document["components"]["schemas"]["receipt.outputs.payment_details"]
    content_schema = tensor["properties"]["data"]["items"]["contentSchema"]
    decoded = document["components"]["schemas"]["receipt.InferFileResponse"]["properties"]["payment_details"]
    for schema in (content_schema, decoded):
        assert meaning in schema["properties"][field]["description"]
        assert "$defs" not in json.dumps(schema)  # self-contained: a #/$defs/… ref would point into the document


def test_openapi_states_the_trust_statuses(document: dict[str, Any]) -> None:
    checks = document["components"]["schemas"]["receipt.InferFileResponse"]["properties"]["checks"]
    check = checks["additionalProperties"]
    assert check["properties"]["status"]["enum"] == ["verified", "repaired", "invalid", "unverified"]
    assert "a rule that could have failed" in check["properties"]["status"]["description"]
    assert "rule" in check["properties"]


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
    ],
)
def test_openapi_receipt_request_requires_base64(
    document: dict[str, Any], change: Callable[[dict[str, Any]], Any], valid: bool
) -> None:
    request = copy.deepcopy(_media(document, "/v2/models/receipt/infer")["example"])
    change(request["inputs"][0])

    assert _validator(document, "receipt.InferRequest").is_valid(request) is valid


def test_openapi_schemas_accept_real_echo_traffic(document: dict[str, Any]) -> None:
    request = _echo_request()
    outputs = echo_module.inference(
        [{"name": "repeat", "datatype": "INT64", "shape": [1], "data": [2]}], request["inputs"], [], "", None
    )
    response = {"model_name": "echo", "model_version": "1.2.3", "id": "req-1", "outputs": outputs}

    _validator(document, "echo.InferResponse").validate(response)
    decoded = {tensor["name"]: tensor["data"][0] for tensor in outputs}
    _validator(document, "echo.InferFileResponse").validate(decoded)
    assert not _validator(document, "echo.InferResponse").is_valid({**response, "model_name": "receipt"})


def test_openapi_schemas_accept_real_receipt_traffic(document: dict[str, Any], samples: dict[Path, Any]) -> None:
    photo = next(iter(samples))
    image: dict[str, Any] = {
        "name": "image",
        "datatype": "BYTES",
        "shape": [1],
        "parameters": {"content_type": "base64"},
        "data": [base64.b64encode(photo.read_bytes()).decode()],
    }
    request = {"parameters": {"preprocess": False}, "inputs": [image]}
    _validator(document, "receipt.InferRequest").validate(request)
    parameters = [{"name": "preprocess", "datatype": "BOOL", "shape": [1], "data": [False]}]

    outputs = model.inference.inference(parameters, [image], [], "tesseract", model.inference.load("tesseract"))

    _validator(document, "receipt.InferResponse").validate({"model_name": "receipt", "outputs": outputs})
    decoded = {
        t["name"]: json.loads(t["data"][0]) if t["parameters"]["content_type"] == "json" else t["data"][0]
        for t in outputs
    }
    _validator(document, "receipt.InferFileResponse").validate(decoded)


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
    metadata = model_metadata(specs["receipt"], "receipt", ["1.2.3"], platform="receipt-extractor")
    example = document["paths"]["/v2/models/receipt"]["get"]["responses"]["200"]["content"]["application/json"]

    _validator(document, "ModelMetadata").validate(metadata)
    assert example["example"] == {**metadata, "platform": "python"}
    assert metadata["inputs"][0]["parameters"] == {"content_type": "base64"}
    assert [p["datatype"] for p in metadata["parameters"]] == ["BYTES", "BOOL", "FP64"]


@pytest.mark.parametrize("name", ["", "a/b", "with space", "-leading", "ünï"])
def test_openapi_document_rejects_model_name(specs: dict[str, ModuleSpec], name: str) -> None:
    with pytest.raises(ValueError, match="cannot appear in paths"):
        openapi_document({name: specs["echo"]}, title="t", version="1")


def test_openapi_states_where_each_value_was_read(document: dict[str, Any]) -> None:
    checks = document["components"]["schemas"]["receipt.InferFileResponse"]["properties"]["checks"]
    check = checks["additionalProperties"]["properties"]
    assert "uploaded image" in json.dumps(check["box"])
    assert "fraction of the page's width" in json.dumps(check["box"])
    assert "mean word confidence" in check["confidence"]["description"]
    assert "$defs" not in json.dumps(checks)
