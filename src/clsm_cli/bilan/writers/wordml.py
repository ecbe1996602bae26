"""Word body content written as WordprocessingML.

`WordBody` appends paragraphs and whole tables to a python-docx document as XML built
here, rather than through python-docx's objects: python-docx looks a style up by scanning
every style of the document at each paragraph, and builds tables cell by cell, which took
seconds for a plan of a few thousand actions. The XML is what python-docx itself writes.

A large block (a table of thousands of rows) is not even parsed: the body holds a comment
in its place, and the block's text replaces the comment when the document is saved. Parsing
the tables, serializing them back and python-docx's scan of the whole body for each picture
took ~1 s of an evaluation of 2,000 actions.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection, Sequence
from html import unescape
from typing import Any

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MONO = '<w:rFonts w:ascii="DejaVu Sans Mono" w:hAnsi="DejaVu Sans Mono"/>'
_EMU_PER_CM, _EMU_PER_TWIP = 360000, 635
_A4_WIDTH_EMU, _A4_TEXT_EMU = 21 * _EMU_PER_CM, 17 * _EMU_PER_CM
"""A4 and its width inside 2 cm margins: for a page setup that does not say its size."""

# Characters XML 1.0 cannot carry even escaped (C0 controls but tab, LF and CR; surrogates;
# U+FFFE, U+FFFF) become U+FFFD; the markup characters are escaped.
_ILLEGAL = [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
_LEGAL = str.maketrans(dict.fromkeys(_ILLEGAL, "\ufffd"))
_ESCAPED = str.maketrans(
    {**dict.fromkeys(_ILLEGAL, "\ufffd"), "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
)
_BREAKS = re.compile(r"([\t\r\n])")
_SPLICED = 4096
"""Blocks of at least this many characters are spliced in when the document is saved."""
_PLACE = "clsm:bloc:{}"
_PLACES = re.compile(rb"<!--clsm:bloc:(\d+)-->")
TABLE_TEXT = "Table Text"
TABLE_POINTS = 9
SHORT_TABLE = 12
"""Tables are set a point smaller than the body text, as the HTML bilan's are."""


_TO_ESCAPE = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff&<>"]')
"""A character `escape` changes: most texts have none, and `str.translate` with a table of
2,000 characters costs ~5 µs a text (~100,000 in the evaluation of a large plan)."""


def legal_text(text: str) -> str:
    """The text with the characters XML cannot hold replaced by U+FFFD."""
    return text.translate(_LEGAL) if _TO_ESCAPE.search(text) else text


def escape(text: str) -> str:
    """The text as XML character data or attribute value."""
    return text.translate(_ESCAPED) if _TO_ESCAPE.search(text) else text


def run(
    text: str,
    bold: bool = False,
    italic: bool = False,
    mono: bool = False,
    color: str | None = None,
) -> str:
    """A `w:r` run, in the colour `color` (hex RGB) if given; a tab becomes `w:tab`, a line
    feed or carriage return `w:br`."""
    properties = (_MONO if mono else "") + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    properties += f'<w:color w:val="{escape(color)}"/>' if color else ""
    content = []
    pieces = _BREAKS.split(text) if "\n" in text or "\t" in text or "\r" in text else [text]
    for piece in pieces:
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{escape(piece)}</w:t>")
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    if not rpr and not content:
        return "<w:r/>"
    return f"<w:r>{rpr}{''.join(content)}</w:r>"


