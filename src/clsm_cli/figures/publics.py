"""Who was reached: persons and attendances broken down by public, sex and age band.

Computed once for every output (the bilan's tables, the indicators that count one
category, the Excel sheet). A category is counted as the files give it; what a total holds
beyond its breakdown is « non précisé », never spread over the categories; a realisation
without a breakdown puts its whole count there. One attribution only: when all of a
realisation's persons are in one category, so are its attendances (12 professionals at two
sessions are 23 attendances of professionals, even if the sessions do not say it again).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..models.activite import Realisation, Seance
from ..models.plan import Indicateur
from ..models.publics import DIMENSIONS, Public, Sexe, ordre_tranches
from .compute import (
    Decompte,
    cumul,
    decompte,
    personnes,
    presences,
    presences_seance,
    repartitions,
)


@dataclass(frozen=True, slots=True)
class Repartition:
    """A count broken down by one key (publics, sexes or ages), as far as the files say it.

    `parts` are the categories given, with their counts; `total` is the whole count;
    `non_precise` what the total holds beyond the categories given.
    """

    parts: dict[str, int]
    total: Decompte
    non_precise: int = 0

    @property
    def renseignee(self) -> bool:
        """Whether some category is given."""
        return bool(self.parts)

    @property
    def complete(self) -> bool:
        """Whether every person of a known total is in a category."""
        return self.total.valeur is not None and not self.total.partiel and not self.non_precise


def _unite(counts: dict[str, int] | None, total: int | None) -> Repartition:
    """One realisation's (or session's) breakdown against its total."""
    parts = counts or {}
    rest = max(0, total - sum(parts.values())) if total is not None else 0
    return Repartition(dict(parts), decompte([total]), rest)


def additionner(repartitions: Iterable[Repartition]) -> Repartition:
    """Breakdowns added up category by category; totals as `compute.cumul` adds them."""
    items = list(repartitions)
    parts: dict[str, int] = {}
    for item in items:
        for key, count in item.parts.items():
            parts[key] = parts.get(key, 0) + count
    return Repartition(parts, cumul(i.total for i in items), sum(i.non_precise for i in items))


def repartition_personnes(realisation: Realisation, dimension: str) -> Repartition:
    """The persons a realisation reached, by public, sex or age: its own breakdown, or with
    a single session, that session's (its persons are then its attendance, which
    `clsm validate` checks)."""
    counts = repartitions(realisation).get(dimension)
    if counts is None and len(realisation.seances) == 1:
        counts = repartitions(realisation.seances[0]).get(dimension)
    return _unite(counts, personnes(realisation))


def _nommees(counts: dict[str, int] | None) -> set[str]:
    """The categories a breakdown counts someone in."""
    return {key for key, count in (counts or {}).items() if count}


def _seule_categorie(repartition: Repartition) -> str | None:
    """The one category all the persons of a breakdown are in, if it says so: it names one
    category and nothing is « non précisé »."""
    nommees = _nommees(repartition.parts)
    if repartition.complete and len(nommees) == 1:
        return nommees.pop()
    return None


def repartition_seance(seance: Seance, dimension: str, seule: str | None = None) -> Repartition:
    """A session's attendance by public, sex or age; with `seule`, the one category all the
    realisation's persons are in, the attendance the session does not place elsewhere is
    that category's (only its persons came)."""
    counts = repartitions(seance).get(dimension)
    total = presences_seance(seance)
    if seule is not None and total is not None and _nommees(counts) <= {seule}:
        counts = {seule: total}
    return _unite(counts, total)


def repartition_presences(realisation: Realisation, dimension: str) -> Repartition:
    """A realisation's attendance by public, sex or age: its sessions' added up, or its
    persons' when it has no session. When all its persons are in one category, all its
    attendances are too."""
    if not realisation.seances:
        return repartition_personnes(realisation, dimension)
    seule = _seule_categorie(repartition_personnes(realisation, dimension))
    return additionner(repartition_seance(s, dimension, seule) for s in realisation.seances)


def _compte(repartition: Repartition) -> bool:
    """Whether a realisation counted anyone (a publication without figures did not)."""
    return repartition.total.valeur is not None or repartition.renseignee


def publics_touches(
    realisations: Iterable[Realisation], dimension: str
) -> tuple[Repartition, Repartition]:
    """Persons and attendances of several realisations by public, sex or age; those that
    counted no one are left out, as `compute.totaux` leaves them out."""
    rows = [
        (repartition_personnes(r, dimension), repartition_presences(r, dimension))
        for r in realisations
    ]
    counted = [(p, a) for p, a in rows if _compte(p) or _compte(a)]
    return additionner(p for p, _ in counted), additionner(a for _, a in counted)


def ordre(dimension: str, categories: Iterable[str]) -> list[str]:
    """Categories in the order of their list (ages from the youngest)."""
    given = set(categories)
    if dimension == "ages":
        return ordre_tranches(list(given))
    enum = Public if dimension == "publics" else Sexe
    return [c.value for c in enum if c.value in given]


def categorie_comptee(indicateur: Indicateur) -> tuple[str, str] | None:
    """(key, category) an indicator counts (`("publics", "professionnels")`), if any."""
    for dimension, champ in DIMENSIONS.items():
        value = getattr(indicateur, champ)
        if value is not None:
            return dimension, str(getattr(value, "value", value))
    return None


def _une_categorie(repartition: Repartition, categorie: str) -> Decompte:
    """How many of one category a realisation counted: exact when every person of its
    total is in a category; a lower bound when some are « non précisés »; unknown without
    a breakdown."""
    if not repartition.renseignee:
        return Decompte(None, 1)
    if repartition.complete:
        return Decompte(repartition.parts.get(categorie, 0), 0)
    return Decompte(repartition.parts.get(categorie), 1)


def compte_categorie(
    realisations: Iterable[Realisation], dimension: str, categorie: str
) -> Decompte:
    """The persons of one category that several realisations reached: « non renseigné »
    (None) when none of them breaks its persons down, partial when some do not. A
    realisation that counted attendances but not its persons is one that does not (its
    persons may be of the category), as `compute.totaux` makes the persons partial."""
    units = [
        u
        for r in realisations
        if _compte(u := repartition_personnes(r, dimension)) or presences(r).valeur is not None
    ]
    return cumul(_une_categorie(u, categorie) for u in units)
