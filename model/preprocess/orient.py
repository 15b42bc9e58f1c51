"""Which way up the page is: Tesseract's OSD when it is sure, else ink profiles plus a two-way OCR trial.

Measured (shared/notes/ocr-preprocessing.md): OSD with orient_conf ≥ 2 was right 254 of 255 times, 0.3–0.5 s
through the API, and it needs full resolution (downscaling German scans to 1500 px dropped it from 77/80 to
55/80). The fallback, profile variance for 0/90° and a central band read both ways up for 0/180°, got 288/288.
On the layouts corpus (630 pages, none turned) and the real documents' 131 image pages, OSD was sure of 588 and
wrong on 5 (corpus pages at conf 2.1-5.2, all upright); of the 162 it was not sure of, the fallback turned 38
wrongly while it profiled all ink and read the inkiest band, 9 once both were the letters' (``_letters_or_ink``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import cv2
import numpy as np
import tesserocr
from PIL import Image as PILImage

from model.budget import Budget
from model.preprocess.deskew import ANALYSIS_SIDE, MIN_POINTS, MIN_SHARPNESS, best_angle, mask_points, page_letters
from model.preprocess.enhance import (
    Image,
    component_stats,
    components,
    ink_mask,
    normalize_contrast,
    resize,
    text_on_paper,
)
from model.tesseract import PSM, engine, recognize_within

OSD_MIN_CONFIDENCE = 2.0
SURE_EVIDENCE = "OSD conf"
"""How an orientation OSD was sure of begins its evidence: the pipeline trusts such a turn without reading others."""
MIN_SIDE = 32
"""Smaller than this there is no text to orient, and Tesseract would only warn."""

BAND_SHARE = 0.1
BAND_MAX_WIDTH = 1000
CLEAR_AXIS = 1.25
"""Row and column profile sharpness closer than this (a wood grain, a table) leaves both quarters to OCR."""
TRIAL_MARGIN = 5.0
"""Mean word confidence (0–100) by which the upside-down reading must win before the page is turned."""

SIDEWAYS_JOINS = 1.4
"""Pieces of ink left when the gaps between letters are closed along rows, over those left when closed along columns:
lines that run across join along rows (under 1), lines that run down along columns. Measured on the preprocessed
pages of the real documents and the corpus (``SIDEWAYS_SAMPLE_PIXELS``): every page read surely as it is stayed at or
under 0.9 (0.2-0.5 for most), and 14 of the 22 pages found sideways were at 1.4-3.4 (the others blurred past joining),
among them a receipt whose reading as it is took 2.4 of its 4 CPU s."""
SIDEWAYS_SAMPLE_PIXELS = 500_000
"""The page is judged on a copy this size: ~10 ms (a copy of 1 Mpx took ~15 ms and told the pages apart no better,
the full 8 Mpx page ~100 ms)."""
GLYPH_SIDES = (3, 120)
"""Pieces of ink the size of a letter (px) on that copy: not specks, rules or pictures."""
MIN_LETTERS = 30
"""Fewer letters than this are no page of text to judge."""

_UNDO = {
    90: cv2.ROTATE_90_COUNTERCLOCKWISE,
    180: cv2.ROTATE_180,
    270: cv2.ROTATE_90_CLOCKWISE,
}


@dataclass(frozen=True)
class Orientation:
    """How far the page is turned clockwise (0, 90, 180, 270), and the evidence, worded for a person."""

    degrees: int
    evidence: str
    trials: Mapping[int, float] = field(default_factory=dict)
    """The band's mean word confidence per clockwise turn it was read at (``orientation_by_profile``), those that
    tell nothing at 0 (``_telling``); empty where OSD was sure or nothing was read. A turn the page was not found at
    is still ranked by it: the turns a reader tries next (``model.pipeline``) go likeliest first."""


def upright(image: Image, degrees: int) -> Image:
    """Undo a clockwise turn of ``degrees``."""
    code = _UNDO.get(degrees % 360)
    return image if code is None else cv2.rotate(image, code).astype(np.uint8, copy=False)


def detect_orientation(grey: Image, budget: Budget | None = None, *, trial: bool = True) -> Orientation | None:
    """OSD first; the profile-and-OCR fallback when OSD is unsure; None when there is no text. The fallback's readings
    stop at the ``budget``'s deadline (they took 0.6 s of a corpus page's last 1.0 s, and its budget overran).
    Without the ``trial`` reading, for a caller that reads the page's turns itself and stops at the first that reads
    well, an unsure OSD leaves only the axis of the lines (``line_quarters``): a page whose lines clearly run down it
    is found turned 90°, which way round left to the caller's readings; any other, None."""
    if min(grey.shape[:2]) < MIN_SIDE:
        return None
    text = text_on_paper(grey)
    found = osd(text)
    if found is not None and found[1] >= OSD_MIN_CONFIDENCE:
        return Orientation(found[0], f"{SURE_EVIDENCE} {found[1]:.1f}")
    unsure = "OSD found nothing" if found is None else f"OSD unsure (conf {found[1]:.1f})"
    if not trial:
        axis = line_quarters(text)
        if axis is None or axis[0] != (90,):
            return None
        return Orientation(90, f"{unsure}; {axis[1]}; which way round left to reading")
    fallback = orientation_by_profile(text, budget)
    if fallback is None:
        return None
    return replace(fallback, evidence=f"{unsure}; {fallback.evidence}")


