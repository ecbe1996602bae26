"""Rules on the figures themselves: persons and sessions, yes-or-no values.

A realisation's `participants` are the distinct persons it reached; a session's, its
attendance. The persons cannot outnumber the attendances added up, nor be fewer than
the best-attended session. An indicator in `oui-non` is 1 (oui) or 0 (non), in its
targets, its baseline and every year's measurement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from . import compute
from .loader import Document, Path_
from .models.plan import Unite
from .problems import Problem

if TYPE_CHECKING:
    from .checks import Contexte


def persons_and_attendances(ctx: Contexte) -> Iterator[Problem]:
    """A realisation's persons lie between its largest session and its summed attendance."""
    dossier = ctx.dossier
    for doc, act in dossier.activites:
        for i, r in enumerate(act.realisations):
            if r.participants is None or not r.seances:
                continue
            path: Path_ = ("realisations", i, "participants")
            attendances = [compute.presences_seance(s) for s in r.seances]
            known = [a for a in attendances if a is not None]
            if known and None not in attendances and r.participants > sum(known):
                yield doc.problem(
                    "incoherence",
                    f"les personnes touchées ({r.participants}) dépassent le total des présences"
                    f" aux séances ({sum(known)})",
                    path,
                    hint="« participants » compte les personnes différentes, chacune une fois :"
                    " pas plus que la somme des présences des séances",
                )
            elif known and r.participants < max(known):
                yield doc.problem(
                    "incoherence",
                    f"les personnes touchées ({r.participants}) sont moins nombreuses que les"
                    f" présences à la séance la plus suivie ({max(known)})",
                    path,
                    hint="« participants » compte les personnes différentes : au moins autant"
                    " que la séance la plus suivie",
                )


def _yes_no(doc: Document, ident: str, value: float | None, path: Path_) -> Iterator[Problem]:
    if value is not None and value not in (0, 1):
        yield doc.problem(
            "valeur-invalide",
            f"{ident} est un indicateur oui-non : {value:g} n'est ni oui ni non",
            path,
            hint="écrivez 1 pour oui, 0 pour non",
        )


def yes_no_values(ctx: Contexte) -> Iterator[Problem]:
    """An indicator in `oui-non` takes 1 (oui) or 0 (non), nothing else."""
    dossier = ctx.dossier
    for doc, plan in dossier.plans:
        for a, axe in enumerate(plan.axes):
            for o, obj in enumerate(axe.objectifs):
                for n, act in enumerate(obj.actions):
                    for i, ind in enumerate(act.indicateurs):
                        if ind.unite is not Unite.OUI_NON:
                            continue
                        base: Path_ = ("axes", a, "objectifs", o, "actions", n, "indicateurs", i)
                        for c, cible in enumerate(ind.cibles):
                            yield from _yes_no(
                                doc, ind.id, cible.valeur, (*base, "cibles", c, "valeur")
                            )
                        if ind.reference is not None:
                            path = (*base, "reference", "valeur")
                            yield from _yes_no(doc, ind.id, ind.reference.valeur, path)
    for doc, activite in dossier.activites:
        yes_no = {
            i.id
            for _, plan in dossier.plans_pour(activite.annee)
            for _, i in plan.indicateurs()
            if i.unite is Unite.OUI_NON
        }
        for m, mesure in enumerate(activite.mesures):
            if mesure.indicateur in yes_no:
                yield from _yes_no(doc, mesure.indicateur, mesure.valeur, ("mesures", m, "valeur"))


RULES: tuple[Callable[[Contexte], Iterator[Problem]], ...] = (
    persons_and_attendances,
    yes_no_values,
)
