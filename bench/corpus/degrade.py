"""Turn a clean page into what reaches the extractor: a scan, a phone photo, or a hard photo.

The levels follow what hurts OCR (shared/notes/ocr-preprocessing.md): skew past 5° and x-heights under 10 px
cost fields, shadows defeat global binarisation, and paper on a textured or dark table defeats page detection.

- clean: a scan (slight noise, ≤ 1° skew, JPEG 90) or, for a phone screenshot, the lossless screenshot itself.
- photo: the page on a table (wood, grey, dark, fabric), perspective, up to 12° rotation, uneven light, mild
  blur, x-height 10–13 px, JPEG 60–80.
- hard: strong perspective, quarter and half turns, x-height 7–9 px, motion blur, creases (paper only), a
  partly covered QR code, JPEG 40–60.

Work happens on a copy already shrunk to the final scale, so a page costs tens of milliseconds.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from bench.corpus.render import Box, Rendered
from bench.corpus.truth import Difficulty

Pixels = npt.NDArray[np.uint8]
Field = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Degraded:
    """The final RGB image and how to store it (``None``: lossless PNG)."""

    image: Pixels
    jpeg_quality: int | None


@dataclass(frozen=True, slots=True)
class _Level:
    """The knobs of one difficulty; each is a (low, high) range drawn per image."""

    x_height: tuple[float, float]
    rotation: float
    perspective: tuple[float, float]
    margin: tuple[float, float]
    blur: tuple[float, float]
    noise: tuple[float, float]
    light: tuple[float, float]
    jpeg: tuple[int, int]


_PHOTO = _Level((10, 13), 12, (0.01, 0.045), (0.05, 0.14), (0.4, 0.9), (2, 4), (0.75, 1.0), (60, 80))
_HARD = _Level((7, 9), 12, (0.06, 0.12), (0.04, 0.12), (0.3, 0.7), (4, 7), (0.5, 0.85), (40, 60))


ABLATIONS = ("motion_blur",)
"""Degradations that can be left out to measure what each costs; the random draws stay the same, so every other
property of every image (and its truth) is unchanged."""


def degrade(
    page: Rendered, difficulty: Difficulty, rng: random.Random, without: frozenset[str] = frozenset()
) -> Degraded:
    """Apply one difficulty level to ``page``, less the degradations named in ``without`` (see ``ABLATIONS``);
    every random choice comes from ``rng``."""
    noise = np.random.default_rng(rng.getrandbits(64))
    image = np.asarray(page.image, dtype=np.uint8)
    if difficulty is Difficulty.CLEAN:
        if page.screen:
            return Degraded(image.copy(), None)
        return Degraded(_scan(image, rng, noise), 90)
    level = _PHOTO if difficulty is Difficulty.PHOTO else _HARD
    scale = min(1.0, rng.uniform(*level.x_height) / page.x_height)
    image = _resize(image, scale)
    qr_box = _scaled_box(page.qr_box, scale)
    if difficulty is Difficulty.HARD and not page.screen:
        for _ in range(rng.randint(1, 3)):
            image = _crease(image, rng)
        if qr_box is not None and rng.random() < 0.7:
            image = _cover_qr(image, qr_box, rng)
    if page.screen:
        image = _phone(image, rng)
    photo = _photograph(image, level, rng, noise)
    if difficulty is Difficulty.HARD:
        kernel = _motion_kernel(rng)
        if "motion_blur" not in without:
            photo = np.asarray(cv2.filter2D(photo, -1, kernel), dtype=np.uint8)
        photo = np.ascontiguousarray(np.rot90(photo, rng.choice((0, 1, 2, 3))))
    photo = _add_noise(photo, rng.uniform(*level.noise), noise)
    return Degraded(photo, rng.randint(*level.jpeg))


def _resize(image: Pixels, scale: float) -> Pixels:
    if scale >= 0.999:
        return image
    height, width = image.shape[:2]
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)


def _scaled_box(box: Box | None, scale: float) -> Box | None:
    if box is None:
        return None
    x0, y0, x1, y1 = (round(v * min(scale, 1.0)) for v in box)
    return (x0, y0, x1, y1)


def _scan(image: Pixels, rng: random.Random, noise: np.random.Generator) -> Pixels:
    """A flatbed scan: a skew of at most 1° on half of them, a touch of sensor noise."""
    if rng.random() < 0.5:
        image = _rotate(image, rng.uniform(-1.0, 1.0))
    return _add_noise(image, rng.uniform(1.0, 2.5), noise)


def _rotate(image: Pixels, degrees: float) -> Pixels:
    """Rotate about the centre, growing the canvas and filling with the page's own corner colour."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_width, new_height = int(height * sin + width * cos), int(height * cos + width * sin)
    matrix[0, 2] += (new_width - width) / 2
    matrix[1, 2] += (new_height - height) / 2
    fill = tuple(int(v) for v in image[2, 2])
    rotated = cv2.warpAffine(image, matrix, (new_width, new_height), flags=cv2.INTER_LINEAR, borderValue=fill)
    return np.asarray(rotated, dtype=np.uint8)