def looks_sideways(grey: Image) -> bool:
    """The letters of a contrast-normalised page join into columns more readily than into rows: its lines run
    vertically, so the page is turned a quarter. Cheap enough for every page (``SIDEWAYS_SAMPLE_PIXELS``), it spares a
    sideways page its reading as it is: Tesseract makes many short lines of letters on their side, slowly."""
    _, ink = cv2.threshold(sideways_sample(grey), 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, stats = component_stats(ink)
    width, height, area = (stats[1:, column] for column in (cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT, cv2.CC_STAT_AREA))
    low, high = GLYPH_SIDES
    letters = (width >= low) & (height >= 2 * low) & (np.maximum(width, height) <= high) & (area >= 4 * low)
    if letters.sum() < MIN_LETTERS:
        return False
    gap = max(low, int(np.median(np.minimum(width[letters], height[letters]))) // 2)
    rows = components(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8)))[0]
    columns = components(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8)))[0]
    return bool(rows >= SIDEWAYS_JOINS * columns)


def sideways_sample(grey: Image) -> Image:
    """The copy of ``grey`` that ``looks_sideways`` judges: at most ``SIDEWAYS_SAMPLE_PIXELS`` big."""
    factor = min(1.0, (SIDEWAYS_SAMPLE_PIXELS / (grey.shape[0] * grey.shape[1])) ** 0.5)
    return resize(grey, factor) if factor < 1 else grey


def normalized_sample(grey: Image) -> Image:
    """``grey``'s sideways sample, contrast-normalised: what ``looks_sideways`` judges of a page whose contrast step
    was left out (the ``indra`` backend's, whose reader never sees the grey page), at a 0.5 Mpx copy's cost rather
    than the whole page's (0.2 CPU s of a 12 Mpx photo)."""
    return normalize_contrast(sideways_sample(grey))


def osd(grey: Image) -> tuple[int, float] | None:
    """Tesseract's (clockwise turn of the page, confidence); confidence ≥ 2 was right 254 of 255 times."""
    api = engine(psm=PSM.OSD_ONLY, languages="osd", oem=tesserocr.OEM.DEFAULT)
    try:
        api.SetImage(PILImage.fromarray(grey))
        result = api.DetectOrientationScript()
    finally:
        api.Clear()
    if not result:
        return None
    return int(result["orient_deg"]) % 360, float(result["orient_conf"])


def orientation_by_profile(grey: Image, budget: Budget | None = None) -> Orientation | None:
    """Lines run along the axis with the sharper ink profile; the band that reads best picks the turn.

    Returns the page's clockwise turn; "as is" wins unless another reading is ``TRIAL_MARGIN`` surer.
    """
    axis = line_quarters(grey)
    if axis is None:
        return None
    quarters, lines = axis
    trials: dict[int, float] = {}
    for quarter in quarters:
        as_is, flipped = (
            _band_confidence(band, budget or Budget(None)) for band in reading_bands(upright(grey, quarter))
        )
        trials[quarter], trials[quarter + 180] = as_is, flipped
    readings = ", ".join(f"{degrees}° {confidence:.0f}%" for degrees, confidence in trials.items())
    evidence = f"{lines}; OCR word confidence per assumed turn: {readings}"
    return Orientation(turn_read_best(trials, quarters[0]), evidence, _telling(trials))


