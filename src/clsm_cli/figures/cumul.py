"""An indicator that adds up (`tracking.cumulatif`): its running total over years, against
the targets of those years.

One computation for three readers: the evaluation's figure for its period, and a year's
status in the bilan and in the workbook's follow-up sheet when the year's target is aimed
over several years (the plan's final target, a dated target for the years before it). Such
a target is a total over its years (`tracking.cibles_periode`), so a year is judged by what
its years added up to so far: judged by its own value alone, the last year of a plan read
« non atteint » while the plan's evaluation, adding the years, read « atteint ».
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ..french.formatting import annees_fr, au_moins
from ..models.activite import Activite, Mesure
from ..models.plan import Action, Cible, Indicateur, Plan
from . import compute, tracking


class ValeurAnnee(NamedTuple):
    """An indicator's value in one year, as a running total reads it (a tuple: the
    evaluation of a large plan makes one for each of its indicators' years)."""

    annee: int
    valeur: float | None
    partiel: bool = False
    depuis_debut: bool = False
    """A measurement marked `cumul`: the total since the plan's start, not the year's."""


@dataclass(slots=True)
class Cumul:
    """A running total, and how it stands against the targets of its years."""

    valeur: float | None
    partiel: bool
    """A lower bound: some year counted has no value, or a partial one."""
    depuis: int
    """The first year the total covers: the plan's start when a measurement is a total
    since then (`total_en`), else the first year counted."""
    fin: int
    """The last year the total covers."""
    sans_valeur: list[int]
    """The years counted without a value (those a later total covers are not)."""
    cibles: list[Cible] = field(default_factory=list)
    """The targets that applied to the years covered, each counted once."""
    statut: str = ""
    total_en: int | None = None
    """The year whose measurement is the total since the plan's start, if any."""

    @property
    def cible(self) -> float | None:
        return sum(c.valeur for c in self.cibles) if self.cibles else None

    @property
    def plusieurs_annees(self) -> bool:
        """Whether the total covers more than its last year: it then says more than that
        year's own value, and is named beside it (`texte`)."""
        return self.depuis < self.fin

    @property
    def libelle(self) -> str:
        """`cumul 2022–2024`."""
        return f"cumul {annees_fr(self.depuis, self.fin)}"

    def texte(self, unite: str | None) -> str:
        """`cumul 2022–2024 : au moins 51`: the running total a year is judged by; `total
        depuis 2022` when it is the last year's own measurement (`cumul: true`), whose value
        is then the total, not the year's."""
        if self.total_en == self.fin:
            return f"total depuis {self.depuis}"
        return f"{self.libelle} : {au_moins(self.valeur, self.partiel, unite)}"


def annees_comptees(indicateur: Indicateur, plan: Plan, premiere: int, derniere: int) -> list[int]:
    """The years a running total from `premiere` to `derniere` counts: those, and before
    them the earlier years of a target they share (a total aimed over 2023–2027, judged
    from 2024 on, counts 2023 too: without its value, the sum is a lower bound)."""
    debut = premiere
    if not indicateur.cibles:  # most indicators of a large plan: nothing to look for
        return list(range(premiere, derniere + 1))
    for cible in tracking.cibles_periode(indicateur, range(premiere, derniere + 1)):
        debut = min(debut, tracking.annees_de(indicateur, plan, cible)[0])
    return list(range(debut, derniere + 1))


