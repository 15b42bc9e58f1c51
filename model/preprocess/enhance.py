"""Pixel-level steps: contrast, denoising, scale, and the ink mask and x-height the other steps measure with.

Facts behind the choices (shared/notes/ocr-preprocessing.md): dividing by the morphological closing took 2 ms
and never hurt, while Otsu / adaptive binarisation lost digit fields under blur or noise, so the output stays
grey. Tesseract reads best at an x-height of about 20 px; upscaling text already 15 px tall cost digit fields.
"""

from __future__ import annotations

import math
from typing import Any

import cv2
import numpy as np
from cv2.typing import MatLike
from numpy.typing import NDArray

Image = NDArray[np.uint8]

MIN_CONTRAST = 24
"""Grey range below which an image is treated as blank: Otsu on a flat image would call everything ink."""

TARGET_X_HEIGHT = 20.0
UPSCALE_BELOW = 12.0
DOWNSCALE_ABOVE = 25.0
MAX_UPSCALE = 4.0
MIN_COMPONENTS = 10
"""Fewer letter-like components than this is not text to measure an x-height on."""
PEAK_SHARE = 0.3
MIN_LETTER_HEIGHT = 5
"""JPEG blocks and sensor noise leave specks 3-4 px tall that can outnumber the letters of a low-resolution photo;
text this small gets the largest upscale anyway (20 px / ``MAX_UPSCALE``), so nothing is lost by ignoring them."""
PAPER_SHARE = 0.6
"""Closing brighter than this share of the brightest paper counts as paper: a table's grain, divided by its own
closing, would otherwise read as ink (77% of a dark grainy table at 0, 19% of a mid-grey one at 0.5, 0.6% at 0.6).
Paper in deeper shadow is only left out of the measurements, not of the OCR image."""


def to_grey(image: Image) -> Image:
    """Grey from BGR; grey passes through."""
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).astype(np.uint8, copy=False)


DARK_PAGE = 100
"""A page whose median grey is under this is dark: a dark-theme phone screen, or a white page lost on a dark table."""
TEXT_STROKES = 0.2
"""On a dark-theme screen the bright pixels are letters: at most this share of them survives an opening wider than a
stroke (a white page among dark surroundings survives whole). The second synthetic set's dark screens: 0.00-0.05."""


def light_on_dark(grey: Image) -> bool:
    """Whether the page prints light text on a dark ground (a dark-theme app's screenshot), which the division by the
    paper's brightness and the x-height both take the wrong way round: its reading found no amount and no name."""
    small = cv2.resize(grey, None, fx=min(1.0, 800 / max(grey.shape)), fy=min(1.0, 800 / max(grey.shape)))
    ground = float(np.median(small))
    if ground >= DARK_PAGE:
        return False
    bright = (small > ground + 60).astype(np.uint8)
    if bright.sum() < 0.002 * bright.size or _dim_print(small, bright, ground):
        return False
    side = max(9, max(small.shape) // 40) | 1
    solid = cv2.morphologyEx(bright, cv2.MORPH_OPEN, np.ones((side, side), np.uint8))
    return float(solid.sum()) <= TEXT_STROKES * float(bright.sum())


DIM_INK = 0.6
"""Of a dark page's ground (its median grey), what a pixel is darker than, after a 5×5 median, where it is ink on
dim paper rather than noise: on a dark-theme screen the ground is the darkest thing there is, or nearly. And at least
``DIM_INK_MARGIN`` below it: a near-black screen's ground (grey 25 on round 6's hard transfer) lies within its
noise of 0.6 of itself (39% of its pixels)."""
DIM_INK_MARGIN = 20
DIM_INK_OVER_BRIGHT = 3.0
"""A dark page with this many times more dim ink (``DIM_INK``) than bright pixels is dark print on a dim page, not a
dark screen. Round 17's hard pages (a page on a car seat at night under a street lamp, through a rainy window): the
raindrops' bright rims on seven dim white pages passed for a screen's letters, and the pages were inverted into
white text on grey that Tesseract read nothing of; they hold 7.7-91 times more dim ink than bright pixels. The 37
dark screens of rounds 1-17 (clean, photo and hard levels) at most 0.16; of the 1,314 images of rounds 1-17 and the
real documents' photos and scans, only those 7 pages change."""


def _dim_print(small: MatLike, bright: Image, ground: float) -> bool:
    """Whether ``small``, a dark page whose pixels ``bright`` are well above its ground, holds far more dark ink
    than bright (``DIM_INK_OVER_BRIGHT``): dark text on a dim page, whatever bright specks (glare, raindrops) it has."""
    dim = float((cv2.medianBlur(small, 5) < min(DIM_INK * ground, ground - DIM_INK_MARGIN)).mean())
    return dim >= DIM_INK_OVER_BRIGHT * float(bright.mean())


def component_stats(mask: MatLike) -> tuple[int, NDArray[np.int32]]:
    """How many 8-connected components ``mask`` has (the background's included) and OpenCV's statistics of each:
    ``cv2.connectedComponentsWithStats`` with a 16-bit labels image (``components``)."""
    count, _, stats = labelled_components(mask)
    return count, stats


def labelled_components(mask: MatLike) -> tuple[int, NDArray[np.integer[Any]], NDArray[np.int32]]:
    """``component_stats`` and the image of the labels: 16-bit, or 32-bit where the mask has more components than
    16 bits can number (noise), which OpenCV refuses (``components``)."""
    try:
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_16U)
    except cv2.error:
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return int(count), np.asarray(labels), np.asarray(stats, dtype=np.int32)


