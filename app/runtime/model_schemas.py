"""Each model's JSON Schemas and examples, from its docstring: its tensors, infer request and response, and form.

Generic runtimes publish a schema-less OIP tensor (``data: array``); here every declared input and output is a
component of its own with a fixed name and datatype, typed elements (a base64 file, a JSON document with the module's
own schema, a number) and the docstring's examples, so the infer request and response can say exactly what they hold.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from app.runtime.datatypes import element_schema
from app.runtime.spec import ModuleSpec, TensorSpec
from app.runtime.tensors import FILE_ID_CONTENT_TYPE


def ref(name: str) -> dict[str, str]:
    """A reference to the document's component ``name``."""
    return {"$ref": f"#/components/schemas/{name}"}


def component(model: str, *parts: str) -> str:
    return ".".join((model, *parts))


def model_schemas(name: str, spec: ModuleSpec) -> dict[str, Any]:
    """The components of model ``name``, each named ``name.…`` so that models never collide."""
    schemas: dict[str, Any] = {}
    for tensor in (*spec.inputs, *spec.outputs):
        schemas[component(name, tensor.qualified_name)] = _tensor_schema(spec, tensor)
    schemas[component(name, "InferRequest")] = _request_schema(name, spec)
    schemas[component(name, "InferResponse")] = _response_schema(name, spec)
    schemas[component(name, "InferFileRequest")] = _form_schema(spec)
    schemas[component(name, "InferFileResponse")] = {
        "type": "object",
        "description": "Each requested output, decoded from its single element",
        "properties": {tensor.name: _decoded_schema(spec, tensor) for tensor in spec.outputs},
        "additionalProperties": False,
    }
    return schemas


def _element_schema(tensor: TensorSpec) -> dict[str, Any]:
    """JSON Schema of one element of ``data`` in an OIP tensor."""
    if tensor.is_file:
        schema: dict[str, Any] = {"type": "string", "contentEncoding": "base64"}
        if len(tensor.content_types) == 1:
            schema["contentMediaType"] = tensor.content_types[0]
        if tensor.kind == "input":
            schema["description"] = "The file in base64, or the id of an upload with content_type file_id"
        return schema
    if tensor.json:
        return {"type": "string", "contentMediaType": "application/json"}
    return element_schema(tensor.datatype)


def _module_schema(spec: ModuleSpec, tensor: TensorSpec) -> dict[str, Any] | None:
    """The module's JSON Schema for a ``json`` tensor's decoded element, made self-contained: its local ``$defs``
    (pydantic's, for enums and nested models) inlined, since ``#/$defs/…`` would point into the OpenAPI document."""
    schema = spec.schema(tensor)
    if schema is None:
        return None
    definitions: dict[str, Any] = {}

    def collect(node: Any) -> None:
        if isinstance(node, Mapping):
            definitions.update(node.get("$defs", {}))
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    def inline(node: Any) -> Any:
        if isinstance(node, Mapping):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[8:] in definitions:
                rest = {key: inline(value) for key, value in node.items() if key != "$ref"}
                return {**inline(definitions[ref[8:]]), **rest}
            return {key: inline(value) for key, value in node.items() if key != "$defs"}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    collect(schema)
    inlined: dict[str, Any] = inline(schema)
    return inlined


def _element_example(spec: ModuleSpec, tensor: TensorSpec) -> Any:
    value = spec.example(tensor)
    if value is None or not tensor.json:
        return value
    return json.dumps(value, ensure_ascii=False)


def _accepts(tensor: TensorSpec) -> str:
    if not tensor.is_file:
        return ""
    return f" Accepted: {', '.join(tensor.content_types)}." if tensor.content_types else " Any file type."


def _tensor_schema(spec: ModuleSpec, tensor: TensorSpec) -> dict[str, Any]:
    """An OIP tensor restricted to one declared input or output: fixed name and datatype, typed elements."""
    element = _element_schema(tensor)
    if (content_schema := _module_schema(spec, tensor)) is not None:
        element["contentSchema"] = content_schema
    example = _element_example(spec, tensor)
    if example is not None:
        element["examples"] = [example]
    properties: dict[str, Any] = {
        "name": {"const": tensor.name},
        "datatype": {"const": tensor.datatype},
        "shape": {
            "type": "array",
            "items": {"type": "integer", "minimum": 0},
            "minItems": 1,
            "maxItems": 1,
            "description": "[number of elements in data]",
        },
        "data": {"type": "array", "items": element, "minItems": 1},
    }
    required = ["name", "datatype", "shape", "data"]
    content_type = tensor.oip_content_type
    if content_type:
        properties["parameters"] = {
            "type": "object",
            "properties": {"content_type": {"const": content_type}},
        }
        if tensor.is_file and tensor.kind == "input":
            properties["data"]["maxItems"] = tensor.max_files
            properties["parameters"]["properties"]["content_type"] = {"enum": [content_type, FILE_ID_CONTENT_TYPE]}
            properties["parameters"]["required"] = ["content_type"]
            required.append("parameters")
    return {
        "type": "object",
        "title": tensor.qualified_name,
        "description": tensor.description + _accepts(tensor),
        "required": required,
        "properties": properties,
    }


