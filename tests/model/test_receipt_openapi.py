"""The receipt module as the runtime's OpenAPI document publishes it: its photo input, parameters, examples, the
meaning of every payment field, and real receipt traffic validated against the schemas. (The document's generic
shape is tested with modules of the tests' own, tests/app/runtime/test_openapi.py.)"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

import model.inference
from app.runtime.openapi import model_metadata, openapi_document
from app.runtime.spec import ModuleSpec, module_spec
from model.schema import PaymentDetails


@pytest.fixture(scope="module")
def spec() -> ModuleSpec:
    return module_spec(model.inference)


@pytest.fixture(scope="module")
def document(spec: ModuleSpec) -> dict[str, Any]:
    return openapi_document({"receipt": spec}, title="Receipts", version="1.2.3")


def _validator(document: dict[str, Any], component: str) -> jsonschema_rs.Validator:
    schema = {"$ref": f"#/components/schemas/{component}", "components": document["components"]}
    return jsonschema_rs.Draft202012Validator(schema)


def _media(document: dict[str, Any], path: str, status: str | None = None) -> dict[str, Any]:
    operation = document["paths"][path]["post"]
    content = operation["requestBody"]["content"] if status is None else operation["responses"][status]["content"]
    return dict(next(iter(content.values())))


def test_receipt_tag_reads_the_docstring(document: dict[str, Any], spec: ModuleSpec) -> None:
    tags = {tag["name"]: tag["description"] for tag in document["tags"]}
    assert tags["receipt"].startswith(spec.summary)
    assert spec.description in tags["receipt"]


def test_receipt_photo_input_schema(document: dict[str, Any]) -> None:
    schema = document["components"]["schemas"]["receipt.inputs.image"]

    assert schema["properties"]["parameters"]["properties"]["content_type"] == {"enum": ["base64", "file_id"]}
    assert "image/heic" in schema["description"]
    assert schema["description"].startswith("Photo, scan or PDF")


def test_receipt_parameters_are_typed(document: dict[str, Any]) -> None:
    receipt = document["components"]["schemas"]["receipt.InferRequest"]["properties"]["parameters"]["properties"]

    assert {name: schema["type"] for name, schema in receipt.items()} == {
        "backend": "string",
        "preprocess": "boolean",
        "budget_s": "number",
    }


def test_receipt_infer_file_form(document: dict[str, Any]) -> None:
    media = _media(document, "/v2/models/receipt/infer-file")
    form = document["components"]["schemas"]["receipt.InferFileRequest"]

    assert media["encoding"]["image"]["contentType"] == "image/jpeg, image/png, image/webp, image/heic, application/pdf"
    assert form["required"] == ["image"]
    assert form["properties"]["preprocess"]["type"] == "boolean"


@pytest.mark.parametrize(
    ("form", "valid"),
    [
        ({"image": "…", "outputs": "payment_details,checks"}, True),
        ({"image": "…", "outputs": " payment_details , response "}, True),
        ({"image": "…", "preprocess": False, "backend": "tesseract"}, True),
        ({"image": "…", "outputs": "payment_details,nope"}, False),
        ({"image": "…", "preprocess": "maybe"}, False),
    ],
)
def test_receipt_infer_file_form_schema(document: dict[str, Any], form: dict[str, Any], valid: bool) -> None:
    assert _validator(document, "receipt.InferFileRequest").is_valid(form) is valid


def test_receipt_examples_match_schemas(document: dict[str, Any]) -> None:
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
def test_receipt_document_states_what_each_field_means(document: dict[str, Any], field: str, meaning: str) -> None:
    """The schema's descriptions reach both forms of the answer: the OIP tensor's JSON text and infer-file's JSON."""
    tensor = document["components"]["schemas"]["receipt.outputs.payment_details"]
    content_schema = tensor["properties"]["data"]["items"]["contentSchema"]
    decoded = document["components"]["schemas"]["receipt.InferFileResponse"]["properties"]["payment_details"]
    for schema in (content_schema, decoded):
        assert meaning in schema["properties"][field]["description"]
        assert "$defs" not in json.dumps(schema)


def test_receipt_document_states_the_trust_statuses(document: dict[str, Any]) -> None:
    checks = document["components"]["schemas"]["receipt.InferFileResponse"]["properties"]["checks"]
    check = checks["additionalProperties"]
    assert check["properties"]["status"]["enum"] == ["verified", "repaired", "invalid", "unverified"]
    assert "a rule that could have failed" in check["properties"]["status"]["description"]
    assert "rule" in check["properties"]


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        (lambda tensor: None, True),
        (lambda tensor: tensor.update(parameters={"content_type": "str"}), False),
        (lambda tensor: tensor.pop("parameters"), False),
        (lambda tensor: tensor.update(data=["x"]), True),
    ],
)
def test_receipt_request_requires_base64(
    document: dict[str, Any], change: Callable[[dict[str, Any]], Any], valid: bool
) -> None:
    request = copy.deepcopy(_media(document, "/v2/models/receipt/infer")["example"])
    change(request["inputs"][0])

    assert _validator(document, "receipt.InferRequest").is_valid(request) is valid


def test_receipt_schemas_accept_real_receipt_traffic(document: dict[str, Any], samples: dict[Path, Any]) -> None:
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


def test_receipt_metadata_matches_schema_and_example(document: dict[str, Any], spec: ModuleSpec) -> None:
    metadata = model_metadata(spec, "receipt", ["1.2.3"], platform="receipt-extractor")
    example = document["paths"]["/v2/models/receipt"]["get"]["responses"]["200"]["content"]["application/json"]

    _validator(document, "ModelMetadata").validate(metadata)
    assert example["example"] == {**metadata, "platform": "python"}
    assert metadata["inputs"][0]["parameters"] == {"content_type": "base64"}
    assert [p["datatype"] for p in metadata["parameters"]] == ["BYTES", "BOOL", "FP64"]


def test_receipt_document_states_where_each_value_was_read(document: dict[str, Any]) -> None:
    checks = document["components"]["schemas"]["receipt.InferFileResponse"]["properties"]["checks"]
    check = checks["additionalProperties"]["properties"]
    assert "uploaded image" in json.dumps(check["box"])
    assert "fraction of the page's width" in json.dumps(check["box"])
    assert "mean word confidence" in check["confidence"]["description"]
    assert "$defs" not in json.dumps(checks)


def test_receipt_document_states_why_nothing_was_read(document: dict[str, Any]) -> None:
    """A statement's (an account's operations, a loan's debt) empty answer says why, in a closed list a client can
    word for a person; both forms of the answer (the OIP tensor's JSON text and infer-file's JSON) carry it, and the
    field is optional (older answers)."""
    tensor = document["components"]["schemas"]["receipt.outputs.quality"]
    content_schema = tensor["properties"]["data"]["items"]["contentSchema"]
    decoded = document["components"]["schemas"]["receipt.InferFileResponse"]["properties"]["quality"]
    for schema in (content_schema, decoded):
        reason = schema["properties"]["unread_reason"]
        assert "unread_reason" not in schema.get("required", [])
        enums = [option["enum"] for option in reason["anyOf"] if "enum" in option]
        assert enums == [["statement", "retake", "deadline", "no_payment_details"]]
        assert "statement of an account's operations, of a loan's debt" in reason["description"]
    assert "unread_reason" in tensor["description"] and "statement of an account's operations" in tensor["description"]
