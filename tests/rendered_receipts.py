"""Receipts drawn for the tests: layouts of real cash registers, rendered here (the real photos are not ours to
redistribute)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"


def cash_receipt_with_a_large_total(total: str, slant: int = 0) -> np.ndarray:
    """A cash register's tape: body rows, and the total printed double size («ИТОГ ≡142.00») over the VAT row; with
    ``slant`` pixels between the heights of the label and the sum, as a photo's tilt puts them."""
    font = ImageFont.truetype(MONO_BOLD, 18)
    above = ["КАССОВЫЙ ЧЕК", "ЗОЛОТАЯ СЕМЕЧКА            =68.60", "ПОДЫТОГ                   =142.50"]
    below = ["A: Сумма НДС 18%           =10.46", "НАЛИЧНЫМИ                 =142.00"]
    page = Image.new("L", (440, 60 + 26 * 5 + 52), 255)
    draw = ImageDraw.Draw(page)
    for index, row in enumerate(above):
        draw.text((10, 20 + 26 * index), row, font=font, fill=0)
    large = Image.new("L", (200, 26), 255)
    ImageDraw.Draw(large).text((0, 2), "ИТОГ", font=font, fill=0)
    ImageDraw.Draw(large).text((105, 2), total, font=font, fill=0)
    large = large.resize((400, 52), Image.Resampling.BICUBIC)
    page.paste(large.crop((0, 0, 200, 52)), (10, 20 + 26 * 3))
    page.paste(large.crop((200, 0, 400, 52)), (210, 20 + 26 * 3 + slant))
    for index, row in enumerate(below):
        draw.text((10, 20 + 26 * 3 + 52 + 26 * index), row, font=font, fill=0)
    return np.asarray(page)
