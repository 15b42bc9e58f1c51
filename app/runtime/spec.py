"""The platform's docstring format turned into a typed module spec, with a lint that points at the file and line.

A module's ``inference`` docstring is its API: ``:param inputs.image:`` + ``:type inputs.image: FILE or image/png``
declare the tensors the runtime validates, publishes as Open Inference Protocol metadata and documents in OpenAPI.
A mistake there silently changes the published API (docstring_parser drops a ``:type`` without its ``:param``), so
every problem is reported at once, as ``file:line: message``, before a module is served.

Type grammar: alternatives joined by `` or ``. ``FILE`` is binary input; MIME tokens (``image/png``) list the
accepted content types (a MIME list alone implies ``FILE``; ``FILE`` alone accepts any type); ``str``, ``int``,
``float``, ``bool`` map to BYTES, INT64, FP64, BOOL; ``json`` is BYTES carrying JSON text. An Open Inference Protocol
datatype by name (``FP32``, ``INT32``, ``UINT8``, ``FP16``, …: ``app.runtime.datatypes``) declares that datatype. A
file input takes one file per request unless its type says ``FILE[n]`` (at most n).
"""

from __future__ import annotations

import ast
import base64
import binascii
import inspect
import json
import re
import tokenize
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType, ModuleType
from typing import Any, Literal

import docstring_parser
from docstring_parser.common import PARAM_KEYWORDS

from app.runtime.datatypes import DECLARABLE, in_range, python_type

Kind = Literal["input", "parameter", "output"]

PREFIXES: Mapping[str, Kind] = MappingProxyType({"inputs": "input", "parameters": "parameter", "outputs": "output"})
"""Docstring name prefix → tensor kind."""

PREFIX_OF: Mapping[Kind, str] = MappingProxyType({kind: prefix for prefix, kind in PREFIXES.items()})

SCALAR_DATATYPES: Mapping[str, str] = MappingProxyType(
    {"str": "BYTES", "int": "INT64", "float": "FP64", "bool": "BOOL", "json": "BYTES"}
    | {datatype: datatype for datatype in DECLARABLE}
)
"""Scalar type token → OIP datatype; ``json`` is BYTES whose elements are JSON text; ``FP32`` and the other number
and truth datatypes stand for themselves."""

FILE_TOKEN = "FILE"
FILE_COUNT = re.compile(r"^FILE\[([1-9][0-9]{0,3})\]$")
"""``FILE[8]``: a FILE input that takes up to 8 files per request; plain ``FILE`` (or MIME types alone) takes one, so
the limits sized for one document (timeout, slots, the module's own bounds) cannot be multiplied by a batch."""

TENSOR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
"""Tensor names double as JSON keys, form-field names and OpenAPI component names."""

