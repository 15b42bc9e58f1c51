"""The thirteenth round's damage, which no earlier round applies.

Photo level: paper goes through a phone's scanning app in its «Ч/Б документ» mode (the page found and flattened
with a little keystone left, the light evened by dividing by a blurred copy, then an adaptive threshold: one bit, the
shadow's edge and the paper's grain left as black specks, thin grey print broken, the app's caption at the foot); a
screenshot is marked up in the phone's editor before it is sent (a felt-tip circle and an underline in red, a
yellow highlighter stroke across a line, then the messenger's 1280-pixel JPEG).

Hard level: paper that got wet and dried (cockled: a low wave of the sheet and its shading, tide-lines of the drops,
the print under a drop spread and paler, a few drops still on it that magnify and blur what is under them), shot in
a dim kitchen; a screenshot shown in a video call's screen share and captured there (scaled to 720 rows, 4:2:0
colour, blocky low-bitrate compression, the call's bar over the top).
"""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from bench.layouts.drawn import Drawn
from bench.layouts.photo import on_a_desk
from bench.layouts.worn import Array, as_array, jpeg, sensor_noise

_CAPTION_FACE = "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf"


def _caption(photo: Array, text: str, size: int) -> Array:
    """A line of grey text centred at the foot, as scanning apps stamp their name on a free plan."""
    image = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(_CAPTION_FACE, size)
    width = draw.textlength(text, font=font)
    draw.text(((image.width - width) / 2, image.height - size * 1.8), text, font=font, fill=(150, 150, 150))
    return as_array(image)


