"""The second reader: Datalab's Indra OCR, bundled in PyPI ``rapidocrlite`` (import name ``rapidocr``).

An opt-in extra (``pip install '.[indra]'``) because its weights are not Apache-2.0 but a modified OpenRAIL-M
license (barred above a USD 20M revenue or funding cap and for products competing with Datalab; share-alike reaches
the OCR output). Nothing here imports the package until a reading is asked for, so a host without it serves the
Tesseract path unchanged and the ``indra`` backends fail at load with the command that installs it.

Indra detects text in segments (a label and its value, two table cells, come as separate boxes); the field rules
read "label value" on one line, so segments whose vertical middles fall within one another's height are joined
left to right into lines, as Tesseract's page mode 6 gives them.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from typing import Any

import numpy as np

from model.budget import Budget
from model.ocr import OcrLine, OcrResult, OcrWord

INSTALL_HINT = "pip install 'receipt-extractor[indra]' (weights under a modified OpenRAIL-M license: see README)"

_PARAMETERS: dict[str, Any] = {
    "Det.model_type": "lite",
    "Rec.model_type": "lite",
    "Det.ocr_version": "PP-OCRv6",
    "Rec.ocr_version": "PP-OCRv6",
    "Det.lang_type": "eslav",
    "Rec.lang_type": "eslav",
    "Global.use_cls": False,  # Indra has no orientation classifier; the pipeline turns the page itself
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
}
"""The bundled weights only (no download), one thread: parallelism comes from worker processes, as for Tesseract."""


_RUSSIAN_TWINS = str.maketrans("қҚңҢүҮұҰғҒөӨўЎ", "кКнНуУуУгГоОуУ")
"""Letters of the other Cyrillic alphabets the eslav recogniser knows, drawn as a Russian letter with a hook, a
tail or a bar (Kazakh, Belarusian): on a Russian page each is its Russian twin misread («Банқ плательщика»)."""


def in_russian_letters(text: str) -> str:
    """``text`` with each letter of ``_RUSSIAN_TWINS`` read as its Russian twin, so that a caption matches."""
    return text.translate(_RUSSIAN_TWINS)


class IndraUnavailableError(RuntimeError):
    """``rapidocrlite`` is not installed: the message says how to install it and under which license."""


_local = threading.local()


def _engine() -> Any:
    """This thread's engine (loading one takes ~40 ms and ~150 MB)."""
    engine = getattr(_local, "engine", None)
    if engine is None:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:
            raise IndraUnavailableError(f"the Indra reader needs rapidocrlite: {INSTALL_HINT}") from exc
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)  # it logs an INFO line per call
        engine = RapidOCR(params=_PARAMETERS)
        _local.engine = engine
    return engine


def warm_up() -> None:
    """Load the engine and run it once: its first page costs seconds more than the next (lazy model loading), which
    belongs to the model's load, not to a request. Raises ``IndraUnavailableError`` without the extra."""
    _engine()(np.full((64, 256, 3), 255, dtype=np.uint8))


def unavailable_reason() -> str | None:
    """None when the Indra reader is installed here, else what to install; cheap (nothing is loaded)."""
    try:
        found = importlib.util.find_spec("rapidocr") is not None
    except (ImportError, ValueError):
        found = False
    return None if found else f"the Indra reader needs rapidocrlite: {INSTALL_HINT}"


def recognize(image: np.ndarray, budget: Budget | None = None) -> OcrResult:
    """OCR a BGR or grey image into lines of text, top to bottom; nothing once the ``budget`` is spent. The reading
    is one native call, which nothing stops once started: the pipeline starts one only when the time left covers
    what the page's first reading cost (``model.budget``)."""
    if budget is not None and not budget.starts("an Indra reading not started at the deadline"):
        return OcrResult(())
    colour = np.ascontiguousarray(np.repeat(image[:, :, None], 3, axis=2) if image.ndim == 2 else image)
    output = _engine()(colour)
    if output.boxes is None or output.txts is None or output.scores is None:
        return OcrResult(())
    segments = [
        OcrLine(in_russian_letters(str(text).strip()), float(score) * 100, _bounds(box))
        for box, text, score in zip(output.boxes, output.txts, output.scores, strict=True)
        if str(text).strip()
    ]
    return OcrResult(tuple(join_segments(segments)))


def _bounds(box: Any) -> tuple[int, int, int, int]:
    points = np.asarray(box, dtype=float).reshape(-1, 2)
    left, top = points.min(axis=0)
    right, bottom = points.max(axis=0)
    return round(left), round(top), round(right), round(bottom)


def join_segments(segments: list[OcrLine]) -> list[OcrLine]:
    """Segments on one text line joined left to right; a segment belongs to a line when its vertical middle lies
    inside the line's first segment's span (so a tall amount beside small labels still joins its label)."""
    rows: list[list[OcrLine]] = []
    for segment in sorted(segments, key=lambda s: (s.box[1] + s.box[3]) / 2):
        middle = (segment.box[1] + segment.box[3]) / 2
        row = rows[-1] if rows else None
        if row is not None and (row[0].box[1] <= middle <= row[0].box[3] or _inside(row[0], segment)):
            row.append(segment)
        else:
            rows.append([segment])
    return [_merge(sorted(row, key=lambda s: s.box[0])) for row in rows]


def _inside(first: OcrLine, segment: OcrLine) -> bool:
    middle = (first.box[1] + first.box[3]) / 2
    return segment.box[1] <= middle <= segment.box[3]


def _merge(row: list[OcrLine]) -> OcrLine:
    characters = sum(len(s.text) for s in row) or 1
    confidence = sum(s.confidence * len(s.text) for s in row) / characters
    box = (
        min(s.box[0] for s in row),
        min(s.box[1] for s in row),
        max(s.box[2] for s in row),
        max(s.box[3] for s in row),
    )
    words = tuple(OcrWord(s.text, s.confidence, s.box) for s in row)  # a segment is Indra's smallest box
    return OcrLine(" ".join(s.text for s in row), confidence, box, words)