MIME_TYPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/(\*|[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*)$")

RESERVED_FORM_FIELDS = frozenset({"outputs"})
"""Names the multipart ``infer-file`` form uses itself, so no input or parameter may take them."""

INFERENCE_PARAMETERS = ("parameters", "inputs", "output_fields", "model_key", "model")

_TYPE_HINTS = MappingProxyType(
    {
        "string": "str",
        "bytes": "FILE",
        "binary": "FILE",
        "file": "FILE",
        "integer": "int",
        "number": "float",
        "double": "float",
        "boolean": "bool",
        "dict": "json",
        "object": "json",
        "list": "json",
    }
    | {datatype.lower(): datatype for datatype in DECLARABLE if datatype != "BOOL"}
    | {f"float{datatype[2:]}": datatype for datatype in DECLARABLE if datatype.startswith("FP")}
)
"""Likely intended token for common misspellings, so the lint can say what to write instead."""


@dataclass(frozen=True)
class TensorSpec:
    """One declared input, parameter or output, as the docstring states it."""

    name: str
    kind: Kind
    description: str
    type_expr: str
    datatype: str
    is_file: bool
    content_types: tuple[str, ...]
    json: bool
    max_files: int = 1
    """How many files a FILE input takes per request (``FILE[n]``); 1 for anything else."""

    @property
    def qualified_name(self) -> str:
        """The name as the docstring writes it: ``inputs.image``."""
        return f"{PREFIX_OF[self.kind]}.{self.name}"

    @property
    def oip_content_type(self) -> str | None:
        """What ``parameters.content_type`` of the tensor says: ``base64`` files, ``json`` or ``str`` text."""
        if self.is_file:
            return "base64"
        if self.json:
            return "json"
        return "str" if self.datatype == "BYTES" else None

    @classmethod
    def from_declaration(cls, qualified_name: str, type_expr: str, description: str = "") -> TensorSpec:
        """Build one tensor from its ``:param``/``:type`` pair; ``ValueError`` says what is wrong with it."""
        kind, name = split_name(qualified_name)
        tokens = re.split(r"\s+or\s+", type_expr.strip())
        counts = [int(match.group(1)) for token in tokens if (match := FILE_COUNT.fullmatch(token))]
        plain = " or ".join(FILE_TOKEN if FILE_COUNT.fullmatch(token) else token for token in tokens)
        datatype, is_file, content_types, is_json = parse_type(plain, kind)
        return cls(
            name=name,
            kind=kind,
            description=" ".join(description.split()),
            type_expr=" ".join(type_expr.split()),
            datatype=datatype,
            is_file=is_file,
            content_types=content_types,
            json=is_json,
            max_files=max(counts, default=1),
        )


@dataclass(frozen=True)
class ModuleSpec:
    """A module's API: what ``inference`` accepts and returns, plus optional examples keyed like the docstring."""

    summary: str
    description: str
    inputs: tuple[TensorSpec, ...]
    parameters: tuple[TensorSpec, ...]
    outputs: tuple[TensorSpec, ...]
    examples: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    schemas: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    """JSON Schemas of ``json`` tensors' decoded elements, keyed like the docstring: what each key means."""

    @property
    def tensors(self) -> tuple[TensorSpec, ...]:
        return (*self.inputs, *self.parameters, *self.outputs)

    @property
    def input_names(self) -> tuple[str, ...]:
        return tuple(tensor.name for tensor in self.inputs)

    @property
    def output_names(self) -> tuple[str, ...]:
        return tuple(tensor.name for tensor in self.outputs)

    @property
    def file_inputs(self) -> tuple[TensorSpec, ...]:
        return tuple(tensor for tensor in self.inputs if tensor.is_file)

    def input(self, name: str) -> TensorSpec:
        return _find(self.inputs, name, "input")

    def parameter(self, name: str) -> TensorSpec:
        return _find(self.parameters, name, "parameter")

    def output(self, name: str) -> TensorSpec:
        return _find(self.outputs, name, "output")

    def example(self, tensor: TensorSpec) -> Any:
        """The example value of one element of ``tensor`` (``None`` when the module gives none)."""
        return self.examples.get(tensor.qualified_name)

    def schema(self, tensor: TensorSpec) -> Mapping[str, Any] | None:
        """The JSON Schema of one decoded element of a ``json`` tensor (``None`` when the module gives none)."""
        schema = self.schemas.get(tensor.qualified_name)
        return schema if isinstance(schema, Mapping) else None


def _find(tensors: Sequence[TensorSpec], name: str, kind: str) -> TensorSpec:
    for tensor in tensors:
        if tensor.name == name:
            return tensor
    declared = ", ".join(tensor.name for tensor in tensors) or "none"
    raise KeyError(f"unknown {kind} {name!r}; declared: {declared}")


@dataclass(frozen=True)
class SpecProblem:
    """One lint finding, printed like a compiler message so editors can jump to it."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


class SpecError(ValueError):
    """The module's declared API is wrong; ``problems`` lists every finding, ordered by line."""

    def __init__(self, problems: Iterable[SpecProblem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.file, p.line is None, p.line or 0)))
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the module's API declaration:"
        super().__init__("\n".join([header, *(f"  {problem}" for problem in self.problems)]))


def split_name(qualified_name: str) -> tuple[Kind, str]:
    """``inputs.image`` → ``("input", "image")``; ``ValueError`` for a missing prefix or an unusable name."""
    prefix, dot, name = qualified_name.partition(".")
    if not dot or prefix not in PREFIXES:
        raise ValueError(
            f"{qualified_name!r} needs an inputs., parameters. or outputs. prefix (e.g. inputs.{qualified_name})"
        )
    if not TENSOR_NAME.fullmatch(name):
        raise ValueError(f"{qualified_name!r}: the name after the prefix must match {TENSOR_NAME.pattern}")
    return PREFIXES[prefix], name


