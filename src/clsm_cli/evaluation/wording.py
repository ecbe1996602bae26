"""The evaluation's words, decided once for every format.

Headings, table headers, key figures and the sentences built around figures are written
here; the HTML and Markdown templates get them as `textes`, the Word and Excel writers read
them, and each renderer only decides the markup. Names are French, as template authors read
them: `{{ textes.periode_valeur(l) }}`. A year's row of the tracking table keeps the bilan's
own words (`LigneIndicateur`), so that it reads as that year's bilan did.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..bilan.wording import Chiffres
from ..figures import tracking
from ..figures.compute import HORS_CALENDRIER, NON_RENSEIGNE
from ..french.agreement import compte, forme
from ..french.formatting import (
    annees_fr,
    au_moins,
    decimales,
    ecart,
    en_unite,
    liste_fr,
    nombre,
    pourcentage,
    romain,
)
from .objectifs import JUGES
from .wording_actions import TextesActions
from .wording_periode import TextesPeriode

if TYPE_CHECKING:
    from .construction import Evaluation
    from .suivi import AnneeIndicateur, LigneSuivi


class Textes(TextesActions, TextesPeriode):
    """The words of a plan's evaluation (its actions' in wording_actions.py, its last
    parts' in wording_periode.py)."""

    sommaire = "Sommaire"
    le_territoire = "Le territoire"
    trajectoires = "Trajectoires"
    jamais_commencees = "Actions jamais commencées"
    continuees = "Actions qui continuent le plan précédent"
    evaluations = "Les jugements recueillis"
    partenaires_actifs = "Partenaires actifs"
    colonnes_partenariat = ("Année", "Partenaires actifs", "Nouveaux partenaires", "Sortants")
    reunions = "Réunions des instances"
    saisines = "Saisines de la cellule"
    a_completer = "À compléter avant le comité de pilotage"
    colonnes_lacunes = ("Élément", "Ce qui manque")
    non_calculable = "non calculable"

    def __init__(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation
        self.annees = evaluation.annees

    # ------------------------------------------------------------ title page and sections

    def titre_section(self, anchor: str) -> str:
        """`II. Le suivi des indicateurs`."""
        titre = dict(self.evaluation.sections)[anchor]
        return f"{romain(self.evaluation.numeros[anchor])}. {titre}"

    @property
    def territoire_couvert(self) -> str:
        return f"Territoire : {self.evaluation.territoire.territoire}"

    @property
    def plan_evalue(self) -> str:
        """`Plan évalué : CLSM de Poitiers 2018 – 2022 (plan-2018-2022.yaml)`."""
        e = self.evaluation
        return f"Plan évalué : {e.plan.titre} ({e.fichier})"

    @property
    def annees_evaluees(self) -> str:
        """`Années évaluées : 2019, 2020, 2021 et 2022`. The plan's years without an activity
        file are said once, with the quality of the follow-up (`sans_activite`)."""
        e = self.evaluation
        if not e.annees:
            return f"Aucune année d'activité à évaluer ({NON_RENSEIGNE})"
        titre = forme(len(e.annees), "Année évaluée", "Années évaluées")
        text = f"{titre} : {liste_fr([str(a) for a in e.annees])}"
        if e.a_mi_parcours:  # what is not yet reached is under way
            text += f" — à mi-parcours, le plan court jusqu'en {e.plan.periode.fin}"
        return text

    # ------------------------------------------------------------ summary

    @property
    def chiffres_cles(self) -> Chiffres:
        """The evaluation at a glance: indicators reached, actions, objectives, partners."""
        e = self.evaluation
        chiffres: Chiffres = [(nombre(len(e.annees)), forme(len(e.annees), "année évaluée"))]
        if e.indicateurs:
            statuts = [s.periode.statut for s in e.indicateurs]
            atteints = statuts.count("atteint")
            juges = sum(1 for s in statuts if s in JUGES)
            if juges:
                label = forme(atteints, "indicateur atteint", "indicateurs atteints")
                if juges < len(statuts):
                    label += f" sur {nombre(juges)} ayant un statut sur la période"
                else:
                    label += f" sur {nombre(juges)}"
                chiffres.append((nombre(atteints), label))
            else:
                n = len(e.indicateurs)
                label = forme(n, "indicateur suivi", "indicateurs suivis")
                chiffres.append((nombre(n), f"{label}, sans cible à atteindre"))
        renseignees = [a for a in e.actions.lignes if a.renseignee]
        if renseignees:  # an action the files say nothing of is not counted as not started
            commencees = sum(1 for a in renseignees if a.commencee)
            sur = f" sur {nombre(len(renseignees))}"
            if len(renseignees) < len(e.actions.lignes):
                sur += " dont l'état est renseigné"
            label = forme(commencees, "action commencée", "actions commencées")
            chiffres.append((nombre(commencees), label + sur))
        actifs = [(a.annee, a.actifs) for a in e.gouvernance.partenariat if a.actifs]
        if actifs:
            annee, n = actifs[-1]
            chiffres.append((nombre(n), f"{forme(n, 'partenaire actif')} en {annee}"))
        return chiffres

    # ------------------------------------------------------------ tracking table

    @functools.cached_property
    def avec_cibles(self) -> bool:
        """Whether some indicator has a target: the target, rate, gap and status columns are
        shown only then (without any, every status would say « sans cible »)."""
        return any(ligne.indicateur.cibles for ligne in self.evaluation.indicateurs)

    @property
    def colonnes_suivi(self) -> tuple[str, ...]:
        if self.avec_cibles:
            return ("Indicateur", "Année", "Cible", "Valeur", "Taux d'atteinte", "Écart", "Statut")
        return ("Indicateur", "Année", "Valeur")

    @property
    def explication_suivi(self) -> str:
        """How to read the tracking table (its columns depend on whether there are targets)."""
        annee = (
            "Chaque année donne la cible qui s'applique, la valeur, le taux d'atteinte de la"
            " cible, l'écart et le statut"
            if self.avec_cibles
            else "Chaque année donne la valeur de l'indicateur (aucun n'a de cible)"
        )
        somme = (
            ", comparé aux cibles de ces années, chacune comptée une fois"
            if self.avec_cibles
            else ""
        )
        return (
            f"{annee}, comme le bilan de cette année-là ; des années sans valeur qui se suivent"
            " sont réunies. La dernière ligne de chaque indicateur dit la période : le cumul des"
            f" années pour un indicateur qui s'additionne (des personnes touchées){somme} ; la"
            " dernière valeur pour les autres (un taux, un oui-non)."
        )

    @staticmethod
    def titre_indicateur(ligne: LigneSuivi) -> str:
        return f"{ligne.indicateur.id} – {ligne.indicateur.libelle}"

    @staticmethod
    def details_indicateur(ligne: LigneSuivi) -> str:
        """`Action 1.1.1 · référence 43 % (2018) · se cumule d'une année à l'autre`."""
        ind = ligne.indicateur
        pieces = [f"Action {ligne.action.id}"]
        if ind.numerateur and ind.denominateur:
            pieces.append(f"{ind.numerateur} / {ind.denominateur}")
        if ind.reference is not None:
            valeur = en_unite(ind.reference.valeur, ind.unite)
            pieces.append(f"référence {valeur} ({ind.reference.annee})")
        pieces.append(
            "se cumule d'une année à l'autre" if ligne.periode.cumul else "dernière valeur"
        )
        return " · ".join(pieces)

    def suivi(
        self, ligne: LigneSuivi
    ) -> tuple[str, str, list[tuple[str, ...]], tuple[str, ...], str]:
        """An indicator's part of the tracking table, in one call (a large plan has
        thousands): its title, its details, its year rows (`lignes_suivi`), its period row
        (`ligne_periode`) and what its period lacks (`periode_manque`)."""
        return (
            self.titre_indicateur(ligne),
            self.details_indicateur(ligne),
            self.lignes_suivi(ligne),
            self.ligne_periode(ligne),
            self.periode_manque(ligne),
        )

    def ligne_periode(self, ligne: LigneSuivi) -> tuple[str, ...]:
        """The period row: (label, target, value, rate, gap, status), or (label, value); the
        target's figure alone, what it is made of being `periode_cible_detail`."""
        p = ligne.periode
        if not self.avec_cibles:
            return (self.periode_libelle(ligne), self.periode_valeur(ligne))
        return (
            self.periode_libelle(ligne),
            self.periode_cible_valeur(ligne),
            self.periode_valeur(ligne),
            self.taux(p.taux),
            self.periode_ecart(ligne),
            p.statut,
        )

    def lignes_suivi(self, ligne: LigneSuivi) -> list[tuple[str, ...]]:
        """An indicator's rows, consecutive years that say the same merged: (years, target,
        value, rate, gap, status), or (years, value) without targets in the plan."""
        rows: list[tuple[str, ...]] = []
        for groupe in ligne.groupes:
            a, annees = groupe[0], f"{groupe[0].annee}"
            if len(groupe) > 1:
                annees += f"–{groupe[-1].annee}"
            valeur = self.valeur_annee(a)
            if a.hors_calendrier:  # nothing was due: no target, rate, gap nor status
                rows.append(
                    (annees, "", valeur, "", "", "") if self.avec_cibles else (annees, valeur)
                )
            elif self.avec_cibles:
                rows.append(
                    (
                        annees,
                        a.ligne.cible,
                        valeur,
                        self.taux(a.taux),
                        a.ligne.ecart,
                        a.ligne.statut,
                    )
                )
            else:
                rows.append((annees, valeur))
        return rows

    @staticmethod
    def valeur_annee(annee: AnneeIndicateur) -> str:
        """The bilan's value, and what it is made of (`83 % (35 / 42)`, `12 (calculé)`);
        `hors calendrier` for a year the action does not run in, without a value."""
        if annee.hors_calendrier:
            return HORS_CALENDRIER
        ligne = annee.ligne
        return ligne.valeur + (f" ({ligne.detail})" if ligne.detail else "")

    @staticmethod
    def taux(value: float | None) -> str:
        return pourcentage(value) if value is not None else ""

    def periode_libelle(self, ligne: LigneSuivi) -> str:
        """`Cumul 2019–2022`, `Cumul 2021–2023 (total relevé en 2023)`, `Cumul 2022` (one year),
        `Dernière valeur (2022)`.

        A sum covers the years it counts (`cumul.Cumul.depuis`): a total since the plan's
        start (a measurement's `cumul`) its first years, with or without an activity file;
        a target aimed over years before the first file, those years too."""
        p = ligne.periode
        if p.cumul:
            debut = p.depuis or self.annees[0]
            text = f"Cumul {annees_fr(debut, p.fin or self.annees[-1])}"
            return text + (f" (total relevé en {p.total_en})" if p.total_en else "")
        return f"Dernière valeur ({p.annee})" if p.annee else "Dernière valeur"

    def periode_cible(self, ligne: LigneSuivi) -> str:
        """The target over the period: for a sum, the targets that applied to its years, each
        counted once, named (`210 (60 en 2025 + 150 en fin de plan)`); otherwise the latest
        value's year's."""
        text = self.periode_cible_valeur(ligne)
        detail = self.periode_cible_detail(ligne)
        return f"{text} ({detail})" if detail else text

    @staticmethod
    def periode_cible_valeur(ligne: LigneSuivi) -> str:
        """The period's target as a figure (`300`), without what it is made of."""
        p = ligne.periode
        return en_unite(p.cible, ligne.indicateur.unite) if p.cible is not None else ""

    def periode_cible_detail(self, ligne: LigneSuivi) -> str:
        """What a sum's target over several years is made of: `60 en 2025 + 150 en fin de
        plan`, `cible de la fin du plan` (one target for several years), `somme des cibles`
        beyond three; empty for one year's target or the latest value's."""
        parts = [self._cibles_comptees(ligne), self._cibles_a_venir(ligne)]
        return " ; ".join(part for part in parts if part)

    @staticmethod
    def _cibles_comptees(ligne: LigneSuivi) -> str:
        p = ligne.periode
        if p.cible is None or not p.cumul or not (len(ligne.annees) > 1 or p.total_en):
            return ""
        if len(p.cibles) > 3:
            return "somme des cibles"
        if len(p.cibles) > 1:
            unite = ligne.indicateur.unite
            return " + ".join(
                f"{en_unite(c.valeur, unite)} en {c.annee or 'fin de plan'}" for c in p.cibles
            )
        annee = p.cibles[0].annee
        return f"cible de {annee}" if annee else "cible de la fin du plan"

    def _cibles_a_venir(self, ligne: LigneSuivi) -> str:
        """At mid-term, the targets due after the years evaluated, which the period's line
        does not judge yet: `puis 500 en 2027`, `puis 150 en fin de plan`."""
        e = self.evaluation
        if not e.a_mi_parcours or not ligne.annees or len(ligne.indicateur.cibles) < 2:
            return ""
        derniere, fin = ligne.annees[-1].annee, e.plan.periode.fin
        appliquee = tracking.cible_applicable(ligne.indicateur, ligne.periode.annee or derniere)
        comptees = ligne.periode.cibles or ([appliquee] if appliquee else [])
        unite = ligne.indicateur.unite
        a_venir = sorted(
            (c for c in ligne.indicateur.cibles if (c.annee or fin) > derniere),
            key=lambda c: c.annee or fin,
        )
        said = [
            f"{en_unite(c.valeur, unite)} en {c.annee or 'fin de plan'}"
            for c in a_venir
            if not any(c is x for x in comptees)
        ]
        return f"puis {liste_fr(said)}" if said else ""

    @staticmethod
    def _decimales(ligne: LigneSuivi) -> int:
        p = ligne.periode
        return decimales(p.valeur, p.cible) if p.valeur is not None and not p.partiel else 0

    def periode_valeur(self, ligne: LigneSuivi) -> str:
        """`38`, `83 %`, `au moins 700` (a sum some of whose years are unknown)."""
        p = ligne.periode
        return au_moins(p.valeur, p.partiel, ligne.indicateur.unite, self._decimales(ligne))

    @staticmethod
    def periode_manque(ligne: LigneSuivi) -> str:
        """`non renseigné en 2019, 2020 et 2021`: the years a cumulative sum lacks, or those
        after the latest value (it may no longer hold)."""
        p = ligne.periode
        if p.valeur is None:
            return ""
        manque = p.sans_valeur if p.cumul else [a for a in p.sans_valeur if a > (p.annee or 0)]
        return f"{NON_RENSEIGNE} en {liste_fr([str(a) for a in manque])}" if manque else ""

    def periode_ecart(self, ligne: LigneSuivi) -> str:
        p = ligne.periode
        if p.valeur is None or p.cible is None or p.partiel:
            return ""
        return ecart(p.valeur, p.cible, ligne.indicateur.unite, self._decimales(ligne))

    @staticmethod
    def trop_de_trajectoires(count: int) -> str:
        return (
            f"{compte(count, 'indicateur a', 'indicateurs ont')} une valeur : trop pour en"
            " tracer les trajectoires, que le tableau donne année par année."
        )

    # ------------------------------------------------------------ objectives

    @functools.cached_property
    def avec_jugements(self) -> bool:
        """Whether some axis or objective of the plan was judged: the judgments column is
        shown only then (empty on every row, it read like judgments forgotten; those on
        objectives outside the plan are in their rounds' tables)."""
        return any(o.avis for o in self.evaluation.objectifs.lignes)

    @property
    def colonnes_objectifs(self) -> tuple[str, ...]:
        colonnes = ("Axe ou objectif", "Indicateurs", "Selon les indicateurs")
        return (*colonnes, "Jugements") if self.avec_jugements else colonnes
