"""Figures derived from the data: participants, rates, indicator values, active partners.

Nothing here is typed by the user twice: a total is the sum of its parts, a rate is
numerator over denominator, an active partner is one the year's activity names.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models.activite import Activite, Mesure, Realisation, Seance
from .models.plan import Calcul, Indicateur, Unite


def participants_seance(seance: Seance) -> int | None:
    """A session's attendance: given, or the sum of its per-partner breakdown."""
    if seance.participants is not None:
        return seance.participants
    if seance.repartition:
        return sum(p.participants for p in seance.repartition)
    return None


def participants(realisation: Realisation) -> int | None:
    """A realisation's attendance: the sum of its sessions when they say, else as given."""
    counts = [participants_seance(s) for s in realisation.seances]
    known = [c for c in counts if c is not None]
    if known:
        return sum(known)
    return realisation.participants


def partenaires_realisation(realisation: Realisation) -> set[str]:
    """Every partner a realisation names, in its list or in its sessions' breakdowns."""
    found = set(realisation.partenaires)
    for seance in realisation.seances:
        found.update(p.partenaire for p in seance.repartition if p.partenaire is not None)
    return found


def partenaires_actifs(activite: Activite) -> set[str]:
    """The partners active in a year: named by a realisation, a meeting or a referral."""
    found: set[str] = set()
    for realisation in activite.realisations:
        found |= partenaires_realisation(realisation)
    for reunion in activite.reunions:
        found.update(reunion.presents)
    for saisine in activite.saisines:
        if saisine.partenaire is not None:
            found.add(saisine.partenaire)
        found.update(saisine.invites)
    return found


@dataclass(frozen=True, slots=True)
class Valeur:
    """An indicator's value for a year, and where it comes from."""

    valeur: float
    numerateur: float | None = None
    denominateur: float | None = None
    calculee: bool = False


def valeur_mesure(mesure: Mesure) -> float:
    """A measurement's value: as recorded, or numerator over denominator, in percent."""
    if mesure.valeur is not None:
        return mesure.valeur
    assert mesure.numerateur is not None
    assert mesure.denominateur is not None
    return 100 * mesure.numerateur / mesure.denominateur


def valeur_calculee(indicateur: Indicateur, action: str, activite: Activite) -> float | None:
    """The value an indicator with a `calcul` takes from the year's activity."""
    if indicateur.calcul is None:
        return None
    if indicateur.calcul is Calcul.NOMBRE_SAISINES:
        return float(len(activite.saisines))
    types = set(indicateur.types_realisation)
    realisations = [
        r for r in activite.realisations if r.action == action and (not types or r.type in types)
    ]
    if indicateur.calcul is Calcul.SOMME_PARTICIPANTS:
        return float(sum(participants(r) or 0 for r in realisations))
    if indicateur.calcul is Calcul.NOMBRE_REALISATIONS:
        return float(len(realisations))
    if indicateur.calcul is Calcul.NOMBRE_SEANCES:
        return float(sum(max(1, len(r.seances)) for r in realisations))
    partners: set[str] = set()
    for realisation in realisations:
        partners |= partenaires_realisation(realisation)
    return float(len(partners))


def valeur(indicateur: Indicateur, action: str, activite: Activite) -> Valeur | None:
    """An indicator's value for the activity's year: recorded first, else derived."""
    mesure = next((m for m in activite.mesures if m.indicateur == indicateur.id), None)
    if mesure is not None:
        return Valeur(valeur_mesure(mesure), mesure.numerateur, mesure.denominateur)
    derived = valeur_calculee(indicateur, action, activite)
    if derived is None:
        return None
    return Valeur(derived, calculee=True)


def est_taux(indicateur: Indicateur) -> bool:
    """Whether the indicator is a rate, bounded by 0 and 100."""
    return indicateur.unite is Unite.POURCENTAGE
