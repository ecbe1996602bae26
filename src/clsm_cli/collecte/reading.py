"""A filled form read back: what it was made for, the lists, and each row as field values.

The workbook goes through the same guard as a grid (excel/guard.py) and is opened the same
way (excel/reading.py); each sheet is read as texts by excel/sheet.py (formulas refused,
control characters removed, size bounded). Columns are found by their header, wherever they
are: a column the form did not have is said and ignored; a column removed leaves its field
as it is. Each row becomes a `Ligne`: its key, the values of the fields its sheet states,
and what its cells said.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..excel.fields import normalise
from ..excel.guard import REOPEN, check_workbook
from ..excel.reading import open_workbook
from ..excel.sheet import CORRIGER_FICHE, IGNORE, MACROS, PERDU, Feuille, remarque
from ..excel.workbooks import FORM_SHEET
from ..problems import ClsmError, Problem
from .cells import CellReader, Lecture
from .layout import LISTES, Colonne, Onglet, onglets
from .lists import LISTS, Listes, Vocabulaire

VERSIONS = ("1",)
"""The form formats this clsm reads."""


@dataclass(slots=True)
class Ligne:
    """A row of a sheet of entries, read."""

    onglet: Onglet
    row: int
    cle: str | None
    valeurs: dict[str, Any] = field(default_factory=dict)
    """The values of the fields the sheet states (None where a cell is empty)."""
    remarques: dict[str, list[Problem]] = field(default_factory=dict)
    """What each field's cells said (a guess, a loss), kept if the field is imported."""
    erreur: bool = False
    colonnes: dict[str, int] = field(default_factory=dict)
    """Each field's column (its first one), to locate what is said about it."""

    def ref(self, champ: str | None = None) -> str:
        """`Séances!D7`: the row's cell of a field (or its first cell)."""
        from openpyxl.utils import get_column_letter

        col = self.colonnes.get(champ or "", min(self.colonnes.values(), default=2))
        return f"{self.onglet.nom}!{get_column_letter(col)}{self.row}"


@dataclass(slots=True)
class Fiche:
    """A form, opened: what it was made for, its lists and its sheets (rows read later,
    once the territory's vocabulary is known)."""

    path: Path
    version: str
    faits: dict[str, str]
    empreintes: dict[str, tuple[str, dict[str, str]]]
    """Each key the form was given: its sheet and its fields' fingerprints."""
    listes: Listes
    workbook: Any
    remarques: list[Problem] = field(default_factory=list)

    @property
    def fichier(self) -> str:
        return self.path.name

    @property
    def annee(self) -> int:
        return int(self.faits.get("Année", "0") or 0)


def open_form(path: Path) -> Fiche:
    """Open a collection form: its hidden sheets read; ClsmError if it is not one clsm reads."""
    fichier = path.name
    remarques = [remarque(MACROS, warning, fichier) for warning in check_workbook(path)]
    workbook = open_workbook(path, read_only=True)
    if FORM_SHEET not in workbook.sheetnames:
        raise ClsmError(f"{fichier} n'est pas une fiche de collecte de clsm")
    hidden = Feuille(workbook[FORM_SHEET], fichier, remarques)
    version = hidden.own(1, 2)
    if hidden.own(1, 1) != "clsm collecte" or version not in VERSIONS:
        raise ClsmError(
            f"{fichier} : fiche de collecte d'un format que ce clsm ne lit pas ({version!r})",
            hint="refaites la fiche avec « clsm collecte », ou mettez clsm à jour",
        )
    faits: dict[str, str] = {}
    row = 2
    while row <= hidden.rows and hidden.own(row, 1) != "Feuille":
        if hidden.own(row, 1):
            faits[hidden.own(row, 1)] = hidden.own(row, 2)
        row += 1
    empreintes = {}
    for r in range(row + 1, hidden.rows + 1):
        try:
            prints = json.loads(hidden.own(r, 3))
        except ValueError:
            raise ClsmError(
                f"{fichier} : la feuille masquée {FORM_SHEET} a été modifiée (ligne {r})",
                hint=REOPEN,
            ) from None
        empreintes[hidden.own(r, 2)] = (hidden.own(r, 1), prints)
    return Fiche(
        path, version, faits, empreintes, _lists(workbook, fichier, remarques), workbook, remarques
    )


def _lists(workbook: Any, fichier: str, remarques: list[Problem]) -> Listes:
    listes = Listes()
    if LISTES not in workbook.sheetnames:
        return listes
    feuille = Feuille(workbook[LISTES], fichier, remarques)
    for n, name in enumerate(LISTS):
        for r in range(2, feuille.rows + 1):
            label, value = feuille.own(r, 2 * n + 1), feuille.own(r, 2 * n + 2)
            if label and value:
                listes.valeurs[name][label] = value
    return listes


