"""What every Word document of clsm shares (the bilan, the evaluation): the user's
`modele.docx` or A4 in French, clsm's mark, headings in Word's own styles, paragraphs,
bullets, tables whose header repeats, charts under their caption, a table of contents, and
the title page. Each document's parts are written by a subclass (`word.py`,
`evaluation/word.py`); the XML is built by `wordml`.

python-docx is an optional extra, imported only when a DOCX is written.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from ...figures.tracking import STATUTS_TEXTE
from ...problems import ClsmError
from ..graphiques import Graphique
from .word_markdown import Runs, add_markdown
from .word_reference import open_document, prepare
from .wordml import WordBody, legal_text, run

NOTE = "595959"
"""The grey of a cell's notes under its text (what the HTML sets in `<small>`): 7:1 on white."""


def avec_notes(texte: str, notes: Sequence[str]) -> Runs:
    """A cell's text, and under it, each on its own line, its notes in grey italics (a
    rate's numerator and denominator under an indicator's name): set apart, as the HTML
    and the Markdown set them, not read as more of the name."""
    runs = [run(texte), *(run(note, italic=True, color=NOTE) for note in notes if note)]
    return Runs(run("\n").join(runs))


def docx_module() -> Any:
    """python-docx, or a French message naming the pip command."""
    try:
        import docx
    except ImportError:
        raise ClsmError(
            "le format DOCX demande python-docx, qui n'est pas installé",
            hint='installez les extras du rapport : python -m pip install "clsm[rapport]"',
        ) from None
    return docx


class WordWriter:
    """Appends paragraphs, tables and charts to a python-docx Document, through a `WordBody`.

    `titre`, `sujet` and `mots_cles` are the document's properties; the page setup (without
    a modele.docx) and clsm's mark, by which an untouched output is known to be its own
    (writing/overwrite.py), are `word_reference.prepare`'s.
    """

    def __init__(
        self, images: bool, search: list[Path], titre: str, sujet: str, mots_cles: str
    ) -> None:
        docx_module()
        from docx.shared import Cm, Pt

        self.Cm, self.Pt = Cm, Pt
        self.images = images
        self.doc, modele = open_document(search)
        prepare(self.doc, modele, titre, sujet, mots_cles)
        self.body = WordBody(self.doc)

    def heading(self, text: str, level: int) -> None:
        self.body.paragraph(run(text), style=f"Heading {level}")

    def para(
        self,
        text: str = "",
        bold: bool = False,
        italic: bool = False,
        centered: bool = False,
        keep_next: bool = False,
    ) -> None:
        """A paragraph; `keep_next` keeps it on the page of what it introduces."""
        runs = run(text, bold, italic) if text else ""
        self.body.paragraph(runs, centered=centered, keep_next=keep_next)

    def facts(self, facts: Sequence[tuple[str, str]]) -> None:
        """Labelled facts, one a paragraph: `Label : value`."""
        for label, value in facts:
            self.body.paragraph(run(f"{label} : ", bold=True) + run(value))

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self.body.paragraph(run(item) if item else "", style="List Bullet")

    def markdown(self, text: str | None) -> None:
        """A free text of the files, its Markdown rendered."""
        add_markdown(self.body, text)

    def markdown_bullets(self, items: Sequence[str]) -> None:
        """Free texts as bullets, their Markdown (emphasis, sub-lists) rendered."""
        for item in items:
            lines = item.strip().splitlines() or [""]
            add_markdown(self.body, "- " + "\n  ".join(lines))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float] | None = None,
        statuts: int | None = None,
        gras: Collection[int] = (),
        droite: Collection[int] = (),
        lies: Collection[int] = (),
    ) -> None:
        """A table whose bold header row repeats on each page; line feeds in cells break lines.

        Column `statuts` holds indicator statuses, written in their colour, in bold; the rows
        numbered in `gras` (from 0, below the header) are bold; the columns numbered in
        `droite` (from 0) hold figures, aligned right as in the HTML; the rows numbered in
        `lies` stay on the page of the row after them (an indicator's years and its period).
        """
        self.body.append(self.table_xml(header, rows, widths, statuts, gras, droite, lies))
        self.para()

    def table_xml(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float] | None = None,
        statuts: int | None = None,
        gras: Collection[int] = (),
        droite: Collection[int] = (),
        lies: Collection[int] = (),
    ) -> str:
        """The XML of a `table`."""
        cells = [[run(text, bold=True) for text in header]]
        for number, row in enumerate(rows):
            bold = number in gras
            cells.append(
                [self._cell(text, column == statuts, bold) for column, text in enumerate(row)]
            )
        with_next = [number + 1 for number in lies]  # the header is row 0
        return self.body.table_xml(
            cells, widths, heading_row=True, right=droite, with_next=with_next
        )

    def table_beside(self, compute: Callable[[], str]) -> None:
        """A table whose XML (`table_xml`) `compute` gives, computed by a copy of this process
        while the document goes on (`WordBody.later`): the tracking table of a large plan."""
        self.body.later(compute)
        self.para()

    @staticmethod
    def _cell(text: str, statut: bool, bold: bool = False) -> str:
        if isinstance(text, Runs):
            return text
        colour = STATUTS_TEXTE.get(text) if statut else None
        return run(text, bold=bold or colour is not None, color=colour)

    def prepare(self, graphiques: list[Graphique]) -> None:
        """Ask for the document's charts at once: the chart worker draws them while the
        tables are written (charts.py)."""
        if self.images:
            from . import charts

            charts.prepare("png", graphiques)

    def figure(self, graphique: Graphique) -> None:
        """A chart under its caption, which stays on the chart's page."""
        self.body.paragraph(run(graphique.titre), style="Caption", keep_next=True)
        if self.images:
            from . import charts

            width = min(self.Cm(16), self.body.text_width)
            picture = self.doc.add_picture(io.BytesIO(charts.png(graphique)), width=width)
            picture._inline.docPr.set("descr", legal_text(graphique.alternative))
            picture._inline.docPr.set("title", legal_text(graphique.titre))
        else:
            self.para(graphique.alternative, italic=True)

    def title_page(self, titre: str, sous_titre: str, lignes: Sequence[str]) -> None:
        """The first page: the title, the subtitle, and centred lines; then a page break."""
        self.body.paragraph(run(titre), style="Title", centered=True)
        self.body.paragraph(run(sous_titre), style="Subtitle", centered=True)
        for line in lignes:
            if line:
                self.para(line, centered=True)
        self.page_break()

    def toc(self, titre: str, entries: Sequence[str]) -> None:
        """A TOC field whose cached result already lists the sections (Word refreshes it)."""
        self.heading(titre, 1)
        begin = (
            '<w:r><w:fldChar w:fldCharType="begin"/>'
            '<w:instrText xml:space="preserve">TOC \\o "1-3" \\h \\z \\u</w:instrText>'
            '<w:fldChar w:fldCharType="separate"/></w:r>'
        )
        paragraphs = [begin + run(entries[0] if entries else "")]
        paragraphs += [run(entry) for entry in entries[1:]]
        paragraphs[-1] += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        for runs in paragraphs:
            self.body.paragraph(runs)

    def page_break(self) -> None:
        self.body.paragraph('<w:r><w:br w:type="page"/></w:r>')

    def section(self, titre: str, new_page: bool) -> None:
        """A part's heading, on a new page for the long parts (as the printed HTML does)."""
        if new_page:
            self.page_break()
        self.heading(titre, 1)

    def save(self) -> bytes:
        """The document's bytes (the blocks computed beside put in place first)."""
        self.body.finish()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()
