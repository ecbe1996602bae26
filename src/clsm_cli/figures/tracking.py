"""Where an indicator stands in a year: the target that applies, and its status.

One place decides the words of the status (atteint, en bonne voie, en retard, non atteint,
valeur partielle, sans cible…), read by the bilan and by the Excel follow-up sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..models.common import PLUS_GRAND
from ..models.plan import Calcul, Cible, Indicateur, Plan, Sens, Unite
from .compute import Valeur

STATUTS_COULEURS = {
    "atteint": "C8E6C9",
    "en bonne voie": "BBDEFB",
    "en retard": "FFD8A8",
    "non atteint": "F6C6C2",
}
"""The statuses a reader should see at a glance, and their cell fill in the Excel sheet:
light tints of the bilan's colours below (green, blue, orange, red)."""

STATUTS_TEXTE = {
    "atteint": "2E7D32",
    "en bonne voie": "1565C0",
    "en retard": "B35900",
    "non atteint": "B3261E",
}
"""The statuses' text colour in the bilan (HTML, PDF and DOCX): green, blue, orange and red,
each readable on white (contrast of 4.5:1 or more); the status is also written out, so no
reader depends on the colour alone."""


def cible_applicable(indicateur: Indicateur, annee: int) -> Cible | None:
    """The target that applies to a year: that year's, else the next dated one, else the
    plan's final (undated) target, else the last dated one (the year is past them all)."""
    if len(indicateur.cibles) <= 1:  # most indicators: asked for each of thousands each year
        return indicateur.cibles[0] if indicateur.cibles else None
    datees = indicateur.cibles_datees
    for cible in datees:
        if (cible.annee or 0) >= annee:
            return cible
    finale = next((c for c in indicateur.cibles if c.annee is None), None)
    if finale is not None:
        return finale
    return datees[-1] if datees else None


def _depart(indicateur: Indicateur, plan: Plan, annee: int) -> tuple[int, float] | None:
    """Where the line to the target starts: the latest of the baseline and the dated targets
    before the year; for a rising indicator without either, zero before the plan."""
    points = [(c.annee, c.valeur) for c in indicateur.cibles if c.annee is not None]
    if indicateur.reference is not None:
        points.append((indicateur.reference.annee, indicateur.reference.valeur))
    passes = [(a, v) for a, v in points if a < annee]
    if passes:
        return max(passes, key=lambda point: point[0])
    if indicateur.sens is Sens.HAUSSE:
        return plan.periode.debut - 1, 0.0
    return None


def statut(indicateur: Indicateur, plan: Plan, annee: int, valeur: float, cible: Cible) -> str:
    """Where an indicator stands in a year, respecting its direction.

    `atteint` and `non atteint` are verdicts, given from the target's year on. Before it,
    an indicator is `en bonne voie` when it is at least where a straight line from its
    baseline or last passed target (or from zero at the plan's start, for a rising one) to
    the target would be this year, and `en retard` below it. A yes-or-no not yet reached,
    or a falling indicator without a baseline, has no line to follow: no status before the
    verdict.
    """
    hausse = indicateur.sens is Sens.HAUSSE
    atteint = valeur >= cible.valeur if hausse else valeur <= cible.valeur
    echeance = cible.annee or plan.periode.fin
    if annee >= echeance:
        return "atteint" if atteint else "non atteint"
    if atteint:
        return "en bonne voie"
    if indicateur.unite is Unite.OUI_NON:
        return ""
    depart_point = _depart(indicateur, plan, annee)
    if depart_point is None:
        return "sans référence"
    depart_annee, depart = depart_point
    if echeance <= depart_annee:
        return "en retard"
    attendu = depart + (cible.valeur - depart) * (annee - depart_annee) / (echeance - depart_annee)
    on_track = valeur >= attendu if hausse else valeur <= attendu
    return "en bonne voie" if on_track else "en retard"


def sans_cible(mesure: Valeur) -> str:
    """The status of a value no target applies to."""
    return "valeur partielle" if mesure.partiel else "sans cible"


def etat(indicateur: Indicateur, plan: Plan, annee: int, mesure: Valeur | None) -> str:
    """The status to show for a year's value: empty without a value, none without a target;
    a partial value (a lower bound) is judged only when it already reaches a rising target."""
    if mesure is None:
        return ""
    cible = cible_applicable(indicateur, annee)
    if cible is None:
        return sans_cible(mesure)
    verdict = statut(indicateur, plan, annee, mesure.valeur, cible)
    if mesure.partiel:
        # A lower bound that already reaches a rising target (or its line) says enough.
        enough = indicateur.sens is Sens.HAUSSE and verdict in ("atteint", "en bonne voie")
        return verdict if enough else "valeur partielle"
    return verdict


