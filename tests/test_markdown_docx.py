"""Markdown of the plan files into Word paragraphs, lists, tables and runs."""

from __future__ import annotations

import docx

from clsm_cli.markdown_docx import add_markdown


def test_paragraphs_lists_emphasis_tables_and_links() -> None:
    document = docx.Document()
    add_markdown(
        document,
        "Un **gras** et un *italique*.\n\n- premier\n- second\n\n1. un\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "[site](https://exemple.fr) et <https://exemple.fr> et <b>brut</b>\n",
    )
    paragraphs = document.paragraphs
    assert paragraphs[0].text == "Un gras et un italique."
    assert [r.bold for r in paragraphs[0].runs] == [None, True, None, None, None]
    assert [(p.text, p.style.name) for p in paragraphs[1:4]] == [
        ("premier", "List Bullet"),
        ("second", "List Bullet"),
        ("un", "List Number"),
    ]
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [["a", "b"], ["1", "2"]]
    assert paragraphs[-1].text == ("site (https://exemple.fr) et https://exemple.fr et <b>brut</b>")
