"""The eleventh round's damage, none of which an earlier round draws.

Photo level (``photograph_hdr``): a phone's «HDR» and «beauty» processing on a page laid on a patterned tablecloth:
local tone mapping (each region's contrast stretched on its own, so the paper's brightness wanders in soft patches)
and an over-eager sharpening whose halos ring every stroke, on a checked or striped cloth in place of a desk.

Hard level (``photograph_through_glass``): shot in a dim room through a glass (a display case, a glass table top, a
window): the glass reflects the room (a bright window's frame and a lamp, soft and out of focus) over the page and
tints it green, the hand moves one way during the long exposure (a motion blur along one angle), and the phone's
heavy noise reduction smears the grain and the fine strokes into flat, waxy patches; sent compressed.
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

_CLOTHS = (((200, 40, 40), (245, 240, 235)), ((40, 90, 170), (240, 240, 245)), ((60, 130, 70), (235, 235, 220)))
"""A checked tablecloth's two colours (RGB): red, blue or green on white."""


def tablecloth(rng: random.Random, height: int, width: int) -> Array:
    """A checked or striped tablecloth with a weave's grain: its squares' colour mixed where the stripes cross."""
    dark, light = (np.array(colour, np.float32) for colour in rng.choice(_CLOTHS))
    period = rng.randint(40, 90)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    across = ((xs // period) % 2).astype(np.float32)
    down = ((ys // period) % 2).astype(np.float32) if rng.random() < 0.7 else np.zeros_like(xs)
    share = ((across + down) / 2)[..., None]
    cloth = light * (1 - share) + dark * share
    grain = np.random.default_rng(rng.randrange(2**32)).normal(0, 8, (height, width, 1)).astype(np.float32)
    shaded: Array = (cloth * rng.uniform(0.7, 0.9) + grain).astype(np.float32)
    return shaded


def tone_mapped(photo: Array, rng: random.Random) -> Array:
    """A phone's local tone mapping: the lightness equalised tile by tile (CLAHE), so the paper's white wanders in
    soft patches, and the colours pushed a little."""
    image = np.clip(photo, 0, 255).astype(np.uint8)
    lab = cv2.cvtColor(image, cv2.COLOR_RGB2LAB)
    tiles = rng.randint(4, 8)
    clahe = cv2.createCLAHE(clipLimit=rng.uniform(1.8, 2.8), tileGridSize=(tiles, tiles))
    lab[..., 0] = clahe.apply(lab[..., 0])
    mapped = cv2.cvtColor(lab, cv2.COLOR_LAB2RGB).astype(np.float32)
    grey = mapped.mean(axis=2, keepdims=True)
    vivid: Array = (grey + (mapped - grey) * rng.uniform(1.15, 1.35)).astype(np.float32)
    return vivid


def halo_sharpen(photo: Array, rng: random.Random) -> Array:
    """An over-eager unsharp mask of a wide radius: a bright halo beside each dark stroke and a dark one beside
    each bright edge."""
    blurred = cv2.GaussianBlur(photo, (0, 0), rng.uniform(2.5, 4.0))
    amount = rng.uniform(1.0, 1.6)
    sharpened: Array = (photo + amount * (photo - blurred)).astype(np.float32)
    return sharpened


def photograph_hdr(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: a page on a checked tablecloth, through a phone's HDR tone mapping and halo sharpening."""
    page = as_array(drawn.image)
    height, width = page.shape[:2]
    scale = min(rng.randint(1800, 2300) / max(height, width) / 1.15, 1.0)
    pad = round(width * rng.uniform(0.06, 0.12)), round(height * rng.uniform(0.04, 0.08))
    photo, warp = on_a_desk(page, rng, scale, pad, rng.uniform(0.03, 0.06))
    out_h, out_w = photo.shape[:2]
    mask = cv2.warpPerspective(np.ones((height, width), np.float32), warp, (out_w, out_h), flags=cv2.INTER_LINEAR)
    photo = photo * mask[..., None] + tablecloth(rng, out_h, out_w) * (1 - mask[..., None])
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.6, 1.0)), np.float32)
    photo = photo + sensor_noise(rng, photo, 3)
    photo = tone_mapped(photo, rng)
    photo = halo_sharpen(photo, rng)
    return jpeg(photo, rng.randint(78, 88))


def reflection(photo: Array, rng: random.Random) -> Array:
    """The room mirrored in the glass: a window's bright frame and a lamp's blob, far out of focus, screened over
    the page, and the glass's green tint."""
    height, width = photo.shape[:2]
    scene = np.zeros((height, width), np.float32)
    left, top = rng.randint(0, width // 2), rng.randint(0, height // 2)
    right, bottom = left + rng.randint(width // 4, width // 2), top + rng.randint(height // 4, height // 2)
    cv2.rectangle(scene, (left, top), (right, bottom), 1.0, -1)
    bar = rng.randint(10, 25)
    cv2.rectangle(scene, ((left + right) // 2 - bar, top), ((left + right) // 2 + bar, bottom), 0.2, -1)
    cv2.circle(scene, (rng.randrange(width), rng.randrange(height)), rng.randint(40, 110), 1.0, -1)
    scene = np.asarray(cv2.GaussianBlur(scene, (0, 0), rng.uniform(18, 30)), np.float32)
    strength = rng.uniform(0.2, 0.3) * 255
    layer = (scene * strength)[..., None] * np.array([0.95, 1.0, 0.9], np.float32)
    screened = 255 - (255 - photo) * (255 - layer) / 255
    tinted: Array = (screened * np.array([0.9, 1.0, 0.93], np.float32)).astype(np.float32)
    return tinted


def directional_blur(photo: Array, rng: random.Random) -> Array:
    """The hand moving one way during a long exposure: a line kernel at one angle."""
    length = rng.randint(4, 6)
    angle = rng.uniform(0, 180)
    kernel = np.zeros((length * 2 + 1, length * 2 + 1), np.float32)
    dx, dy = np.cos(np.radians(angle)) * length, np.sin(np.radians(angle)) * length
    cv2.line(
        kernel,
        (round(length - dx / 2), round(length - dy / 2)),
        (round(length + dx / 2), round(length + dy / 2)),
        1.0,
        1,
    )
    kernel /= kernel.sum()
    return np.asarray(cv2.filter2D(photo, -1, kernel), np.float32)


def denoise_smear(photo: Array, rng: random.Random) -> Array:
    """A phone's heavy noise reduction in low light: an edge-keeping filter that flattens grain and thin strokes
    into waxy patches."""
    image = np.clip(photo, 0, 255).astype(np.uint8)
    for _ in range(2):
        image = np.asarray(
            cv2.bilateralFilter(image, rng.choice([5, 7]), rng.uniform(28, 40), rng.uniform(3, 5)), np.uint8
        )
    return image.astype(np.float32)


def photograph_through_glass(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: through a glass in a dim room, the room reflected in it, moved one way, smeared by noise
    reduction, sent compressed."""
    page = as_array(drawn.image)
    height, width = page.shape[:2]
    scale = min(rng.randint(1800, 2200) / max(height, width) / 1.15, 1.0)
    pad = round(width * rng.uniform(0.05, 0.1)), round(height * rng.uniform(0.04, 0.07))
    photo, _ = on_a_desk(page, rng, scale, pad, rng.uniform(0.04, 0.07))
    photo = photo * rng.uniform(0.5, 0.62)
    photo = reflection(photo, rng)
    photo = directional_blur(photo, rng)
    photo = photo + sensor_noise(rng, photo, rng.uniform(7, 9))
    photo = denoise_smear(photo * rng.uniform(1.3, 1.5), rng)
    return jpeg(photo, rng.randint(60, 72))
