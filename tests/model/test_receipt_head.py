import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from model import pipeline, receipt_head
from model.budget import Budget
from model.ocr import OcrLine
from model.schema import Candidate, DocumentType, Source

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"


def _line(text: str, top: int) -> OcrLine:
    return OcrLine(text, 80.0, (20, top, 400, top + 30))


@pytest.mark.parametrize(
    ("names", "needed"),
    [
        ([], True),
        (["ООО “Berona”™"], True),  # Latin letters in a Russian name
        (["ООО ЛУКОИЛ7ЧеНТРИСТУВ"], True),  # a digit, and case changing inside a word
        (["ООО “Berona”™", 'ООО "Верона"'], False),
        (["ЗАО ”Тандер”"], False),
        (["ИП Качурина Е.Н."], False),
    ],
)
def test_needs_head_when_no_name_looks_read_faithfully(names: list[str], needed: bool) -> None:
    assert receipt_head.needs_head(names) is needed


def test_head_box_runs_down_to_the_first_inn_or_title_line() -> None:
    lines = [_line('ЗАО "Тандер"', 10), _line("Волгодонск", 50), _line("КАССОВЫЙ ЧЕК", 90), _line("ИНН 1", 130)]
    assert receipt_head.head_box(lines) == (20, 10, 400, 120)


@pytest.mark.parametrize("texts", [["ИНН 2310031475", 'ЗАО "Тандер"'], ['ЗАО "Тандер"', "Волгодонск"]])
def test_head_box_is_none_without_a_head_above_its_end(texts: list[str]) -> None:
    assert receipt_head.head_box([_line(text, 10 + 40 * index) for index, text in enumerate(texts)]) is None


def _receipt_head() -> np.ndarray:
    """A receipt's head in small bold print over its ИНН, with a margin of paper around it."""
    image = Image.new("L", (500, 200), 255)
    draw = ImageDraw.Draw(image)
    small = ImageFont.truetype(FONT, 15)
    for index, text in enumerate(['ООО "Верона"', 'Столовая "Лимпопо"', "ИНН 7707083893"]):
        draw.text((60, 50 + 25 * index), text, font=small, fill=0)
    return np.asarray(image)


def test_read_head_names_reads_the_seller_enlarged_and_places_its_lines_back() -> None:
    image = _receipt_head()
    names, lines = receipt_head.read_head_names(image, (60, 50, 260, 120), Budget(None))
    assert [(c.value, c.source, c.score) for c in names] == [('ООО "Верона"', Source.OCR, receipt_head.HEAD_NAME_SCORE)]
    assert all(line.box[0] >= 50 and line.box[2] <= 280 and line.box[1] >= 40 for line in lines)


def test_a_head_too_large_to_enlarge_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(receipt_head, "recognize", lambda *args: pytest.fail("read"))
    image = np.full((1200, 1200), 255, np.uint8)
    assert receipt_head.read_head_names(image, (0, 0, 1100, 1100), Budget(None)) == ([], ())


def _reading(names: list[str], texts: list[str]) -> pipeline._PageText:
    lines = tuple(_line(text, 10 + 40 * index) for index, text in enumerate(texts))
    candidates = [Candidate("recipient_name", name, Source.OCR, 0.3) for name in names]
    return pipeline._PageText(texts, candidates, "\n".join(texts), 70.0, [pipeline._OcrPass(Source.OCR, lines)])


@pytest.mark.parametrize(
    ("names", "document_type", "read"),
    [
        (["ООО “Berona”™"], DocumentType.CASH_RECEIPT, True),
        ([], None, True),  # the lines say it is a receipt
        (['ООО "Верона"'], DocumentType.CASH_RECEIPT, False),
        ([], DocumentType.INVOICE, False),
    ],
)
def test_with_receipt_head_reads_a_receipts_head_only_for_a_missing_name(
    monkeypatch: pytest.MonkeyPatch, names: list[str], document_type: DocumentType | None, read: bool
) -> None:
    found = Candidate("recipient_name", 'ООО "Верона"', Source.OCR, receipt_head.HEAD_NAME_SCORE)
    head = (_line('ООО "Верона"', 10),)
    monkeypatch.setattr(receipt_head, "read_head_names", lambda image, box, budget: ([found], head))
    texts = ["ООО Berona", "КАССОВЫЙ ЧЕК", "ИТОГ =142.00", "ФН 9999078900012345 ФД 1234 ФП 1234567890"]
    reading = pipeline._with_receipt_head(
        _reading(names, texts), np.zeros((10, 10), np.uint8), 0, pipeline._Timer(), Budget(None),
        document_type=document_type,
    )  # fmt: skip
    assert (found in reading.candidates) is read
    assert len(reading.passes) == (2 if read else 1)