def line_quarters(grey: Image) -> tuple[tuple[int, ...], str] | None:
    """Which quarter turns the page's lines may be at, by the axis with the sharper ink profile (0 where they run
    across, 90 down, both where the axes are about as sharp: ``CLEAR_AXIS``), worded; None without enough letters or
    lines. It tells the axis, not which way up, for 0.01-0.09 CPU s (the page at ``ANALYSIS_SIDE``): the band
    readings that tell which way up (``orientation_by_profile``) cost 0.3-1.0 s more."""
    factor = min(1.0, ANALYSIS_SIDE / max(grey.shape[:2]))
    points = mask_points(_letters_or_ink(resize(grey, factor) if factor < 1 else grey))
    if len(points) < MIN_POINTS:
        return None
    _, along_rows = best_angle(points)
    _, along_columns = best_angle(points[:, ::-1])
    if max(along_rows, along_columns) < MIN_SHARPNESS:
        return None
    vertical = along_columns > along_rows
    if max(along_rows, along_columns) >= CLEAR_AXIS * min(along_rows, along_columns):
        return ((90,), "vertical lines") if vertical else ((0,), "horizontal lines")
    return (0, 90), "line direction unclear"


def turn_read_best(trials: dict[int, float], default: int) -> int:
    """The turn whose band reads ``TRIAL_MARGIN`` surer than the ``default`` turn's and than its own upside down; else
    the default. Text read the right way up reads surer than upside down; a band read across its lines (the wrong
    axis, where the profiles could not tell the axis) is specks whichever way up, and Tesseract's confidence in specks
    is noise: a hard corpus invoice photographed upside down read 0° 27%, 180° 28%, 90° 38%, 270° 37%, and was turned
    a quarter. Where the axis is clear the two conditions are one.

    A band that read no word one way up (0%) tells neither way: among the corpus and real pages read so, all upright,
    the upright way read nothing about as often (8 pages) as the upside-down one, and a page whose upright band read
    0% and upside down 13-49% was turned over. Both turns of such a pair then count as read at 0% (``_telling``)."""
    trials = _telling(trials)
    best = max(trials, key=lambda degrees: trials[degrees])
    flipped = trials[(best + 180) % 360]
    return best if trials[best] > max(trials[default], flipped) + TRIAL_MARGIN else default


def _telling(trials: Mapping[int, float]) -> dict[int, float]:
    """The trial readings with both turns of a pair of which one read no word at 0% (``turn_read_best``)."""
    return {
        degrees: 0.0 if min(confidence, trials.get((degrees + 180) % 360, confidence)) <= 0 else confidence
        for degrees, confidence in trials.items()
    }


def _letters_or_ink(grey: Image) -> Image:
    """The page's letters (``deskew.page_letters``, by a threshold by the neighbourhood where Otsu's finds none)
    where it has enough, else its whole ink (``ink_mask``). A photo's dark margin and a table's rules are ink but no
    line of text: on a web bank's receipt photographed askew, its margin made the lines seem to run down the page,
    and the bands read were the margin."""
    ink = ink_mask(grey)
    letters = page_letters(grey, ink)
    return ink if letters is None else letters


def reading_bands(grey: Image) -> tuple[Image, Image]:
    """The horizontal band, a tenth of the page, with the most letters (``_letters_or_ink``), narrowed for speed, as
    it is and upside down. The inkiest band was a photo's dark margin or a table's rules, which Tesseract reads as
    specks whichever way up (a corpus invoice's ruled rows read 28% as they are, 37% upside down, and it was turned).
    The band's rules are kept: with only its letters left, bands read across their lines read surer (of the 42
    corpus pages whose turn changed, 12 were left wrong, against 6)."""
    height = grey.shape[0]
    band_height = max(MIN_SIDE, round(height * BAND_SHARE))
    letters = _letters_or_ink(grey)
    rows = letters.sum(axis=1, dtype=np.float64)
    window = np.convolve(rows, np.ones(band_height), mode="valid")
    top = int(np.argmax(window)) if len(window) else 0
    band = grey[top : top + band_height]
    factor = min(1.0, BAND_MAX_WIDTH / band.shape[1])
    band = resize(band, factor) if factor < 1 else band
    return band, cv2.rotate(band, cv2.ROTATE_180).astype(np.uint8, copy=False)


def _band_confidence(band: Image, budget: Budget) -> float:
    """Tesseract's mean word confidence on the band (psm 6): high only when the text is the right way up; what it
    read by the budget's deadline."""
    api = engine()
    try:
        api.SetImage(PILImage.fromarray(band))
        recognize_within(api, budget)
        return float(api.MeanTextConf())
    finally:
        api.Clear()