def letter_shaped(
    stats: NDArray[np.int32], shape: tuple[int, ...], min_height: int, min_fill: float
) -> NDArray[np.bool_]:
    """Which components (``stats[1:]``, the background left out) are shaped like letters: at least ``min_height``
    and at most an eighth of the page's short side tall, neither four times wider nor taller than the other way,
    inked more than ``min_fill`` of their box and less than 0.9 (not specks, rules, table lines or solid blocks)."""
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    fill = stats[1:, cv2.CC_STAT_AREA] / np.maximum(widths * heights, 1)
    shaped: NDArray[np.bool_] = (
        (heights >= min_height)
        & (heights <= min(shape[:2]) / 8)
        & (widths <= 4 * heights)
        & (heights <= 4 * widths)
        & (fill > min_fill)
        & (fill < 0.9)
    )
    return shaped


def components(mask: MatLike) -> tuple[int, NDArray[np.integer[Any]]]:
    """How many 8-connected components ``mask`` has (the background's included) and the image of their labels.

    The labels are 16-bit: writing 32-bit ones was most of the cost (on an 8 Mpx page 68 CPU ms with the statistics,
    22 with 16-bit labels; the same components, numbered in the same order). A mask with more components than 16
    bits can number (noise, where OpenCV refuses within a few ms) is labelled in 32 bits."""
    try:
        count, labels = cv2.connectedComponents(mask, connectivity=8, ltype=cv2.CV_16U)
    except cv2.error:
        count, labels = cv2.connectedComponents(mask, connectivity=8)
    return int(count), np.asarray(labels)


