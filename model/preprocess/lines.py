"""Bent text lines: laid straight along the paths between them.

Tesseract reads a page's lines as straight. On a curled tape they bend: a receipt's «ИНН 262809350221 ФН
9287440300774213» sagged into the line under it on the right and came out as «80935022 9.» and «…2744030774213», and
the ИНН of a 2014 receipt split over two lines; page modes 6 and 4 alike. The paths of least ink from the left edge to
the right, each free to move a row a column, run between the lines whatever their bend; laying each path level at its
median row, and the rows between two paths evenly between their levels, gives Tesseract straight lines.

Also tried: white rows inserted along each path, to part lines printed with no leading at all (a Магнит tape in bold
type, x-height 18 px on a pitch of 20, whose glyphs chain into columns across the lines and which Tesseract merged
ten lines at a time): its items then read almost word for word, but its fields no better (its fiscal block is bent
a whole line over its width), and the taller page doubled the reading's time on the other photos (0.5 → 1.1 CPU s).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from model.preprocess.enhance import Image, component_stats

Box = tuple[int, int, int, int]
"""left, top, right, bottom."""

BENT = 0.15
"""Paths between lines that stray this many glyph heights from straight (``bend``) trace bent lines, and only then is
a page straightened: the real documents' scans and screens measure 0.00, the tapes whose ИНН Tesseract broke 0.17 and
0.25; 29 of their 96 photos and scans reach it."""
BEND_COST = 1.0
"""What a path between lines pays for moving a row up or down, in ink pixels crossed: cheaper, the paths dived
through the text diagonally to the nearest clear gap; at this cost they follow a line's bend (a curled tape's lines
rise 10 px over 300) and cut a touching stroke or two instead."""
MAX_PATH_INK = 0.15
"""A path that crosses more ink than this share of the page's width runs through text, not between lines."""
PATH_GLYPH = 10.0
"""The glyph height the paths are looked for at: a page read at 20 px costs a quarter as much (with every other column
left out, an eighth: an 8 Mpx page's paths in 0.1 CPU s rather than 0.8)."""
REACH = 0.7
"""A path is one where the cost through the middle column is least within this many glyph heights: a line's pitch
is at least a glyph height, so neighbouring gaps stay apart, while a path through the middle of a row in double-height
type (a register's «ИТОГ», crossing only its letters' stems) has the clear gap above or below it within reach."""
LARGE_BLOB = 3.0
"""A component this many glyph heights wide and tall (a QR code, a logo) is no text a path must go around: it is
free to cross, or no path would part the lines beside a receipt's QR code."""


def glyph_height(grey: Image) -> float | None:
    """The median height of the page's glyph-like components (no specks, rules or hollow frames); None when there
    are none."""
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, stats = component_stats(ink)
    width, height, area = stats[1:count, cv2.CC_STAT_WIDTH], stats[1:count, cv2.CC_STAT_HEIGHT], stats[1:count, 4]
    kept = (height >= 6) & (width >= 2) & (width <= 3 * height) & (area >= 0.1 * width * height)
    return float(np.median(height[kept])) if kept.any() else None


