"""The sixteenth round's damage, which no earlier round applies.

Photo level: the page held flat on a desk by what lay at hand (a pen along one edge, coins or a key on its corners,
each with its soft shadow) and lit by two lights of different colour, the window's cool daylight from one side and a
warm lamp from the other, so the paper's white drifts from blue to orange across the frame.

Hard level: the page shot from across the room and zoomed in digitally (few pixels to a character, scaled up by the
phone and over-sharpened, so strokes carry halos and staircases) through a lens smeared by a finger (a greasy
streak that veils part of the frame in haze and drags the print along the smear's direction), saved at a low JPEG
quality.
"""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image, ImageDraw

from bench.layouts.drawn import Drawn
from bench.layouts.photo import on_a_desk
from bench.layouts.worn import Array, as_array, jpeg, sensor_noise


def _objects(height: int, width: int, box: tuple[float, float, float, float], rng: random.Random) -> Image.Image:
    """An RGBA layer of a pen along one edge of ``box`` (the page in the frame) and coins or a key near its
    corners, all inside the page's outer tenth so that the print stays uncovered but for a few letters."""
    layer = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    left, top, right, bottom = box
    inset_x, inset_y = (right - left) * 0.035, (bottom - top) * 0.02
    side = rng.randrange(4)
    thick = max(10.0, (right - left) * 0.022)
    pen = rng.choice([(25, 45, 140), (20, 20, 24), (170, 30, 30), (230, 230, 225)])
    if side in (0, 1):
        x = left + inset_x if side == 0 else right - inset_x
        y0, y1 = top + (bottom - top) * rng.uniform(0.05, 0.3), top + (bottom - top) * rng.uniform(0.5, 0.85)
        draw.rounded_rectangle((x - thick / 2, y0, x + thick / 2, y1), radius=thick / 2, fill=(*pen, 255))
        draw.line((x - thick / 5, y0 + thick, x - thick / 5, y1 - thick), fill=(255, 255, 255, 110), width=2)
        draw.rectangle((x - thick / 2, y0, x + thick / 2, y0 + thick * 2.2), fill=(190, 190, 195, 255))
    else:
        y = top + inset_y if side == 2 else bottom - inset_y
        x0, x1 = left + (right - left) * rng.uniform(0.05, 0.25), left + (right - left) * rng.uniform(0.6, 0.9)
        draw.rounded_rectangle((x0, y - thick / 2, x1, y + thick / 2), radius=thick / 2, fill=(*pen, 255))
        draw.line((x0 + thick, y - thick / 5, x1 - thick, y - thick / 5), fill=(255, 255, 255, 110), width=2)
        draw.rectangle((x0, y - thick / 2, x0 + thick * 2.2, y + thick / 2), fill=(190, 190, 195, 255))
    corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
    for cx, cy in rng.sample(corners, rng.randint(1, 2)):
        radius = (right - left) * rng.uniform(0.03, 0.045)
        x = cx + (radius * 0.6 if cx == left else -radius * 0.6)
        y = cy + (radius * 0.6 if cy == top else -radius * 0.6)
        metal = rng.choice([(196, 160, 90), (175, 175, 170), (150, 110, 70)])
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*metal, 255))
        rim = tuple(max(0, c - 50) for c in metal)
        draw.ellipse(
            (x - radius * 0.8, y - radius * 0.8, x + radius * 0.8, y + radius * 0.8), outline=(*rim, 255), width=2
        )
    return layer


