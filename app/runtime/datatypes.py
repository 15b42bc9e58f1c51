"""The Open Inference Protocol's number and truth datatypes, as a docstring declares them: their ranges, the Python
value a module sees, the JSON Schema of an element, and the value an answer carries.

``int`` and ``float`` in a docstring are INT64 and FP64; a module that means 32-bit numbers (a score, a class index,
an embedding) declares ``FP32`` or ``INT32`` instead, and its answer says so whatever Python numbers it returned:
the runtime gives each declared output its datatype (``conform_outputs``), range-checked, a float rounded to the
declared precision. BYTES is not declared by name: ``str``, ``json`` and ``FILE`` say what the bytes are.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from app.runtime.spec import ModuleSpec


def _bits(datatype: str) -> int:
    """The size in bits a datatype's name ends with: 32 for INT32, UINT32 and FP32."""
    return int(datatype.removeprefix("U").removeprefix("INT").removeprefix("FP"))


INTEGER_RANGES: Mapping[str, tuple[int, int]] = MappingProxyType(
    {f"{sign}INT{bits}": (0 if sign else -(2 ** (bits - 1)), 2**bits - 1 if sign else 2 ** (bits - 1) - 1)
     for sign in ("", "U") for bits in (8, 16, 32, 64)}
)  # fmt: skip
"""Each integer datatype's smallest and largest value."""

FLOAT_TYPES: Mapping[str, type[np.floating[Any]]] = MappingProxyType(
    {"FP16": np.float16, "FP32": np.float32, "FP64": np.float64}
)
NUMPY_DTYPES: Mapping[str, str] = MappingProxyType(
    {"BOOL": "?"}
    | {name: f"<{'u' if name.startswith('U') else 'i'}{_bits(name) // 8}" for name in INTEGER_RANGES}
    | {name: f"<f{_bits(name) // 8}" for name in FLOAT_TYPES}
)
"""Little-endian numpy dtype of each datatype: how Triton's binary extension lays its elements out."""

DECLARABLE: tuple[str, ...] = ("BOOL", *INTEGER_RANGES, *FLOAT_TYPES)
"""The datatypes a docstring may name as a tensor's type (``:type outputs.score: FP32``)."""


def python_type(datatype: str) -> type:
    """What a module's values of ``datatype`` are in Python: bool, int, float, or str (BYTES)."""
    if datatype == "BOOL":
        return bool
    if datatype in INTEGER_RANGES:
        return int
    return float if datatype in FLOAT_TYPES else str


def describe(datatype: str) -> str:
    """``datatype`` in words, for a message that says what a value must be: "a 32-bit integer"."""
    if datatype in INTEGER_RANGES:
        bits = _bits(datatype)
        return (
            f"an unsigned {bits}-bit integer"
            if datatype.startswith("U")
            else f"a{'n' * (bits == 8)} {bits}-bit integer"
        )
    if datatype in FLOAT_TYPES:
        return "a number" if datatype == "FP64" else f"a number within {datatype}'s range"
    return {"BOOL": "true or false"}.get(datatype, "a string")


def in_range(datatype: str, value: int | float) -> bool:
    """Whether ``value`` (already a number) fits ``datatype``: an integer within its range, a finite float within
    the largest the type holds."""
    if datatype in INTEGER_RANGES:
        low, high = INTEGER_RANGES[datatype]
        return low <= value <= high
    if datatype in FLOAT_TYPES:
        number = _float(value)
        return math.isfinite(number) and abs(number) <= float(np.finfo(FLOAT_TYPES[datatype]).max)
    return True


def element_schema(datatype: str) -> dict[str, Any]:
    """JSON Schema of one element: OpenAPI's int32/int64/float/double formats, and the range of the other sizes."""
    if datatype == "BOOL":
        return {"type": "boolean"}
    if datatype in INTEGER_RANGES:
        low, high = INTEGER_RANGES[datatype]
        formats = {"INT32": "int32", "INT64": "int64"}
        schema: dict[str, Any] = {"type": "integer", "format": formats[datatype]} if datatype in formats else {}
        return schema or {"type": "integer", "minimum": low, "maximum": high}
    if datatype in FLOAT_TYPES:
        if datatype == "FP16":
            largest = float(np.finfo(np.float16).max)
            return {"type": "number", "minimum": -largest, "maximum": largest}
        return {"type": "number", "format": "float" if datatype == "FP32" else "double"}
    return {"type": "string"}


def conform(datatype: str, value: Any) -> bool | int | float:
    """``value`` as an answer of ``datatype`` carries it: ``ValueError`` when it is no such value. A float is rounded
    to the type's precision and written as the shortest decimal that reads back as the same number (0.1, not
    0.10000000149011612, for FP32); an integral float may stand for an integer."""
    if isinstance(value, bool | np.bool_):  # before numbers: True is an int to Python
        if datatype == "BOOL":
            return bool(value)
    elif datatype in INTEGER_RANGES and isinstance(value, numbers.Real):
        whole = _whole(value)
        if whole is not None and in_range(datatype, whole):
            return whole
    elif datatype in FLOAT_TYPES and isinstance(value, numbers.Real):
        number = _float(value)
        if in_range(datatype, number):
            return number if datatype == "FP64" else float(str(FLOAT_TYPES[datatype](number)))
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    raise ValueError(f"{shown} is not {describe(datatype)} ({datatype})")


def _whole(value: numbers.Real | float) -> int | None:
    if isinstance(value, numbers.Integral):
        return int(value)
    number = _float(value)
    return int(number) if number.is_integer() else None


def _float(value: numbers.Real | float) -> float:
    try:
        return float(value)
    except OverflowError:  # an integer beyond any float
        return math.inf


def conform_outputs(spec: ModuleSpec, outputs: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each output the docstring declares as a number or truth value, with that datatype and its values as the type
    carries them; ``ValueError`` names the output and the value the module returned that the type cannot carry."""
    declared = {tensor.name: tensor.datatype for tensor in spec.outputs if tensor.datatype in DECLARABLE}
    conformed = []
    for tensor in outputs:
        datatype = declared.get(str(tensor.get("name")))
        if datatype is None:
            conformed.append(dict(tensor))
            continue
        try:
            data = _conform_all(datatype, tensor.get("data", []))
        except ValueError as error:
            raise ValueError(f"outputs.{tensor.get('name')}: {error}, as the docstring declares") from None
        conformed.append({**tensor, "datatype": datatype, "data": data})
    return conformed


def _conform_all(datatype: str, data: Any) -> Any:
    """Every element of ``data``, nested lists kept as they are (OIP allows them)."""
    if isinstance(data, list | tuple):
        return [_conform_all(datatype, item) for item in data]
    return conform(datatype, data)