def _add_noise(image: Pixels, sigma: float, noise: np.random.Generator) -> Pixels:
    """Luminance grain shared by the three channels; uniform integers are 4x cheaper than normal draws."""
    bound = max(1, round(sigma * math.sqrt(3)))
    grain = noise.integers(-bound, bound + 1, size=image.shape[:2], dtype=np.int16)
    return np.asarray(cv2.add(image, cv2.merge([grain, grain, grain]), dtype=cv2.CV_8U), dtype=np.uint8)


def _crease(image: Pixels, rng: random.Random) -> Pixels:
    """A fold across the page: a dark ridge, a highlight beside it, one side slightly shaded."""
    height, width = image.shape[:2]
    angle = rng.uniform(0, math.pi)
    nx, ny = np.float32(math.cos(angle)), np.float32(math.sin(angle))
    px, py = rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.8) * height
    xs = np.arange(width, dtype=np.float32)[None, :] - np.float32(px)
    ys = np.arange(height, dtype=np.float32)[:, None] - np.float32(py)
    distance = xs * nx + ys * ny
    ridge = rng.uniform(0.15, 0.35) * np.exp(-((distance / 1.5) ** 2))
    highlight = rng.uniform(0.04, 0.1) * np.exp(-(((distance - 3) / 2.5) ** 2))
    side = np.where(distance > 0, np.float32(rng.uniform(0.9, 0.97)), np.float32(1.0))
    gain = (side - ridge + highlight).astype(np.float32)
    return np.asarray(cv2.multiply(image, cv2.merge([gain, gain, gain]), dtype=cv2.CV_8U), dtype=np.uint8)


def _cover_qr(image: Pixels, box: Box, rng: random.Random) -> Pixels:
    """Hide 15–35 % of the QR code under a sticker, a thumb or an ink stain, from one of its sides."""
    x0, y0, x1 = box[:3]
    side = x1 - x0
    covered = image.copy()
    share = rng.uniform(0.15, 0.35)
    kind = rng.choice(("sticker", "thumb", "stain"))
    centre_x = x0 + side * rng.choice((rng.uniform(0.0, 0.2), rng.uniform(0.8, 1.0)))
    centre_y = y0 + side * rng.uniform(0.2, 0.8)
    radius = side * math.sqrt(share / math.pi) * 1.3
    centre = (round(centre_x), round(centre_y))
    axes = (round(radius * rng.uniform(0.9, 1.4)), round(radius * rng.uniform(0.7, 1.1)))
    colour = {"sticker": (236, 228, 120), "thumb": (214, 170, 150), "stain": (60, 70, 120)}[kind]
    cv2.ellipse(covered, centre, axes, rng.uniform(0, 180), 0, 360, colour, thickness=-1, lineType=cv2.LINE_AA)
    alpha = 0.55 if kind == "stain" else 1.0
    return np.asarray(cv2.addWeighted(covered, alpha, image, 1 - alpha, 0), dtype=np.uint8)