def pinned_in_mixed_light(page: Array, rng: random.Random) -> Array:
    """The page on a desk with a pen and coins on its edges (their shadows cast away from the lamp), a cool window
    light on one side and a warm lamp on the other."""
    height, width = page.shape[:2]
    scale = max(rng.uniform(1600, 2000) / max(height, width), rng.uniform(0.78, 0.88))
    pad = (round(width * 0.09), round(height * 0.05))
    photo, warp = on_a_desk(page, rng, scale, pad, 0.025)
    out_h, out_w = photo.shape[:2]
    corners = cv2.perspectiveTransform(np.array([[[0, 0], [width, height]]], np.float32), warp)[0]
    box = (float(corners[0][0]), float(corners[0][1]), float(corners[1][0]), float(corners[1][1]))
    layer = _objects(out_h, out_w, box, rng)
    alpha = np.asarray(layer, np.float32)[..., 3] / 255
    dx, dy = rng.uniform(6, 16), rng.uniform(6, 16)
    shifted = cv2.warpAffine(alpha, np.array([[1, 0, dx], [0, 1, dy]], np.float32), (out_w, out_h))
    shadow = cv2.GaussianBlur(shifted, (0, 0), rng.uniform(5, 9)) * rng.uniform(0.45, 0.6)
    photo = photo * (1 - shadow[..., None])
    colours = np.asarray(layer, np.float32)[..., :3]
    photo = np.asarray(photo * (1 - alpha[..., None]) + colours * alpha[..., None], np.float32)
    ys, xs = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = np.clip((xs / out_w - 0.5) * np.cos(angle) + (ys / out_h - 0.5) * np.sin(angle) + 0.5, 0, 1)[..., None]
    cool = np.array([0.9, 0.97, 1.08], np.float32) * rng.uniform(0.95, 1.02)
    warm = np.array([1.1, 0.96, 0.74], np.float32) * rng.uniform(0.82, 0.92)
    photo = photo * (cool * (1 - ramp) + warm * ramp)
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.5, 0.9)), np.float32)
    return photo + sensor_noise(rng, photo, rng.uniform(2, 4))


def zoomed_from_afar(page: Array, rng: random.Random) -> tuple[Array, float]:
    """The page shot from across the room, small in the frame (0.42-0.5 of its drawn size), on a desk
    at an angle; and the digital zoom the phone will apply."""
    height, width = page.shape[:2]
    scale = rng.uniform(0.42, 0.5)
    photo, _ = on_a_desk(page, rng, scale, (round(width * 0.05), round(height * 0.03)), 0.035)
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.5, 0.7)), np.float32)
    zoom = min(rng.uniform(1.9, 2.3), 2600 / max(photo.shape[:2]))
    return photo + sensor_noise(rng, photo, rng.uniform(3, 5)), zoom


def smeared_lens(photo: Array, rng: random.Random) -> Array:
    """A finger's grease on the lens: over a streak-shaped part of the frame a bright haze and a blur dragged
    along the smear's direction."""
    height, width = photo.shape[:2]
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    angle = rng.uniform(0, np.pi)
    cx, cy = rng.uniform(0.3, 0.7) * width, rng.uniform(0.3, 0.7) * height
    length, breadth = rng.uniform(0.5, 0.8) * max(height, width), rng.uniform(0.22, 0.35) * min(height, width)
    dx, dy = np.cos(angle) * length / 2, np.sin(angle) * length / 2
    draw.line((cx - dx, cy - dy, cx + dx, cy + dy), fill=255, width=round(breadth))
    veil = cv2.GaussianBlur(np.asarray(mask, np.float32) / 255, (0, 0), breadth * 0.5) * rng.uniform(0.85, 0.95)
    size = 2 * rng.randint(6, 9) + 1
    kernel = np.zeros((size, size), np.float32)
    centre = size // 2
    for step in np.linspace(-centre, centre, size * 2):
        kernel[round(centre + step * np.sin(angle)), round(centre + step * np.cos(angle))] = 1
    kernel /= kernel.sum()
    dragged = np.asarray(cv2.filter2D(photo, -1, kernel), np.float32)
    haze = dragged * 0.82 + np.float32(rng.uniform(55, 75))
    blended = photo * (1 - veil[..., None]) + haze * veil[..., None]
    return np.asarray(blended, np.float32)


def digital_zoom(photo: Array, zoom: float, rng: random.Random) -> Array:
    """The phone's digital zoom: the frame scaled up by ``zoom`` (bicubic) and over-sharpened, halos and all."""
    height, width = photo.shape[:2]
    big = cv2.resize(photo, (round(width * zoom), round(height * zoom)), interpolation=cv2.INTER_CUBIC)
    soft = cv2.GaussianBlur(big, (0, 0), rng.uniform(1.6, 2.2))
    amount = rng.uniform(0.9, 1.3)
    return np.asarray(big + (big - soft) * amount, np.float32)


def photograph_pinned_in_mixed_light(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: a page (or a phone showing a screenshot) held flat by a pen and coins, in mixed light."""
    return jpeg(pinned_in_mixed_light(as_array(drawn.image), rng), rng.randint(76, 86))


def photograph_zoomed_through_smear(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: shot from afar through a greasy lens, zoomed in digitally, saved at a low quality."""
    photo, zoom = zoomed_from_afar(as_array(drawn.image), rng)
    return jpeg(digital_zoom(smeared_lens(photo, rng), zoom, rng), rng.randint(44, 56))
