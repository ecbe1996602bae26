"""The quality of the follow-up: how much of what the COPIL will ask the files already say
(indicators with a source of verification and a value each year, actions with a lead and a
yearly status), and each gap named, so that the coordinator can fill it first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..models.plan import Action, Indicateur
from .actions import ActionPeriode
from .suivi import LigneSuivi


@dataclass(frozen=True, slots=True)
class Part:
    """How many of a whole have something: `nombre` of `total`."""

    nombre: int
    total: int

    @property
    def taux(self) -> float | None:
        return 100 * self.nombre / self.total if self.total else None


@dataclass(slots=True)
class Parts:
    """A share of the follow-up (`quoi`: sources, pilotes, valeurs, statuts), for the whole
    period, or year by year and every year; the words are the wording's."""

    quoi: str
    ensemble: Part | None = None
    annees: list[Part] = field(default_factory=list)
    """Year by year, in the evaluation's order (for valeurs and statuts)."""
    chaque_annee: Part | None = None


@dataclass(slots=True)
class Lacune:
    """What an indicator or an action lacks before the COPIL."""

    indicateur: Indicateur | None = None
    action: Action | None = None
    sans_source: bool = False
    sans_pilote: bool = False
    annees_sans_valeur: list[int] = field(default_factory=list)
    annees_sans_statut: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Qualite:
    """The shares of the follow-up, the gaps, and the plan's years without an activity file."""

    parts: list[Parts]
    lacunes: list[Lacune]
    annees_sans_activite: list[int]

    @property
    def globales(self) -> list[Parts]:
        return [p for p in self.parts if p.ensemble is not None]

    @property
    def annuelles(self) -> list[Parts]:
        return [p for p in self.parts if p.annees]


def qualite_de(
    annees: list[int],
    sans_activite: list[int],
    suivi: list[LigneSuivi],
    actions: list[ActionPeriode],
) -> Qualite:
    """The follow-up of the plan over the years evaluated (`annees`); `sans_activite` are
    the plan's years, up to now, without an activity file. What is left to fill asks only
    for the years an action runs (`ActionPeriode.annees_attendues`)."""
    parts: list[Parts] = []
    lacunes: list[Lacune] = []
    attendues = {a.action.id: a.annees_attendues() for a in actions}

    def attendue(action: Action, annee: int) -> bool:
        """Whether the year is one the action runs in (and was not abandoned before)."""
        courantes = attendues.get(action.id)
        return courantes is None or annee in courantes

    if suivi:
        sources = sum(1 for s in suivi if s.indicateur.sources_verification)
        parts.append(Parts("sources", ensemble=Part(sources, len(suivi))))
        # each year, the indicators of the actions running then (a year before an action's
        # calendar asks nothing of it); a running total also names the years without a file
        # it covers, which the column of each year does not count either
        dues = [[s for s in suivi if attendue(s.action, annee)] for annee in annees]
        dus = [s for s in suivi if any(attendue(s.action, annee) for annee in annees)]
        parts.append(
            Parts(
                "valeurs",
                annees=[
                    Part(sum(1 for s in leurs if annee not in s.periode.sans_valeur), len(leurs))
                    for annee, leurs in zip(annees, dues, strict=True)
                ],
                chaque_annee=Part(
                    sum(1 for s in dus if not _manques(s, annees, attendue)), len(dus)
                ),
            )
        )
        for s in suivi:
            lacune = Lacune(
                indicateur=s.indicateur,
                action=s.action,
                sans_source=not s.indicateur.sources_verification,
                annees_sans_valeur=_manques(s, s.periode.sans_valeur, attendue),
            )
            if lacune.sans_source or lacune.annees_sans_valeur:
                lacunes.append(lacune)
    if actions:
        n = len(actions)
        courantes = [a for a in actions if any(attendue(a.action, y) for y in annees)]
        parts.append(Parts("pilotes", ensemble=Part(sum(1 for a in actions if a.action.pilote), n)))
        parts.append(
            Parts(
                "statuts",
                annees=[
                    Part(
                        sum(1 for a in actions if a.annees[i].suivi and attendue(a.action, y)),
                        sum(1 for a in actions if attendue(a.action, y)),
                    )
                    for i, y in enumerate(annees)
                ],
                chaque_annee=Part(
                    sum(
                        1
                        for a in courantes
                        if all(y.suivi for y in a.annees if attendue(a.action, y.annee))
                    ),
                    len(courantes),
                ),
            )
        )
        for a in actions:
            lacune = Lacune(
                action=a.action,
                sans_pilote=not a.action.pilote,
                annees_sans_statut=[
                    y.annee for y in a.annees if y.suivi is None and attendue(a.action, y.annee)
                ],
            )
            if lacune.sans_pilote or lacune.annees_sans_statut:
                lacunes.append(lacune)
    return Qualite(parts, lacunes, sans_activite)


def _manques(
    ligne: LigneSuivi, annees: list[int], attendue: Callable[[Action, int], bool]
) -> list[int]:
    """Of `annees`, those the indicator's action runs in and it has no value for."""
    return [y for y in annees if y in ligne.periode.sans_valeur and attendue(ligne.action, y)]
