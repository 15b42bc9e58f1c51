"""The fifteenth round's damage, which no earlier round applies.

Photo level: paper folded in three to fit an envelope or a wallet and unfolded on a desk (each panel tilted its own
way to the light, a sharp crease between panels with a bright and a dark lip, the print shifted a few pixels across
it); a screenshot forwarded in a messenger and captured again there (a smaller copy inside an image bubble on the
chat's wallpaper, the chat's head bar, the bubble's time and ticks).

Hard level: paper printed by a laser printer short of toner (pale vertical bands where the cartridge ran dry, a
ghost of the page a drum's turn lower, toner specks) and photographed in a shade (a blue cast, dim, soft); a phone's
screen photographed outdoors in bright sun (the picture washed out by the sky's reflection, the photographer's dark
silhouette mirrored in part of it, which brings the contrast back there).
"""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from bench.layouts.drawn import Drawn
from bench.layouts.photo import on_a_desk
from bench.layouts.worn import Array, as_array, jpeg, sensor_noise

_FACE = "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf"
_BOLD = "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"


def folded_in_three(page: Array, rng: random.Random) -> Array:
    """The page folded in three along its length and unfolded: each panel lit by its own slope, a crease with a
    bright and a dark lip between panels, the print stepping a few pixels sideways across each crease; then shot
    on a desk."""
    height, width = page.shape[:2]
    folds = sorted(rng.uniform(0.28, 0.38) * height + n * rng.uniform(0.3, 0.36) * height for n in range(2))
    ys = np.arange(height, dtype=np.float32)
    light = np.ones(height, np.float32)
    shift = np.zeros(height, np.float32)
    edges = [0.0, *folds, float(height)]
    for n in range(3):
        top, bottom = edges[n], edges[n + 1]
        inside = (ys >= top) & (ys < bottom)
        slope = rng.uniform(-0.16, 0.16)
        light[inside] = 1 + rng.uniform(-0.06, 0.04) + slope * (ys[inside] - top) / max(1.0, bottom - top)
        shift[inside] = n * rng.uniform(-3, 3)
    for fold in folds:
        distance = ys - fold
        light *= 1 - 0.28 * np.exp(-(((distance - 2) / 3) ** 2)) + 0.12 * np.exp(-(((distance + 3) / 2.5) ** 2))
    grid_y, grid_x = np.mgrid[0:height, 0:width].astype(np.float32)
    bent = cv2.remap(page, grid_x + shift[:, None], grid_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    lit = np.asarray(bent, np.float32) * light[:, None, None]
    scale = rng.uniform(1500, 1900) / max(height, width)
    photo, _ = on_a_desk(lit, rng, scale, (round(width * 0.08), round(height * 0.05)), 0.03)
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.5, 0.9)), np.float32)
    return photo * np.array([1.02, 1.0, 0.95], np.float32) + sensor_noise(rng, photo, rng.uniform(2, 4))


_CONTACTS = ("Бухгалтерия", "Мама", "Саша", "Управляющая компания", "Ирина Петровна", "Папа")


def forwarded_in_chat(page: Array, rng: random.Random) -> Array:
    """The screenshot sent in a chat and captured again there: the chat's head bar with the contact, a wallpaper,
    the screenshot reduced into an image bubble with its time and ticks."""
    shot = Image.fromarray(np.clip(page, 0, 255).astype(np.uint8))
    width = 1080
    bubble_w = round(width * rng.uniform(0.68, 0.8))
    bubble_h = round(shot.height * bubble_w / shot.width)
    inner = shot.resize((bubble_w, bubble_h), Image.Resampling.BILINEAR)
    head = 170
    height = head + bubble_h + 220
    wallpaper = rng.choice([(214, 226, 200), (236, 229, 221), (30, 36, 44), (205, 220, 235)])
    chat = Image.new("RGB", (width, height), wallpaper)
    draw = ImageDraw.Draw(chat)
    for _ in range(60):
        x, y, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(8, 22)
        tone = tuple(min(255, c + 12) for c in wallpaper)
        draw.ellipse((x - r, y - r, x + r, y + r), outline=tone, width=3)
    dark = sum(wallpaper) < 300
    draw.rectangle((0, 0, width, head), fill=(33, 38, 46) if dark else (250, 250, 250))
    ink = (235, 235, 235) if dark else (20, 20, 20)
    contact = rng.choice(_CONTACTS)
    draw.line([(74, 62), (46, 85), (74, 108)], fill=ink, width=6)
    draw.line([(46, 85), (96, 85)], fill=ink, width=6)
    draw.ellipse((120, 40, 210, 130), fill=rng.choice([(90, 160, 220), (230, 120, 90), (120, 190, 120)]))
    draw.text((232, 44), contact, font=ImageFont.truetype(_BOLD, 44), fill=ink)
    draw.text((232, 100), "был(а) недавно", font=ImageFont.truetype(_FACE, 30), fill=(140, 140, 140))
    left = width - bubble_w - 40
    top = head + 60
    frame = (235, 255, 215) if not dark else (60, 90, 130)
    draw.rounded_rectangle((left - 8, top - 8, left + bubble_w + 8, top + bubble_h + 8), radius=28, fill=frame)
    chat.paste(inner, (left, top))
    stamp = f"{rng.randint(8, 23):02d}:{rng.randint(0, 59):02d}"
    small = ImageFont.truetype(_FACE, 28)
    box_w = round(draw.textlength(stamp, font=small)) + 70
    draw.rounded_rectangle(
        (left + bubble_w - box_w - 14, top + bubble_h - 54, left + bubble_w - 14, top + bubble_h - 14),
        radius=18,
        fill=(60, 60, 60),
    )
    draw.text((left + bubble_w - box_w - 2, top + bubble_h - 52), stamp, font=small, fill=(255, 255, 255))
    tick_x, tick_y = left + bubble_w - 60, top + bubble_h - 34
    for offset in (0, 12):
        draw.line(
            [(tick_x + offset, tick_y), (tick_x + offset + 7, tick_y + 8), (tick_x + offset + 20, tick_y - 10)],
            fill=(120, 200, 255),
            width=3,
        )
    return as_array(chat)


