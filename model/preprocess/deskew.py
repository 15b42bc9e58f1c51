"""Skew by projection profile: the angle at which the ink's row histogram is sharpest is the text-line angle.

The projection profile had the smallest error of the estimators measured (0.11° mean, against 0.22° for
line-blob minAreaRect and 0.56° for all-ink minAreaRect); projecting a sample of ink points for all angles at
once keeps it to tens of milliseconds. Up to 3° costs almost nothing in OCR, 8° loses half the digit fields.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
from numpy.typing import NDArray

from model.preprocess.enhance import Image, ink_mask, resize

ANALYSIS_SIDE = 1200
"""Longest side of the copy the angle is measured on: 1 px over 1200 px is 0.05°."""

MAX_SKEW = 15.0
COARSE_STEP = 0.5
FINE_STEP = 0.05
MAX_POINTS = 20_000
MIN_POINTS = 200
MIN_SHARPNESS = 1.05
"""Best profile score over the median one: below this there are no text lines, only specks or texture."""

PAPER_PERCENTILE = 95
PAPER_SAMPLE_STEP = 8

Points = NDArray[np.float64]


def ink_points(grey: Image, side: int = ANALYSIS_SIDE) -> Points:
    """(x, y) of ink pixels on a copy at most ``side`` px long, thinned to at most ``MAX_POINTS``."""
    factor = min(1.0, side / max(grey.shape[:2]))
    small = resize(grey, factor) if factor < 1 else grey
    ys, xs = np.nonzero(ink_mask(small))
    stride = max(1, len(xs) // MAX_POINTS)
    return np.stack([xs[::stride], ys[::stride]], axis=1).astype(np.float64)


def profile_scores(points: Points, angles: NDArray[np.float64]) -> NDArray[np.float64]:
    """Sum of squared row counts after rotating the points by each angle: highest when lines are level."""
    theta = np.radians(angles)[:, None]
    projected = np.rint(points[:, 0] * np.sin(theta) + points[:, 1] * np.cos(theta)).astype(np.int64)
    projected -= projected.min()
    bins = int(projected.max()) + 1
    index = projected + np.arange(len(angles))[:, None] * bins
    histogram = np.bincount(index.ravel(), minlength=len(angles) * bins).reshape(len(angles), bins)
    scores: NDArray[np.float64] = (histogram.astype(np.float64) ** 2).sum(axis=1) / float(len(points)) ** 2
    return scores


def best_angle(points: Points) -> tuple[float, float]:
    """(angle, sharpness): a coarse sweep over ±15°, then a fine one around its peak."""
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + COARSE_STEP / 2, COARSE_STEP)
    coarse_scores = profile_scores(points, coarse)
    peak = float(coarse[int(np.argmax(coarse_scores))])
    fine = np.arange(peak - COARSE_STEP, peak + COARSE_STEP + FINE_STEP / 2, FINE_STEP)
    fine_scores = profile_scores(points, fine)
    sharpness = float(fine_scores.max() / max(float(np.median(coarse_scores)), 1e-12))
    return float(fine[int(np.argmax(fine_scores))]), sharpness


def estimate_skew(grey: Image) -> float | None:
    """Counter-clockwise angle of the text lines in degrees, or None when there are no clear lines."""
    points = ink_points(grey)
    if len(points) < MIN_POINTS:
        return None
    angle, sharpness = best_angle(points)
    return angle if sharpness >= MIN_SHARPNESS else None


def paper_colour(image: Image) -> tuple[float, ...]:
    """A bright percentile of a sparse sample: the paper, so the corners a rotation uncovers read as margin."""
    channels = 1 if image.ndim == 2 else image.shape[2]
    sample = image[::PAPER_SAMPLE_STEP, ::PAPER_SAMPLE_STEP].reshape(-1, channels)
    return tuple(float(v) for v in np.percentile(sample, PAPER_PERCENTILE, axis=0))


def rotation(shape: tuple[int, ...], angle: float) -> tuple[NDArray[np.float64], tuple[int, int]]:
    """The 3×3 matrix of a counter-clockwise rotation by ``angle`` degrees of an image of ``shape`` on a canvas grown
    to keep the corners, and that canvas's (width, height)."""
    height, width = shape[:2]
    cos, sin = abs(math.cos(math.radians(angle))), abs(math.sin(math.radians(angle)))
    new_width, new_height = round(width * cos + height * sin), round(width * sin + height * cos)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    matrix[0, 2] += (new_width - width) / 2
    matrix[1, 2] += (new_height - height) / 2
    return np.vstack([matrix, [0.0, 0.0, 1.0]]), (new_width, new_height)


def rotate(image: Image, angle: float) -> Image:
    """Rotate counter-clockwise by ``angle`` degrees on a canvas grown to keep the corners."""
    matrix, size = rotation(image.shape, angle)
    return cv2.warpAffine(
        image,
        matrix[:2],
        size,
        flags=cv2.INTER_CUBIC,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=paper_colour(image),
    ).astype(np.uint8, copy=False)
