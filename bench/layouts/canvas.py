"""A page drawn top to bottom: lines, label-value pairs, bordered grids and QR codes in one document's faces.

The faces are the TrueType files the Makefile's font packages install under /usr/share/fonts; each document draws
one family (regular and bold) at its own sizes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFilter, ImageFont

_ROOT = Path("/usr/share/fonts/truetype")

MONO_FACES = (
    ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    ("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf"),
    ("jetbrains-mono/JetBrainsMono-Regular.ttf", "jetbrains-mono/JetBrainsMono-Bold.ttf"),
    ("jetbrains-mono/JetBrainsMono-Medium.ttf", "jetbrains-mono/JetBrainsMono-ExtraBold.ttf"),
    ("paratype/PTM55F.ttf", "paratype/PTM75F.ttf"),
    ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    ("roboto/unhinted/RobotoCondensed-Regular.ttf", "roboto/unhinted/RobotoCondensed-Bold.ttf"),
)
"""Faces of receipt printers: monospaced, or the condensed sans of newer registers."""

PAGE_FACES = (
    ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    ("liberation/LiberationSansNarrow-Regular.ttf", "liberation/LiberationSansNarrow-Bold.ttf"),
    ("noto/NotoSerif-Regular.ttf", "noto/NotoSerif-Bold.ttf"),
    ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
    ("paratype/PTF55F.ttf", "paratype/PTF75F.ttf"),
    ("paratype/PTS55F.ttf", "paratype/PTS75F.ttf"),
    ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
    ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-Bold.ttf"),
    ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
    ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
)
"""Faces of printed forms and PDFs (1C prints Arial or Times, whose metric twins are Liberation's)."""

SCREEN_FACES = (
    ("roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"),
    ("roboto/unhinted/RobotoTTF/Roboto-Light.ttf", "roboto/unhinted/RobotoTTF/Roboto-Medium.ttf"),
    ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-Semibold.ttf"),
    ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
    ("paratype/PTS55F.ttf", "paratype/PTS75F.ttf"),
    ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
)
"""Faces of phone apps (Roboto, Open Sans, Noto) and their PDF exports."""

Colour = tuple[int, int, int]
BLACK: Colour = (20, 20, 20)
GREY: Colour = (120, 120, 120)


@cache
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_ROOT / path), size)


@cache
def has_glyph(path: str, character: str) -> bool:
    """Whether the face draws ``character`` (rather than its empty box): a document set in a face without «₽»
    prints «руб.», as a real one would."""
    font = _font(path, 40)
    return bytes(font.getmask(character)) != bytes(font.getmask("\U0010fffd"))


