import numpy as np
from PIL import Image, ImageDraw, ImageFont

from model.ocr import _line_text, recognize

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
