"""Drawing primitives shared by the templates, and the ledger that turns what is drawn into ground truth.

A template never states its ground truth separately: each value it prints goes through :meth:`Sheet.show`,
so a field is in the truth exactly when the image shows it (printed, or encoded in a QR code).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
import segno
from PIL import Image, ImageDraw

from bench.corpus.fonts import Font, has_glyphs

Box = tuple[int, int, int, int]
Colour = tuple[int, int, int]

WHITE: Colour = (255, 255, 255)
INK: Colour = (24, 24, 24)
GREY: Colour = (118, 118, 122)
RULE: Colour = (205, 205, 210)

MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
_QR_QUIET_MODULES = 4


@dataclass(frozen=True, slots=True)
class Rendered:
    """A clean page, its truth, and what the degradations need to know about it.

    ``drawn`` holds every string printed and every QR payload, in drawing order, so that tests can check that
    the truth claims nothing the page does not show.
    """

    image: Image.Image
    fields: dict[str, str]
    x_height: int
    qr_box: Box | None
    screen: bool
    drawn: tuple[str, ...]


@dataclass
class Sheet:
    """A page being drawn: a white canvas, its body x-height, and the truth ledger."""

    width: int
    height: int
    x_height: int
    paper: Colour = WHITE
    screen: bool = False
    fields: dict[str, str] = field(default_factory=dict)
    qr_box: Box | None = None
    drawn: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.image = Image.new("RGB", (self.width, self.height), self.paper)
        self.draw = ImageDraw.Draw(self.image)

    def show(self, name: str, value: str) -> None:
        """Record that the page shows ``name`` = ``value`` (already in the schema's canonical form)."""
        self.fields[name] = value

    def text(
        self, x: float, baseline: float, text: str, face: Font, *, fill: Colour = INK, anchor: str = "ls"
    ) -> float:
        """Draw ``text`` with its baseline at ``baseline``; returns its advance width."""
        self.draw.text((x, baseline), text, font=face, fill=fill, anchor=anchor)
        self.drawn.append(text)
        return face.getlength(text)

    def lines(
        self, x: float, baseline: int, lines: list[str], face: Font, *, fill: Colour = INK, anchor: str = "ls"
    ) -> int:
        """Draw consecutive lines; returns the baseline after the last one."""
        for line in lines:
            self.text(x, baseline, line, face, fill=fill, anchor=anchor)
            baseline += line_height(face)
        return baseline

    def hline(self, x0: float, x1: float, y: float, fill: Colour = RULE, width: int = 1) -> None:
        self.draw.line([(x0, y), (x1, y)], fill=fill, width=width)

    def vline(self, x: float, y0: float, y1: float, fill: Colour = RULE, width: int = 1) -> None:
        self.draw.line([(x, y0), (x, y1)], fill=fill, width=width)

    def frame(self, box: Box, outline: Colour = INK, width: int = 1, fill: Colour | None = None) -> None:
        self.draw.rectangle(box, outline=outline, width=width, fill=fill)

    def qr(self, payload: str, x: int, y: int, max_side: int, *, encoding: str = "utf-8", max_module: int = 6) -> int:
        """Paste a QR code of ``payload`` at x, y (quiet zone included), as large as fits ``max_side``.

        Returns its side in pixels. Modules never go below 2 pixels, so a tight ``max_side`` can be exceeded.
        """
        code = segno.make(payload, error="m", encoding=encoding, micro=False, boost_error=False)
        modules = int(code.symbol_size(scale=1, border=_QR_QUIET_MODULES)[0])
        image = qr_image(payload, max(2, min(max_module, max_side // modules)), encoding)
        self.image.paste(Image.new("RGB", image.size, self.paper), (x, y))
        self.image.paste(Image.new("RGB", image.size, (0, 0, 0)), (x, y), Image.eval(image, lambda v: 255 - v))
        self.qr_box = (x, y, x + image.width, y + image.height)
        self.drawn.append(payload)
        return image.width

    def finish(self, height: int) -> Rendered:
        """Crop the canvas to the drawn ``height`` and hand the page over."""
        image = self.image.crop((0, 0, self.width, min(max(height, 1), self.height)))
        return Rendered(image, dict(self.fields), self.x_height, self.qr_box, self.screen, tuple(self.drawn))


def em(face: Font) -> int:
    """The font size in whole pixels: the distance from the top of a line to its baseline, near enough."""
    return round(face.size)


def line_height(face: Font, spacing: float = 1.25) -> int:
    return round(face.size * spacing)


def wrap(text: str, face: Font, width: float) -> list[str]:
    """Greedy word wrap to ``width`` pixels; a word longer than the width gets a line of its own."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and face.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def qr_image(payload: str, module: int, encoding: str = "utf-8") -> Image.Image:
    """A black-on-white QR code (error correction M, 4-module quiet zone), ``module`` pixels per module."""
    code = segno.make(payload, error="m", encoding=encoding, micro=False, boost_error=False)
    matrix = np.pad(np.array(code.matrix, dtype=np.uint8), _QR_QUIET_MODULES)
    pixels = np.where(matrix == 1, 0, 255).astype(np.uint8)
    return Image.fromarray(pixels.repeat(module, axis=0).repeat(module, axis=1), "L")


def grouped(amount: Decimal, decimal_mark: str = ",", group: str = " ") -> str:
    """``1234.5`` → ``1 234,50``; ``group=""`` leaves thousands ungrouped."""
    whole, fraction = f"{amount:.2f}".split(".")
    return f"{int(whole):,}".replace(",", group) + decimal_mark + fraction


def money(amount: Decimal, rng: random.Random, face: Font) -> str:
    """One of the ways apps print an amount: ``1 234,56 ₽``, ``1234.56 RUB``, ``1 234,56 руб.``.

    The rouble sign is used only when ``face`` has the glyph (Liberation lacks it).
    """
    signs = ["₽", "₽", "RUB", "руб."] if has_glyphs(face, "₽") else ["RUB", "руб.", "р."]
    sign = rng.choice(signs)
    number = grouped(amount, ".", "") if sign == "RUB" and rng.random() < 0.6 else grouped(amount)
    return f"{number} {sign}"


def date_words(day: date) -> str:
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}"


def qr_gost(payee: dict[str, str], encoding_digit: str = "2") -> str:
    """A GOST R 56042-2014 payload: ``ST0001`` + encoding digit, then ``|Key=Value`` pairs in the given order."""
    return f"ST0001{encoding_digit}|" + "|".join(f"{key}={value}" for key, value in payee.items())


GOST_ENCODINGS = {"1": "cp1251", "2": "utf-8"}
"""Encoding digit → codec; both occur in practice, and cp1251 trips decoders that assume UTF-8."""
