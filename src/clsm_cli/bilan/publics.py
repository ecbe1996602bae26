"""Who the year's work reached, by public, sex and age: the tables of the bilan.

The figures come from `figures.publics`; each table says the persons and the attendances
of each category, what no category holds (« non précisé »), and the year's total.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..figures.compute import Decompte
from ..figures.publics import Repartition, ordre, publics_touches
from ..french.formatting import NON_PRECISE, au_moins
from ..models.activite import Realisation
from ..models.publics import DIMENSIONS, libelle_categorie


@dataclass(frozen=True, slots=True)
class LignePublic:
    """A row of a table: a category (or « non précisé », or the total), persons, attendances."""

    libelle: str
    personnes: str
    presences: str


@dataclass(frozen=True, slots=True)
class TableauPublics:
    """The year's persons and attendances by public, by sex or by age band."""

    dimension: str
    lignes: list[LignePublic]
    total: LignePublic


def _total(decompte: Decompte) -> str:
    return au_moins(decompte.valeur, decompte.partiel, None)


def _cellule(repartition: Repartition, categorie: str) -> str:
    """A category's count: « au moins » when some of the column is in no category, or some
    realisation's total is not known — they may be of this one (41 persons of a public
    read as 30 attendances, when a session did not say who its 25 attendances were)."""
    count = repartition.parts.get(categorie)
    if count is None:
        return NON_PRECISE
    return au_moins(count, bool(repartition.non_precise) or repartition.total.partiel, None)


def _reste(repartition: Repartition) -> str:
    """What no category holds (« au moins » when the total is a lower bound); blank when
    the total itself is not known."""
    if repartition.total.valeur is None:
        return ""
    return au_moins(repartition.non_precise, repartition.total.partiel, None)


def tableau(realisations: list[Realisation], dimension: str, total: str) -> TableauPublics | None:
    """One table, or None when no realisation breaks its count down that way."""
    personnes, presences = publics_touches(realisations, dimension)
    if not (personnes.renseignee or presences.renseignee):
        return None
    categories = ordre(dimension, {*personnes.parts, *presences.parts})
    lignes = [
        LignePublic(libelle_categorie(dimension, c), _cellule(personnes, c), _cellule(presences, c))
        for c in categories
    ]
    if personnes.non_precise or presences.non_precise:
        lignes.append(LignePublic(NON_PRECISE.capitalize(), _reste(personnes), _reste(presences)))
    return TableauPublics(
        dimension,
        lignes,
        LignePublic(total, _total(personnes.total), _total(presences.total)),
    )


def tableaux_publics(realisations: Iterable[Realisation], total: str) -> list[TableauPublics]:
    """The tables by public, sex and age of some realisations, those that have something."""
    items = list(realisations)
    found = (tableau(items, dimension, total) for dimension in DIMENSIONS)
    return [t for t in found if t is not None]
