"""The evaluation as a Word document: the bilan's Word plumbing (`WordWriter`: the user's
`modele.docx`, headings in Word's styles, tables whose header repeats, charts), the
evaluation's parts, its words from `wording`."""

from __future__ import annotations

from pathlib import Path

from ..bilan.writers.word_document import WordWriter, avec_notes
from ..bilan.writers.wordml import run
from .construction import NOUVELLE_PAGE, Evaluation
from .wording import Textes


class _Writer(WordWriter):
    """Appends the evaluation's parts to a python-docx Document."""

    def __init__(self, evaluation: Evaluation, images: bool, search: list[Path]) -> None:
        super().__init__(
            images,
            search,
            titre=f"{evaluation.territoire.nom} — {evaluation.titre}",
            sujet=evaluation.territoire.territoire,
            mots_cles="clsm; évaluation du plan d'action",
        )
        self.evaluation = evaluation
        self.textes = Textes(evaluation)

    def write(self) -> bytes:
        e, textes = self.evaluation, self.textes
        self.prepare(e.graphiques)
        lignes = (textes.territoire_couvert, textes.plan_evalue, textes.annees_evaluees)
        self.title_page(e.territoire.nom, e.titre, lignes)
        self.toc(textes.sommaire, [textes.titre_section(anchor) for anchor, _ in e.sections])
        for anchor, _ in e.sections:
            self.section(textes.titre_section(anchor), anchor in NOUVELLE_PAGE)
            getattr(self, f"_{anchor}")()
        return self.save()

    def _synthese(self) -> None:
        e, textes = self.evaluation, self.textes
        for figure, label in textes.chiffres_cles:
            self.body.paragraph(run(figure, bold=True) + run(f" {label}"), style="List Bullet")
        self.para(f"{textes.annees_evaluees}.")
        self.markdown(e.plan.objectif_global)
        if e.faits_territoire:
            self.heading(textes.le_territoire, 2)
            self.facts(e.faits_territoire)

    def _indicateurs(self) -> None:
        e, textes = self.evaluation, self.textes
        self.para(textes.explication_suivi, italic=True)
        self.table_beside(self._suivi)  # thousands of rows for a large plan
        for g in e.trajectoires:
            self.figure(g)
        if e.trop_de_trajectoires:
            self.para(textes.trop_de_trajectoires(e.trop_de_trajectoires), italic=True)

    def _suivi(self) -> str:
        """The tracking table's XML: each indicator's years, then its period."""
        e, textes = self.evaluation, self.textes
        cibles = textes.avec_cibles
        rows: list[list[str]] = []
        periodes: set[int] = set()
        lies: set[int] = set()  # an indicator's years stay with its period row
        for ligne in e.indicateurs:
            titre = avec_notes(textes.titre_indicateur(ligne), [textes.details_indicateur(ligne)])
            annees = textes.lignes_suivi(ligne)
            lies.update(range(len(rows), len(rows) + len(annees)))
            for index, cellules in enumerate(annees):
                rows.append([titre if index == 0 else "", *cellules])
            manque = textes.periode_manque(ligne)
            valeur = textes.periode_valeur(ligne) + (f"\n{manque}" if manque else "")
            row = ["" if ligne.annees else titre, textes.periode_libelle(ligne)]
            detail = textes.periode_cible_detail(ligne)
            cible = textes.periode_cible_valeur(ligne) + (f"\n{detail}" if detail else "")
            row += [cible] if cibles else []
            row += [valeur]
            if cibles:
                periode = ligne.periode
                row += [textes.taux(periode.taux), textes.periode_ecart(ligne), periode.statut]
            periodes.add(len(rows))
            rows.append(row)
        header = list(textes.colonnes_suivi)
        # the value and its detail (« 35 (calculé · cumul 2023–2024 : 61) ») get the room;
        # the years, « Cumul 2023–2025 » and « Dernière valeur » in bold, whole words; a gap
        # and « Taux d'atteinte » need little; « en bonne voie » one line
        widths = [2.9, 2.6, 2.1, 2.7, 2.3, 1.6, 2.6] if cibles else [8.0, 4.0, 5.0]
        statuts = len(header) - 1 if cibles else None
        chiffres = range(1, len(header) - 1) if cibles else range(1, len(header))
        return self.table_xml(
            header, rows, widths, statuts=statuts, gras=periodes, droite=chiffres, lies=lies
        )

    def _actions(self) -> None:
        actions, textes = self.evaluation.actions, self.textes
        rows = []
        for ligne in actions.lignes:
            row = [textes.titre_action(ligne.action)]
            for a in ligne.annees:
                travaux = textes.travaux_annee(a)
                row.append(textes.statut_annee(a) + (f"\n{travaux}" if travaux else ""))
            row.append("\n".join(textes.periode_action(ligne)))
            rows.append(row)
        self.table(list(textes.colonnes_actions), rows)
        if actions.jamais_commencees:
            self.heading(textes.jamais_commencees, 2)
            self.bullets([textes.dernier_statut(a) for a in actions.jamais_commencees])
        if actions.poursuivies:
            self.heading(textes.poursuivies(), 2)
            self.bullets([textes.suites(a) for a in actions.poursuivies])
        if actions.continuees:
            self.heading(textes.continuees, 2)
            self.bullets([textes.origine(a) for a in actions.continuees])

    def _objectifs(self) -> None:
        objectifs, textes = self.evaluation.objectifs, self.textes
        jugements = textes.avec_jugements
        rows = [
            [
                textes.titre_objectif(o),
                textes.indicateurs_objectif(o),
                textes.calcul(o),
                *(["\n".join(textes.avis(a) for a in o.avis)] if jugements else []),
            ]
            for o in objectifs.lignes
        ]
        axes = {n for n, o in enumerate(objectifs.lignes) if o.niveau == "axe"}
        widths = [5.5, 4.0, 2.8, 4.7] if jugements else [8.0, 5.5, 3.5]
        self.table(list(textes.colonnes_objectifs), rows, widths, statuts=2, gras=axes)
        if objectifs.evaluations:
            self.heading(textes.evaluations, 2)
        for annee, ev in objectifs.evaluations:
            self.heading(textes.titre_evaluation(ev), 3)
            self.para(textes.details_evaluation(ev, annee), italic=True)
            self.markdown(ev.texte)
            colonnes = textes.colonnes_evaluation(ev)
            if colonnes:
                cells = ["\n".join(f"• {x}" for x in textes.juges(ev, c)) for c in colonnes]
                self.table([textes.colonne_appreciation(c) for c in colonnes], [cells])

    def _gouvernance(self) -> None:
        e, textes = self.evaluation, self.textes
        g = e.gouvernance
        if g.a_partenariat:
            self.heading(textes.partenaires_actifs, 2)
            rows = [
                [
                    str(a.annee),
                    textes.actifs(a.actifs),
                    textes.noms(a.partenariat.nouveaux) if a.partenariat else "",
                    textes.noms(a.partenariat.sortants) if a.partenariat else "",
                ]
                for a in g.partenariat
            ]
            self.table(list(textes.colonnes_partenariat), rows, [1.8, 3.0, 8.2, 4.0], droite={1})
            self._figures("partenaires-annees")
        if g.instances:
            self.heading(textes.reunions, 2)
            rows = [
                [
                    i.instance.nom,
                    *(textes.reunions_annee(n) for n in i.reunions),
                    textes.prevues(i),
                ]
                for i in g.instances
            ]
            colonnes = list(textes.colonnes_reunions)
            self.table(colonnes, rows, droite=range(1, len(colonnes)))
        if g.a_saisines:
            self.heading(textes.saisines, 2)
            niveaux = g.niveaux
            rows = [
                [str(s.annee), textes.chiffre(s.nombre), *(textes.niveau(s, n) for n in niveaux)]
                for s in g.saisines
            ]
            rows.append(
                [
                    textes.total_periode,
                    textes.total(g.total_saisines),
                    *(textes.total_niveau(n) for n in niveaux),
                ]
            )
            colonnes = list(textes.colonnes_saisines(niveaux))
            chiffres = range(1, len(colonnes))
            self.table(colonnes, rows, gras={len(rows) - 1}, droite=chiffres)
            self._figures("saisines-annees")

    def _figures(self, ident: str) -> None:
        for g in self.evaluation.graphiques:
            if g.id == ident:
                self.figure(g)

    def _qualite(self) -> None:
        q, textes = self.evaluation.qualite, self.textes
        self.bullets([textes.part(p) for p in q.globales])
        if q.annuelles:
            rows = [[textes.libelle_parts(p), *textes.cellules_parts(p)] for p in q.annuelles]
            colonnes = list(textes.colonnes_qualite)
            self.table(colonnes, rows, droite=range(1, len(colonnes)))
        if textes.sans_activite:
            self.para(textes.sans_activite)
        if q.lacunes:
            self.heading(textes.a_completer, 2)
            rows = [[textes.element(lacune), textes.manque(lacune)] for lacune in q.lacunes]
            self.table(list(textes.colonnes_lacunes), rows, [10.0, 7.0])


def document(
    evaluation: Evaluation, images: bool = True, search: list[Path] | None = None
) -> bytes:
    """The evaluation as the bytes of a .docx file, in the first `modele.docx` of the template
    folders `search` if there is one."""
    writer = _Writer(evaluation, images, search or [])
    try:
        return writer.write()
    finally:
        writer.body.end_copies()  # after an error or a Ctrl-C: no copy left behind
