"""Markdown of the plan files into Word paragraphs, lists, tables and runs."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from clsm_cli.bilan.writers.word_markdown import add_markdown


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


def test_markup_and_control_characters_stay_text_and_tables_keep_their_layout() -> None:
    import io

    from docx.oxml.ns import qn
    from docx.shared import Cm

    from clsm_cli.bilan.writers.wordml import WordBody, run

    document = docx.Document()
    body = WordBody(document)
    body.paragraph(run('a & <b> "c" \x01'), style="List Bullet")
    table = [[run("Titre", bold=True)], [run("un\ndeux\tfin")]]
    body.append(body.table_xml(table, widths=[4], heading_row=True))
    add_markdown(body, "**<x> & y**")
    saved = io.BytesIO()
    document.save(saved)
    reread = docx.Document(saved)
    first, last = reread.paragraphs
    assert (first.text, first.style.name) == ('a & <b> "c" \ufffd', "List Bullet")
    assert [(r.text, r.bold) for r in last.runs if r.text] == [("<x> & y", True)]
    (table,) = reread.tables
    assert table.style.name == "Table Grid"
    header, row = table.rows
    assert header.cells[0].paragraphs[0].runs[0].bold
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert row.cells[0].text == "un\ndeux\tfin"
    assert abs(row.cells[0].width - Cm(4)) < Cm(0.01)


def test_column_widths_hold_every_rows_longest_word() -> None:
    from clsm_cli.bilan.writers.word_widths import content_widths, measure
    from clsm_cli.bilan.writers.wordml import run

    long = "une phrase assez longue pour ne jamais tenir sur une seule ligne de tableau"
    rows = [[run("Code"), run("Libellé"), run("Commentaire")]]
    rows += [[run(f"{n}.1"), run(long), run(long)] for n in range(400)]
    rows.append([run("Anticonstitutionnellement"), run(long), run(long)])
    cells = [[measure(r) for r in row] for row in rows]
    widths = content_widths(cells, 17.0)
    assert abs(sum(widths) - 17.0) < 1e-9
    ((word,),) = cells[-1][0]
    assert widths[0] > word, "the last row's long word is not broken in two"
    assert widths[0] < widths[1]


def test_large_blocks_of_two_writers_on_one_document_are_both_saved(tmp_path: Path) -> None:
    """Large blocks are spliced in when the document is saved; two writers on the same
    document numbered theirs alike, and the first's block was written twice."""
    doc = docx.Document()
    add_markdown(doc, "A" * 5000)
    add_markdown(doc, "B" * 5000)
    target = tmp_path / "deux.docx"
    doc.save(str(target))
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    assert texts == ["A" * 5000, "B" * 5000]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Former les acteurs", "Former les acteurs"),
        ('a & <b> "c"', "a &amp; &lt;b&gt; &quot;c&quot;"),
        ("x\x07y\ufffez\ud800", "x\ufffdy\ufffdz\ufffd"),
        ("é – 1\u202f234\u00a0€", "é – 1\u202f234\u00a0€"),
    ],
)
def test_word_text_is_escaped_only_where_needed(text: str, escaped: str) -> None:
    """`escape` skips `str.translate` for a text with nothing to change (most of them): the
    markup and the characters XML cannot hold are still changed, the others kept."""
    from clsm_cli.bilan.writers.wordml import escape, legal_text

    assert escape(text) == escaped
    assert legal_text(text) == text.translate({0x07: "\ufffd", 0xFFFE: "\ufffd", 0xD800: "\ufffd"})
