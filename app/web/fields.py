"""The generic page's form fields: one per declared parameter and per input that is not the uploaded file, so a
module whose API takes more than one file (a threshold, a flag, a text beside it) can be run from the page.

The fields come from the module API's metadata (``GET /v2/models/{model}``), never from ``model/``; a field left
empty is not sent, so the module's default holds. Their names are the docstring's (``parameters.count``), which the
result page's address repeats so a refresh or a shared link runs the same request again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.web.clients import ServiceError

FILE_CONTENT_TYPE = "base64"
"""How the module API's metadata marks a FILE tensor (``app/runtime/openapi.py``)."""
PREFIXES = ("inputs.", "parameters.")
INTEGER_DATATYPES = ("INT", "UINT")
"""The metadata's integer datatypes begin so (INT8 … UINT64); FP16, FP32 and FP64 are numbers."""


@dataclass(frozen=True)
class FormField:
    """One value the page asks for: ``key`` is its docstring name, ``control`` how the page draws it."""

    key: str
    datatype: str
    json: bool

    @property
    def control(self) -> str:
        if self.datatype == "BOOL":
            return "choice"
        if self.json:
            return "textarea"
        if self.datatype.startswith(INTEGER_DATATYPES):
            return "integer"
        return "number" if self.datatype.startswith("FP") else "text"


def form_fields(metadata: Mapping[str, Any]) -> list[FormField]:
    """The declared inputs other than FILE ones, then the parameters, in declared order."""
    fields = []
    for prefix, tensors in (("inputs.", metadata.get("inputs")), ("parameters.", metadata.get("parameters"))):
        for tensor in tensors or []:
            content_type = (tensor.get("parameters") or {}).get("content_type")
            if content_type != FILE_CONTENT_TYPE:
                key, datatype = prefix + str(tensor["name"]), str(tensor.get("datatype", "BYTES"))
                fields.append(FormField(key, datatype, content_type == "json"))
    return fields


def given(values: Mapping[str, Any]) -> dict[str, str]:
    """The fields filled in, from a form or an address's query: ``{"parameters.count": "2"}``."""
    return {
        key: value
        for key, value in values.items()
        if key.startswith(PREFIXES) and isinstance(value, str) and value.strip()
    }


def request_parts(fields: list[FormField], values: Mapping[str, str]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(input tensors, parameters) for ``infer`` from the filled-in ``values``; ServiceError 'rejected' names the field
    whose value its type cannot take, or a field the model does not declare."""
    declared = {field.key: field for field in fields}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise ServiceError("rejected", f"the model declares no {', '.join(unknown)}")
    inputs, parameters = [], {}
    for key, text in values.items():
        field = declared[key]
        value = _typed(field, text.strip())
        name = key.split(".", 1)[1]
        if key.startswith("parameters."):
            parameters[name] = value
        else:
            tensor: dict[str, Any] = {"name": name, "datatype": field.datatype, "shape": [1], "data": [value]}
            if field.datatype == "BYTES":
                tensor["parameters"] = {"content_type": "json" if field.json else "str"}
            inputs.append(tensor)
    return inputs, parameters


def _typed(field: FormField, text: str) -> Any:
    """The value as its datatype's JSON type; the module API checks the range of the size (INT8, FP16, …)."""
    try:
        if field.control == "integer":
            return int(text)
        if field.control == "number":
            return float(text)
    except ValueError:
        kind = "a whole number" if field.control == "integer" else "a number"
        raise ServiceError("rejected", f"{field.key} must be {kind}, not {text!r}") from None
    if field.datatype == "BOOL":
        if text not in ("true", "false"):
            raise ServiceError("rejected", f"{field.key} must be true or false, not {text!r}")
        return text == "true"
    if field.json:
        try:
            json.loads(text)
        except ValueError as error:
            raise ServiceError("rejected", f"{field.key} must be JSON ({error})") from None
    return text
