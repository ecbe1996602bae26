"""The partnership of the year: the structures active, by sector, the new ones."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..figures import compute
from ..models.activite import Activite
from ..models.common import LIBELLES_SECTEURS
from ..models.partenaires import Partenaire
from .graphiques import Graphique


@dataclass(slots=True)
class LigneSecteur:
    """One sector of the partnership and its active partners."""

    secteur: str
    nombre: int
    partenaires: list[Partenaire]


@dataclass(slots=True)
class Partenariat:
    """The structures active in the year."""

    actifs: list[Partenaire]
    par_secteur: list[LigneSecteur]
    nouveaux: list[Partenaire]
    sortants: list[Partenaire]
    """The partners whose last year in the partnership is this one (`jusqu_a`)."""
    representants_usagers: list[Partenaire]
    graphique: Graphique

    @property
    def nombre(self) -> int:
        """How many structures were active."""
        return len(self.actifs)


def nom(partenaire: Partenaire) -> str:
    """The name a reader knows a partner by."""
    return partenaire.sigle or partenaire.nom


def partenariat_de(bilan_partenaires: dict[str, Partenaire], activite: Activite) -> Partenariat:
    actifs = sorted(
        (
            bilan_partenaires[i]
            for i in compute.partenaires_actifs(activite)
            if i in bilan_partenaires
        ),
        key=lambda p: p.nom.casefold(),
    )
    counts = Counter(p.secteur for p in actifs)
    lignes = [
        LigneSecteur(
            LIBELLES_SECTEURS[secteur],
            n,
            [p for p in actifs if p.secteur is secteur],
        )
        for secteur, n in sorted(counts.items(), key=lambda item: (-item[1], item[0].value))
    ]
    graphique = Graphique(
        "partenaires-secteurs",
        f"Secteurs des {len(actifs)} partenaires actifs en {activite.annee}",
        [ligne.secteur for ligne in lignes],
        {"Partenaires": [float(ligne.nombre) for ligne in lignes]},
        unite="structures",
        alternative="Partenaires actifs par secteur : "
        + " ; ".join(f"{ligne.secteur} : {ligne.nombre}" for ligne in lignes)
        + ".",
    )
    return Partenariat(
        actifs=actifs,
        par_secteur=lignes,
        nouveaux=[p for p in actifs if p.depuis == activite.annee],
        sortants=sorted(
            (p for p in bilan_partenaires.values() if p.jusqu_a == activite.annee),
            key=lambda p: p.nom.casefold(),
        ),
        representants_usagers=[p for p in actifs if p.representant_usagers],
        graphique=graphique,
    )
