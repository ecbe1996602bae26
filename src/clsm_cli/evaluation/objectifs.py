"""The objectives over the period: for each axis and objectif spécifique, what its indicators
say (computed from their figures over the period), and what the judgments recorded in the
years' files say (`evaluations`: who judged, how, and their appreciation).

A judgment names an axis or an objective of the plan (`objectif`), or an objective in words
(`titre`) when the judges' list is not the plan's (Poitiers' questionnaire judged the CLSM's
« objectifs locaux et nationaux »): those are kept apart, in the order given.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..models.evaluation import EvaluationObjectifs, Jugement
from ..models.plan import Plan
from .suivi import LigneSuivi

ATTEINT = "atteint"
PARTIELLEMENT = "partiellement atteint"
NON_ATTEINT = "non atteint"
EN_COURS = "en cours"
"""What an objective's indicators say together (`calcul`), besides nothing at all."""

JUGES = ("atteint", "non atteint", "en bonne voie", "en retard")
"""The indicators' statuses over the period that say something of an objective."""


@dataclass(slots=True)
class Avis:
    """A judgment recorded on an objective, with the round it belongs to and its year."""

    jugement: Jugement
    evaluation: EvaluationObjectifs
    annee: int


@dataclass(slots=True)
class ObjectifEvalue:
    """An axis or an objectif spécifique, what its indicators say and what was judged."""

    niveau: str
    """`axe` or `objectif`."""
    id: str
    titre: str | None
    indicateurs: list[LigneSuivi]
    avis: list[Avis]
    a_mi_parcours: bool = False
    """Whether the years evaluated end before the plan's last year: its targets are not all
    due, and what is not yet reached is under way, not failed."""

    @property
    def repartition(self) -> Counter[str]:
        """How many of its indicators stand where over the period, every one counted: those
        without a status too (`valeur partielle`, `sans cible`, and `` without a value)."""
        return Counter(i.periode.statut for i in self.indicateurs)

    @property
    def statuts(self) -> Counter[str]:
        """How many of its indicators stand where, over the period (those that say)."""
        return Counter({s: n for s, n in self.repartition.items() if s in JUGES})

    @property
    def calcul(self) -> str:
        """What its indicators say together: atteint (all), partiellement atteint (some, or
        all those that say while another with a target says nothing: a value partial or
        missing), non atteint (none), en cours (some on their way, or anything short of
        atteint before the plan's last year); empty when no indicator has both a target
        and a value."""
        statuts = self.statuts
        if not statuts:
            return ""
        if set(statuts) == {"atteint"}:
            inconnus = any(
                i.periode.cible is not None and i.periode.statut not in JUGES
                for i in self.indicateurs
            )
            if not inconnus:
                return ATTEINT
            return EN_COURS if self.a_mi_parcours else PARTIELLEMENT
        if statuts["en bonne voie"] or statuts["en retard"] or self.a_mi_parcours:
            return EN_COURS
        return PARTIELLEMENT if statuts["atteint"] else NON_ATTEINT


@dataclass(slots=True)
class Objectifs:
    """The plan's axes and objectives, the rounds of judgments, and what they judged outside
    the plan's own list."""

    lignes: list[ObjectifEvalue]
    evaluations: list[tuple[int, EvaluationObjectifs]]
    hors_plan: list[Avis]

    @property
    def calculables(self) -> bool:
        """Whether some objective's indicators say something."""
        return any(o.calcul for o in self.lignes)

    @property
    def juges(self) -> bool:
        return bool(self.evaluations)


def objectifs_de(
    plan: Plan,
    suivi: list[LigneSuivi],
    evaluations: list[tuple[int, EvaluationObjectifs]],
    mi_parcours: bool = False,
) -> Objectifs:
    """Each axis, then its objectives, with their indicators and the judgments on them;
    `mi_parcours` when the years evaluated end before the plan's last year."""
    par_id: dict[str, list[Avis]] = {}
    hors_plan: list[Avis] = []
    ids = {a.id for a in plan.axes} | {o.id for a in plan.axes for o in a.objectifs}
    for annee, evaluation in evaluations:
        for jugement in evaluation.jugements:
            avis = Avis(jugement, evaluation, annee)
            if jugement.objectif in ids:
                par_id.setdefault(jugement.objectif, []).append(avis)
            else:
                hors_plan.append(avis)
    par_axe: dict[int, list[LigneSuivi]] = {}
    par_objectif: dict[int, list[LigneSuivi]] = {}
    for s in suivi:  # one pass: a large plan has thousands of indicators and objectives
        par_axe.setdefault(id(s.axe), []).append(s)
        par_objectif.setdefault(id(s.objectif), []).append(s)
    lignes = []
    for axe in plan.axes:
        siens = par_axe.get(id(axe), [])
        sur_axe = par_id.get(axe.id, [])
        lignes.append(ObjectifEvalue("axe", axe.id, axe.titre, siens, sur_axe, mi_parcours))
        for obj in axe.objectifs:
            leurs, sur_obj = par_objectif.get(id(obj), []), par_id.get(obj.id, [])
            lignes.append(
                ObjectifEvalue("objectif", obj.id, obj.titre, leurs, sur_obj, mi_parcours)
            )
    return Objectifs(lignes, evaluations, hors_plan)
