"""The smallest module the contract allows (one FILE input, one output, no load()): the default entrypoint of the
manifests tests write for themselves (``manifests_kit``), so that they never depend on ``model/``."""

from __future__ import annotations

from typing import Any


def inference(
    parameters: list[dict[str, Any]],
    inputs: list[dict[str, Any]],
    output_fields: list[dict[str, Any]],
    model_key: str,
    model: Any = None,
) -> list[dict[str, Any]]:
    """Measure files.

    :param inputs.file: Any image or PDF.
    :type inputs.file: FILE or image/png or image/jpeg or application/pdf
    :param outputs.size: The file's size in bytes.
    :type outputs.size: int
    """
    sizes = [len(item) for tensor in inputs if tensor["name"] == "file" for item in tensor["data"]]
    return [{"name": "size", "datatype": "INT64", "shape": [len(sizes)], "data": sizes}]
