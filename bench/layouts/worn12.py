"""The twelfth round's damage, none of which an earlier round draws.

Photo level (``photograph_on_newspaper``): the page laid on an open newspaper (its columns of small grey print and a
headline round the page, some of it close to the page's edge), shot in cool daylight by a window, the soft shadow of
the phone held over it falling across one part of the page.

Hard level (``photograph_heat_faded``): a thermal tape or slip (a screen or a sheet is printed first) kept on a
radiator or a car's dashboard: the heat has greyed the whole paper and the print has lost most of its contrast, with
patches where the strokes have all but vanished; shot with a phone's cheap front camera (few pixels, a fixed focus's
softness, a magenta cast, strong colour noise smoothed away) and sent compressed. A sheet or a screen's print is
faxed instead (``faxed``): a fax machine's standard resolution (its rows half as dense as its columns), one bit
deep, the sending machine's header across the top, a dirty scanner's streak down the page and a few rows dropped.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from bench.layouts.drawn import Drawn
from bench.layouts.photo import on_a_desk
from bench.layouts.worn import Array, as_array, jpeg, sensor_noise

_NEWS_FACE = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
_NEWS_BOLD = "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"
_NEWS_WORDS = (
    "город",
    "администрация",
    "заявил",
    "года",
    "жители",
    "района",
    "новости",
    "спорт",
    "погода",
    "рынок",
    "цены",
    "выросли",
    "сообщает",
    "пресс-служба",
    "области",
    "депутаты",
    "школы",
    "ремонт",
    "дорог",
    "лето",
)
_FAX_FACE = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def newspaper(rng: random.Random, height: int, width: int) -> Array:
    """An open newspaper's page: greyish paper, a bold headline, columns of small print with rules between them."""
    paper = Image.new("L", (width, height), rng.randint(205, 225))
    draw = ImageDraw.Draw(paper)
    size = rng.randint(13, 17)
    font = ImageFont.truetype(_NEWS_FACE, size)
    head = ImageFont.truetype(_NEWS_BOLD, size * 4)
    draw.text((width * 0.05, height * 0.02), " ".join(rng.sample(_NEWS_WORDS, 3)).upper(), font=head, fill=40)
    columns = rng.randint(4, 6)
    step = width // columns
    for column in range(columns):
        x = column * step + 10
        draw.line((x - 6, height * 0.1, x - 6, height), fill=90)
        y = int(height * 0.1)
        while y < height:
            words, line = [], ""
            while len(line) < step // (size // 2 + 1):
                words.append(rng.choice(_NEWS_WORDS))
                line = " ".join(words)
            draw.text((x, y), line, font=font, fill=rng.randint(50, 80))
            y += round(size * 1.35)
    ink = np.asarray(paper, np.float32)[..., None] * np.array([1.0, 0.99, 0.95], np.float32)
    grain = np.random.default_rng(rng.randrange(2**32)).normal(0, 5, (height, width, 1)).astype(np.float32)
    page: Array = (ink + grain).astype(np.float32)
    return page


def phone_shadow(photo: Array, rng: random.Random) -> Array:
    """The soft shadow of the phone held over the page: a blurred rectangle at a slant darkening a part of it."""
    height, width = photo.shape[:2]
    mask = np.zeros((height, width), np.float32)
    centre = (rng.uniform(0.2, 0.8) * width, rng.uniform(0.3, 0.9) * height)
    size = (rng.uniform(0.35, 0.6) * width, rng.uniform(0.25, 0.4) * height)
    box = cv2.boxPoints((centre, size, rng.uniform(-30, 30)))
    cv2.fillPoly(mask, [box.astype(np.int32)], 1.0)
    mask = np.asarray(cv2.GaussianBlur(mask, (0, 0), rng.uniform(25, 45)), np.float32)
    shaded: Array = (photo * (1 - rng.uniform(0.3, 0.45) * mask)[..., None]).astype(np.float32)
    return shaded


def photograph_on_newspaper(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: on an open newspaper in cool daylight, the phone's shadow across a part of the page."""
    page = as_array(drawn.image)
    height, width = page.shape[:2]
    scale = min(rng.randint(1700, 2200) / max(height, width) / 1.2, 1.0)
    pad = round(width * rng.uniform(0.12, 0.22)), round(height * rng.uniform(0.06, 0.1))
    photo, warp = on_a_desk(page, rng, scale, pad, rng.uniform(0.02, 0.045))
    out_h, out_w = photo.shape[:2]
    mask = cv2.warpPerspective(np.ones((height, width), np.float32), warp, (out_w, out_h), flags=cv2.INTER_LINEAR)
    photo = photo * mask[..., None] + newspaper(rng, out_h, out_w) * (1 - mask[..., None])
    photo = photo * np.array([0.93, 0.97, 1.03], np.float32)
    photo = phone_shadow(photo, rng)
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.6, 1.0)), np.float32)
    photo = photo + sensor_noise(rng, photo, rng.uniform(2, 4))
    return jpeg(photo, rng.randint(76, 88))


