"""The evaluation's words for its last parts: objectives, partnership and governance, the
quality of the follow-up (`Textes` in wording.py takes them from here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..figures.compute import NON_RENSEIGNE, Decompte
from ..french.agreement import forme
from ..french.formatting import (
    accord,
    annees_fr,
    au_moins,
    chiffre,
    date_fr,
    liste_fr,
    nombre,
    pourcentage,
)
from ..kinds import ACTIVITE_DIR
from ..models.evaluation import (
    LIBELLES_APPRECIATIONS,
    Appreciation,
    EvaluationObjectifs,
    Jugement,
)

if TYPE_CHECKING:
    from ..models.partenaires import Partenaire
    from .construction import Evaluation
    from .gouvernance import InstancePeriode, SaisinesAnnee
    from .objectifs import Avis, ObjectifEvalue
    from .qualite import Lacune, Parts

COLONNES_APPRECIATIONS = {
    Appreciation.ATTEINT: "Objectifs atteints",
    Appreciation.MOINS_ATTEINT: "Objectifs moins atteints",
    Appreciation.NON_ATTEINT: "Objectifs non atteints",
    Appreciation.SANS_OPINION: "Sans opinion",
}
"""A round of judgments as Poitiers' table heads it, one column per appreciation."""

FICHIER_ACTIVITE = "fichier d'activité"
N_EN_DIT_RIEN = "l'évaluation n'en dit rien"
"""What a year of the plan without an activity file lacks, and what it means."""

_PARTS = {
    "sources": ("indicateur", "une source de vérification"),
    "pilotes": ("action", "un pilote"),
    "valeurs": "Indicateurs avec une valeur",
    "statuts": "Actions avec un statut de l'année",
}
"""Each share of the follow-up (`qualite.Parts.quoi`): over the period, what is counted and
what it has; year by year, the row's label."""


STATUTS_PERIODE = {
    "atteint": ("atteint", "atteints"),
    "non atteint": ("non atteint", "non atteints"),
    "en bonne voie": ("en bonne voie", "en bonne voie"),
    "en retard": ("en retard", "en retard"),
    "valeur partielle": ("valeur partielle", "valeurs partielles"),
    "sans cible": ("sans cible", "sans cible"),
    "": ("sans valeur", "sans valeur"),
}
"""An indicator's status over the period, as an objective counts them (singular, plural),
in the order said; the first four say something of the objective (`objectifs.JUGES`)."""


class TextesPeriode:
    """The words of the evaluation's objectives, partnership, governance and follow-up."""

    evaluation: Evaluation
    annees: list[int]
    non_calculable: str

    # ------------------------------------------------------------ objectives

    @staticmethod
    def titre_objectif(objectif: ObjectifEvalue) -> str:
        """`Axe 1 – Lutte contre la stigmatisation`, `1.1 Les semaines d'information…`."""
        if objectif.niveau == "axe":
            return f"Axe {objectif.id}" + (f" – {objectif.titre}" if objectif.titre else "")
        return f"{objectif.id} {objectif.titre or ''}".strip()

    @staticmethod
    def indicateurs_objectif(objectif: ObjectifEvalue) -> str:
        """`4 indicateurs : 2 atteints, 1 non atteint, 1 valeur partielle`; every indicator
        is in the count, those without a status over the period too (a partial sum, no
        target, no value); `aucun indicateur`."""
        n = len(objectif.indicateurs)
        if not n:
            return "aucun indicateur"
        statuts = objectif.repartition
        ordre = [*STATUTS_PERIODE, *sorted(set(statuts) - set(STATUTS_PERIODE))]
        parts = [
            f"{nombre(statuts[s])} {forme(statuts[s], *STATUTS_PERIODE.get(s, (s, s)))}"
            for s in ordre
            if statuts[s]
        ]
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
        return f"Total {annees_fr(self.annees[0], self.annees[-1])}"

    @staticmethod
    def total(decompte: Decompte) -> str:
        """`38`, `au moins 6` when some year does not say, or `non renseigné`."""
        return au_moins(decompte.valeur, decompte.partiel, None)

    def total_niveau(self, niveau: int) -> str:
        gouvernance = self.evaluation.gouvernance
        saisines = gouvernance.saisines
        return self.total(
            Decompte(
                sum((s.par_niveau or {}).get(niveau, 0) for s in saisines if s.par_niveau),
                sum(1 for s in saisines if s.par_niveau is None) + gouvernance.sans_fichier,
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
        text = f"{accord(part.nombre, nom)} sur {nombre(part.total)} {verbe} {complement}"
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
        """`8 sur 10 (80 %)`, each year, then every year when several are evaluated; `—`
        for a year nothing was due in (no action running)."""
        cells = [*parts.annees, *([parts.chaque_annee] if len(parts.annees) > 1 else [])]
        return [
            f"{nombre(p.nombre)} sur {nombre(p.total)} ({pourcentage(p.taux)})" if p.total else "—"
            for p in cells
            if p
        ]

    @property
    def sans_activite(self) -> str:
        """`Aucun fichier d'activité pour 2018 : l'évaluation n'en dit rien.` — the one place
        the evaluation says the plan's years it has no file for (the workbook says it among
        what is left to fill, `fichier_manquant`)."""
        manquantes = self.evaluation.qualite.annees_sans_activite
        if not manquantes:
            return ""
        annees = liste_fr([str(a) for a in manquantes])
        return f"Aucun {FICHIER_ACTIVITE} pour {annees} : {N_EN_DIT_RIEN}."

    @staticmethod
    def fichier_manquant(annee: int) -> tuple[str, str]:
        """A year without an activity file, as the workbook's list of what is left to fill
        names it: (`activite/2018.yaml`, `fichier d'activité : l'évaluation n'en dit rien`)."""
        return f"{ACTIVITE_DIR}/{annee}.yaml", f"{FICHIER_ACTIVITE} : {N_EN_DIT_RIEN}"

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