def _phone(image: Pixels, rng: random.Random) -> Pixels:
    """Put a screenshot back into a phone: a black body around the screen, and glare across the glass."""
    height, width = image.shape[:2]
    border = max(6, round(width * rng.uniform(0.03, 0.05)))
    body = np.full((height + 4 * border, width + 2 * border, 3), 18, dtype=np.uint8)
    body[2 * border : 2 * border + height, border : border + width] = image
    glare = _linear_field(body.shape[:2], rng, 0.0, rng.uniform(0.08, 0.22) * 255)
    return np.asarray(cv2.add(body, cv2.merge([glare, glare, glare]), dtype=cv2.CV_8U), dtype=np.uint8)


def _linear_field(shape: tuple[int, ...], rng: random.Random, low: float, high: float) -> Field:
    """A gradient from ``low`` to ``high`` along a random direction."""
    height, width = shape[:2]
    angle = rng.uniform(0, 2 * math.pi)
    xs = np.linspace(-0.5, 0.5, width, dtype=np.float32)[None, :] * np.float32(math.cos(angle))
    ys = np.linspace(-0.5, 0.5, height, dtype=np.float32)[:, None] * np.float32(math.sin(angle))
    ramp = (xs + ys) / np.float32(max(abs(math.cos(angle)) + abs(math.sin(angle)), 1e-6)) + np.float32(0.5)
    return (np.float32(low) + np.float32(high - low) * ramp).astype(np.float32)


