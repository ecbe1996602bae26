"""The header row of a grid: found wherever it is, its columns matched by their headers.

Headers are compared with accents, case and punctuation ignored, against the synonyms a
grid uses for each field (`Axe du PRS` is an axis column too). The first visible sheet
with a plausible header row is the grid; what its header says is remarked on.
"""

from __future__ import annotations

import re
from typing import Any

from ..problems import ClsmError, Problem
from .fields import normalise
from .sheet import IGNORE, Feuille

HEADER_SCAN = 40
"""How many rows from the top the header row is looked for in."""

SYNONYMES: dict[str, tuple[str, ...]] = {
    "axe": (
        "objectifs strategiques",
        "objectif strategique",
        "axe",
        "axes",
        "axes strategiques",
        "orientations strategiques",
        "orientation strategique",
    ),
    "objectif": (
        "objectifs specifiques",
        "objectif specifique",
        "objectifs operationnels",
        "objectif operationnel",
        "objectif",
        "objectifs",
    ),
    "action": (
        "actions",
        "action",
        "intitule de l action",
        "intitule",
        "libelle de l action",
        "fiches actions",
        "fiche action",
    ),
    "numero": ("n", "no", "numero", "num", "n de l action", "numero de l action"),
    "description": (
        "description",
        "descriptif",
        "description de l action",
        "contenu",
        "modalites de mise en oeuvre",
    ),
    "prerequis": ("prerequis", "pre requis"),
    "public_cible": (
        "public cible",
        "publics cibles",
        "public",
        "publics",
        "public vise",
        "publics vises",
        "population cible",
    ),
    "dispositifs_existants": (
        "identification des dispositifs existants",
        "dispositifs existants",
        "existant",
    ),
    "resultats_attendus": ("resultats attendus", "resultat attendu"),
    "indicateurs": (
        "indicateurs de resultat",
        "indicateurs de resultats",
        "indicateurs",
        "indicateur",
        "indicateurs d evaluation",
        "indicateurs de suivi",
    ),
    "sources_verification": ("source de verification", "sources de verification"),
    "moyens_mobilisables": (
        "moyens financiers humains et materiels mobilisables",
        "moyens mobilisables",
    ),
    "moyens_a_mobiliser": (
        "moyens financiers humains et materiels a mobiliser a rechercher",
        "moyens financiers humains et materiels a mobiliser",
        "moyens a mobiliser",
        "budget",
        "budget previsionnel",
        "cout",
        "cout previsionnel",
        "cout estime",
    ),
    "pilote": (
        "pilote",
        "porteur",
        "structure pilote",
        "porteur de l action",
        "pilote de l action",
    ),
    "partenaires": ("partenaires", "partenaires associes", "partenaires mobilises"),
    "calendrier": ("calendrier", "echeancier", "calendrier previsionnel", "periode de realisation"),
    "echeance": ("echeance", "echeances", "date de fin"),
    "statut": ("statut", "etat d avancement"),
    "detail_indicateur": ("unite", "valeur de reference", "reference", "cible", "cibles"),
    "financements": ("financements", "financement"),
    "competences_psychosociales": ("competences psychosociales", "cps visees"),
    "notes": ("notes", "remarques", "commentaires"),
    "suite_de": (
        "suite de",
        "suite de l action",
        "suite de l action plan precedent",
        "action chainee",
        "action chainee avec",
    ),
    "themes": ("themes oscars", "themes", "theme", "thematiques", "thematique"),
    "publics": ("publics vises oscars", "publics oscars", "public oscars"),
    "types_intervention": (
        "types d intervention oscars",
        "types d intervention",
        "type d intervention",
    ),
    "territoire_touche": (
        "territoire touche oscars",
        "territoire touche",
        "territoire concerne",
        "territoire oscars",
    ),
}


INTERPRETATIONS = {
    "budget": "« Moyens à mobiliser » (moyens_a_mobiliser), texte gardé tel quel",
    "budget previsionnel": "« Moyens à mobiliser » (moyens_a_mobiliser), texte gardé tel quel",
    "cout": "« Moyens à mobiliser » (moyens_a_mobiliser), texte gardé tel quel",
    "cout previsionnel": "« Moyens à mobiliser » (moyens_a_mobiliser), texte gardé tel quel",
    "cout estime": "« Moyens à mobiliser » (moyens_a_mobiliser), texte gardé tel quel",
    "echeance": "la fin du calendrier de l'action",
    "echeances": "la fin du calendrier de l'action",
    "date de fin": "la fin du calendrier de l'action",
    "n": "le numéro de l'action",
    "no": "le numéro de l'action",
    "num": "le numéro de l'action",
    "numero": "le numéro de l'action",
}
"""Headers whose reading is a guess worth saying."""


GRILLE_PROPERTY = "clsm-grille"
"""The custom property of an exported workbook that names its layout."""
EXPORT_ONLY_PROPERTY = "clsm-export-seulement"
"""The custom property of a workbook `clsm import` refuses (a layout that is not read
back, such as OSCARS): its value is the layout's title."""

MONEY_SHEET = "Financements par année"
HISTORY_SHEET = "Suivi des actions"
COMPANIONS = ("Indicateurs", "Partenaires", "Informations", MONEY_SHEET, HISTORY_SHEET)
"""The sheets a clsm workbook has beside its grid: never read as the grid."""