def _typed_value_schema(spec: ModuleSpec, tensor: TensorSpec) -> dict[str, Any]:
    return _described(spec, tensor, element_schema(tensor.datatype))


def _described(spec: ModuleSpec, tensor: TensorSpec, schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with the docstring's description of ``tensor`` and its example, where the module gives one."""
    schema["description"] = tensor.description
    example = spec.example(tensor)
    if example is not None:
        schema["examples"] = [example]
    return schema


def _request_schema(name: str, spec: ModuleSpec) -> dict[str, Any]:
    input_names = ", ".join(spec.input_names)
    properties: dict[str, Any] = {
        "id": {"type": "string", "description": "Echoed in the response"},
        "parameters": {
            "type": "object",
            "description": "Request parameters the model reads; all optional",
            "properties": {tensor.name: _typed_value_schema(spec, tensor) for tensor in spec.parameters},
        },
        "inputs": {
            "type": "array",
            "description": f"One tensor per declared input, each once: {input_names}",
            "items": {"oneOf": [ref(component(name, t.qualified_name)) for t in spec.inputs]},
            "minItems": len(spec.inputs),
            "maxItems": len(spec.inputs),
        },
        "outputs": {
            "type": "array",
            "description": "Outputs to return; omitted or empty means every output",
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"enum": list(spec.output_names)}, "parameters": {"type": "object"}},
            },
        },
    }
    return {"type": "object", "title": f"{name} infer request", "required": ["inputs"], "properties": properties}


def _response_schema(name: str, spec: ModuleSpec) -> dict[str, Any]:
    return {
        "type": "object",
        "title": f"{name} infer response",
        "required": ["model_name", "outputs"],
        "properties": {
            "model_name": {"const": name},
            "model_version": {"type": "string"},
            "id": {"type": "string", "description": "The request's id"},
            "parameters": {"type": "object"},
            "outputs": {
                "type": "array",
                "items": {"oneOf": [ref(component(name, t.qualified_name)) for t in spec.outputs]},
            },
        },
    }


def _form_schema(spec: ModuleSpec) -> dict[str, Any]:
    """The multipart form of ``infer-file``: files as binary parts (a ``FILE[n]`` input up to n of them), everything
    else as typed text fields."""
    properties: dict[str, Any] = {}
    for tensor in spec.inputs:
        if tensor.is_file:
            part: dict[str, Any] = {"type": "string", "contentMediaType": "application/octet-stream"}
            if tensor.max_files > 1:  # repeated parts, as many as the docstring's FILE[n]
                part = {"type": "array", "items": part, "minItems": 1, "maxItems": tensor.max_files}
            properties[tensor.name] = {**part, "description": tensor.description + _accepts(tensor)}
        elif tensor.json:
            properties[tensor.name] = {"type": "string", "contentMediaType": "application/json"}
        else:
            properties[tensor.name] = _typed_value_schema(spec, tensor)
    for tensor in spec.parameters:
        properties[tensor.name] = _typed_value_schema(spec, tensor)
    names = "|".join(spec.output_names)
    properties["outputs"] = {
        "type": "string",
        "description": f"Comma-separated outputs to return; default every output ({', '.join(spec.output_names)})",
        "pattern": rf"^\s*({names})\s*(,\s*({names})\s*)*$",
        "examples": [",".join(spec.output_names[:2])],
    }
    return {"type": "object", "required": list(spec.input_names), "properties": properties}


def _decoded_schema(spec: ModuleSpec, tensor: TensorSpec) -> dict[str, Any]:
    """One output as ``infer-file`` returns it: JSON decoded, text as a string, a file as base64 text."""
    if tensor.json:
        return _described(spec, tensor, _module_schema(spec, tensor) or {})
    if tensor.is_file:
        return _described(spec, tensor, {"type": "string", "contentEncoding": "base64"})
    return _typed_value_schema(spec, tensor)


def request_example(spec: ModuleSpec) -> dict[str, Any] | None:
    """A complete ``infer`` request from the module's examples; ``None`` unless every input has one."""
    if any(spec.example(tensor) is None for tensor in spec.inputs):
        return None
    example: dict[str, Any] = {"inputs": [_example_tensor(spec, tensor) for tensor in spec.inputs]}
    parameters = {t.name: spec.example(t) for t in spec.parameters if spec.example(t) is not None}
    if parameters:
        example["parameters"] = parameters
    outputs = [tensor.name for tensor in spec.outputs if spec.example(tensor) is not None]
    if outputs:
        example["outputs"] = [{"name": name} for name in outputs]
    return example


def response_example(name: str, spec: ModuleSpec, version: str) -> dict[str, Any] | None:
    outputs = [_example_tensor(spec, tensor) for tensor in spec.outputs if spec.example(tensor) is not None]
    if not outputs:
        return None
    return {"model_name": name, "model_version": version, "outputs": outputs}


def _example_tensor(spec: ModuleSpec, tensor: TensorSpec) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": tensor.name, "datatype": tensor.datatype, "shape": [1]}
    if tensor.oip_content_type:
        entry["parameters"] = {"content_type": tensor.oip_content_type}
    entry["data"] = [_element_example(spec, tensor)]
    return entry
