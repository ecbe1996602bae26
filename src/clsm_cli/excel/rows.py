"""The rows of a grid: axes, objectives and actions, wherever the cells landed.

Merged cells and blank cells below an axis or objective belong to it. « Objectif
spécifique 1.1 » and « Action 1.1.1 » are recognised in whichever column they landed, and a
row whose action sits one column to the right is read with that shift. In the objective
column a bare `1.1 Titre` is enough, in the action column `1.1.1 Titre` or a number in a
« N° » column. A row repeating the action above it continues it (a follow-up grid has one
row per indicator). A cell that could not be placed is remarked on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import fields, oscars
from .fields import ACTION_FIELDS, LIST_FIELDS, TEXT_FIELDS
from .headers import SUIVI
from .sheet import PERDU, Feuille


@dataclass(slots=True)
class Arbre:
    """The axes, objectives and actions read so far, as plain data for the plan model."""

    axes: list[dict[str, Any]] = field(default_factory=list)

    def axe(self, ident: str, titre: str | None) -> dict[str, Any]:
        for axe in self.axes:
            if axe["id"] == ident:
                if titre and not axe.get("titre"):
                    axe["titre"] = titre
                return axe
        axe = {"id": ident, **({"titre": titre} if titre else {}), "objectifs": []}
        self.axes.append(axe)
        return axe

    def actions(self) -> Iterator[dict[str, Any]]:
        """Every action read, in grid order."""
        for axe in self.axes:
            for objectif in axe["objectifs"]:
                yield from objectif["actions"]

    def objectif(self, axe: dict[str, Any], ident: str, titre: str | None) -> dict[str, Any]:
        objectifs: list[dict[str, Any]] = axe["objectifs"]
        for objectif in objectifs:
            if objectif["id"] == ident:
                if titre and not objectif.get("titre"):
                    objectif["titre"] = titre
                return objectif
        created: dict[str, Any] = {
            "id": ident,
            **({"titre": titre} if titre else {}),
            "actions": [],
        }
        axe["objectifs"].append(created)
        return created


def _parent(ident: str) -> str:
    return ident.rsplit(".", 1)[0]


@dataclass(slots=True)
class _Ligne:
    """One row of the grid, as texts by column, read with the row's shift."""

    feuille: Feuille
    row: int
    texts: dict[int, str]
    by_champ: dict[str, int]
    shift: int = 0
    used: set[int] = field(default_factory=set)

    def col(self, champ: str) -> int | None:
        col = self.by_champ.get(champ)
        return col + self.shift if col is not None else None

    def at(self, champ: str) -> str:
        col = self.col(champ)
        return self.texts.get(col, "") if col is not None else ""

    def take(self, champ: str) -> None:
        col = self.col(champ)
        if col is not None:
            self.used.add(col)

    def unused(self) -> list[tuple[int, str]]:
        return [
            (col, text)
            for col, text in self.texts.items()
            if text and col not in self.used and (self.row, col) not in self.feuille.merged_from
        ]


def _action_marker(ligne: _Ligne) -> tuple[int, str, str] | None:
    """Where this row's action is, its number and title; the row's shift is set from it.

    « Action 1.1.1 … » is found in any column (a shifted row is read with its shift); in the
    action column a bare number (`1.1.1 Titre`) is enough, or a number in a « N° » column.
    """
    feuille, row, texts = ligne.feuille, ligne.row, ligne.texts
    action_col = ligne.by_champ.get("action")
    for col, text in texts.items():
        if text and (found := fields.read_action(text)):
            if action_col is not None and col != action_col:
                ligne.shift = col - action_col
                feuille.note(
                    row,
                    col,
                    f"ligne décalée de {ligne.shift} colonne(s) vers la"
                    f" {'droite' if ligne.shift > 0 else 'gauche'} : lue avec ce décalage",
                )
            return col, *found
    if action_col is None:
        return None
    text = texts.get(action_col, "")
    if not text or fields.read_objectif(text) or fields.read_axe(text, nomme=True):
        return None
    if found := fields.read_action(text, numero=True):
        return action_col, *found
    numero = fields.read_numero(ligne.at("numero"))
    if numero is not None and "." in numero:
        ligne.take("numero")
        return action_col, numero, text
    return None


def read_grid(
    feuille: Feuille, header: int, columns: dict[int, str], suivi: bool
) -> tuple[Arbre, dict[str, tuple[int, list[str]]]]:
    """Axes, objectives and actions, and each action's indicator labels with their row (the
    action's own row when it names none).

    `suivi` tells that the workbook has an Indicateurs sheet, where the indicators' details
    are read rather than from the grid's follow-up columns.
    """
    reader = _GridReader(feuille, columns, suivi)
    for row in feuille.filled_rows(header):
        reader.read_row(row)
    return reader.plan, reader.libelles


