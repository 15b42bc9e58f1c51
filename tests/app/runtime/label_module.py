"""A contract module with everything the OpenAPI document can say about one: a FILE input of two image types, typed
parameters, a ``json`` output with a pydantic schema (an enum and a nested model, so ``$defs``), a text output, and
examples for each; the generic document tests publish it instead of ``model/``, which a fork deletes."""

from __future__ import annotations

import base64
import io
from enum import StrEnum
from typing import Any

from PIL import Image, UnidentifiedImageError
from pydantic import BaseModel, Field

OUTPUTS = ("label", "text")


class Shape(StrEnum):
    square = "square"
    wide = "wide"
    tall = "tall"


class Size(BaseModel):
    width: int = Field(description="Pixels across")
    height: int = Field(description="Pixels down")


class Label(BaseModel):
    shape: Shape = Field(description="Whether the picture is square, wider than tall, or taller than wide")
    size: Size = Field(description="The picture's size in pixels, before any scaling")


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "PNG")
    return buffer.getvalue()


EXAMPLES: dict[str, Any] = {
    "inputs.photo": base64.b64encode(_png(4, 2)).decode(),
    "parameters.language": "en",
    "parameters.strict": True,
    "parameters.threshold": 0.5,
    "outputs.label": Label(shape=Shape.wide, size=Size(width=4, height=2)).model_dump(mode="json"),
    "outputs.text": "wide 4x2",
}
SCHEMAS: dict[str, Any] = {"outputs.label": Label.model_json_schema()}


def inference(
    parameters: list[dict[str, Any]],
    inputs: list[dict[str, Any]],
    output_fields: list[dict[str, Any]],
    model_key: str,
    model: Any = None,
) -> list[dict[str, Any]]:
    """Label a photo by its shape.

    A test module: reads the picture's size and names its shape.

    :param inputs.photo: A photo to label (PNG or JPEG).
    :type inputs.photo: FILE or image/png or image/jpeg
    :param parameters.language: The language of the text output. Default: en.
    :type parameters.language: str
    :param parameters.strict: Refuse pictures that cannot be read. Default: true.
    :type parameters.strict: bool
    :param parameters.threshold: How much wider than tall a picture must be to be wide. Default: 0.5.
    :type parameters.threshold: float
    :param outputs.label: The photo's shape and size.
    :type outputs.label: json
    :param outputs.text: The label as a line of text.
    :type outputs.text: str
    """
    photos = next(tensor["data"] for tensor in inputs if tensor["name"] == "photo")
    labels = [_label(photo, index) for index, photo in enumerate(photos)]
    columns = {
        "label": [label.model_dump_json() for label in labels],
        "text": [f"{label.shape} {label.size.width}x{label.size.height}" for label in labels],
    }
    wanted = [str(item["name"]) for item in output_fields or []] or list(OUTPUTS)
    return [
        {"name": name, "datatype": "BYTES", "shape": [len(labels)], "parameters": {"content_type": kind},
         "data": columns[name]}
        for name, kind in (("label", "json"), ("text", "str")) if name in wanted
    ]  # fmt: skip


def _label(photo: bytes, index: int) -> Label:
    try:
        with Image.open(io.BytesIO(photo)) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError) as exc:
        raise ValueError(f"inputs.photo[{index}] cannot be read as an image ({exc})") from exc
    shape = Shape.square if width == height else Shape.wide if width > height else Shape.tall
    return Label(shape=shape, size=Size(width=width, height=height))
