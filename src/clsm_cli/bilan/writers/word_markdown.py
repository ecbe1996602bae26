"""Markdown (the free text of the plan files) into Word paragraphs, lists and tables.

Covers what coordinators write: paragraphs, bold and italic, bullet and numbered lists,
headings, tables, links and code. Raw HTML is not interpreted: it stays text.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ...french.templating import TITRES_TEXTE
from .wordml import WordBody, run

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")

"""The level a free text's top headings (`# …`) take in the bilan, in every format: below the
part (1), the axis (2) and the action (3) they are written in."""


def add_markdown(document: Any, text: str | None, heading_base: int = TITRES_TEXTE) -> None:
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


class Runs(str):
    """Text already written as runs (see `run`): a table cell takes it as it is."""

    __slots__ = ()


def cell_runs(text: str | None) -> Runs:
    """Markdown as the one paragraph of a table cell: each paragraph or list item on its own
    line (an item after a dash), emphasis kept, the lines the author wrapped joined."""
    lines: list[str] = []
    depth = 0
    for token in _MD.parse(text or ""):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "inline":
            lines.append((run("  " * (depth - 1) + "– ") if depth else "") + _inline(token))
        elif token.type in ("fence", "code_block"):
            lines.append(run(token.content.rstrip("\n"), mono=True))
    return Runs(run("\n").join(lines))


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
        body.append(body.table_xml(rows))
    return index + 1
