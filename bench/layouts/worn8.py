"""The eighth round's damage, none of which an earlier round draws.

A tape, photo level (``photograph_in_hand``): held curved in the hand (a cylinder round its long axis, so the print
narrows towards both edges and the lines bow), shot at an angle, the holding thumb over one edge, a small shake of
the hand (a short motion blur). A tape, hard level (``photograph_flashed``): shot with the flash on glossy thermal
paper (a hot spot that washes the print out to white, the frame's edges darker), a longer shake, held at an angle.

A sheet, photo level: a scan of the filed page (``scanned_filed``): at 120-150 dpi in grey, slightly skewed, the two
holes of a hole punch at its left edge, a staple in the top left corner with its shadow. A sheet, hard level: a phone
photo at a steep angle with a finger over one edge and the shake's blur. A screen (none in this round) is treated as
a sheet.
"""

from __future__ import annotations

import math
import random

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from bench.layouts.drawn import Drawn
from bench.layouts.photo import on_a_desk
from bench.layouts.worn import as_array, jpeg

Array = NDArray[np.float32]
_SKIN = ((224, 172, 140), (198, 140, 106), (236, 188, 160), (170, 118, 88))


def bend_in_hand(page: Array, rng: random.Random) -> Array:
    """The page held curved round its long axis: columns squeezed towards both edges (a cylinder seen from the
    front), each row bowed by up to a few per cent of the width, the edges shaded as they turn from the light."""
    height, width = page.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    half = width / 2
    u = (xs - half) / half
    k = rng.uniform(0.75, 0.92)
    source_x = half + half * np.arcsin(np.clip(u * k, -1, 1)) / math.asin(k)
    source_y = ys + (1 - u**2) * width * rng.uniform(0.015, 0.035) * rng.choice([-1, 1])
    bent = cv2.remap(
        page,
        source_x.astype(np.float32),
        source_y.astype(np.float32),
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )
    shade = 1 - rng.uniform(0.12, 0.25) * np.abs(u) ** 3
    shaded: Array = (np.asarray(bent, np.float32) * shade[..., None]).astype(np.float32)
    return shaded