def closing_kernel_size(shape: tuple[int, ...]) -> int:
    """An odd kernel wider than any text stroke: 1/20 of the short side, at least 15 px."""
    size = max(15, min(shape[0], shape[1]) // 20)
    return size | 1


def paper_brightness(grey: Image) -> Image:
    """The closing: how bright the paper would be here without its ink."""
    size = closing_kernel_size(grey.shape)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    return cv2.morphologyEx(grey, cv2.MORPH_CLOSE, kernel).astype(np.uint8, copy=False)


def normalize_contrast(grey: Image, paper: Image | None = None) -> Image:
    """Divide by the paper's brightness (``paper``, when it was measured already), which flattens shadows and
    uneven light without binarising."""
    background = paper_brightness(grey) if paper is None else paper
    return cv2.divide(grey, background, scale=255).astype(np.uint8, copy=False)


FAINT_INK = (30, 90)
"""How far below the paper (grey levels, after normalisation and a light blur) the ink of a light-grey caption lies:
bank apps and receipts print «Получатель», «Сумма перевода», a date in grey over the black values. Deeper ink is
the values' own, shallower is paper grain and JPEG noise (15-20 on the hard level's pages)."""
FAINT_INK_TARGET = 140
"""How deep a lifted caption's darkest ink is made: as dark as blurred body text reads."""


def _ink_depth(normalized: Image) -> NDArray[np.int16]:
    """How far below the paper each pixel lies, lightly blurred so that a speck of noise is not ink."""
    return cv2.GaussianBlur(255 - normalized, (0, 0), 1.0).astype(np.int16)


def faint_text_lines(normalized: Image) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, right, bottom) of text lines drawn only in faint ink (``FAINT_INK``): runs of faint pixels
    closed into lines, wider than three times their height, and with no darker ink in or around them, so the
    fringe that blur leaves around black text is not one."""
    return _faint_lines(normalized.shape, _ink_depth(normalized))


def _faint_lines(shape: tuple[int, ...], darkness: NDArray[np.int16]) -> list[tuple[int, int, int, int]]:
    low, high = FAINT_INK
    faint = ((darkness >= low) & (darkness <= high)).astype(np.uint8, copy=False)
    dark = darkness > high
    height, width = shape[:2]
    gap = max(9, min(height, width) // 60)
    lines = cv2.morphologyEx(faint, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * gap + 1, 3)))
    count, stats = component_stats(lines)
    boxes = []
    for left, top, box_width, box_height, area in stats[1:count]:
        line_like = box_width >= 3 * box_height and 4 <= box_height <= 3 * gap and area >= 0.25 * box_width * box_height
        pad = max(2, box_height // 3)
        box = (
            max(0, left - pad),
            max(0, top - pad),
            min(width, left + box_width + pad),
            min(height, top + box_height + pad),
        )
        if line_like and not dark[box[1] : box[3], box[0] : box[2]].any():
            boxes.append(box)
    return boxes


def lift_faint_text(normalized: Image) -> tuple[Image, int]:
    """The normalised page with each faint text line's ink deepened to ``FAINT_INK_TARGET``, and how many lines
    were: Tesseract's global threshold drops a grey caption that blur has made lighter still, and with it the label
    that says whose the value under it is. Only those lines change; stretching the whole page's contrast lifts blur
    and specks too (docs/experiments.md)."""
    depth = _ink_depth(normalized)
    boxes = _faint_lines(normalized.shape, depth)
    lifted = normalized.copy()
    for left, top, right, bottom in boxes:
        ink = 255 - normalized[top:bottom, left:right].astype(np.float32)
        deepest = float(depth[top:bottom, left:right].max())
        lifted[top:bottom, left:right] = (255 - np.clip(ink * (FAINT_INK_TARGET / max(deepest, 1.0)), 0, 255)).astype(
            np.uint8
        )
    return lifted, len(boxes)


NOISY_PAPER = 4.0
"""Paper noise (:func:`paper_noise`, grey levels) from which a page is treated as noisy paper: median-filtered, and
its faint lines not lifted. Measured on the grey page after the geometric steps: the synthetic corpus at most 2.74
(of 120 pages), the real documents' photos and scans at most 2.28 (of 42), so neither reaches it; augraphy's damaged
pages (``make bench-damage``) with noise textures 4.2-7.7 (8 of 42), the next below 3.3. On those 8 the lift darkened
the noise into black blocks that Tesseract read as lines of garbage. Tesseract on the damaged set, one worker:
micro-F1 0.725 → 0.736, the 8 pages' values 35 right and 8 wrong → 37 and 1, 0 wrong verified. Also tried on the 8:
skipping the lift alone 37 right 7 wrong; a 3×3 median 40/6 and a Gaussian (σ 1) 41/5, but both read a buyer's valid
ИНН on an invoice whose seller's ИНН they misread and called it the recipient's, verified; a bilateral filter
39/6; the lift after smoothing 41/8."""
NOISE_FLAT = 16
"""How much the grey may vary within 5×5 (after a 5×5 median) where the page is flat: paper, not a letter's edge,
whose difference from the median is the letter's shape rather than noise."""
NOISE_SMOOTHING = 5
"""The median filter's aperture (px) on noisy paper: the specks are 1-2 px, a letter's stroke wider once Tesseract's
x-height is reached, and a median keeps the strokes' edges sharp where a blur would not."""


