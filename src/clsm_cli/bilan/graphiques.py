"""The bilan's charts as data: partners by sector, persons and attendances by axis, each
indicator's target and value by unit; each with its text alternative."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..figures.compute import Decompte
from ..french.formatting import chiffre, en_unite
from ..models.plan import Unite

if TYPE_CHECKING:
    from .construction import Bilan

UNITES_GRAPHIQUES = {
    Unite.POURCENTAGE: "en pourcentage",
    Unite.NOMBRE: "en nombre",
    Unite.EUROS: "en euros",
    Unite.HEURES: "en heures",
    Unite.JOURS: "en jours",
}
"""One target-and-value chart per unit: a percentage and a count never share an axis."""

REALISE, CIBLE, REFERENCE = "Réalisé", "Cible", "Référence"
"""The series of a figure against its target, named alike in every chart (the bilan's, the
evaluation's): each is drawn in its own colour everywhere (`writers/charts.SERIES_COLORS`)."""

MAX_BARRES = 40
"""Beyond this many indicators of one unit, a chart is no longer read (and takes long to
draw): the indicator table gives each figure."""


@dataclass(slots=True)
class Courbe:
    """One panel of a chart of small multiples: a figure's values along the years.

    `series` are drawn as lines (the first solid, the others dashed), a point without a
    value left out, and said `non renseigné` for the first series; `etiquettes` label the
    first series' points."""

    titre: str
    annees: list[int]
    series: dict[str, list[float | None]]
    etiquettes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Graphique:
    """A chart's data and its text alternative; images are drawn per output format.

    Bars by default (`libelles` and `series`); with `panneaux`, small multiples of lines,
    one panel each (an indicator's trajectory)."""

    id: str
    titre: str
    libelles: list[str]
    series: dict[str, list[float | None]]
    unite: str = ""
    alternative: str = ""
    etiquettes: dict[str, list[str]] = field(default_factory=dict)
    """Each bar's label, by series, when a bare number would say less (unit, partial)."""
    panneaux: list[Courbe] = field(default_factory=list)


def _hauteur(decompte: Decompte) -> float | None:
    return None if decompte.valeur is None else float(decompte.valeur)


def graphiques_de(bilan: Bilan) -> list[Graphique]:
    graphiques = []
    if bilan.partenariat is not None and bilan.partenariat.actifs:
        graphiques.append(bilan.partenariat.graphique)
    # Every axis with work in the year, those whose réalisations counted nobody included
    # (« non renseigné » in their slot), as long as one axis has a figure to draw.
    axes = [a for a in bilan.axes if a.realisations]
    if any(a.personnes.valeur is not None or a.presences.valeur for a in axes):
        personnes = [a.personnes for a in axes]
        presences = [a.presences for a in axes]
        graphiques.append(
            Graphique(
                "participants-axes",
                f"Personnes touchées et présences par axe en {bilan.annee}",
                [f"Axe {a.axe.id}" for a in axes],
                {
                    "Personnes": [_hauteur(d) for d in personnes],
                    "Présences": [_hauteur(d) for d in presences],
                },
                alternative="Personnes et présences par axe : "
                + " ; ".join(f"{a.titre} : {a.effectifs}" for a in axes)
                + ".",
                etiquettes={
                    "Personnes": [chiffre(d) for d in personnes],
                    "Présences": [chiffre(d) for d in presences],
                },
            )
        )
    # An indicator without a value for the year is charted too: its target is drawn, and
    # « non renseigné » stands where its bar would be.
    charted = [
        ligne
        for ligne in bilan.indicateurs
        if ligne.cible_num is not None and ligne.indicateur.unite is not Unite.OUI_NON
    ]
    for unite, libelle in UNITES_GRAPHIQUES.items():
        rows = [ligne for ligne in charted if (ligne.indicateur.unite or Unite.NOMBRE) is unite]
        if not any(ligne.valeur_num is not None for ligne in rows) or len(rows) > MAX_BARRES:
            continue  # nothing realised to compare, or too many bars to read: the table says
        # Under a target aimed over several years, the bar is the running total (`cumul`),
        # which its label names: the year's own value is in the table.
        noms = [
            ligne.indicateur.libelle + (f" ({c.libelle})" if (c := ligne.cumul_dit) else "")
            for ligne in rows
        ]
        graphiques.append(
            Graphique(
                f"indicateurs-cibles-{unite.value}",
                f"Indicateurs {bilan.annee} {libelle} : cible et réalisé",
                noms,
                {
                    CIBLE: [ligne.cible_num for ligne in rows],
                    REALISE: [ligne.valeur_comparee for ligne in rows],
                },
                alternative="Cible et réalisé par indicateur : "
                + " ; ".join(
                    f"{ligne.indicateur.libelle} : cible {ligne.cible}, réalisé {ligne.valeur}"
                    + (f", {c.texte(unite)}" if (c := ligne.cumul_dit) else "")
                    for ligne in rows
                )
                + ".",
                etiquettes={
                    CIBLE: [en_unite(ligne.cible_num, unite) for ligne in rows],
                    REALISE: [
                        ("≥\u202f" if ligne.comparee_partielle else "")
                        + en_unite(ligne.valeur_comparee, unite)
                        for ligne in rows
                    ],
                },
            )
        )
    return graphiques
