"""The evaluation's words for the actions over the period: each year's status and work,
the period's, the actions never started and those carried into the next plan (`Textes` in
wording.py takes them from here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..figures.compute import absent
from ..french.formatting import accord, au_moins, effectif, en_unite, pendant_fr
from ..models.plan import LIBELLES_STATUTS, Action, Plan

if TYPE_CHECKING:
    from ..figures.money import Somme
    from .actions import ActionPeriode, AnneeAction
    from .construction import Evaluation


class TextesActions:
    """The words of the evaluation's actions over the period."""

    evaluation: Evaluation
    annees: list[int]

    @property
    def colonnes_actions(self) -> tuple[str, ...]:
        return ("Action", *map(str, self.annees), "Sur la période")

    @staticmethod
    def titre_action(action: Action) -> str:
        return f"{action.id} {action.titre}"

    def action(
        self, ligne: ActionPeriode
    ) -> tuple[str, str, list[tuple[str, str, bool]], list[str]]:
        """An action's row, in one call: its number, its title, each year's (status, work,
        whether the year gives the status), and the period's lines."""
        annees = [
            (self.statut_annee(a), self.travaux_annee(a), a.suivi is not None) for a in ligne.annees
        ]
        return ligne.action.id, ligne.action.titre, annees, self.periode_action(ligne)

    @staticmethod
    def statut_annee(annee: AnneeAction) -> str:
        """`En cours, 60 %`, the year's status; `non renseigné` when the year does not say,
        `hors calendrier` when it is not one of the action's years (`calendrier`)."""
        if annee.suivi is None:
            mot = absent(annee.prevue)
            return f"statut {mot}" if annee.prevue else mot
        text = LIBELLES_STATUTS[annee.suivi.statut]
        if annee.suivi.avancement is not None:
            text += f", {en_unite(annee.suivi.avancement, 'pourcentage')}"
        return text

    @staticmethod
    def travaux_annee(annee: AnneeAction) -> str:
        """`2 réalisations, 45 personnes`; empty without realisation."""
        if not annee.realisations:
            return ""
        text = accord(annee.realisations, "réalisation")
        if annee.personnes.valeur is not None:
            text += ", " + effectif(annee.personnes, "personne")
        return text

    def periode_action(self, ligne: ActionPeriode) -> list[str]:
        """The action over the period, line by line: work, money, the plan's own status."""
        lines = []
        if ligne.realisations:
            text = accord(ligne.realisations, "réalisation")
            if ligne.personnes.valeur is not None:
                text += ", " + effectif(ligne.personnes, "personne")
            lines.append(text)
        if ligne.financee:
            text = f"Prévu : {self.somme(ligne.prevu)} ; dépensé : {self.somme(ligne.depense)}"
            depasse = self.depassement(ligne.prevu, ligne.depense)
            lines.append(f"{text} ({depasse} de plus que prévu)" if depasse else text)
        if ligne.action.statut is not None:
            lines.append(f"Statut dans le plan : {LIBELLES_STATUTS[ligne.action.statut].lower()}")
        return lines or [
            f"aucune réalisation enregistrée {pendant_fr(self.annees[0], self.annees[-1])}"
        ]

    @staticmethod
    def depassement(prevu: Somme, depense: Somme) -> str:
        """What was spent beyond the whole planned amount (`800 €`, `au moins 800 €` when a
        line lacks what it spent); empty when within it, or when the planned amount is not
        wholly known."""
        if prevu.valeur is None or prevu.partiel or depense.valeur is None:
            return ""
        ecart = depense.valeur - prevu.valeur
        return au_moins(ecart, depense.partiel, "euros") if ecart > 0 else ""

    @staticmethod
    def somme(somme: Somme) -> str:
        """`4 200 €`, `au moins 4 200 €` when a line lacks its figure, or `non renseigné`."""
        return au_moins(somme.valeur, somme.partiel, "euros")

    @staticmethod
    def dernier_statut(ligne: ActionPeriode) -> str:
        """`1.2.3 Séminaire… — reportée en 2022 : le second temps…`."""
        text = f"{ligne.action.id} {ligne.action.titre}"
        suivi = next(((a.annee, a.suivi) for a in reversed(ligne.annees) if a.suivi), None)
        if suivi is not None:
            annee, s = suivi
            text += f" — {LIBELLES_STATUTS[s.statut].lower()} en {annee}"
            text += f" : {s.commentaire}" if s.commentaire else ""
        return text

    @staticmethod
    def plan_nomme(plan: Plan | None) -> str:
        return f"plan {plan.periode.debut}–{plan.periode.fin}" if plan else "plan précédent"

    def poursuivies(self) -> str:
        plan = self.evaluation.plan_suivant
        return f"Actions poursuivies dans le {self.plan_nomme(plan)}"

    @staticmethod
    def suites(ligne: ActionPeriode) -> str:
        """`3.1.1 Animer la cellule → 2.1.1 Animer la cellule… (plan 2023–2027)`."""
        suites = " ; ".join(f"{a.id} {a.titre}" for _, a in ligne.suites)
        return f"{ligne.action.id} {ligne.action.titre} → {suites}"

    def origine(self, ligne: ActionPeriode) -> str:
        """`2.1.1 Animer… continue l'action 3.1.1 du plan 2018–2022 (Animer la cellule…)`."""
        assert ligne.origine is not None
        plan, ancienne = ligne.origine
        text = f"{ligne.action.id} {ligne.action.titre} continue l'action {ligne.action.suite_de}"
        text += f" du {self.plan_nomme(plan)}"
        return text + (f" ({ancienne.titre})" if ancienne else "")
