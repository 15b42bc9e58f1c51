"""Sized Open Inference Protocol datatypes declared in a docstring (``:type outputs.score: FP32``): the metadata, the
OpenAPI document and every answer carry them, the values converted to the declared type, and a value the type cannot
hold is refused with its name (the caller's: 400; the module's own answer: 500). The module is the tests' own."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import numpy as np
import pytest
import sized_module
from auth_fixtures import TestIdentityProvider
from fastapi.testclient import TestClient
from runtime_kit import ECHO_GROUP, runtime

from app.runtime.datatypes import conform, element_schema
from app.runtime.openapi import openapi_document
from app.runtime.registry import ModelDeclaration
from app.runtime.spec import SpecError, module_spec, parse_module_spec


@pytest.fixture(scope="module")
def sized(idp: TestIdentityProvider) -> Iterator[TestClient]:
    app = runtime(idp, "sized_module", [ModelDeclaration("sized", "default", (ECHO_GROUP,))])
    with TestClient(app, headers={"Authorization": f"Bearer {idp.mint(groups=[ECHO_GROUP])}"}) as client:
        yield client


def _infer(client: TestClient, values: list[Any], **parameters: Any) -> Any:
    body = {"inputs": [{"name": "values", "datatype": "FP32", "shape": [len(values)], "data": values}]}
    return client.post("/v2/models/sized/infer", json=body | {"parameters": parameters})


def test_the_metadata_names_the_declared_datatypes(sized: TestClient) -> None:
    metadata = sized.get("/v2/models/sized").json()

    assert [(t["name"], t["datatype"]) for t in metadata["inputs"]] == [("values", "FP32")]
    assert [(t["name"], t["datatype"]) for t in metadata["parameters"]] == [("classes", "UINT8"), ("overflow", "BOOL")]
    outputs = [(t["name"], t["datatype"]) for t in metadata["outputs"]]
    assert outputs == [("score", "FP32"), ("label", "INT32"), ("small", "FP16"), ("positive", "BOOL")]


def test_the_answer_carries_each_output_in_its_declared_datatype(sized: TestClient) -> None:
    answer = _infer(sized, [1, 2.5, -7.25], classes=2)

    assert answer.status_code == 200, answer.text
    outputs = {tensor["name"]: tensor for tensor in answer.json()["outputs"]}
    assert {name: tensor["datatype"] for name, tensor in outputs.items()} == {
        "score": "FP32", "label": "INT32", "small": "FP16", "positive": "BOOL",
    }  # fmt: skip
    scores = outputs["score"]["data"]
    assert [np.float32(score) for score in scores] == [np.float32(value / 3) for value in (1, 2.5, -7.25)]
    assert '"data":[0.33333334,0.8333333,-2.4166667]' in answer.text  # FP32's digits, not FP64's 0.3333333333333333
    assert outputs["label"]["data"] == [1, 0, 1]
    assert outputs["small"]["data"] == [1.0, 2.5, -7.25]
    assert outputs["positive"]["data"] == [True, True, False]


def test_the_openapi_document_declares_and_validates_the_answer(sized: TestClient) -> None:
    document = openapi_document({"sized": module_spec(sized_module)}, title="t", version="1", server_url="http://x")
    schemas = document["components"]["schemas"]
    score, label = schemas["sized.outputs.score"], schemas["sized.outputs.label"]

    assert score["properties"]["datatype"] == {"const": "FP32"}
    assert score["properties"]["data"]["items"] == {"type": "number", "format": "float"}
    assert label["properties"]["data"]["items"] == {"type": "integer", "format": "int32"}
    response = {"$ref": "#/components/schemas/sized.InferResponse", "components": document["components"]}
    validator = jsonschema_rs.Draft202012Validator(response)
    answer = _infer(sized, [4.0]).json()
    assert validator.is_valid(answer), list(validator.iter_errors(answer))
    wrong = {**answer, "outputs": [{**answer["outputs"][0], "datatype": "FP64"}]}
    assert not validator.is_valid(wrong)


@pytest.mark.parametrize(
    ("values", "parameters", "message"),
    [
        ([1.0], {"classes": 256}, "parameters.classes must be an unsigned 8-bit integer, not 256"),
        ([1.0], {"classes": -1}, "parameters.classes must be an unsigned 8-bit integer, not -1"),
        ([1e39], {}, "inputs.values: each element must be a number within FP32's range (FP32), not 1e+39"),
    ],
)
def test_a_value_the_declared_type_cannot_hold_is_refused(
    sized: TestClient, values: list[Any], parameters: dict[str, Any], message: str
) -> None:
    answer = _infer(sized, values, **parameters)

    assert (answer.status_code, answer.json()) == (400, {"error": message})


def test_a_module_answering_outside_its_declared_type_is_named(sized: TestClient) -> None:
    answer = _infer(sized, [1.0], overflow=True)

    assert answer.status_code == 500
    assert answer.json()["error"] == (
        "the model's answer does not match its API: "
        "outputs.label: 1099511627776 is not a 32-bit integer (INT32), as the docstring declares"
    )


def test_an_example_the_declared_type_cannot_hold_is_a_lint_problem() -> None:
    with pytest.raises(SpecError) as caught:
        parse_module_spec(sized_module.inference, {"parameters.classes": 300, "outputs.score": 0.5})

    assert [problem.message for problem in caught.value.problems] == [
        "EXAMPLES['parameters.classes']: expected UINT8 (UINT8), got int 300"
    ]


@pytest.mark.parametrize(
    ("datatype", "value", "carried"),
    [
        ("FP32", 0.1, 0.1),
        ("FP32", 1 / 3, 0.33333334),
        ("FP16", 1 / 3, 0.3333),
        ("FP64", 1 / 3, 1 / 3),
        ("FP32", 2, 2.0),
        ("INT32", 3.0, 3),
        ("INT8", -128, -128),
        ("UINT64", 2**64 - 1, 2**64 - 1),
        ("BOOL", np.bool_(True), True),
        ("INT16", np.int64(7), 7),
    ],
)
def test_conform_carries_a_value_as_its_datatype(datatype: str, value: Any, carried: Any) -> None:
    got = conform(datatype, value)

    assert got == carried and type(got) is type(carried)


@pytest.mark.parametrize(
    ("datatype", "value"),
    [
        ("INT8", 128),
        ("UINT8", -1),
        ("INT32", 2.5),
        ("INT64", True),
        ("BOOL", 1),
        ("FP16", 70000.0),
        ("FP32", math.nan),
        ("FP64", math.inf),
        ("FP64", 10**400),
        ("INT32", "3"),
    ],
)
def test_conform_refuses_a_value_the_type_cannot_carry(datatype: str, value: Any) -> None:
    with pytest.raises(ValueError, match=rf"is not .* \({datatype}\)"):
        conform(datatype, value)


@pytest.mark.parametrize(
    ("datatype", "schema"),
    [
        ("INT64", {"type": "integer", "format": "int64"}),
        ("UINT8", {"type": "integer", "minimum": 0, "maximum": 255}),
        ("FP64", {"type": "number", "format": "double"}),
        ("FP16", {"type": "number", "minimum": -65504.0, "maximum": 65504.0}),
        ("BOOL", {"type": "boolean"}),
        ("BYTES", {"type": "string"}),
    ],
)
def test_each_datatype_has_the_json_schema_of_its_elements(datatype: str, schema: dict[str, Any]) -> None:
    assert element_schema(datatype) == schema
