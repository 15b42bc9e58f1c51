"""The docstring → ModuleSpec parser and its lint, on the echo module and small inline docstrings (the receipt
module's own spec is tested with it, in tests/model/test_inference_spec.py).

Lint cases find their expected line by searching this file's text for the offending docstring line, so the test
does not share the parser's arithmetic.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import echo_module
import pytest

from app.runtime.spec import (
    ModuleSpec,
    SpecError,
    SpecProblem,
    TensorSpec,
    module_spec,
    parse_module_spec,
    split_name,
)

THIS_FILE = Path(__file__).resolve()
SOURCE_LINES = THIS_FILE.read_text(encoding="utf-8").splitlines()


def _line_of(text: str) -> int:
    """The 1-based line of this file holding ``text``, which must be unique here."""
    rows = [number for number, line in enumerate(SOURCE_LINES, start=1) if text in line]
    assert len(rows) == 2, f"{text!r} must appear once in a docstring and once in a case table: {rows}"
    return rows[0]


def _problems(function: Callable[..., Any], examples: dict[str, Any] | None = None) -> tuple[SpecProblem, ...]:
    with pytest.raises(SpecError) as caught:
        parse_module_spec(function, examples)
    return caught.value.problems


# --- a real module ------------------------------------------------------------------------------------------------


def test_module_spec_reads_echo_module() -> None:
    spec = module_spec(echo_module)

    assert spec.summary == "Repeat each text and measure the result."
    assert spec.file_inputs == ()
    assert {t.qualified_name: t.datatype for t in spec.tensors} == {
        "inputs.text": "BYTES",
        "inputs.scale": "FP64",
        "parameters.repeat": "INT64",
        "outputs.result": "BYTES",
        "outputs.length": "INT64",
    }
    assert spec.output_names == echo_module.OUTPUTS
    assert spec.examples == {}


def test_echo_module_outputs_match_its_spec() -> None:
    spec = module_spec(echo_module)
    inputs = [
        {"name": "text", "datatype": "BYTES", "shape": [2], "data": ["ab", "c"]},
        {"name": "scale", "datatype": "FP64", "shape": [2], "data": [1.0, 0.5]},
    ]
    parameters = [{"name": "repeat", "datatype": "INT64", "shape": [1], "data": [3]}]

    outputs = echo_module.inference(parameters, inputs, [], "", echo_module.load(""))

    assert [(o["name"], o["datatype"]) for o in outputs] == [(t.name, t.datatype) for t in spec.outputs]
    assert [o.get("parameters", {}).get("content_type") for o in outputs] == [t.oip_content_type for t in spec.outputs]
    assert outputs[0]["data"] == ["ab ab ab", "c c c"]
    assert outputs[1]["data"] == [8, 2]


# --- the type grammar -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "type_expr", "expected"),
    [
        ("inputs.image", "FILE", ("BYTES", True, (), False, "base64")),
        (
            "inputs.image",
            "FILE or image/jpeg or image/png",
            ("BYTES", True, ("image/jpeg", "image/png"), False, "base64"),
        ),
        ("inputs.scan", "application/pdf", ("BYTES", True, ("application/pdf",), False, "base64")),
        ("inputs.photo", "FILE or Image/PNG or image/png", ("BYTES", True, ("image/png",), False, "base64")),
        ("inputs.photo", "FILE   or\n   image/*", ("BYTES", True, ("image/*",), False, "base64")),
        ("parameters.count", "int", ("INT64", False, (), False, None)),
        ("parameters.ratio", "float", ("FP64", False, (), False, None)),
        ("parameters.flag", "bool", ("BOOL", False, (), False, None)),
        ("parameters.mode", "str", ("BYTES", False, (), False, "str")),
        ("outputs.details", "json", ("BYTES", False, (), True, "json")),
        ("outputs.mask", "FILE or image/png", ("BYTES", True, ("image/png",), False, "base64")),
        ("outputs.score", "FP32", ("FP32", False, (), False, None)),
        ("outputs.label", "INT32", ("INT32", False, (), False, None)),
        ("inputs.half", "FP16", ("FP16", False, (), False, None)),
        ("parameters.level", "UINT8", ("UINT8", False, (), False, None)),
        ("outputs.flag", "BOOL", ("BOOL", False, (), False, None)),
    ],
)
def test_from_declaration_maps_type(name: str, type_expr: str, expected: tuple[Any, ...]) -> None:
    tensor = TensorSpec.from_declaration(name, type_expr, "Some\n   text.")

    assert (tensor.datatype, tensor.is_file, tensor.content_types, tensor.json, tensor.oip_content_type) == expected
    assert tensor.qualified_name == name
    assert tensor.description == "Some text."
    assert "\n" not in tensor.type_expr


@pytest.mark.parametrize(
    ("type_expr", "max_files"),
    [("FILE", 1), ("image/png", 1), ("FILE[8] or image/png", 8), ("image/jpeg or FILE[150]", 150)],
)
def test_from_declaration_reads_how_many_files_an_input_takes(type_expr: str, max_files: int) -> None:
    tensor = TensorSpec.from_declaration("inputs.image", type_expr)

    assert (tensor.is_file, tensor.max_files) == (True, max_files)


@pytest.mark.parametrize(
    ("name", "type_expr", "fragment"),
    [
        ("inputs.image", "FILE[0]", "unknown type 'FILE[0]'"),
        ("parameters.upload", "FILE[2]", "parameters are scalars"),
        ("inputs.text", "string", "'string' (did you mean str?)"),
        ("inputs.blob", "bytes", "did you mean FILE?"),
        ("inputs.image", "image/jpeg, image/png", "'image/jpeg, image/png' (separate alternatives with ' or ')"),
        ("inputs.image", "FILE or str", "mixes a file with str"),
        ("inputs.value", "int or float", "several types (float, int)"),
        ("outputs.score", "float32", "'float32' (did you mean FP32?)"),
        ("outputs.score", "fp32", "'fp32' (did you mean FP32?)"),
        ("outputs.label", "int32", "'int32' (did you mean INT32?)"),
        ("outputs.score", "FP32 or float", "several types (FP32, float)"),
        ("outputs.raw", "BF16", "an OIP datatype (BOOL, INT8"),
        ("inputs.value", "   ", "the type is empty"),
        ("parameters.upload", "FILE", "parameters are scalars"),
        ("parameters.config", "json", "parameters are scalars"),
        ("image", "str", "needs an inputs., parameters. or outputs. prefix (e.g. inputs.image)"),
        ("input.image", "str", "needs an inputs., parameters. or outputs. prefix"),
        ("inputs.", "str", "the name after the prefix must match"),
        ("inputs.a.b", "str", "the name after the prefix must match"),
    ],
)
def test_from_declaration_rejects(name: str, type_expr: str, fragment: str) -> None:
    with pytest.raises(ValueError) as caught:
        TensorSpec.from_declaration(name, type_expr)

    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("inputs.image", ("input", "image")),
        ("parameters.top-k", ("parameter", "top-k")),
        ("outputs.x", ("output", "x")),
    ],
)
def test_split_name_splits_prefix(name: str, expected: tuple[str, str]) -> None:
    assert split_name(name) == expected


# --- lint with file and line ----------------------------------------------------------------------------------------


def _orphan_type() -> None:
    """Echo.

    :param inputs.text: Text.
    :type inputs.text: str
    :type inputs.orphaned: str
    :param outputs.result: Result.
    :type outputs.result: str
    """


def _no_prefix() -> None:
    """Echo.

    :param inputs.text: Text.
    :type inputs.text: str
    :param image: A photo without its prefix.
    :type image: FILE
    :param outputs.result: Result.
    :type outputs.result: str
    """


def _unknown_token() -> None:
    """Echo.

    :param inputs.words: Text.
    :type inputs.words: string or integer
    :param outputs.result: Result.
    :type outputs.result: str
    """


def _duplicates() -> None:
    """Echo.

    :param inputs.text: Text.
    :type inputs.text: str
    :param outputs.twice: First.
    :type outputs.twice: str
    :param outputs.twice: Declared a second time.
    :type outputs.twice: json
    """


def _no_inputs() -> None:
    """Only outputs in this docstring.

    :param outputs.result: Result.
    :type outputs.result: str
    """


def _no_outputs() -> None:
    """Only inputs in this docstring.

    :param inputs.text: Text.
    :type inputs.text: str
    """


def _missing_type() -> None:
    """Echo.

    :param inputs.untyped: Text without a type line.
    :param outputs.result: Result.
    :type outputs.result: str
    """


def _form_clashes() -> None:
    """Echo.

    :param inputs.text: Text.
    :type inputs.text: str
    :param parameters.text: A parameter named like an input.
    :type parameters.text: str
    :param parameters.outputs: A parameter named like the form's outputs field.
    :type parameters.outputs: str
    :param outputs.text: An output may share an input's name.
    :type outputs.text: str
    """


def _no_summary() -> None:
    """:param inputs.text: Text with no summary above it.
    :type inputs.text: str
    :param outputs.result: Result.
    :type outputs.result: str
    """


def _keep(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    return wrapper


@_keep
def _decorated(
    text: str = ":",
    extra: tuple[int, ...] = (1, 2),
) -> str:
    """
    Summary on the second line, after a blank first one.

    :param inputs.text: Text.
    :type inputs.text: str
    :type inputs.stray_in_decorated: str
    :param outputs.result: Result.
    :type outputs.result: str
    """
    return text


class _Holder:
    def inference(self) -> None:
        """A method, indented twice.

        :param inputs.text: Text.
        :type inputs.text: str
        :param outputs.result: Result.
        :type outputs.result: FILE or str
        """


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        (_orphan_type, [(":type inputs.orphaned: str", "has no matching ':param inputs.orphaned:'")]),
        (_no_prefix, [(":param image: A photo without its prefix.", "'image' needs an inputs.")]),
        (_unknown_token, [(":type inputs.words: string or integer", "'string' (did you mean str?), 'integer'")]),
        (
            _duplicates,
            [
                (":param outputs.twice: Declared a second time.", "outputs.twice has a second :param"),
                (":type outputs.twice: json", "outputs.twice has a second :type"),
            ],
        ),
        (_no_inputs, [('"""Only outputs in this docstring.', "no inputs declared")]),
        (_no_outputs, [('"""Only inputs in this docstring.', "no outputs declared")]),
        (_missing_type, [(":param inputs.untyped: Text without a type line.", "inputs.untyped has no type")]),
        (
            _form_clashes,
            [
                (":param parameters.text: A parameter named like an input.", "parameters.text and inputs.text share"),
                (":param parameters.outputs: A parameter named like the form", "'outputs' is reserved"),
            ],
        ),
        (_no_summary, [('""":param inputs.text: Text with no summary above it.', "needs a one-line summary")]),
        (_decorated, [(":type inputs.stray_in_decorated: str", "has no matching")]),
        (_Holder().inference, [(":type outputs.result: FILE or str", "mixes a file with str")]),
    ],
)
def test_parse_module_spec_reports_file_and_line(function: Callable[..., Any], expected: list[tuple[str, str]]) -> None:
    problems = _problems(function)

    assert [(problem.line, problem.file) for problem in problems] == [
        (_line_of(text), str(THIS_FILE)) for text, _ in expected
    ]
    for problem, (_, fragment) in zip(problems, expected, strict=True):
        assert fragment in problem.message