ERASED_INK = 3 * NOISE_FLAT
"""How much darker than its 5×5 median a pixel is where the median erased a stroke: a letter thinner than the window
(print at an x-height under ~10 px), which is ink, not noise."""
CLEAN_PAPER = 1.0
"""Mean deviation (grey levels) of the paper away from every letter under which the paper is clean, whatever the
letters add: a rendered PDF or a screenshot measures 0.0-0.6 there, the photos of the real documents and of the second
synthetic set 1.0-2.7, a page with Gaussian noise of σ 8 about 3.3."""


def paper_noise(grey: Image) -> float:
    """How far the paper's pixels lie from their 5×5 median on average, over the flat parts of the page: sensor noise,
    paper texture and JPEG grain, without the edges of the letters that a whole-page measure mixes in (which put the
    real documents' small-print photos at up to 14). Costs ~5 ms a megapixel (12 ms on a corpus invoice of 2.5 MP,
    23 ms on an 8 MP photo; the lift it may spare takes 37 and 114).

    The median erases strokes thinner than its window, so small crisp print leaves flat "paper" with letters in it:
    a rendered invoice at an x-height of 9 px measured 4.7 and was median-filtered into illegible blots (the second
    synthetic set's clean invoices and transfers). Where the paper away from those letters is clean
    (``CLEAN_PAPER``), that is the page's noise; elsewhere the measure stays the whole flat paper's, as calibrated."""
    median = cv2.medianBlur(grey, 5)
    flat = cv2.morphologyEx(median, cv2.MORPH_GRADIENT, np.ones((5, 5), np.uint8)) <= NOISE_FLAT
    if not flat.any():
        return 0.0
    deviation = cv2.absdiff(grey, median)
    erased = (grey.astype(np.int16) < median.astype(np.int16) - ERASED_INK).astype(np.uint8)
    clear = flat & (cv2.dilate(erased, np.ones((3, 3), np.uint8)) == 0)
    if clear.any():
        away = float(deviation[clear].mean())
        if away < CLEAN_PAPER:
            return away
    return float(deviation[flat].mean())


def smooth_noise(normalized: Image) -> Image:
    """``normalized`` with specks smaller than a stroke blurred into the paper (``NOISE_SMOOTHING``)."""
    return cv2.medianBlur(normalized, NOISE_SMOOTHING).astype(np.uint8, copy=False)


def text_on_paper(grey: Image, paper: Image | None = None) -> Image:
    """The normalised image with whatever is not lit paper whitened, for measuring only (ink, x-height, OSD).

    Division turns the texture of a dark table into speckled false ink; where the closing is darker than
    ``PAPER_SHARE`` of the brightest paper there is no paper, so nothing there is text. ``paper`` is the page's
    :func:`paper_brightness` when the contrast step measured it already (~50 ms on 8 Mpx).
    """
    background = paper_brightness(grey) if paper is None else paper
    normalized = cv2.divide(grey, background, scale=255)
    lit = background >= PAPER_SHARE * np.percentile(background[::4, ::4], 95)
    return np.where(lit, normalized, 255).astype(np.uint8, copy=False)


