"""The fourteenth round's damage, which no earlier round applies.

Photo level: paper lies on a car's dark dashboard, shot steeply from the driver's seat, with bright stripes of sun
through the windscreen's frame and a warm cast; a screenshot has a messenger's notification banner over its top
(dropped down as the screen was captured) and is then sent as the messenger's 1280-pixel JPEG.

Hard level: paper photographed through the plastic bag it was carried home in (a milky haze that lowers the
contrast, crinkles whose glossy highlights streak across the print and bend it a little, a dim room's gain noise);
a phone with a cracked screen glass photographed by another phone in low light (cracks running from an impact
point, each a bright line with a dark edge, the screen's picture under them, heavy chroma noise of a high ISO).
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


def _outside(page: Array, warp: np.ndarray, shape: tuple[int, int]) -> Array:
    """Where the warped page is not: 1 on the surface round it, 0 on the paper."""
    height, width = page.shape[:2]
    inside = cv2.warpPerspective(np.ones((height, width), np.float32), warp, (shape[1], shape[0]))
    return np.asarray(1 - inside, np.float32)[..., None]


def on_dashboard(page: Array, rng: random.Random) -> Array:
    """The page on a car's dark grained dashboard, seen steeply, with sun stripes across it and a warm cast."""
    height, width = page.shape[:2]
    scale = rng.uniform(1500, 1900) / max(height, width)
    photo, warp = on_a_desk(page, rng, scale, (round(width * 0.12), round(height * 0.08)), 0.06)
    out_h, out_w = photo.shape[:2]
    seed = np.random.default_rng(rng.randrange(2**32))
    grain = cv2.GaussianBlur(seed.normal(0, 1, (out_h, out_w)).astype(np.float32), (0, 0), 1.2) * 9
    dash = (np.float32(rng.uniform(28, 45)) + grain)[..., None] * np.array([1.0, 0.98, 1.02], np.float32)
    away = _outside(page, warp, (out_h, out_w))
    photo = photo * (1 - away) + dash * away
    ys, xs = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    angle = rng.uniform(0.3, 1.2) * rng.choice([-1, 1])
    across = xs * np.cos(angle) + ys * np.sin(angle)
    period = rng.uniform(0.25, 0.45) * max(out_h, out_w)
    phase = rng.uniform(0, period)
    stripe = ((across + phase) % period) < period * rng.uniform(0.35, 0.55)
    soft = cv2.GaussianBlur(stripe.astype(np.float32), (0, 0), rng.uniform(4, 10))
    light = 0.62 + soft * rng.uniform(0.5, 0.65)
    photo = photo * light[..., None] * np.array([1.06, 1.0, 0.86], np.float32)
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.6, 1.0)), np.float32)
    return photo + sensor_noise(rng, photo, rng.uniform(2, 4))


_BANNERS = (
    ("Telegram", "Мама", "Ты дома? Купи хлеба по дороге"),
    ("WhatsApp", "Работа", "Сергей: завтра планёрка в 10:00"),
    ("ВКонтакте", "Оля", "Скинь, пожалуйста, фото чека"),
    ("Госуслуги", "Уведомление", "Новое сообщение в личном кабинете"),
    ("Почта", "Ozon", "Ваш заказ доставлен в пункт выдачи"),
)


def notification_banner(page: Array, rng: random.Random) -> Array:
    """A messenger's notification dropped over the screenshot's top: a rounded light card with the app's icon, its
    name and time, the sender in bold and a line of the message; the screenshot then shrunk to 1280 pixels."""
    image = Image.fromarray(np.clip(page, 0, 255).astype(np.uint8)).convert("RGBA")
    width = image.width
    app, sender, text = rng.choice(_BANNERS)
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    unit = width / 1080
    top = round(rng.uniform(14, 40) * unit)
    bottom = top + round(rng.uniform(170, 210) * unit)
    side = round(22 * unit)
    dark = rng.random() < 0.4
    card = (44, 44, 48, 242) if dark else (246, 246, 248, 240)
    ink = (235, 235, 235, 255) if dark else (25, 25, 25, 255)
    draw.rounded_rectangle((side, top, width - side, bottom), radius=round(36 * unit), fill=card)
    icon = round(64 * unit)
    colour = rng.choice([(40, 160, 230, 255), (37, 211, 102, 255), (0, 119, 255, 255), (238, 80, 50, 255)])
    draw.ellipse((side + 26 * unit, top + 30 * unit, side + 26 * unit + icon, top + 30 * unit + icon), fill=colour)
    small, big = ImageFont.truetype(_FACE, round(28 * unit)), ImageFont.truetype(_BOLD, round(34 * unit))
    text_x = side + 26 * unit + icon + 24 * unit
    draw.text((text_x, top + 22 * unit), f"{app} · сейчас", font=small, fill=(140, 140, 140, 255))
    draw.text((text_x, top + 62 * unit), sender, font=big, fill=ink)
    draw.text((text_x, top + 108 * unit), text, font=ImageFont.truetype(_FACE, round(32 * unit)), fill=ink)
    shown = Image.alpha_composite(image, overlay).convert("RGB")
    scale = 1280 / max(shown.size)
    if scale < 1:
        shown = shown.resize((round(shown.width * scale), round(shown.height * scale)), Image.Resampling.LANCZOS)
    return as_array(shown)


