"""Figures derived from the data: persons, attendances, rates, indicator values, partners.

Nothing here is typed by the user twice: a total is the sum of its parts, a rate is
numerator over denominator, an active partner is one the year's activity names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..models.activite import Activite, Mesure, Realisation, Seance
from ..models.plan import Calcul, Indicateur, Unite
from ..models.publics import DIMENSIONS

NON_RENSEIGNE = "non renseigné"
"""What every output shows where the files give no figure: absence, never 0."""
HORS_CALENDRIER = "hors calendrier"
"""What every output shows for a year outside an action's `calendrier` that says nothing of
it (`Action.prevue_en`): nothing was due, neither a status nor a value."""


def absent(prevue: bool) -> str:
    """What a year that says nothing of an action shows: `non renseigné` in a year of its
    `calendrier` (`prevue`), `hors calendrier` outside it."""
    return NON_RENSEIGNE if prevue else HORS_CALENDRIER


@dataclass(frozen=True, slots=True)
class Decompte:
    """A count summed over parts (séances, réalisations): what is known, and what is not.

    `valeur` is the sum of the parts that give a figure, None when none does; `manquants`
    is how many parts give none, so that a sum with gaps reads "au moins …", never as
    the whole.
    """

    valeur: int | None = None
    manquants: int = 0

    @property
    def partiel(self) -> bool:
        """Whether the figure is a lower bound: known for some parts only."""
        return self.valeur is not None and self.manquants > 0


def decompte(counts: Iterable[int | None]) -> Decompte:
    """The sum of the counts that are known, and how many are not."""
    known = 0
    missing = 0
    any_known = False
    for count in counts:
        if count is None:
            missing += 1
        else:
            known += count
            any_known = True
    return Decompte(known if any_known else None, missing)


def cumul(decomptes: Iterable[Decompte]) -> Decompte:
    """Decomptes added up; a part is missing when its own figure is unknown or partial."""
    items = list(decomptes)
    known = [d.valeur for d in items if d.valeur is not None]
    missing = sum(1 for d in items if d.valeur is None or d.manquants)
    return Decompte(sum(known) if known else None, missing)


def repartitions(objet: Realisation | Seance) -> dict[str, dict[str, int]]:
    """The breakdowns a realisation (persons) or a session (attendances) gives, by key
    (`publics`, `sexes`, `ages`), each category as its text; an empty one says nothing."""
    found = {}
    for dimension in DIMENSIONS:
        counts = getattr(objet, dimension)
        if counts:
            found[dimension] = {str(getattr(k, "value", k)): n for k, n in counts.items()}
    return found


def total_des_repartitions(objet: Realisation | Seance) -> int | None:
    """Without a total, the sum of the breakdowns, when they agree.

    A breakdown written without its total is read as complete, as a session's `repartition`
    by structure is: it comes from an attendance sheet where every line has its category.
    Two breakdowns that do not add up to the same number cannot both be complete: the
    total is then unknown (`clsm validate` says so).
    """
    sums = {sum(counts.values()) for counts in repartitions(objet).values()}
    return sums.pop() if len(sums) == 1 else None


def presences_seance(seance: Seance) -> int | None:
    """A session's attendance: given, or the sum of its per-partner breakdown, or of its
    breakdowns by public, sex or age."""
    if seance.participants is not None:
        return seance.participants
    if seance.repartition:
        return sum(p.participants for p in seance.repartition)
    return total_des_repartitions(seance)


def personnes(realisation: Realisation) -> int | None:
    """The distinct persons a realisation reached: as given, else its only session's
    attendance, else the sum of its breakdowns by public, sex or age.

    Several sessions may see the same persons again (a two-day training of the same 12
    people): their attendances are never added up into persons.
    """
    if realisation.participants is not None:
        return realisation.participants
    if len(realisation.seances) == 1:
        attendance = presences_seance(realisation.seances[0])
        if attendance is not None:
            return attendance
    return total_des_repartitions(realisation)


def personnes_deduites(realisation: Realisation) -> bool:
    """Whether a realisation's persons are the sum of its own breakdowns (no other count)."""
    if realisation.participants is not None:
        return False
    if len(realisation.seances) == 1 and presences_seance(realisation.seances[0]) is not None:
        return False
    return total_des_repartitions(realisation) is not None


def presences(realisation: Realisation) -> Decompte:
    """A realisation's attendance: the sum of its sessions', or its persons without sessions."""
    if realisation.seances:
        return decompte(presences_seance(s) for s in realisation.seances)
    return decompte([personnes(realisation)])


def totaux(effectifs: Iterable[tuple[int | None, Decompte]]) -> tuple[Decompte, Decompte]:
    """Persons and attendance of several realisations, from each one's (persons, attendance).

    A realisation that counted no one (a publication, a working group without figures)
    is left out; one that counted attendances but not persons makes the persons partial,
    rather than its attendances being taken for persons. A person who came to two
    realisations counts twice.
    """
    counted = [(p, a) for p, a in effectifs if p is not None or a.valeur is not None]
    return decompte(p for p, _ in counted), cumul(a for _, a in counted)


def totaux_realisations(realisations: Iterable[Realisation]) -> tuple[Decompte, Decompte]:
    """Persons and attendance of several realisations."""
    return totaux((personnes(r), presences(r)) for r in realisations)


def partenaires_realisation(realisation: Realisation) -> list[str]:
    """Every partner a realisation names, once each, in the order the file names them: its
    list, then its sessions' breakdowns (the bilan writes them so)."""
    found = dict.fromkeys(realisation.partenaires)
    for seance in realisation.seances:
        found.update(dict.fromkeys(p.partenaire for p in seance.repartition if p.partenaire))
    return list(found)