def read_rows(fiche: Fiche, vocabulaire: Vocabulaire) -> dict[str, list[Ligne]]:
    """Every filled row of the form's sheets of entries, by sheet."""
    reader = CellReader(vocabulaire)
    found: dict[str, list[Ligne]] = {}
    names = {normalise(n): n for n in fiche.workbook.sheetnames}
    for onglet in onglets(_pairs(fiche.workbook)):
        name = names.get(normalise(onglet.nom))
        if name is None:
            continue
        ws = fiche.workbook[name]
        feuille = Feuille(ws, fiche.fichier, fiche.remarques)
        columns = _columns(feuille, onglet)
        found[onglet.nom] = [
            ligne
            for row in feuille.filled_rows(1)
            if (ligne := _row(feuille, onglet, columns, row, reader)) is not None
        ]
    return found


def _pairs(workbook: Any) -> int:
    """How many pairs of attendance columns the Séances sheet has."""
    for name in workbook.sheetnames:
        if normalise(name) == normalise("Séances"):
            ws = workbook[name]
            heads = [normalise(str(c.value or "")) for c in next(ws.iter_rows(max_row=1), ())]
            numbers = [int(m[1]) for h in heads if (m := re.fullmatch(r"structure (\d+)", h))]
            return max(numbers, default=0)
    return 0


def _columns(feuille: Feuille, onglet: Onglet) -> dict[int, Colonne]:
    """The sheet's columns found by their header; the others said and ignored."""
    wanted = {normalise(c.titre): c for c in onglet.colonnes}
    found: dict[int, Colonne] = {}
    for col in range(2, feuille.cols + 1):
        header = feuille.own(1, col)
        colonne = wanted.get(normalise(header)) if header else None
        if colonne is not None and colonne not in found.values():
            found[col] = colonne
        elif header:
            feuille.note(1, col, f"colonne « {header} » ajoutée à la fiche : ignorée", code=IGNORE)
    return found


def _row(
    feuille: Feuille, onglet: Onglet, columns: dict[int, Colonne], row: int, reader: CellReader
) -> Ligne | None:
    """A row's key and values; None for a row with nothing in the form's columns."""
    cle = feuille.own(row, 1) or None
    ligne = Ligne(onglet, row, cle)
    pairs: dict[int, dict[str, Any]] = {}
    filled = False  # a cell has text
    for col, colonne in columns.items():
        champ = colonne.champ
        if not champ:
            continue
        ligne.colonnes.setdefault(champ.split(".")[0], col)
        text = feuille.own(row, col)
        lu = reader.read(colonne.genre, text, feuille.raw.get((row, col))) if text else Lecture()
        filled = filled or bool(text)
        _said(feuille, ligne, row, col, champ.split(".")[0], lu)
        if champ.startswith("repartition."):
            _, index, part = champ.split(".")
            pairs.setdefault(int(index), {})[part] = (lu.valeur, col)
        else:
            ligne.valeurs[champ] = lu.valeur if lu.valeur != [] else None
    if "repartition" in ligne.colonnes:
        ligne.valeurs["repartition"] = _repartition(feuille, ligne, row, pairs)
    said = {c for c, v in ligne.valeurs.items() if v is not None}
    if cle is None and (not filled or said <= {onglet.ancre}):
        return None  # an empty row, or one the form proposed and no one filled
    return ligne


def _said(feuille: Feuille, ligne: Ligne, row: int, col: int, champ: str, lu: Lecture) -> None:
    for code, message in lu.remarques:
        hint = CORRIGER_FICHE if code == PERDU else None
        problem = remarque(code, message, feuille.fichier, feuille.ref(row, col), hint=hint)
        ligne.remarques.setdefault(champ, []).append(problem)
    ligne.erreur = ligne.erreur or lu.erreur


def _repartition(
    feuille: Feuille, ligne: Ligne, row: int, pairs: dict[int, dict[str, Any]]
) -> list[dict[str, Any]] | None:
    """A séance's attendance, structure by structure, from its pairs of columns."""
    items = []
    for index in sorted(pairs):
        structure, s_col = pairs[index].get("structure", (None, 0))
        count, c_col = pairs[index].get("participants", (None, 0))
        if structure is None and count is None:
            continue
        if structure is None or count is None:
            col = s_col if structure is None else c_col
            missing = "la structure" if structure is None else "le nombre de présents"
            problem = remarque(
                PERDU,
                f"présences {index} : il manque {missing}",
                feuille.fichier,
                feuille.ref(row, col or min(ligne.colonnes.values())),
                hint=CORRIGER_FICHE,
            )
            ligne.remarques.setdefault("repartition", []).append(problem)
            ligne.erreur = True
            continue
        items.append({**structure, "participants": count})
    return items or None
