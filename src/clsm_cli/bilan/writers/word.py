"""The bilan as a Word document (python-docx): real heading styles, tables and images.

Headings use Word's own styles (Titre 1, 2, 3 in a French Word), so its table of contents
works; a TOC field is inserted and Word offers to update it on opening. The words come from
`bilan.wording`, as the templates' do; the document is the user's `modele.docx` when there
is one (see `word_reference`). What every Word document of clsm shares is `word_document`.
"""

from __future__ import annotations

from pathlib import Path

from ...french.formatting import mois_fr, nombre
from .. import Bilan
from ..travaux import RealisationBilan
from ..wording import Textes
from .rendu import NOUVELLE_PAGE
from .word_document import WordWriter, avec_notes
from .word_markdown import Runs, add_markdown, cell_runs
from .wordml import run


class _Writer(WordWriter):
    """Appends the bilan's sections to a python-docx Document."""

    def __init__(self, bilan: Bilan, images: bool, search: list[Path]) -> None:
        super().__init__(
            images,
            search,
            titre=f"{bilan.territoire.nom} — {bilan.titre}",
            sujet=bilan.territoire.territoire,
            mots_cles="clsm; bilan d'activité",
        )
        self.bilan = bilan
        self.textes = Textes(bilan)

    # ------------------------------------------------------------ the bilan

    def write(self) -> bytes:
        b, textes = self.bilan, self.textes
        self.prepare(b.graphiques)
        lignes = (textes.territoire_couvert, textes.porteuse, textes.liste_fondateurs)
        self.title_page(b.territoire.nom, b.titre, lignes)
        self.toc(textes.sommaire, [textes.titre_section(anchor) for anchor, _ in b.sections])
        for anchor, _ in b.sections:
            self.section(textes.titre_section(anchor), anchor in NOUVELLE_PAGE)
            getattr(self, f"_{anchor}")()
        return self.save()

    def _preambule(self) -> None:
        t, textes = self.bilan.territoire, self.textes
        add_markdown(self.body, t.historique)
        if t.mission:
            self.heading(textes.mission, 2)
            add_markdown(self.body, t.mission)
        if self.bilan.faits_territoire:
            self.heading(textes.le_territoire, 2)
            for label, value in self.bilan.faits_territoire:
                self.body.paragraph(run(f"{label} : ", bold=True) + run(value))
        if self.bilan.fondateurs:
            self.heading(textes.fondateurs, 2)
            self.bullets([p.nom for p in self.bilan.fondateurs])
        if self.bilan.coordination:
            self.heading(textes.ressources, 2)
            for label, value in self.bilan.coordination:
                self.body.paragraph(run(f"{label} : ", bold=True) + run(value))
            if t.coordination is not None:
                add_markdown(self.body, t.coordination.modalites)

    def _partenariat(self) -> None:
        p, textes = self.bilan.partenariat, self.textes
        assert p is not None
        self.para(textes.phrase(textes.chiffres_partenariat), bold=True)
        add_markdown(self.body, self.bilan.activite.introduction)
        self.heading(textes.secteurs, 2)
        self.figure(p.graphique)
        rows = [
            [ligne.secteur, str(ligne.nombre), " ; ".join(x.nom for x in ligne.partenaires)]
            for ligne in p.par_secteur
        ]
        rows.append([textes.total, str(p.nombre), ""])
        total = len(rows) - 1
        self.table(list(textes.colonnes_secteurs), rows, [4.3, 2.7, 10.0], gras={total}, droite={1})
        if p.nouveaux:
            self.heading(textes.nouveaux_partenaires, 2)
            self.bullets([textes.nouveau_partenaire(x) for x in p.nouveaux])
        if p.sortants:
            self.heading(textes.partenaires_sortants, 2)
            self.bullets([textes.partenaire_sortant(x) for x in p.sortants])
        if p.representants_usagers:
            self.heading(textes.representants, 2)
            self.bullets([x.nom for x in p.representants_usagers])

    def _travaux(self) -> None:
        b, textes = self.bilan, self.textes
        if b.chiffres_cles:
            self.para(textes.realisations_annee, bold=True)
        for g in b.graphiques:
            if g.id == "participants-axes":
                self.figure(g)
        self._publics()
        for axe in b.axes:
            self.heading(axe.titre, 2)
            add_markdown(self.body, axe.texte)
            for ab in axe.actions:
                self.heading(textes.titre_action(ab), 3)
                for line in (
                    textes.statut_action(ab),
                    textes.financements_action(ab),
                    textes.themes_action(ab),
                ):
                    if line:
                        self.para(line, italic=True)
                for r in ab.realisations:
                    self._realisation(r)
                if total := textes.total_action(ab):
                    self.para(total, italic=True)
            if total := textes.total_axe(axe):
                self.para(total, bold=True)
            if axe.perspectives:
                self.heading(textes.perspectives_axe, 3)
                self.markdown_bullets(axe.perspectives)

    def _publics(self) -> None:
        """The year's persons and attendances by public, sex and age, the totals in bold."""
        if self.bilan.publics:
            self.heading(self.textes.publics_touches, 2)
        for tableau in self.bilan.publics:
            rows = [[x.libelle, x.personnes, x.presences] for x in tableau.lignes]
            somme = (tableau.total.libelle, tableau.total.personnes, tableau.total.presences)
            rows.append([Runs(run(text, bold=True)) for text in somme])
            colonnes = list(self.textes.colonnes_publics(tableau))
            self.table(colonnes, rows, [7.0, 4.5, 4.5], droite={1, 2})

    def _realisation(self, r: RealisationBilan) -> None:
        textes = self.textes
        self.para(r.realisation.titre, bold=True, keep_next=True)
        self.para(textes.details(r), italic=True, keep_next=bool(r.seances))
        for ligne in textes.repartitions(r):
            self.para(ligne, italic=True, keep_next=True)
        if r.partenaires:
            self.para(textes.partenaires_realisation(r), keep_next=bool(r.seances))
        if r.realisation.pieces:
            self.para(textes.pieces(r.realisation.pieces), keep_next=bool(r.seances))
        if r.seances:
            colonnes = list(textes.colonnes_seances(r))
            rows = [[d, nombre(n), detail][: len(colonnes)] for d, n, detail in r.seances]
            if r.publics_par_seance:
                colonnes.append(textes.colonne_publics)
                for row, publics in zip(rows, r.publics_seances, strict=True):
                    row.append(textes.publics_seance(publics))
            self.table(colonnes, rows, droite={1})
        add_markdown(self.body, r.realisation.texte)

    def _indicateurs(self) -> None:
        textes = self.textes
        suivi = textes.indicateurs_suivis
        rows = []
        for ligne in self.bilan.indicateurs:
            valeur = ligne.valeur + (f" ({ligne.detail})" if ligne.detail else "")
            notes = [textes.rapport(ligne), textes.releve(ligne)]
            row = [avec_notes(ligne.indicateur.libelle, notes), ligne.action.id]
            row += [ligne.reference] if textes.avec_references else []
            row += [ligne.cible] if suivi else []
            row += [valeur]
            row += [ligne.ecart, ligne.statut] if suivi else []
            rows.append(row)
        header = list(textes.colonnes_indicateurs)
        chiffres = range(2, len(header) - 1) if suivi else {2}  # between the action and status
        self.table(header, rows, statuts=len(header) - 1 if suivi else None, droite=chiffres)
        for g in self.bilan.graphiques:
            if g.id.startswith("indicateurs-cibles"):
                self.figure(g)

    def _financements(self) -> None:
        f, textes = self.bilan.financements, self.textes
        assert f is not None
        rows = [
            [
                textes.action_financee(ligne),
                ligne.financeur,
                ligne.dispositif,
                textes.montant(ligne.prevu),
                textes.montant(ligne.depense),
            ]
            for ligne in f.lignes
        ]
        self.table(list(textes.colonnes_financements), rows, droite={3, 4})
        self.heading(textes.par_financeur, 2)
        totals = [
            [textes.financeur_total(t), textes.montant(t.prevu), textes.montant(t.depense)]
            for t in f.par_financeur
        ]
        self.table(list(textes.colonnes_financeurs), totals, droite={1, 2})

    def _cellule(self) -> None:
        c, textes = self.bilan.cellule, self.textes
        assert c is not None
        self.para(f"{c.resume}.", bold=True, keep_next=True)
        if c.comparaison:
            self.para(c.comparaison, keep_next=True)
        if c.saisines:
            notes = textes.notes(c)
            rows = [
                [mois_fr(s.mois), s.saisissant, str(s.niveau), cell_runs(s.decision)]
                + ([s.note or ""] if notes else [])
                for s in c.saisines
            ]
            self.table(list(textes.colonnes_saisines(c)), rows, droite={2})
        if c.par_orientation:
            self.heading(textes.orientations, 2)
            self.bullets([textes.orientation(o, n) for o, n in c.par_orientation])

    def _gouvernance(self) -> None:
        textes = self.textes
        add_markdown(self.body, textes.texte_gouvernance)
        for instance in self.bilan.gouvernance:
            self.heading(instance.instance.nom, 2)
            if reperes := textes.reperes(instance):
                self.para(reperes, italic=True)
            add_markdown(self.body, instance.instance.description)
            add_markdown(self.body, textes.texte_instance(instance))
            if instance.membres:
                self.para(textes.membres_annonce, keep_next=True)
                nouveau = f" — {textes.nouveau_membre}"
                self.bullets(
                    [
                        textes.membre(m, p) + (nouveau if textes.membre_nouveau(m) else "")
                        for m, p in instance.membres
                    ]
                )
            if annonce := textes.reunions_annonce(instance):
                self.para(annonce, keep_next=bool(instance.reunions))
            for reunion in instance.reunions:
                self.heading(textes.date_reunion(reunion), 3)
                if presents := textes.presents(instance, reunion):
                    self.para(presents, italic=True)
                if reunion.pieces:
                    self.para(textes.pieces(reunion.pieces), italic=True)
                self.markdown_bullets(reunion.ordre_du_jour)
                add_markdown(self.body, reunion.compte_rendu)

    def _coordination(self) -> None:
        for p in self.bilan.activite.participations:
            self.heading(self.textes.cadre(p), 2)
            self.markdown_bullets(p.activites)

    def _perspectives(self) -> None:
        self.para(self.textes.perspectives_annonce)
        for p in self.bilan.perspectives:
            self.heading(p.titre, 2)
            for a in p.actions:
                runs = run(a.id, bold=True) + run(f" {a.titre}{self.textes.pilote(a)}")
                self.body.paragraph(runs, style="List Bullet")

    def _plan(self) -> None:
        plan = self.bilan.plan_actuel
        assert plan is not None
        add_markdown(self.body, plan.objectif_global)
        rows = []
        for axe in plan.axes:
            if not axe.objectifs:
                titre = f"{axe.id} {axe.titre or ''}".strip()
                rows.append([titre, cell_runs(axe.description), ""])
            for o in axe.objectifs:
                rows.append(
                    [
                        f"{axe.id} {axe.titre or ''}".strip(),
                        f"{o.id} {o.titre or ''}".strip(),
                        "\n".join(f"{a.id} {a.titre}" for a in o.actions),
                    ]
                )
        self.table(list(self.textes.colonnes_plan), rows, [4.5, 5.5, 7])

    def _conclusion(self) -> None:
        add_markdown(self.body, self.bilan.activite.conclusion)


def document(bilan: Bilan, images: bool = True, search: list[Path] | None = None) -> bytes:
    """The bilan as the bytes of a .docx file, in the first `modele.docx` of the template
    folders `search` if there is one (see `word_reference`)."""
    return _Writer(bilan, images, search or []).write()
