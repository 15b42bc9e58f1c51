"""A contract module whose API is declared in sized Open Inference Protocol datatypes (FP32 scores, an INT32 class, a
UINT8 parameter, FP16 and BOOL outputs), for the datatype tests: it returns plain Python numbers through the codecs
(FP64 and INT64 to them), and the runtime answers each output in the datatype its docstring declares."""

from __future__ import annotations

from typing import Any

from app.codecs import encode_outputs, read_input, read_parameters, requested_outputs

OUTPUTS = ("score", "label", "small", "positive")


def inference(
    parameters: list[dict[str, Any]],
    inputs: list[dict[str, Any]],
    output_fields: list[dict[str, Any]],
    model_key: str,
    model: Any = None,
) -> list[dict[str, Any]]:
    """Score each value.

    :param inputs.values: The values to score.
    :type inputs.values: FP32
    :param parameters.classes: How many classes the values fall into.
    :type parameters.classes: UINT8
    :param parameters.overflow: Answer a class no INT32 holds (the module's own mistake, for the tests).
    :type parameters.overflow: bool
    :param outputs.score: A third of each value.
    :type outputs.score: FP32
    :param outputs.label: Each value's class.
    :type outputs.label: INT32
    :param outputs.small: Each value, at half precision.
    :type outputs.small: FP16
    :param outputs.positive: Whether each value is above 0.
    :type outputs.positive: BOOL
    """
    options = read_parameters(parameters)
    values = [float(value) for value in read_input(inputs, "values")]
    classes = int(options.get("classes", 10))
    labels = [2**40 if options.get("overflow") else int(value) % classes for value in values]
    columns = {
        "score": [value / 3 for value in values],
        "label": labels,
        "small": values,
        "positive": [v > 0 for v in values],
    }
    return encode_outputs(requested_outputs(output_fields, OUTPUTS), columns)
