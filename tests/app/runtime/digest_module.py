"""A contract module with a FILE input that reports what it received: proof that a file reference reaches the
module as the uploaded bytes."""

from __future__ import annotations

import hashlib
from typing import Any


def load(model_key: str) -> None:
    """Nothing to load."""


def inference(
    parameters: list[dict[str, Any]],
    inputs: list[dict[str, Any]],
    output_fields: list[dict[str, Any]],
    model_key: str,
    model: Any = None,
) -> list[dict[str, Any]]:
    """Digest each image.

    :param inputs.image: The image to digest.
    :type inputs.image: FILE[4] or image/png or image/jpeg
    :param outputs.sha256: Hex SHA-256 of each image's bytes.
    :type outputs.sha256: str
    """
    images = next(tensor["data"] for tensor in inputs if tensor["name"] == "image")
    digests = [hashlib.sha256(image).hexdigest() for image in images]
    return [{"name": "sha256", "datatype": "BYTES", "shape": [len(digests)], "data": digests}]
