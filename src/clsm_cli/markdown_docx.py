"""Word body content written as WordprocessingML, and Markdown converted into it.

`WordBody` appends paragraphs and whole tables to a python-docx document as XML built
here, rather than through python-docx's objects: python-docx looks a style up by scanning
every style of the document at each paragraph, and builds tables cell by cell, which took
seconds for a plan of a few thousand actions. The XML is what python-docx itself writes.

`add_markdown` covers what coordinators write in the free texts of the plan files:
paragraphs, bold and italic, bullet and numbered lists, headings, tables, links and code.
Raw HTML is not interpreted: it stays text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")

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


def run(text: str, bold: bool = False, italic: bool = False, mono: bool = False) -> str:
    """A `w:r` run; a tab becomes `w:tab`, a line feed or carriage return `w:br`."""
    properties = (_MONO if mono else "") + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
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

        As in python-docx's tables, the grid shares the text width evenly between the columns
        and each cell states its width: `widths` (in cm) when given. With `heading_row`, the
        first row is repeated at the top of each page and rows never split across pages.
        """
        columns = max((len(row) for row in rows), default=0)
        if widths is not None and len(widths) != columns:
            raise ValueError(f"{len(widths)} widths for {columns} columns")
        grid_twips = _twips(self._text_width // columns) if columns else 0
        cell_twips = [_twips(int(w * _EMU_PER_CM)) for w in widths or []] or [grid_twips] * columns
        grid = f'<w:gridCol w:w="{grid_twips}"/>' * columns
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


def add_markdown(document: Any, text: str | None, heading_base: int = 4) -> None:
    """Append the Markdown text to a python-docx document (or to a `WordBody` of one)."""
    if not text:
        return
    body = document if isinstance(document, WordBody) else WordBody(document)
    tokens = _MD.parse(text)
    lists: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append("List Bullet" if kind == "bullet_list_open" else "List Number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "heading_open":
            level = min(9, heading_base + int(token.tag[1]) - 1)
            body.paragraph(_inline(tokens[index + 1]), style=f"Heading {level}")
            index += 2
        elif kind == "paragraph_open":
            style = _list_style(lists) if lists else None
            body.paragraph(_inline(tokens[index + 1]), style=style)
            index += 2
        elif kind in ("fence", "code_block"):
            body.paragraph(run(token.content.rstrip("\n"), mono=True))
        elif kind == "table_open":
            index = _table(body, tokens, index)
            continue
        elif kind == "hr":
            body.paragraph(run("—"))
        index += 1


def _list_style(lists: list[str]) -> str:
    depth = min(len(lists), 3)
    base = lists[-1]
    return base if depth == 1 else f"{base} {depth}"


def _inline(token: Token, bold_all: bool = False) -> str:
    """The runs of an inline token: emphasis as run properties, a link's target after it."""
    runs = []
    bold = italic = False
    link: str | None = None
    link_text = ""
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "link_open":
            link, link_text = str(child.attrs.get("href", "")), ""
        elif kind == "link_close":
            if link and link.removeprefix("mailto:") != link_text:
                runs.append(run(f" ({link})", bold=bold_all))
            link = None
        elif kind in ("text", "code_inline", "html_inline"):
            link_text += child.content if link is not None else ""
            mono = kind == "code_inline"
            runs.append(run(child.content, bold=bold or bold_all, italic=italic, mono=mono))
        elif kind == "softbreak":
            runs.append(run(" ", bold=bold_all))
        elif kind == "hardbreak":
            runs.append(run("\n", bold=bold_all))
    return "".join(runs)


def _table(body: WordBody, tokens: list[Token], start: int) -> int:
    """Append the table starting at `tokens[start]`, its header row in bold; the index after."""
    rows: list[list[str]] = []
    index = start + 1
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            rows[-1].append(_inline(token, bold_all=len(rows) == 1))
        index += 1
    if any(rows):
        body.table(rows)
    return index + 1