def finger(photo: Array, rng: random.Random) -> Array:
    """A thumb over the left or right edge of the frame: a skin-coloured ellipse, lit on one side, its rim soft."""
    height, width = photo.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    left = rng.random() < 0.5
    cx = (rng.uniform(-0.04, 0.04) if left else rng.uniform(0.96, 1.04)) * width
    cy = rng.uniform(0.3, 0.8) * height
    rx, ry = rng.uniform(0.08, 0.13) * width, rng.uniform(0.07, 0.11) * height
    distance = ((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2
    mask = np.clip((1.15 - distance) / 0.3, 0, 1)
    light = 0.75 + 0.35 * np.clip((ys - cy) / ry, -1, 1) * rng.choice([-1, 1])
    skin = np.array(rng.choice(_SKIN), np.float32) * light[..., None]
    covered: Array = (photo * (1 - mask[..., None]) + skin * mask[..., None]).astype(np.float32)
    return covered


def shake(photo: Array, rng: random.Random, length: tuple[int, int]) -> Array:
    """A shaking hand: a motion blur along a line of ``length`` pixels at a random angle."""
    size = rng.randint(*length)
    kernel = np.zeros((size, size), np.float32)
    angle = rng.uniform(0, math.pi)
    centre = (size - 1) / 2
    for step in np.linspace(-centre, centre, size * 3):
        kernel[round(centre + step * math.sin(angle)), round(centre + step * math.cos(angle))] = 1
    kernel /= kernel.sum()
    blurred: Array = np.asarray(cv2.filter2D(photo, -1, kernel), np.float32)
    return blurred


def flash(photo: Array, rng: random.Random) -> Array:
    """The flash on glossy paper: a hot spot that washes the print towards white at its centre, light falling off
    towards the frame's edges."""
    height, width = photo.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    cx, cy = rng.uniform(0.35, 0.65) * width, rng.uniform(0.3, 0.7) * height
    radius = rng.uniform(0.1, 0.16) * max(height, width)
    spot = np.exp(-(((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * radius**2)))
    falloff = 1 - rng.uniform(0.25, 0.4) * np.clip(np.hypot((xs - cx) / width, (ys - cy) / height) * 1.6, 0, 1)
    lit = photo * falloff[..., None]
    washed: Array = (lit + (255 - lit) * (rng.uniform(0.8, 0.95) * spot)[..., None]).astype(np.float32)
    return washed


def _handheld(drawn: Drawn, rng: random.Random, *, bent: bool, jitter: float) -> Array:
    page = as_array(drawn.image)
    if bent:
        page = bend_in_hand(page, rng)
    height, width = page.shape[:2]
    # a phone's 12 MP frame keeps a long tape's print legible: never below four fifths of its size
    scale = max(rng.randint(1600, 2100) / max(height, width) / 1.15, rng.uniform(0.8, 0.9))
    pad = round(width * rng.uniform(0.06, 0.12)), round(height * rng.uniform(0.03, 0.07))
    photo, _ = on_a_desk(page, rng, scale, pad, jitter)
    return finger(photo, rng)


def photograph_in_hand(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: a tape held curved in the hand and shot at an angle, a thumb over its edge, a small shake;
    a sheet scanned from its file (punched, stapled)."""
    if not drawn.thermal:
        return scanned_filed(drawn.image, rng)
    photo = _handheld(drawn, rng, bent=True, jitter=rng.uniform(0.04, 0.07))
    photo = shake(photo, rng, (3, 5))
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 3, photo.shape).astype(np.float32)
    return jpeg(photo + noise, rng.randint(72, 86))


def photograph_flashed(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: a tape shot with the flash (a hot spot on the glossy paper) and a longer shake; a sheet shot
    at a steep angle with a finger over its edge and the shake's blur."""
    if drawn.thermal:
        photo = _handheld(drawn, rng, bent=True, jitter=rng.uniform(0.05, 0.08))
        photo = flash(photo, rng)
        photo = shake(photo, rng, (5, 8))
    else:
        photo = _handheld(drawn, rng, bent=False, jitter=rng.uniform(0.07, 0.1))
        photo = shake(photo, rng, (4, 7))
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 4, photo.shape).astype(np.float32)
    return jpeg(photo + noise, rng.randint(62, 78))


def scanned_filed(page: Image.Image, rng: random.Random) -> bytes:
    """A filed page scanned: grey at 120-150 dpi, turned by up to 1.2°, two punched holes 80 mm apart at its left
    edge (the scanner's grey lid showing through, a shadow on their rim), a staple in the top left corner with its
    shadow, saved as a JPEG."""
    grey = np.asarray(page.convert("L"), np.float32)
    height, width = grey.shape
    factor = rng.uniform(0.8, 1.0) if width > 900 else 1.0
    scan = cv2.resize(grey, (round(width * factor), round(height * factor)), interpolation=cv2.INTER_AREA)
    h, w = scan.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    millimetre = w / 210
    radius = 3 * millimetre
    hole_x = 12 * millimetre
    for offset in (-40, 40):
        hole_y = h / 2 + offset * millimetre
        distance = np.hypot(xs - hole_x, ys - hole_y)
        rim = np.exp(-(((distance - radius) / (0.6 * millimetre)) ** 2))
        scan = np.where(distance < radius, rng.uniform(70, 110), scan * (1 - 0.5 * rim))
    sx, sy = rng.uniform(8, 16) * millimetre, rng.uniform(8, 14) * millimetre
    angle = math.radians(rng.uniform(30, 60))
    length = 12 * millimetre
    end = (round(sx + length * math.cos(angle)), round(sy - length * math.sin(angle)))
    shadow = np.zeros_like(scan)
    cv2.line(shadow, (round(sx) + 4, round(sy) + 5), (end[0] + 4, end[1] + 5), 1.0, max(3, round(millimetre)))
    shadow = cv2.GaussianBlur(shadow, (0, 0), millimetre)
    scan = scan * (1 - 0.45 * shadow)
    cv2.line(scan, (round(sx), round(sy)), end, 90.0, max(2, round(0.7 * millimetre)))
    cv2.line(scan, (round(sx), round(sy) - 1), (end[0], end[1] - 1), 200.0, 1)
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-1.2, 1.2), 1.0)
    scan = np.asarray(cv2.warpAffine(np.asarray(scan, np.float32), turn, (w, h), borderValue=235.0), np.float32)
    scan = np.asarray(cv2.GaussianBlur(scan, (0, 0), rng.uniform(0.4, 0.7)), np.float32)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 2.5, scan.shape).astype(np.float32)
    return jpeg(np.repeat((scan + noise)[..., None], 3, axis=2), rng.randint(70, 84))