def parse_type(type_expr: str, kind: Kind) -> tuple[str, bool, tuple[str, ...], bool]:
    """``FILE or image/png`` → ``(datatype, is_file, content_types, json)``; ``ValueError`` says what to fix."""
    tokens = [token for token in re.split(r"\s+or\s+", type_expr.strip()) if token]
    if not tokens:
        raise ValueError("the type is empty; write e.g. str, int, float, bool, json, FP32 or FILE or image/png")
    mimes = [token.lower() for token in tokens if MIME_TYPE.fullmatch(token)]
    scalars = sorted({token for token in tokens if token in SCALAR_DATATYPES})
    is_file = FILE_TOKEN in tokens or bool(mimes)
    unknown = [token for token in tokens if token != FILE_TOKEN and token not in SCALAR_DATATYPES]
    unknown = [token for token in unknown if not MIME_TYPE.fullmatch(token)]
    if unknown:
        raise ValueError(f"unknown type {', '.join(map(_with_hint, unknown))} in {type_expr!r}; " + _GRAMMAR)
    if scalars and is_file:
        raise ValueError(f"{type_expr!r} mixes a file with {' and '.join(scalars)}; a tensor has one type")
    if len(scalars) > 1:
        raise ValueError(f"{type_expr!r} names several types ({', '.join(scalars)}); a tensor has one type")
    if kind == "parameter" and (is_file or scalars == ["json"]):
        raise ValueError(
            f"parameters are scalars (str, int, float, bool, FP32, …), not {type_expr!r}; send it as an input"
        )
    if is_file:
        return "BYTES", True, tuple(dict.fromkeys(mimes)), False
    return SCALAR_DATATYPES[scalars[0]], False, (), scalars[0] == "json"


_GRAMMAR = (
    "use FILE, MIME types (image/png), str, int, float, bool, json or an OIP datatype "
    f"({', '.join(DECLARABLE)}), joined by ' or '"
)


def _with_hint(token: str) -> str:
    if "," in token:
        return f"{token!r} (separate alternatives with ' or ')"
    hint = _TYPE_HINTS.get(token.lower())
    return f"{token!r} (did you mean {hint}?)" if hint else repr(token)


@dataclass(frozen=True)
class _Directive:
    """One ``:param``/``:type`` line of the raw docstring; ``index`` counts lines of ``__doc__`` from 0."""

    keyword: Literal["param", "type"]
    name: str
    index: int
    inline_type: bool = False


@dataclass(frozen=True)
class _Location:
    """Maps a line of ``__doc__`` to a line of the source file (``None`` when the source is not available)."""

    file: str
    first_row: int | None

    def problem(self, message: str, index: int | None = 0) -> SpecProblem:
        line = None if self.first_row is None or index is None else self.first_row + index
        return SpecProblem(self.file, line, message)


def parse_module_spec(function: Callable[..., Any], examples: Mapping[str, Any] | None = None) -> ModuleSpec:
    """Read ``function``'s docstring into a ``ModuleSpec``; ``SpecError`` lists every problem with file:line."""
    spec, problems = _collect(function, examples or {})
    if problems or spec is None:
        raise SpecError(problems)
    return spec


def module_spec(module: ModuleType) -> ModuleSpec:
    """The spec of a contract module: checks ``load``/``inference`` and reads the optional ``EXAMPLES`` and
    ``SCHEMAS`` mappings."""
    file = getattr(module, "__file__", None) or module.__name__
    problems = _contract_problems(module, file)
    inference = getattr(module, "inference", None)
    if not callable(inference):
        raise SpecError(problems)
    examples = getattr(module, "EXAMPLES", None) or {}
    if not isinstance(examples, Mapping):
        problems.append(SpecProblem(file, None, "EXAMPLES must be a mapping like {'inputs.image': ...}"))
        examples = {}
    schemas = getattr(module, "SCHEMAS", None) or {}
    if not isinstance(schemas, Mapping):
        problems.append(SpecProblem(file, None, "SCHEMAS must be a mapping like {'outputs.details': {JSON Schema}}"))
        schemas = {}
    spec, docstring_problems = _collect(inference, examples, schemas)
    problems.extend(docstring_problems)
    if problems or spec is None:
        raise SpecError(problems)
    return spec


def _contract_problems(module: ModuleType, file: str) -> list[SpecProblem]:
    expected = "def inference(parameters, inputs, output_fields, model_key, model=None)"
    problems: list[SpecProblem] = []
    inference = getattr(module, "inference", None)
    load = getattr(module, "load", None)
    if callable(load) and len(inspect.signature(load).parameters) < 1:  # load() is optional; inference gets model=None
        problems.append(_at_def(load, file, "load must take the model_key: def load(model_key)"))
    if not callable(inference):
        problems.append(SpecProblem(file, None, f"the module defines no inference function; expected {expected}"))
        return problems
    signature = inspect.signature(inference)
    names = tuple(signature.parameters)[: len(INFERENCE_PARAMETERS)]
    model = signature.parameters.get("model")
    if names != INFERENCE_PARAMETERS or model is None or model.default is inspect.Parameter.empty:
        problems.append(_at_def(inference, file, f"inference has the wrong signature; expected {expected}"))
    return problems


