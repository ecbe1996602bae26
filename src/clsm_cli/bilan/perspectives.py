"""The perspectives: the actions the plan schedules for next year, axis by axis."""

from __future__ import annotations

from dataclasses import dataclass

from ..models.common import bornes
from ..models.plan import Action, Axe, Plan
from .travaux import titre_axe


@dataclass(slots=True)
class PerspectiveAxe:
    """The actions a plan schedules for next year, under one axis."""

    axe: Axe
    titre: str
    actions: list[Action]


def _prevue(action: Action, plan: Plan, annee: int) -> bool:
    cal = action.calendrier
    debut = bornes(cal.debut)[0].year if cal and cal.debut else plan.periode.debut
    fin = bornes(cal.fin)[1].year if cal and cal.fin else plan.periode.fin
    return debut <= annee <= fin


def perspectives_de(plan: Plan | None, annee: int) -> list[PerspectiveAxe]:
    if plan is None:
        return []
    result = []
    for axe in plan.axes:
        actions = [a for _, a in axe.actions() if _prevue(a, plan, annee)]
        if actions:
            result.append(PerspectiveAxe(axe, titre_axe(axe), actions))
    return result
