"""Load an uploaded file — JPEG, PNG, WebP, HEIC (iPhone photos) or PDF — into pages ready for extraction.

This is where untrusted bytes meet the decoders, so every failure becomes a ``DocumentError`` whose message a person
can act on: what is wrong and, where it helps, what to do. The type is sniffed from the bytes, never trusted from a
file name or a client header. A bank's PDF keeps its text layer, which is exact and beats OCR (its lines rebuilt in
the page's order where the layer lists them in another, ``model.reading_order``); a scanned PDF is rendered instead.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, replace

import numpy as np
import pillow_heif
import pypdfium2 as pdfium
from PIL import Image, ImageOps

from model.budget import DeadlineExceededError, check_deadline, seconds_left
from model.reading_order import in_page_order
from model.sandbox import WorkLimitError, WorkLimits, preload, run_limited

pillow_heif.register_heif_opener()
preload(__name__)

MAX_PIXELS = 60_000_000
"""Larger images are refused before decoding: a 60 MP photo is already bigger than any phone camera makes."""

MAX_BYTES = 25 * 1024 * 1024
MAX_PDF_PAGES = 3
PDF_RENDER_DPI = 200
MAX_PAGE_PIXELS = 12_000_000
"""A page is read at most this big: a PDF page bigger at ``PDF_RENDER_DPI`` is rendered smaller, and a bigger photo
is shrunk as it is decoded. Three A4 pages' worth, room for a long receipt, a scan declared at 72 dpi or a 12 MP phone
photo at full size, while a 200-inch page no longer renders into 180 MB, and a 60 MP image no longer costs the
preprocessing (whose filters grow with the page) 30 s and most of a gigabyte."""
DECODE_LIMITS = WorkLimits(memory_bytes=768 * 2**20, cpu_seconds=8, wall_seconds=18.0)
"""What decoding one file may cost (``model.sandbox``): a hostile PDF is stopped within 20 s and 1 GB even on a busy
machine, while a 60 MP photo or three 12 MP pages fit with room to spare."""
BUSY_RETRY_AFTER_S = 5
"""When to try again after ``MachineBusyError``: a load spike (a replica restarting, a burst) passes in seconds."""
MIN_TEXT_LAYER_CHARS = 40
"""A PDF page with fewer characters in its text layer is treated as a scan and rendered for OCR."""

CONTENT_TYPES: dict[str, str] = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
    "image/heic": "HEIC",
    "image/tiff": "TIFF",
    "image/bmp": "BMP",
    "application/pdf": "PDF",
}
"""Accepted types and their names in messages."""


_EXIF_ORIENTATION = 0x0112


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count / 1024:.0f} kB"


class DocumentError(ValueError):
    """The file cannot be read as a receipt image or PDF; ``str()`` is the message for the person who sent it."""


class MachineBusyError(RuntimeError):
    """The machine was too busy to decode the file in time: the decoding child had too little processor time to
    finish, which is no fault of the file, and the same file decodes once the load passes. ``retry_after_s`` is the
    platform's sign for "not now" (a 503 with ``Retry-After`` from the runtime, ``app.errors.busy_refusal``)."""

    retry_after_s = BUSY_RETRY_AFTER_S


@dataclass(frozen=True, slots=True)
class TextWord:
    """A word of a PDF's text layer and where the page shows it: left, top, right, bottom in ``Page.image`` pixels."""

    text: str
    box: tuple[int, int, int, int]
    line: int
    """Which line of ``Page.text`` it is on, 0 for the first."""


@dataclass(frozen=True)
class Page:
    """One page: the image (BGR) and, for PDFs with a text layer, that text and its words' places."""

    image: np.ndarray
    text: str | None = None
    exif_transposed: bool = False
    words: tuple[TextWord, ...] = ()


@dataclass(frozen=True)
class Document:
    content_type: str
    pages: tuple[Page, ...]


