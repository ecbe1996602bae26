"""Word body content written as WordprocessingML.

`WordBody` appends paragraphs and whole tables to a python-docx document as XML built
here, rather than through python-docx's objects: python-docx looks a style up by scanning
every style of the document at each paragraph, and builds tables cell by cell, which took
seconds for a plan of a few thousand actions. The XML is what python-docx itself writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MONO = '<w:rFonts w:ascii="DejaVu Sans Mono" w:hAnsi="DejaVu Sans Mono"/>'
_EMU_PER_CM, _EMU_PER_TWIP = 360000, 635

# Characters XML 1.0 cannot carry even escaped (C0 controls but tab, LF and CR; surrogates;
# U+FFFE, U+FFFF) become U+FFFD; the markup characters are escaped.
_ILLEGAL = [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
_LEGAL = str.maketrans(dict.fromkeys(_ILLEGAL, "\ufffd"))
_ESCAPED = str.maketrans(
    {**dict.fromkeys(_ILLEGAL, "\ufffd"), "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
)
_BREAKS = re.compile(r"([\t\r\n])")


def legal_text(text: str) -> str:
    """The text with the characters XML cannot hold replaced by U+FFFD."""
    return text.translate(_LEGAL)


def escape(text: str) -> str:
    """The text as XML character data or attribute value."""
    return text.translate(_ESCAPED)


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
    for piece in _BREAKS.split(text):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{escape(piece)}</w:t>")
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f"<w:r>{rpr}{''.join(content)}</w:r>"


class WordBody:
    """Appends paragraphs and tables, as XML, at the end of a python-docx document's body."""

    def __init__(self, document: Any) -> None:
        from docx.oxml import parse_xml

        self.document = document
        self._parse = parse_xml
        self._body = document.element.body
        self._style_ids: dict[str, str] = {}
        section = document.sections[-1]
        text_width = section.page_width - section.left_margin - section.right_margin
        self._text_width: int = int(text_width)

    def style_id(self, name: str) -> str:
        """The id of the style named `name` ("List Bullet" is "ListBullet"), looked up once."""
        if name not in self._style_ids:
            self._style_ids[name] = str(self.document.styles[name].style_id)
        return self._style_ids[name]

    def append(self, xml: str) -> None:
        """Append a block element (`w:p` or `w:tbl`) whose root declares the `w` namespace."""
        element = self._parse(xml)
        end = self._body.sectPr
        if end is not None:
            end.addprevious(element)
        else:
            self._body.append(element)

    def paragraph(self, runs: str = "", style: str | None = None, centered: bool = False) -> None:
        """A paragraph of the given runs (see `run`), in the paragraph style named `style`."""
        properties = f'<w:pStyle w:val="{escape(self.style_id(style))}"/>' if style else ""
        properties += '<w:jc w:val="center"/>' if centered else ""
        ppr = f"<w:pPr>{properties}</w:pPr>" if properties else ""
        self.append(f"<w:p {_W}>{ppr}{runs}</w:p>")

    def table(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float] | None = None,
        heading_row: bool = False,
    ) -> None:
        """A "Table Grid" table whose cells hold one paragraph of runs (see `run`) each.

        Columns share the text width evenly, or take `widths` (in cm): both the grid (which
        LibreOffice follows) and each cell (which Word follows) state them. With
        `heading_row`, the first row is repeated at the top of each page and rows never split
        across pages.
        """
        columns = max((len(row) for row in rows), default=0)
        if widths is not None and len(widths) != columns:
            raise ValueError(f"{len(widths)} widths for {columns} columns")
        even = _twips(self._text_width // columns) if columns else 0
        cell_twips = [_twips(int(w * _EMU_PER_CM)) for w in widths or []] or [even] * columns
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in cell_twips)
        parts = [
            f'<w:tbl {_W}><w:tblPr><w:tblStyle w:val="{escape(self.style_id("Table Grid"))}"/>'
            '<w:tblW w:type="auto" w:w="0"/><w:tblLook w:firstColumn="1" w:firstRow="1"'
            ' w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        ]
        for number, row in enumerate(rows):
            parts.append("<w:tr>")
            if heading_row:
                parts.append(
                    '<w:trPr><w:tblHeader w:val="true"/></w:trPr>'
                    if number == 0
                    else "<w:trPr><w:cantSplit/></w:trPr>"
                )
            for column, width in enumerate(cell_twips):
                runs = row[column] if column < len(row) else ""
                parts.append(
                    f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>'
                    f"<w:p>{runs}</w:p></w:tc>"
                )
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self.append("".join(parts))


def _twips(emu: int) -> int:
    return round(emu / _EMU_PER_TWIP)