class _GridReader:
    """The grid read row by row: the axis and objective in force, and the last action (a row
    repeating it continues it)."""

    def __init__(self, feuille: Feuille, columns: dict[int, str], suivi: bool) -> None:
        self.feuille = feuille
        self.columns = columns
        self.suivi = suivi
        self.by_champ = {champ: col for col, champ in reversed(columns.items())}
        self.plan = Arbre()
        self.libelles: dict[str, tuple[int, list[str]]] = {}
        self.axe: dict[str, Any] | None = None
        self.objectif: dict[str, Any] | None = None
        self.last: dict[str, Any] | None = None

    def read_row(self, row: int) -> None:
        feuille = self.feuille
        texts = {col: feuille.get(row, col) for col in range(1, feuille.cols + 1)}
        if not any(texts.values()):
            return
        ligne = _Ligne(feuille, row, texts, self.by_champ)
        marker = _action_marker(ligne)
        carried_objective = not self._headings(ligne, marker)
        if marker is None:
            self._stray_cells(ligne)
            return
        col, ident, titre = marker
        ligne.used.add(col)
        if self.last is not None and self.last["id"] == ident:
            _suite(ligne, self.last, self.libelles, self.columns, self.suivi)
            return
        objectif = self.objectif
        if objectif is None or (carried_objective and not ident.startswith(objectif["id"] + ".")):
            objectif = self._guessed_objective(ligne, col, ident)
        action = self._action(ligne, col, ident, titre)
        objectif["actions"].append(action)
        self.last = action
        _suivi(ligne, self.columns, self.suivi)
        for col, _ in ligne.unused():
            feuille.note(row, col, "cellule d'une colonne non reconnue : non importée", code=PERDU)

    def _headings(self, ligne: _Ligne, marker: tuple[int, str, str] | None) -> bool:
        """The axis and objective headings of a row; whether it names an objective."""
        found_axe = _heading(ligne, "axe", marker)
        if found_axe is not None:
            self.axe = self.plan.axe(*found_axe[1])
            self.objectif = None
        found_objectif = _heading(ligne, "objectif", marker)
        if found_objectif is None:
            return False
        col, (ident, titre) = found_objectif
        axe = self.axe
        if axe is None or not ident.startswith(axe["id"] + "."):
            guessed = _parent(ident)
            if axe is None or axe["id"] != guessed:
                self.feuille.note(
                    ligne.row,
                    col,
                    f"objectif {ident} sans axe {guessed} au-dessus : rangé sous un axe {guessed}",
                )
            axe = self.axe = self.plan.axe(guessed, None)
        self.objectif = self.plan.objectif(axe, ident, titre)
        return True

    def _stray_cells(self, ligne: _Ligne) -> None:
        """A row without an action: what its headings did not use is not imported."""
        headings = {ligne.col("axe"): "axe (1.)", ligne.col("objectif"): "objectif (1.1)"}
        for col, _ in ligne.unused():
            what = headings.get(col)
            self.feuille.note(
                ligne.row,
                col,
                f"intitulé sans numéro d'{what} : non importé"
                if what
                else "cellule hors de toute action : non importée",
                code=PERDU,
            )

    def _guessed_objective(self, ligne: _Ligne, col: int, ident: str) -> dict[str, Any]:
        """An action with no objective line above it: filed under the one its number says."""
        objectif_id = _parent(ident)
        axe_id = _parent(objectif_id) if "." in objectif_id else objectif_id
        if self.axe is None or self.axe["id"] != axe_id:
            self.axe = self.plan.axe(axe_id, None)
        self.feuille.note(
            ligne.row,
            col,
            f"l'action {ident} n'a pas de ligne d'objectif {objectif_id} au-dessus d'elle :"
            f" rangée sous l'objectif {objectif_id} et l'axe {axe_id}, sans intitulé"
            " s'ils n'en ont pas",
        )
        self.objectif = self.plan.objectif(self.axe, objectif_id, None)
        return self.objectif

    def _action(self, ligne: _Ligne, col: int, ident: str, titre: str) -> dict[str, Any]:
        """The action of a row, with the fields its cells give."""
        action: dict[str, Any] = {"id": ident, "titre": titre}
        self.libelles.setdefault(ident, (ligne.row, []))  # its row, even with no indicator
        numero = ligne.at("numero")
        if numero and "numero" in self.by_champ and ligne.col("numero") not in ligne.used:
            ligne.take("numero")
            if fields.read_numero(numero) not in (ident, None):
                self.feuille.note(
                    ligne.row,
                    ligne.col("numero") or col,
                    f"le numéro « {numero} » diffère de celui de l'action, {ident} : {ident} gardé",
                )
        for champ in ACTION_FIELDS[3:]:
            text = ligne.at(champ)
            if not text:
                continue
            ligne.take(champ)
            value = _field(champ, text)
            if value is not None:
                _put(action, champ, value)
            if champ == "indicateurs":
                self.libelles[ident] = (ligne.row, fields.read_list(text))
        if echeance := ligne.at("echeance"):
            ligne.take("echeance")
            _echeance(action, echeance)
        return action


