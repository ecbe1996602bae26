"""Errors are data: every problem clsm finds is a `Problem` with a stable code.

The catalogue below is the single list of codes; reporters, the user's guide and the tests
read it, so a code is never used without a French description.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

_DIGITS = re.compile(r"(\d+)")


class Gravite(StrEnum):
    """How serious a problem is: errors fail validation, warnings only with --strict.

    An information never fails validation: it says what clsm could not check, and why.
    """

    ERREUR = "erreur"
    AVERTISSEMENT = "avertissement"
    INFO = "info"


CATALOGUE: dict[str, str] = {
    # reading files
    "fichier-illisible": "le fichier ne peut pas être lu (droits, dossier, lien cassé)",
    "fichier-trop-gros": "le fichier dépasse la taille maximale acceptée",
    "fichier-binaire": "le fichier n'est pas du texte",
    "encodage-inconnu": "le fichier n'est ni en UTF-8 ni en Windows-1252",
    "encodage-windows-1252": "fichier en Windows-1252 : il est lu, mais à convertir en UTF-8",
    "encodage-utf16": "le fichier est en UTF-16 : il est lu, mais à convertir en UTF-8",
    "fichier-vide": "le fichier ne contient aucune donnée",
    "fichier-inconnu": "un fichier YAML dont clsm ne sait pas le rôle",
    "fichier-mal-nomme": "un fichier du territoire dont le nom ne dit pas le rôle",
    "territoire-incomplet": "il manque un fichier au dossier du territoire",
    # YAML syntax and structure
    "yaml-syntaxe": "erreur de syntaxe YAML",
    "cle-dupliquee": "la même clé apparaît deux fois dans un bloc",
    "alias-interdit": "ancres (&) et alias (*) ne sont pas acceptés",
    "tag-interdit": "étiquette YAML (!…) non acceptée",
    "directive-interdite": "directive YAML (%…) non acceptée",
    "plusieurs-documents": "plusieurs documents YAML dans un seul fichier",
    "imbrication-trop-profonde": "le fichier est imbriqué trop profondément",
    "cle-complexe": "une clé doit être un simple texte",
    "racine-invalide": "le fichier doit commencer par des clés (un dictionnaire)",
    "commentaire-dans-valeur": "un « #… » collé à la suite d'une valeur sans guillemets,"
    " lu comme un commentaire",
    # values against the models
    "cle-inconnue": (
        "clé inconnue à cet endroit, ou qui contient un caractère invisible"
        " (espace insécable avant « : »)"
    ),
    "champ-manquant": "champ obligatoire absent",
    "type-invalide": "la valeur n'a pas le type attendu",
    "valeur-invalide": "valeur hors de la liste permise",
    "nombre-ambigu": "un nombre là où un texte est attendu, qui serait modifié à la lecture",
    "format-invalide": "la valeur n'a pas le format attendu",
    "caractere-interdit": "un caractère de contrôle invisible dans un texte ou une clé",
    "valeur-hors-bornes": "nombre trop petit ou trop grand",
    "incoherence": "des valeurs qui se contredisent",
    # cross-file rules
    "id-duplique": "le même identifiant est utilisé deux fois",
    "reference-inconnue": "renvoi à un identifiant qui n'existe pas",
    "numerotation-incoherente": "le numéro ne correspond pas à l'axe ou à l'objectif parent",
    "annee-hors-plan": "aucun plan ne couvre cette année d'activité",
    "annee-incoherente": "l'année du fichier ne correspond pas à son nom",
    "date-hors-annee": "une date en dehors de l'année du fichier d'activité",
    "dates-inversees": "une fin avant le début",
    "calendrier-hors-plan": "le calendrier d'une action sort de la période de son plan",
    "reference-circulaire": "un partenaire qui est, par ses « parent » ou « devenu », son propre"
    " parent ou successeur",
    "hors-calendrier": "une réalisation d'une année hors du calendrier de son action",
    "plans-chevauchants": "deux plans couvrent une même année",
    "piece-introuvable": "une pièce justificative dont le fichier n'est pas là où son chemin"
    " le dit",
    "membre-hors-periode": "un partenaire nommé une année où il n'est pas encore, ou plus,"
    " partenaire, ou présent à une instance hors de ses années de membre",
    "unite-manquante": "une cible ou une mesure sans unité",
    "pourcentage-hors-bornes": "un pourcentage en dehors de 0 à 100",
    "pourcentage-en-fraction": "un pourcentage écrit comme une fraction (0,64 pour 64 %)",
    "numerateur-superieur": "un numérateur plus grand que son dénominateur",
    "chiffre-en-double": "un total saisi alors que clsm le calcule",
    "repartition-excedentaire": "une répartition par public, par sexe ou par âge qui compte"
    " plus de personnes que son total",
    "total-non-deduit": "sans total, des répartitions qui ne disent pas le même nombre : le"
    " total reste inconnu",
    "tranches-chevauchantes": "deux tranches d'âge d'une même répartition qui se recouvrent",
    "mesure-et-calcul": "une mesure saisie pour un indicateur calculé, qui diffère du calcul",
    "texte-exemple": "un texte provisoire écrit par clsm init ou clsm import, à remplacer",
    "reunion-a-completer": "une réunion écrite par clsm nouvelle-annee pour être complétée"
    " (sa date, ses présents), laissée telle quelle : comptée comme tenue",
    "verification-incomplete": "vérifications croisées non faites, un fichier ayant des erreurs",
    # reports and templates
    "modele-invalide": "un modèle de rapport (Jinja, ou modele.docx) contient une erreur",
    "modele-interdit": "un modèle de rapport tente une opération interdite",
    # importing a grid (clsm import)
    "valeur-devinee": "à l'import, une valeur, une colonne ou un rangement deviné : à vérifier",
    "non-importe": "à l'import, une cellule, une ligne, une colonne ou une feuille qui n'a pas"
    " pu être placée dans le plan ou dans l'activité",
    "colonne-ignoree": "à l'import, une colonne que clsm ne relit pas : de suivi (qu'il"
    " calcule), ou ajoutée à une fiche de collecte",
    "valeur-non-lue": "à l'import, une valeur d'une colonne de suivi que les fichiers"
    " d'activité ne donnent pas : saisie dans la grille, ou d'une grille plus ancienne",
    "macros-ignorees": "à l'import, un classeur avec des macros : elles ne sont ni exécutées"
    " ni gardées",
    "changement-fusionne": "à l'import dans un territoire existant, un changement reporté dans"
    " un de ses fichiers",
    # importing a collection form (clsm collecte, then clsm import)
    "conflit-collecte": "à l'import d'une fiche de collecte, une valeur changée dans la fiche"
    " et aussi dans le fichier d'activité depuis que la fiche a été faite (ou par une autre"
    " fiche) : la valeur du fichier est gardée",
    "cle-alteree": "à l'import d'une fiche de collecte, une ligne dont la clé cachée a été"
    " modifiée : elle n'est pas importée",
    "ligne-absente": "à l'import d'une fiche de collecte, une ligne pré-remplie qui n'y est plus :"
    " l'entrée est gardée dans le fichier d'activité",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the user's files, located as precisely as we can.

    A text file locates by `line` and `column`; a workbook by `cellule`, the sheet and cell
    (`Plan d'action!C12`) or the sheet alone.
    """

    code: str
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    hint: str | None = None
    severity: Gravite = Gravite.ERREUR
    cellule: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"unknown problem code {self.code!r}")

    @property
    def is_error(self) -> bool:
        """Whether the problem fails validation without --strict."""
        return self.severity is Gravite.ERREUR

    @property
    def where(self) -> str:
        """`file:line:column`, or `file:sheet!cell` in a workbook, as far as known."""
        where = self.file
        if self.cellule:
            where += f":{self.cellule}"
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return where

    def sort_key(
        self,
    ) -> tuple[bool, str, tuple[tuple[int, str], ...], int, int, str, str]:
        """Order problems by file, then position (C9 before C10 in a sheet), then code, then
        message (the same order on every run); informations come last."""
        info = self.severity is Gravite.INFO
        cell = tuple(
            (int(part), "") if part.isdigit() else (-1, part)
            for part in _DIGITS.split(self.cellule or "")
        )
        return (info, self.file, cell, self.line or 0, self.column or 0, self.code, self.message)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping of the problem (`cellule` only for a workbook's problems)."""
        data = asdict(self)
        data["severity"] = str(self.severity)
        if self.cellule is None:
            del data["cellule"]
        return data


@dataclass(slots=True)
class Report:
    """The outcome of a validation: what was read, and every problem found."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add problems found by a later stage."""
        self.problems.extend(problems)

    def sorted(self) -> list[Problem]:
        """Problems in reading order, duplicates removed."""
        return sorted(set(self.problems), key=Problem.sort_key)

    @property
    def errors(self) -> int:
        """How many errors."""
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        """How many warnings (informations are not counted)."""
        return sum(p.severity is Gravite.AVERTISSEMENT for p in self.problems)

    def valid(self, strict: bool = False) -> bool:
        """Whether validation passes; with `strict`, warnings fail it too."""
        return self.errors == 0 and (not strict or self.warnings == 0)

    def flatten(self, *attributes: str) -> list[tuple[Any, ...]]:
        """Short tuples of chosen attributes, for tests and summaries."""
        return [tuple(getattr(p, a) for a in attributes) for p in self.sorted()]


EXIT_OK = 0
"""Every file is valid; the command did what it was asked."""
EXIT_PROBLEMS = 1
"""Problems were found in the files (or, with --strict, warnings); nothing was lost."""
EXIT_USAGE = 2
"""The command line asks for something impossible, or a path cannot be read."""


class ClsmError(Exception):
    """Root of clsm's own exceptions: a failure the user can act on."""

    def __init__(
        self, message: str, *, hint: str | None = None, exit_code: int = EXIT_PROBLEMS
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code


class UsageError(ClsmError):
    """The command line asks for something impossible (exit code 2)."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint, exit_code=EXIT_USAGE)
