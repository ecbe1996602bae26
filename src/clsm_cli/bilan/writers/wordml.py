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

import contextlib
import functools
import re
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any

from .word_widths import TABLE_POINTS, content_widths, measure

if TYPE_CHECKING:
    from . import beside

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
SHORT_TABLE = 12
"""A table of at most this many rows is kept on one page."""


_TO_ESCAPE = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff&<>"]')
"""A character `escape` changes: most texts have none, and `str.translate` with a table of
2,000 characters costs ~5 µs a text (~100,000 in the evaluation of a large plan)."""


def legal_text(text: str) -> str:
    """The text with the characters XML cannot hold replaced by U+FFFD."""
    return text.translate(_LEGAL) if _TO_ESCAPE.search(text) else text


def escape(text: str) -> str:
    """The text as XML character data or attribute value."""
    return text.translate(_ESCAPED) if _TO_ESCAPE.search(text) else text


@functools.lru_cache(maxsize=65536)
def run(
    text: str,
    bold: bool = False,
    italic: bool = False,
    mono: bool = False,
    color: str | None = None,
) -> str:
    """A `w:r` run, in the colour `color` (hex RGB) if given; a tab becomes `w:tab`, a line
    feed or carriage return `w:br`. Remembered: the cells of a large table say the same
    few texts over and over (`non renseigné`, a year, a status)."""
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
        self._later: list[tuple[int, beside.Copy | None, Callable[[], str]]] = []
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
            self._spliced(xml.encode("utf-8"))
        else:
            self._insert(self._parse(xml))

    def _spliced(self, block: bytes) -> None:
        """A block's place (a comment), which its text fills when the document is saved."""
        from lxml import etree  # type: ignore[import-untyped]

        self._insert(etree.Comment(_PLACE.format(len(self._blocks))))
        self._blocks.append(block)

    def _insert(self, element: Any) -> None:
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

    def table_xml(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float] | None = None,
        heading_row: bool = False,
        right: Collection[int] = (),
        with_next: Collection[int] = (),
    ) -> str:
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
        return "".join(parts)

    def later(self, compute: Callable[[], str]) -> None:
        """Append a block whose XML `compute` gives, computed by a forked copy of this process
        while the document goes on (`beside.Copy`), and put in place when it is saved. The
        styles tables use are looked up first: a style added in the copy would stay there."""
        self.style_id("Table Grid")
        self._cell_style()
        from ...helpers import forkable
        from . import beside

        copy = None
        if forkable():
            with contextlib.suppress(OSError):  # no fork to be had: made here at save
                copy = beside.Copy(compute)
        self._later.append((len(self._blocks), copy, compute))
        self._spliced(b"")  # its text, from `finish`

    def finish(self) -> None:
        """Put the blocks computed beside in their places (computed here if a copy failed)."""
        try:
            for index, copy, compute in self._later:
                text = copy.text() if copy is not None else None
                self._blocks[index] = (compute() if text is None else text).encode("utf-8")
        finally:
            self.end_copies()

    def end_copies(self) -> None:
        """End the copies still computing (the document failed, or was interrupted)."""
        for _, copy, _ in self._later:
            if copy is not None:
                copy.end()
        self._later.clear()


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


def _twips(emu: int) -> int:
    return round(emu / _EMU_PER_TWIP)
