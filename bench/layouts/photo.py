"""A phone photo of a clean page, drawn here and nowhere else in the project: the page lies on a textured surface,
seen at an angle (a perspective warp and a small turn), lit unevenly (a light gradient and a soft shadow), slightly
out of focus, with sensor noise, saved as a JPEG."""

from __future__ import annotations

import io
import random

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

_LONG_SIDE = (1500, 2100)
_SURFACES = ((120, 85, 55), (160, 120, 80), (90, 90, 95), (60, 60, 62), (150, 150, 140), (70, 50, 40), (40, 60, 90))
"""Wood, grey and dark desks, a blue cloth (RGB)."""


def _surface(rng: random.Random, height: int, width: int) -> NDArray[np.float32]:
    """A table top: a base colour with low-frequency blotches and a grain."""
    base = np.array(rng.choice(_SURFACES), dtype=np.float32) * rng.uniform(0.8, 1.1)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 1, (height // 32 + 2, width // 32 + 2, 1))
    blotches = cv2.resize(noise.astype(np.float32), (width, height), interpolation=cv2.INTER_CUBIC)[..., None]
    grain = np.random.default_rng(rng.randrange(2**32)).normal(0, 6, (height, width, 1)).astype(np.float32)
    surface: NDArray[np.float32] = np.clip(base + blotches * 18 + grain, 0, 255).astype(np.float32)
    return surface


def _lighting(rng: random.Random, height: int, width: int) -> NDArray[np.float32]:
    """A multiplier: brighter towards a random corner, with an elliptic shadow somewhere."""
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (xs / width - 0.5) * np.cos(angle) + (ys / height - 0.5) * np.sin(angle)
    light = 1.0 - rng.uniform(0.15, 0.35) * (ramp + 0.5)
    cx, cy = rng.uniform(0, width), rng.uniform(0, height)
    rx, ry = rng.uniform(0.2, 0.5) * width, rng.uniform(0.2, 0.5) * height
    shadow = np.exp(-(((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2))
    light *= 1.0 - rng.uniform(0.1, 0.3) * shadow
    multiplier: NDArray[np.float32] = light.astype(np.float32)[..., None]
    return multiplier


def on_a_desk(
    clean: NDArray[np.float32], rng: random.Random, scale: float, pad: tuple[int, int], jitter: float
) -> tuple[NDArray[np.float32], NDArray[np.float64]]:
    """``clean`` seen at an angle on a table top: scaled by ``scale`` with ``pad`` (x, y) of desk around it, each
    corner moved by up to ``jitter`` of the frame. The photo and the perspective warp that made it."""
    height, width = clean.shape[:2]
    pad_x, pad_y = pad
    out_w, out_h = round((width + 2 * pad_x) * scale), round((height + 2 * pad_y) * scale)

    def corner(x: float, y: float) -> tuple[float, float]:
        return (
            (x + pad_x) * scale + rng.uniform(-jitter, jitter) * out_w,
            (y + pad_y) * scale + rng.uniform(-jitter, jitter) * out_h,
        )

    source = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    target = np.array([corner(0, 0), corner(width, 0), corner(width, height), corner(0, height)], np.float32)
    warp = cv2.getPerspectiveTransform(source, target)
    paper = cv2.warpPerspective(clean, warp, (out_w, out_h), flags=cv2.INTER_AREA, borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.ones((height, width), np.float32), warp, (out_w, out_h), flags=cv2.INTER_LINEAR)
    photo = paper * mask[..., None] + _surface(rng, out_h, out_w) * (1 - mask[..., None])
    return photo, np.asarray(warp, np.float64)


def photograph(page: Image.Image, rng: random.Random) -> bytes:
    """The JPEG bytes of a photo of ``page``."""
    clean = np.asarray(page.convert("RGB"), dtype=np.float32)
    height, width = clean.shape[:2]
    scale = rng.randint(*_LONG_SIDE) / max(height, width) / 1.2
    pad = round(width * rng.uniform(0.08, 0.18)), round(height * rng.uniform(0.05, 0.12))
    photo, _ = on_a_desk(clean, rng, scale, pad, 0.035)
    out_h, out_w = photo.shape[:2]
    photo *= _lighting(rng, out_h, out_w)
    tint = np.array([rng.uniform(0.92, 1.0), rng.uniform(0.95, 1.0), rng.uniform(0.9, 1.0)], np.float32)
    photo *= tint
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.6, 1.3)), np.float32)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(2, 6), photo.shape)
    photo = photo + np.asarray(noise, dtype=np.float32)
    image = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rng.randint(60, 82))
    return buffer.getvalue()
