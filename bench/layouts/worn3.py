"""The third round's photos, at two levels of damage that ``photo.py`` and ``worn.py`` do not draw.

``photograph_lamp`` (photo): a page seen at an angle under a desk lamp, its light falling off with distance from one
side and warm in colour, a slight barrel distortion of a phone's wide lens, sharpened as phones do, a JPEG.
``photograph_hard`` (hard): the same page at its worst, each photo taking a strong tilt and three or more of a camera
out of focus or moved, the page shot from afar (few pixels a character), the hard-edged shadow of the phone or a hand
across the print, a second compression by a messenger, a crumpled sheet's uneven shading.
"""

from __future__ import annotations

import io
import random

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from bench.layouts.photo import on_a_desk
from bench.layouts.worn import jpeg, sensor_noise

Array = NDArray[np.float32]


def _page(page: Image.Image) -> Array:
    return np.asarray(page.convert("RGB"), dtype=np.float32)


def _desk(clean: Array, rng: random.Random, long_side: tuple[int, int], jitter: tuple[float, float]) -> Array:
    """``clean`` on a desk with ``long_side`` pixels on its longer side and corners moved by ``jitter``."""
    height, width = clean.shape[:2]
    scale = rng.randint(*long_side) / max(height, width) / 1.2
    pad = round(width * rng.uniform(0.06, 0.16)), round(height * rng.uniform(0.04, 0.1))
    photo, _ = on_a_desk(clean, rng, scale, pad, rng.uniform(*jitter))
    return photo


def lamp(photo: Array, rng: random.Random) -> Array:
    """A desk lamp to one side: light falling off with the distance from it (inverse-square, softened), warm."""
    height, width = photo.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    side = rng.randrange(4)
    lx = (-0.4, 1.4, rng.uniform(0, 1), rng.uniform(0, 1))[side] * width
    ly = (rng.uniform(0, 1), rng.uniform(0, 1), -0.4, 1.4)[side] * height
    distance = np.sqrt((xs - lx) ** 2 + (ys - ly) ** 2) / max(height, width)
    light = 1.0 / (1.0 + rng.uniform(0.6, 1.2) * distance**2)
    light = light / light.max() * rng.uniform(1.0, 1.08)
    warm = np.array([1.0, rng.uniform(0.9, 0.96), rng.uniform(0.74, 0.86)], np.float32)
    lit: Array = photo * light[..., None] * warm
    return lit


def barrel(photo: Array, rng: random.Random) -> Array:
    """A wide lens's barrel distortion: straight lines of the page bow outwards towards the frame's edges."""
    height, width = photo.shape[:2]
    strength = rng.uniform(0.02, 0.06)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    nx, ny = (xs - width / 2) / (width / 2), (ys - height / 2) / (height / 2)
    factor = 1 + strength * (nx**2 + ny**2)
    map_x = (nx * factor * (width / 2) + width / 2).astype(np.float32)
    map_y = (ny * factor * (height / 2) + height / 2).astype(np.float32)
    bowed: Array = np.asarray(
        cv2.remap(photo, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT), np.float32
    )
    return bowed


def sharpen(photo: Array, rng: random.Random) -> Array:
    """A phone's unsharp mask: halos along the strokes."""
    soft = cv2.GaussianBlur(photo, (0, 0), rng.uniform(1.5, 2.5))
    amount = rng.uniform(0.4, 0.9)
    sharp: Array = np.asarray(photo * (1 + amount) - soft * amount, np.float32)
    return sharp


def photograph_lamp(page: Image.Image, rng: random.Random) -> bytes:
    """The JPEG bytes of a photo of ``page`` under a desk lamp."""
    photo = _desk(_page(page), rng, (1600, 2200), (0.03, 0.05))
    photo = lamp(photo, rng)
    photo = barrel(photo, rng)
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.5, 0.9)), np.float32)
    photo = sharpen(photo, rng)
    return jpeg(photo + sensor_noise(rng, photo, rng.uniform(2, 4)), rng.randint(70, 85))


def defocus(photo: Array, rng: random.Random) -> Array:
    """A lens focused short of the page: a disc kernel, not a Gaussian (its edges ring faintly)."""
    radius = rng.uniform(1.2, 2.0)
    size = int(np.ceil(radius)) * 2 + 1
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32) - size // 2
    disc = np.clip(radius + 0.5 - np.sqrt(xs**2 + ys**2), 0, 1)
    blurred: Array = np.asarray(cv2.filter2D(photo, -1, disc / disc.sum()), np.float32)
    return blurred