def _photograph(image: Pixels, level: _Level, rng: random.Random, noise: np.random.Generator) -> Pixels:
    """Lay the page on a table and take its picture: perspective, shadow, uneven light, blur.

    The table, its shadow and the light are computed at a quarter of the size: they have no fine detail.
    """
    height, width = image.shape[:2]
    source = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    quad = _tilted_quad(width, height, level, rng)
    margin = rng.uniform(*level.margin) * max(width, height)
    quad -= quad.min(axis=0) - np.float32(margin)
    canvas = (int(quad[:, 0].max() + margin), int(quad[:, 1].max() + margin))
    small = (max(8, canvas[0] // 4), max(8, canvas[1] // 4))
    shrink = np.diag([small[0] / canvas[0], small[1] / canvas[1], 1.0])
    matrix = cv2.getPerspectiveTransform(source, quad)
    footprint = cv2.warpPerspective(np.full((height, width), 1.0, np.float32), shrink @ matrix, small)
    offset = (max(1, round(margin / 24)), max(1, round(margin / 32)))
    shadow = cv2.GaussianBlur(np.roll(footprint, offset, axis=(0, 1)), (0, 0), 3)
    table = _table(small, rng, noise) * (1 - 0.45 * shadow[..., None])
    photo = cv2.resize(np.clip(table, 0, 255).astype(np.uint8), canvas, interpolation=cv2.INTER_LINEAR)
    cv2.warpPerspective(image, matrix, canvas, dst=photo, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_TRANSPARENT)
    tint = np.array([rng.uniform(0.94, 1.04) for _ in range(3)], dtype=np.float32)
    light = cv2.resize(_lighting(small, level, rng)[..., None] * tint, canvas, interpolation=cv2.INTER_LINEAR)
    lit = cv2.multiply(photo, light, dtype=cv2.CV_8U)
    return np.asarray(cv2.GaussianBlur(lit, (0, 0), rng.uniform(*level.blur)), dtype=np.uint8)


def _tilted_quad(width: int, height: int, level: _Level, rng: random.Random) -> npt.NDArray[np.float32]:
    """The page's corners after a rotation of up to ``level.rotation`` degrees and a perspective jitter."""
    angle = math.radians(rng.uniform(-level.rotation, level.rotation))
    jitter = rng.uniform(*level.perspective) * min(width, height)
    corners = [(-width / 2, -height / 2), (width / 2, -height / 2), (width / 2, height / 2), (-width / 2, height / 2)]
    quad = []
    for corner_x, corner_y in corners:
        x = corner_x + rng.uniform(-jitter, jitter)
        y = corner_y + rng.uniform(-jitter, jitter)
        quad.append((x * math.cos(angle) - y * math.sin(angle), x * math.sin(angle) + y * math.cos(angle)))
    return np.array(quad, dtype=np.float32)


def _table(size: tuple[int, int], rng: random.Random, noise: np.random.Generator) -> Field:
    """A procedural table top (wood, grey, dark or fabric), drawn small and enlarged: only its texture matters."""
    width, height = size
    small = (max(8, width // 4), max(8, height // 4))
    xs = np.linspace(0, 1, small[0], dtype=np.float32)[None, :]
    ys = np.linspace(0, 1, small[1], dtype=np.float32)[:, None]
    blotch = cv2.resize(noise.random((6, 6), dtype=np.float32), small, interpolation=cv2.INTER_CUBIC)
    kind = rng.choice(("wood", "grey", "dark", "fabric"))
    if kind == "wood":
        fibres = cv2.resize(noise.random((small[1], 6), dtype=np.float32), small, interpolation=cv2.INTER_LINEAR)
        rings = np.sin((ys * rng.uniform(60, 140) + blotch * 1.5) * math.pi) * 0.5 + 0.5
        grain = 0.55 * rings + 0.45 * fibres
        light, dark = np.array((178, 128, 84), np.float32), np.array((112, 72, 42), np.float32)
        texture = dark + (light - dark) * grain[..., None]
        if rng.random() < 0.5:
            texture = cv2.resize(np.ascontiguousarray(texture.transpose(1, 0, 2)), small)
    elif kind == "fabric":
        weave = np.sin(xs * small[0] * 0.8) * np.sin(ys * small[1] * 0.8) * 0.5 + 0.5
        tint = np.array([rng.uniform(60, 200) for _ in range(3)], np.float32)
        texture = tint * (0.8 + 0.25 * weave[..., None])
    else:
        base = rng.uniform(120, 175) if kind == "grey" else rng.uniform(25, 55)
        texture = np.full((*blotch.shape, 3), base, np.float32)
    texture = texture * (0.85 + 0.3 * blotch[..., None])
    return np.asarray(cv2.resize(texture, size, interpolation=cv2.INTER_LINEAR), dtype=np.float32)


def _lighting(size: tuple[int, int], level: _Level, rng: random.Random) -> Field:
    """Illumination: a gradient times a vignette, and on some photos a soft-edged shadow across a part."""
    width, height = size
    low, high = level.light
    field = _linear_field((height, width), rng, rng.uniform(low, high), rng.uniform(0.95, 1.08))
    xs = np.linspace(-1, 1, width, dtype=np.float32)[None, :]
    ys = np.linspace(-1, 1, height, dtype=np.float32)[:, None]
    field *= 1 - np.float32(rng.uniform(0.05, 0.25)) * (xs**2 + ys**2) / 2
    if rng.random() < 0.45:
        edge = _linear_field((height, width), rng, -1.0, 1.0) + np.float32(rng.uniform(-0.3, 0.3))
        softness = np.float32(rng.uniform(0.03, 0.12))
        shade = 1 / (1 + np.exp(-edge / softness))
        field *= 1 - np.float32(rng.uniform(0.25, 0.45)) * shade
    return field.astype(np.float32)


def _motion_kernel(rng: random.Random) -> Field:
    """A shaken hand: a line kernel of 3–7 pixels at a random angle."""
    length = rng.randint(3, 7)
    line = np.zeros((length, length), np.float32)
    line[length // 2, :] = 1
    rotation = cv2.getRotationMatrix2D(((length - 1) / 2, (length - 1) / 2), rng.uniform(0, 180), 1.0)
    kernel = np.asarray(cv2.warpAffine(line, rotation, (length, length)), dtype=np.float32)
    kernel /= max(float(kernel.sum()), 1e-6)
    return kernel


def encode(degraded: Degraded) -> tuple[bytes, str]:
    """The file bytes and extension: JPEG at the chosen quality, or PNG when lossless."""
    bgr = cv2.cvtColor(degraded.image, cv2.COLOR_RGB2BGR)
    if degraded.jpeg_quality is None:
        ok, data = cv2.imencode(".png", bgr, [cv2.IMWRITE_PNG_COMPRESSION, 6])
        suffix = ".png"
    else:
        ok, data = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, degraded.jpeg_quality])
        suffix = ".jpg"
    if not ok:
        raise RuntimeError("OpenCV could not encode the image")
    return data.tobytes(), suffix
