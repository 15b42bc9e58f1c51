"""The second round's photos: damage ``photo.py`` does not do. Each photo takes a strong perspective and two or more
of a fold's crease, a vignette, a glare, low light (an underexposed shot brightened by the camera, its noise with
it), a frame that cuts one edge of the page inside its margin, and on a thermal tape a faded stretch of print."""

from __future__ import annotations

import io
import random

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from bench.layouts.photo import on_a_desk

Array = NDArray[np.float32]


def as_array(image: Image.Image) -> Array:
    """A drawn page as the float RGB array every round's damage works on."""
    return np.asarray(image.convert("RGB"), dtype=np.float32)


def jpeg(photo: Array, quality: int) -> bytes:
    """A damaged photo saved as a camera or a messenger saves it."""
    buffer = io.BytesIO()
    Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8)).save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def sensor_noise(rng: random.Random, photo: Array, sigma: float) -> Array:
    """A sensor's noise, seeded from ``rng``."""
    return np.random.default_rng(rng.randrange(2**32)).normal(0, sigma, photo.shape).astype(np.float32)


def _ink_box(page: Array) -> tuple[int, int, int, int]:
    """The page's printed area (left, top, right, bottom): where pixels differ from its corner's paper."""
    ink = np.abs(page - page[0, 0]).sum(axis=2) > 60
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return int(cols[0]), int(rows[0]), int(cols[-1]), int(rows[-1])


def fade(page: Array, rng: random.Random) -> Array:
    """A thermal tape's print faded along a stretch of its length (heat or age): ink drawn towards the paper by up to
    60 %, most in the stretch's middle, still legible."""
    height = page.shape[0]
    centre, reach = rng.uniform(0.2, 0.8) * height, rng.uniform(0.12, 0.3) * height
    ys = np.arange(height, dtype=np.float32)
    strength = rng.uniform(0.4, 0.6) * np.exp(-(((ys - centre) / reach) ** 2))
    paper = page[0, 0]
    faded: Array = page + (paper - page) * strength[:, None, None]
    return faded


def crease(page: Array, rng: random.Random) -> Array:
    """A fold across the page: a soft shadow on one side of the crease and a thin highlight along it."""
    height, width = page.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    y0 = rng.uniform(0.3, 0.7) * height
    slope = rng.uniform(-0.08, 0.08)
    distance = ys - (y0 + slope * (xs - width / 2))
    shadow = rng.uniform(0.12, 0.25) * np.exp(-np.maximum(distance, 0) / rng.uniform(20, 60))
    highlight = rng.uniform(0.05, 0.1) * np.exp(-((distance + 3) ** 2) / 4)
    folded: Array = page * (1 - shadow)[..., None] + (255 - page) * highlight[..., None]
    return folded


def vignette(photo: Array, rng: random.Random) -> Array:
    height, width = photo.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    radius = ((xs / width - 0.5) ** 2 + (ys / height - 0.5) ** 2) * 2
    darker: Array = photo * (1 - rng.uniform(0.3, 0.5) * radius)[..., None]
    return darker


def glare(photo: Array, rng: random.Random) -> Array:
    """A lamp's reflection: an ellipse washed towards white, the print under it paler but not gone."""
    height, width = photo.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.8) * height
    rx, ry = rng.uniform(0.08, 0.2) * width, rng.uniform(0.05, 0.12) * height
    spot = rng.uniform(0.35, 0.55) * np.exp(-(((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2))
    washed: Array = photo + (255 - photo) * spot[..., None]
    return washed


def low_light(photo: Array, rng: random.Random) -> Array:
    """An underexposed shot that the camera brightened: the sensor's noise, grey and in colour, brightened too."""
    dim = rng.uniform(0.35, 0.55)
    seed = np.random.default_rng(rng.randrange(2**32))
    grey = seed.normal(0, rng.uniform(3, 5), photo.shape[:2])[..., None]
    colour = seed.normal(0, 2, photo.shape)
    brightened: Array = ((photo * dim + grey + colour) * (0.9 / dim)).astype(np.float32)
    return brightened


def photograph_worn(page: Image.Image, rng: random.Random, thermal: bool = False) -> bytes:
    """The JPEG bytes of a worn photo of ``page``; ``thermal`` pages may also be faded."""
    clean = np.asarray(page.convert("RGB"), dtype=np.float32)
    box = _ink_box(clean)
    if thermal and rng.random() < 0.7:
        clean = fade(clean, rng)
    if rng.random() < 0.5:
        clean = crease(clean, rng)
    height, width = clean.shape[:2]
    scale = rng.randint(1500, 2100) / max(height, width) / 1.2
    pad = round(width * rng.uniform(0.1, 0.2)), round(height * rng.uniform(0.06, 0.12))
    photo, warp = on_a_desk(clean, rng, scale, pad, rng.uniform(0.05, 0.08))
    damages = [vignette, glare, low_light]
    for damage in rng.sample(damages, rng.randint(1, 3)):
        photo = damage(photo, rng)
    blurred = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.6, 1.2)), np.float32)
    photo = blurred + np.random.default_rng(rng.randrange(2**32)).normal(0, 3, blurred.shape).astype(np.float32)
    if rng.random() < 0.5:
        photo = _cut_edge(photo, warp, box, rng)
    image = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rng.randint(55, 80))
    return buffer.getvalue()


def _cut_edge(photo: Array, warp: NDArray[np.float64], box: tuple[int, int, int, int], rng: random.Random) -> Array:
    """The frame cut one side of the photo between the desk and the print: part of the paper's blank margin gone,
    the print untouched (the cut stops short of the print's outermost point on that side)."""
    left, top, right, bottom = box
    corners = np.array([[[left, top], [right, top], [right, bottom], [left, bottom]]], np.float32)
    ink = cv2.perspectiveTransform(corners, warp)[0]
    share = rng.uniform(0.5, 0.9)
    side = rng.randrange(4)
    if side == 0:
        return photo[:, round(share * (ink[:, 0].min() - 6)) :]
    if side == 1:
        edge = ink[:, 0].max() + 6
        return photo[:, : round(edge + (1 - share) * (photo.shape[1] - edge))]
    if side == 2:
        return photo[round(share * (ink[:, 1].min() - 6)) :]
    edge = ink[:, 1].max() + 6
    return photo[: round(edge + (1 - share) * (photo.shape[0] - edge))]
