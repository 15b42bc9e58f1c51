"""The ninth round's damage, none of which an earlier round draws.

Photo level (``photograph_night``): a phone's night mode in a room lit by one orange bulb. The camera merges several
short exposures; the hand moved between them, so a faint second copy of the print stands a few pixels off the first
(ghosting). The sensor's colour noise comes in blotches (low-frequency chroma noise), the strong orange cast stays,
and the phone's noise reduction (an edge-preserving smoothing) smears thin strokes before the JPEG.

Hard level (``photograph_corner_cut``): the page shot close and steeply with a wide lens: the near end sharp and the
far end out of focus (a depth-of-field blur that grows along the page), the lens's lateral chromatic aberration (red
and blue drawn apart towards the frame's edges, coloured fringes round every stroke), and the frame cutting a corner
of the page: two adjacent sides cut inside the paper's blank margin, the print untouched.
"""

from __future__ import annotations

import random

import cv2
import numpy as np
from numpy.typing import NDArray

from bench.layouts.drawn import Drawn
from bench.layouts.photo import on_a_desk
from bench.layouts.worn import _ink_box, as_array, jpeg, sensor_noise

Array = NDArray[np.float32]


def ghost(photo: Array, rng: random.Random) -> Array:
    """A night mode's merge of frames taken while the hand moved: a faint copy of the picture a few pixels off."""
    dx, dy = rng.uniform(3, 7) * rng.choice([-1, 1]), rng.uniform(2, 5) * rng.choice([-1, 1])
    shift = np.array([[1, 0, dx], [0, 1, dy]], np.float32)
    moved = cv2.warpAffine(photo, shift, (photo.shape[1], photo.shape[0]), borderMode=cv2.BORDER_REPLICATE)
    weight = rng.uniform(0.2, 0.32)
    merged: Array = (photo * (1 - weight) + np.asarray(moved, np.float32) * weight).astype(np.float32)
    return merged


