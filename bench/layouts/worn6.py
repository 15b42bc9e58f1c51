"""The sixth round's damage, none of which an earlier round draws.

Paper, photo level (``photograph_curled``): the sheet or tape lifted at one side, so its lines bow and its print
narrows towards that side (a cylinder's foreshortening), shot under LED light whose flicker the phone's rolling
shutter turns into soft horizontal bands, with the light's green cast. Paper, hard level (``photocopied``): what an
accounts office keeps, a photocopy of the page: scanned at a low resolution, thresholded to black and white with an
uneven threshold (grey print breaks up, thin strokes drop), the toner's specks, a streak down the drum, a small turn.
Screens (a screenshot, an app's PDF): photographed off a monitor instead of shared, its pixel grid beating with the
camera's into moiré, slightly turned and soft (photo); at the hard level from a steep angle, out of focus, with a
window's reflection across the glass.
"""

from __future__ import annotations

import random

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from bench.layouts.drawn import Drawn
from bench.layouts.photo import on_a_desk
from bench.layouts.worn import as_array, jpeg

Array = NDArray[np.float32]


def curl(page: Array, rng: random.Random) -> Array:
    """The page lifted at its left or right side like a cylinder: columns towards that side squeezed together and
    shaded, rows bowed downwards by up to a few per cent of the width."""
    height, width = page.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    lift = rng.uniform(0.25, 0.45)
    side = rng.random() < 0.5
    t = xs / (width - 1)
    if side:
        t = 1 - t
    bend = np.clip((lift - t) / lift, 0, 1)
    source_x = xs + (bend**2) * width * 0.06 * (1 if side else -1)
    source_y = ys - np.sin(np.pi * xs / width) * width * rng.uniform(0.01, 0.025)
    curled = cv2.remap(page, source_x, source_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    shade: Array = (np.asarray(curled, np.float32) * (1 - 0.25 * bend**2)[..., None]).astype(np.float32)
    return shade


def flicker(photo: Array, rng: random.Random) -> Array:
    """LED light's flicker caught by a rolling shutter: soft horizontal bands of light and dark, a green cast."""
    height = photo.shape[0]
    period = rng.uniform(60, 160)
    phase = rng.uniform(0, 2 * np.pi)
    rows = 1 + rng.uniform(0.06, 0.12) * np.sin(2 * np.pi * np.arange(height, dtype=np.float32) / period + phase)
    cast = np.array([rng.uniform(0.88, 0.94), 1.0, rng.uniform(0.86, 0.93)], np.float32)
    banded: Array = (photo * rows[:, None, None] * cast).astype(np.float32)
    return banded


def photograph_curled(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: a screen photographed off a monitor; paper curled on a desk under flickering LED light."""
    if drawn.screen:
        return off_a_monitor(drawn.image, rng, steep=False)
    page = curl(as_array(drawn.image), rng)
    height, width = page.shape[:2]
    scale = rng.randint(1700, 2200) / max(height, width) / 1.2
    pad = round(width * rng.uniform(0.05, 0.12)), round(height * rng.uniform(0.03, 0.08))
    photo, _ = on_a_desk(page, rng, scale, pad, rng.uniform(0.02, 0.04))
    photo = flicker(photo, rng)
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.5, 0.8)), np.float32)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 3, photo.shape).astype(np.float32)
    return jpeg(photo + noise, rng.randint(74, 86))


def photocopied(page: Image.Image, rng: random.Random) -> bytes:
    """A photocopy: the page at 100-130 dpi (an A4's width in 830-1075 pixels; a tape at the same scale), an uneven
    black-and-white threshold, toner specks, a grey streak down the drum, a turn of up to 1.5°, saved as a JPEG."""
    grey = np.asarray(page.convert("L"), np.float32)
    height, width = grey.shape
    factor = rng.uniform(0.55, 0.72) if width > 900 else rng.uniform(0.7, 0.85)
    small = cv2.resize(grey, (round(width * factor), round(height * factor)), interpolation=cv2.INTER_AREA)
    h, w = small.shape
    generator = np.random.default_rng(rng.randrange(2**32))
    coarse = generator.normal(0, 1, (h // 60 + 2, w // 60 + 2)).astype(np.float32)
    threshold = rng.uniform(120, 150) + 18 * cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC)
    ink = small + np.asarray(generator.normal(0, rng.uniform(10, 18), small.shape), np.float32) < threshold
    copy = np.asarray(np.where(ink, 25.0, 240.0), np.float32)
    specks = generator.random(copy.shape) < rng.uniform(0.0008, 0.002)
    copy[specks] = 30.0
    streak = rng.randrange(w)
    copy[:, streak : streak + rng.randint(2, 5)] *= rng.uniform(0.6, 0.8)
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-1.5, 1.5), 1.0)
    copy = np.asarray(cv2.warpAffine(copy, turn, (w, h), borderValue=240.0), np.float32)
    return jpeg(np.repeat(copy[..., None], 3, axis=2), rng.randint(70, 85))


def moire(screen: Array, rng: random.Random) -> Array:
    """A monitor's pixel grid seen by a camera: each pixel's three stripes of red, green and blue and the dark gaps
    between rows, at a pitch the camera then samples at another, so the grid beats into moiré."""
    height, width = screen.shape[:2]
    pitch = 3
    big = cv2.resize(screen, (width * pitch, height * pitch), interpolation=cv2.INTER_NEAREST)
    mask = np.zeros((pitch, pitch, 3), np.float32) + 0.35
    for channel in range(3):
        mask[:, channel, channel] = 1.0
    mask[pitch - 1, :, :] *= 0.6
    tiled = np.tile(mask, (height, width, 1))
    lit: Array = (big * tiled * 1.6).astype(np.float32)
    factor = rng.uniform(0.41, 0.47)
    resized: Array = np.asarray(
        cv2.resize(
            lit, (round(width * pitch * factor), round(height * pitch * factor)), interpolation=cv2.INTER_LINEAR
        ),
        np.float32,
    )
    return resized


def off_a_monitor(image: Image.Image, rng: random.Random, steep: bool) -> bytes:
    """A screenshot on a monitor photographed with a phone: moiré, the screen's frame of dark bezel round it, a
    turn, softness; ``steep`` adds a strong perspective, defocus and a window's reflection."""
    screen = moire(as_array(image), rng)
    height, width = screen.shape[:2]
    bezel = np.full((height + 2 * 40, width + 2 * 40, 3), 22.0, np.float32)
    bezel[40 : 40 + height, 40 : 40 + width] = screen
    photo, _ = on_a_desk(bezel, rng, rng.uniform(1.0, 1.15), (30, 30), rng.uniform(0.06, 0.1) if steep else 0.02)
    if steep:
        ph, pw = photo.shape[:2]
        ys, xs = np.mgrid[0:ph, 0:pw].astype(np.float32)
        band = np.exp(-((((xs - rng.uniform(0.2, 0.8) * pw) + 0.6 * (ys - ph / 2)) / (0.12 * pw)) ** 2))
        photo = photo + (255 - photo) * (rng.uniform(0.25, 0.4) * band)[..., None]
        photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(1.2, 1.8)), np.float32)
    else:
        photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.6, 0.9)), np.float32)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 3, photo.shape).astype(np.float32)
    return jpeg(photo + noise, rng.randint(60, 75) if steep else rng.randint(75, 85))


def photograph_copied(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: a screen photographed off a monitor at a steep angle; paper photocopied."""
    if drawn.screen:
        return off_a_monitor(drawn.image, rng, steep=True)
    return photocopied(drawn.image, rng)