def ink_mask(grey: Image, paper: Image | None = None) -> Image:
    """255 where there is ink, by Otsu on :func:`text_on_paper`; all zeros on a blank image."""
    text = text_on_paper(grey, paper)
    if int(text.max()) - int(text.min()) < MIN_CONTRAST:
        return np.zeros_like(grey)
    _, mask = cv2.threshold(text, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask.astype(np.uint8, copy=False)


def denoise(grey: Image) -> Image:
    """Non-local means: removes sensor noise without blurring strokes; slow, hence off by default."""
    denoised = cv2.fastNlMeansDenoising(grey, None, h=10, templateWindowSize=7, searchWindowSize=15)
    return denoised.astype(np.uint8, copy=False)


def estimate_x_height(grey: Image, paper: Image | None = None) -> float | None:
    """Height of the shortest common letters, from connected components; None when there is too little text.

    Capitals and digits stand about 1.33 x-heights tall and often outnumber lower-case letters on payment
    documents, so the answer is the lowest height at least ``PEAK_SHARE`` as common as the most common one; on
    all-caps text it is the cap height, which errs towards a larger scale. ``paper`` as for :func:`text_on_paper`.
    """
    heights = _letter_heights(grey, paper)
    if len(heights) < MIN_COMPONENTS:
        return None
    raw = np.bincount(heights, minlength=3).astype(np.float64)
    counts = np.convolve(raw, np.ones(3), mode="same")
    padded = np.pad(counts, 1)
    peaks = np.nonzero((counts >= padded[:-2]) & (counts >= padded[2:]) & (counts >= PEAK_SHARE * counts.max()))[0]
    lowest = int(peaks.min())
    window = np.arange(lowest - 1, lowest + 2)
    return float((raw[window] * window).sum() / raw[window].sum())


def _letter_heights(grey: Image, paper: Image | None) -> NDArray[np.int64]:
    """Heights of components shaped like letters: not specks, rules, table lines or solid blocks."""
    count, stats = component_stats(ink_mask(grey, paper))
    heights = stats[1:count, cv2.CC_STAT_HEIGHT]
    letters: NDArray[np.int64] = heights[letter_shaped(stats[:count], grey.shape, MIN_LETTER_HEIGHT, 0.1)].astype(
        np.int64
    )
    return letters


RULE_LENGTH = 4.0
"""A table rule runs at least this many x-heights straight; a letter's longest stroke (a capital, a bracket) about
two."""
BOX_SIDE = 3.0
"""A box around one row of a form (a ПД-4's «ИНН … КПП …» | account, 3.5 x-heights tall) has sides this long at
least. Searched beside ``RULE_LENGTH``'s columns, not instead: on a blurred page the shorter search alone lost a grid
the longer finds (a letter's blurred stems glued to a column made it a bar)."""
RULE_THICKNESS = 0.5
"""A rule is thinner than this share of the x-height; a longer run of ink as thick is a filled bar (a bank app's
button, a receipt's inverted header) or blurred text, which stay."""
GRID_WIDTH = 30.0
"""A table's grid is rows and columns joined, one of its rows a rule at least this many x-heights long. Rules alone
are left, and so are short runs joined: the grain of a table under a photographed receipt and the edge of the frame
make them too, and erasing those moved Tesseract's reading of a receipt off its text."""


def _thin_runs(ink: Image, run: tuple[int, int], across: tuple[int, int]) -> Image:
    """Straight runs of ink at least ``run`` long, less those as thick as ``across`` (bars, blurred text)."""
    long_runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, run))
    bars = cv2.morphologyEx(long_runs, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, across))
    return cv2.subtract(long_runs, cv2.dilate(bars, np.ones((3, 3), np.uint8))).astype(np.uint8, copy=False)


RULE_SEARCH_X_HEIGHT = 8.0
"""The grids are looked for on the ink shrunk to about this x-height, each pixel the darkest of those it stands for
(a rule 1 px thin stays): a quarter of the work on a page read at 20 px (150 → 50 ms on 8 MP), the same grids."""


def _max_pooled(ink: Image, step: int) -> Image:
    """``ink`` shrunk ``step`` times, a pixel ink where any pixel it stands for is."""
    if step == 1:
        return ink
    pooled: Image = cv2.dilate(ink, np.ones((step, step), np.uint8)).astype(np.uint8, copy=False)
    return pooled[::step, ::step].copy()


