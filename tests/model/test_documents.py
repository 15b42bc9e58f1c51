import io
import time

import matplotlib
import numpy as np
import pytest
from PIL import Image

from model.documents import MAX_PAGE_PIXELS, DocumentError, load_document, sniff_content_type
from tests.hostile_documents import PATH_OPERATORS, SAVE_STATE, PeakMemory, content_stream_bomb, huge_image, huge_pages

matplotlib.use("Agg")


def _jpeg(width: int = 400, height: int = 300, **save: object) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), "white")
    image.paste((200, 0, 0), (0, 0, width // 2, 20))  # a red band at the top-left, to see orientation
    image.save(buffer, "JPEG", **save)
    return buffer.getvalue()


def _pdf_with_text(lines: list[str]) -> bytes:
    import matplotlib.pyplot as plt

    matplotlib.rcParams["pdf.fonttype"] = 42
    figure = plt.figure(figsize=(8.27, 11.69))
    for index, line in enumerate(lines):
        figure.text(0.1, 0.9 - index * 0.04, line, fontsize=12)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="pdf")
    plt.close(figure)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"hello, this is text", "not an image or PDF"),
        (_jpeg()[:300], "damaged or truncated"),
        (b"%PDF-1.7\n garbage", "PDF is damaged"),
        (_jpeg(8, 8), "only 8×8 px"),
    ],
)
def test_load_document_refuses_bad_input_with_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        load_document(data)


def test_load_document_refuses_a_decompression_bomb_before_decoding() -> None:
    buffer = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buffer, "PNG")  # ~144 MP that compresses to a few kB
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(DocumentError, match="decompression bomb"):
        load_document(buffer.getvalue())


def test_load_document_refuses_oversized_files() -> None:
    with pytest.raises(DocumentError, match=r"the file is \d+ kB; the limit is 1 kB"):
        load_document(_jpeg(), max_bytes=1024)


def test_load_document_refuses_images_over_the_pixel_limit() -> None:
    with pytest.raises(DocumentError, match="400×300 px"):
        load_document(_jpeg(), max_pixels=100_000)


def test_load_document_applies_exif_orientation() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    page = load_document(_jpeg(400, 300, exif=exif)).pages[0]
    assert page.exif_transposed
    assert page.image.shape[:2] == (400, 300)
    plain = load_document(_jpeg(400, 300)).pages[0]
    assert not plain.exif_transposed and plain.image.shape[:2] == (300, 400)


def test_load_document_returns_bgr_pixels() -> None:
    page = load_document(_jpeg()).pages[0]
    blue, green, red = page.image[5, 5]
    assert red > 150 and blue < 80 and green < 80


def test_load_document_reads_heic() -> None:
    import pillow_heif

    buffer = io.BytesIO()
    heif = pillow_heif.from_pillow(Image.new("RGB", (320, 240), "white"))
    heif.save(buffer, quality=80)
    document = load_document(buffer.getvalue())
    assert document.content_type == "image/heic"
    assert document.pages[0].image.shape == (240, 320, 3)


def test_load_document_keeps_a_pdf_text_layer() -> None:
    lines = [
        "Получатель ООО «Ромашка»",
        "ИНН 7707083893 КПП 773601001",
        "БИК 044525225",
        "Сумма 1 234,56 руб.",
    ]
    document = load_document(_pdf_with_text(lines))
    page = document.pages[0]
    assert document.content_type == "application/pdf"
    assert page.text is not None and "7707083893" in page.text and "Ромашка" in page.text
    assert page.image.shape[0] > 2000  # rendered at 200 dpi for QR codes and display


def test_a_pdf_text_layers_non_breaking_spaces_are_spaces() -> None:
    """A bank's PDF prints «Квитанция\u00a0о\u00a0переводе»: no label with a space in it matched it, so a transfer
    receipt was read as «other». The lines rebuilt from the layer's words (split at any space) have plain ones."""
    lines = ["Квитанция\u00a0о\u00a0переводе\u00a0за\u00a0рубеж", "Сумма списания", "1\u202f504,43\u00a0RUR"]
    document = load_document(_pdf_with_text(lines))
    text = document.pages[0].text
    assert text is not None and "Квитанция о переводе" in text and "1 504,43 RUR" in text


def test_load_document_renders_a_scanned_pdf_without_text() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(buffer, "PDF")
    page = load_document(buffer.getvalue()).pages[0]
    assert page.text is None
    assert np.asarray(page.image).mean() > 250


@pytest.mark.parametrize("unit", [PATH_OPERATORS, SAVE_STATE], ids=["path-operators", "graphics-states"])
def test_load_document_stops_a_content_stream_bomb_within_a_gigabyte_and_twenty_seconds(unit: bytes) -> None:
    bomb = content_stream_bomb(unit)
    assert len(bomb) < 500_000
    started = time.monotonic()
    with PeakMemory() as memory, pytest.raises(DocumentError, match="was stopped"):
        load_document(bomb)
    assert time.monotonic() - started < 20
    assert 0 < memory.peak_bytes <= 2**30