def _at_def(function: Callable[..., Any], file: str, message: str) -> SpecProblem:
    code = getattr(inspect.unwrap(function), "__code__", None)
    return SpecProblem(file, code.co_firstlineno if code else None, message)


def _collect(
    function: Callable[..., Any], examples: Mapping[str, Any], schemas: Mapping[str, Any] | None = None
) -> tuple[ModuleSpec | None, list[SpecProblem]]:
    location = _docstring_location(function)
    doc = function.__doc__
    if not doc or not doc.strip():
        name = getattr(function, "__name__", "inference")
        message = f"{name} has no docstring; its docstring declares the API (:param inputs.x: …)"
        return None, [_at_def(function, location.file, message)]
    try:
        parsed = docstring_parser.parse(doc, style=docstring_parser.DocstringStyle.REST)
    except docstring_parser.ParseError as exc:
        return None, [location.problem(f"the docstring cannot be parsed: {exc}")]
    directives = _scan_directives(doc)
    problems = _directive_problems(directives, location)
    first_index = {d.name: d.index for d in reversed(directives) if d.keyword == "param"}
    type_index = {d.name: d.index for d in reversed(directives) if d.keyword == "type" or d.inline_type}
    tensors: dict[str, TensorSpec] = {}
    seen: set[str] = set()
    for param in parsed.params:
        if param.arg_name in seen:
            continue
        seen.add(param.arg_name)
        tensor, problem = _tensor(param, location, first_index.get(param.arg_name), type_index.get(param.arg_name))
        if problem is not None:
            problems.append(problem)
        if tensor is not None:
            tensors[param.arg_name] = tensor
    if not parsed.short_description:
        problems.append(location.problem("the docstring needs a one-line summary before the :param lines"))
    spec = ModuleSpec(
        summary=(parsed.short_description or "").strip(),
        description=(parsed.long_description or "").strip(),
        inputs=tuple(t for t in tensors.values() if t.kind == "input"),
        parameters=tuple(t for t in tensors.values() if t.kind == "parameter"),
        outputs=tuple(t for t in tensors.values() if t.kind == "output"),
        examples=MappingProxyType(dict(examples)),
        schemas=MappingProxyType(dict(schemas or {})),
    )
    problems.extend(_shape_problems(spec, seen, location, first_index))
    problems.extend(_example_problems(spec, location))
    problems.extend(_schema_problems(spec, location))
    return spec, problems


def _tensor(
    param: docstring_parser.DocstringParam, location: _Location, param_index: int | None, type_index: int | None
) -> tuple[TensorSpec | None, SpecProblem | None]:
    name = param.arg_name
    try:
        split_name(name)
    except ValueError as exc:
        return None, location.problem(str(exc), param_index)
    if param.type_name is None:
        return None, location.problem(f"{name} has no type; add ':type {name}: str' (or int, FILE, …)", param_index)
    try:
        tensor = TensorSpec.from_declaration(name, param.type_name, param.description or "")
    except ValueError as exc:
        return None, location.problem(f":type {name}: {exc}", type_index if type_index is not None else param_index)
    return tensor, None


def _docstring_location(function: Callable[..., Any]) -> _Location:
    """Find the source row where the docstring literal starts, by tokenizing the function's own source."""
    try:
        file = inspect.getsourcefile(function) or inspect.getfile(function)
    except TypeError:
        file = getattr(function, "__module__", None) or "<unknown>"
    try:
        lines, first = inspect.getsourcelines(function)
        row = _docstring_row(lines, function.__doc__)
    except (OSError, TypeError, tokenize.TokenError, SyntaxError):
        return _Location(file, None)
    return _Location(file, None if row is None else first + row - 1)


_OPENING = frozenset("([{")
_CLOSING = frozenset(")]}")


def _docstring_row(lines: Sequence[str], doc: str | None) -> int | None:
    """Row (1-based within ``lines``) of the first statement after the ``def`` colon, if it is the docstring."""
    depth = 0
    seen_def = after_colon = False
    for token in tokenize.generate_tokens(iter(lines).__next__):
        if not seen_def:
            seen_def = token.type == tokenize.NAME and token.string == "def"
        elif after_colon:
            if token.type in {tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.COMMENT}:
                continue
            is_doc = token.type == tokenize.STRING and ast.literal_eval(token.string) == doc
            return token.start[0] if is_doc else None
        elif token.type == tokenize.OP:
            depth += (token.string in _OPENING) - (token.string in _CLOSING)
            after_colon = token.string == ":" and depth == 0
    return None


