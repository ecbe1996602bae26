"""The perspectives: the actions the plan schedules for next year, axis by axis."""

from __future__ import annotations

from dataclasses import dataclass

from ..models.activite import Activite
from ..models.plan import Action, Axe, Plan, Statut
from .travaux import titre_axe


@dataclass(slots=True)
class PerspectiveAxe:
    """The actions a plan schedules for next year, under one axis."""

    axe: Axe
    titre: str
    actions: list[Action]


def _prevue(action: Action, plan: Plan, annee: int) -> bool:
    debut, fin = action.annees_prevues(plan.periode)
    return debut <= annee <= fin


def _abandonnees(plan: Plan, activite: Activite | None) -> set[str]:
    """The actions abandoned: by their `statut` in the plan, or in the year's activity (when
    it follows this plan's actions)."""
    found = {a.id for _, _, a in plan.actions() if a.statut is Statut.ABANDONNEE}
    if activite is not None:
        found |= {s.action for s in activite.actions if s.statut is Statut.ABANDONNEE}
    return found


def perspectives_de(
    plan: Plan | None, annee: int, activite: Activite | None = None
) -> list[PerspectiveAxe]:
    """The actions `plan` schedules for `annee`, save those abandoned; `activite` is the
    year before's, when it follows the same plan."""
    if plan is None:
        return []
    exclues = _abandonnees(plan, activite)
    result = []
    for axe in plan.axes:
        actions = [a for _, a in axe.actions() if a.id not in exclues and _prevue(a, plan, annee)]
        if actions:
            result.append(PerspectiveAxe(axe, titre_axe(axe), actions))
    return result
