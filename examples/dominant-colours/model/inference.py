"""The dominant colours of an image: the example of a module that shares nothing with the receipt extractor but the
contract. No ``load()`` (nothing to load), no ``MODEL_KEYS`` (the manifest's model key is enough); the platform's
codecs (``app.codecs``) turn tensors into values and back, so ``inference()`` is a few lines.
"""

from __future__ import annotations

import io
from typing import Any

from PIL import Image, UnidentifiedImageError

from app.codecs import encode_outputs, read_input, read_parameters, requested_outputs

OUTPUTS = ("colours", "dominant")
EXAMPLES: dict[str, Any] = {
    "parameters.count": 3,
    "parameters.ignore_white": False,
    "outputs.colours": [{"hex": "#1f4e79", "share": 0.62}, {"hex": "#f2f2f2", "share": 0.38}],
    "outputs.dominant": "#1f4e79",
}
"""Example values for the generated API docs, keyed like the docstring."""
_WHITE = 235
"""A pixel whose three channels all reach this is paper or background, not a colour of the subject."""


def inference(
    parameters: list[dict[str, Any]],
    inputs: list[dict[str, Any]],
    output_fields: list[dict[str, Any]],
    model_key: str,
    model: Any = None,
) -> list[dict[str, Any]]:
    """The dominant colours of an image, most common first.

    :param inputs.picture: The image whose colours are counted; one element per image.
    :type inputs.picture: FILE or image/png or image/jpeg or image/webp
    :param parameters.count: How many colours to find, 1 to 16. Default: 3.
    :type parameters.count: int
    :param parameters.ignore_white: Leave near-white pixels (paper, background) out. Default: false.
    :type parameters.ignore_white: bool
    :param outputs.colours: The colours, most common first: hex (#rrggbb) and share (0 to 1) of the pixels counted.
    :type outputs.colours: json
    :param outputs.dominant: The most common colour as #rrggbb.
    :type outputs.dominant: str
    """
    options = read_parameters(parameters)
    count = options.get("count", 3)
    if not 1 <= count <= 16:
        raise ValueError(f"parameters.count must be between 1 and 16, not {count}")
    ignore_white = options.get("ignore_white", False)
    palettes = [_colours(data, count, ignore_white, index) for index, data in enumerate(read_input(inputs, "picture"))]
    columns = {"colours": palettes, "dominant": [palette[0]["hex"] if palette else "" for palette in palettes]}
    return encode_outputs(requested_outputs(output_fields, OUTPUTS), columns)


def _colours(data: bytes, count: int, ignore_white: bool, index: int) -> list[dict[str, Any]]:
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = opened.convert("RGB")
    except (UnidentifiedImageError, OSError) as exc:
        raise ValueError(f"inputs.picture[{index}] cannot be read as an image ({exc})") from exc
    image.thumbnail((128, 128))
    pixels = [pixel for pixel in image.getdata() if not (ignore_white and min(pixel) >= _WHITE)]
    if not pixels:
        return []
    sample = Image.new("RGB", (len(pixels), 1))
    sample.putdata(pixels)
    quantized = sample.quantize(colors=count, method=Image.Quantize.MEDIANCUT)
    palette = quantized.getpalette() or []
    counts = sorted(quantized.getcolors() or [], reverse=True)
    return [
        {"hex": "#{:02x}{:02x}{:02x}".format(*palette[3 * slot : 3 * slot + 3]), "share": round(n / len(pixels), 4)}
        for n, slot in counts
    ]
