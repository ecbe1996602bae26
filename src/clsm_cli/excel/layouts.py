"""Grid layouts are files, not code: `templates/grilles/NAME.yaml` lists a grid's columns.

A column either names a `champ` clsm knows how to write and read back (`axe`, `objectif`,
`action`, `prerequis`…), or gives a Jinja `valeur` to compute (export only).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from ..loader import load_file
from ..models.common import Modele, Texte
from ..problems import ClsmError, Problem
from ..resources import SHIPPED
from ..validation.documents import validate

GRILLES = SHIPPED / "grilles"


class Colonne(Modele):
    """One column of a grid."""

    entete: Texte
    champ: Texte | None = None
    valeur: Texte | None = Field(default=None, description="Expression Jinja (export seulement).")
    largeur: float = Field(default=20, gt=0, le=255)
    si_utilise: bool = Field(
        default=False, description="N'afficher la colonne que si une ligne la renseigne."
    )


class Grille(Modele):
    """A grid layout: sheet name, one row per action or per indicator, the columns."""

    nom: Texte
    titre: Texte
    feuille: Texte = Field(max_length=31)
    ligne: Literal["action", "indicateur"] = "action"
    colonnes: list[Colonne] = Field(min_length=1, max_length=200)


def find_layout(nom: str, search: list[Path]) -> Path:
    """The file of a layout named NAME, user folders first, or a path given directly."""
    as_path = Path(nom)
    if as_path.suffix in (".yaml", ".yml"):
        if not as_path.is_file():
            raise ClsmError(f"{nom} : ce fichier de grille n'existe pas")
        return as_path
    for folder in [*(s / "grilles" for s in search), GRILLES]:
        candidate = folder / f"{nom}.yaml"
        if candidate.is_file():
            return candidate
    known = sorted(p.stem for p in GRILLES.glob("*.yaml"))
    raise ClsmError(f"grille « {nom} » inconnue", hint="grilles livrées : " + ", ".join(known))


def load_layout(nom: str, search: list[Path]) -> tuple[Grille | None, list[Problem]]:
    """Read and check a grid layout; its problems are located like a plan's."""
    path = find_layout(nom, search)
    doc = load_file(path)
    grille, problems = validate(doc, Grille)
    return grille, doc.problems + problems
