import random

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from bench.corpus import transfer
from model import ocr
from model.budget import Budget
from model.ocr import OcrLine, _line_text, _reread_tall_lines, recognize
from tests.rendered_receipts import cash_receipt_with_a_large_total

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _page(lines: list[str]) -> np.ndarray:
    image = Image.new("L", (1100, 60 + 50 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((30, 30 + 50 * index), line, font=ImageFont.truetype(FONT, 30), fill=0)
    return np.asarray(image)


def test_recognize_returns_lines_with_boxes_and_confidence() -> None:
    result = recognize(_page(["Получатель ООО «Ромашка»", "ИНН 7707083893 БИК 044525225"]))
    assert [line.text for line in result.lines] == ["Получатель ООО «Ромашка»", "ИНН 7707083893 БИК 044525225"]
    first, second = result.lines
    assert first.box[1] < second.box[1]
    assert all(line.confidence > 80 for line in result.lines)
    assert result.text.splitlines()[1].endswith("044525225")


def test_recognize_reads_a_blank_page_as_no_lines() -> None:
    assert recognize(np.full((300, 400), 255, np.uint8)).lines == ()


class _EmptyLine:
    def GetUTF8Text(self, level: int) -> str:  # noqa: N802 - tesserocr's name
        raise RuntimeError("No text returned")


def test_line_text_treats_tesserocr_empty_line_error_as_empty() -> None:
    assert _line_text(_EmptyLine()) == ""  # type: ignore[arg-type]


def test_a_line_much_taller_than_the_rest_is_read_again_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bank receipt's amount in large bold type: read in the page's block, its 3 comes out as 5 (516,00). The page
    is the corpus's row receipt of seed 2026:36 as drawn when the transfers had three font families."""
    monkeypatch.setattr(transfer, "_SANS", ("DejaVu Sans", "PT Sans", "Liberation Sans"))
    drawn = transfer.row_receipt(random.Random("2026:36")).image
    page = cv2.cvtColor(np.asarray(drawn), cv2.COLOR_RGB2GRAY)
    amounts = [line.text for line in recognize(page).lines if "00 " in line.text and "," in line.text]
    assert amounts and amounts[0].startswith("316,00")


def test_a_tall_line_keeps_its_first_reading_when_read_alone_it_is_not_one_line() -> None:
    page = _page(["Получатель ООО «Ромашка»", "ИНН 7707083893", "БИК 044525225"])
    tall = OcrLine("316,00 ₽", 40.0, (900, 0, 1000, 150))  # a box over blank paper: read alone, it is nothing
    lines = [tall, *recognize(page).lines]
    assert _reread_tall_lines(page, list(lines))[0] == tall


def test_a_tall_lines_glyph_the_block_dropped_with_its_box_is_read_again() -> None:
    """A fax's vertical streak through the 1 of a sum in large type: the block reading gave «2 126,00» and a box
    from the 2; read again with room past its box, the line has its 1 again."""
    bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    image = Image.new("L", (1100, 700), 255)
    draw = ImageDraw.Draw(image)
    draw.text((300, 40), "12 126,00 ₽", font=ImageFont.truetype(bold, 80), fill=0)
    for index, line in enumerate(["Получатель ООО «Ромашка»", "ИНН 7707083893", "БИК 044525225"]):
        draw.text((30, 250 + 60 * index), line, font=ImageFont.truetype(FONT, 30), fill=0)
    draw.line([(318, 0), (318, 700)], fill=0, width=3)
    assert recognize(np.asarray(image)).lines[0].text.startswith("12 126,00")


@pytest.mark.parametrize(
    ("wide", "taken"),
    [
        ("12 126,00 P", True),  # the same with a digit more at its start
        ("_ 9172,50 2", False),  # a dark screen's edge read into it: no longer the same
        ("2 126,00 Р руб", False),  # letters more: another cell's words
    ],
)
def test_a_tall_line_read_with_room_is_taken_only_where_it_adds_digits_at_an_end(
    monkeypatch: pytest.MonkeyPatch, wide: str, taken: bool
) -> None:
    line = OcrLine("2 126,00 Р", 89.0, (593, 402, 1042, 483))
    read = OcrLine(wide, 93.0, (0, 0, 500, 80))
    monkeypatch.setattr(ocr, "_read_lines", lambda image, psm, budget: [read])
    chosen = ocr._with_an_ends_digits(np.full((900, 1600), 255, np.uint8), line, Budget(None))
    assert chosen.text == (wide if taken else line.text)


@pytest.mark.parametrize(
    ("text", "read_again"),
    [
        ("316,00 ₽", True),  # an amount in large type
        ("ИТОГО: 1 250,00", True),
        ("Руководитель Злежвии", False),  # a signature's line: no digit
        ("ИНН 5724002061, КПП 572501001, 309900, Орловская обл", False),  # a table row run into its rules
    ],
)
def test_only_a_short_tall_line_with_a_digit_is_read_again(
    monkeypatch: pytest.MonkeyPatch, text: str, read_again: bool
) -> None:
    page = _page(["Получатель ООО «Ромашка»", "ИНН 7707083893", "БИК 044525225"])
    lines = [OcrLine(text, 40.0, (30, 0, 1000, 150)), *recognize(page).lines]
    crops: list[tuple[int, ...]] = []
    read_lines = ocr._read_lines

    def counted(image: np.ndarray, psm: int, budget: Budget) -> list[OcrLine]:
        crops.append(image.shape)
        return read_lines(image, psm, budget)

    monkeypatch.setattr(ocr, "_read_lines", counted)
    _reread_tall_lines(page, lines)
    assert bool(crops) is read_again


def test_light_text_on_dark_is_still_read() -> None:
    """A dark-mode screenshot: read as it is, its words come out as Latin look-alikes («Nonyyatenb OOO «Pomaluika»»)
    unsure enough for Tesseract's inverted retry (``model.tesseract.INVERT_BELOW``), which reads them."""
    result = recognize(255 - _page(["Получатель ООО «Ромашка»", "ИНН 7707083893 БИК 044525225"]))
    assert result.text.splitlines()[0] == "Получатель ООО «Ромашка»"


def test_a_row_in_large_type_is_found_by_its_glyphs_sizes() -> None:
    rows = ocr.large_rows(cash_receipt_with_a_large_total("≡142.00"))
    assert len(rows) == 1
    left, top, right, bottom = rows[0].box
    assert 20 + 26 * 3 <= top < bottom <= 20 + 26 * 3 + 52 and right - left > 300 and 22 <= rows[0].height <= 52
    label, total = rows[0].groups  # «ИТОГ» and the sum, parted at the wide gap between them
    assert label[2] < total[0]


def test_a_row_in_large_type_is_read_alone_with_its_total() -> None:
    lines = ocr.read_large_rows(cash_receipt_with_a_large_total("≡142.00"))
    assert len(lines) == 1 and lines[0].text.startswith("ИТОГ") and lines[0].text.endswith("142.00")
    assert lines[0].box[1] >= 20 + 26 * 3 - 10 and all(word.box[0] >= 0 for word in lines[0].words)


def test_a_slanted_row_in_large_type_is_read_group_by_group() -> None:
    """A photo's tilt puts the sum lower than «ИТОГ»: one crop of both lost the sum's first digit."""
    lines = ocr.read_large_rows(cash_receipt_with_a_large_total("≡142.00", slant=12))
    assert len(lines) == 1 and lines[0].text.startswith("ИТОГ") and lines[0].text.endswith("142.00")


def test_a_page_in_body_type_alone_has_no_large_rows() -> None:
    assert ocr.large_rows(_page(["Получатель ООО «Ромашка»", "ИНН 7707083893", "БИК 044525225"])) == []


LIGHT = "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Light.ttf"


def _success_screen(amount: str) -> np.ndarray:
    """A bank app's «transfer done» screen as Сбербанк Онлайн draws it: the amount in large light type between the
    recipient and a row of buttons."""
    image = Image.new("L", (1076, 800), 255)
    draw = ImageDraw.Draw(image)
    draw.text((425, 0), "Перевод", font=ImageFont.truetype(FONT, 50), fill=0)
    draw.text((372, 100), "Иван Иванович И.", font=ImageFont.truetype(FONT, 36), fill=120)
    draw.text((340, 220), amount, font=ImageFont.truetype(LIGHT, 85), fill=0)
    draw.rounded_rectangle((55, 380, 505, 525), 20, outline=225, width=3)
    draw.text((195, 435), "Сохранить чек", font=ImageFont.truetype(FONT, 36), fill=0)
    draw.rounded_rectangle((530, 380, 905, 525), 20, outline=225, width=3)
    draw.text((672, 410), "Запросить\nденьги", font=ImageFont.truetype(FONT, 36), fill=0)
    for index, text in enumerate(["Подробности", "Счет списания", "Visa Gold •••• 6789", "13 580 ₽"]):
        draw.text((60, 580 + 55 * index), text, font=ImageFont.truetype(FONT, 36), fill=0)
    return np.asarray(image)


def test_a_line_in_large_type_the_block_dropped_is_read_alone_in_its_place() -> None:
    page = _success_screen("100 000 ₽")
    dropped = ocr._read_lines(page, ocr.PSM.SINGLE_BLOCK, Budget(None))
    assert not any("000" in line.text for line in dropped[:4])  # what the block's reading alone gives
    texts = [line.text for line in recognize(page).lines]
    assert texts[:3] == ["Перевод", "Иван Иванович И.", "100 000 P"]  # ₽ as P, which the parser reads as ₽


def test_fewer_large_glyphs_than_a_line_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two large glyphs side by side (an icon, a logo's letters) are no line of text; a third makes one."""
    crops: list[tuple[int, ...]] = []
    read_lines = ocr._read_lines

    def counted(image: np.ndarray, psm: int, budget: Budget) -> list[OcrLine]:
        if psm == ocr.PSM.SINGLE_LINE:
            crops.append(image.shape)
        return read_lines(image, psm, budget)

    monkeypatch.setattr(ocr, "_read_lines", counted)
    recognize(_success_screen("₽ ₽"))
    assert crops == []
    recognize(_success_screen("100 ₽"))
    assert len(crops) == 1
