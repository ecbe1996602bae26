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
from ..figures.compute import NON_RENSEIGNE, Decompte
from ..french.agreement import compte, forme
from ..french.formatting import (
    accord,
    chiffre,
    date_fr,
    decimales,
    ecart,
    effectif,
    en_unite,
    liste_fr,
    nombre,
    pourcentage,
    romain,
)
from ..models.evaluation import (
    LIBELLES_APPRECIATIONS,
    Appreciation,
    EvaluationObjectifs,
    Jugement,
)
from ..models.plan import LIBELLES_STATUTS, Action, Plan
from .objectifs import JUGES

if TYPE_CHECKING:
    from ..models.partenaires import Partenaire
    from .actions import ActionPeriode, AnneeAction, Somme
    from .construction import Evaluation
    from .gouvernance import InstancePeriode, SaisinesAnnee
    from .objectifs import Avis, ObjectifEvalue
    from .qualite import Lacune, Parts
    from .suivi import AnneeIndicateur, LigneSuivi

COLONNES_APPRECIATIONS = {
    Appreciation.ATTEINT: "Objectifs atteints",
    Appreciation.MOINS_ATTEINT: "Objectifs moins atteints",
    Appreciation.NON_ATTEINT: "Objectifs non atteints",
    Appreciation.SANS_OPINION: "Sans opinion",
}
"""A round of judgments as Poitiers' table heads it, one column per appreciation."""

_PARTS = {
    "sources": ("indicateur", "une source de vérification"),
    "pilotes": ("action", "un pilote"),
    "valeurs": "Indicateurs avec une valeur",
    "statuts": "Actions avec un statut de l'année",
}
"""Each share of the follow-up (`qualite.Parts.quoi`): over the period, what is counted and
what it has; year by year, the row's label."""


