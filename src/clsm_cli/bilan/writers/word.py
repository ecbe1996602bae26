"""The bilan as a Word document (python-docx): real heading styles, tables and images.

Headings use Word's own styles (Titre 1, 2, 3 in a French Word), so its table of contents
works; a TOC field is inserted and Word offers to update it on opening. python-docx is an
optional extra, imported only here.
"""

from __future__ import annotations

import io
from typing import Any

from ...figures.tracking import STATUTS_TEXTE
from ...french.formatting import accord, date_fr, liste_fr, mois_fr, nombre, periode_fr, romain
from ...models.common import LIBELLES_SECTEURS
from ...problems import ClsmError
from .. import Bilan, Graphique
from .jinja import NOUVELLE_PAGE
from .word_markdown import add_markdown
from .wordml import WordBody, legal_text, run


def _docx() -> Any:
    try:
        import docx
    except ImportError:
        raise ClsmError(
            "le format DOCX demande python-docx, qui n'est pas installé",
            hint='installez les extras du rapport : python -m pip install "clsm[rapport]"',
        ) from None
    return docx


class _Writer:
    """Appends the bilan's sections to a python-docx Document, through a `WordBody`."""

    def __init__(self, bilan: Bilan, images: bool) -> None:
        docx = _docx()
        from docx.shared import Cm, Pt

        self.Cm, self.Pt = Cm, Pt
        self.bilan = bilan
        self.images = images
        self.doc = docx.Document()
        self._setup()
        self.body = WordBody(self.doc)

    # ------------------------------------------------------------ document plumbing

    def _setup(self) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        section = self.doc.sections[0]
        section.page_width, section.page_height = self.Cm(21), self.Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, self.Cm(2))
        normal = self.doc.styles["Normal"]
        normal.font.name = "DejaVu Sans"
        normal.font.size = self.Pt(10)
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "fr-FR")
        rpr.append(lang)
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
        props = self.doc.core_properties
        props.title = legal_text(f"{self.bilan.territoire.nom} — {self.bilan.titre}")
        props.subject = legal_text(self.bilan.territoire.territoire)
        props.author = "clsm"
        props.language = "fr-FR"
        props.keywords = "clsm; bilan d'activité"

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

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.body.paragraph(run(item) if item else "", style="List Bullet")

    def table(
        self,
        header: list[str],
        rows: list[list[str]],
        widths: list[float] | None = None,
        statuts: int | None = None,
    ) -> None:
        """A table whose bold header row repeats on each page; line feeds in cells break lines.

        Column `statuts` holds indicator statuses, written in their colour, in bold.
        """
        cells = [[run(text, bold=True) for text in header]]
        for row in rows:
            cells.append([self._cell(text, column == statuts) for column, text in enumerate(row)])
        self.body.table(cells, widths, heading_row=True)
        self.para()

    @staticmethod
    def _cell(text: str, statut: bool) -> str:
        colour = STATUTS_TEXTE.get(text) if statut else None
        return run(text, bold=colour is not None, color=colour)

    def figure(self, graphique: Graphique) -> None:
        """A chart under its caption, which stays on the chart's page."""
        self.body.paragraph(run(graphique.titre), style="Caption", keep_next=True)
        if self.images:
            from . import charts

            picture = self.doc.add_picture(io.BytesIO(charts.png(graphique)), width=self.Cm(16))
            picture._inline.docPr.set("descr", legal_text(graphique.alternative))
            picture._inline.docPr.set("title", legal_text(graphique.titre))
        else:
            self.para(graphique.alternative, italic=True)

    def toc(self) -> None:
        """A TOC field whose cached result already lists the sections (Word refreshes it)."""
        self.heading("Sommaire", 1)
        entries = [f"{romain(n)}. {title}" for n, (_, title) in enumerate(self.bilan.sections, 1)]
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

    def section(self, anchor: str) -> None:
        """A part's heading, on a new page for the long parts (as the printed HTML does)."""
        titles = dict(self.bilan.sections)
        if anchor in NOUVELLE_PAGE:
            self.page_break()
        self.heading(f"{romain(self.bilan.numeros[anchor])}. {titles[anchor]}", 1)

    # ------------------------------------------------------------ the bilan

    def write(self) -> bytes:
        b = self.bilan
        self.body.paragraph(run(b.territoire.nom), style="Title", centered=True)
        self.body.paragraph(run(b.titre), style="Subtitle", centered=True)
        if b.structure_porteuse:
            self.para(f"Structure porteuse : {b.structure_porteuse.nom}", centered=True)
        if b.fondateurs:
            names = liste_fr([p.nom for p in b.fondateurs])
            self.para(f"Partenaires fondateurs : {names}", centered=True)
        self.page_break()
        self.toc()
        present = dict(b.sections)
        for anchor in present:
            self.section(anchor)
            getattr(self, f"_{anchor}")()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def _preambule(self) -> None:
        t = self.bilan.territoire
        add_markdown(self.body, t.historique)
        if t.mission:
            self.heading("Mission", 2)
            add_markdown(self.body, t.mission)
        if self.bilan.fondateurs:
            self.heading("Partenaires fondateurs", 2)
            self.bullets([p.nom for p in self.bilan.fondateurs])
        if self.bilan.coordination:
            self.heading("Ressources et coordination", 2)
            for label, value in self.bilan.coordination:
                self.body.paragraph(run(f"{label} : ", bold=True) + run(value))
            if t.coordination is not None:
                add_markdown(self.body, t.coordination.modalites)

    def _partenariat(self) -> None:
        p = self.bilan.partenariat
        assert p is not None
        annee = self.bilan.annee
        nouvelles = len(p.nouveaux)
        self.para(
            f"{accord(p.nombre, 'structure partenaire active', 'structures partenaires actives')}"
            f" en {annee}" + (f", dont {accord(nouvelles, 'nouvelle')}" if nouvelles else "") + ".",
            bold=True,
        )
        add_markdown(self.body, self.bilan.activite.introduction)
        self.heading("Secteurs représentés", 2)
        self.figure(p.graphique)
        rows = [
            [ligne.secteur, str(ligne.nombre), " ; ".join(x.nom for x in ligne.partenaires)]
            for ligne in p.par_secteur
        ]
        rows.append(["Total", str(p.nombre), ""])
        self.table(["Secteur", "Structures", "Partenaires"], rows, [4.3, 2.7, 10.0])
        if p.nouveaux:
            self.heading(f"Nouveaux partenaires en {annee}", 2)
            self.bullets([f"{x.nom} ({LIBELLES_SECTEURS[x.secteur]})" for x in p.nouveaux])
        if p.representants_usagers:
            self.heading("Représentants des habitants, usagers et familles", 2)
            self.bullets([x.nom for x in p.representants_usagers])

    def _travaux(self) -> None:
        b = self.bilan
        if b.chiffres_cles:
            self.para(f"Réalisations de l'année : {b.effectifs}.", bold=True)
        for g in b.graphiques:
            if g.id == "participants-axes":
                self.figure(g)
        for axe in b.axes:
            self.heading(axe.titre, 2)
            add_markdown(self.body, axe.texte)
            for ab in axe.actions:
                self.heading(f"Action {ab.action.id} – {ab.action.titre}", 3)
                for r in ab.realisations:
                    self.para(r.realisation.titre, bold=True, keep_next=True)
                    meta = [r.type, r.date]
                    if r.effectifs:
                        meta.append(r.effectifs)
                    if r.realisation.inscrits is not None:
                        meta.append(f"sur {accord(r.realisation.inscrits, 'inscrit')}")
                    if r.realisation.nombre_actions:
                        meta.append(accord(r.realisation.nombre_actions, "action"))
                    if r.realisation.lieu:
                        meta.append(r.realisation.lieu)
                    self.para(" · ".join(meta), italic=True, keep_next=bool(r.seances))
                    if r.partenaires:
                        self.para(
                            "Partenaires : " + liste_fr([x.nom for x in r.partenaires]),
                            keep_next=bool(r.seances),
                        )
                    if r.seances:
                        self.table(
                            ["Séance", "Présences", "Répartition"][: 3 if r.repartition else 2],
                            [
                                [d, nombre(n), detail][: 3 if r.repartition else 2]
                                for d, n, detail in r.seances
                            ],
                        )
                    add_markdown(self.body, r.realisation.texte)
                if len(ab.realisations) > 1:
                    self.para(
                        f"Total de l'action : {accord(len(ab.realisations), 'réalisation')},"
                        f" {ab.effectifs}.",
                        italic=True,
                    )
            if axe.actions:
                self.para(
                    f"Total de l'axe : {accord(axe.nombre_realisations, 'réalisation')},"
                    f" {axe.effectifs}.",
                    bold=True,
                )
            if axe.perspectives:
                self.heading(f"Perspectives {b.annee + 1}", 3)
                self.bullets(axe.perspectives)

    def _indicateurs(self) -> None:
        lignes = self.bilan.indicateurs
        suivi = any(ligne.cible or ligne.reference for ligne in lignes)
        header = ["Indicateur", "Action"]
        header += ["Référence", "Cible"] if suivi else []
        header += [f"Valeur {self.bilan.annee}"]
        header += ["Écart", "Statut"] if suivi else []
        rows = []
        for ligne in lignes:
            valeur = ligne.valeur + (f" ({ligne.detail})" if ligne.detail else "")
            row = [ligne.indicateur.libelle, ligne.action.id]
            row += [ligne.reference, ligne.cible] if suivi else []
            row += [valeur]
            row += [ligne.ecart, ligne.statut] if suivi else []
            rows.append(row)
        self.table(header, rows, statuts=len(header) - 1 if suivi else None)
        for g in self.bilan.graphiques:
            if g.id.startswith("indicateurs-cibles"):
                self.figure(g)

    def _cellule(self) -> None:
        c = self.bilan.cellule
        assert c is not None
        self.para(f"{c.resume}.", bold=True, keep_next=True)
        if c.comparaison:
            self.para(c.comparaison, keep_next=True)
        if c.saisines:
            notes = any(s.note for s in c.saisines)
            self.table(
                ["Mois", "Saisine / sollicitation", "Niveau", "Décision"] + (["Note"] * notes),
                [
                    [mois_fr(s.mois), s.saisissant, str(s.niveau), s.decision]
                    + ([s.note or ""] * notes)
                    for s in c.saisines
                ],
            )
        if c.par_orientation:
            self.heading("Orientations", 2)
            self.bullets([f"{o} : {accord(n, 'saisine')}" for o, n in c.par_orientation])

    def _gouvernance(self) -> None:
        add_markdown(self.body, self.bilan.activite.gouvernance)
        for instance in self.bilan.gouvernance:
            self.heading(instance.instance.nom, 2)
            add_markdown(self.body, instance.instance.description)
            if instance.membres:
                self.para(f"Membres en {self.bilan.annee} :", keep_next=True)
                self.bullets(
                    [
                        (p.nom if p else m.partenaire)
                        + (f" ({m.role})" if m.role else "")
                        + (" — nouveau membre" if m.depuis == self.bilan.annee else "")
                        for m, p in instance.membres
                    ]
                )
            if instance.reunions:
                self.para(
                    f"{accord(len(instance.reunions), 'réunion')} en {self.bilan.annee} :",
                    keep_next=True,
                )
            for reunion in instance.reunions:
                self.heading(date_fr(reunion.date).capitalize(), 3)
                self.bullets(list(reunion.ordre_du_jour))
                add_markdown(self.body, reunion.compte_rendu)

    def _coordination(self) -> None:
        for p in self.bilan.activite.participations:
            self.heading(p.cadre + (f" ({p.niveau})" if p.niveau else ""), 2)
            self.bullets(list(p.activites))

    def _perspectives(self) -> None:
        b = self.bilan
        assert b.plan_suivant is not None
        self.para(
            f"Actions prévues en {b.annee + 1} par le plan {periode_fr(b.plan_suivant.periode)} :"
        )
        for p in b.perspectives:
            self.heading(p.titre, 2)
            self.bullets([f"{a.id} {a.titre}" for a in p.actions])

    def _plan(self) -> None:
        plan = self.bilan.plan_actuel
        assert plan is not None
        add_markdown(self.body, plan.objectif_global)
        rows = []
        for axe in plan.axes:
            if not axe.objectifs:
                rows.append([f"{axe.id} {axe.titre or ''}".strip(), axe.description or "", ""])
            for o in axe.objectifs:
                rows.append(
                    [
                        f"{axe.id} {axe.titre or ''}".strip(),
                        f"{o.id} {o.titre or ''}".strip(),
                        "\n".join(f"{a.id} {a.titre}" for a in o.actions),
                    ]
                )
        self.table(["Axe", "Objectif spécifique", "Actions"], rows, [4.5, 5.5, 7])

    def _conclusion(self) -> None:
        add_markdown(self.body, self.bilan.activite.conclusion)


def document(bilan: Bilan, images: bool = True) -> bytes:
    """The bilan as the bytes of a .docx file."""
    return _Writer(bilan, images).write()
