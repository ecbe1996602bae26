"""Markdown (the free text of the plan files) into python-docx paragraphs, lists and tables.

Covers what coordinators write: paragraphs, bold and italic, bullet and numbered lists,
headings, tables, links and code. Raw HTML is not interpreted: it stays text.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")


def add_markdown(document: Any, text: str | None, heading_base: int = 4) -> None:
    """Append the Markdown text to a python-docx document."""
    if not text:
        return
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
            paragraph = document.add_heading(level=level)
            _inline(paragraph, tokens[index + 1])
            index += 2
        elif kind == "paragraph_open":
            style = _list_style(lists) if lists else None
            paragraph = document.add_paragraph(style=style)
            _inline(paragraph, tokens[index + 1])
            index += 2
        elif kind in ("fence", "code_block"):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(token.content.rstrip("\n"))
            run.font.name = "DejaVu Sans Mono"
        elif kind == "table_open":
            index = _table(document, tokens, index)
            continue
        elif kind == "hr":
            document.add_paragraph("—")
        index += 1


def _list_style(lists: list[str]) -> str:
    depth = min(len(lists), 3)
    base = lists[-1]
    return base if depth == 1 else f"{base} {depth}"


def _inline(paragraph: Any, token: Token) -> None:
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
                paragraph.add_run(f" ({link})")
            link = None
        elif kind in ("text", "code_inline", "html_inline"):
            link_text += child.content if link is not None else ""
            run = paragraph.add_run(child.content)
            run.bold = bold or None
            run.italic = italic or None
            if kind == "code_inline":
                run.font.name = "DejaVu Sans Mono"
        elif kind == "softbreak":
            paragraph.add_run(" ")
        elif kind == "hardbreak":
            paragraph.add_run().add_break()


def _table(document: Any, tokens: list[Token], start: int) -> int:
    rows: list[list[Token]] = []
    index = start + 1
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            rows[-1].append(token)
        index += 1
    width = max((len(r) for r in rows), default=0)
    if width:
        table = document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, cell_token in enumerate(row):
                paragraph = table.cell(r, c).paragraphs[0]
                _inline(paragraph, cell_token)
                if r == 0:
                    for run in paragraph.runs:
                        run.bold = True
    return index + 1