def low_toner(page: Array, rng: random.Random) -> Array:
    """The print of a laser printer short of toner: pale vertical bands, a faint ghost of the page a drum's turn
    lower, scattered toner specks."""
    height, width = page.shape[:2]
    xs = np.arange(width, dtype=np.float32)
    weak = np.zeros(width, np.float32)
    for _ in range(rng.randint(2, 4)):
        centre, reach = rng.uniform(0, width), rng.uniform(0.04, 0.12) * width
        weak += rng.uniform(0.35, 0.6) * np.exp(-(((xs - centre) / reach) ** 2))
    weak = np.clip(weak, 0, 0.68)
    paper = np.float32(250)
    ink = paper - page
    drum = round(height * rng.uniform(0.22, 0.3))
    ghost = np.zeros_like(ink)
    ghost[drum:] = ink[:-drum]
    printed = ink * (1 - weak)[None, :, None] + ghost * rng.uniform(0.08, 0.14)
    seed = np.random.default_rng(rng.randrange(2**32))
    dots = (seed.random((height, width)) < 0.0008).astype(np.float32)
    specks = np.asarray(cv2.GaussianBlur(dots, (0, 0), 0.8), np.float32) * 900
    return np.asarray(paper - printed - specks[..., None], np.float32)


def in_shade(page: Array, rng: random.Random) -> Array:
    """The page shot in a shade: on a desk, dim, a blue cast, soft, with noise."""
    height, width = page.shape[:2]
    scale = rng.uniform(1400, 1800) / max(height, width)
    photo, _ = on_a_desk(page, rng, scale, (round(width * 0.08), round(height * 0.06)), 0.035)
    dim = rng.uniform(0.62, 0.75)
    photo = photo * dim * np.array([0.88, 0.96, 1.08], np.float32)
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(1.0, 1.4)), np.float32)
    return photo + sensor_noise(rng, photo, rng.uniform(4, 6))


def in_sunlight(page: Array, rng: random.Random) -> Array:
    """The screen photographed outdoors in bright sun: a black bezel, the picture's contrast washed out by the
    sky's bluish reflection, strongest towards one corner, the photographer's dark silhouette mirrored over part of
    it (where the contrast comes back)."""
    height, width = page.shape[:2]
    scale = rng.uniform(1400, 1700) / max(height, width)
    photo, warp = on_a_desk(page, rng, scale, (round(width * 0.06), round(height * 0.05)), 0.02)
    out_h, out_w = photo.shape[:2]
    inside = cv2.warpPerspective(np.ones((height, width), np.float32), warp, (out_w, out_h))[..., None]
    photo = photo * inside + np.float32(14) * (1 - inside)
    ys, xs = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    corner_x, corner_y = rng.choice([0, out_w]), rng.choice([0, out_h * 0.3])
    reach = np.hypot(xs - corner_x, ys - corner_y) / np.hypot(out_w, out_h)
    glare = np.clip(1.1 - reach, 0, 1) * rng.uniform(0.55, 0.7)
    silhouette = Image.new("L", (out_w, out_h), 0)
    draw = ImageDraw.Draw(silhouette)
    cx, cy = rng.uniform(0.3, 0.7) * out_w, rng.uniform(0.35, 0.6) * out_h
    head = rng.uniform(0.1, 0.14) * out_w
    draw.ellipse((cx - head, cy - head * 1.25, cx + head, cy + head * 1.25), fill=255)
    draw.ellipse((cx - head * 3.2, cy + head * 1.0, cx + head * 3.2, cy + head * 6), fill=255)
    shadow = cv2.GaussianBlur(np.asarray(silhouette, np.float32) / 255, (0, 0), 25)
    wash = np.clip(glare * (1 - shadow * 0.75), 0, 1)[..., None] * inside
    sky = np.array([205, 220, 240], np.float32)
    photo = photo * (1 - wash) + sky * wash
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.6, 0.9)), np.float32)
    return photo + sensor_noise(rng, photo, rng.uniform(2.5, 4))


def photograph_folded_or_forwarded(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: paper folded in three and unfolded on a desk; a screenshot forwarded in a chat."""
    page = as_array(drawn.image)
    if drawn.screen:
        return jpeg(forwarded_in_chat(page, rng), rng.randint(74, 84))
    return jpeg(folded_in_three(page, rng), rng.randint(74, 86))


def photograph_low_toner_or_sunlit(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: a print short of toner shot in a shade; a screen photographed in bright sun."""
    page = as_array(drawn.image)
    if drawn.screen:
        return jpeg(in_sunlight(page, rng), rng.randint(64, 74))
    return jpeg(in_shade(low_toner(page, rng), rng), rng.randint(64, 74))