@dataclass(frozen=True)
class StraightenedPage:
    """The page with each path between its lines (``paths``: the page's row it runs along in each column, top to
    bottom) laid level at its median row, and the rows between two paths stretched to fill what lies between them.
    ``levels`` are the rows the paths run along on ``image``."""

    image: Image
    paths: NDArray[np.int32]
    levels: NDArray[np.float32]

    def page_box(self, box: Box) -> Box:
        """A box on the straightened image as the page's, at its middle column."""
        left, top, right, bottom = box
        column = min(max((left + right) // 2, 0), self.paths.shape[1] - 1)
        on_page = _page_rows(np.array([top, bottom], np.float32), self.levels, self.paths[:, column : column + 1])
        return left, round(float(on_page[0, 0])), right, round(float(on_page[1, 0]))


def straighten_lines(grey: Image, glyph: float) -> StraightenedPage | None:
    """The page with its bent lines laid straight (``StraightenedPage``); None when the paths between its lines run
    straight (``BENT``): a flat page, which this would only cost time."""
    paths = _paths_between_lines(grey, glyph)
    if not len(paths) or bend(paths) < BENT * glyph:
        return None
    paths = np.sort(paths, axis=0)
    count = len(paths)
    medians = np.median(paths, axis=1).astype(np.float32)
    steps = np.arange(count, dtype=np.float32)
    levels: NDArray[np.float32] = (np.maximum.accumulate(medians - steps) + steps).astype(np.float32)
    rows = _page_rows(np.arange(grey.shape[0], dtype=np.float32), levels, paths)
    columns = np.broadcast_to(np.arange(grey.shape[1], dtype=np.float32), rows.shape)
    straight = cv2.remap(
        grey,
        np.ascontiguousarray(columns),
        np.ascontiguousarray(rows),
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )
    return StraightenedPage(np.asarray(straight, dtype=np.uint8), paths.astype(np.int32), levels)


def _page_rows(rows: NDArray[np.float32], levels: NDArray[np.float32], paths: NDArray[np.int32]) -> NDArray[np.float32]:
    """For each of the straightened image's ``rows`` and each column of ``paths``, the page's row it shows: between
    two paths' levels, the same share of the way between the two paths on the page; above the first and below the
    last, shifted as the nearest path is."""
    if len(levels) == 1:
        one_path: NDArray[np.float32] = (rows[:, None] - levels[0] + paths[0][None, :]).astype(np.float32)
        return one_path
    segment = np.clip(np.searchsorted(levels, rows, side="right") - 1, 0, len(levels) - 2)
    low, high = levels[segment], levels[segment + 1]
    share = ((rows - low) / np.maximum(high - low, 1.0))[:, None]
    above, below = paths[segment].astype(np.float32), paths[segment + 1].astype(np.float32)
    on_page = above + share * (below - above)
    outside = (rows < levels[0]) | (rows > levels[-1])
    nearest = np.where(rows < levels[0], 0, len(levels) - 1)
    shifted = rows[:, None] - levels[nearest][:, None] + paths[nearest].astype(np.float32)
    rows_on_page: NDArray[np.float32] = np.where(outside[:, None], shifted, on_page).astype(np.float32)
    return rows_on_page


def bend(paths: NDArray[np.int32]) -> float:
    """How far, in rows, the paths stray from straight: the 90th percentile of each one's furthest row from its own
    least-squares line."""
    columns = np.arange(paths.shape[1], dtype=np.float64)
    design = np.stack([columns, np.ones_like(columns)], 1)
    fit, *_ = np.linalg.lstsq(design, paths.T.astype(np.float64), rcond=None)
    return float(np.percentile(np.abs(paths.T - design @ fit).max(axis=0), 90))


def _paths_between_lines(grey: Image, glyph: float) -> NDArray[np.int32]:
    """The paths of least ink from the left edge to the right between the page's lines (``_paths_on``), found on the
    page shrunk to a glyph height of ``PATH_GLYPH`` (and twice as much across, where a path bends slowly) and drawn
    back onto the page's rows and columns."""
    height, width = grey.shape[:2]
    down = min(1.0, PATH_GLYPH / glyph)
    size = (max(2, round(width * down / 2)), max(2, round(height * down)))
    small = cv2.resize(grey, size, interpolation=cv2.INTER_AREA) if down < 1.0 else grey[:, ::2]
    paths = _paths_on(np.ascontiguousarray(small), glyph * size[1] / height)
    if not len(paths):
        return np.zeros((0, width), np.int32)
    columns = (np.arange(width) + 0.5) * small.shape[1] / width - 0.5
    rows = np.array([np.interp(columns, np.arange(small.shape[1]), path) for path in paths])
    on_page: NDArray[np.int32] = (
        np.round((rows + 0.5) * height / small.shape[0] - 0.5).clip(0, height - 1).astype(np.int32)
    )
    return on_page


def _paths_on(grey: Image, glyph: float) -> NDArray[np.int32]:
    """The paths of least ink from the left edge to the right, one for each least cost through the middle column
    within ``REACH`` that crosses little ink (``MAX_PATH_INK``), less those that run into one (``_distinct``)."""
    cost = _ink_cost(grey, glyph)
    width = cost.shape[1]
    middle = width // 2
    from_left, left_moves = _least_paths(cost)
    from_right, right_moves = _least_paths(np.ascontiguousarray(cost[:, ::-1]))
    through = from_left[:, middle] + from_right[:, width - 1 - middle] - cost[:, middle]
    reach = max(2, round(REACH * glyph))
    lowest = through == cv2.erode(through.reshape(-1, 1), np.ones((2 * reach + 1, 1), np.uint8)).ravel()
    rows = np.flatnonzero(lowest & (through <= MAX_PATH_INK * width))
    if not len(rows):
        return np.zeros((0, width), np.int32)
    paths = np.empty((len(rows), width), np.int32)
    paths[:, : middle + 1] = _traced(left_moves, rows, middle)
    paths[:, middle:] = _traced(right_moves, rows, width - 1 - middle)[:, ::-1]
    return _distinct(paths, glyph)


def _ink_cost(grey: Image, glyph: float) -> NDArray[np.float32]:
    """1 where the page has ink (Otsu), 0 on paper and on large blobs (``LARGE_BLOB``)."""
    _, ink = cv2.threshold(grey, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    large = np.flatnonzero(
        (stats[:, cv2.CC_STAT_WIDTH] > LARGE_BLOB * glyph) & (stats[:, cv2.CC_STAT_HEIGHT] > LARGE_BLOB * glyph)
    )
    cost = ink.astype(np.float32)
    large = large[large > 0]
    if len(large):
        cost[np.isin(labels, large)] = 0
    return cost


_MOVES = np.array([0, -1, 1], np.int8)


def _least_paths(cost: NDArray[np.float32]) -> tuple[NDArray[np.float32], NDArray[np.int8]]:
    """The least cost of a path from column 0 to each pixel, moving at most a row a column (``BEND_COST`` a row),
    and each pixel's move back: the row change to the previous column's pixel on its path."""
    height, width = cost.shape
    total = np.empty((height, width), np.float32)
    moves = np.zeros((height, width), np.int8)
    total[:, 0] = cost[:, 0]
    wall = np.float32(np.inf)
    rows = np.arange(height)
    for column in range(1, width):
        previous = total[:, column - 1]
        options = np.stack(
            [
                previous,
                np.concatenate(([wall], previous[:-1])) + BEND_COST,
                np.concatenate((previous[1:], [wall])) + BEND_COST,
            ]
        )
        choice = np.argmin(options, axis=0)
        total[:, column] = cost[:, column] + options[choice, rows]
        moves[:, column] = _MOVES[choice]
    return total, moves


def _traced(moves: NDArray[np.int8], rows: NDArray[np.intp], column: int) -> NDArray[np.int32]:
    """The paths ending at ``rows`` of ``column``, traced back to column 0: one row of columns 0..``column`` each."""
    traced = np.empty((len(rows), column + 1), np.int32)
    current = rows.astype(np.int32)
    for x in range(column, -1, -1):
        traced[:, x] = current
        current = current + moves[current, x]
    return traced


def _distinct(paths: NDArray[np.int32], glyph: float) -> NDArray[np.int32]:
    """The paths less those that run within half a glyph height of the one kept before them over a third of the
    page: more rows of one clear gap, and paths that merged into one gap."""
    kept: list[NDArray[np.int32]] = []
    near = max(1.0, glyph / 2)
    for path in paths[np.argsort(paths[:, paths.shape[1] // 2], kind="stable")]:
        if kept and (np.abs(path - kept[-1]) <= near).mean() > 1 / 3:
            continue
        kept.append(path)
    return np.array(kept, np.int32)
