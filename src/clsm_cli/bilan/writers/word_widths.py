"""The widths of a Word table's columns, from what their cells hold: each column as wide as
its text needs, within the page, the longest lines wrapped where it costs the fewest lines
(`content_widths`, read by `wordml.WordBody.table`).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from html import unescape

TABLE_POINTS = 9
"""Tables are set a point smaller than the body text, as the HTML bilan's are."""
_CM_PER_EM = TABLE_POINTS / 72 * 2.54
"""The size of the table text, in cm."""
_EMS = {
    (0.2, 0.2): "\u202f",
    (0.3, 0.4): "'IJijlîïÎÏ",
    (0.4, 0.4): ",./:;\\|’\xa0 ",
    (0.4, 0.5): "()-[]ft",
    (0.5, 0.5): "!_`r–°",
    (0.5, 0.6): '"*',
    (0.6, 0.6): "?cszç",
    (0.6, 0.7): "FLkvxyÿ",
    (0.7, 0.7): "$0123456789ETaeoàâäéèêëôöÉÈÊË€«»",
    (0.8, 0.9): "&DGHNOQUÔÙÛ",
    (0.9, 0.9): "#+<=>^~−",
    (0.9, 1.0): "Mw",
    (1.0, 1.0): "@—…",
    (1.0, 1.1): "%mæ",
    (1.0, 1.2): "W",
    (1.1, 1.2): "œŒ",
}
_WIDTHS = {char: ems for ems, chars in _EMS.items() for char in chars}
"""Characters' widths in DejaVu Sans (regular, bold), in ems rounded up; any other one is
taken as (0.7, 0.8), like most letters."""
_SPACE_CM = 0.4 * _CM_PER_EM
_CELL_PADDING_CM = 0.45
"""A cell's left and right margins, with a little to spare."""
_LONGEST_LINE_CM = 10.0
_SAMPLE = 200
"""The rows whose wrapping shares the columns' widths: enough to know the table (every
row's words count for the least widths)."""
_RUN = re.compile(r"<w:r>(.*?)</w:r>", re.S)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:(br|tab)/>")

Mesure = tuple[tuple[float, ...], ...]
"""A cell's lines (at its line breaks), each as the widths of its words, in cm."""


def measure(runs: str) -> Mesure:
    """The words of a cell's runs (see `run`), line by line, by width in cm (bold is wider).

    A word is what no ordinary space splits: `3 000 €`, with its non-breaking spaces, is one;
    a word may run over several runs (`**gras**suite`).
    """
    lines: list[tuple[float, ...]] = []
    words: list[float] = []
    word = 0.0
    for body in _RUN.findall(runs):
        bold = int("<w:b/>" in body)
        for text, tag in _TEXT.findall(body):
            if tag == "br":
                lines.append((*words, word) if word else tuple(words))
                words, word = [], 0.0
                continue
            first, *others = [""] * 2 if tag == "tab" else unescape(text).split(" ")
            word += _width(first, bold)
            for piece in others:  # each follows a space
                if word:
                    words.append(word)
                word = _width(piece, bold)
    lines.append((*words, word) if word else tuple(words))
    return tuple(lines)


@functools.lru_cache(maxsize=65536)
def _width(text: str, bold: int) -> float:
    """The width of a piece of text without ordinary spaces, in cm."""
    return sum(_WIDTHS.get(char, (0.7, 0.8))[bold] for char in text) * _CM_PER_EM


@functools.lru_cache(maxsize=65536)
def _wrap(words: tuple[float, ...], room: float) -> tuple[int, float]:
    """How many lines the words take in `room` cm, and the least room that would change
    where they break (infinite when they hold on one line)."""
    count, used, change = 1, -1.0, math.inf
    for word in words:
        if used < 0:
            used = word
        elif used + _SPACE_CM + word <= room:
            used += _SPACE_CM + word
        else:
            change = min(change, used + _SPACE_CM + word)
            count, used = count + 1, word
    return count, change


@functools.lru_cache(maxsize=65536)
def _lines(cell: Mesure, width: float) -> int:
    """How many lines a cell takes in a column `width` cm wide."""
    return sum(_wrap(words, width - _CELL_PADDING_CM)[0] for words in cell)


@functools.lru_cache(maxsize=65536)
def _unwrapping(cell: Mesure, width: float) -> float | None:
    """The least width, above `width`, at which the cell takes fewer lines; None when each
    of its lines already holds on one."""
    room = width - _CELL_PADDING_CM
    count = sum(_wrap(words, room)[0] for words in cell)
    while True:
        room = min((_wrap(words, room)[1] for words in cell), default=math.inf)
        if room == math.inf:
            return None
        if sum(_wrap(words, room)[0] for words in cell) < count:
            return room + _CELL_PADDING_CM


def _cost(lines: list[list[int]]) -> float:
    """How long a table looks: the height of its rows, then how many of its cells wrap."""
    return sum(max(row) + 0.25 * (sum(row) - len(row)) for row in lines)


def content_widths(cells: Sequence[Sequence[Mesure]], total: float) -> list[float]:
    """Column widths (cm) summing to `total`, from each cell's `measure`.

    Every column first gets its widest word, so that Word never breaks a word in two. The
    rest goes, widening after widening, to the column whose next widening shortens the
    table most for its width (its rows' heights in lines, then its cells that wrap, over
    its first rows); what no widening shortens is shared by how much each column still
    wants to hold its lines whole. When even the widest words do not fit, the widths are
    their shares of `total`.
    """
    columns = max((len(row) for row in cells), default=0)
    grid = [[*row, *[((),)] * (columns - len(row))] for row in cells[:_SAMPLE] if row]
    widths = [_CELL_PADDING_CM] * columns
    wanted = [_CELL_PADDING_CM] * columns
    for row in cells:
        for column, cell in enumerate(row):
            word = max((w for words in cell for w in words), default=0.0)
            line = max(sum(words) + _SPACE_CM * max(len(words) - 1, 0) for words in cell)
            widths[column] = max(widths[column], word + _CELL_PADDING_CM)
            wanted[column] = max(wanted[column], min(line, _LONGEST_LINE_CM) + _CELL_PADDING_CM)
    floor = sum(widths)
    if not columns or floor >= total:
        return [total * width / floor for width in widths]
    while True:
        lines = [[_lines(cell, widths[c]) for c, cell in enumerate(row)] for row in grid]
        now, left = _cost(lines), total - sum(widths)
        best: tuple[int, float] | None = None
        best_rate = 0.0
        for column in range(columns):
            targets = {_unwrapping(row[column], widths[column]) for row in grid}
            # a target no wider than the column (floats rounding) widens nothing
            wider_targets = (t for t in targets if t is not None and t > widths[column])
            for target in sorted(wider_targets)[:5]:
                if target - widths[column] > left:
                    break
                wider = [
                    [*row[:column], _lines(cells[column], target), *row[column + 1 :]]
                    for row, cells in zip(lines, grid, strict=True)
                ]
                rate = (now - _cost(wider)) / (target - widths[column])
                if rate > best_rate:
                    best, best_rate = (column, target), rate
        if best is None:
            break
        widths[best[0]] = best[1]
    left = total - sum(widths)
    missing = [max(0.0, high - width) for width, high in zip(widths, wanted, strict=True)]
    if sum(missing) >= left:
        return [width + left * m / sum(missing) for width, m in zip(widths, missing, strict=True)]
    widths = [max(width, high) for width, high in zip(widths, wanted, strict=True)]
    return [total * width / sum(widths) for width in widths]