def motion(photo: Array, rng: random.Random) -> Array:
    """The phone moved while the shutter was open: a short straight streak at any angle."""
    length = rng.randint(3, 6)
    size = length * 2 + 1
    kernel = np.zeros((size, size), np.float32)
    angle = rng.uniform(0, np.pi)
    for step in np.linspace(-length / 2, length / 2, length * 3):
        kernel[round(size // 2 + step * np.sin(angle)), round(size // 2 + step * np.cos(angle))] = 1
    streaked: Array = np.asarray(cv2.filter2D(photo, -1, kernel / kernel.sum()), np.float32)
    return streaked


def from_afar(photo: Array, rng: random.Random) -> Array:
    """The page shot from across the table: few pixels to a character, scaled back up by the phone's gallery."""
    height, width = photo.shape[:2]
    shrink = rng.uniform(0.65, 0.8)
    small = cv2.resize(photo, (round(width * shrink), round(height * shrink)), interpolation=cv2.INTER_AREA)
    back: Array = np.asarray(cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR), np.float32)
    return back


def hard_shadow(photo: Array, rng: random.Random) -> Array:
    """The shadow of the phone or the hand holding it: a dark polygon with a short penumbra across a part of the
    page, the print inside still legible."""
    height, width = photo.shape[:2]
    mask = np.zeros((height, width), np.float32)
    side = rng.randrange(4)
    reach = rng.uniform(0.25, 0.5)
    if side == 0:
        points = [(0, 0), (reach * width, 0), (rng.uniform(0.1, 0.6) * width, height), (0, height)]
    elif side == 1:
        points = [(width, 0), ((1 - reach) * width, 0), (rng.uniform(0.4, 0.9) * width, height), (width, height)]
    elif side == 2:
        points = [(0, 0), (width, 0), (width, rng.uniform(0.1, 0.4) * height), (0, reach * height)]
    else:
        points = [(0, height), (width, height), (width, (1 - reach) * height), (0, rng.uniform(0.6, 0.9) * height)]
    cv2.fillPoly(mask, [np.array(points, np.int32)], 1.0)
    soft = np.asarray(cv2.GaussianBlur(mask, (0, 0), rng.uniform(4, 14)), np.float32)
    darkness = rng.uniform(0.35, 0.5)
    shaded: Array = photo * (1 - darkness * soft)[..., None]
    return shaded


def crumple(photo: Array, rng: random.Random) -> Array:
    """A crumpled sheet flattened by hand: low-frequency light and dark patches over the paper."""
    height, width = photo.shape[:2]
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 1, (height // 90 + 2, width // 90 + 2))
    field = cv2.resize(noise.astype(np.float32), (width, height), interpolation=cv2.INTER_CUBIC)
    shading: Array = photo * (1 + rng.uniform(0.06, 0.12) * np.clip(field, -2, 2))[..., None]
    return shading


def photograph_hard(page: Image.Image, rng: random.Random) -> bytes:
    """The JPEG bytes of a bad photo of ``page``: tilted, a blur (defocus or motion), and two or more of a shot from
    afar, a hard shadow, a crumpled sheet; sent through a messenger (compressed twice, the second time hard)."""
    clean = _page(page)
    photo = _desk(clean, rng, (1400, 2000), (0.05, 0.08))
    height, width = photo.shape[:2]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), rng.uniform(-7, 7), 1.0)
    photo = np.asarray(cv2.warpAffine(photo, turn, (width, height), borderMode=cv2.BORDER_REPLICATE), np.float32)
    photo = lamp(photo, rng) if rng.random() < 0.5 else photo
    for damage in rng.sample([from_afar, hard_shadow, crumple], rng.randint(2, 3)):
        photo = damage(photo, rng)
    photo = defocus(photo, rng) if rng.random() < 0.5 else motion(photo, rng)
    first = jpeg(photo + sensor_noise(rng, photo, rng.uniform(3, 6)), rng.randint(60, 75))
    again = np.asarray(Image.open(io.BytesIO(first)).convert("RGB"), np.float32)
    shrink = rng.uniform(0.85, 0.95)
    smaller = cv2.resize(again, (round(width * shrink), round(height * shrink)), interpolation=cv2.INTER_AREA)
    return jpeg(np.asarray(smaller, np.float32), rng.randint(35, 50))