SUIVI = {
    "detail_indicateur": "non lue : les indicateurs sont lus de la feuille Indicateurs",
    "valeur_annee": "non lue : valeurs calculées des fichiers d'activité (les mesures se"
    " saisissent dans activite/)",
    "statut_indicateur": "non lue : statut calculé des indicateurs",
    "publics_annee": "non lue : personnes touchées par public, sexe et âge, calculées des"
    " fichiers d'activité",
}
"""Columns of a follow-up grid (one row per indicator) whose content the Indicateurs sheet
and the activity files hold; in a workbook with that sheet they are not read."""


_YEAR_VALUE = re.compile(r"^valeur (\d{4})$")
_YEAR_STATUS = re.compile(r"^statut (\d{4})$")
_YEAR_PUBLICS = re.compile(r"^publics (\d{4})$")


def champ_of(header: str) -> str | None:
    """The field a header names (`Axe du PRS` is an axis column too)."""
    text = normalise(header)
    found = _KNOWN.get(text)
    if found is None and text.startswith("axe "):
        return "axe"
    if found is None and _YEAR_VALUE.match(text):
        return "valeur_annee"
    if found is None and _YEAR_STATUS.match(text):
        return "statut_indicateur"
    if found is None and _YEAR_PUBLICS.match(text):
        return "publics_annee"
    return found


_KNOWN = {normalise(s): champ for champ, synonyms in SYNONYMES.items() for s in synonyms}


def _header_map(feuille: Feuille) -> tuple[int, dict[int, str]] | None:
    best: tuple[int, dict[int, str]] | None = None
    for row in range(1, min(feuille.rows, HEADER_SCAN) + 1):
        mapping: dict[int, str] = {}
        for col in range(1, feuille.cols + 1):
            champ = champ_of(feuille.own(row, col))
            if champ is not None and (champ not in mapping.values() or champ in SUIVI):
                mapping[col] = champ
        years = [c for c, champ in mapping.items() if champ == "valeur_annee"]
        for col, champ in mapping.items():
            if champ == "statut" and years and col > min(years):
                mapping[col] = "statut_indicateur"
        plausible = len(mapping) >= 3 and {"action", "objectif"} & set(mapping.values())
        if plausible and (best is None or len(mapping) > len(best[1])):
            best = (row, mapping)
    return best


def find_header(
    workbook: Any, fichier: str, remarques: list[Problem]
) -> tuple[Feuille, int, dict[int, str]]:
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible" or ws.title in COMPANIONS:
            continue
        feuille = Feuille(ws, fichier, remarques)
        found = _header_map(feuille)
        if found is not None:
            return feuille, found[0], found[1]
    raise ClsmError(
        f"{fichier} : aucune feuille visible n'a de ligne d'en-tête reconnue",
        hint="l'en-tête doit contenir au moins « Objectifs spécifiques » ou « Actions » et deux"
        " autres colonnes de la grille (Description, Public cible, Indicateurs…)",
    )


def note_columns(feuille: Feuille, header: int, columns: dict[int, str], suivi: bool) -> None:
    """Remark on the header's columns: not recognised, not read, or read as a guess."""
    for col in range(1, feuille.cols + 1):
        text = feuille.own(header, col)
        if text and col not in columns:
            feuille.note(header, col, f"colonne « {text} » non reconnue")
        elif columns.get(col) in SUIVI and suivi:
            feuille.note(header, col, f"colonne « {text} » {SUIVI[columns[col]]}", code=IGNORE)
        elif col in columns and normalise(text) in INTERPRETATIONS:
            feuille.note(
                header, col, f"colonne « {text} » lue comme {INTERPRETATIONS[normalise(text)]}"
            )


# ---------------------------------------------------------------- the companion sheets
# The header rows of the Indicateurs and Partenaires sheets clsm writes (export.py) and
# reads back (companions.py): here, so that reading a workbook loads nothing of the export
# (Babel, through the units of the indicator values).

INDICATOR_HEADERS = (
    "Identifiant",
    "Action",
    "Libellé",
    "Unité",
    "Numérateur",
    "Dénominateur",
    "Référence",
    "Cibles",
    "Sens",
    "Calcul",
    "Types de réalisation",
    "Résultat attendu",
    "Sources de vérification",
    "Public compté",
    "Cumul",
)
PARTNER_HEADERS = (
    "Identifiant",
    "Nom",
    "Sigle",
    "Secteur",
    "Type",
    "Représentant des usagers",
    "Structure parente",
    "Depuis",
    "Jusqu'à",
    "Devenu",
    "Anciens noms",
    "Commune",
    "Site",
    "Notes",
)
MONEY_HEADERS = ("Action", "Intitulé de l'action", "Financeur", "Dispositif")
"""The first columns of the « Financements par année » sheet (yearly.py); the title is not
read back (the grid has it)."""


def money_year_headers(years: list[int], spent: set[int]) -> list[tuple[str, int, bool]]:
    """`Prévu 2024` for each year, followed by `Dépensé 2024` for a year with an activity
    file: (header, year, whether it is what was spent)."""
    columns = []
    for year in years:
        columns.append((f"Prévu {year}", year, False))
        if year in spent:
            columns.append((f"Dépensé {year}", year, True))
    return columns


MONEY_YEAR = re.compile(r"^(prevu|depense) (\d{4})$")
"""A year's column of the money sheet, as `normalise` writes its header."""
