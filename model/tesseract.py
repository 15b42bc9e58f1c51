"""The one place that knows how to reach Tesseract: where its language data lives and how an engine is made.

Creating an engine costs about 0.1-0.2 s, so each thread keeps one per language set and reuses it in every page mode.
OpenMP inside Tesseract makes it 3x *slower* on two cores (shared/notes/ocr-preprocessing.md), so the thread
limit is pinned to 1 before the library loads; parallelism comes from worker processes instead.

Leptonica, under Tesseract's layout analysis, prints "Error in boxClipToRectangle: box outside rectangle" to
stderr for boxes it then clips itself: a blurred page read as one column printed dozens, into the CLI's stderr
that promises one line per bad file. Its messages are turned off at import; Tesseract's results do not change.
"""

from __future__ import annotations

import ctypes
import os
import threading
from functools import cache
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import tesserocr

_LEPTONICA_SEVERITY_NONE = 6
"""``L_SEVERITY_NONE`` of Leptonica's ``environ.h``: no message at all."""


def _silence_leptonica() -> None:
    """The Leptonica tesserocr loaded (its wheel bundles one; a source build links the system's), as this process
    maps it: another copy would be a second library whose silence changes nothing. Where there is no
    /proc/self/maps (not Linux), Leptonica stays as it is."""
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    loaded = {line.split()[-1] for line in maps.splitlines() if "lept" in line.rsplit("/", 1)[-1]}
    for library in sorted(loaded):
        try:
            ctypes.CDLL(library).setMsgSeverity(_LEPTONICA_SEVERITY_NONE)
        except (OSError, AttributeError):  # too old to have the call: it only stays noisy
            continue


_silence_leptonica()

LANGUAGES = "rus+eng"
"""rus+eng reads 5-10% more digit fields than rus alone: short labels come out Latin (ИНН → UHH)."""

_SEARCH_PATHS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)

PSM = tesserocr.PSM
RIL = tesserocr.RIL


class TesseractUnavailableError(RuntimeError):
    """Tesseract's language data is missing: the message says what to install."""


@cache
def tessdata_dir() -> str:
    """The folder holding ``rus`` and ``eng`` traineddata; ``TESSDATA_PREFIX`` wins when set."""
    candidates = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    candidates += _SEARCH_PATHS
    for folder in candidates:
        path = Path(folder)
        if all((path / f"{lang}.traineddata").is_file() for lang in LANGUAGES.split("+")):
            return str(path)
    raise TesseractUnavailableError(
        "Tesseract language data (rus, eng) not found in "
        + ", ".join(candidates)
        + ". Install it with: sudo apt-get install tesseract-ocr tesseract-ocr-rus"
        + " (or set TESSDATA_PREFIX)."
    )


INVERT_BELOW = 0.5
"""Tesseract reads a line again inverted (light text on a dark band) when it read it under this confidence; its
default, 0.7, sent most lines of a blurred page through a second pass for nothing. Light text on dark reads as Latin
look-alikes at 30-50% («Nonyyatenb OOO «Pomaluika»» for «Получатель ООО «Ромашка»»), so it is still retried: a
dark-mode screenshot still reads (with the retry off, every field of one was lost; at 0.3 its names were).
Measured in paired runs (one worker): CPU -2% on the corpus and the real documents, up to -15% on a blurred page,
F1 0.8735 → 0.8745 and 0.872 → 0.872, 0 wrong verified."""

_local = threading.local()


def engine(
    psm: int = PSM.SINGLE_BLOCK, languages: str = LANGUAGES, oem: int = tesserocr.OEM.LSTM_ONLY
) -> tesserocr.PyTessBaseAPI:
    """This thread's engine for ``languages``/``oem``, set to page mode ``psm`` (6, one block, keeps label and value
    on one line). One engine serves every page mode: switching the mode gives the same text as an engine made for
    it, while each engine made costs 0.1 CPU s and a copy of the language models (a document whose rows were read
    alone and whose page was read twice made three)."""
    engines: dict[tuple[str, int], tesserocr.PyTessBaseAPI] = _local.__dict__.setdefault("engines", {})
    key = (languages, int(oem))
    api = engines.get(key)
    if api is None:
        api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang=languages, psm=psm, oem=oem)
        api.SetVariable("invert_threshold", str(INVERT_BELOW))
        engines[key] = api
    api.SetPageSegMode(psm)
    return api


def version() -> str:
    return str(tesserocr.tesseract_version().splitlines()[0])
