"""The seventeenth round's damage, which no earlier round applies.

Photo level: the page laid on a glossy magazine's cover (big blocks of saturated colour, a photo's soft gradients
and a headline's large letters round it, some close to the page's edge), shot under a ceiling light whose
reflection lies across the frame as a soft bright band: strong on the gloss, weaker on the matte paper, where it
washes part of the print out; a little cast from the cover's colours bounces onto the paper's white.

Hard level: shot at night from inside a car through its side window in the rain, the page (or a phone's screen) on
the passenger seat lit by a street lamp outside: the lamp's cold light falls off steeply across the page and the
rest of the frame is near black; the drops on the glass, out of focus, are discs that blur and flip what lies
behind them (a few run down as streaks); the window's tint and the focus set on the glass soften the whole page;
the high ISO's luminance and colour noise, saved at a low JPEG quality.
"""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from bench.layouts.drawn import Drawn
from bench.layouts.photo import on_a_desk
from bench.layouts.worn import Array, as_array, jpeg, sensor_noise

_HEADLINE_FACE = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
_COVER_COLOURS = ((200, 30, 60), (20, 120, 200), (250, 190, 20), (30, 160, 90), (150, 40, 160), (240, 110, 40))
_HEADLINES = ("ЗВЁЗДЫ", "МОДА", "СТИЛЬ", "ДОМ И САД", "ЗДОРОВЬЕ", "ОТДЫХ", "КУХНЯ", "АВТО")


