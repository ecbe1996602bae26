"""The drop-down lists and Excel's own checks of the form's columns (whole numbers ≥ 0,
dates of the year…), as xlsxwriter's data validations."""

from __future__ import annotations

from datetime import date
from typing import Any

from .layout import LISTES, Colonne, Genre
from .lists import LIST_OF, LISTS, Listes


def list_ranges(listes: Listes) -> dict[str, str]:
    """Each non-empty list's range on the Listes sheet, for the drop-downs."""
    from xlsxwriter.utility import xl_col_to_name

    ranges = {}
    for n, name in enumerate(LISTS):
        count = len(listes.valeurs[name])
        if count:
            col = xl_col_to_name(2 * n)
            ranges[name] = f"={LISTES}!${col}$2:${col}${count + 1}"
    return ranges


_STOP = ("Valeur hors de la liste", "Choisissez une valeur de la liste déroulante.")
_WARN = (
    "Valeur hors de la liste",
    "Cette valeur n'est pas dans la liste : clsm essaiera de la reconnaître à l'import."
    " La garder ?",
)


def column_check(colonne: Colonne, annee: int, ranges: dict[str, str]) -> dict[str, Any] | None:
    """The data validation of a column, as xlsxwriter takes it."""
    genre = colonne.genre
    options: dict[str, Any]
    if genre in LIST_OF:
        source = ranges.get(LIST_OF[genre])
        if source is None or genre is Genre.PARTENAIRES:
            options = {"validate": "any"}
        else:
            strict = genre in (Genre.TYPE, Genre.STATUT, Genre.INSTANCE, Genre.PUBLIC)
            title, message = _STOP if strict else _WARN
            options = {
                "validate": "list",
                "source": source,
                "error_type": "stop" if strict else "warning",
                "error_title": title,
                "error_message": message,
            }
    elif genre in (Genre.ENTIER, Genre.NIVEAU):
        bounds = (
            {"criteria": "between", "minimum": 1, "maximum": 2}
            if genre is Genre.NIVEAU
            else {"criteria": ">=", "value": 0}
        )
        options = {
            "validate": "integer",
            **bounds,
            "error_title": "Nombre entier attendu",
            "error_message": "Un nombre entier, sans texte : 11 et non « 11 participants »."
            if genre is Genre.ENTIER
            else "Le niveau est 1 ou 2.",
        }
    elif genre is Genre.OUI:
        options = {
            "validate": "list",
            "source": ["oui", "non"],
            "error_type": "warning",
            "error_title": "« oui » ou rien",
            "error_message": "« oui », ou la cellule laissée vide. La garder ?",
        }
    elif genre is Genre.POURCENTAGE:
        options = {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": 100,
            "error_title": "Pourcentage attendu",
            "error_message": "Un nombre de 0 à 100.",
        }
    elif genre is Genre.DATE:
        options = {
            "validate": "date",
            "criteria": "between",
            "minimum": date(annee, 1, 1),
            "maximum": date(annee, 12, 31),
            "error_type": "warning",
            "error_title": f"Date hors de {annee}",
            "error_message": f"Une date de {annee} est attendue (jj/mm/{annee}). La garder ?",
        }
    elif colonne.aide and genre is not Genre.INFO:
        options = {"validate": "any"}
    else:
        return None
    return options
