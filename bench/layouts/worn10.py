"""The tenth round's damage, none of which an earlier round draws.

Photo level (``photograph_aged``): a page kept for months in a drawer. The paper has yellowed unevenly (darker
towards the edges that lay open), small rust-brown foxing spots dot it, and the print of its back shows through the
thin paper as a faint, soft, mirrored copy; shot on a desk in daylight.

Hard level (``photograph_jello``): shot from a moving bus or car with a phone's rolling shutter: the rows are read
one after another while the hand vibrates, so the page wobbles sideways row by row (a «jello» wave) and shears, a
vertical shake smears the strokes, and the picture is sent scaled down and heavily compressed.
"""

from __future__ import annotations

import random

import cv2
import numpy as np
from numpy.typing import NDArray

from bench.layouts.drawn import Drawn
from bench.layouts.photo import on_a_desk
from bench.layouts.worn import as_array, jpeg, sensor_noise

Array = NDArray[np.float32]


def show_through(page: Array, rng: random.Random) -> Array:
    """The back's print seen through thin paper: the page's own print mirrored, blurred and faint, under the front."""
    back = np.ascontiguousarray(page[:, ::-1] if rng.random() < 0.5 else page[::-1, :])
    back = np.asarray(cv2.GaussianBlur(back, (0, 0), rng.uniform(1.5, 2.5)), np.float32)
    weight = rng.uniform(0.1, 0.16)
    darkened = 255 - (255 - back) * weight
    shown: Array = np.minimum(page, darkened).astype(np.float32)
    return shown


def yellowed(page: Array, rng: random.Random) -> Array:
    """Paper yellowed by age, more towards its edges, with a few rust-brown foxing spots."""
    height, width = page.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    edge = np.minimum(np.minimum(xs, width - 1 - xs) / width, np.minimum(ys, height - 1 - ys) / height)
    age = (rng.uniform(0.1, 0.16) + rng.uniform(0.08, 0.14) * np.clip(1 - edge * 6, 0, 1))[..., None]
    tint = np.array([0.0, 0.35, 1.0], np.float32) * 255
    aged: Array = (page - age * tint * (page / 255)).astype(np.float32)
    spots = np.zeros((height, width), np.float32)
    for _ in range(rng.randint(8, 20)):
        centre = (rng.randrange(width), rng.randrange(height))
        cv2.circle(spots, centre, rng.randint(2, 7), rng.uniform(0.2, 0.45), -1)
    spots = np.asarray(cv2.GaussianBlur(spots, (0, 0), 1.6), np.float32)[..., None]
    rust = np.array([150, 95, 50], np.float32)
    foxed: Array = (aged * (1 - spots) + rust * spots).astype(np.float32)
    return foxed


def photograph_aged(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: an old page (or a tape, or a printed screen) yellowed, foxed, its back showing through."""
    page = yellowed(show_through(as_array(drawn.image), rng), rng)
    height, width = page.shape[:2]
    scale = min(rng.randint(1800, 2300) / max(height, width) / 1.15, 1.0)
    pad = round(width * rng.uniform(0.06, 0.12)), round(height * rng.uniform(0.04, 0.08))
    photo, _ = on_a_desk(page, rng, scale, pad, rng.uniform(0.03, 0.06))
    photo = photo + sensor_noise(rng, photo, 3)
    return jpeg(photo, rng.randint(74, 86))


def jello(photo: Array, rng: random.Random) -> Array:
    """A rolling shutter under vibration: each row shifted sideways by a wave of a few periods, plus a shear."""
    height, width = photo.shape[:2]
    rows = np.arange(height, dtype=np.float32)
    amplitude, periods = rng.uniform(3, 7), rng.uniform(2, 5)
    shift = amplitude * np.sin(2 * np.pi * periods * rows / height + rng.uniform(0, 6.28))
    shift += rng.uniform(-0.03, 0.03) * (rows - height / 2)
    map_x = np.tile(np.arange(width, dtype=np.float32), (height, 1)) + shift[:, None]
    map_y = np.tile(rows[:, None], (1, width))
    wobbled = cv2.remap(photo, map_x.astype(np.float32), map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return np.asarray(wobbled, np.float32)


def vertical_shake(photo: Array, rng: random.Random) -> Array:
    """A short vertical motion blur of a shake while the shutter was open."""
    length = rng.randint(4, 7)
    kernel = np.zeros((length, 1), np.float32)
    kernel[:, 0] = 1 / length
    return np.asarray(cv2.filter2D(photo, -1, kernel), np.float32)


def photograph_jello(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: shot in a moving vehicle (a rolling shutter's wobble, a vertical shake), then sent small and
    heavily compressed."""
    page = as_array(drawn.image)
    height, width = page.shape[:2]
    scale = min(rng.randint(1700, 2100) / max(height, width) / 1.15, 1.0)
    pad = round(width * rng.uniform(0.05, 0.1)), round(height * rng.uniform(0.04, 0.07))
    photo, _ = on_a_desk(page, rng, scale, pad, rng.uniform(0.04, 0.07))
    photo = jello(photo, rng)
    photo = vertical_shake(photo, rng)
    photo = photo + sensor_noise(rng, photo, 4)
    factor = rng.uniform(1250, 1450) / max(photo.shape[:2])
    if factor < 1:
        size = (round(photo.shape[1] * factor), round(photo.shape[0] * factor))
        photo = np.asarray(cv2.resize(np.clip(photo, 0, 255), size, interpolation=cv2.INTER_AREA), np.float32)
    return jpeg(photo, rng.randint(45, 58))