def _soft(image: Array, sigma: float) -> Array:
    """A wide Gaussian blur done on an eighth of the image and scaled back: the same look, a fraction of the work."""
    height, width = image.shape[:2]
    small = cv2.resize(image, (max(1, width // 8), max(1, height // 8)), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), sigma / 8)
    return np.asarray(cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR), np.float32)


def magazine_cover(height: int, width: int, rng: random.Random) -> Array:
    """A glossy cover filling the frame: a two-colour gradient, a few soft blobs of a photo, colour blocks, a
    headline and a line of smaller captions in large letters, a barcode in a corner."""
    first, second = rng.sample(_COVER_COLOURS, 2)
    ys = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    cover = np.array(first, np.float32) * (1 - ys) + np.array(second, np.float32) * ys
    cover = np.broadcast_to(cover, (height, width, 3)).copy()
    picture = Image.fromarray(cover.astype(np.uint8))
    draw = ImageDraw.Draw(picture)
    for _ in range(rng.randint(3, 6)):
        colour = rng.choice(_COVER_COLOURS)
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        radius = rng.uniform(0.1, 0.3) * max(height, width)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    blurred = _soft(np.asarray(picture, np.float32), max(height, width) * 0.03)
    picture = Image.fromarray(np.clip(blurred, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(picture)
    big = ImageFont.truetype(_HEADLINE_FACE, max(40, width // 7))
    small = ImageFont.truetype(_HEADLINE_FACE, max(20, width // 28))
    draw.text((width * 0.03, height * 0.01), rng.choice(_HEADLINES), font=big, fill=(255, 255, 255))
    for n in range(rng.randint(3, 5)):
        y = height * rng.uniform(0.2, 0.95)
        x = width * rng.choice([0.02, 0.7])
        draw.text((x, y), rng.choice(_HEADLINES).lower(), font=small, fill=rng.choice([(255, 255, 255), (255, 230, 0)]))
        if n == 0:
            draw.rectangle((x, y + width // 24, x + width * 0.22, y + width // 20), fill=(255, 255, 255))
    bx, by = width * 0.82, height * 0.86
    draw.rectangle((bx, by, bx + width * 0.15, by + height * 0.1), fill=(255, 255, 255))
    for bar in range(40):
        if rng.random() < 0.55:
            x0 = bx + width * 0.01 + bar * width * 0.0032
            draw.rectangle((x0, by + height * 0.01, x0 + width * 0.002, by + height * 0.08), fill=(0, 0, 0))
    return np.asarray(picture, np.float32)


def on_a_glossy_cover(page: Array, rng: random.Random) -> Array:
    """The page on a magazine's cover under a ceiling light's reflected band."""
    height, width = page.shape[:2]
    scale = max(rng.uniform(1500, 1900) / max(height, width), rng.uniform(0.75, 0.85))
    photo, warp = on_a_desk(page, rng, scale, (round(width * 0.1), round(height * 0.06)), 0.03)
    out_h, out_w = photo.shape[:2]
    mask = cv2.warpPerspective(np.ones((height, width), np.float32), warp, (out_w, out_h), flags=cv2.INTER_LINEAR)
    cover = magazine_cover(out_h, out_w, rng)
    matte = mask[..., None]
    photo = photo * matte + cover * (1 - matte)
    tint = _soft(cover, max(out_h, out_w) * 0.05) / 255
    photo = np.asarray(photo * (1 - matte * 0.08) + photo * tint * matte * 0.08, np.float32)
    ys, xs = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    angle = rng.uniform(0, np.pi)
    offset = rng.uniform(-0.15, 0.15) * max(out_h, out_w)
    across = (xs - out_w / 2) * np.cos(angle) + (ys - out_h / 2) * np.sin(angle) - offset
    breadth = rng.uniform(0.06, 0.11) * max(out_h, out_w)
    band = np.exp(-((across / breadth) ** 2))[..., None]
    gloss, paper = rng.uniform(150, 200), rng.uniform(55, 85)
    strength = gloss * (1 - matte) + paper * matte
    photo = photo + band * strength * (1 - photo / 320)
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.6, 1.0)), np.float32)
    return photo + sensor_noise(rng, photo, rng.uniform(2.5, 4))


def _rain(photo: Array, rng: random.Random) -> Array:
    """Out-of-focus drops on the window: discs that show a blurred, flipped and brighter view of what is behind
    them over a fainter view of the print itself (so a value under a drop stays legible), with a rim; and a few
    streaks where drops ran down."""
    height, width = photo.shape[:2]
    behind = cv2.GaussianBlur(photo, (0, 0), rng.uniform(5, 8))
    flipped = np.asarray(cv2.flip(behind, -1), np.float32)
    drops = Image.new("L", (width, height), 0)
    rims = Image.new("L", (width, height), 0)
    draw, rim = ImageDraw.Draw(drops), ImageDraw.Draw(rims)
    count = round(width * height / rng.uniform(15000, 21000))
    small = min(height, width)
    for _ in range(count):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        radius = small * rng.uniform(0.005, 0.017)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)
        rim.arc((x - radius, y - radius, x + radius, y + radius), rng.uniform(20, 80), rng.uniform(160, 260), 255, 2)
    for _ in range(rng.randint(2, 5)):
        x, y = rng.uniform(0, width), rng.uniform(0, height * 0.5)
        length = rng.uniform(0.15, 0.4) * height
        draw.line((x, y, x + rng.uniform(-20, 20), y + length), fill=255, width=round(small * rng.uniform(0.006, 0.01)))
    soft = cv2.GaussianBlur(np.asarray(drops, np.float32) / 255, (0, 0), 2.0)[..., None]
    edge = cv2.GaussianBlur(np.asarray(rims, np.float32) / 255, (0, 0), 1.2)[..., None]
    inside = photo * 0.45 + behind * 0.3 + flipped * 0.2 + np.float32(12)
    return np.asarray(photo * (1 - soft) + inside * soft + edge * 70, np.float32)


def under_a_street_lamp_in_rain(page: Array, rng: random.Random, screen: bool) -> Array:
    """The page (or a phone's screen) on a car seat at night, a street lamp's cold light falling off across it,
    seen through a rainy, tinted window with the focus on the glass, a high ISO's noise."""
    height, width = page.shape[:2]
    scale = max(rng.uniform(1300, 1600) / max(height, width), rng.uniform(0.62, 0.72))
    photo, _ = on_a_desk(page, rng, scale, (round(width * 0.08), round(height * 0.05)), 0.04)
    out_h, out_w = photo.shape[:2]
    ys, xs = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    lamp_x, lamp_y = rng.uniform(-0.2, 1.2) * out_w, rng.uniform(-0.3, 0.2) * out_h
    distance = np.hypot(xs - lamp_x, ys - lamp_y) / max(out_h, out_w)
    light = np.clip(1.05 - distance * rng.uniform(0.55, 0.8), 0.22, 1.0)[..., None]
    level = rng.uniform(0.5, 0.62) if not screen else rng.uniform(0.7, 0.8)
    cold = np.array([0.86, 0.97, 1.05], np.float32)
    photo = photo * (light if not screen else np.sqrt(light)) * level * cold
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(1.1, 1.5)), np.float32)
    photo = _rain(photo, rng)
    photo = photo * np.array([0.92, 0.97, 0.95], np.float32) + np.float32(rng.uniform(4, 10))
    small = np.asarray(cv2.resize(photo, (out_w // 4, out_h // 4), interpolation=cv2.INTER_AREA), np.float32)
    chroma = sensor_noise(rng, small, rng.uniform(6, 9))
    chroma = np.asarray(cv2.resize(chroma, (out_w, out_h), interpolation=cv2.INTER_CUBIC), np.float32)
    return photo + chroma + sensor_noise(rng, photo, rng.uniform(9, 13))


def photograph_on_glossy_cover(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: on a glossy magazine's cover under a ceiling light's reflected band."""
    return jpeg(on_a_glossy_cover(as_array(drawn.image), rng), rng.randint(78, 88))


def photograph_through_rainy_window(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: at night under a street lamp, through a car's rainy window, noisy, saved at a low quality."""
    return jpeg(under_a_street_lamp_in_rain(as_array(drawn.image), rng, drawn.screen), rng.randint(48, 60))
