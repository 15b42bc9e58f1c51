"""Find the paper in a photo and flatten it: a cascade of three fast detectors on a 500 px copy, and where none finds
an outline, the paper told from its background by colour (``paper_by_colour``), or as the smooth region on a textured
ground (``paper_on_texture``), whose background is painted over.

Measured (shared/notes/ocr-preprocessing.md): classic Canny finds clean quads but fails when the paper touches
the frame; the brightest blob (Otsu, a ≥31 px closing so barcodes don't cut it, minAreaRect) catches flatbed
receipts; a "robust" Canny (text erased by a closing, thresholds from the median, the frame drawn as an edge)
catches the rest. In that order they found 30/36 real documents in 11 ms; GrabCut was better on white-on-white
but took 0.4–2.6 s. Quads under 25% of the frame or with interior angles spread over 40° are not paper, nor a
bright blob whose border is a slope of light rather than the step of a paper's edge (``MIN_BORDER_STEP``), nor a
screen's light content under its app's coloured header (``screen_bar_beyond``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from model.preprocess.enhance import Image, estimate_x_height, paper_brightness, resize, to_grey

DETECT_SIDE = 500
MIN_COVER = 0.25
MIN_BLOB_COVER = 0.1
"""A bright rectangle is trusted smaller than an edge quad: a receipt shot from arm's length covers 10–25%."""
MAX_COVER = 0.95
"""A quad this close to the whole frame is the frame itself (or a scan): nothing to crop."""

MAX_ANGLE_SPREAD = 40.0
BLOB_CLOSING = 31
SPECK = 5
"""Bright specks of background texture are opened away first, or the closing would join them to the paper."""
MIN_RECTANGULARITY = 0.8
"""Blob area over its minAreaRect area: paper is a rectangle, a merged shadow or table is not."""
BORDER_BAND = 4
MIN_BORDER_STEP = 12.0
"""Grey levels the paper must stand above what lies just outside the blob (median of a 4 px band on either side of
its border, where the border is not the frame's). Paper ends in a step; Otsu's cut through a page under uneven light
is a slope. Measured on the 500 px copy: the blobs that were paper stood 22-149 levels above their surroundings (12
real receipts, 3 corpus photos, 2 damaged renderings), the four that cut a page in two 1-16 (a corpus photo, a real
receipt filling the frame, a real receipt cut above its last lines, an invoice under a lighting gradient made by
augraphy)."""

TEXT_CLOSING = 9
REFINE_BAND = 4.0
"""How far (in px of the 500 px copy) edge pixels may lie from a side to refine it."""
REFINE_MIN_SHARE = 0.3
CANDIDATES = 5

Corners = NDArray[np.float32]


@dataclass(frozen=True)
class DocumentQuad:
    """The paper's corners in full-resolution pixels (top-left, top-right, bottom-right, bottom-left)."""

    corners: Corners
    method: str
    cover: float
    flatten: bool = True
    """False where the corners are only a rectangle around paper told by its colour (``paper_by_colour``), or the
    convex outline of paper on a texture (``paper_on_texture``): no edge to flatten along, so the background beyond
    them is painted over (``paint_beyond``) and the frame kept."""
    ground_kept_for_indra: bool = True
    """Whether Indra reads the page with the ground beyond it kept (``PreprocessOptions.background``): wood or stone,
    which its detector tells from text; not a newspaper under the page (``paper_on_print``), whose words it reads as
    well as Tesseract does and glues to the page's labels («Плательщик пресс-служба дорог спорт …»)."""


def find_document(image: Image) -> DocumentQuad | None:
    """The first detector in the cascade that returns a plausible quad, scaled back to full resolution; where none
    does, the paper told from its background by colour (``paper_by_colour``), on a texture (``paper_on_texture``) or
    on another printed page (``paper_on_print``)."""
    grey = to_grey(image)
    factor = min(1.0, DETECT_SIDE / max(grey.shape[:2]))
    small = resize(grey, factor) if factor < 1 else grey
    for method, detector in CASCADE:
        quad = detector(small)
        if quad is not None:
            quad = refine_corners(small, quad)
            if frame_drawn_on_the_page(small, quad) or screen_bar_beyond(_small_colour(image, small), quad):
                return None
            return _at_full_size(quad, method, small.size, factor)
    colour = _small_colour(image, small)
    quad = paper_by_colour(colour, small)
    if quad is not None:
        return replace(_at_full_size(quad, "paper colour", small.size, factor), flatten=False)
    quad = paper_on_texture(colour, small)
    if quad is not None:
        found = replace(_at_full_size(quad, "paper on texture", small.size, factor), flatten=False)
        return found if grains_set_the_scale(image, found.corners) else None
    quad = paper_on_print(colour, small)
    if quad is None:
        return None
    found = _at_full_size(quad, "paper on print", small.size, factor)
    return replace(found, flatten=False, ground_kept_for_indra=False)


GRAINS_SCALE = 1.5
"""Paper on a texture is painted only where the painted page's x-height is at least this many times the whole
frame's: the ground's grains were what the x-height measured (a speckled marble: 5.8 px, the receipt's letters 17),
and the page would be enlarged ×2.5 for them and read for the whole budget. Where the frame measures the letters
already (a receipt on a cork board, 5.9 px either way), painting only moved Tesseract's letters: its total
«=252.96» read 2972.00 (docs/experiments.md)."""