def test_parse_module_spec_collects_every_problem_in_line_order() -> None:
    def many() -> None:
        """Several mistakes at once.

        :param inputs.first_bad: One.
        :type inputs.first_bad: integer
        :param second_bad: Two.
        :type second_bad: str
        :type inputs.third_bad: str
        """

    with pytest.raises(SpecError) as caught:
        parse_module_spec(many)

    lines = [problem.line for problem in caught.value.problems]
    assert lines == [
        _line_of('"""Several mistakes at once.'),
        _line_of(":type inputs.first_bad: integer"),
        _line_of(":param second_bad: Two."),
        _line_of(":type inputs.third_bad: str"),
    ]
    assert caught.value.problems[0].message.startswith("no outputs declared")
    message = str(caught.value)
    assert message.startswith("4 problems in the module's API declaration:")
    assert f"{THIS_FILE}:{lines[1]}: :type inputs.first_bad:" in message


def test_parse_module_spec_reports_missing_docstring_at_def() -> None:
    def bare() -> None:
        pass

    (problem,) = _problems(bare)

    assert problem.line == _line_of("    def bare() -> None:")
    assert "bare has no docstring" in problem.message


def test_parse_module_spec_without_source_reports_no_line() -> None:
    namespace: dict[str, Any] = {}
    exec('def generated():\n    """Made at run time.\n\n    :type inputs.lost: str\n    """\n', namespace)

    problems = _problems(namespace["generated"])

    assert [(problem.file, problem.line) for problem in problems] == [("<string>", None)] * 3
    assert str(problems[0]) == "<string>: :type inputs.lost has no matching ':param inputs.lost:' (a typo in either?)"