def _suivi(ligne: _Ligne, columns: dict[int, str], lu_ailleurs: bool) -> None:
    """The follow-up columns of a row: read from the Indicateurs sheet and activity files."""
    for col, _ in ligne.unused():
        champ = columns.get(col - ligne.shift)
        if champ not in SUIVI:
            continue
        ligne.used.add(col)
        if lu_ailleurs or champ == "statut_indicateur":
            continue
        what = (
            "valeur d'un indicateur pour une année (les mesures se saisissent dans activite/)"
            if champ == "valeur_annee"
            else "détail d'indicateur sans feuille Indicateurs (à reprendre dans le plan)"
        )
        ligne.feuille.note(ligne.row, col, f"{what} : non importée", code=PERDU)


def _suite(
    ligne: _Ligne,
    action: dict[str, Any],
    libelles: dict[str, tuple[int, list[str]]],
    columns: dict[int, str],
    suivi: bool,
) -> None:
    """A row that continues the action above it (a follow-up grid has one row per indicator)."""
    ident = action["id"]
    for champ in ACTION_FIELDS[3:]:
        text = ligne.at(champ)
        col = ligne.col(champ)
        if not text or col is None or (ligne.row, col) in ligne.feuille.merged_from:
            continue
        ligne.take(champ)
        if champ == "indicateurs":
            first, labels = libelles.get(ident, (ligne.row, []))
            libelles[ident] = (first if labels else ligne.row, labels + fields.read_list(text))
            action.setdefault("indicateurs", [])
        elif _field(champ, text) != _get(action, champ):
            ligne.feuille.note(
                ligne.row,
                col,
                f"autre valeur que celle de l'action {ident} au-dessus : non importée",
                code=PERDU,
            )
    _suivi(ligne, columns, suivi)
    for col, _ in ligne.unused():
        ligne.feuille.note(
            ligne.row, col, "cellule d'une colonne non reconnue : non importée", code=PERDU
        )


def _echeance(action: dict[str, Any], text: str) -> None:
    """An « Échéance » cell: the end of the action's calendar (or its precisions)."""
    read = fields.read_calendrier(text) or {}
    calendrier: dict[str, Any] = action.setdefault("calendrier", {})
    if "fin" in read and "fin" not in calendrier:
        calendrier["fin"] = read["fin"]
    elif text not in calendrier.get("precisions", ""):
        before = calendrier.get("precisions")
        calendrier["precisions"] = (
            f"{before}\néchéance : {text}" if before else f"échéance : {text}"
        )


def _heading(
    ligne: _Ligne, level: str, marker: tuple[int, str, str] | None
) -> tuple[int, tuple[str, str | None]] | None:
    """The axis or objective heading of a row: in its column, or — when the grid has no such
    column — a cell of the row that names it (`Axe 2. Titre`, `Objectif spécifique 1.2`)."""
    text = ligne.at(level)
    col = ligne.col(level)
    if text and col is not None:
        found = fields.read_axe(text) if level == "axe" else fields.read_objectif(text, numero=True)
        if found is not None:
            ligne.used.add(col)
            return col, found
    if level in ligne.by_champ:
        return None
    skip = marker[0] if marker else None
    for col, text in ligne.unused():
        if col == skip:
            continue
        found = fields.read_axe(text, nomme=True) if level == "axe" else fields.read_objectif(text)
        if found is not None:
            ligne.used.add(col)
            return col, found
    return None


def _put(action: dict[str, Any], champ: str, value: Any) -> None:
    """A field's value in the action; an OSCARS field goes in its `oscars` block."""
    if champ in oscars.CHAMPS:
        action.setdefault("oscars", {})[oscars.sous_champ(champ)] = value
    else:
        action[champ] = value


def _get(action: dict[str, Any], champ: str) -> Any:
    if champ in oscars.CHAMPS:
        return action.get("oscars", {}).get(oscars.sous_champ(champ))
    return action.get(champ)


def _field(champ: str, text: str) -> Any:
    if champ in TEXT_FIELDS:
        return text
    if champ in (*LIST_FIELDS, "partenaires"):
        return fields.read_list(text)
    if champ == "pilote":
        return text
    if champ == "calendrier":
        return fields.read_calendrier(text)
    if champ == "statut":
        return fields.read_statut(text) or text
    if champ == "financements":
        return fields.read_financements(text)
    if champ == "competences_psychosociales":
        return [fields.read_competence(line) or line for line in fields.read_list(text)]
    if champ in oscars.CHAMPS:
        return oscars.read(champ, text)
    return None