def grains_set_the_scale(image: Image, outline: Corners) -> bool:
    """Whether painting beyond ``outline`` (full-size) raises the x-height measured on the page by
    ``GRAINS_SCALE``."""
    frame = to_grey(image)
    painted = to_grey(paint_beyond(image, outline))
    before = estimate_x_height(frame, paper_brightness(frame))
    after = estimate_x_height(painted, paper_brightness(painted))
    return before is not None and after is not None and after >= GRAINS_SCALE * before


def _small_colour(image: Image, small: Image) -> Image:
    """The BGR copy the size of ``small``; bilinear: the closings that read colours smooth what area averaging
    would."""
    colour = image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if colour.shape[:2] != small.shape[:2]:
        colour = cv2.resize(colour, (small.shape[1], small.shape[0]), interpolation=cv2.INTER_LINEAR)
    return colour.astype(np.uint8, copy=False)


def _at_full_size(quad: Corners, method: str, frame_area: int, factor: float) -> DocumentQuad:
    cover = float(cv2.contourArea(quad)) / frame_area
    full = (quad + 0.5) / factor - 0.5
    return DocumentQuad(full.astype(np.float32), method, cover)


def paint_beyond(image: Image, corners: Corners) -> Image:
    """The image with everything beyond the corners painted the paper's colour (the median within them), where
    wood, a floor or a hand would be read as text and measured as letters. The frame keeps its size and every pixel
    of the paper: cropping to the corners instead moved Tesseract's letters both ways (docs/experiments.md)."""
    paper = np.zeros(image.shape[:2], np.uint8)
    cv2.fillConvexPoly(paper, np.round(corners).astype(np.int32), 255)
    painted = image.copy()
    colour = np.median(image[paper > 0][::PAPER_SAMPLE], axis=0)
    painted[paper == 0] = np.round(colour).astype(np.uint8)
    return painted


INK_KERNEL = 9
INK_CONTRAST = 40
"""A stroke of ink on the 500 px copy: at least this many grey levels darker than a 9 px closing of its
surroundings (a black-hat), which a smooth background, light or dark, never is."""
FRAME_MARGIN = 13
MAX_INK_OUTSIDE = 0.05
"""The share of the page's ink beyond a quad (and a 6 px margin) above which the quad is a frame printed on the
page, not the paper: cropping to it can only lose the text beyond it. Measured: ПД-4 forms framed on a plain page and
photos of paper 0-0.005; a scanned «СЧЕТ-ФАКТУРА» whose goods table is the largest rectangle 0.5; a tax payment
document's table under its notice's line «Налоговое уведомление № … от …» (the document's date) 0.27
(bench/layouts r5_invoice_01); bank receipts' tables with the bank's name and the operation's date above and the
bank's stamp «… ИСПОЛНЕНО 26.01.2026» below 0.11-0.17 (bench/layouts transfer_02/06/10, r2_transfer_02/06/10,
r3_transfer_05). At 0.3 those eight were cropped to their tables: three r2 transfers and the tax document lost their
only date; read whole, with the stamp's block told from the receipt's rows above it (``fields.issuer_bank_lines``),
the eight keep every value they had and those four gain their date."""


def frame_drawn_on_the_page(small: Image, quad: Corners) -> bool:
    """A rectangle printed on the paper (a table's or a form's outer rule) rather than the paper's edge: no step
    of brightness down to a background (the page goes on, as light, beyond it) and the page's text goes on beyond it
    too. Cropping to it would cut off the header above the table; a form whose frame holds all its text is cropped
    as before."""
    step = border_step(small, quad)
    if step is None or step >= 0:
        return False
    ink = ink_around(small, quad)
    total = ink.beyond + ink.within
    return total > 0 and ink.beyond / total > MAX_INK_OUTSIDE


@dataclass(frozen=True)
class InkAround:
    """Pixels of ink (strokes ``INK_CONTRAST`` levels under a 9 px closing, a black-hat) beyond a quad and a 6 px
    margin, within it, and in the whole image (the margin's too)."""

    beyond: int
    within: int
    total: int


def ink_around(small: Image, quad: Corners, ignore: NDArray[np.bool_] | None = None) -> InkAround:
    """Where the 500 px copy's ink lies around a quad: what cropping to it, or painting beyond it, would lose. Ink
    where ``ignore`` is set counts beyond the quad as none (a textured ground's grain)."""
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (INK_KERNEL, INK_KERNEL))
    ink = cv2.morphologyEx(small, cv2.MORPH_BLACKHAT, kernel) > INK_CONTRAST
    inside = np.zeros(small.shape[:2], np.uint8)
    cv2.fillConvexPoly(inside, np.round(quad).astype(np.int32), 255)
    beyond = ink & (cv2.dilate(inside, np.ones((FRAME_MARGIN, FRAME_MARGIN), np.uint8)) == 0)
    if ignore is not None:
        beyond &= ~ignore
    return InkAround(int(beyond.sum()), int((ink & (inside > 0)).sum()), int(ink.sum()))


