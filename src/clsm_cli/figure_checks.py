"""Rules on the figures a year records: the persons a realisation reached and its sessions.

A realisation's `participants` are the distinct persons it reached; a session's, its
attendance. The persons cannot outnumber the attendances added up, nor be fewer than
the best-attended session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from . import compute
from .loader import Path_
from .problems import Problem
from .workspace import Dossier

Rule = Callable[[Dossier], Iterator[Problem]]


def persons_and_attendances(dossier: Dossier) -> Iterator[Problem]:
    """A realisation's persons lie between its largest session and its summed attendance."""
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


RULES: tuple[Rule, ...] = (persons_and_attendances,)
