"""The seventh round's damage, none of which an earlier round draws.

Paper, photo level (``photograph_sleeved``): the page kept in a clear plastic sleeve and photographed through it: the
film's haze lifts the blacks and lowers the contrast, the ceiling light's reflection runs across it as long soft
streaks, the film's own creases catch the light as thin bright curves. Paper, hard level (``photograph_stained``): a
sheet crumpled into a pocket and flattened again (a network of creases, each a dark and a light edge with the paper
shifted across it, the facets shaded each its own way) with a coffee cup's stain on it (a brown ring with a paler
fill, where the print shows through), shot slightly out of focus. Screens (a screenshot, an app's PDF): sent through
a messenger that recodes pictures to WebP at a low resolution and quality (photo); at the hard level forwarded again,
smaller and worse, and opened in a viewer that scales it back up (both saved as JPEG, as the gallery saves them).
"""

from __future__ import annotations

import io
import random

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from bench.layouts.drawn import Drawn
from bench.layouts.photo import on_a_desk
from bench.layouts.worn import as_array, jpeg, sensor_noise

Array = NDArray[np.float32]


def sleeve(photo: Array, rng: random.Random) -> Array:
    """A clear sleeve over the page: haze (everything pulled towards a light grey), two or three long soft streaks
    of the lamp's reflection at one angle, and a few thin bright curves where the film is creased."""
    height, width = photo.shape[:2]
    haze = rng.uniform(0.1, 0.18)
    hazy: Array = (photo * (1 - haze) + 225 * haze).astype(np.float32)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(-0.6, 0.6)
    across = xs * np.cos(angle) + ys * np.sin(angle)
    light = np.zeros((height, width), np.float32)
    for _ in range(rng.randint(2, 3)):
        centre = rng.uniform(0.15, 0.85) * width
        spread = rng.uniform(0.02, 0.06) * width
        light += rng.uniform(0.25, 0.5) * np.exp(-(((across - centre) / spread) ** 2))
    creases = np.zeros((height, width), np.float32)
    for _ in range(rng.randint(2, 4)):
        points = np.array([[rng.uniform(0, width), rng.uniform(0, height)] for _ in range(4)], np.int32).reshape(
            -1, 1, 2
        )
        cv2.polylines(creases, [points], False, rng.uniform(0.3, 0.6), rng.randint(1, 3), cv2.LINE_AA)
    light += np.asarray(cv2.GaussianBlur(creases, (0, 0), 1.2), np.float32)
    light = np.clip(light, 0, 0.85)
    shone: Array = (hazy + (255 - hazy) * light[..., None]).astype(np.float32)
    return shone