def qr_image(payload: str, pixels: int) -> Image.Image:
    """A QR code of ``payload`` (UTF-8, error level M, a two-module border), whole modules of about ``pixels`` wide."""
    code = segno.make(payload, error="m", encoding="utf-8")
    scale = max(2, pixels // code.symbol_size(border=2)[0])
    side = int(code.symbol_size(scale=scale, border=2)[0])
    image = Image.new("RGB", (side, side), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for row, bits in enumerate(code.matrix_iter(scale=1, border=2)):
        for col, bit in enumerate(bits):
            if bit:
                draw.rectangle((col * scale, row * scale, col * scale + scale - 1, row * scale + scale - 1), (0, 0, 0))
    return image


@dataclass
class Page:
    """A white (or ``background``) page ``width`` pixels wide that grows downwards as it is drawn on."""

    width: int
    face: tuple[str, str]
    size: int
    margin: int = 40
    background: Colour = (255, 255, 255)
    ink: Colour = BLACK
    y: int = 0
    _image: Image.Image = field(init=False)
    _draw: ImageDraw.ImageDraw = field(init=False)

    def __post_init__(self) -> None:
        self._image = Image.new("RGB", (self.width, 6000), self.background)
        self._draw = ImageDraw.Draw(self._image)
        self.y = self.margin

    def printable(self, text: str) -> str:
        """``text`` with the rouble sign spelt out when the face lacks it."""
        if "₽" in text and not (has_glyph(self.face[0], "₽") and has_glyph(self.face[1], "₽")):
            return text.replace("₽", "руб.")
        return text

    def font(self, size: int | None = None, bold: bool = False) -> ImageFont.FreeTypeFont:
        return _font(self.face[1] if bold else self.face[0], size or self.size)

    def text_width(self, text: str, size: int | None = None, bold: bool = False) -> float:
        return self._draw.textlength(text, font=self.font(size, bold))

    def gap(self, pixels: int) -> None:
        self.y += pixels

    def line(
        self,
        text: str,
        size: int | None = None,
        *,
        bold: bool = False,
        align: str = "left",
        indent: int = 0,
        colour: Colour | None = None,
    ) -> None:
        """One line of text, wrapped at the margin when it is too long."""
        text = self.printable(text)
        for part in self.wrap(text, self.width - 2 * self.margin - indent, size, bold):
            width = self.text_width(part, size, bold)
            x = {
                "left": self.margin + indent,
                "center": (self.width - width) / 2,
                "right": self.width - self.margin - width,
            }[align]
            self._draw.text((x, self.y), part, font=self.font(size, bold), fill=colour or self.ink)
            self.y += round((size or self.size) * 1.3)

    def pair(
        self,
        left: str,
        right: str,
        size: int | None = None,
        *,
        bold: bool = False,
        leader: str = "",
        colour: Colour | None = None,
    ) -> None:
        """A label on the left and its value flush right, on one line (the value wraps under when it cannot fit)."""
        font = self.font(size, bold)
        left, right = self.printable(left), self.printable(right)
        left_width, right_width = self.text_width(left, size, bold), self.text_width(right, size, bold)
        room = self.width - 2 * self.margin
        if left_width + right_width + 10 > room:
            self.line(left, size, bold=bold, colour=colour)
            self.line(right, size, bold=bold, align="right")
            return
        self._draw.text((self.margin, self.y), left, font=font, fill=colour or self.ink)
        if leader:
            dot = self.text_width(leader, size)
            count = int((room - left_width - right_width) / dot) - 1
            self._draw.text((self.margin + left_width, self.y), leader * max(0, count), font=font, fill=self.ink)
        self._draw.text((self.width - self.margin - right_width, self.y), right, font=font, fill=self.ink)
        self.y += round((size or self.size) * 1.3)

    def stacked(self, label: str, value: str, label_size: int, value_size: int, label_colour: Colour = GREY) -> None:
        """A small grey label above its value, as phone apps show details."""
        self.line(label, label_size, colour=label_colour)
        self.line(value, value_size)
        self.gap(value_size // 2)

    def rule(self, dashed: bool = False, thickness: int = 2) -> None:
        y = self.y + 4
        if dashed:
            for x in range(self.margin, self.width - self.margin, 14):
                self._draw.line((x, y, x + 7, y), fill=self.ink, width=thickness)
        else:
            self._draw.line((self.margin, y, self.width - self.margin, y), fill=self.ink, width=thickness)
        self.y += 12

    def grid(
        self, rows: list[list[str]], widths: list[float], size: int | None = None, bold_first: bool = False
    ) -> None:
        """A bordered table: ``widths`` are fractions of the text width; each cell's text wraps inside it."""
        size = size or self.size
        room = self.width - 2 * self.margin
        edges = [self.margin]
        for fraction in widths:
            edges.append(edges[-1] + round(fraction * room))
        for index, row in enumerate(rows):
            bold = bold_first and index == 0
            cells = [
                self.wrap(self.printable(text), edges[i + 1] - edges[i] - 10, size, bold) if text else [""]
                for i, text in enumerate(row)
            ]
            height = max(len(lines) for lines in cells) * round(size * 1.25) + 10
            for i, lines in enumerate(cells):
                for n, text in enumerate(lines):
                    position = (edges[i] + 5, self.y + 5 + n * round(size * 1.25))
                    self._draw.text(position, text, font=self.font(size, bold), fill=self.ink)
                self._draw.rectangle((edges[i], self.y, edges[i + 1], self.y + height), outline=self.ink, width=1)
            self.y += height

    def box(self, top: int, colour: Colour, left: int | None = None, right: int | None = None) -> None:
        """A filled band from ``top`` to the current line, drawn under nothing (call before the text)."""
        self._draw.rectangle((left or 0, top, right or self.width, self.y), fill=colour)

    def qr(self, payload: str, pixels: int, align: str = "center") -> None:
        """A QR code of ``payload`` (UTF-8), ``pixels`` wide."""
        matrix = qr_image(payload, pixels)
        x = {"center": (self.width - matrix.width) // 2, "left": self.margin, "right": self.width - self.margin}[align]
        if align == "right":
            x -= matrix.width
        self._image.paste(matrix, (x, self.y))
        self.y += matrix.height + 10

    def inset(self, image: Image.Image, x: int | None = None) -> None:
        """Another page's ``image`` laid on this one at ``x`` (centred when ``None``); the page goes on under it."""
        self._image.paste(image, ((self.width - image.width) // 2 if x is None else x, self.y))
        self.y += image.height

    def vertical_rule(self, x: int, top: int, bottom: int) -> None:
        self._draw.line((x, top, x, bottom), fill=self.ink)

    def labelled(self, label: str, value: str, split: float, size: int | None = None) -> None:
        """A grey label at the margin and its value in a column from ``split`` of the text width, wrapped there:
        how a bank's PDF receipt sets its rows."""
        size = size or self.size
        left = self.margin + (self.width - 2 * self.margin) * split
        top = self.y
        self.line(label, size - 2, colour=GREY)
        bottom, self.y = self.y, top
        for part in self.wrap(self.printable(value), self.width - self.margin - left, size):
            self._draw.text((left, self.y), part, font=self.font(size), fill=self.ink)
            self.y += round(size * 1.3)
        self.y = max(self.y, bottom)

    def wrap(self, text: str, room: float, size: int | None = None, bold: bool = False) -> list[str]:
        """``text`` in lines that fit ``room`` pixels, broken at spaces and at its own newlines."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            current = ""
            for word in paragraph.split(" "):
                trial = f"{current} {word}" if current else word
                if current and self.text_width(trial, size, bold) > room:
                    lines.append(current)
                    current = word
                else:
                    current = trial
            lines.append(current)
        return lines

    def finish(self, min_height: int = 0) -> Image.Image:
        return self._image.crop((0, 0, self.width, max(self.y + self.margin, min_height)))


def payment_order_foot(page: Page, purpose: str, signatures: str, stamp: str, size: int) -> None:
    """The foot every платёжное поручение 0401060 shares: field 24's purpose and its caption, the signatures beside
    «Отметки банка», and the payer's bank's blue stamp (its name, the status, the date) under them."""
    page.line(purpose)
    page.line("Назначение платежа", size - 4)
    page.gap(30)
    page.pair(signatures, "Отметки банка", size - 2)
    page.gap(10)
    page.line(stamp, size - 2, bold=True, colour=(40, 60, 160))


def pick_face(rng: random.Random, faces: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    return rng.choice(faces)


SECOND_TAPE_FACES = (
    ("jetbrains-mono/JetBrainsMono-Light.ttf", "jetbrains-mono/JetBrainsMono-SemiBold.ttf"),
    ("roboto/unhinted/RobotoCondensed-Light.ttf", "roboto/unhinted/RobotoCondensed-Medium.ttf"),
    ("open-sans/OpenSans-CondLight.ttf", "open-sans/OpenSans-CondBold.ttf"),
    ("paratype/PTN57F.ttf", "paratype/PTN77F.ttf"),
    ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
)
"""The second round's receipt faces, none of which the first round draws: light and semi-bold mono, condensed light
sans (Эвотор and АТОЛ print a narrow sans), PT Sans Narrow, DejaVu Sans."""

SECOND_PAGE_FACES = (
    ("dejavu/DejaVuSerifCondensed.ttf", "dejavu/DejaVuSerifCondensed-Bold.ttf"),
    ("noto/NotoSerifDisplay-Regular.ttf", "noto/NotoSerifDisplay-Bold.ttf"),
    ("noto/NotoSansDisplay-Regular.ttf", "noto/NotoSansDisplay-Bold.ttf"),
    ("paratype/PTC55F.ttf", "paratype/PTC75F.ttf"),
    ("paratype/PTZ55F.ttf", "paratype/PTF75F.ttf"),
    ("open-sans/OpenSans-Light.ttf", "open-sans/OpenSans-ExtraBold.ttf"),
    ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
)
"""The second round's form and PDF faces: condensed and display cuts, PT's caption faces, a light sans."""

SECOND_SCREEN_FACES = (
    ("open-sans/OpenSans-Light.ttf", "open-sans/OpenSans-ExtraBold.ttf"),
    ("noto/NotoSansDisplay-Regular.ttf", "noto/NotoSansDisplay-Bold.ttf"),
    ("paratype/PTC55F.ttf", "paratype/PTC75F.ttf"),
    ("dejavu/DejaVuSans-ExtraLight.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    ("roboto/unhinted/RobotoCondensed-Light.ttf", "roboto/unhinted/RobotoTTF/Roboto-Black.ttf"),
)
"""The second round's app faces."""

HAND_FACES = (
    "freefont/FreeSerifItalic.ttf",
    "liberation/LiberationSerif-Italic.ttf",
    "paratype/PTZ56F.ttf",
    "noto/NotoSerif-Italic.ttf",
    "dejavu/DejaVuSerifCondensed-Italic.ttf",
)
"""Italic faces that, each glyph turned and shifted on its own in blue ink, pass for a pen's figures."""

PEN: Colour = (30, 50, 150)


class SecondPage(Page):
    """The first round's page with what the second round's documents add: a QR beside the lines it sits with,
    several QR codes in a row, and figures written by hand into a printed form's blanks."""

    def qr_beside(self, payload: str, pixels: int, rows: list[tuple[str, str]], size: int | None = None) -> None:
        """The QR at the left margin and ``rows`` (label, value) in the column to its right, as Эвотор and АТОЛ
        registers print the fiscal block."""
        top = self.y
        self.qr(payload, pixels, align="left")
        bottom, self.y = self.y, top + 6
        left = self.margin + pixels + 20
        size = size or self.size
        for raw_label, raw_value in rows:
            label, value = self.printable(raw_label), self.printable(raw_value)
            self._draw.text((left, self.y), label, font=self.font(size), fill=self.ink)
            right = self.width - self.margin - self.text_width(value, size)
            self._draw.text((right, self.y), value, font=self.font(size), fill=self.ink)
            self.y += round(size * 1.3)
        self.y = max(self.y, bottom)

    def qr_row(self, payloads: list[tuple[str, str]], pixels: int, caption_size: int) -> None:
        """QR codes side by side, each with its caption under it: ``payloads`` are (payload, caption)."""
        top, step = self.y, (self.width - 2 * self.margin) // len(payloads)
        bottom = top
        for index, (payload, caption) in enumerate(payloads):
            image = qr_image(payload, pixels)
            x = self.margin + index * step
            self._image.paste(image, (x, top))
            self._draw.text((x, top + image.height + 4), caption, font=self.font(caption_size), fill=self.ink)
            bottom = max(bottom, top + image.height + round(caption_size * 1.6))
        self.y = bottom + 10

    def scrawl(self, text: str, x: float, rng: random.Random, size: int, face: str) -> float:
        """``text`` written by hand at ``x`` on the current line, each glyph turned, shifted and sized on its own;
        returns where the writing ends."""
        for character in text:
            font = _font(face, round(size * rng.uniform(1.0, 1.25)))
            box = font.getbbox(character)
            glyph = Image.new("L", (round(box[2]) + 8, round(size * 1.8)), 0)
            ImageDraw.Draw(glyph).text((4, 2), character, font=font, fill=255)
            glyph = glyph.rotate(rng.uniform(-12, 12), resample=Image.Resampling.BICUBIC, expand=True)
            ink = Image.new("RGB", glyph.size, PEN)
            self._image.paste(ink, (round(x), self.y - round(size * 0.3) + rng.randint(-3, 3)), glyph)
            x += box[2] + rng.uniform(-1, 3)
        return x

    def form_line(self, parts: list[tuple[str, bool]], rng: random.Random, hand: str, size: int | None = None) -> None:
        """A line of a printed form whose blanks a payer filled in: ``parts`` are (text, written by hand)."""
        size = size or self.size
        x: float = self.margin
        for text, by_hand in parts:
            if by_hand:
                x = self.scrawl(text, x + 6, rng, size, hand) + 6
            else:
                self._draw.text((x, self.y), text, font=self.font(size), fill=self.ink)
                x += self.text_width(text, size)
        self.y += round(size * 1.6)


THIRD_TAPE_FACES = (
    ("jetbrains-mono/JetBrainsMono-ExtraLight.ttf", "jetbrains-mono/JetBrainsMono-Medium.ttf"),
    ("paratype/PTM75F.ttf", "paratype/PTM75F.ttf"),
    ("dejavu/DejaVuSansCondensed-Bold.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    ("freefont/FreeMonoBold.ttf", "freefont/FreeMonoBold.ttf"),
    ("roboto/unhinted/RobotoCondensed-Medium.ttf", "roboto/unhinted/RobotoCondensed-Bold.ttf"),
)
"""The third round's tape faces, as no earlier round sets a whole tape: a thin mono, and the all-bold print of a
hot thermal head (PT Mono Bold, DejaVu Sans Condensed Bold, FreeMono Bold), a medium condensed sans."""

THIRD_PAGE_FACES = (
    ("roboto/unhinted/RobotoTTF/Roboto-Medium.ttf", "roboto/unhinted/RobotoTTF/Roboto-Black.ttf"),
    ("roboto/unhinted/RobotoCondensed-Regular.ttf", "roboto/unhinted/RobotoCondensed-Bold.ttf"),
    ("paratype/PTN57F.ttf", "paratype/PTN77F.ttf"),
    ("open-sans/OpenSans-Semibold.ttf", "open-sans/OpenSans-ExtraBold.ttf"),
    ("liberation/LiberationSansNarrow-Bold.ttf", "liberation/LiberationSansNarrow-Bold.ttf"),
)
"""The third round's form faces: a medium Roboto, condensed and narrow sans on a whole page (earlier rounds set them
on tapes), a semi-bold Open Sans, an all-bold narrow Arial."""

THIRD_SCREEN_FACES = (
    ("open-sans/OpenSans-Semibold.ttf", "open-sans/OpenSans-ExtraBold.ttf"),
    ("roboto/unhinted/RobotoCondensed-Regular.ttf", "roboto/unhinted/RobotoCondensed-Bold.ttf"),
    ("paratype/PTN57F.ttf", "paratype/PTN77F.ttf"),
    ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
)
"""The third round's app and bank-PDF faces: an app's semi-bold, condensed and narrow sans, DejaVu Sans Condensed,
an Arial of a bank's PDF."""


FOURTH_TAPE_FACES = (
    ("liberation/LiberationMono-Bold.ttf", "liberation/LiberationMono-Bold.ttf"),
    ("dejavu/DejaVuSansMono-Bold.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    ("jetbrains-mono/JetBrainsMono-SemiBold.ttf", "jetbrains-mono/JetBrainsMono-ExtraBold.ttf"),
    ("roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"),
    ("open-sans/OpenSans-CondBold.ttf", "open-sans/OpenSans-CondBold.ttf"),
    ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
)
"""The fourth round's tape faces, none of which an earlier round sets on a tape: an all-bold Liberation Mono and
DejaVu Sans Mono (a worn print head run hot), a semi-bold JetBrains Mono, plain Roboto (the sans of newer
registers), an all-bold condensed Open Sans, FreeSans."""

FOURTH_PAGE_FACES = (
    ("roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-Black.ttf"),
    ("freefont/FreeSerif.ttf", "freefont/FreeSansBold.ttf"),
    ("dejavu/DejaVuSerifCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    ("paratype/PTS55F.ttf", "paratype/PTN77F.ttf"),
    ("noto/NotoSansDisplay-Regular.ttf", "noto/NotoSans-Bold.ttf"),
)
"""The fourth round's form faces: pairs no earlier round draws, a serif body under sans headings (as a Word
template mixes them), a regular Roboto with its black cut."""

FOURTH_SCREEN_FACES = (
    ("roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-Medium.ttf"),
    ("noto/NotoSansDisplay-Regular.ttf", "noto/NotoSans-Bold.ttf"),
    ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-Bold.ttf"),
    ("paratype/PTS55F.ttf", "paratype/PTN77F.ttf"),
    ("roboto/unhinted/RobotoTTF/Roboto-Light.ttf", "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"),
)
"""The fourth round's app faces: Android's Roboto with its medium cut for headings (as Material apps set them),
Noto Sans Display, Open Sans, PT Sans with PT Sans Narrow bold."""


SIXTH_TAPE_FACES = (
    ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    ("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf"),
)
"""The sixth round's tape faces, set by ``DotPage`` as a register's print head sets them (no earlier round does):
drawn without anti-aliasing at the head's own resolution, each dot then doubled, so every stroke is a staircase of
whole dots."""

SIXTH_PAGE_FACES = (
    ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Italic.ttf"),
    ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Italic.ttf"),
    ("paratype/PTS55F.ttf", "paratype/PTS56F.ttf"),
    ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-Italic.ttf"),
    ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Italic.ttf"),
    ("paratype/PTF55F.ttf", "paratype/PTF56F.ttf"),
)
"""The sixth round's form faces: a body with its italic in the second place (``bold=True`` draws the italic), for a
bilingual page whose English stands in italic under the Russian, or an act whose captions a template sets slanted."""

SIXTH_SCREEN_FACES = (
    ("roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", "roboto/unhinted/RobotoTTF/Roboto-Thin.ttf"),
    ("roboto/unhinted/RobotoTTF/Roboto-Light.ttf", "roboto/unhinted/RobotoTTF/Roboto-Thin.ttf"),
    ("jetbrains-mono/JetBrainsMono-Regular.ttf", "jetbrains-mono/JetBrainsMono-Thin.ttf"),
)
"""The sixth round's app faces: the body with a thin cut in the second place, for the large sum that apps set thin."""


@dataclass
class DotPage(SecondPage):
    """A tape printed dot by dot: text drawn without anti-aliasing at ``1 / dots`` of the final size, every dot then
    scaled up ``dots`` times (nearest neighbour), as a thermal head of 8 dots a millimetre prints its bitmap font."""

    dots: int = 2

    def __post_init__(self) -> None:
        super().__post_init__()
        self._draw.fontmode = "1"

    def finish(self, min_height: int = 0) -> Image.Image:
        small = super().finish(min_height)
        return small.resize((small.width * self.dots, small.height * self.dots), Image.Resampling.NEAREST)


SEVENTH_TAPE_FACES = (
    ("dejavu/DejaVuSansMono-Oblique.ttf", "dejavu/DejaVuSansMono-BoldOblique.ttf"),
    ("liberation/LiberationMono-Italic.ttf", "liberation/LiberationMono-BoldItalic.ttf"),
    ("freefont/FreeMonoOblique.ttf", "freefont/FreeMonoBoldOblique.ttf"),
    ("roboto/unhinted/RobotoCondensed-LightItalic.ttf", "roboto/unhinted/RobotoCondensed-BoldItalic.ttf"),
    ("open-sans/OpenSans-CondLightItalic.ttf", "open-sans/OpenSans-CondBold.ttf"),
)
"""The seventh round's tape faces, slanted as no earlier round sets a tape: oblique and italic monospace (a
register's font leaning as some heads print it) and condensed light italics."""

SEVENTH_PAGE_FACES = (
    ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    ("jetbrains-mono/JetBrainsMono-Light.ttf", "jetbrains-mono/JetBrainsMono-Bold.ttf"),
    ("open-sans/OpenSans-CondLight.ttf", "open-sans/OpenSans-CondBold.ttf"),
    ("roboto/unhinted/RobotoCondensed-Light.ttf", "roboto/unhinted/RobotoCondensed-Bold.ttf"),
    ("noto/NotoSansDisplay-Italic.ttf", "noto/NotoSansDisplay-Bold.ttf"),
)
"""The seventh round's form faces: a whole bill in a typewriter's monospace (Courier's twin, as billing systems
print), JetBrains Mono Light on a page, condensed light sans on a page, an italic display sans."""

SEVENTH_SCREEN_FACES = (
    ("dejavu/DejaVuSans-ExtraLight.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    ("open-sans/OpenSans-Light.ttf", "open-sans/OpenSans-Semibold.ttf"),
    ("roboto/unhinted/RobotoTTF/Roboto-Medium.ttf", "roboto/unhinted/RobotoTTF/Roboto-Black.ttf"),
    ("paratype/PTN57F.ttf", "paratype/PTS76F.ttf"),
)
"""The seventh round's app faces: pairs no earlier round sets on a screen (an extra-light body under condensed
bold headings, Roboto Medium with Black, PT Sans Narrow with PT Sans Bold Italic)."""

RIBBON: Colour = (88, 52, 140)
"""A needle printer's violet ribbon."""


@dataclass
class NeedlePage(SecondPage):
    """A tape printed by a needle (dot-matrix) head through an ink ribbon, as registers of the ЭКЛЗ era printed:
    the text drawn at a third of its size without anti-aliasing, every dot then struck as a round, slightly smudged
    dot of ribbon ink, so strokes are rows of separate dots."""

    pitch: int = 4

    def __post_init__(self) -> None:
        super().__post_init__()
        self._draw.fontmode = "1"

    def finish(self, min_height: int = 0) -> Image.Image:
        small = np.asarray(super().finish(min_height).convert("L")) < 128
        centre = (self.pitch - 1) / 2
        ys, xs = np.mgrid[0 : self.pitch, 0 : self.pitch]
        dot = ((ys - centre) ** 2 + (xs - centre) ** 2 <= (self.pitch / 2) ** 2).astype(np.uint8) * 235
        struck = Image.fromarray(np.kron(small.astype(np.uint8), dot)).filter(ImageFilter.GaussianBlur(0.6))
        paper = Image.new("RGB", struck.size, self.background)
        return Image.composite(Image.new("RGB", struck.size, RIBBON), paper, struck)


EIGHTH_TAPE_FACES = (
    ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    ("roboto/unhinted/RobotoCondensed-Regular.ttf", "roboto/unhinted/RobotoCondensed-Bold.ttf"),
    ("paratype/PTM55F.ttf", "paratype/PTM75F.ttf"),
    ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
)
"""The eighth round's tape faces, set by ``SqueezedPage`` as a narrow register's head sets them (no earlier round
does): each glyph squeezed to two thirds of its width or less, so that 32-42 characters fill a 48 mm line."""

EIGHTH_PAGE_FACES = (
    ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-BoldItalic.ttf"),
    ("dejavu/DejaVuSans-Oblique.ttf", "dejavu/DejaVuSans-BoldOblique.ttf"),
    ("open-sans/OpenSans-LightItalic.ttf", "open-sans/OpenSans-SemiboldItalic.ttf"),
    ("paratype/PTF55F.ttf", "paratype/PTF76F.ttf"),
    ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-BoldItalic.ttf"),
    ("roboto/unhinted/RobotoTTF/Roboto-Italic.ttf", "roboto/unhinted/RobotoTTF/Roboto-BoldItalic.ttf"),
)
"""The eighth round's form faces, none of which an earlier round sets: bold-italic headings and totals over an
upright body (as a 1C form's layout may be restyled), and whole pages in an oblique or italic sans."""

EIGHTH_WEB_FACES = (
    ("roboto/unhinted/RobotoTTF/Roboto-Light.ttf", "roboto/unhinted/RobotoTTF/Roboto-BlackItalic.ttf"),
    ("open-sans/OpenSans-Light.ttf", "open-sans/OpenSans-BoldItalic.ttf"),
    ("noto/NotoSans-Italic.ttf", "noto/NotoSans-BoldItalic.ttf"),
)
"""The eighth round's web-page faces: a light body with a black or bold italic for sums and headings."""


@dataclass
class SqueezedPage(SecondPage):
    """A tape whose glyphs are squeezed across: drawn ``1 / squeeze`` times wider than it prints, then scaled to its
    own width, as a narrow register's head prints a condensed bitmap font."""

    squeeze: float = 0.65

    def finish(self, min_height: int = 0) -> Image.Image:
        wide = super().finish(min_height)
        return wide.resize((round(wide.width * self.squeeze), wide.height), Image.Resampling.LANCZOS)