def test_load_document_renders_huge_pages_within_the_page_budget() -> None:
    with PeakMemory() as memory:
        document = load_document(huge_pages(pages=3, inches=200))
    assert len(document.pages) == 3
    for page in document.pages:
        height, width = page.image.shape[:2]
        assert MAX_PAGE_PIXELS * 0.99 < height * width < MAX_PAGE_PIXELS * 1.01  # pdfium rounds up
    assert memory.peak_bytes <= 2**30


def test_load_document_shrinks_a_huge_image_to_the_page_budget() -> None:
    """A 59 MP PNG (allowed) comes out at most 12 MP, so what reads it afterwards costs what a phone photo costs."""
    with PeakMemory() as memory:
        page = load_document(huge_image()).pages[0]
    height, width = page.image.shape[:2]
    assert MAX_PAGE_PIXELS * 0.99 < height * width <= MAX_PAGE_PIXELS
    assert abs(width / height - 8191 / 7168) < 0.01
    assert memory.peak_bytes <= 2**30


def test_load_document_shrinks_a_huge_jpeg_keeping_its_orientation() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    page = load_document(_jpeg(6000, 4000, exif=exif)).pages[0]
    height, width = page.image.shape[:2]
    assert (width, height) == pytest.approx((2828, 4242), abs=2)  # 24 MP shrunk to 12, then turned upright
    assert page.exif_transposed
    blue, green, red = page.image[5, -5]  # the red band of the top-left, turned to the top-right
    assert red > 150 and blue < 80 and green < 80


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x18ftypheic", "image/heic"),
        (b"%PDF-1.4", "application/pdf"),
        (b"GIF89a", None),
        (b"<html>", None),
    ],
)
def test_sniff_content_type_uses_magic_bytes(head: bytes, expected: str | None) -> None:
    assert sniff_content_type(head) == expected


@pytest.mark.parametrize(
    ("kind", "cpu_used", "deadline_s", "raised"),
    [
        ("starved", 0.3, None, "MachineBusyError"),  # the machine's load, not the file: 503 with Retry-After
        ("starved", 0.3, 5.0, "DeadlineExceededError"),  # the caller's shorter deadline came first: 504
        ("time", 5.2, None, "DocumentError"),  # computing for longer than a receipt ever needs: the file's cost, 400
    ],
)
def test_a_stop_at_the_wall_clock_is_blamed_by_what_the_child_consumed(
    monkeypatch: pytest.MonkeyPatch, kind: str, cpu_used: float, deadline_s: float | None, raised: str
) -> None:
    from model import documents
    from model.budget import DeadlineExceededError, request_deadline
    from model.documents import MachineBusyError
    from model.sandbox import WorkLimitError

    def stopped(*_: object, limits: documents.WorkLimits) -> None:
        raise WorkLimitError(kind, limits, f"used {cpu_used} s", wall_clock=True, cpu_used=cpu_used)

    monkeypatch.setattr(documents, "run_limited", stopped)
    expected = {
        "MachineBusyError": MachineBusyError, "DeadlineExceededError": DeadlineExceededError,
        "DocumentError": DocumentError,
    }[raised]  # fmt: skip
    instant = None if deadline_s is None else time.monotonic() + deadline_s
    with request_deadline(instant), pytest.raises(expected) as caught:
        load_document(b"\x89PNG\r\n\x1a\n")
    if raised == "MachineBusyError":
        assert str(caught.value).startswith("the machine is too busy right now: decoding the file used 0.3 s")
        assert "the file is not at fault" in str(caught.value) and caught.value.retry_after_s > 0
    if raised == "DocumentError":
        assert "is it a PDF built to be expensive?" in str(caught.value)


@pytest.mark.parametrize(("wall_clock", "raised"), [(True, "DeadlineExceededError"), (False, "DocumentError")])
def test_a_child_stopped_at_a_deadline_shorter_than_the_sandboxs_is_a_deadline(
    monkeypatch: pytest.MonkeyPatch, wall_clock: bool, raised: str
) -> None:
    """A caller's deadline (5 s) shorter than the sandbox's 18 s: stopped at the wall clock, that is the deadline
    (504), even a moment before it (the child's timer and the check race); stopped for processor time, the file's
    fault (400)."""
    from model import documents
    from model.budget import DeadlineExceededError, request_deadline
    from model.sandbox import WorkLimitError

    def stopped(*_: object, limits: documents.WorkLimits) -> None:
        raise WorkLimitError("time", limits, "stopped", wall_clock=wall_clock)

    monkeypatch.setattr(documents, "run_limited", stopped)
    expected = {"DeadlineExceededError": DeadlineExceededError, "DocumentError": DocumentError}[raised]
    with request_deadline(time.monotonic() + 5), pytest.raises(expected):
        load_document(b"\x89PNG\r\n\x1a\n")
