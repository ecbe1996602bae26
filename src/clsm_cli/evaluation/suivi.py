"""The tracking table (TolaData's Indicator Performance Tracking Table): for each indicator,
each year's target, value, rate, gap and status, and its figure over the period.

A year's row is the bilan's own (`bilan.indicateurs.indicateurs_de`), so that the evaluation
says, figure for figure, what each year's bilan said. The period's figure is the sum of the
years for an indicator that accumulates (`tracking.cumulatif`), compared with the targets
that applied to them, each counted once (`tracking.cibles_periode`); for the others, the
latest value and its year's status.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..bilan.indicateurs import LigneIndicateur, indicateurs_de
from ..figures import compute, tracking
from ..figures.cumul import (
    Cumul,
    Historique,
    ValeurAnnee,
    annees_comptees,
    comparee,
    cumul,
    valeur_annee,
)
from ..models.activite import Activite
from ..models.plan import Action, Axe, Cible, Indicateur, ObjectifSpecifique, Plan


@dataclass(slots=True)
class AnneeIndicateur:
    """One year of an indicator: the bilan's row for that year, and the rate of its target."""

    annee: int
    ligne: LigneIndicateur
    taux: float | None
    """The share of the target reached, in percent (`tracking.taux_atteinte`)."""
    prevue: bool = True
    """Whether the indicator's action runs that year (`Action.prevue_en`)."""

    @property
    def hors_calendrier(self) -> bool:
        """A year outside the action's `calendrier` without a value: nothing was due, neither
        a value nor its target (`hors calendrier`, not `non renseigné`)."""
        return not self.prevue and self.ligne.valeur_num is None

    @property
    def valeur(self) -> compute.Valeur | None:
        """The year's value as a figure (a lower bound when partial)."""
        if self.ligne.valeur_num is None:
            return None
        return compute.Valeur(self.ligne.valeur_num, partiel=self.ligne.partiel)

    @property
    def ecart(self) -> float | None:
        """Value minus target (the running total's, under a target of several years), when
        both are known and the value is whole."""
        valeur, cible = self.ligne.valeur_comparee, self.ligne.cible_num
        if valeur is None or cible is None or self.ligne.comparee_partielle:
            return None
        return valeur - cible


@dataclass(slots=True)
class PeriodeIndicateur:
    """An indicator's figure over the years evaluated."""

    cumul: bool
    """The sum of the years (an indicator that accumulates), or the latest value."""
    valeur: float | None
    partiel: bool
    """A lower bound: some year has no value, or a partial one."""
    annee: int | None
    """The year of the latest value (for one that does not accumulate)."""
    cible: float | None
    """The targets that applied to the years, each counted once (cumulative,
    `tracking.cibles_periode`), or the latest value's year's target."""
    taux: float | None
    statut: str
    sans_valeur: list[int]
    """The years evaluated without a value (those a later total covers are not)."""
    total_en: int | None = None
    """The year whose measurement is the total since the plan's start (`cumul`), if any."""
    cibles: list[Cible] = field(default_factory=list)
    """The targets summed into `cible` (cumulative), each counted once."""
    depuis: int | None = None
    """The first year a sum covers (`cumul.Cumul.depuis`)."""
    fin: int | None = None
    """The last year a sum covers: the last evaluated, or the action's last before it
    (`cumul.Cumul.fin`)."""

    @property
    def ecart(self) -> float | None:
        if self.valeur is None or self.cible is None or self.partiel:
            return None
        return self.valeur - self.cible


@dataclass(slots=True)
class LigneSuivi:
    """One indicator over the plan's years."""

    axe: Axe
    objectif: ObjectifSpecifique
    action: Action
    indicateur: Indicateur
    annees: list[AnneeIndicateur]
    periode: PeriodeIndicateur

    def cumuls(self, plan: Plan) -> list[Cumul]:
        """For an indicator that adds up, its sum at the end of each year evaluated, as the
        period's would read had the evaluation ended then: its trajectory."""
        return [
            cumul_jusqu_a(self.indicateur, plan, self.action, self.annees[: k + 1])
            for k in range(len(self.annees))
        ]

    @property
    def groupes(self) -> list[list[AnneeIndicateur]]:
        """The years, consecutive ones without a value that say the same merged (`2019–2021 :
        non renseigné`): a reader sees where the figures are, not the same gap again. Years
        with a value stay apart: « 2019–2020 : 12 » would read as 12 over both."""
        groupes: list[list[AnneeIndicateur]] = []
        for annee in self.annees:
            if groupes and _memes(groupes[-1][-1], annee):
                groupes[-1].append(annee)
            else:
                groupes.append([annee])
        return groupes