def refine_corners(small: Image, quad: Corners) -> Corners:
    """Re-fit each side to the paper's edge pixels near it and intersect the lines.

    approxPolyDP puts corners on contour vertices, which a bump of background texture can pull 20 px off; fitting
    lines to the middle 80% of each side lifts the quad's IoU from 0.98–0.99 to 0.995 on synthetic photos.
    """
    edges = _edges_without_text(small, 50, 150)
    ys, xs = np.nonzero(edges)
    points = np.stack([xs, ys], axis=1).astype(np.float32)
    lines = [_fit_side(points, quad[i], quad[(i + 1) % 4]) for i in range(4)]
    refined = []
    for i in range(4):
        corner = _intersect(lines[i - 1], lines[i])
        if corner is None:
            return quad
        refined.append(corner)
    result = np.array(refined, dtype=np.float32)
    moved = float(np.abs(result - quad).max())
    return result if moved <= 2 * REFINE_BAND and _plausible(result, float(small.size), 0.0) else quad


Line = tuple[NDArray[np.float64], NDArray[np.float64]]


def _fit_side(points: NDArray[np.float32], start: Corners, end: Corners, band: float = REFINE_BAND) -> Line:
    """The line through the edge pixels within ``band`` px of a side; the side itself when too few."""
    direction = (end - start).astype(np.float64)
    length = float(np.linalg.norm(direction))
    if length == 0:
        return start.astype(np.float64), direction
    along, normal = direction / length, np.array([-direction[1], direction[0]]) / length
    offsets = points - start
    t, distance = offsets @ along, offsets @ normal
    near = (np.abs(distance) <= band) & (t > 0.1 * length) & (t < 0.9 * length)
    if near.sum() < REFINE_MIN_SHARE * length:
        return start.astype(np.float64), direction
    vx, vy, x0, y0 = cv2.fitLine(points[near], cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    return np.array([x0, y0], dtype=np.float64), np.array([vx, vy], dtype=np.float64)


def _intersect(first: Line, second: Line) -> NDArray[np.float64] | None:
    (p1, d1), (p2, d2) = first, second
    matrix = np.array([d1, -d2]).T
    if abs(float(np.linalg.det(matrix))) < 1e-9:
        return None
    s, _ = np.linalg.solve(matrix, p2 - p1)
    corner: NDArray[np.float64] = p1 + s * d1
    return corner


def warp_to_rectangle(image: Image, corners: Corners) -> tuple[Image, NDArray[np.float64]]:
    """Perspective-correct the quad to an upright rectangle as wide and tall as its longer opposite sides; the
    rectangle and the 3×3 matrix that maps the image's pixels onto it."""
    top_left, top_right, bottom_right, bottom_left = corners
    width = max(1, round(max(_distance(top_left, top_right), _distance(bottom_left, bottom_right))))
    height = max(1, round(max(_distance(top_left, bottom_left), _distance(top_right, bottom_right))))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    warped = cv2.warpPerspective(
        image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    ).astype(np.uint8, copy=False)
    return warped, np.asarray(matrix, dtype=np.float64)


def _distance(a: Corners, b: Corners) -> float:
    return float(np.linalg.norm(a - b))


def order_corners(points: NDArray[Any]) -> Corners:
    """Clockwise from the corner nearest the image origin, whatever order the contour gave."""
    points = points.reshape(4, 2).astype(np.float32)
    centre = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
    clockwise = points[np.argsort(angles)]
    start = int(np.argmin(clockwise.sum(axis=1)))
    return np.roll(clockwise, -start, axis=0)


def angle_spread(corners: Corners) -> float:
    """Largest minus smallest interior angle in degrees: 0 for a rectangle."""
    angles = []
    for i in range(4):
        before, at, after = corners[i - 1], corners[i], corners[(i + 1) % 4]
        a, b = before - at, after - at
        cosine = float(np.dot(a, b) / max(float(np.linalg.norm(a) * np.linalg.norm(b)), 1e-9))
        angles.append(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))))
    return float(max(angles) - min(angles))


def _plausible(quad: Corners, frame_area: float, min_cover: float) -> bool:
    cover = float(cv2.contourArea(quad)) / frame_area
    return (
        min_cover <= cover <= MAX_COVER
        and cv2.isContourConvex(quad.reshape(-1, 1, 2))
        and angle_spread(quad) <= MAX_ANGLE_SPREAD
    )


def _largest_quad(contours: Sequence[NDArray[Any]], frame_area: float) -> Corners | None:
    """The largest of the biggest contours that simplifies to a plausible four-cornered polygon."""
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:CANDIDATES]:
        polygon = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
        if len(polygon) == 4:
            quad = order_corners(polygon)
            if _plausible(quad, frame_area, MIN_COVER):
                return quad
    return None


def classic_canny(small: Image) -> Corners | None:
    """The textbook scanner: blur, Canny 75/200, first four-point contour."""
    edges = cv2.Canny(cv2.GaussianBlur(small, (5, 5), 0), 75, 200)
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    return _largest_quad(contours, float(small.size))


def bright_blob(small: Image) -> Corners | None:
    """The largest bright region after Otsu, closed over barcodes and text, if it is rectangular."""
    _, bright = cv2.threshold(cv2.GaussianBlur(small, (5, 5), 0), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, np.ones((SPECK, SPECK), np.uint8))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (BLOB_CLOSING, BLOB_CLOSING))
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, kernel)
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    blob = max(contours, key=cv2.contourArea)
    rect = cv2.minAreaRect(blob)
    rect_area = rect[1][0] * rect[1][1]
    if rect_area <= 0 or cv2.contourArea(blob) / rect_area < MIN_RECTANGULARITY:
        return None
    hull = cv2.convexHull(blob)
    polygon = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    quad = order_corners(polygon if len(polygon) == 4 else cv2.boxPoints(rect))
    if not _plausible(quad, float(small.size), MIN_BLOB_COVER):
        return None
    step = border_step(small, quad)
    return quad if step is None or step >= MIN_BORDER_STEP else None