def through_plastic_bag(page: Array, rng: random.Random) -> Array:
    """The page under a crinkled plastic bag: a milky haze, glossy highlight streaks along the crinkles, the print
    bent slightly where the film folds, in a dim room."""
    height, width = page.shape[:2]
    scale = rng.uniform(1500, 1900) / max(height, width)
    photo, _ = on_a_desk(page, rng, scale, (round(width * 0.08), round(height * 0.06)), 0.035)
    out_h, out_w = photo.shape[:2]
    seed = np.random.default_rng(rng.randrange(2**32))
    crinkles = np.zeros((out_h, out_w), np.float32)
    bend_x = np.zeros((out_h, out_w), np.float32)
    for _ in range(rng.randint(14, 24)):
        x, y = rng.uniform(0, out_w), rng.uniform(0, out_h)
        angle = rng.uniform(0, np.pi)
        points = []
        for _step in range(rng.randint(4, 9)):
            points.append((round(x), round(y)))
            angle += rng.uniform(-0.5, 0.5)
            length = rng.uniform(0.04, 0.12) * max(out_w, out_h)
            x, y = x + np.cos(angle) * length, y + np.sin(angle) * length
        line = np.array(points, np.int32).reshape(-1, 1, 2)
        cv2.polylines(crinkles, [line], False, rng.uniform(0.5, 1.0), thickness=rng.randint(2, 5))
        cv2.polylines(bend_x, [line], False, rng.uniform(-1, 1), thickness=rng.randint(10, 22))
    shine = cv2.GaussianBlur(crinkles, (0, 0), rng.uniform(2.5, 4.5))
    shine = shine / (shine.max() + 1e-6)
    bend = cv2.GaussianBlur(bend_x, (0, 0), 8) * rng.uniform(3, 6)
    ys, xs = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    photo = np.asarray(
        cv2.remap(photo, xs + bend, ys + bend * 0.6, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE), np.float32
    )
    haze = rng.uniform(0.22, 0.32)
    photo = photo * (1 - haze) + 200 * haze
    photo += shine[..., None] * rng.uniform(90, 140)
    film = cv2.resize(seed.normal(0, 1, (out_h // 40 + 2, out_w // 40 + 2)).astype(np.float32), (out_w, out_h))
    photo += film[..., None] * 8
    dim = rng.uniform(0.65, 0.8)
    photo = photo * dim + sensor_noise(rng, photo, rng.uniform(4, 7))
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.8, 1.2)), np.float32)
    return photo / dim * 0.95


def cracked_screen(page: Array, rng: random.Random) -> Array:
    """The screen's picture on a phone photographed by another phone: a black bezel round it, at a slight angle,
    cracks from an impact point in a corner (bright lines with a dark edge), a low light's heavy chroma noise."""
    height, width = page.shape[:2]
    scale = rng.uniform(1400, 1700) / max(height, width)
    photo, warp = on_a_desk(page, rng, scale, (round(width * 0.06), round(height * 0.05)), 0.025)
    out_h, out_w = photo.shape[:2]
    away = _outside(page, warp, (out_h, out_w))
    photo = photo * (1 - away) + np.float32(12) * away
    cracks = Image.new("L", (out_w, out_h), 0)
    shadow = Image.new("L", (out_w, out_h), 0)
    bright, dark = ImageDraw.Draw(cracks), ImageDraw.Draw(shadow)
    cx = rng.choice([0.15, 0.85]) * out_w + rng.uniform(-0.05, 0.05) * out_w
    cy = rng.choice([0.2, 0.75]) * out_h + rng.uniform(-0.05, 0.05) * out_h
    for _ in range(rng.randint(9, 15)):
        x, y = cx, cy
        angle = rng.uniform(0, 2 * np.pi)
        points = [(x, y)]
        for _step in range(rng.randint(6, 16)):
            angle += rng.uniform(-0.35, 0.35)
            length = rng.uniform(0.02, 0.07) * max(out_w, out_h)
            x, y = x + np.cos(angle) * length, y + np.sin(angle) * length
            points.append((x, y))
        bright.line(points, fill=rng.randint(150, 230), width=rng.randint(1, 3))
        dark.line([(px + 3, py + 2) for px, py in points], fill=170, width=rng.randint(2, 4))
    for radius in (rng.uniform(20, 40), rng.uniform(50, 90)):
        bright.ellipse((cx - radius, cy - radius * 0.8, cx + radius, cy + radius * 0.8), outline=200, width=2)
    glint = np.asarray(cracks, np.float32)[..., None] / 255
    edge = np.asarray(cv2.GaussianBlur(np.asarray(shadow, np.float32), (0, 0), 1.2), np.float32)[..., None] / 255
    photo = np.asarray(photo * (1 - edge * 0.6) + glint * 230 * (1 - edge * 0.3), np.float32)
    dim = rng.uniform(0.5, 0.62)
    photo = np.asarray(photo * dim, np.float32)
    seed = np.random.default_rng(rng.randrange(2**32))
    chroma = seed.normal(0, 1, (out_h // 3 + 1, out_w // 3 + 1, 3)).astype(np.float32)
    chroma = cv2.resize(chroma, (out_w, out_h), interpolation=cv2.INTER_LINEAR) * rng.uniform(9, 13)
    photo = photo + chroma + sensor_noise(rng, photo, rng.uniform(4, 6))
    return np.asarray(cv2.GaussianBlur(photo, (0, 0), 0.8), np.float32) / dim * 0.9


def photograph_dashboard_or_notified(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: paper on a car's dashboard in sun stripes; a screenshot under a notification banner."""
    page = as_array(drawn.image)
    if drawn.screen:
        return jpeg(notification_banner(page, rng), rng.randint(74, 84))
    return jpeg(on_dashboard(page, rng), rng.randint(72, 84))


def photograph_bagged_or_cracked(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: paper through a plastic bag in a dim room; a cracked screen photographed in low light."""
    page = as_array(drawn.image)
    if drawn.screen:
        return jpeg(cracked_screen(page, rng), rng.randint(60, 70))
    return jpeg(through_plastic_bag(page, rng), rng.randint(62, 74))