def _scan_directives(doc: str) -> list[_Directive]:
    """The ``:param``/``:type`` lines, found the way docstring_parser does (``:`` at the dedented margin)."""
    lines = doc.expandtabs().split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    margin = min(indents, default=0)
    directives: list[_Directive] = []
    for index, line in enumerate(lines):
        text = line.lstrip() if index == 0 else line[margin:]
        head, colon, _ = text[1:].partition(":")
        args = head.split()
        if not text.startswith(":") or not colon or len(args) < 2:
            continue
        if args[0] in PARAM_KEYWORDS:
            directives.append(_Directive("param", args[-1], index, inline_type=len(args) == 3))
        elif args[0] == "type" and len(args) == 2:
            directives.append(_Directive("type", args[1], index))
    return directives


def _directive_problems(directives: Sequence[_Directive], location: _Location) -> list[SpecProblem]:
    problems: list[SpecProblem] = []
    params = {d.name for d in directives if d.keyword == "param"}
    seen: set[tuple[str, str]] = set()
    for directive in directives:
        key = (directive.keyword, directive.name)
        if key in seen:
            problems.append(location.problem(f"{directive.name} has a second :{directive.keyword}", directive.index))
        seen.add(key)
        if directive.keyword == "type" and directive.name not in params:
            message = f":type {directive.name} has no matching ':param {directive.name}:' (a typo in either?)"
            problems.append(location.problem(message, directive.index))
    return problems


def _shape_problems(
    spec: ModuleSpec, declared: Iterable[str], location: _Location, param_index: Mapping[str, int]
) -> list[SpecProblem]:
    """Whole-API rules: at least one input and output, and names the infer-file form can carry."""
    problems: list[SpecProblem] = []
    prefixes = {name.partition(".")[0] for name in declared}
    for prefix in ("inputs", "outputs"):
        if prefix not in prefixes:
            message = f"no {prefix} declared; add ':param {prefix}.<name>:' and its :type"
            problems.append(location.problem(message))
    form_fields: dict[str, str] = {}
    for tensor in (*spec.inputs, *spec.parameters):
        qualified = tensor.qualified_name
        if tensor.name in RESERVED_FORM_FIELDS:
            message = f"{qualified}: the name {tensor.name!r} is reserved by the infer-file form; rename it"
            problems.append(location.problem(message, param_index.get(qualified)))
        elif tensor.name in form_fields:
            message = (
                f"{qualified} and {form_fields[tensor.name]} share a name; inputs and parameters need distinct names"
            )
            problems.append(location.problem(message, param_index.get(qualified)))
        form_fields[tensor.name] = qualified
    return problems


def _example_problems(spec: ModuleSpec, location: _Location) -> list[SpecProblem]:
    tensors = {tensor.qualified_name: tensor for tensor in spec.tensors}
    problems: list[SpecProblem] = []
    for name, value in spec.examples.items():
        tensor = tensors.get(name)
        if tensor is None:
            declared = ", ".join(tensors) or "none"
            problems.append(
                location.problem(f"EXAMPLES[{name!r}] names no declared tensor; declared: {declared}", None)
            )
            continue
        error = _example_error(tensor, value)
        if error:
            problems.append(location.problem(f"EXAMPLES[{name!r}]: {error}", None))
    return problems


def _schema_problems(spec: ModuleSpec, location: _Location) -> list[SpecProblem]:
    json_tensors = {tensor.qualified_name for tensor in spec.tensors if tensor.json}
    problems: list[SpecProblem] = []
    for name, schema in spec.schemas.items():
        if name not in json_tensors:
            declared = ", ".join(sorted(json_tensors)) or "none"
            problems.append(location.problem(f"SCHEMAS[{name!r}] names no json tensor; json tensors: {declared}", None))
        elif not isinstance(schema, Mapping):
            problems.append(location.problem(f"SCHEMAS[{name!r}] must be a JSON Schema (a mapping)", None))
    return problems


def _example_error(tensor: TensorSpec, value: Any) -> str | None:
    """Why ``value`` cannot be one element of ``tensor`` (``None`` when it can)."""
    if tensor.is_file:
        if not isinstance(value, str):
            return "a file example is its base64 text"
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return "a file example must be valid base64"
        return None
    if tensor.json:
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError):
            return "a json example must be a JSON-serialisable value"
        return None
    wanted = python_type(tensor.datatype)
    allowed = (int, float) if wanted is float else (wanted,)
    if isinstance(value, bool):
        fits = wanted is bool
    elif isinstance(value, int | float):
        fits = isinstance(value, allowed) and in_range(tensor.datatype, value)
    else:
        fits = isinstance(value, allowed)
    if not fits:
        return f"expected {tensor.type_expr} ({tensor.datatype}), got {type(value).__name__} {value!r}"
    return None