def cumul(
    indicateur: Indicateur,
    plan: Plan,
    action: Action,
    annees: Sequence[ValeurAnnee],
    historique: Historique | None = None,
) -> Cumul:
    """The sum of `annees` (consecutive, in order), compared with the targets that applied to
    them, each counted once. A measurement that is a total since the plan's start stands
    for the years before it: only the years after it are added to it. A year outside the
    action's `calendrier` is counted only if it has a value: the action owed nothing then,
    so its absence is no gap (an action of 2022–2025 is summed over 2022–2025, not « au
    moins », « non renseigné en 2021 »). `historique`, when given, knows each target's
    years (asked for each indicator, each year)."""
    totals = [i for i, a in enumerate(annees) if a.depuis_debut and a.valeur is not None]
    depuis = totals[-1] if totals else 0
    comptees = [a for a in annees[depuis:] if a.valeur is not None or action.prevue_en(a.annee)]
    sans_valeur = [a.annee for a in comptees if a.valeur is None]
    values = [a.valeur for a in comptees if a.valeur is not None]
    if not values:  # the targets stay: with no value, they are not known to be met
        courantes = [a.annee for a in comptees]
        if not courantes:  # the action runs in none of the years
            return Cumul(None, False, annees[0].annee, annees[-1].annee, sans_valeur)
        cibles = tracking.cibles_periode(indicateur, courantes)
        return Cumul(None, False, courantes[0], courantes[-1], sans_valeur, cibles)
    premiere, derniere = comptees[0].annee, comptees[-1].annee
    total = sum(values)
    partiel = bool(sans_valeur) or any(a.partiel for a in comptees)
    debut = plan.periode.debut if totals else premiere
    cibles = tracking.cibles_periode(indicateur, range(debut, derniere + 1))
    figure = compute.Valeur(total, partiel=partiel)

    def spans(cible: Cible) -> list[int]:
        """The years a target is aimed over, those the action runs in: an action of 2025–
        2027 owes by 2025 a third of its end-of-plan target, not half."""
        if historique is not None:
            annees_cible = historique.annees_de(indicateur, plan, cible)
        else:
            annees_cible = tracking.annees_de(indicateur, plan, cible)
        return [y for y in annees_cible if action.prevue_en(y)] or annees_cible

    # judged as of the last year asked: an action whose calendar ended before it is over,
    # and gets its verdict, though its sum stops at its last year
    statut = tracking.statut_cumul(indicateur, plan, annees[-1].annee, figure, cibles, spans)
    total_en = annees[depuis].annee if totals else None
    return Cumul(total, partiel, debut, derniere, sans_valeur, cibles, statut, total_en)


class Historique:
    """The indicators' values in the years of a territory's activity files, each computed
    once when first asked: a year judged by a running total asks for the years before it
    (`jugement`), the evaluation for each year in turn."""

    def __init__(self, activites: Iterable[Activite]) -> None:
        self._activites = {activite.annee: activite for activite in activites}
        self._releves: dict[int, compute.Releves] = {}
        self._valeurs: dict[tuple[str, str, int], ValeurAnnee] = {}
        self._annees: dict[int, tuple[Cible, list[int]]] = {}

    def releves(self, activite: Activite) -> compute.Releves:
        """The year's measurements and realisations, indexed once (`compute.releves`)."""
        found = self._releves.get(activite.annee)
        if found is None:
            found = self._releves[activite.annee] = compute.releves(activite)
        return found

    def annees_de(self, indicateur: Indicateur, plan: Plan, cible: Cible) -> list[int]:
        """The years a target is aimed over (`tracking.annees_de`), found once per target."""
        found = self._annees.get(id(cible))
        if found is None or found[0] is not cible:
            found = self._annees[id(cible)] = (cible, tracking.annees_de(indicateur, plan, cible))
        return found[1]

    def noter(
        self, indicateur: Indicateur, action: str, annee: int, valeur: compute.Valeur
    ) -> None:
        """Keep a year's value computed elsewhere (the year's own row), unless known."""
        key = (action, indicateur.id, annee)
        if key not in self._valeurs and annee in self._activites:
            mesure = self.releves(self._activites[annee]).mesures.get(indicateur.id)
            self._valeurs[key] = valeur_annee(annee, valeur.valeur, valeur.partiel, mesure)

    def valeur(self, indicateur: Indicateur, action: str, annee: int) -> ValeurAnnee:
        """The indicator's value in a year: none without that year's file."""
        key = (action, indicateur.id, annee)
        found = self._valeurs.get(key)
        if found is None:
            activite = self._activites.get(annee)
            if activite is None:
                found = ValeurAnnee(annee, None)
            else:
                index = self.releves(activite)
                valeur = compute.valeur(indicateur, action, activite, index)
                if valeur is None:
                    found = ValeurAnnee(annee, None)
                else:
                    mesure = index.mesures.get(indicateur.id)
                    found = valeur_annee(annee, valeur.valeur, valeur.partiel, mesure)
            self._valeurs[key] = found
        return found