def scanned_bw(page: Array, rng: random.Random) -> Array:
    """A phone scan in black and white: photographed at a slant under uneven light, flattened back with a residual
    keystone, evened and thresholded locally (one bit)."""
    height, width = page.shape[:2]
    scale = rng.uniform(1300, 1700) / max(height, width)
    photo, warp = on_a_desk(page, rng, scale, (round(width * 0.06), round(height * 0.05)), 0.03)
    out_h, out_w = photo.shape[:2]
    ys, xs = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    light = 1.0 - rng.uniform(0.25, 0.45) * ((xs / out_w - 0.5) * np.cos(angle) + (ys / out_h - 0.5) * np.sin(angle))
    edge = rng.uniform(0.3, 0.7) * out_w
    light *= np.where(xs > edge + (ys - out_h / 2) * rng.uniform(-0.4, 0.4), rng.uniform(0.6, 0.75), 1.0)
    light = cv2.GaussianBlur(light.astype(np.float32), (0, 0), 6)
    photo = photo * light[..., None] + sensor_noise(rng, photo, rng.uniform(4, 7))
    # the app's crop: the page's corners found a few pixels off, so a little keystone stays
    corners = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32).reshape(-1, 1, 2)
    found = cv2.perspectiveTransform(corners, warp).reshape(-1, 2)
    found += np.array([[rng.uniform(-8, 8), rng.uniform(-8, 8)] for _ in range(4)], np.float32)
    out_width, out_height = round(width * scale), round(height * scale)
    target = np.array([[0, 0], [out_width, 0], [out_width, out_height], [0, out_height]], np.float32)
    flat = cv2.warpPerspective(
        photo,
        cv2.getPerspectiveTransform(found.astype(np.float32), target),
        (out_width, out_height),
        flags=cv2.INTER_LINEAR,
        borderValue=(255, 255, 255),
    )
    grey = cv2.cvtColor(np.clip(flat, 0, 255).astype(np.uint8), cv2.COLOR_RGB2GRAY)
    block = 2 * round(rng.uniform(10, 18)) + 1
    binary = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, rng.uniform(9, 14))
    result = np.repeat(binary[..., None], 3, axis=2).astype(np.float32)
    return _caption(result, "Отсканировано в приложении «Сканер документов»", max(14, out_width // 60))


def marked_up(page: Array, rng: random.Random) -> Array:
    """A screenshot marked in the phone's editor: a red ellipse drawn by a finger round a printed line, a wavy
    underline under another, a translucent yellow highlighter stroke across a third."""
    image = Image.fromarray(np.clip(page, 0, 255).astype(np.uint8))
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    height, width = page.shape[:2]
    red = (230, 30, 40, 255)
    ink = np.flatnonzero((np.abs(page - page[0, 0]).sum(axis=2) > 60).any(axis=1))
    rows = ink[(ink > height * 0.08) & (ink < height * 0.95)]
    rows = rows if rows.size else np.array([height // 3])
    cy = float(rows[rng.randrange(rows.size)])
    cx = width / 2 + rng.uniform(-0.1, 0.1) * width
    rx, ry = width * rng.uniform(0.3, 0.42), height * rng.uniform(0.03, 0.05)
    points = [
        (cx + rx * (1 + 0.06 * np.sin(5 * t)) * np.cos(t), cy + ry * (1 + 0.1 * np.cos(3 * t)) * np.sin(t))
        for t in np.linspace(0.3, 0.3 + 2.15 * np.pi, 90)
    ]
    draw.line(points, fill=red, width=max(6, width // 110), joint="curve")
    uy = float(rows[rng.randrange(rows.size)]) + 18
    wave = [(x, uy + 6 * np.sin(x / 23)) for x in np.linspace(width * 0.1, width * 0.85, 60)]
    draw.line(wave, fill=red, width=max(5, width // 140))
    hy = float(rows[rng.randrange(rows.size)])
    draw.line([(width * 0.06, hy), (width * 0.9, hy + rng.uniform(-12, 12))], fill=(255, 235, 0, 110), width=44)
    marked = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    scale = 1280 / max(marked.size)
    if scale < 1:
        marked = marked.resize((round(marked.width * scale), round(marked.height * scale)), Image.Resampling.LANCZOS)
    return as_array(marked)


def wet_and_dried(page: Array, rng: random.Random) -> Array:
    """A sheet that got wet: drops' tide-lines, the print under them spread and pale, the sheet cockled (a low
    displacement wave and its shading), a few drops still standing that magnify the print under them."""
    height, width = page.shape[:2]
    seed = np.random.default_rng(rng.randrange(2**32))
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    spread = cv2.GaussianBlur(page, (0, 0), max(0.9, width / 800))
    spread = 255 - (255 - spread) * 0.8 + np.array([-6, 0, 8], np.float32)  # the ink runs bluish and pale
    wet = np.zeros((height, width), np.float32)
    rims = np.zeros((height, width), np.float32)
    for _ in range(rng.randint(4, 8)):
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        radius = rng.uniform(0.05, 0.14) * width
        distance = np.sqrt((xs - cx) ** 2 + ((ys - cy) * rng.uniform(0.8, 1.25)) ** 2) / radius
        wet = np.maximum(wet, (distance < 1).astype(np.float32))
        rims += np.exp(-(((distance - 1) / 0.03) ** 2))
    soaked = np.asarray(cv2.GaussianBlur(wet, (0, 0), 4), np.float32)[..., None]
    damaged: Array = np.asarray(page * (1 - soaked) + spread * soaked, np.float32)
    damaged -= np.clip(rims, 0, 1)[..., None] * np.array([40, 48, 62], np.float32)
    # cockling: a low random displacement and the shading of its slopes
    field = seed.normal(0, 1, (height // 260 + 3, width // 260 + 3)).astype(np.float32)
    wave = cv2.resize(field, (width, height), interpolation=cv2.INTER_CUBIC)
    amplitude = rng.uniform(1.5, 3)
    map_x = (xs + wave * amplitude).astype(np.float32)
    map_y = (ys + np.roll(wave, 37, axis=1) * amplitude).astype(np.float32)
    damaged = np.asarray(
        cv2.remap(damaged, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE), np.float32
    )
    shade = cv2.Sobel(wave, cv2.CV_32F, 1, 0, ksize=5)
    damaged *= (1 + np.clip(shade / (np.abs(shade).max() + 1e-6), -1, 1) * 0.12)[..., None]
    # standing drops: a lens each, the print under it magnified and soft, a bright rim
    for _ in range(rng.randint(2, 4)):
        cx, cy, radius = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(0.015, 0.03) * width
        distance = np.sqrt((xs - cx) ** 2 + (ys - cy) ** 2) / radius
        inside = distance < 1
        pull = np.where(inside, 0.55 + 0.45 * distance**2, 1.0).astype(np.float32)
        lens = cv2.remap(damaged, cx + (xs - cx) * pull, cy + (ys - cy) * pull, cv2.INTER_LINEAR)
        lens = cv2.GaussianBlur(lens, (0, 0), 1.5)
        damaged = np.asarray(np.where(inside[..., None], lens * 0.95, damaged), np.float32)
        damaged += (np.exp(-(((distance - 0.85) / 0.06) ** 2)) * 70)[..., None]
    return damaged


def video_call_share(page: Array, rng: random.Random) -> Array:
    """A screen shared in a video call and captured there: 720 rows tall, colour halved, coded in 16-pixel blocks
    at a low bitrate (each block's detail quantised), the call's dark bar over the top."""
    height, width = page.shape[:2]
    scale = 720 / height
    small = cv2.resize(page, (max(16, round(width * scale)), 720), interpolation=cv2.INTER_AREA)
    ycc = cv2.cvtColor(np.clip(small, 0, 255).astype(np.uint8), cv2.COLOR_RGB2YCrCb).astype(np.float32)
    for channel in (1, 2):
        half = cv2.resize(ycc[..., channel], None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        ycc[..., channel] = cv2.resize(half, (ycc.shape[1], ycc.shape[0]), interpolation=cv2.INTER_LINEAR)
    luma = ycc[..., 0]
    step = rng.uniform(10, 16)
    rows, cols = luma.shape
    for top in range(0, rows, 16):
        for left in range(0, cols, 16):
            block = luma[top : top + 16, left : left + 16]
            mean = block.mean()
            block[...] = mean + np.round((block - mean) / step) * step * rng.uniform(0.85, 1.0)
    small = cv2.cvtColor(np.clip(ycc, 0, 255).astype(np.uint8), cv2.COLOR_YCrCb2RGB).astype(np.float32)
    small[:42] = small[:42] * 0.15 + np.array([30, 32, 38], np.float32) * 0.85
    image = Image.fromarray(np.clip(small, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    draw.text(
        (12, 10),
        "Демонстрация экрана • 00:" + f"{rng.randint(10, 59)}",
        fill=(230, 230, 230),
        font=ImageFont.truetype(_CAPTION_FACE, 18),
    )
    return as_array(image)


def photograph_scanned_or_marked(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: paper through a scanning app's black-and-white mode; a screenshot marked up and sent."""
    page = as_array(drawn.image)
    if drawn.screen:
        return jpeg(marked_up(page, rng), rng.randint(72, 82))
    return jpeg(scanned_bw(page, rng), rng.randint(70, 85))


def photograph_wet_or_shared(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: paper wet and dried, shot on a desk in a dim kitchen; a screenshot captured from a video
    call's screen share."""
    page = as_array(drawn.image)
    if drawn.screen:
        return jpeg(video_call_share(page, rng), rng.randint(55, 68))
    height, width = page.shape[:2]
    damaged = wet_and_dried(page, rng)
    scale = rng.uniform(1500, 1900) / max(height, width)
    photo, _ = on_a_desk(damaged, rng, scale, (round(width * 0.08), round(height * 0.06)), 0.03)
    dim = rng.uniform(0.55, 0.7)
    photo = photo * dim * np.array([1.0, 0.93, 0.8], np.float32)
    photo = photo + sensor_noise(rng, photo, rng.uniform(6, 9))
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.7, 1.1)), np.float32) / dim * 0.92
    return jpeg(photo, rng.randint(62, 74))