def partenaires_actifs(activite: Activite) -> set[str]:
    """The partners active in a year: named by a realisation, a meeting or a referral."""
    found: set[str] = set()
    for realisation in activite.realisations:
        found.update(partenaires_realisation(realisation))
    for reunion in activite.reunions:
        found.update(reunion.presents)
    for saisine in activite.saisines:
        if saisine.partenaire is not None:
            found.add(saisine.partenaire)
        found.update(saisine.invites)
    return found


def saisines_renseignees(activite: Activite) -> bool:
    """Whether the year's file says what the cellule received: `saisines: []` says none."""
    return "saisines" in activite.model_fields_set


@dataclass(frozen=True, slots=True)
class Valeur:
    """An indicator's value for a year, and where it comes from.

    A partial value is a lower bound: a sum some of whose parts are unknown.
    """

    valeur: float
    numerateur: float | None = None
    denominateur: float | None = None
    calculee: bool = False
    partiel: bool = False


def valeur_mesure(mesure: Mesure) -> float:
    """A measurement's value: as recorded, or numerator over denominator, in percent."""
    if mesure.valeur is not None:
        return mesure.valeur
    assert mesure.numerateur is not None
    assert mesure.denominateur is not None
    return 100 * mesure.numerateur / mesure.denominateur


@dataclass(frozen=True, slots=True)
class Releves:
    """A year's activity read once for its indicators: the first measurement of each
    indicator, the realisations of each action — a 2,000-action plan asks for them 4,000
    times a year, which a scan of the year's lists made quadratic."""

    mesures: dict[str, Mesure]
    realisations: dict[str, list[Realisation]]


def releves(activite: Activite) -> Releves:
    """The year's measurements and realisations, by indicator and by action."""
    mesures: dict[str, Mesure] = {}
    for mesure in activite.mesures:
        mesures.setdefault(mesure.indicateur, mesure)
    realisations: dict[str, list[Realisation]] = {}
    for realisation in activite.realisations:
        realisations.setdefault(realisation.action, []).append(realisation)
    return Releves(mesures, realisations)


def realisations_comptees(
    indicateur: Indicateur, action: str, activite: Activite, index: Releves | None = None
) -> list[Realisation]:
    """The realisations an indicator's `calcul` counts: its action's, of its types if given
    (`index`, when given, is the year's `releves`)."""
    siennes = (
        index.realisations.get(action, [])
        if index is not None
        else [r for r in activite.realisations if r.action == action]
    )
    types = indicateur.types_realisation  # most actions of a large plan record nothing
    return [r for r in siennes if r.type in types] if types and siennes else list(siennes)


def calcul(
    indicateur: Indicateur, action: str, activite: Activite, index: Releves | None = None
) -> Valeur | None:
    """The value an indicator with a `calcul` takes from the year's activity, if it tells
    (`index`, when given, is the year's `releves`)."""
    if indicateur.calcul is None:
        return None
    if indicateur.calcul is Calcul.NOMBRE_SAISINES:
        if not saisines_renseignees(activite):
            return None
        return Valeur(float(len(activite.saisines)), calculee=True)
    realisations = realisations_comptees(indicateur, action, activite, index)
    if not realisations:
        return None  # a year that records nothing for the action does not say 0
    if indicateur.calcul is Calcul.SOMME_PARTICIPANTS:
        from .publics import categorie_comptee, compte_categorie

        categorie = categorie_comptee(indicateur)
        if categorie is None:
            total = totaux_realisations(realisations)[0]
        else:
            total = compte_categorie(realisations, *categorie)
        if total.valeur is None:
            return None
        return Valeur(float(total.valeur), calculee=True, partiel=total.partiel)
    if indicateur.calcul is Calcul.NOMBRE_REALISATIONS:
        return Valeur(float(len(realisations)), calculee=True)
    if indicateur.calcul is Calcul.NOMBRE_SEANCES:
        return Valeur(float(sum(max(1, len(r.seances)) for r in realisations)), calculee=True)
    partners: set[str] = set()
    for realisation in realisations:
        partners.update(partenaires_realisation(realisation))
    return Valeur(float(len(partners)), calculee=True)


def valeur_calculee(indicateur: Indicateur, action: str, activite: Activite) -> float | None:
    """The derived value when the activity tells it whole; None when unknown or partial."""
    derived = calcul(indicateur, action, activite)
    if derived is None or derived.partiel:
        return None
    return derived.valeur


def valeur(
    indicateur: Indicateur, action: str, activite: Activite, index: Releves | None = None
) -> Valeur | None:
    """An indicator's value for the activity's year: recorded first, else derived
    (`index`, when given, is the year's `releves`)."""
    if index is not None:
        mesure = index.mesures.get(indicateur.id)
    else:
        mesure = next((m for m in activite.mesures if m.indicateur == indicateur.id), None)
    if mesure is not None:
        return Valeur(valeur_mesure(mesure), mesure.numerateur, mesure.denominateur)
    return calcul(indicateur, action, activite, index)


def est_taux(indicateur: Indicateur) -> bool:
    """Whether the indicator is a rate, bounded by 0 and 100."""
    return indicateur.unite is Unite.POURCENTAGE


def reunions_renseignees(activite: Activite) -> bool:
    """Whether the year's file says which meetings were held: `reunions: []` says none were,
    a file without the key does not say (an instance's count is then unknown, not 0)."""
    return "reunions" in activite.model_fields_set
