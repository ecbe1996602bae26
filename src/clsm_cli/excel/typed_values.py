"""Values typed into a grid's follow-up columns (`Valeur 2024` of the Indicateurs sheet).

Those columns are what `clsm export` computed from the activity files: the import does not
read them back (measurements go in `activite/AAAA.yaml`, or through `clsm collecte`). A
value a coordinator typed there would be lost without a word: each value the territory's
activity files do not give is said at its cell, with where to enter it — a warning, as it
may also come from a grid exported before the activity changed.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..figures import compute
from ..figures.compute import HORS_CALENDRIER, NON_RENSEIGNE
from ..kinds import ACTIVITE_DIR, is_yaml
from ..models.activite import Activite
from ..models.plan import Plan
from ..problems import Problem
from .companions import ValeurSaisie, number
from .sheet import DIFFERE, remarque


def non_importees(
    saisies: list[ValeurSaisie], plan: Plan, activites: dict[int, Activite], fichier: str
) -> list[Problem]:
    """The typed values the activity files do not give, each at its cell."""
    indicateurs = {
        (action.id, ind.id): ind for _, _, action in plan.actions() for ind in action.indicateurs
    }
    releves = {annee: compute.releves(activite) for annee, activite in activites.items()}
    problems = []
    for saisie in saisies:
        ind = indicateurs.get((saisie.action, saisie.indicateur))
        if ind is None:  # a row the plan does not have: said by the Indicateurs sheet's reading
            continue
        activite = activites.get(saisie.annee)
        if activite is None or saisie.texte.strip().lower() in (NON_RENSEIGNE, HORS_CALENDRIER):
            # without the year's file here, the grid's values are another copy's (exported
            # elsewhere): its column's note says they are not read
            continue
        figure = compute.valeur(ind, saisie.action, activite, releves[saisie.annee])
        valeur = figure.valeur if figure is not None else None
        typed = number(saisie.texte)
        if typed is not None and valeur is not None and math.isclose(typed, valeur, abs_tol=1e-9):
            continue
        problems.append(_non_importee(saisie, typed, valeur, ind.calcul is not None, fichier))
    return problems


def activites_de(dest: Path) -> dict[int, Activite]:
    """The activity files of the territory the grid is imported into, by year (none for a
    new folder); a file that does not pass its model is left out (validate says why)."""
    from ..loader import load_file
    from ..validation.documents import validate

    found: dict[int, Activite] = {}
    folder = dest / ACTIVITE_DIR
    if not folder.is_dir():
        return found
    for path in sorted(p for p in folder.iterdir() if is_yaml(p)):
        activite, _ = validate(load_file(path), Activite)
        if isinstance(activite, Activite):
            found[activite.annee] = activite
    return found


def _non_importee(
    saisie: ValeurSaisie, typed: float | None, valeur: float | None, calcule: bool, fichier: str
) -> Problem:
    """The warning at a typed value's cell: what the files give, and where the value goes
    (an indicator clsm computes is changed through what it counts, not by a measurement)."""
    from ..french.formatting import nombre  # Babel: only when there is something to say

    donnent = "n'en donnent pas" if valeur is None else f"donnent {nombre(valeur)}"
    shown = nombre(typed) if typed is not None else saisie.texte.strip()
    fichier_annee = f"{ACTIVITE_DIR}/{saisie.annee}.yaml"
    if calcule:
        where = (
            f"{saisie.indicateur} est calculé de l'activité de l'année : corrigez ce qu'il"
            f" compte (réalisations, saisines…) dans {fichier_annee} ou par clsm collecte"
        )
    else:
        where = f"saisissez cette valeur dans {fichier_annee} (mesures) ou par clsm collecte"
    return remarque(
        DIFFERE,
        f"« {shown} » n'est pas importé : la colonne « Valeur {saisie.annee} » est calculée à"
        f" partir des fichiers d'activité, qui {donnent} pour {saisie.indicateur}",
        fichier,
        saisie.cellule,
        hint=f"{where} ; une grille exportée avant les derniers changements de l'activité"
        " montre les valeurs d'alors",
    )
