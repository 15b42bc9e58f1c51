"""The receipt module's docstring as the platform reads it: its API, and the examples the parser refuses."""

from __future__ import annotations

from typing import Any

import pytest

import model.inference
from app.runtime.spec import SpecError, module_spec, parse_module_spec


def test_module_spec_reads_receipt_module() -> None:
    spec = module_spec(model.inference)

    assert spec.summary.startswith("Extract verified Russian payment details")
    assert "GOST R 56042-2014" in spec.description
    assert spec.input_names == ("image",)
    assert [tensor.name for tensor in spec.parameters] == ["backend", "preprocess", "budget_s"]
    assert spec.output_names == model.inference.OUTPUTS
    image = spec.input("image")
    assert (image.datatype, image.is_file, image.json) == ("BYTES", True, False)
    assert image.content_types == ("image/jpeg", "image/png", "image/webp", "image/heic", "application/pdf")
    assert image.description.endswith("one document per request.")
    assert image.max_files == 1  # the docstring declares one file: a request with more is refused
    assert [tensor.datatype for tensor in spec.parameters] == ["BYTES", "BOOL", "FP64"]
    assert [tensor.json for tensor in spec.outputs] == [True, True, False, True, True]
    assert spec.example(spec.output("payment_details"))["recipient_inn"] == "7707083893"


@pytest.mark.parametrize(
    ("examples", "fragment"),
    [
        ({"inputs.image": "not base64!"}, "valid base64"),
        ({"inputs.image": b"\xff\xd8"}, "its base64 text"),
        ({"outputs.payment_details": {1, 2}}, "JSON-serialisable"),
    ],
)
def test_parse_module_spec_rejects_receipt_example(examples: dict[str, Any], fragment: str) -> None:
    with pytest.raises(SpecError) as caught:
        parse_module_spec(model.inference.inference, examples)

    (problem,) = caught.value.problems

    assert fragment in problem.message