def sniff_content_type(data: bytes) -> str | None:
    """The content type from the file's magic bytes, or ``None`` for anything not accepted."""
    head = data[:32]
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in {
        b"heic",
        b"heix",
        b"heim",
        b"heis",
        b"mif1",
        b"msf1",
        b"hevc",
        b"avif",
    }:
        return "image/heic"
    if head.lstrip()[:5] == b"%PDF-":
        return "application/pdf"
    if head[:4] in {b"II*\x00", b"MM\x00*"}:
        return "image/tiff"
    if head[:2] == b"BM":
        return "image/bmp"
    return None


def load_document(
    data: bytes, *, max_pixels: int = MAX_PIXELS, max_bytes: int = MAX_BYTES, limits: WorkLimits = DECODE_LIMITS
) -> Document:
    """Decode ``data`` into pages in a child process within ``limits``; raises ``DocumentError`` for anything that is
    not a readable receipt file, or that would take more memory or processor time to decode than a receipt ever
    does, ``MachineBusyError`` when the machine did not give the child the time to decode it (the file is not to
    blame), and ``DeadlineExceededError`` when the caller's deadline (``model.budget``) comes first.

    Why a starved child is stopped at the wall clock rather than waited for while it makes progress: waiting would
    spare a normal photo its 503 on an overloaded machine, but a hostile document would then hold its memory and its
    slot for as long as the overload lasts, and the load it creates itself (many of them at once) is exactly that
    overload. The fixed limit keeps any document within ``DECODE_LIMITS``' 18 s and 768 MB whatever the load, and
    what the child consumed by then tells whose fault the stop was (``model.sandbox.STARVED_BELOW``)."""
    check_deadline("decoding the file")
    left = seconds_left()
    deadline_first = left < limits.wall_seconds  # then a child stopped at the wall clock was stopped by the deadline
    try:
        return run_limited(
            _decode, data, max_pixels, max_bytes, limits=replace(limits, wall_seconds=min(limits.wall_seconds, left))
        )
    except WorkLimitError as exc:
        if exc.kind in {"time", "starved"} and ((exc.wall_clock and deadline_first) or seconds_left() <= 0):
            raise DeadlineExceededError("the caller's deadline passed while the file was decoded") from exc
        if exc.kind == "starved":
            raise MachineBusyError(
                f"the machine is too busy right now: decoding the file {exc}; the file is not at fault, "
                f"try again in {BUSY_RETRY_AFTER_S} s"
            ) from exc
        raise DocumentError(
            f"decoding the file was stopped: it {exc} (a receipt needs a fraction of "
            f"{limits.cpu_seconds} s and {limits.memory_bytes / 2**20:.0f} MB); is it a PDF built to be expensive?"
        ) from exc


def _decode(data: bytes, max_pixels: int, max_bytes: int) -> Document:
    if not data:
        raise DocumentError("the file is empty (0 bytes)")
    if len(data) > max_bytes:
        raise DocumentError(f"the file is {_size(len(data))}; the limit is {_size(max_bytes)}")
    content_type = sniff_content_type(data)
    if content_type is None:
        accepted = ", ".join(CONTENT_TYPES.values())
        raise DocumentError(f"not an image or PDF (accepted: {accepted}); the file starts with {data[:8]!r}")
    if content_type == "application/pdf":
        return Document(content_type, _load_pdf(data, max_pixels))
    return Document(content_type, (_load_image(data, content_type, max_pixels),))


def _load_image(data: bytes, content_type: str, max_pixels: int) -> Page:
    kind = CONTENT_TYPES[content_type]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > max_pixels:
                raise DocumentError(
                    f"the image is {width}×{height} px ({width * height / 1e6:.0f} MP); "
                    f"the limit is {max_pixels / 1e6:.0f} MP"
                )
            orientation = image.getexif().get(_EXIF_ORIENTATION, 1)
            image = _shrunk(image, MAX_PAGE_PIXELS)
            if orientation not in (1, None):
                image = ImageOps.exif_transpose(image)  # an upright photo is not copied
    except DocumentError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DocumentError(f"the {kind} image is refused as a possible decompression bomb ({exc})") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise DocumentError(f"the {kind} image is damaged or truncated and cannot be decoded ({exc})") from exc
    if width < 16 or height < 16:
        raise DocumentError(f"the image is only {width}×{height} px; a receipt needs at least a few hundred")
    if image.mode != "RGB":
        image = image.convert("RGB")
    bgr = np.frombuffer(image.tobytes("raw", "BGR"), dtype=np.uint8).reshape(image.height, image.width, 3)
    return Page(image=bgr, exif_transposed=orientation not in (1, None))


