"""Money, year by year: an action's budget planned for a year by each funder (the plan's
`financements[].budget`) and what a year's file says was spent (`depenses`), matched by
action, funder and scheme. The bilan of a year and the exported grid both read them here.
A figure the files do not give is None: absent, never 0."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..models.activite import Activite
from ..models.plan import Action, Financement, Plan

Cle = tuple[str, str, str]
"""(action, funder, scheme): what matches an expense to a line of the plan; no scheme is
an empty scheme."""


@dataclass(slots=True)
class Somme:
    """An amount summed over lines (and years): what is known, and whether some is missing
    (`partiel`: then the sum is a lower bound, « au moins »)."""

    valeur: float | None = None
    partiel: bool = False

    def ajoute(self, montant: float | None, partiel: bool = False) -> None:
        self.partiel = self.partiel or partiel or montant is None
        if montant is not None:
            self.valeur = (self.valeur or 0) + montant


def cle(action: str, financeur: str, dispositif: str | None) -> Cle:
    """The key of a plan's financing line or of an expense."""
    return (action, financeur, dispositif or "")


def prevu(financement: Financement, annee: int) -> float | None:
    """What a financing line plans for a year (its entries for the year summed), or None."""
    montants = [m.montant for m in financement.budget if m.annee == annee]
    return sum(montants) if montants else None


def forfait(financement: Financement) -> bool:
    """Whether a financing line gives an amount for its whole period (`montant`) and none
    year by year (`budget`)."""
    return not financement.budget and financement.montant is not None


def prevu_forfaits(action: Action, plan: Plan, annees: Collection[int]) -> Somme:
    """What an action's lump sums (`forfait`) plan over `annees`: each whole when its period
    (the plan's, without its own) lies within them; nothing when it lies outside them;
    else unknown, which makes the sum a lower bound (a year's share of a lump sum is not
    known)."""
    somme = Somme()
    for f in action.financements:
        if forfait(f):
            periode = f.periode or plan.periode
            siennes = range(periode.debut, periode.fin + 1)
            dedans = [y in annees for y in siennes]
            if any(dedans):
                somme.ajoute(f.montant if all(dedans) else None)
    return somme


def depenses(activite: Activite) -> dict[Cle, float]:
    """The year's expenses summed by action, funder and scheme, in the file's order."""
    sommes: dict[Cle, float] = {}
    for d in activite.depenses:
        key = cle(d.action, d.financeur, d.dispositif)
        sommes[key] = sommes.get(key, 0) + d.montant
    return sommes


def annees_budget(plan: Plan) -> list[int]:
    """The years a plan's budgets are shown for: its period, and any other year a budget
    names (shown, not lost)."""
    years = set(range(plan.periode.debut, plan.periode.fin + 1))
    years |= {m.annee for _, _, a in plan.actions() for f in a.financements for m in f.budget}
    return sorted(years)
