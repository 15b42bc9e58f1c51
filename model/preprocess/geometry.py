"""Where a pixel of a preprocessed image lies on the page as loaded: each geometric step's 3×3 matrix, composed.

The OCR reads an image that was cropped and flattened, turned, levelled and scaled; a field's box is wanted on the
photo the person took. Every step is a projective map (a perspective warp, rotations, a scaling), so the whole
chain is one 3×3 matrix, and its inverse carries a box back. Coordinates are pixel edges: (0, 0) is the top-left
corner of the first pixel, (width, height) the bottom-right corner of the last.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]
"""A 3×3 projective map of (x, y, 1) from one image's pixels to another's."""


def identity() -> Matrix:
    return np.eye(3)


def scaling(before: tuple[int, ...], after: tuple[int, ...]) -> Matrix:
    """The map of a resize from shape ``before`` to shape ``after`` (numpy shapes: height first)."""
    return np.diag([after[1] / before[1], after[0] / before[0], 1.0])


def quarter_turns(turns: int, shape: tuple[int, ...]) -> Matrix:
    """The map of ``np.rot90(image, turns)``: quarter turns counter-clockwise of an image of ``shape``."""
    height, width = shape[:2]
    turns %= 4
    if turns == 1:
        return np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, width], [0.0, 0.0, 1.0]])
    if turns == 2:
        return np.array([[-1.0, 0.0, width], [0.0, -1.0, height], [0.0, 0.0, 1.0]])
    if turns == 3:
        return np.array([[0.0, -1.0, height], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    return identity()


def box_on_page(
    box: tuple[float, float, float, float], to_image: Matrix, page_shape: tuple[int, ...]
) -> tuple[float, float, float, float] | None:
    """A box (left, top, right, bottom) in the pixels of an image that ``to_image`` maps the page onto, as the
    page's normalised (x, y, width, height), each 0..1: the bounding box of its four corners carried back, clipped
    to the page. None when nothing of it lies on the page."""
    left, top, right, bottom = box
    corners = np.array([[left, top, 1.0], [right, top, 1.0], [right, bottom, 1.0], [left, bottom, 1.0]]).T
    back = np.linalg.inv(to_image) @ corners
    xs, ys = back[0] / back[2], back[1] / back[2]
    height, width = page_shape[:2]
    x0, x1 = float(np.clip(xs.min(), 0, width)), float(np.clip(xs.max(), 0, width))
    y0, y1 = float(np.clip(ys.min(), 0, height)), float(np.clip(ys.max(), 0, height))
    if x1 <= x0 or y1 <= y0:
        return None
    return x0 / width, y0 / height, (x1 - x0) / width, (y1 - y0) / height