def _shrunk(image: Image.Image, max_pixels: int) -> Image.Image:
    """``image`` decoded at most ``max_pixels`` big; a JPEG that large is decoded at 1/2, 1/4 or 1/8 scale to start
    with (its DCT's own scaling, a fraction of the work), the rest averaged down."""
    width, height = image.size
    if width * height <= max_pixels:
        image.load()
        return image
    factor = (max_pixels / (width * height)) ** 0.5
    size = (max(1, int(width * factor)), max(1, int(height * factor)))
    image.draft(image.mode, size)
    return image.resize(size, Image.Resampling.BOX)


def _load_pdf(data: bytes, max_pixels: int) -> tuple[Page, ...]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"the PDF is damaged or password-protected and cannot be opened ({exc})") from exc
    try:
        if len(pdf) == 0:
            raise DocumentError("the PDF has no pages")
        return tuple(_pdf_page(pdf[index], max_pixels) for index in range(min(len(pdf), MAX_PDF_PAGES)))
    finally:
        pdf.close()


def _pdf_page(page: pdfium.PdfPage, max_pixels: int) -> Page:
    width_pt, height_pt = page.get_size()
    scale = PDF_RENDER_DPI / 72
    budget = min(max_pixels, MAX_PAGE_PIXELS)
    if width_pt * height_pt * scale * scale > budget:
        scale = (budget / (width_pt * height_pt)) ** 0.5
    try:
        textpage = page.get_textpage()
        text = textpage.get_text_bounded()
        bitmap = page.render(scale=scale)  # 3-byte BGR, the order OpenCV wants: one copy, no conversion
        bgr = np.array(bitmap.to_numpy()) if bitmap.format == pdfium.raw.FPDFBitmap_BGR else _bgr(bitmap)
        if len("".join(text.split())) < MIN_TEXT_LAYER_CHARS:
            return Page(image=bgr)
        words = _text_words(textpage, bgr.shape[1] / width_pt, bgr.shape[0] / height_pt, height_pt)
        text, words = in_page_order(words)
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"a page of the PDF cannot be rendered ({exc})") from exc
    return Page(image=bgr, text=text, words=words)


def _text_words(textpage: pdfium.PdfTextPage, x_scale: float, y_scale: float, height_pt: float) -> tuple[TextWord, ...]:
    """The text layer's words with their boxes in the rendered page's pixels (PDF points grow upwards from the
    bottom-left corner), so a value read from the text layer can be shown where the page prints it."""
    words: list[TextWord] = []
    letters: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []
    line = 0

    def close_word() -> None:
        if letters:
            left, top = min(b[0] for b in boxes), max(b[3] for b in boxes)
            right, bottom = max(b[2] for b in boxes), min(b[1] for b in boxes)
            box = (round(left * x_scale), round((height_pt - top) * y_scale))
            words.append(
                TextWord("".join(letters), (*box, round(right * x_scale), round((height_pt - bottom) * y_scale)), line)
            )
            letters.clear()
            boxes.clear()

    for index in range(textpage.count_chars()):
        character = textpage.get_text_range(index, 1)
        if character == "\n":
            close_word()
            line += 1
        elif character.isspace() or not character:
            close_word()
        elif character in _SOFT_HYPHENS:
            continue  # a word hyphenated where the producer may break it, printed whole («Коли\ufffeчество»)
        else:
            letters.append(character)
            boxes.append(textpage.get_charbox(index))
    close_word()
    return tuple(words)


_SOFT_HYPHENS = frozenset("\ufffe\u00ad")


def _bgr(bitmap: pdfium.PdfBitmap) -> np.ndarray:
    rgb = np.asarray(bitmap.to_pil().convert("RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])