# --- examples and the module contract -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("examples", "fragment"),
    [
        ({"inputs.txt": "x"}, "EXAMPLES['inputs.txt'] names no declared tensor"),
        ({"text": "x"}, "EXAMPLES['text'] names no declared tensor"),
        ({"parameters.repeat": "3"}, "expected int (INT64), got str"),
        ({"parameters.repeat": True}, "expected int (INT64), got bool"),
        ({"inputs.scale": "1.5"}, "expected float (FP64), got str"),
        ({"outputs.result": 3}, "expected str (BYTES), got int"),
    ],
)
def test_parse_module_spec_rejects_example(examples: dict[str, Any], fragment: str) -> None:
    (problem,) = _problems(echo_module.inference, examples)

    assert fragment in problem.message
    assert problem.line is None


def test_parse_module_spec_accepts_int_example_for_float() -> None:
    spec = parse_module_spec(echo_module.inference, {"inputs.scale": 2, "outputs.length": 7})

    assert spec.example(spec.input("scale")) == 2
    assert spec.example(spec.output("result")) is None


def _fake_module(**attributes: Any) -> types.ModuleType:
    module = types.ModuleType("fake_module")
    module.__file__ = "fake_module.py"
    for name, value in attributes.items():
        setattr(module, name, value)
    return module