def border_step(small: Image, quad: Corners) -> float | None:
    """How much brighter the quad is just inside its border than just outside (median grey levels of a
    ``BORDER_BAND`` px band each side); ``None`` when the quad fills the frame and no outside is left to compare."""
    inside = np.zeros(small.shape[:2], np.uint8)
    cv2.fillConvexPoly(inside, np.round(quad).astype(np.int32), 255)
    kernel = np.ones((2 * BORDER_BAND + 1, 2 * BORDER_BAND + 1), np.uint8)
    inner = (inside > 0) & (cv2.erode(inside, kernel) == 0)
    outer = (cv2.dilate(inside, kernel) > 0) & (inside == 0)
    if outer.sum() < 10 * BORDER_BAND * BORDER_BAND:
        return None
    smooth = cv2.GaussianBlur(small, (5, 5), 0)
    return float(np.median(smooth[inner])) - float(np.median(smooth[outer]))


def _edges_without_text(small: Image, low: float | None = None, high: float | None = None) -> Image:
    """Canny after a closing has erased dark text from the paper; thresholds from the median unless given."""
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (TEXT_CLOSING, TEXT_CLOSING))
    smooth = cv2.GaussianBlur(cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel), (5, 5), 0)
    median = float(np.median(smooth))
    low = max(0.0, 0.67 * median) if low is None else low
    high = min(255.0, 1.33 * median) if high is None else high
    return cv2.Canny(smooth, low, high).astype(np.uint8, copy=False)


