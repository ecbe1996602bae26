"""Money, year by year: for each action, each funder's budget planned for the year (the
plan's `financements[].budget`) beside what the year's file says was spent (`depenses`),
and the totals by funder. A figure absent from the files is shown as absent, never as 0."""

from __future__ import annotations

from dataclasses import dataclass

from ..figures import money
from ..figures.money import Somme
from ..models.activite import Activite
from ..models.partenaires import Partenaire
from ..models.plan import Action, Plan


@dataclass(slots=True)
class LigneFinancement:
    """One action, one funder and scheme: planned and spent this year."""

    action: Action
    financeur: str
    dispositif: str
    prevu: float | None
    depense: float | None
    forfait: bool = False
    """The plan gives this line an amount for its whole period (`montant`), not year by
    year (`budget`): no year's share of it is known."""


@dataclass(slots=True)
class TotalFinanceur:
    """A funder's totals for the year, each partial when some of its lines lack it."""

    financeur: str
    prevu: Somme
    depense: Somme


@dataclass(slots=True)
class Financements:
    """The year's money: its lines, and totals by funder."""

    lignes: list[LigneFinancement]
    par_financeur: list[TotalFinanceur]


def financements_de(
    plan: Plan, activite: Activite, partenaires: dict[str, Partenaire]
) -> Financements | None:
    """The year's planned and spent amounts; None when neither file says any."""
    annee = activite.annee
    cles: dict[money.Cle, list[float | None]] = {}
    actions = {act.id: act for _, _, act in plan.actions()}
    forfaits: set[money.Cle] = set()
    for act in actions.values():
        for f in act.financements:
            key = money.cle(act.id, f.financeur, f.dispositif)
            if money.forfait(f):
                forfaits.add(key)
            prevu = money.prevu(f, annee)
            if prevu is not None:
                ligne = cles.setdefault(key, [None, None])
                ligne[0] = (ligne[0] or 0) + prevu
    for key, depense in money.depenses(activite).items():
        if key[0] in actions:
            cles.setdefault(key, [None, None])[1] = depense
    if not cles:
        return None

    def nom(ident: str) -> str:
        return partenaires[ident].nom if ident in partenaires else ident

    lignes = [
        LigneFinancement(actions[a], nom(f), disp, prevu, depense, (a, f, disp) in forfaits)
        for (a, f, disp), (prevu, depense) in cles.items()
    ]
    return Financements(lignes, _totaux(lignes))


def _totaux(lignes: list[LigneFinancement]) -> list[TotalFinanceur]:
    """Each funder's sums of what is known; each partial when a line lacks its figure."""
    totaux: dict[str, TotalFinanceur] = {}
    for ligne in lignes:
        nouveau = TotalFinanceur(ligne.financeur, Somme(), Somme())
        total = totaux.setdefault(ligne.financeur, nouveau)
        total.prevu.ajoute(ligne.prevu)
        total.depense.ajoute(ligne.depense)
    return list(totaux.values())
