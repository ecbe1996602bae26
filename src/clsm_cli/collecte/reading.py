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
from .layout import LISTES, PAIRS, Colonne, Onglet, onglets
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


def _altered(fichier: str, row: int | None) -> ClsmError:
    """The hidden sheet changed by hand: the form cannot be matched to the file any more."""
    where = f" (ligne {row})" if row is not None else ""
    return ClsmError(
        f"{fichier} : la feuille masquée {FORM_SHEET} a été modifiée{where}", hint=REOPEN
    )


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
    year = faits.get("Année", "")
    if not (year.isdigit() and len(year) == 4):
        raise _altered(fichier, row=None)
    empreintes = {}
    for r in range(row + 1, hidden.rows + 1):
        try:
            prints = json.loads(hidden.own(r, 3))
        except ValueError:
            raise _altered(fichier, r) from None
        if not isinstance(prints, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in prints.items()
        ):
            raise _altered(fichier, r)
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
    for onglet in onglets(_widths(fiche.workbook)):
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


def _widths(workbook: Any) -> dict[str, int]:
    """How many pairs of columns each breakdown has in the form (its headers say it)."""
    widths = {champ: 0 for champ in PAIRS}
    for ws in workbook.worksheets:
        heads = [normalise(str(c.value or "")) for c in next(ws.iter_rows(max_row=1), ())]
        for champ, paire in PAIRS.items():
            pattern = re.escape(normalise(paire.quoi.format(n=0))).replace("0", r"(\d+)")
            for h in heads:
                if (m := re.fullmatch(pattern, h)) is not None:
                    widths[champ] = max(widths[champ], int(m[1]))
    return widths


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
    parts: dict[str, dict[str, tuple[Any, int]]] = {}
    typed: set[str] = set()  # the fields whose cells have text, read or not
    for col, colonne in columns.items():
        if not colonne.champ:
            continue
        champ, _, part = colonne.champ.partition(".")
        ligne.colonnes.setdefault(champ, col)
        text = feuille.own(row, col)
        lu = reader.read(colonne.genre, text, feuille.raw.get((row, col))) if text else Lecture()
        if text:
            typed.add(champ)
        _said(feuille, ligne, row, col, champ, lu)
        if part:  # a cell of a breakdown
            parts.setdefault(champ, {})[part] = (lu.valeur, col)
        else:
            ligne.valeurs[champ] = lu.valeur if lu.valeur != [] else None
    for champ, cells in parts.items():
        ligne.valeurs[champ] = _breakdown(feuille, ligne, champ, cells)
    if cle is None and typed <= {onglet.ancre}:
        # An empty row, or one the form proposed and no one filled; a cell typed and not
        # read (« douze ») is a row filled, whose error is said.
        return None
    return ligne


def _said(feuille: Feuille, ligne: Ligne, row: int, col: int, champ: str, lu: Lecture) -> None:
    for code, message in lu.remarques:
        hint = CORRIGER_FICHE if code == PERDU else None
        problem = remarque(code, message, feuille.fichier, feuille.ref(row, col), hint=hint)
        ligne.remarques.setdefault(champ, []).append(problem)
    ligne.erreur = ligne.erreur or lu.erreur


def _breakdown(
    feuille: Feuille, ligne: Ligne, champ: str, cells: dict[str, tuple[Any, int]]
) -> Any:
    """A breakdown from its cells: the counts by sex (`sexes.femmes`), or its pairs — a
    séance's attendance structure by structure, the counts by public or by age band."""
    paire = PAIRS.get(champ)
    if paire is None:
        counts = {key: value for key, (value, _) in cells.items() if value is not None}
        return counts or None
    pairs: dict[int, dict[str, tuple[Any, int]]] = {}
    for part, cell in cells.items():
        number, _, half = part.partition(".")
        pairs.setdefault(int(number), {})[half] = cell
    what, how_many = paire.parts
    items: list[tuple[Any, Any]] = []
    for index in sorted(pairs):
        key, k_col = pairs[index].get(what, (None, 0))
        count, c_col = pairs[index].get(how_many, (None, 0))
        if key is None and count is None:
            continue
        if key is None or count is None:
            missing = paire.manque[0] if key is None else paire.manque[1]
            col = (k_col if key is None else c_col) or min(ligne.colonnes.values())
            _lost(feuille, ligne, champ, col, f"{paire.quoi.format(n=index)} : il manque {missing}")
            continue
        items.append((key, count))
    if champ == "repartition":
        return [{**key, "participants": count} for key, count in items] or None
    found: dict[str, int] = {}
    for key, count in items:
        if key in found:
            _lost(feuille, ligne, champ, ligne.colonnes[champ], f"« {key} » compté deux fois")
        found[key] = count
    return found or None


def _lost(feuille: Feuille, ligne: Ligne, champ: str, col: int, message: str) -> None:
    """A breakdown that cannot be read: the row is not imported."""
    problem = remarque(
        PERDU, message, feuille.fichier, feuille.ref(ligne.row, col), hint=CORRIGER_FICHE
    )
    ligne.remarques.setdefault(champ, []).append(problem)
    ligne.erreur = True