def blotchy_chroma(photo: Array, rng: random.Random) -> Array:
    """Low-light colour noise as a phone's sensor gives it: blotches a few pixels wide in each channel apart."""
    height, width = photo.shape[:2]
    seed = np.random.default_rng(rng.randrange(2**32))
    small = seed.normal(0, rng.uniform(10, 16), (max(1, height // 5), max(1, width // 5), 3)).astype(np.float32)
    blotches = cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)
    noisy: Array = (photo + blotches).astype(np.float32)
    return noisy


def orange_bulb(photo: Array, rng: random.Random) -> Array:
    """An incandescent bulb the white balance did not correct: the page orange, blue weakest, a little underexposed."""
    cast = np.array([rng.uniform(1.0, 1.06), rng.uniform(0.76, 0.84), rng.uniform(0.46, 0.58)], np.float32)
    lit: Array = (photo * cast * rng.uniform(0.78, 0.9)).astype(np.float32)
    return lit


def smear(photo: Array, rng: random.Random) -> Array:
    """A phone's noise reduction: an edge-preserving smoothing strong enough to thin and smear fine strokes."""
    clipped = np.clip(photo, 0, 255).astype(np.float32)
    smoothed = cv2.bilateralFilter(clipped, rng.choice([7, 9]), rng.uniform(35, 55), rng.uniform(4, 7))
    return np.asarray(smoothed, np.float32)


def _desk(drawn: Drawn, rng: random.Random, long_side: tuple[int, int], jitter: float) -> tuple[Array, Array]:
    page = as_array(drawn.image)
    height, width = page.shape[:2]
    scale = min(rng.randint(*long_side) / max(height, width) / 1.15, 1.0)
    pad = round(width * rng.uniform(0.06, 0.12)), round(height * rng.uniform(0.04, 0.08))
    photo, warp = on_a_desk(page, rng, scale, pad, jitter)
    return photo, np.asarray(warp, np.float32)


def photograph_night(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: a page (or a phone's screen, or a tape) shot in night mode under an orange bulb: ghosting
    from the merged frames, blotchy colour noise, the noise reduction's smear."""
    photo, _ = _desk(drawn, rng, (1800, 2300), rng.uniform(0.03, 0.06))
    photo = orange_bulb(photo, rng)
    photo = ghost(photo, rng)
    photo = blotchy_chroma(photo, rng)
    photo = photo + sensor_noise(rng, photo, 3)
    photo = smear(photo, rng)
    return jpeg(photo, rng.randint(70, 84))


def depth_blur(photo: Array, rng: random.Random) -> Array:
    """A shallow depth of field on a page shot steeply: sharp at the near end, increasingly blurred towards the far."""
    height = photo.shape[0]
    far = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(1.8, 2.6)), np.float32)
    middle = np.asarray(cv2.GaussianBlur(photo, (0, 0), 1.0), np.float32)
    ramp = np.linspace(0, 1, height, dtype=np.float32) if rng.random() < 0.5 else np.linspace(1, 0, height)
    ramp = np.clip((ramp.astype(np.float32) - 0.25) / 0.75, 0, 1)[:, None, None]
    near_half = np.clip(ramp * 2, 0, 1)
    far_half = np.clip(ramp * 2 - 1, 0, 1)
    blurred: Array = (photo * (1 - near_half) + middle * near_half * (1 - far_half) + far * far_half).astype(np.float32)
    return blurred


def chromatic_aberration(photo: Array, rng: random.Random) -> Array:
    """A wide lens's lateral chromatic aberration: red scaled up and blue down about the centre, fringes growing
    towards the frame's edges."""
    height, width = photo.shape[:2]
    amount = rng.uniform(0.0012, 0.0022)
    out = photo.copy()
    for channel, factor in ((0, 1 + amount), (2, 1 - amount)):
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), 0, factor)
        out[..., channel] = cv2.warpAffine(
            np.ascontiguousarray(photo[..., channel]), matrix, (width, height), borderMode=cv2.BORDER_REPLICATE
        )
    return out


def cut_corner(photo: Array, warp: Array, box: tuple[int, int, int, int], rng: random.Random) -> Array:
    """The frame cutting a corner of the page: two adjacent sides cut between the desk and the print (the paper's
    blank margin partly gone, the print untouched)."""
    left, top, right, bottom = box
    corners = np.array([[[left, top], [right, top], [right, bottom], [left, bottom]]], np.float32)
    ink = cv2.perspectiveTransform(corners, warp.astype(np.float64))[0]
    height, width = photo.shape[:2]
    share_x, share_y = rng.uniform(0.6, 0.95), rng.uniform(0.6, 0.95)
    x0, x1, y0, y1 = 0, width, 0, height
    if rng.random() < 0.5:
        x0 = max(0, round(share_x * (ink[:, 0].min() - 6)))
    else:
        edge = ink[:, 0].max() + 6
        x1 = min(width, round(edge + (1 - share_x) * (width - edge)))
    if rng.random() < 0.5:
        y0 = max(0, round(share_y * (ink[:, 1].min() - 6)))
    else:
        edge = ink[:, 1].max() + 6
        y1 = min(height, round(edge + (1 - share_y) * (height - edge)))
    cut: Array = photo[y0:y1, x0:x1]
    return cut


def photograph_corner_cut(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: shot close and steeply, a depth-of-field blur along the page, chromatic fringes, a corner of
    the page out of the frame, some sensor noise."""
    box = _ink_box(as_array(drawn.image))
    photo, warp = _desk(drawn, rng, (1700, 2200), rng.uniform(0.07, 0.1))
    photo = depth_blur(photo, rng)
    photo = chromatic_aberration(photo, rng)
    photo = cut_corner(photo, warp, box, rng)
    photo = photo + sensor_noise(rng, photo, 4)
    return jpeg(photo, rng.randint(66, 80))
