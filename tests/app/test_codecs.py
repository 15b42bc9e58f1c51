"""The module authors' codecs: values out of the contract's tensors, tensors out of values."""

from __future__ import annotations

from typing import Any

import pytest

from app.codecs import encode_output, encode_outputs, read_input, read_parameters, requested_outputs


def test_read_parameters_unwraps_one_element_tensors() -> None:
    tensors = [
        {"name": "count", "datatype": "INT64", "shape": [1], "data": [3]},
        {"name": "flags", "datatype": "BOOL", "shape": [2], "data": [True, False]},
    ]

    assert read_parameters(tensors) == {"count": 3, "flags": [True, False]}
    assert read_parameters(None) == {}


def test_read_input_gives_the_elements_or_names_the_missing_input() -> None:
    inputs = [{"name": "picture", "datatype": "BYTES", "shape": [2], "data": [b"a", b"b"]}]

    assert read_input(inputs, "picture") == [b"a", b"b"]
    with pytest.raises(ValueError, match=r"inputs\.photo is missing"):
        read_input(inputs, "photo")


def test_requested_outputs_default_to_all_and_refuse_unknown_names() -> None:
    assert requested_outputs([], ("a", "b")) == ["a", "b"]
    assert requested_outputs([{"name": "b"}], ("a", "b")) == ["b"]
    with pytest.raises(ValueError, match="unknown output"):
        requested_outputs([{"name": "c"}], ("a", "b"))


@pytest.mark.parametrize(
    ("values", "datatype", "content_type", "data"),
    [
        ([True, False], "BOOL", None, [True, False]),
        ([3, 4], "INT64", None, [3, 4]),
        ([0.5], "FP64", None, [0.5]),
        (["#ff0000"], "BYTES", "str", ["#ff0000"]),
        ([b"\x00\x01"], "BYTES", None, [b"\x00\x01"]),
        ([{"hex": "#fff"}, [1, 2]], "BYTES", "json", ['{"hex": "#fff"}', "[1, 2]"]),
        ([{"name": "Ёлка"}], "BYTES", "json", ['{"name": "Ёлка"}']),
    ],
)
def test_encode_output_tells_the_datatype_from_the_values(
    values: list[Any], datatype: str, content_type: str | None, data: list[Any]
) -> None:
    tensor = encode_output("out", values)

    assert tensor["datatype"] == datatype and tensor["shape"] == [len(values)] and tensor["data"] == data
    assert tensor.get("parameters", {}).get("content_type") == content_type


@pytest.mark.parametrize("values", [[1, "a"], [object()], [1.5, True]])
def test_encode_output_refuses_mixed_or_unknown_values(values: list[Any]) -> None:
    with pytest.raises(TypeError):
        encode_output("out", values)


def test_encode_outputs_keeps_the_requested_order() -> None:
    tensors = encode_outputs(["b", "a"], {"a": [1], "b": ["x"]})

    assert [tensor["name"] for tensor in tensors] == ["b", "a"]