class Textes:
    """The words of a plan's evaluation."""

    sommaire = "Sommaire"
    le_territoire = "Le territoire"
    trajectoires = "Trajectoires"
    jamais_commencees = "Actions jamais commencées"
    continuees = "Actions qui continuent le plan précédent"
    colonnes_objectifs = ("Axe ou objectif", "Indicateurs", "Selon les indicateurs", "Jugements")
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
        """`Années évaluées : 2019, 2020, 2021 et 2022 (pas de fichier d'activité pour 2018)`."""
        e = self.evaluation
        if not e.annees:
            return f"Aucune année d'activité à évaluer ({NON_RENSEIGNE})"
        titre = forme(len(e.annees), "Année évaluée", "Années évaluées")
        text = f"{titre} : {liste_fr([str(a) for a in e.annees])}"
        manquantes = e.qualite.annees_sans_activite
        if manquantes:
            text += f" (pas de fichier d'activité pour {liste_fr([str(a) for a in manquantes])})"
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
                    label += f" sur {juges} ayant une cible et une valeur"
                else:
                    label += f" sur {juges}"
                chiffres.append((nombre(atteints), label))
            else:
                n = len(e.indicateurs)
                label = forme(n, "indicateur suivi", "indicateurs suivis")
                chiffres.append((nombre(n), f"{label}, sans cible à atteindre"))
        lignes = e.actions.lignes
        if lignes:
            commencees = sum(1 for a in lignes if a.commencee)
            chiffres.append(
                (
                    nombre(commencees),
                    f"{forme(commencees, 'action commencée', 'actions commencées')}"
                    f" sur {len(lignes)}",
                )
            )
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
        somme = ", comparé à la somme des cibles" if self.avec_cibles else ""
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
        """The period row: (label, target, value, rate, gap, status), or (label, value)."""
        p = ligne.periode
        if not self.avec_cibles:
            return (self.periode_libelle(ligne), self.periode_valeur(ligne))
        return (
            self.periode_libelle(ligne),
            self.periode_cible(ligne),
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
            if self.avec_cibles:
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
        """The bilan's value, and what it is made of (`83 % (35 / 42)`, `12 (calculé)`)."""
        ligne = annee.ligne
        return ligne.valeur + (f" ({ligne.detail})" if ligne.detail else "")

    @staticmethod
    def taux(value: float | None) -> str:
        return pourcentage(value) if value is not None else ""

    def periode_libelle(self, ligne: LigneSuivi) -> str:
        """`Cumul 2019–2022`, `Cumul 2021–2023 (total relevé en 2023)`, `Dernière valeur (2022)`.

        A total since the plan's start (a measurement's `cumul`) covers the plan's first
        years, with or without an activity file."""
        p = ligne.periode
        if p.cumul:
            debut = self.evaluation.plan.periode.debut if p.total_en else self.annees[0]
            span = f"{debut}–{self.annees[-1]}" if debut != self.annees[-1] else ""
            text = f"Cumul {span}".strip()
            return text + (f" (total relevé en {p.total_en})" if p.total_en else "")
        return f"Dernière valeur ({p.annee})" if p.annee else "Dernière valeur"

    @staticmethod
    def periode_cible(ligne: LigneSuivi) -> str:
        """The target over the period: the sum of the years' (cumulative), or the latest's."""
        p = ligne.periode
        if p.cible is None:
            return ""
        text = en_unite(p.cible, ligne.indicateur.unite)
        return f"{text} (somme des cibles)" if p.cumul and len(ligne.annees) > 1 else text

    @staticmethod
    def _decimales(ligne: LigneSuivi) -> int:
        p = ligne.periode
        return decimales(p.valeur, p.cible) if p.valeur is not None and not p.partiel else 0

    def periode_valeur(self, ligne: LigneSuivi) -> str:
        """`38`, `83 %`, `au moins 700` (a sum some of whose years are unknown)."""
        p = ligne.periode
        valeur = en_unite(p.valeur, ligne.indicateur.unite, self._decimales(ligne))
        return f"au moins {valeur}" if p.valeur is not None and p.partiel else valeur

    @staticmethod
    def periode_manque(ligne: LigneSuivi) -> str:
        """`non renseigné en 2019, 2020 et 2021`: the years a cumulative sum lacks."""
        p = ligne.periode
        if not (p.cumul and p.valeur is not None and p.sans_valeur):
            return ""
        return f"{NON_RENSEIGNE} en {liste_fr([str(a) for a in p.sans_valeur])}"

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

    # ------------------------------------------------------------ actions

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
        """`En cours, 60 %`, the year's status; `non renseigné` when the year does not say."""
        if annee.suivi is None:
            return f"statut {NON_RENSEIGNE}"
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
            lines.append(
                f"Prévu : {self.somme(ligne.prevu)} ; dépensé : {self.somme(ligne.depense)}"
            )
        if ligne.action.statut is not None:
            lines.append(f"Statut dans le plan : {LIBELLES_STATUTS[ligne.action.statut].lower()}")
        return lines or [f"aucune réalisation enregistrée de {self.annees[0]} à {self.annees[-1]}"]

    @staticmethod
    def somme(somme: Somme) -> str:
        """`4 200 €`, `au moins 4 200 €` when a line lacks its figure, or `non renseigné`."""
        text = en_unite(somme.valeur, "euros")
        return f"au moins {text}" if somme.partiel and somme.valeur is not None else text

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

    # ------------------------------------------------------------ objectives

    @staticmethod
    def titre_objectif(objectif: ObjectifEvalue) -> str:
        """`Axe 1 – Lutte contre la stigmatisation`, `1.1 Les semaines d'information…`."""
        if objectif.niveau == "axe":
            return f"Axe {objectif.id}" + (f" – {objectif.titre}" if objectif.titre else "")
        return f"{objectif.id} {objectif.titre or ''}".strip()

    @staticmethod
    def indicateurs_objectif(objectif: ObjectifEvalue) -> str:
        """`3 indicateurs : 2 atteints, 1 non atteint`; `aucun indicateur`."""
        n = len(objectif.indicateurs)
        if not n:
            return "aucun indicateur"
        statuts = objectif.statuts
        if not statuts:
            aucun = "qui n'a pas" if n == 1 else "dont aucun n'a"
            return f"{accord(n, 'indicateur')}, {aucun} à la fois une cible et une valeur"
        parts = [f"{count} {statut}" for statut, count in sorted(statuts.items())]
        return f"{accord(n, 'indicateur')} : {', '.join(parts)}"

    def calcul(self, objectif: ObjectifEvalue) -> str:
        return objectif.calcul or self.non_calculable

    @staticmethod
    def avis(avis: Avis) -> str:
        """`Atteint — Acteurs du CLSM, questionnaire en ligne (2022)`."""
        e = avis.evaluation
        qui = e.par + (f", {e.methode.lower()}" if e.methode else "")
        text = f"{LIBELLES_APPRECIATIONS[avis.jugement.appreciation]} — {qui} ({avis.annee})"
        return text + (f" : {avis.jugement.commentaire}" if avis.jugement.commentaire else "")

    @staticmethod
    def titre_evaluation(evaluation: EvaluationObjectifs) -> str:
        """`Acteurs du CLSM — questionnaire en ligne`."""
        methode = f" — {evaluation.methode.lower()}" if evaluation.methode else ""
        return evaluation.par + methode

    @staticmethod
    def details_evaluation(evaluation: EvaluationObjectifs, annee: int) -> str:
        """`15 répondants · 2022`."""
        pieces = []
        if evaluation.repondants is not None:
            pieces.append(accord(evaluation.repondants, "répondant"))
        pieces.append(date_fr(evaluation.date) if evaluation.date else str(annee))
        return " · ".join(pieces)

    @staticmethod
    def colonnes_evaluation(evaluation: EvaluationObjectifs) -> list[Appreciation]:
        """The appreciations the round gives, in the order of the list."""
        given = {j.appreciation for j in evaluation.jugements}
        return [a for a in Appreciation if a in given]

    @staticmethod
    def colonne_appreciation(appreciation: Appreciation) -> str:
        return COLONNES_APPRECIATIONS[appreciation]

    def juges(self, evaluation: EvaluationObjectifs, appreciation: Appreciation) -> list[str]:
        """The objectives a round gave an appreciation, as the judges named them, and the
        plan's axis or objective they are tied to: `Lutte contre la stigmatisation (axe 1)`."""
        return [
            self.objectif_juge(j) for j in evaluation.jugements if j.appreciation is appreciation
        ]

    def objectif_juge(self, jugement: Jugement) -> str:
        """`Lutte contre la stigmatisation (axe 1)`, `Observation en santé mentale`, or the
        plan's own title when the judgment names only its id (`1.1 Sensibiliser`)."""
        plan = self.evaluation.plan
        axe = next((a for a in plan.axes if a.id == jugement.objectif), None)
        if jugement.objectif is None:
            return jugement.titre or ""
        niveau = "axe" if axe is not None else "objectif"
        if jugement.titre:
            return f"{jugement.titre} ({niveau} {jugement.objectif})"
        if axe is not None:
            return f"Axe {axe.id}" + (f" – {axe.titre}" if axe.titre else "")
        obj = next((o for a in plan.axes for o in a.objectifs if o.id == jugement.objectif), None)
        return f"{jugement.objectif} {obj.titre or ''}".strip() if obj else jugement.objectif

    # ------------------------------------------------------------ partnership, governance

    @staticmethod
    def actifs(n: int | None) -> str:
        return nombre(n)

    @staticmethod
    def noms(partenaires: list[Partenaire]) -> str:
        return liste_fr([p.nom for p in partenaires]) if partenaires else "—"

    @property
    def colonnes_reunions(self) -> tuple[str, ...]:
        return ("Instance", *map(str, self.annees), "Prévues par an")

    @staticmethod
    def prevues(instance: InstancePeriode) -> str:
        return nombre(instance.prevues)

    @staticmethod
    def reunions_annee(n: int | None) -> str:
        return nombre(n)

    def colonnes_saisines(self, niveaux: list[int]) -> tuple[str, ...]:
        return ("Année", "Saisines", *(f"Niveau {n}" for n in niveaux))

    @staticmethod
    def niveau(saisines: SaisinesAnnee, niveau: int) -> str:
        if saisines.par_niveau is None:
            return NON_RENSEIGNE
        return nombre(saisines.par_niveau.get(niveau, 0))

    @property
    def total_periode(self) -> str:
        if not self.annees:
            return "Total"
        first, last = self.annees[0], self.annees[-1]
        return f"Total {first}" if first == last else f"Total {first}–{last}"

    @staticmethod
    def total(decompte: Decompte) -> str:
        """`38`, `au moins 6` when some year does not say, or `non renseigné`."""
        if decompte.valeur is None:
            return NON_RENSEIGNE
        return ("au moins " if decompte.partiel else "") + nombre(decompte.valeur)

    def total_niveau(self, niveau: int) -> str:
        saisines = self.evaluation.gouvernance.saisines
        return self.total(
            Decompte(
                sum((s.par_niveau or {}).get(niveau, 0) for s in saisines if s.par_niveau),
                sum(1 for s in saisines if s.par_niveau is None),
            )
        )

    # ------------------------------------------------------------ quality of the follow-up

    @staticmethod
    def part(parts: Parts) -> str:
        """`8 indicateurs sur 10 ont une source de vérification (80 %)`."""
        assert parts.ensemble is not None
        part = parts.ensemble
        nom, complement = _PARTS[parts.quoi]
        verbe = forme(part.nombre, "a", "ont")
        text = f"{accord(part.nombre, nom)} sur {part.total} {verbe} {complement}"
        return f"{text} ({pourcentage(part.taux)})"

    @property
    def colonnes_qualite(self) -> tuple[str, ...]:
        chaque = ("Chaque année",) if len(self.annees) > 1 else ()
        return ("", *map(str, self.annees), *chaque)

    @staticmethod
    def libelle_parts(parts: Parts) -> str:
        return str(_PARTS[parts.quoi])

    @staticmethod
    def cellules_parts(parts: Parts) -> list[str]:
        """`8 sur 10 (80 %)`, each year, then every year when several are evaluated."""
        cells = [*parts.annees, *([parts.chaque_annee] if len(parts.annees) > 1 else [])]
        return [f"{p.nombre} sur {p.total} ({pourcentage(p.taux)})" for p in cells if p]

    @property
    def sans_activite(self) -> str:
        """`Aucun fichier d'activité pour 2018 : l'évaluation n'en dit rien.`"""
        manquantes = self.evaluation.qualite.annees_sans_activite
        if not manquantes:
            return ""
        annees = liste_fr([str(a) for a in manquantes])
        return f"Aucun fichier d'activité pour {annees} : l'évaluation n'en dit rien."

    @staticmethod
    def element(lacune: Lacune) -> str:
        """`Indicateur 1.1.1-a – Libellé`, `Action 1.1.1 – Titre`."""
        if lacune.indicateur is not None:
            return f"Indicateur {lacune.indicateur.id} – {lacune.indicateur.libelle}"
        assert lacune.action is not None
        return f"Action {lacune.action.id} – {lacune.action.titre}"

    @staticmethod
    def manque(lacune: Lacune) -> str:
        """`source de vérification ; valeur en 2019 et 2020`."""
        pieces = []
        if lacune.sans_source:
            pieces.append("source de vérification")
        if lacune.annees_sans_valeur:
            pieces.append(f"valeur en {liste_fr([str(a) for a in lacune.annees_sans_valeur])}")
        if lacune.sans_pilote:
            pieces.append("pilote")
        if lacune.annees_sans_statut:
            pieces.append(f"statut en {liste_fr([str(a) for a in lacune.annees_sans_statut])}")
        return " ; ".join(pieces)

    @staticmethod
    def chiffre(value: Decompte | int | None) -> str:
        return chiffre(value)