def robust_canny(small: Image) -> Corners | None:
    """Canny on the paper with its text closed away, thresholds from the median, the frame as an edge."""
    edges = _edges_without_text(small)
    cv2.rectangle(edges, (0, 0), (edges.shape[1] - 1, edges.shape[0] - 1), 255, 1)
    closed = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(closed, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    return _largest_quad(contours, float(small.size))


PAPER_CLOSING = 9
"""Dark strokes this thin are closed away before the paper's colour is read: text is not background."""
MIN_PAPER_SEPARATION = 40.0
"""Levels of paperness (value minus saturation) by which the paper's median must stand above the background's
(beyond a 4 px margin around it). Measured on the real photos the cascade found nothing in: receipts on wood, a dark
folder, a trolley, a steel table 75-194; a page lit unevenly, split by Otsu into a bright and a dim part of the
same paper, 7-24 (a screenshot's grey bar 23)."""
MIN_PAPER_SOLIDITY = 0.75
"""Paper area over its convex hull's: a receipt held in a hand or curled stays above (0.77-0.97 measured); Otsu's
cut through a page or a background's bright patches joined to it fall below (0.59-0.73)."""
MAX_PAPER_COVER = 0.9
"""Paper (or its rotated bounding rectangle) covering more of the frame is the frame: a scan, a screenshot, a photo
filling it, or a table's bright patch joined to the paper (a steel table)."""
SHADE_RING = (2, 12)
SHADE_SATURATION = 25
SHADE_BRIGHTNESS = 0.4
MAX_SHADED_PAPER_AROUND = 0.3
"""Where more of the ring around the region looks like the paper in shade, the region may be only the lit part of a
page (Otsu's cut along a shadow or a faded stretch), and the page would be cut. Measured on the 500 px copy: the
receipts on wood, a dark folder, a hand, a trolley, stone, a tablecloth 0.02-0.20; the pages of the synthetic
corpus, the layouts and the damaged pages that a shadow or fading split 0.48-1.00; two bills on a white cloth and a
pale table 0.97-1.00 (colour cannot part them: left whole)."""
EDGE_SNAP = 12
PAPER_SAMPLE = 16
"""Every 16th pixel of the paper is enough for its median colour."""
MAX_TEXT_CUT = 0.05
"""The share of the frame's ink (``INK_CONTRAST`` black-hat) that may lie beyond the rectangle (and a 6 px margin),
where it would be painted over: more, and it may be text (shadowed paper, a screen's header) or the background is
not plain. Measured: 0.001-0.054 on the photos it keeps; a jeans background 0.55, a cork board 0.17."""


def paper_by_colour(small: Image, grey: Image) -> Corners | None:
    """The paper as the largest region brighter and less saturated than its background, once the text is closed
    away: a receipt on wood, a folder, a trolley or a hand, whose outline is no clean quadrilateral (curled, held,
    its edge lost in shadow). Its rotated bounding rectangle, when the paper stands clearly apart, covers under
    ``MAX_PAPER_COVER`` of the frame, and leaves no text outside; None where unsure (the photo is read whole).
    ``small`` in BGR, ``grey`` the same in grey."""
    hue_saturation_value, paperness, bright = _paperness(small)
    paper = cv2.morphologyEx(bright, cv2.MORPH_OPEN, np.ones((SPECK, SPECK), np.uint8)).astype(np.uint8, copy=False)
    blob = _largest_paper_like(paper, paperness)
    if blob is None or shaded_paper_around(hue_saturation_value, blob) > MAX_SHADED_PAPER_AROUND:
        return None
    quad = _rectangle_around(blob, paperness.shape)
    return quad if quad is not None and text_cut_off(grey, quad) <= MAX_TEXT_CUT else None


def _paperness(small: Image) -> tuple[Image, Image, Image]:
    """The 500 px copy's colours once its text is closed away (HSV), their paperness (value minus saturation,
    smoothed), and Otsu's mask of the brighter side of it."""
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (PAPER_CLOSING,) * 2))
    hue_saturation_value = cv2.cvtColor(closed, cv2.COLOR_BGR2HSV).astype(np.uint8, copy=False)
    brightness_less_saturation = cv2.subtract(hue_saturation_value[..., 2], hue_saturation_value[..., 1])
    paperness: Image = cv2.GaussianBlur(brightness_less_saturation, (5, 5), 0).astype(np.uint8, copy=False)
    _, bright = cv2.threshold(paperness, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return hue_saturation_value, paperness, bright.astype(np.uint8, copy=False)


def _largest_paper_like(paper: Image, paperness: Image) -> NDArray[Any] | None:
    """The largest region of the mask ``paper`` when it covers a plausible share of the frame, is solid, and stands
    apart from the rest in paperness."""
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    blob = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(blob)
    if not MIN_BLOB_COVER <= area / paperness.size <= MAX_PAPER_COVER:
        return None
    if area < MIN_PAPER_SOLIDITY * cv2.contourArea(cv2.convexHull(blob)):
        return None
    if paper_separation(paperness, blob) < MIN_PAPER_SEPARATION:
        return None
    return blob


def _rectangle_around(blob: NDArray[Any], shape: tuple[int, ...]) -> Corners | None:
    """The region's rotated bounding rectangle (``to_frame_edges``), unless it covers nearly the whole frame."""
    quad = to_frame_edges(order_corners(cv2.boxPoints(cv2.minAreaRect(blob))), shape)
    return None if cv2.contourArea(quad) > MAX_PAPER_COVER * shape[0] * shape[1] else quad


TEXTURE_WINDOW = 7
TEXTURE_SPREAD = 4.0
"""Paperness (of the closed copy) varying by this standard deviation or more over 7 px is a textured ground: stone,
cork, a patterned cloth. The paper, its text closed away, varies under 2 but at its edge."""
TEXTURE_OPENING = 25
"""The smooth bright pixels are opened by a disc this wide (of the 500 px copy), which cuts the stone's veins from
the paper they touch."""
TEXTURE_EDGE = 7.0
"""The paper's own edge is a step that the spread's window (and the 5 px blur before it) sees about 5 px inside, and
7 at a corner, where two edges meet: the smooth region's outline is grown by as much to reach the paper's edge."""
TEXTURE_NEAR = 15
"""Ink within this many px of textured ground is the texture's grain, not text that painting would lose."""
MIN_TEXTURED_RING = 0.4
"""The share of a ring 6-12 px beyond the smooth region that must be textured: the region ends where a textured
ground begins, not where its own paper goes on into shade (a page split by a shadow is smooth on both sides)."""
MIN_TEXTURED_BEYOND = 0.35
"""The share of the frame beyond the outline (and a 12 px margin) that must be textured: the ground is a texture
throughout, not a plain table or a wall with an edge or a line of letters along the region. Measured on the 500 px
copy of the 727 pages surveyed (the real documents' images, the corpus, the layouts, the damaged pages, the
screenshots) whose smooth region passed the tests before it: a speckled marble 0.39, a cork board 0.68, jeans 0.54
(found); the layouts' photos on wood or a wall 0.09-0.31, real receipts on a wall, a steel table, a folder, a counter
0.21-0.27 (left whole). Found, the stone is painted only where its grains set the scale (``grains_set_the_scale``)."""


def paper_on_texture(small: Image, grey: Image) -> Corners | None:
    """The paper as the largest smooth bright region, on a textured ground whose pale streaks join the paper in
    Otsu's paperness mask and whose grains read as ink, where ``paper_by_colour`` refuses it (a receipt on speckled
    marble: its veins joined the paper, 61-77% of the ring around looked like paper in shade, 14-39% of the frame's
    ink lay beyond it). The region must end at texture (``MIN_TEXTURED_RING``), the ground be textured
    (``MIN_TEXTURED_BEYOND``), and the ink beyond it away from texture stay under ``MAX_TEXT_CUT``; its convex
    outline, or None. ``small`` in BGR, ``grey`` the same in grey."""
    _, paperness, bright = _paperness(small)
    textured = (local_spread(paperness, TEXTURE_WINDOW) >= TEXTURE_SPREAD).astype(np.uint8)
    smooth = cv2.bitwise_and(bright, bright, mask=1 - textured).astype(np.uint8, copy=False)
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (TEXTURE_OPENING, TEXTURE_OPENING)).astype(np.uint8)
    blob = _largest_paper_like(cv2.morphologyEx(smooth, cv2.MORPH_OPEN, disc).astype(np.uint8, copy=False), paperness)
    if blob is None:
        return None
    half = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (TEXTURE_OPENING // 2 | 1,) * 2).astype(np.uint8)
    blob = _with_corners_back(blob, smooth, half)
    if _textured_around(textured, blob) < MIN_TEXTURED_RING:
        return None
    quad = _outline_around(blob, paperness.shape, TEXTURE_EDGE)
    if quad is None or _textured_beyond(textured, quad) < MIN_TEXTURED_BEYOND:
        return None
    grain = cv2.dilate(textured, np.ones((TEXTURE_NEAR, TEXTURE_NEAR), np.uint8)) > 0
    return quad if text_cut_off(grey, quad, ignore=grain) <= MAX_TEXT_CUT else None


PRINT_PAPER_LEVELS = 15
"""Paperness within this many levels of the frame's brightest (its 99th percentile) is the page's own white: a
newspaper's greyer paper, its small print closed away, stood 27-49 levels under it on the layouts' photos (round 12),
and a soft shadow on the page falls out of it too, which the page's rotated rectangle spans again."""
MIN_PRINT_PAPER_COVER = 0.3
MIN_PRINT_PAPER_FILL = 0.55
"""The page's white covers at least this share of the frame and of its own rotated rectangle (a shadow's bite out of
it: 0.59-0.95 measured on the newspaper photos, whose pages covered 0.37-0.69 of the frame)."""
MIN_PRINT_SEPARATION = 20.0
MIN_PRINTED_INK = 0.12
MIN_PRINTED_SHARE = 0.7
PRINTED_WINDOW = 25
PRINTED_DENSITY = 0.03
MAX_PRINTED_TEXTURE = 0.2
"""The ground beyond the page's rectangle is print: ink (``INK_CONTRAST`` black-hat) on at least ``MIN_PRINTED_INK``
of it, spread over at least ``MIN_PRINTED_SHARE`` of it (25 px windows of the 500 px copy at least 3% ink), yet
smooth once its small letters are closed away (textured, ``TEXTURE_SPREAD``, on at most ``MAX_PRINTED_TEXTURE``).
Measured on the 500 px copy of every page the detectors before it leave (407 layouts, 124 real documents and corpus
pages): the round 12 pages on an open newspaper 0.16-0.26 ink over 0.78-0.95 of the ground, textured 0.00-0.13; a
real receipt on a cork board 0.16 and 0.81 but textured 0.31 (its grains, left whole: ``grains_set_the_scale``);
every other page under 0.12 ink or 0.3 cover."""


def paper_on_print(small: Image, grey: Image) -> Corners | None:
    """The page lying on another printed page (an open newspaper): its white, brighter than the newspaper's grey
    paper, and the rotated rectangle around it, whose ground beyond is print throughout (``MIN_PRINTED_INK``). The
    newspaper's words, read beside the page's labels and values, would glue to them, and its columns break the
    page's lines apart; None where unsure (the photo is read whole). ``small`` in BGR, ``grey`` the same in grey."""
    _, paperness, _ = _paperness(small)
    top = float(np.percentile(paperness, 99))
    white = (paperness >= top - PRINT_PAPER_LEVELS).astype(np.uint8)
    white = cv2.morphologyEx(white, cv2.MORPH_OPEN, np.ones((SPECK, SPECK), np.uint8)).astype(np.uint8, copy=False)
    contours, _ = cv2.findContours(white, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    blob = max(contours, key=cv2.contourArea)
    area, rect = cv2.contourArea(blob), cv2.minAreaRect(blob)
    if area < MIN_PRINT_PAPER_COVER * paperness.size or area < MIN_PRINT_PAPER_FILL * rect[1][0] * rect[1][1]:
        return None
    if paper_separation(paperness, blob) < MIN_PRINT_SEPARATION:
        return None
    quad = _rectangle_around(blob, paperness.shape)
    if quad is None or not _printed_beyond(grey, paperness, quad):
        return None
    return to_frame_edges(_sides_along(blob, order_corners(cv2.boxPoints(rect))), paperness.shape)


PAPER_SIDE_BAND = 25.0
"""How far (px of the 500 px copy) the page's outline may lie inside a side of its rotated rectangle and still be
fitted as that side: a page shot at an angle is a trapezoid, and its rectangle left strips of the newspaper (19-20 px
at most on round 12's photos) whose words OCR glued to the values beside them («Модульбанк» read «Е Модульбанк»)."""
MIN_WHITE_KEPT = 0.99


def _sides_along(blob: NDArray[Any], rect: Corners) -> Corners:
    """The page's own sides: each side of its rotated rectangle re-fitted (Huber) to the outline of its white within
    ``PAPER_SIDE_BAND``; the rectangle itself unless the fitted quad is plausible and keeps ``MIN_WHITE_KEPT`` of the
    white (a shadow's edge taken for a side would cut the page)."""
    points = blob.reshape(-1, 2).astype(np.float32)
    lines = [_fit_side(points, rect[i], rect[(i + 1) % 4], PAPER_SIDE_BAND) for i in range(4)]
    corners = [_intersect(lines[i - 1], lines[i]) for i in range(4)]
    if any(corner is None for corner in corners):
        return rect
    quad = np.array(corners, dtype=np.float32)
    if not cv2.isContourConvex(quad.reshape(-1, 1, 2)) or angle_spread(quad) > MAX_ANGLE_SPREAD:
        return rect
    frame = np.ceil(np.maximum(points.max(axis=0), quad.max(axis=0)) + 2).astype(int)
    white, kept = np.zeros((frame[1], frame[0]), np.uint8), np.zeros((frame[1], frame[0]), np.uint8)
    cv2.drawContours(white, [blob], -1, 1, cv2.FILLED)
    cv2.fillConvexPoly(kept, np.round(np.maximum(quad, 0)).astype(np.int32), 1)
    return quad if (white & kept).sum() >= MIN_WHITE_KEPT * white.sum() else rect


def _printed_beyond(grey: Image, paperness: Image, quad: Corners) -> bool:
    """Whether the ground beyond ``quad`` (and a ``FRAME_MARGIN`` px margin) is print: inked throughout, smooth once
    its letters are closed away."""
    inside = np.zeros(grey.shape[:2], np.uint8)
    cv2.fillConvexPoly(inside, np.round(quad).astype(np.int32), 255)
    beyond = cv2.dilate(inside, np.ones((FRAME_MARGIN, FRAME_MARGIN), np.uint8)) == 0
    if not beyond.any():
        return False
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (INK_KERNEL, INK_KERNEL))
    ink = (cv2.morphologyEx(grey, cv2.MORPH_BLACKHAT, kernel) > INK_CONTRAST).astype(np.float32)
    inked = cv2.blur(ink, (PRINTED_WINDOW, PRINTED_WINDOW)) >= PRINTED_DENSITY
    textured = local_spread(paperness, TEXTURE_WINDOW) >= TEXTURE_SPREAD
    return (
        float(ink[beyond].mean()) >= MIN_PRINTED_INK
        and float(inked[beyond].mean()) >= MIN_PRINTED_SHARE
        and float(textured[beyond].mean()) <= MAX_PRINTED_TEXTURE
    )


def _with_corners_back(blob: NDArray[Any], smooth: Image, disc: Image) -> NDArray[Any]:
    """The opened region grown back by the opening's disc within the smooth pixels: the paper's corners, which the
    disc rounded off (about 5 px of the 500 px copy), and no more than stubs of the veins it cut."""
    inside = np.zeros(smooth.shape[:2], np.uint8)
    cv2.drawContours(inside, [blob], -1, 255, cv2.FILLED)
    regrown = cv2.bitwise_and(cv2.dilate(inside, disc), smooth)
    contours, _ = cv2.findContours(regrown, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return max(contours, key=cv2.contourArea) if contours else blob


def _outline_around(blob: NDArray[Any], shape: tuple[int, ...], margin: float) -> Corners | None:
    """The region's convex outline grown by ``margin`` px (``to_frame_edges``), unless it covers nearly the whole
    frame. Not its rectangle: a curled receipt's rectangle takes in the stone beyond its bowed sides and corners,
    whose grains alone still measured a 5.6 px x-height on the real marble photo."""
    inside = np.zeros(shape[:2], np.uint8)
    cv2.drawContours(inside, [blob], -1, 255, cv2.FILLED)
    side = 2 * round(margin) + 1
    grown = cv2.dilate(inside, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side)))
    contours, _ = cv2.findContours(grown, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    hull = cv2.convexHull(max(contours, key=cv2.contourArea)).reshape(-1, 2).astype(np.float32)
    outline = to_frame_edges(hull, shape)
    return None if cv2.contourArea(outline) > MAX_PAPER_COVER * shape[0] * shape[1] else outline


def local_spread(image: Image, window: int) -> NDArray[np.float32]:
    """The standard deviation of ``image`` over a ``window``-px square around each pixel."""
    values = image.astype(np.float32)
    mean = cv2.blur(values, (window, window))
    square = cv2.blur(values * values, (window, window))
    spread: NDArray[np.float32] = np.sqrt(np.maximum(square - mean * mean, 0))
    return spread


def _textured_beyond(textured: Image, quad: Corners) -> float:
    """The share of textured pixels beyond the rectangle and a 12 px margin; 0 where nothing lies beyond."""
    inside = np.zeros(textured.shape[:2], np.uint8)
    cv2.fillConvexPoly(inside, np.round(quad).astype(np.int32), 255)
    beyond = cv2.dilate(inside, np.ones((25, 25), np.uint8)) == 0
    return float(textured[beyond].mean()) if beyond.any() else 0.0


def _textured_around(textured: Image, blob: NDArray[Any]) -> float:
    """The share of textured pixels in a ring 6-12 px beyond the region."""
    inside = np.zeros(textured.shape[:2], np.uint8)
    cv2.drawContours(inside, [blob], -1, 255, cv2.FILLED)
    far, near = cv2.dilate(inside, np.ones((25, 25), np.uint8)), cv2.dilate(inside, np.ones((13, 13), np.uint8))
    ring = (far > 0) & (near == 0)
    return float(textured[ring].mean()) if ring.any() else 0.0


def to_frame_edges(quad: Corners, shape: tuple[int, ...]) -> Corners:
    """Corners within ``EDGE_SNAP`` px inside the frame's edge moved just beyond it: paper that runs to the frame
    goes on beyond it, and a line of text along that edge would be painted over by a rectangle fitted a few pixels
    in."""
    snapped = quad.copy()
    for axis, last in ((0, shape[1] - 1), (1, shape[0] - 1)):
        values = snapped[:, axis]
        values[(values >= 0) & (values < EDGE_SNAP)] = -1
        values[(values <= last) & (values > last - EDGE_SNAP)] = last + 1
    return snapped


def paper_separation(paperness: Image, blob: NDArray[Any]) -> float:
    """Median paperness inside the region minus that beyond a ``BORDER_BAND`` px margin around it."""
    inside = np.zeros(paperness.shape[:2], np.uint8)
    cv2.drawContours(inside, [blob], -1, 255, cv2.FILLED)
    kernel = np.ones((2 * BORDER_BAND + 1, 2 * BORDER_BAND + 1), np.uint8)
    beyond = cv2.dilate(inside, kernel) == 0
    if not beyond.any():
        return 0.0
    return float(np.median(paperness[inside > 0])) - float(np.median(paperness[beyond]))


def shaded_paper_around(hue_saturation_value: Image, blob: NDArray[Any]) -> float:
    """The share of a ring ``SHADE_RING`` px beyond the region that has the paper's colour in shade: saturated at
    most ``SHADE_SATURATION`` more than the paper's median, and at least ``SHADE_BRIGHTNESS`` of its brightness."""
    inside = np.zeros(hue_saturation_value.shape[:2], np.uint8)
    cv2.drawContours(inside, [blob], -1, 255, cv2.FILLED)
    near, far = SHADE_RING
    ring = (cv2.dilate(inside, np.ones((2 * far + 1,) * 2, np.uint8)) > 0) & (
        cv2.dilate(inside, np.ones((2 * near + 1,) * 2, np.uint8)) == 0
    )
    if not ring.any():
        return 0.0
    saturation = hue_saturation_value[..., 1].astype(np.int16)
    value = hue_saturation_value[..., 2].astype(np.int16)
    paper_saturation = float(np.median(saturation[inside > 0]))
    paper_value = float(np.median(value[inside > 0]))
    shaded = (saturation[ring] <= paper_saturation + SHADE_SATURATION) & (value[ring] >= SHADE_BRIGHTNESS * paper_value)
    return float(shaded.mean())


def text_cut_off(small: Image, quad: Corners, ignore: NDArray[np.bool_] | None = None) -> float:
    """The share of the page's ink beyond the quad and a margin (``ink_around``): 0 when painting beyond it keeps
    all the text."""
    ink = ink_around(small, quad, ignore)
    return ink.beyond / ink.total if ink.total else 0.0


BAR_SATURATION = 90
BAR_BRIGHTNESS = 60
BAR_SHARE = 0.8
"""A screen's coloured bar on the 500 px copy: rows at least this share of whose width is one saturated ground (an
app's header or button: saturation ``BAR_SATURATION``, brightness ``BAR_BRIGHTNESS`` once a 9 px closing has filled
its letters)."""
MIN_BAR_ROWS = 8
LIGHT_TEXT_SATURATION = 60
LIGHT_TEXT_BRIGHTNESS = 180
MIN_BAR_TEXT = 0.01
"""A bar beyond the quad counts when it is at least 8 rows of the 500 px copy and 1% of its pixels are light and
unsaturated (white letters, icons). Measured on every page whose cascade finds a quad (736 pages: the real image
pages, the corpus, the layouts, the damaged pages, the app's screenshots): it fires on the real Сбер screen («Перевод
выполнен» on green, cropped at 0.89 by the bright blob) and the corpus's two ВТБ screens so cropped («Перевод по СБП»,
«Платёж по реквизитам» on blue) and the damaged copy of one; on none of the viewers' dark chrome (Альфа, QIWI, Тинькофф
screens keep their crop). 0.8 ms a page where the cascade found a quad."""


def screen_bar_beyond(small: Image, quad: Corners) -> bool:
    """A bar of one saturated colour across the frame, carrying light text, above or below the quad: the quad is a
    screen's light content under its app's header (a bank's green «Перевод выполнен»), not a paper on a background,
    and cropping to it would lose the header's words. ``small`` in BGR."""
    hue_saturation_value = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    kernel = np.ones((PAPER_CLOSING, PAPER_CLOSING), np.uint8)
    closed = cv2.morphologyEx(hue_saturation_value, cv2.MORPH_CLOSE, kernel)
    opened_value = cv2.morphologyEx(hue_saturation_value[..., 2], cv2.MORPH_OPEN, kernel)
    ground = (closed[..., 1] >= BAR_SATURATION) & (opened_value >= BAR_BRIGHTNESS)
    bar_rows = ground.mean(axis=1) >= BAR_SHARE
    top, bottom = float(quad[:, 1].min()), float(quad[:, 1].max())
    rows = np.arange(small.shape[0])
    light = (hue_saturation_value[..., 1] <= LIGHT_TEXT_SATURATION) & (
        hue_saturation_value[..., 2] >= LIGHT_TEXT_BRIGHTNESS
    )
    for beyond in (bar_rows & (rows < top), bar_rows & (rows > bottom)):
        if beyond.sum() >= MIN_BAR_ROWS and (light[beyond] & ground[beyond]).mean() >= MIN_BAR_TEXT:
            return True
    return False


Detector = Callable[[Image], Corners | None]
CASCADE: tuple[tuple[str, Detector], ...] = (
    ("classic Canny", classic_canny),
    ("bright blob", bright_blob),
    ("robust Canny", robust_canny),
)
"""Each takes the grey 500 px copy and returns corners on it; the first plausible answer wins."""
