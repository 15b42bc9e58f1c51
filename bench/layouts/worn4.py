"""The fourth round's photos, with damage no earlier round draws.

Paper (``photograph_evening``, the photo level): the page at an angle on a desk, a thermal tape faded towards one
end (the print's contrast falling off along the tape, as the part that lay in the wallet's fold or the sun fades
first), a fold line across it (a crease's dark and light edges and the halves shifted by a pixel or two) and a
glare spot of a ceiling lamp on the glossy paper.
Paper at its worst (``photograph_dim``, hard): the same, stronger, and shot in low light: the sensor's gain lifts
coarse colour noise, the phone's denoising smears it, the tape fades to a third of its contrast at the far end.
Screens: a screenshot is never photographed but shared: sent through a messenger (scaled down, compressed) at the
photo level; at the hard level a screenshot of that shared screenshot, rescaled twice, its status bar cropped off.
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
from bench.layouts.worn import jpeg

Array = NDArray[np.float32]


def _on_a_desk(page: Array, rng: random.Random, long_side: tuple[int, int], jitter: tuple[float, float]) -> Array:
    """``page`` lying on a desk, ``long_side`` pixels on the photo's longer side, its corners moved by ``jitter``."""
    height, width = page.shape[:2]
    scale = rng.randint(*long_side) / max(height, width) / 1.2
    pad = round(width * rng.uniform(0.05, 0.12)), round(height * rng.uniform(0.03, 0.08))
    photo, _ = on_a_desk(page, rng, scale, pad, rng.uniform(*jitter))
    return photo


def fade_towards_one_end(page: Array, rng: random.Random, strongest: float) -> Array:
    """A thermal tape's print fading along its length: the ink's darkness scaled from 1 at one end down to
    ``strongest`` at the other, unevenly (the fade follows a curve, not a line)."""
    height = page.shape[0]
    ramp = np.linspace(0, 1, height, dtype=np.float32) ** rng.uniform(1.2, 2.2)
    if rng.random() < 0.5:
        ramp = ramp[::-1]
    keep = 1 - (1 - strongest) * ramp
    faded: Array = 255 - (255 - page) * keep[:, None, None]
    return faded


def fold(photo: Array, rng: random.Random, depth: float) -> Array:
    """A fold across the page at a random height: a dark line on one side of the crease, a light one on the other,
    and the part below shifted sideways by a pixel or two where the paper did not lie flat."""
    height, width = photo.shape[:2]
    at = round(height * rng.uniform(0.3, 0.7))
    slope = rng.uniform(-0.04, 0.04)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    distance = ys - (at + slope * (xs - width / 2))
    dark = np.exp(-((distance / 2.5) ** 2)) * depth
    light = np.exp(-(((distance - 6) / 5) ** 2)) * depth * 0.5
    shift = rng.choice([-2, -1, 1, 2])
    shifted = np.where((distance > 0)[..., None], np.roll(photo, shift, axis=1), photo)
    creased: Array = (shifted * (1 - dark)[..., None] + (255 - shifted) * light[..., None] * 0.6).astype(np.float32)
    return creased


def glare(photo: Array, rng: random.Random, strength: float) -> Array:
    """A lamp's reflection on glossy paper: an elliptic spot pushed towards white, brightest at its centre."""
    height, width = photo.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    cx, cy = rng.uniform(0.25, 0.75) * width, rng.uniform(0.2, 0.8) * height
    rx, ry = rng.uniform(0.08, 0.18) * width, rng.uniform(0.04, 0.1) * height
    spot = np.exp(-(((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2)) * strength
    shone: Array = photo + (255 - photo) * spot[..., None]
    return shone


def low_light(photo: Array, rng: random.Random) -> Array:
    """A dim room: little light, the sensor's gain raised (coarse colour noise), then the phone's brightening and
    denoising that smears the noise into blotches."""
    dim = photo * rng.uniform(0.3, 0.45)
    generator = np.random.default_rng(rng.randrange(2**32))
    height, width = photo.shape[:2]
    coarse = generator.normal(0, rng.uniform(5, 8), (height // 2 + 1, width // 2 + 1, 3)).astype(np.float32)
    noise = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_LINEAR)
    noisy = dim + noise + generator.normal(0, 2.5, photo.shape).astype(np.float32)
    brightened = np.clip(noisy, 0, 255) * rng.uniform(1.9, 2.3)
    smeared: Array = np.asarray(cv2.GaussianBlur(brightened, (0, 0), rng.uniform(0.7, 1.1)), np.float32)
    return smeared


def _decoded(data: bytes) -> Array:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), np.float32)


def _rescaled(image: Array, factor: float, interpolation: int) -> Array:
    height, width = image.shape[:2]
    size = (round(width * factor), round(height * factor))
    return np.asarray(cv2.resize(image, size, interpolation=interpolation), np.float32)


def reshared(page: Image.Image, rng: random.Random) -> bytes:
    """A screenshot sent through a messenger: scaled to its 720-860 pixel width, compressed."""
    screen = np.asarray(page.convert("RGB"), np.float32)
    return jpeg(_rescaled(screen, rng.uniform(720, 860) / screen.shape[1], cv2.INTER_AREA), rng.randint(68, 80))


def screenshot_of_a_screenshot(page: Image.Image, rng: random.Random) -> bytes:
    """The shared screenshot opened in a chat and screenshotted again: scaled down hard, compressed, scaled up by
    the viewer to the screen's width with a soft filter, the top (status bar and a bit more) cropped, compressed."""
    screen = np.asarray(page.convert("RGB"), np.float32)
    width = screen.shape[1]
    shared = _decoded(jpeg(_rescaled(screen, rng.uniform(0.42, 0.52), cv2.INTER_AREA), rng.randint(45, 60)))
    viewed = _rescaled(shared, width * rng.uniform(0.62, 0.75) / shared.shape[1], cv2.INTER_LINEAR)
    cropped = viewed[round(viewed.shape[0] * rng.uniform(0.02, 0.05)) :]
    return jpeg(cropped, rng.randint(40, 55))


def photograph_evening(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: a screenshot shared once; paper faded (a tape), folded, on a desk under a glare spot."""
    if drawn.screen:
        return reshared(drawn.image, rng)
    page = np.asarray(drawn.image.convert("RGB"), np.float32)
    if drawn.thermal:
        page = fade_towards_one_end(page, rng, rng.uniform(0.45, 0.65))
    photo = _on_a_desk(page, rng, (1600, 2100), (0.02, 0.04))
    photo = fold(photo, rng, rng.uniform(0.25, 0.4))
    photo = glare(photo, rng, rng.uniform(0.4, 0.6))
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.5, 0.9)), np.float32)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 3, photo.shape).astype(np.float32)
    return jpeg(photo + noise, rng.randint(72, 85))


def photograph_dim(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: a screenshot of a shared screenshot; paper faded to a third at one end, folded twice, a
    strong glare, shot in a dim room."""
    if drawn.screen:
        return screenshot_of_a_screenshot(drawn.image, rng)
    page = np.asarray(drawn.image.convert("RGB"), np.float32)
    if drawn.thermal:
        page = fade_towards_one_end(page, rng, rng.uniform(0.28, 0.4))
    photo = _on_a_desk(page, rng, (1500, 1900), (0.04, 0.07))
    for _ in range(2):
        photo = fold(photo, rng, rng.uniform(0.35, 0.5))
    photo = glare(photo, rng, rng.uniform(0.7, 0.85))
    photo = low_light(photo, rng)
    return jpeg(photo, rng.randint(55, 68))
