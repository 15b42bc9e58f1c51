import threading

import numpy as np
import tesserocr
from PIL import Image, ImageDraw, ImageFont

from model.tesseract import INVERT_BELOW, PSM, engine, tessdata_dir

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _line(text: str) -> Image.Image:
    image = Image.new("L", (900, 70), 255)
    ImageDraw.Draw(image).text((20, 15), text, font=ImageFont.truetype(FONT, 32), fill=0)
    return image


def _read(api: tesserocr.PyTessBaseAPI, image: Image.Image) -> str:
    api.SetImage(image)
    try:
        return str(api.GetUTF8Text())
    finally:
        api.Clear()


def test_engine_serves_every_page_mode_of_a_thread_set_to_the_mode_asked() -> None:
    block = engine(PSM.SINGLE_BLOCK)
    line = engine(PSM.SINGLE_LINE)
    assert line is block
    assert line.GetPageSegMode() == PSM.SINGLE_LINE
    assert engine().GetPageSegMode() == PSM.SINGLE_BLOCK


def test_engine_reads_a_line_as_an_engine_made_for_its_page_mode() -> None:
    page = Image.fromarray(
        np.vstack([np.asarray(_line("Получатель ООО «Ромашка»")), np.asarray(_line("ИНН 7707083893"))])
    )
    _read(engine(PSM.SINGLE_BLOCK), page)  # the shared engine has read a page in another mode first
    shared = _read(engine(PSM.SINGLE_LINE), _line("БИК 044525225"))
    with tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang="rus+eng", psm=PSM.SINGLE_LINE) as fresh:
        fresh.SetVariable("invert_threshold", str(INVERT_BELOW))
        assert shared == _read(fresh, _line("БИК 044525225"))
    assert "044525225" in shared


def test_engine_is_one_per_thread() -> None:
    found: list[tesserocr.PyTessBaseAPI] = []
    worker = threading.Thread(target=lambda: found.append(engine(PSM.SINGLE_LINE)))
    worker.start()
    worker.join()
    assert found[0] is not engine(PSM.SINGLE_LINE)