def _grids(ink: Image, x_height: float) -> tuple[Image, int]:
    """The rules of each table's grid in ``ink``, and how many grids. Its columns are ``RULE_LENGTH`` x-heights long,
    or ``BOX_SIDE`` (the boxes of a form's rows), both kept. No long row, no grid: nothing to join."""
    length = max(2, round(RULE_LENGTH * x_height))
    thick = max(2, round(RULE_THICKNESS * x_height))
    width = max(2, round(GRID_WIDTH * x_height))
    rows = _thin_runs(ink, (length, 1), (1, thick))
    long_rows = cv2.morphologyEx(rows, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (width, 1)))
    if not long_rows.any():
        return np.zeros_like(ink), 0
    columns = cv2.bitwise_or(
        _thin_runs(ink, (1, length), (thick, 1)), _thin_runs(ink, (1, max(2, round(BOX_SIDE * x_height))), (thick, 1))
    )
    _, labels = components(cv2.bitwise_or(rows, columns))
    joined = np.intersect1d(np.unique(labels[rows > 0]), np.unique(labels[columns > 0]))
    grids = [int(i) for i in np.intersect1d(joined, np.unique(labels[long_rows > 0])) if i]
    return np.isin(labels, grids).astype(np.uint8, copy=False), len(grids)


def erase_rules(grey: Image, x_height: float) -> tuple[Image, int]:
    """``grey`` with each table's grid (its rows' and columns' rules, joined) painted as paper, and how many grids.

    1C's bank grid puts a border just before each value: Tesseract read it as a digit glued to the number
    ("140802810738000039088", "БИК 1044525105"), or lost the grid's small print along it altogether."""
    _, otsu = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    step = max(1, int(x_height // RULE_SEARCH_X_HEIGHT))
    rules, count = _grids(_max_pooled(otsu.astype(np.uint8, copy=False), step), x_height / step)
    if not count:
        return grey, 0
    height, width = grey.shape[:2]
    if step > 1:
        rules = cv2.resize(rules, (width, height), interpolation=cv2.INTER_NEAREST).astype(np.uint8, copy=False)
    erased = grey.copy()
    erased[cv2.dilate(rules, np.ones((3, 3), np.uint8)) > 0] = 255
    return erased, count


UNTRUSTED_SHARE = 0.5
"""Of ``max_pixels``, what a page is shrunk to when its x-height asks to enlarge a page already that large."""


def scale_factor(x_height: float | None, shape: tuple[int, ...], max_pixels: int) -> float:
    """Factor that brings the x-height to ~20 px when it is outside 12–25 px, capped at ``max_pixels``.

    A page already ``max_pixels`` large whose x-height asks for enlarging was measured on texture, not text (a
    3264×2448 photo of a receipt on a wooden table: the grain measured 5.8 px, the letters are 36 px): kept at that
    size, Tesseract read the grain for 6 CPU s, past the whole budget, so it is shrunk to ``UNTRUSTED_SHARE`` of it
    (1.6-2.3 CPU s, and the receipt's date read)."""
    factor = 1.0
    if x_height is not None and not UPSCALE_BELOW <= x_height <= DOWNSCALE_ABOVE:
        factor = min(TARGET_X_HEIGHT / x_height, MAX_UPSCALE)
    pixels = shape[0] * shape[1]
    if factor > 1.0 and pixels >= max_pixels:
        return float((UNTRUSTED_SHARE * max_pixels / pixels) ** 0.5)
    if pixels * factor * factor > max_pixels:
        factor = (max_pixels / pixels) ** 0.5
    return factor


def resize(image: Image, factor: float) -> Image:
    """Cubic when enlarging (sharper strokes), area averaging when shrinking (no aliasing)."""
    height, width = image.shape[:2]
    size = (max(1, math.floor(width * factor + 1e-6)), max(1, math.floor(height * factor + 1e-6)))
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return cv2.resize(image, size, interpolation=interpolation).astype(np.uint8, copy=False)
