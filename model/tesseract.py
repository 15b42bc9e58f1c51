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
import math
import os
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import tesserocr

from model.budget import Budget, seconds_left

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


_WRAPPER_VTABLE = "_ZTVN9tesserocr22TessBaseAPIWithMonitorE"
"""The vtable of the C++ engine a ``PyTessBaseAPI`` holds (tesserocr 2.13's ``TessBaseAPIWithMonitor``, a
``tesseract::TessBaseAPI``): where the object's first word points to it, that word is where the engine begins."""
_VTABLE_HEADER = 2 * ctypes.sizeof(ctypes.c_void_p)
"""An object's vtable pointer points past its vtable's offset-to-top and type-info words (the Itanium C++ ABI)."""
_CancelFunc = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_int)


@dataclass(frozen=True)
class _MonitorApi:
    """Tesseract's C API (``TessBaseAPIRecognize`` with an ``ETEXT_DESC`` monitor) and the engine's vtable address."""

    library: ctypes.CDLL
    engine_vtable: int


@cache
def _monitor_api() -> _MonitorApi | None:
    """The C API of the libtesseract this process loaded, where the engine can be found inside tesserocr's object
    (``_engine_address``); None elsewhere (another tesserocr, not Linux): readings then stop by the wall clock."""
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
        loaded = sorted({line.split()[-1] for line in maps.splitlines() if "libtesseract" in line.rsplit("/", 1)[-1]})
        if len(loaded) != 1:
            return None
        library = ctypes.CDLL(loaded[0])
        wrapper = ctypes.CDLL(tesserocr.tesserocr.__file__)
        vtable = ctypes.addressof(ctypes.c_char.in_dll(wrapper, _WRAPPER_VTABLE)) + _VTABLE_HEADER
        library.TessMonitorCreate.restype = ctypes.c_void_p
        library.TessMonitorDelete.argtypes = [ctypes.c_void_p]
        library.TessMonitorSetCancelFunc.argtypes = [ctypes.c_void_p, _CancelFunc]
        library.TessBaseAPIRecognize.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        library.TessBaseAPIRecognize.restype = ctypes.c_int
    except (OSError, ValueError, AttributeError):
        return None
    return _MonitorApi(library, vtable)


def _engine_address(api: tesserocr.PyTessBaseAPI, vtable: int) -> int | None:
    """Where tesserocr's object holds its C++ engine: the first word inside it that points to the engine's vtable
    (only the object's own memory is read, so a layout that differs finds nothing rather than crashing)."""
    word = ctypes.sizeof(ctypes.c_void_p)
    for offset in range(2 * word, type(api).__basicsize__ - word + 1, word):
        if ctypes.c_void_p.from_address(id(api) + offset).value == vtable:
            return id(api) + offset
    return None


def recognize_within(api: tesserocr.PyTessBaseAPI, budget: Budget) -> bool:
    """Recognise the image set on ``api`` until the budget's CPU time is spent or the caller's deadline passes; False
    when it stopped early (the words read by then stay).

    tesserocr's own timeout is wall-clock only, and a wall-clock limit fits a CPU budget only as far as the machine's
    load can be foreseen: derived from the CPU left times the contention measured so far, it cut pages at 0.9-1.9
    CPU s of a 3.6 s budget when the load rose during a reading (the same page read different values from one run to
    the next), and a timeout stretched by a busy start outlasts the budget once the load falls. Tesseract
    asks its monitor's cancel function before each word, and the one given here reads this thread's CPU clock, so a
    reading ends at the budget whatever the load (past it only by the layout analysis, which asks nobody: 0.1-0.2 s on
    an 8 Mpx page). Where tesserocr's engine cannot be found (``_monitor_api``), the wall-clock timeout stays."""
    cpu_s, wall_s = budget.remaining_s(), seconds_left()
    if math.isinf(cpu_s) and math.isinf(wall_s):
        return bool(api.Recognize(0))
    capi = _monitor_api()
    address = None if capi is None else _engine_address(api, capi.engine_vtable)
    if capi is None or address is None:
        return bool(api.Recognize(budget.timeout_ms()))
    cpu_end, wall_end = time.thread_time() + cpu_s, time.monotonic() + wall_s
    cancel = _CancelFunc(lambda _this, _words: time.thread_time() >= cpu_end or time.monotonic() >= wall_end)
    monitor = capi.library.TessMonitorCreate()
    try:
        capi.library.TessMonitorSetCancelFunc(monitor, cancel)
        return bool(capi.library.TessBaseAPIRecognize(address, monitor) == 0)
    finally:
        capi.library.TessMonitorDelete(monitor)