def valeur_annee(
    annee: int, valeur: float | None, partiel: bool, mesure: Mesure | None
) -> ValeurAnnee:
    """A year's value as a running total reads it: with its measurement's `cumul`."""
    if valeur is None:
        return ValeurAnnee(annee, None)
    return ValeurAnnee(annee, valeur, partiel, mesure is not None and mesure.cumul)


def comparee(
    valeur: float | None, partiel: bool, cible: float | None, total: Cumul | None
) -> tuple[float | None, bool, float | None]:
    """What a year's target is compared with: (figure, partial, target). The running total
    a year is judged by, against the targets of its years (one, or several when a measurement
    is the total since the plan's start); else the year's own value and its target."""
    if total is not None and total.valeur is not None:
        return total.valeur, total.partiel, total.cible
    return valeur, partiel, cible


class Jugement(NamedTuple):
    """How an indicator stands in a year: the target that applies, and its status (a tuple:
    asked for each indicator of a plan, each year)."""

    cible: Cible | None
    statut: str
    cumul: Cumul | None = None
    """The running total the year is judged by, under a target of several years."""


def cible_annee(
    indicateur: Indicateur, plan: Plan, annee: int, historique: Historique
) -> Cible | None:
    """The target that applies to a year (`tracking.cible_applicable`); none, for an
    indicator that adds up, when that target is a total aimed over years it was due before
    (the year's figure would reach it late)."""
    if not indicateur.cibles:  # most indicators of a large plan, each year: the short road
        return None
    return _cible_et_annees(indicateur, plan, annee, historique)[0]


def sans_valeur(
    indicateur: Indicateur, plan: Plan, action: Action, annee: int, historique: Historique
) -> tuple[Cible | None, Cumul | None]:
    """A year without a value: the target that applies (`cible_annee`) and, under a target
    aimed over several years, the running total its earlier years reached, a lower bound
    (« cumul 2022–2024 : au moins 44 »); None when they give no value either. A missing year
    does not hide what was already done."""
    if not indicateur.cibles:  # most indicators of a large plan, each year: the short road
        return None, None
    cible, annees = _cible_et_annees(indicateur, plan, annee, historique)
    if not annees or annees[0] == annee:
        return cible, None
    valeurs = [historique.valeur(indicateur, action.id, y) for y in annees]
    total = cumul(indicateur, plan, action, valeurs, historique)
    return cible, total if total.valeur is not None else None


def _cible_et_annees(
    indicateur: Indicateur, plan: Plan, annee: int, historique: Historique
) -> tuple[Cible | None, list[int] | None]:
    """The year's target, and the years whose running total it is compared with: None to
    compare the year's own value; empty when the total was due before the year."""
    cible = tracking.cible_applicable(indicateur, annee)
    if cible is None or not tracking.cumulatif(indicateur):
        return cible, None
    annees = historique.annees_de(indicateur, plan, cible)
    if len(annees) == 1:  # a year's own target (or one year's): the year's value, as ever
        return cible, None
    if annee > annees[-1]:
        return None, []
    return cible, list(range(annees[0], annee + 1))


def jugement(
    indicateur: Indicateur,
    plan: Plan,
    action: Action,
    annee: int,
    valeur: compute.Valeur,
    historique: Historique,
) -> Jugement:
    """A year's value against its target (`cible_annee`), and its status (`tracking.etat`).
    For an indicator that adds up, under a target aimed over several years, the status is
    that of the running total over them so far (`cumul`)."""
    cible, annees = _cible_et_annees(indicateur, plan, annee, historique)
    if annees is None:
        return Jugement(cible, tracking.etat(indicateur, plan, annee, valeur))
    if not annees:
        return Jugement(None, tracking.sans_cible(valeur))
    historique.noter(indicateur, action.id, annee, valeur)  # this year's, already computed
    valeurs = [historique.valeur(indicateur, action.id, y) for y in annees]
    total = cumul(indicateur, plan, action, valeurs, historique)
    return Jugement(cible, total.statut, total)