def _memes(a: AnneeIndicateur, b: AnneeIndicateur) -> bool:
    """Whether two years of an indicator without a value say the same: target, value, rate,
    gap, status."""
    x, y = a.ligne, b.ligne
    if x.valeur_num is not None or y.valeur_num is not None:
        return False
    if a.hors_calendrier or b.hors_calendrier:
        return a.hors_calendrier == b.hors_calendrier
    return (x.cible, x.valeur, x.detail, x.ecart, x.statut, a.taux) == (
        y.cible,
        y.valeur,
        y.detail,
        y.ecart,
        y.statut,
        b.taux,
    )


def suivi_de(plan: Plan, activites: list[Activite]) -> list[LigneSuivi]:
    """Every indicator of the plan over the years of `activites` (in order)."""
    places = {
        act.id: (axe, obj) for axe in plan.axes for obj in axe.objectifs for act in obj.actions
    }
    historique = Historique(activites)
    par_annee = [(act.annee, indicateurs_de(plan, act, historique)) for act in activites]
    lignes = []
    for index, (action, ind) in enumerate(plan.indicateurs()):
        annees = []
        for annee, rows in par_annee:
            row = rows[index]
            figure, partielle, cible = comparee(
                row.valeur_num, row.partiel, row.cible_num, row.cumul
            )
            taux = None if partielle else tracking.taux_atteinte(ind, figure, cible)
            annees.append(AnneeIndicateur(annee, row, taux, action.prevue_en(annee)))
        axe, obj = places[action.id]
        periode = _periode(ind, plan, action, annees)
        lignes.append(LigneSuivi(axe, obj, action, ind, annees, periode))
    return lignes


def _periode(
    ind: Indicateur, plan: Plan, action: Action, annees: list[AnneeIndicateur]
) -> PeriodeIndicateur:
    if not tracking.cumulatif(ind):
        return _derniere(annees)
    total = cumul_jusqu_a(ind, plan, action, annees)
    # without any value, its targets stay (`cumul`): they are not known to be met
    known = total.valeur is not None and not total.partiel
    taux = tracking.taux_atteinte(ind, total.valeur, total.cible) if known else None
    return PeriodeIndicateur(
        True,
        total.valeur,
        total.partiel,
        None,
        total.cible,
        taux,
        total.statut,
        total.sans_valeur,
        total.total_en,
        total.cibles,
        total.depuis,
        total.fin,
    )


def cumul_jusqu_a(
    ind: Indicateur, plan: Plan, action: Action, annees: list[AnneeIndicateur]
) -> Cumul:
    """The sum of the years evaluated up to the last of `annees`, and of the years it covers
    without a file: those between them, and the earlier years of a target they share. Each
    year without a value makes the sum a lower bound."""
    lues = {
        a.annee: valeur_annee(a.annee, a.ligne.valeur_num, a.ligne.partiel, a.ligne.releve)
        for a in annees
    }
    comptees = annees_comptees(ind, plan, annees[0].annee, annees[-1].annee)
    return cumul(ind, plan, action, [lues.get(y) or ValeurAnnee(y, None) for y in comptees])


def _derniere(annees: list[AnneeIndicateur]) -> PeriodeIndicateur:
    """The latest value, its year's target, rate and status: the figure of an indicator that
    does not accumulate (a rate, a yes-or-no). A year outside the action's `calendrier`
    without a value is no gap."""
    sans_valeur = [a.annee for a in annees if a.ligne.valeur_num is None and a.prevue]
    known = [a for a in annees if a.ligne.valeur_num is not None]
    if not known:  # the target of its last year stays: it is not known to be met
        courantes = [a for a in annees if a.prevue]
        cible = courantes[-1].ligne.cible_num if courantes else None  # none: nothing due
        return PeriodeIndicateur(False, None, False, None, cible, None, "", sans_valeur)
    last = known[-1]
    return PeriodeIndicateur(
        False,
        last.ligne.valeur_num,
        last.ligne.partiel,
        last.annee,
        last.ligne.cible_num,
        last.taux,
        last.ligne.statut,
        sans_valeur,
    )