class WordBody:
    """Appends paragraphs and tables, as XML, at the end of a python-docx document's body."""

    def __init__(self, document: Any) -> None:
        from docx.oxml import parse_xml

        self.document = document
        self._parse = parse_xml
        self._body = document.element.body
        self._style_ids: dict[str, str] = {}
        self._blocks = _splice_when_saved(document.part)
        section = document.sections[-1]
        page = section.page_width or _A4_WIDTH_EMU
        margins = (section.left_margin or 0) + (section.right_margin or 0)
        self.text_width: int = int(page - margins) if page > margins else _A4_TEXT_EMU

    def style_id(self, name: str) -> str:
        """The id of the style named `name` ("List Bullet" is "ListBullet"), looked up once;
        a style the document lacks (a user's modele.docx) is added from python-docx's."""
        if name not in self._style_ids:
            from .word_reference import style

            self._style_ids[name] = str(style(self.document, name).style_id)
        return self._style_ids[name]

    def _cell_style(self) -> str:
        """The paragraph style of table cells: the body text, a point smaller (added once)."""
        if TABLE_TEXT not in self._style_ids:
            from docx.enum.style import WD_STYLE_TYPE
            from docx.shared import Pt

            styles = self.document.styles
            if TABLE_TEXT not in [style.name for style in styles]:
                style = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = styles["Normal"]
                style.font.size = Pt(TABLE_POINTS)
                style.paragraph_format.space_before = Pt(1)
                style.paragraph_format.space_after = Pt(1)
            self._style_ids[TABLE_TEXT] = str(styles[TABLE_TEXT].style_id)
        return self._style_ids[TABLE_TEXT]

    def append(self, xml: str) -> None:
        """Append a block element (`w:p` or `w:tbl`) whose root declares the `w` namespace;
        a large one as a place its text fills when the document is saved."""
        if len(xml) >= _SPLICED:
            from lxml import etree  # type: ignore[import-untyped]

            element = etree.Comment(_PLACE.format(len(self._blocks)))
            self._blocks.append(xml.encode("utf-8"))
        else:
            element = self._parse(xml)
        end = self._body.sectPr
        if end is not None:
            end.addprevious(element)
        else:
            self._body.append(element)

    def paragraph(
        self,
        runs: str = "",
        style: str | None = None,
        centered: bool = False,
        keep_next: bool = False,
    ) -> None:
        """A paragraph of the given runs (see `run`), in the paragraph style named `style`;
        with `keep_next`, on the same page as the paragraph that follows (a caption)."""
        properties = f'<w:pStyle w:val="{escape(self.style_id(style))}"/>' if style else ""
        properties += "<w:keepNext/>" if keep_next else ""
        properties += '<w:jc w:val="center"/>' if centered else ""
        ppr = f"<w:pPr>{properties}</w:pPr>" if properties else ""
        self.append(f"<w:p {_W}>{ppr}{runs}</w:p>")

    def table(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float] | None = None,
        heading_row: bool = False,
        right: Collection[int] = (),
        with_next: Collection[int] = (),
    ) -> None:
        """A "Table Grid" table whose cells hold one paragraph of runs (see `run`) each; the
        columns numbered in `right` (from 0: figures) are aligned right, header included;
        the rows numbered in `with_next` stay on the page of the row after them.

        Columns take `widths` (in cm), or share the text width by their content (see
        `content_widths`): both the grid (which LibreOffice follows) and each cell (which
        Word follows) state them. With `heading_row`, the first row is repeated at the top
        of each page and rows never split across pages. A short table (up to
        `SHORT_TABLE` rows) is kept on one page.
        """
        columns = max((len(row) for row in rows), default=0)
        if widths is not None and len(widths) != columns:
            raise ValueError(f"{len(widths)} widths for {columns} columns")
        if widths is None:
            cells = [[measure(runs) for runs in row] for row in rows]
            widths = content_widths(cells, self.text_width / _EMU_PER_CM)
        cell_twips = [_twips(int(w * _EMU_PER_CM)) for w in widths]
        cell_style = escape(self._cell_style())
        keep = len(rows) <= SHORT_TABLE
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in cell_twips)
        parts = [
            f'<w:tbl {_W}><w:tblPr><w:tblStyle w:val="{escape(self.style_id("Table Grid"))}"/>'
            '<w:tblW w:type="auto" w:w="0"/><w:tblLook w:firstColumn="1" w:firstRow="1"'
            ' w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        ]
        keep_next, right_aligned = "<w:keepNext/>", '<w:jc w:val="right"/>'
        openings = {  # each cell's start, for a row kept with the next or not
            kept: [
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr><w:p><w:pPr>'
                f'<w:pStyle w:val="{cell_style}"/>{keep_next if kept else ""}'
                f"{right_aligned if column in right else ''}</w:pPr>"
                for column, width in enumerate(cell_twips)
            ]
            for kept in (False, True)
        }
        for number, row in enumerate(rows):
            parts.append("<w:tr>")
            if heading_row:
                parts.append(
                    '<w:trPr><w:tblHeader w:val="true"/></w:trPr>'
                    if number == 0
                    else "<w:trPr><w:cantSplit/></w:trPr>"
                )
            kept = (keep and number < len(rows) - 1) or number in with_next
            for column, opening in enumerate(openings[kept]):
                parts += (opening, row[column] if column < len(row) else "", "</w:p></w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self.append("".join(parts))


def _splice_when_saved(part: Any) -> list[bytes]:
    """The blocks to splice into the document part's saved XML in place of their comments:
    one list per part, whichever `WordBody` appends to it.

    python-docx saves a part as its `blob`; the part is given a class whose `blob` is its
    own with the blocks spliced in (the body before the blocks is small: serializing it is
    quick)."""
    blocks: list[bytes] | None = getattr(part, "_clsm_blocks", None)
    if blocks is not None:
        return blocks
    blocks = part._clsm_blocks = []
    base = type(part)

    def blob(self: Any) -> bytes:
        xml: bytes = base.blob.fget(self)
        return _PLACES.sub(lambda found: blocks[int(found.group(1))], xml) if blocks else xml

    part.__class__ = type(base.__name__, (base,), {"blob": property(blob)})
    return blocks


# ---------------------------------------------------------------- column widths by content

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


def _twips(emu: int) -> int:
    return round(emu / _EMU_PER_TWIP)
