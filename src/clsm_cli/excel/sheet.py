"""A worksheet read as texts: merged cells filled, formulas and controls refused, remarks kept."""

from __future__ import annotations

import re
from typing import Any

from ..problems import Gravite, Problem

MAX_ROWS = 5000
MAX_COLS = 80
MAX_CELL = 100_000
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f]")
"""Control characters a cell cannot show: all but tab and line feed."""
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""Excel writes control characters as _x0007_ (and a literal underscore as _x005F_)."""


DEVINE = "valeur-devinee"
"""A value, column or place the import guessed: a warning, to check in the file written."""
PERDU = "non-importe"
"""A cell, column or sheet the import could not place: an error (exit code 1)."""
IGNORE = "colonne-ignoree"
"""A follow-up column clsm computes and does not read back: an information."""
DIFFERE = "valeur-non-lue"
"""A value of such a column that the activity files do not give (typed there, or from a
grid exported before the activity changed): a warning, at its cell."""
MACROS = "macros-ignorees"
"""A workbook's macros, neither run nor kept: a warning."""
FUSION = "changement-fusionne"
"""A change the import made to an existing file of the territory: an information."""
CONFLIT = "conflit-collecte"
"""A collection form's row edited where the activity file (or another form) changed it too:
an error, the file's value is kept."""
CLE = "cle-alteree"
"""A collection form's row whose hidden key is none the form gave: an error."""
ABSENTE = "ligne-absente"
"""A row a collection form was given pre-filled and no longer has: a warning (the entry is
kept)."""

_GRAVITE = {
    DEVINE: Gravite.AVERTISSEMENT,
    PERDU: Gravite.ERREUR,
    IGNORE: Gravite.INFO,
    DIFFERE: Gravite.AVERTISSEMENT,
    MACROS: Gravite.AVERTISSEMENT,
    FUSION: Gravite.INFO,
    CONFLIT: Gravite.ERREUR,
    CLE: Gravite.ERREUR,
    ABSENTE: Gravite.AVERTISSEMENT,
}
_AIDE = {
    PERDU: "corrigez la grille et relancez l'import, ou complétez à la main le fichier écrit",
}
CORRIGER_FICHE = (
    "corrigez la fiche et relancez l'import, ou importez les autres lignes avec --garder-valides"
)
"""The hint of a row of a collection form that is not imported."""


def remarque(
    code: str,
    message: str,
    fichier: str,
    cellule: str | None = None,
    line: int | None = None,
    hint: str | None = None,
) -> Problem:
    """What the import has to say, as a located problem: its code decides how serious."""
    return Problem(
        code,
        message,
        fichier,
        line=line,
        hint=hint or _AIDE.get(code),
        severity=_GRAVITE[code],
        cellule=cellule,
    )


class Feuille:
    """A worksheet as a grid of texts, merged cells filled from their top-left cell."""

    def __init__(self, ws: Any, fichier: str, remarques: list[Problem]) -> None:
        from openpyxl.utils import get_column_letter

        self.ws = ws
        self.nom = ws.title
        self.fichier = fichier
        self.letter = get_column_letter
        self.remarques = remarques
        self.rows = min(ws.max_row or 0, MAX_ROWS)
        self.cols = min(ws.max_column or 0, MAX_COLS)
        if (ws.max_row or 0) > MAX_ROWS or (ws.max_column or 0) > MAX_COLS:
            self.note(
                1,
                1,
                f"la feuille s'étend jusqu'à {self.letter(ws.max_column)}{ws.max_row} ; seules les"
                f" {MAX_ROWS} premières lignes et {MAX_COLS} premières colonnes sont lues",
                code=PERDU,
            )
        self.cells: dict[tuple[int, int], str] = {}
        self.raw: dict[tuple[int, int], Any] = {}
        """The openpyxl cell behind each text: its value's type (a number, a date) and its
        number format."""
        self.merged_from: dict[tuple[int, int], tuple[int, int]] = {}
        stored = getattr(ws, "_cells", None)
        if isinstance(stored, dict):
            # Only the cells the file holds: a sheet reaching XFD1048576 costs nothing more.
            cells = [
                cell for (r, c), cell in sorted(stored.items()) if r <= self.rows and c <= self.cols
            ]
        else:
            cells = [
                cell
                for row in ws.iter_rows(min_row=1, max_row=self.rows, max_col=self.cols)
                for cell in row
            ]
        for cell in cells:
            text = self._text(cell)
            if text:
                self.cells[(cell.row, cell.column)] = text
                self.raw[(cell.row, cell.column)] = cell
        merged = getattr(ws, "merged_cells", None)  # none in a sheet opened read-only
        for area in merged.ranges if merged is not None else ():
            origin = (area.min_row, area.min_col)
            for r in range(area.min_row, min(area.max_row, self.rows) + 1):
                for c in range(area.min_col, min(area.max_col, self.cols) + 1):
                    if (r, c) != origin:
                        self.merged_from[(r, c)] = origin

    def filled_rows(self, after: int) -> list[int]:
        """The rows below `after` that have text, their own or a merged area's."""
        rows = {r for r, _ in self.cells} | {r for r, _ in self.merged_from}
        return sorted(r for r in rows if after < r <= self.rows)

    def ref(self, row: int, col: int) -> str:
        """The sheet and cell, as Excel writes them: `Plan d'action!C12`."""
        return f"{self.nom}!{self.letter(col)}{row}"

    def note(
        self, row: int, col: int, message: str, code: str = DEVINE, hint: str | None = None
    ) -> None:
        """Remark on a cell (by default: a guess)."""
        self.remarques.append(remarque(code, message, self.fichier, self.ref(row, col), hint=hint))

    def note_sheet(self, message: str, code: str = DEVINE) -> None:
        """Remark on the sheet as a whole."""
        self.remarques.append(remarque(code, message, self.fichier, self.nom))

    def _text(self, cell: Any) -> str:
        value = cell.value
        if value is None:
            return ""
        if cell.data_type == "f" or (
            isinstance(value, str) and value.startswith("=") and cell.data_type != "s"
        ):
            self.note(
                cell.row,
                cell.column,
                f"formule ignorée ({str(value)[:40]}) : clsm ne lit pas les résultats calculés",
                code=PERDU,
            )
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
        if "_x" in text:
            text = _OOXML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
        cleaned = _CONTROLS.sub("", text)
        if cleaned != text:
            self.note(cell.row, cell.column, "caractères de contrôle invisibles supprimés")
        if len(cleaned) > MAX_CELL:
            self.note(
                cell.row,
                cell.column,
                f"cellule de {len(cleaned)} caractères, tronquée à {MAX_CELL}",
                code=PERDU,
            )
            cleaned = cleaned[:MAX_CELL]
        return cleaned.replace("\r\n", "\n").strip()

    def get(self, row: int, col: int) -> str:
        """A cell's text, or the text of the merged area it belongs to."""
        return self.cells.get(self.merged_from.get((row, col), (row, col)), "")

    def own(self, row: int, col: int) -> str:
        """A cell's own text, not filled from a merged area."""
        return self.cells.get((row, col), "")