def photograph_sleeved(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: a screenshot recoded by a messenger; paper photographed through a plastic sleeve."""
    if drawn.screen:
        return recoded(drawn.image, rng, worse=False)
    page = as_array(drawn.image)
    height, width = page.shape[:2]
    scale = rng.randint(1700, 2200) / max(height, width) / 1.2
    pad = round(width * rng.uniform(0.05, 0.12)), round(height * rng.uniform(0.03, 0.08))
    photo, _ = on_a_desk(page, rng, scale, pad, rng.uniform(0.02, 0.04))
    photo = sleeve(photo, rng)
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.5, 0.8)), np.float32)
    return jpeg(photo + sensor_noise(rng, photo, 3), rng.randint(74, 86))


def crumpled(page: Array, rng: random.Random) -> Array:
    """A crumpled and flattened sheet: 6-10 straight creases across it, each shifting the paper by a pixel or two
    across its line and leaving a dark and a light edge, the facets between them shaded unevenly."""
    height, width = page.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    shift_x = np.zeros((height, width), np.float32)
    shift_y = np.zeros((height, width), np.float32)
    shade = np.ones((height, width), np.float32)
    for _ in range(rng.randint(6, 10)):
        angle = rng.uniform(0, np.pi)
        normal_x, normal_y = np.cos(angle), np.sin(angle)
        offset = rng.uniform(0.1, 0.9) * (width * abs(normal_x) + height * abs(normal_y))
        distance = xs * normal_x + ys * normal_y - offset
        side = np.tanh(distance / 2.0)
        push = rng.uniform(0.6, 1.8)
        shift_x += side * push * normal_x
        shift_y += side * push * normal_y
        edge = np.exp(-((distance / rng.uniform(1.5, 3.0)) ** 2))
        shade *= 1 - rng.uniform(0.12, 0.25) * edge * (distance < 0) + rng.uniform(0.05, 0.12) * edge * (distance >= 0)
        shade *= 1 + rng.uniform(-0.04, 0.04) * side
    moved = cv2.remap(page, xs + shift_x, ys + shift_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    folded: Array = (np.asarray(moved, np.float32) * shade[..., None]).astype(np.float32)
    return folded


def coffee_stain(page: Array, rng: random.Random) -> Array:
    """A coffee cup's ring somewhere on the page: a brown multiply, strong in a ragged ring, paler inside it."""
    height, width = page.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    radius = rng.uniform(0.12, 0.22) * min(width, max(height, width) * 0.5)
    cx, cy = rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.8) * height
    distance = np.hypot(xs - cx, ys - cy)
    wobble = np.random.default_rng(rng.randrange(2**32)).normal(0, 1, (32,)).astype(np.float32)
    angles = ((np.arctan2(ys - cy, xs - cx) + np.pi) / (2 * np.pi) * 31).astype(np.int32)
    ragged = radius * (1 + 0.03 * wobble[angles])
    ring = np.exp(-(((distance - ragged) / (radius * 0.04)) ** 2))
    inside = (distance < ragged).astype(np.float32) * rng.uniform(0.15, 0.3)
    strength = np.clip(ring * rng.uniform(0.5, 0.7) + inside, 0, 1)[..., None]
    brown = np.array([150, 105, 60], np.float32) / 255
    stained: Array = (page * (1 - strength + strength * brown)).astype(np.float32)
    return stained


def photograph_stained(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: a screenshot forwarded again, smaller and worse; paper crumpled, flattened, coffee-stained,
    photographed at an angle and a little out of focus."""
    if drawn.screen:
        return recoded(drawn.image, rng, worse=True)
    page = coffee_stain(crumpled(as_array(drawn.image), rng), rng)
    height, width = page.shape[:2]
    scale = rng.randint(1500, 1900) / max(height, width) / 1.2
    pad = round(width * rng.uniform(0.05, 0.1)), round(height * rng.uniform(0.03, 0.07))
    photo, _ = on_a_desk(page, rng, scale, pad, rng.uniform(0.04, 0.07))
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.9, 1.4)), np.float32)
    return jpeg(photo + sensor_noise(rng, photo, 4), rng.randint(60, 72))


def _webp(image: Array, width: int, quality: int) -> Array:
    """``image`` scaled to ``width`` pixels and through a WebP encoder at ``quality``, decoded again."""
    height = round(image.shape[0] * width / image.shape[1])
    small = cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)
    buffer = io.BytesIO()
    Image.fromarray(np.clip(small, 0, 255).astype(np.uint8)).save(buffer, "WEBP", quality=quality, method=4)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"), np.float32)


def recoded(image: Image.Image, rng: random.Random, worse: bool) -> bytes:
    """A screenshot recoded by a messenger to WebP at a low resolution (photo: 600-720 pixels wide, quality 35-50);
    ``worse``: forwarded again at 440-520 pixels and quality 20-30, then scaled back up by the viewer to 900-1080."""
    screen = as_array(image)
    shared = _webp(screen, rng.randint(600, 720), rng.randint(35, 50))
    if worse:
        shared = _webp(shared, rng.randint(440, 520), rng.randint(20, 30))
        width = rng.randint(900, 1080)
        height = round(shared.shape[0] * width / shared.shape[1])
        shared = np.asarray(cv2.resize(shared, (width, height), interpolation=cv2.INTER_CUBIC), np.float32)
    return jpeg(shared, 92)