def _good_inference(
    parameters: list[dict[str, Any]],
    inputs: list[dict[str, Any]],
    output_fields: list[dict[str, Any]],
    model_key: str,
    model: Any = None,
) -> list[dict[str, Any]]:
    """Good.

    :param inputs.text: Text.
    :type inputs.text: str
    :param outputs.result: Result.
    :type outputs.result: str
    """
    return []


def _wrong_signature(inputs: list[dict[str, Any]], parameters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Arguments in the wrong order.

    :param inputs.text: Text.
    :type inputs.text: str
    :param outputs.result: Result.
    :type outputs.result: str
    """
    return []


def _load(model_key: str) -> str:
    return model_key


@pytest.mark.parametrize(
    ("attributes", "fragments"),
    [
        ({"load": _load}, ["defines no inference function"]),
        ({"load": _load, "inference": _wrong_signature}, ["inference has the wrong signature"]),
        ({"load": lambda: None, "inference": _good_inference}, ["load must take the model_key"]),
        ({"load": _load, "inference": _good_inference, "EXAMPLES": ["x"]}, ["EXAMPLES must be a mapping"]),
        ({"load": _load, "inference": _good_inference, "SCHEMAS": ["x"]}, ["SCHEMAS must be a mapping"]),
        (
            {"inference": _good_inference, "SCHEMAS": {"outputs.result": {}}},
            ["SCHEMAS['outputs.result'] names no json"],
        ),
        ({"inference": _good_inference, "SCHEMAS": {"outputs.nope": {}}}, ["SCHEMAS['outputs.nope'] names no json"]),
        (
            {"inference": _wrong_signature, "EXAMPLES": {"inputs.nope": 1}},
            ["wrong signature", "inputs.nope"],
        ),
    ],
)
def test_module_spec_checks_contract(attributes: dict[str, Any], fragments: list[str]) -> None:
    with pytest.raises(SpecError) as caught:
        module_spec(_fake_module(**attributes))

    messages = [problem.message for problem in caught.value.problems]
    assert len(messages) == len(fragments)
    for fragment in fragments:
        assert any(fragment in message for message in messages), (fragment, messages)


def test_module_spec_needs_no_load() -> None:
    spec = module_spec(_fake_module(inference=_good_inference))

    assert spec.input_names == ("text",)


def test_module_spec_reads_examples_attribute() -> None:
    spec = module_spec(_fake_module(load=_load, inference=_good_inference, EXAMPLES={"inputs.text": "hello"}))

    assert spec.example(spec.input("text")) == "hello"


# --- ModuleSpec helpers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lookup", "message"),
    [
        (lambda spec: spec.input("image"), "unknown input 'image'; declared: text, scale"),
        (lambda spec: spec.parameter("size"), "unknown parameter 'size'; declared: repeat"),
        (lambda spec: spec.output("text"), "unknown output 'text'; declared: result, length"),
    ],
)
def test_module_spec_lookup_names_declared(lookup: Callable[[ModuleSpec], TensorSpec], message: str) -> None:
    with pytest.raises(KeyError) as caught:
        lookup(module_spec(echo_module))

    assert caught.value.args[0] == message


def test_module_spec_is_hashable_and_equal_across_parses() -> None:
    first, second = module_spec(echo_module), module_spec(echo_module)

    assert first == second
    assert hash(first) == hash(second)