# ---------------------------------------------------------------- over a plan's years

_LATEST_ONLY = frozenset({Unite.POURCENTAGE, Unite.OUI_NON})
"""Units whose values never add up from one year to the next: a rate, a yes-or-no."""


def cumulatif(indicateur: Indicateur) -> bool:
    """Whether an indicator's yearly values add up over the plan (persons reached, sessions
    held), so that its figure for the period is their sum; otherwise (a rate, a yes-or-no,
    the partners named in a year, who come back the next) it is the latest value.

    The indicator says it with `cumul`; without it, every count accumulates but those, and
    but a falling one (`sens: baisse`: hospitalisations, waiting days), a level each year
    brings down, whose sum over the years means nothing."""
    if indicateur.cumul is not None:
        return indicateur.cumul
    if indicateur.unite in _LATEST_ONLY or indicateur.sens is Sens.BAISSE:
        return False
    return indicateur.calcul is not Calcul.NOMBRE_PARTENAIRES


def taux_atteinte(
    indicateur: Indicateur, valeur: float | None, cible: float | None
) -> float | None:
    """How much of its target a rising indicator reached, in percent (TolaData's « % met »):
    none for a falling one or a yes-or-no, whose status says it, or without both figures."""
    if valeur is None or cible is None or cible <= 0:
        return None
    if indicateur.sens is not Sens.HAUSSE or indicateur.unite is Unite.OUI_NON:
        return None
    taux = 100 * valeur / cible
    return taux if taux <= PLUS_GRAND else None  # a target of 1e-300: no rate worth writing


def cibles_periode(indicateur: Indicateur, annees: Sequence[int]) -> list[Cible]:
    """The targets a cumulative indicator's sum over `annees` is compared with: the one that
    applies to each year (`cible_applicable`), each counted once. A target that applies to
    several years (the plan's final target, a dated target for the years before it) is the
    total aimed at over them; a figure aimed at each year is each year's own dated target.
    Empty when some year has no target: none at all, or the year comes after the last dated
    one and the plan has no final target (that target was due before: the sum of later
    years would reach it late, and say « atteint »)."""
    cibles: list[Cible] = []
    for annee in annees:
        cible = cible_applicable(indicateur, annee)
        if cible is None or (cible.annee is not None and cible.annee < annee):
            return []
        if not any(cible is vue for vue in cibles):
            cibles.append(cible)
    return cibles


def annees_de(indicateur: Indicateur, plan: Plan, cible: Cible) -> list[int]:
    """The plan's years a target is aimed over: those it applies to, up to its own year
    (the years after the last dated target also take it, but it was due before them)."""
    debut, echeance = plan.periode.debut, cible.annee or plan.periode.fin
    annees = [a for a in range(debut, echeance + 1) if cible_applicable(indicateur, a) is cible]
    return annees or [echeance]


def statut_cumul(
    indicateur: Indicateur,
    plan: Plan,
    annee: int,
    cumul: Valeur,
    cibles: Sequence[Cible],
    annees: Callable[[Cible], list[int]] | None = None,
) -> str:
    """Where a cumulative indicator stands after `annee`: its sum of the years so far against
    the targets that applied to them (`cibles_periode`). A verdict (atteint, non atteint)
    once the last of them is due, as a year's status is from its target's year on; before,
    `en bonne voie` when the sum is at least what is due by then (each target in proportion
    of its years passed), `en retard` below. A partial sum (some year without a value) is
    judged only when it already reaches a rising target."""
    if not cibles:
        return sans_cible(cumul)
    hausse = indicateur.sens is Sens.HAUSSE
    years_of = annees or (lambda cible: annees_de(indicateur, plan, cible))
    spans = [(cible.valeur, years_of(cible)) for cible in cibles]
    if annee >= max(years[-1] for _, years in spans):
        seuil = sum(valeur for valeur, _ in spans)
        verdicts = ("atteint", "non atteint")
    else:
        seuil = sum(v * sum(1 for y in years if y <= annee) / len(years) for v, years in spans)
        verdicts = ("en bonne voie", "en retard")
    atteint = cumul.valeur >= seuil if hausse else cumul.valeur <= seuil
    if cumul.partiel and not (hausse and atteint):
        return "valeur partielle"
    return verdicts[0] if atteint else verdicts[1]
