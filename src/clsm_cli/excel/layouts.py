"""Grid layouts are files, not code: `templates/grilles/NAME.yaml` lists a grid's columns.

A column either names a `champ` clsm knows how to write and read back (`axe`, `objectif`,
`action`, `prerequis`…) or one it only computes (the OSCARS export's: `porteur_statut`,
`budget_prevu`…), or gives a Jinja `valeur` to compute (export only).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

from pydantic import Field, model_validator

from ..loader import load_file
from ..models.common import Modele, Texte
from ..problems import Problem, UsageError
from ..resources import SHIPPED
from ..validation.documents import validate

GRILLES = SHIPPED / "grilles"


def champs_connus() -> tuple[str, ...]:
    """The fields a column may name: those clsm writes and reads back, then the export-only
    ones (oscars_grid.py)."""
    from .fields import ACTION_FIELDS
    from .oscars_grid import CHAMPS

    return (*ACTION_FIELDS, *(c for c in CHAMPS if c not in ACTION_FIELDS))


class Colonne(Modele):
    """One column of a grid."""

    entete: Texte
    champ: Texte | None = None
    valeur: Texte | None = Field(default=None, description="Expression Jinja (export seulement).")
    largeur: float = Field(default=20, gt=0, le=255)
    si_utilise: bool = Field(
        default=False, description="N'afficher la colonne que si une ligne la renseigne."
    )
    par_annee: bool = Field(
        default=False,
        description="Une colonne par année (budget_prevu, depense) ; {annee} dans l'en-tête.",
    )

    @model_validator(mode="after")
    def _champ_connu(self) -> Self:
        from .oscars_grid import PAR_ANNEE

        if self.champ is None and self.valeur is None:
            raise ValueError("une colonne a un « champ » ou une « valeur » (Jinja)")
        if self.champ is not None and self.champ not in champs_connus():
            raise ValueError(
                f"champ « {self.champ} » inconnu ; champs connus : {', '.join(champs_connus())}"
            )
        if self.par_annee and self.champ not in PAR_ANNEE:
            raise ValueError(
                "« par_annee » ne vaut que pour les champs " + " et ".join(sorted(PAR_ANNEE))
            )
        if self.champ in PAR_ANNEE and not self.par_annee:
            raise ValueError(
                f"le champ « {self.champ} » s'écrit par année : ajoutez par_annee: true"
            )
        return self


class Grille(Modele):
    """A grid layout: sheet name, one row per action or per indicator, the columns."""

    nom: Texte
    titre: Texte
    feuille: Texte = Field(max_length=31)
    ligne: Literal["action", "indicateur"] = "action"
    reimportable: bool = Field(
        default=True,
        description="Faux pour un export que clsm import ne relit pas (OSCARS) : le classeur"
        " n'a que la grille, et l'import le refuse en le disant.",
    )
    colonnes: list[Colonne] = Field(min_length=1, max_length=200)


def find_layout(nom: str, search: list[Path]) -> Path:
    """The file of a layout named NAME, user folders first, or a path given directly."""
    as_path = Path(nom)
    if as_path.suffix in (".yaml", ".yml"):
        if not as_path.is_file():
            raise UsageError(f"{nom} : ce fichier de grille n'existe pas")
        return as_path
    for folder in [*(s / "grilles" for s in search), GRILLES]:
        candidate = folder / f"{nom}.yaml"
        if candidate.is_file():
            return candidate
    known = sorted(p.stem for p in GRILLES.glob("*.yaml"))
    raise UsageError(f"grille « {nom} » inconnue", hint="grilles livrées : " + ", ".join(known))


def load_layout(nom: str, search: list[Path]) -> tuple[Grille | None, list[Problem]]:
    """Read and check a grid layout; its problems are located like a plan's."""
    path = find_layout(nom, search)
    doc = load_file(path)
    grille, problems = validate(doc, Grille)
    return grille, doc.problems + problems
