"""Where each value was read: the words found again per kind of value, and the box carried back to the photo."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from model.evidence import PageReading, _locate, with_evidence
from model.ocr import OcrLine, OcrWord
from model.pipeline import Extractor
from model.preprocess.geometry import identity
from model.schema import FieldCheck, PaymentDetails, Source

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _line(*words: str, top: int = 0, confidence: float = 90.0) -> OcrLine:
    """Words 100 px apart on one line, 20 px tall."""
    placed = tuple(OcrWord(word, confidence, (100 * i, top, 100 * i + 90, top + 20)) for i, word in enumerate(words))
    return OcrLine(" ".join(words), confidence, (0, top, 100 * len(words), top + 20), placed)


def _reading(*lines: OcrLine, source: Source = Source.OCR) -> PageReading:
    return PageReading(1, source, lines, identity(), (1000, 1000))


@pytest.mark.parametrize(
    ("field", "value", "words", "found"),
    [
        ("recipient_inn", "7707083893", ["ИНН", "7707083893", "КПП"], [1]),
        ("recipient_account", "40702810938000012345", ["р/с", "4070", "2810", "9380", "0001", "2345"], [1, 2, 3, 4, 5]),
        ("bank_bic", "044525225", ["БИК", "0445252251"], []),  # a longer number is another number
        ("recipient_inn", "2310031475", ["ИНН", "002310031475"], [1]),  # a cash register pads it with 00
        ("recipient_inn", "2310031475", ["ИНН", "012310031475"], []),
        ("recipient_account", "40702810300014867399", ["Сч", "№", "140702810300014867399"], [2]),  # a border's 1
        ("bank_bic", "044525225", ["БИК", "1044525225"], [1]),
        ("amount", "1234.50", ["Итого:", "1", "234,50", "₽"], [1, 2]),
        ("amount", "1234.50", ["Сумма", "1234", "руб.", "50", "коп."], [1, 2, 3]),
        ("amount", "165.00", ["ИТОГ", "=165"], [1]),
        ("amount", "165.00", ["Итого", "1165"], []),
        ("payment_date", "2022-04-09", ["Дата:", "09.04.2022", "12:30"], [1]),
        ("payment_date", "2022-04-09", ["от", "9", "апреля", "2022", "г."], [1, 2, 3]),
        ("payment_date", "2022-04-09", ["09.04.22"], [0]),
        ("payment_date", "2024-11-28", ["Дата", "операции:", "28.11", "2024", "17:25"], [2, 3]),  # a dot lost
        ("payment_date", "2024-11-28", ["Счёт", "2811", "2024"], []),
        ("recipient_name", "ООО «Вектор»", ["000", "«ВЕКТОР»"], [0, 1]),  # ООО read as zeros
        ("fiscal_document_number", "1234", ["ФД:", "0000001234"], [1]),
        ("recipient_name", "ООО «Ромашка»", ["Получатель:", "OOO", '"Ромашка"'], [1, 2]),
    ],
)
def test_a_value_is_found_in_the_words_it_was_read_from(
    field: str, value: str, words: list[str], found: list[int]
) -> None:
    located = _locate(field, value, False, [_reading(_line(*words))])
    if not found:
        assert located is None
        return
    assert located is not None
    box, confidence = located
    assert (box.x, box.w) == pytest.approx((found[0] * 0.1, (found[-1] - found[0]) * 0.1 + 0.09))
    assert confidence == 90.0


def test_a_purpose_that_wraps_is_boxed_across_both_lines() -> None:
    lines = (_line("Назначение:", "Оплата", "по", top=0), _line("счёту", "№", "42", top=40))
    located = _locate("purpose", "Оплата по счёту № 42", False, [_reading(*lines)])
    assert located is not None
    assert (located[0].y, located[0].h) == pytest.approx((0.0, 0.06))


def test_a_repaired_identifier_is_found_by_the_reading_it_was_repaired_from() -> None:
    reading = _reading(_line("ИНН", "7707083898"))
    assert _locate("recipient_inn", "7707083893", False, [reading]) is None
    assert _locate("recipient_inn", "7707083893", True, [reading]) is not None


def test_the_confidence_is_the_mean_of_the_words_found() -> None:
    line = _line("р/с", "4070", "2810")
    line = OcrLine(line.text, 80, line.box, (line.words[0], line.words[1], OcrWord("2810", 50.0, line.words[2].box)))
    located = _locate("recipient_account", "40702810", False, [_reading(line)])
    assert located is not None and located[1] == 70.0


def test_the_chosen_reader_is_searched_first_and_a_qr_value_gets_its_printed_words() -> None:
    tesseract = _reading(_line("ИНН", "7707083893", top=100), source=Source.OCR)
    indra = _reading(_line("ИНН", "7707083893", top=500), source=Source.INDRA)
    details = PaymentDetails(recipient_inn="7707083893", currency="RUB")
    checks = {name: FieldCheck() for name in PaymentDetails.model_fields}
    from_indra = with_evidence(details, checks | {"recipient_inn": FieldCheck(source="indra")}, [tesseract, indra])
    from_qr = with_evidence(details, checks | {"recipient_inn": FieldCheck(source="qr")}, [tesseract, indra])
    assert from_indra["recipient_inn"].box is not None and from_indra["recipient_inn"].box.y == 0.5
    assert from_qr["recipient_inn"].box is not None and from_qr["recipient_inn"].box.y == 0.1
    assert from_qr["currency"].box is None  # assumed, never printed as such


def _photo_with_text() -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """A page of three lines, turned 90° clockwise onto a larger grey frame; the ИНН's digits' box in the frame,
    normalised."""
    page = Image.new("L", (1100, 260), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 34)
    draw.text((40, 30), "Получатель ООО «Ромашка»", font=font, fill=0)
    draw.text((40, 100), "ИНН ", font=font, fill=0)
    left = 40 + draw.textlength("ИНН ", font=font)
    draw.text((left, 100), "7707083893", font=font, fill=0)
    digits = draw.textbbox((left, 100), "7707083893", font=font)
    draw.text((40, 170), "БИК 044525225", font=font, fill=0)
    turned = np.rot90(np.asarray(page), -1)  # clockwise: the page's top now faces right
    frame = np.full((1300, 500), 255, np.uint8)
    frame[100 : 100 + turned.shape[0], 120 : 120 + turned.shape[1]] = turned
    # a clockwise turn sends the page's (x, y) to (height - y, x)
    x0, y0, x1, y1 = 260 - digits[3], digits[0], 260 - digits[1], digits[2]
    box = ((120 + x0) / 500, (100 + y0) / 1300, (x1 - x0) / 500, (y1 - y0) / 1300)
    return np.ascontiguousarray(np.stack([frame] * 3, axis=2)), box


def test_the_box_lands_on_the_photo_through_turning_and_scaling() -> None:
    image, expected = _photo_with_text()
    buffer = BytesIO()
    Image.fromarray(image).save(buffer, "PNG")
    extraction = Extractor("tesseract").extract(buffer.getvalue())
    check = extraction.checks["recipient_inn"]
    assert extraction.details.recipient_inn == "7707083893"
    assert check.box is not None and check.confidence is not None and check.confidence > 60
    got = (check.box.x, check.box.y, check.box.w, check.box.h)
    assert _iou(got, expected) > 0.6, (got, expected)


def _iou(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    ax0, ay0, ax1, ay1 = a[0], a[1], a[0] + a[2], a[1] + a[3]
    bx0, by0, bx1, by1 = b[0], b[1], b[0] + b[2], b[1] + b[3]
    inter = max(0.0, min(ax1, bx1) - max(ax0, bx0)) * max(0.0, min(ay1, by1) - max(ay0, by0))
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def test_a_value_from_a_pdf_text_layer_is_boxed_where_the_page_prints_it() -> None:
    import matplotlib
    import matplotlib.pyplot as plt

    matplotlib.rcParams["pdf.fonttype"] = 42
    figure = plt.figure(figsize=(8.27, 11.69))  # A4; the text's left edge at 10%, its baseline lines 4% apart
    lines = ["Счёт на оплату № 42 от 09.04.2022", "Получатель ООО «Ромашка»", "ИНН 7707083893 КПП 770701001"]
    for index, line in enumerate(lines):
        figure.text(0.1, 0.9 - index * 0.04, line, fontsize=12)
    buffer = BytesIO()
    figure.savefig(buffer, format="pdf")
    plt.close(figure)
    extraction = Extractor("tesseract").extract(buffer.getvalue())
    check = extraction.checks["recipient_inn"]
    assert (extraction.details.recipient_inn, check.source, check.confidence) == ("7707083893", "pdf", 100.0)
    assert check.box is not None
    assert check.box.x > 0.1 + 0.02  # right of "ИНН"
    assert check.box.y + check.box.h == pytest.approx(1 - 0.82, abs=0.01)  # its baseline (digits sit on it)
    assert check.box.w < 0.25


def test_a_date_that_is_no_calendar_date_gets_no_box() -> None:
    assert _locate("payment_date", "2022-13-45", False, [_reading(_line("Дата", "45.13.2022"))]) is None