def heat_faded(page: Array, rng: random.Random) -> Array:
    """Thermal paper that lay in heat: the paper greyed all over, the print down to a half to three fifths of
    its contrast, and soft patches where it has all but vanished (still to be made out)."""
    height, width = page.shape[:2]
    ink = 1 - page.mean(axis=2) / 255
    keep = rng.uniform(0.55, 0.65)
    blotches = np.random.default_rng(rng.randrange(2**32)).random((height // 60 + 2, width // 60 + 2))
    patches = cv2.resize(blotches.astype(np.float32), (width, height), interpolation=cv2.INTER_CUBIC)
    vanish = np.clip((patches - 0.6) * 2.0, 0, 0.35)
    strength = ink * keep * (1 - vanish)
    paper = np.array([rng.uniform(185, 205), rng.uniform(182, 200), rng.uniform(170, 188)], np.float32)
    faded: Array = (paper * (1 - strength[..., None] * 0.95)).astype(np.float32)
    return faded


def front_camera(page: Array, rng: random.Random) -> Array:
    """A cheap front camera: the page small in a low-resolution frame, soft (a fixed focus too near), a magenta
    cast, strong colour noise smoothed into blotches by the phone."""
    height, width = page.shape[:2]
    scale = rng.randint(1300, 1500) / max(height, width) / 1.15
    pad = round(width * rng.uniform(0.06, 0.1)), round(height * rng.uniform(0.04, 0.07))
    photo, _ = on_a_desk(page, rng, scale, pad, rng.uniform(0.03, 0.05))
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.8, 1.1)), np.float32)
    photo = photo * np.array([1.02, 0.96, 1.01], np.float32)
    chroma = np.random.default_rng(rng.randrange(2**32)).normal(
        0, 6, (photo.shape[0] // 4 + 1, photo.shape[1] // 4 + 1, 3)
    )
    blotches = cv2.resize(chroma.astype(np.float32), (photo.shape[1], photo.shape[0]), interpolation=cv2.INTER_LINEAR)
    photo = photo + blotches + sensor_noise(rng, photo, 3)
    smoothed = cv2.bilateralFilter(np.clip(photo, 0, 255).astype(np.uint8), 5, 30, 3).astype(np.float32)
    return np.asarray(smoothed, np.float32)


def faxed(page: Array, rng: random.Random) -> Array:
    """A fax of the page: scanned at 8 dots a mm across and 3.85 down (standard mode) and thresholded to one bit,
    printed back at square dots; the sending machine's header, a scanner's black streak, a few dropped rows."""
    height, width = page.shape[:2]
    grey = page.mean(axis=2)
    dots = 1728 / width * rng.uniform(0.85, 0.95)
    across, down = max(1, round(width * dots)), max(1, round(height * dots * 0.48))
    scanned = cv2.resize(grey, (across, down), interpolation=cv2.INTER_AREA)
    bits = (scanned > rng.uniform(150, 175)).astype(np.float32) * 255
    for _ in range(rng.randint(2, 5)):
        row = rng.randrange(down)
        bits[row : row + rng.randint(1, 2)] = 255
    streak = rng.randrange(across)
    bits[:, streak : streak + rng.randint(1, 3)] = 0
    back = cv2.resize(bits, (across, down * 2), interpolation=cv2.INTER_NEAREST)
    header = Image.new("L", (across, 34), 255)
    sent = datetime(2026, 1, 1) + timedelta(minutes=rng.randint(0, 480_000))
    ImageDraw.Draw(header).text(
        (10, 8),
        f"{sent:%d.%m.%Y %H:%M}  FROM: +7 {rng.randint(300, 999)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-"
        f"{rng.randint(10, 99)}   P.{rng.randint(1, 2)}/{rng.randint(2, 3)}",
        font=ImageFont.truetype(_FAX_FACE, 18),
        fill=0,
    )
    printed = np.where(np.asarray(header, np.float32) < 128, 0, 255).astype(np.float32)
    sheet = np.vstack([printed, back])
    turned = cv2.warpAffine(
        sheet,
        cv2.getRotationMatrix2D((across / 2, sheet.shape[0] / 2), rng.uniform(-0.8, 0.8), 1.0),
        (across, sheet.shape[0]),
        flags=cv2.INTER_NEAREST,
        borderValue=255,
    )
    faxed_: Array = np.repeat(turned[..., None], 3, axis=2).astype(np.float32)
    return faxed_


def photograph_heat_faded(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: a heat-faded thermal print shot with a front camera; a sheet or a screen's print faxed."""
    page = as_array(drawn.image)
    if drawn.thermal:
        return jpeg(front_camera(heat_faded(page, rng), rng), rng.randint(58, 68))
    return jpeg(faxed(page, rng), rng.randint(70, 80))
