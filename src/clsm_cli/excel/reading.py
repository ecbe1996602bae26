"""`clsm import`: an existing Excel grid into plan files, with a report of every guess.

The workbook is checked (`guard`) and opened; its grid's header row is found
(`headers`), its rows read into axes, objectives and actions (`rows`), and the plan put
together with the Indicateurs, Partenaires and Informations sheets (`assembly`). Every
guess and every cell that could not be placed is a located `Problem` (`sheet.remarque`);
a header with no action below it imports nothing.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import ClsmError, Problem
from .assembly import (
    attach_budgets,
    attach_indicators,
    exprimes,
    map_partner_names,
    plan_metadata,
)
from .companions import (
    PartenairesLus,
    ValeurSaisie,
    note_history,
    read_budgets,
    read_indicators,
    read_information,
    read_partners,
)
from .guard import REOPEN, check_workbook
from .headers import EXPORT_ONLY_PROPERTY, GRILLE_PROPERTY, find_header, note_columns
from .rows import read_grid
from .sheet import MACROS, PERDU, Feuille, remarque


@dataclass(slots=True)
class Lecture:
    """What was read from a workbook: plain data for the models, and the remarks."""

    plan: dict[str, Any]
    partenaires: list[dict[str, Any]]
    territoire: str | None
    remarques: list[Problem] = field(default_factory=list)
    feuille_partenaires: PartenairesLus | None = None
    """The Partenaires sheet as read (None without it): merged into an existing directory."""
    devines: list[dict[str, Any]] = field(default_factory=list)
    """The partners the grid's cells name and neither the directory nor the sheet has."""
    saisies: list[ValeurSaisie] = field(default_factory=list)
    """The values typed into the Indicateurs sheet's `Valeur AAAA` columns (not read)."""
    exprimes: dict[str, set[str]] = field(default_factory=dict)
    """Per level (plan, axe, objectif, action, indicateur, and the `oscars` block and each
    `financement` of an action), the keys the workbook states: a key it states and leaves
    empty was emptied; a key it cannot state is left as it was."""

    @property
    def perdu(self) -> bool:
        """Whether anything in the workbook could not be placed."""
        return any(r.is_error for r in self.remarques)


def read_workbook(path: Path, annuaire: list[dict[str, Any]] | None = None) -> Lecture:
    """Read a grid workbook into plan data; raise ClsmError for files it refuses."""
    fichier = path.name
    remarques = [remarque(MACROS, warning, fichier) for warning in check_workbook(path)]
    workbook = open_workbook(path)
    _refuse_export_only(workbook, fichier)
    remarques += _hidden_sheets(workbook, fichier)
    feuille, header, columns = find_header(workbook, fichier, remarques)
    suivi = "Indicateurs" in workbook.sheetnames
    note_columns(feuille, header, columns, suivi)
    plan_data, libelles = read_grid(feuille, header, columns, suivi)
    if not plan_data.axes:
        feuille.note(
            header,
            1,
            f"aucune action trouvée sous l'en-tête, ligne {header} : rien n'est importé",
            code=PERDU,
        )
    indicateurs = read_indicators(workbook, fichier, remarques)
    detailles = bool(indicateurs.par_action)  # asked before attach_indicators empties it
    attach_indicators(plan_data, libelles, indicateurs, feuille, columns, header)
    known = list(annuaire or [])
    ids = {p.get("id") for p in known}
    lus = read_partners(workbook, fichier, remarques)
    sheet = lus.partenaires if lus else []
    budgets = read_budgets(workbook, fichier, remarques)
    attach_budgets(plan_data, budgets)
    note_history(workbook, fichier, remarques)
    pool = known + sheet  # a partner renamed in the sheet is found by either name
    map_partner_names(plan_data, pool, feuille)
    devines = pool[len(known) + len(sheet) :]
    partenaires = known + [p for p in sheet if p.get("id") not in ids] + devines
    infos = read_information(workbook, fichier, remarques)
    above = _above(feuille, header)
    plan = plan_metadata(plan_data, infos, above, feuille)
    lecture = Lecture(plan, partenaires, infos.get("Territoire"), remarques, lus, devines)
    lecture.exprimes = exprimes(set(columns.values()), infos, above, detailles, budgets is not None)
    lecture.saisies = indicateurs.saisies
    return lecture


def open_workbook(path: Path, read_only: bool = False) -> Any:
    """The workbook, opened by openpyxl (formulas as written, no links nor macros kept).

    `read_only` reads about three times faster, but without merged cells: for workbooks
    that have none (a collection form); close it once read."""
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    try:
        return load_workbook(
            path,
            read_only=read_only,
            data_only=False,
            keep_links=False,
            keep_vba=False,
            rich_text=False,
        )
    except DefusedXmlException as exc:
        raise ClsmError(
            f"{path.name} contient des déclarations XML interdites ({exc.__class__.__name__}) :"
            " entités ou références externes, refusées par sécurité",
            hint=REOPEN,
        ) from None
    except (
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        SyntaxError,
        zipfile.BadZipFile,
        OSError,
    ) as exc:
        raise ClsmError(
            f"{path.name} : classeur abîmé ou incomplet ({exc.__class__.__name__})", hint=REOPEN
        ) from None


def _refuse_export_only(workbook: Any, fichier: str) -> None:
    """A workbook clsm wrote in a layout it does not read back is refused, and why said."""
    props = {p.name: p.value for p in getattr(workbook, "custom_doc_props", [])}
    titre = props.get(EXPORT_ONLY_PROPERTY)
    if titre is None:
        return
    raise ClsmError(
        f"{fichier} est l'export « {titre} » de clsm (grille {props.get(GRILLE_PROPERTY, '?')}),"
        " qui ne se réimporte pas : rien n'a été importé",
        hint="le plan reste dans ses fichiers YAML ; pour passer par Excel, exportez la grille"
        " standard (clsm export, sans --grille) et importez-la",
    )


def _hidden_sheets(workbook: Any, fichier: str) -> list[Problem]:
    """A hidden sheet is not imported, and that is said."""
    return [
        remarque(
            PERDU,
            f"feuille masquée « {ws.title} » : non importée (affichez-la pour l'importer)",
            fichier,
            ws.title,
        )
        for ws in workbook.worksheets
        if ws.sheet_state != "visible"
    ]


def _above(feuille: Feuille, header: int) -> list[str]:
    """The texts above the grid's header (a title, a period), in reading order."""
    return [
        feuille.own(r, c)
        for r in range(1, header)
        for c in range(1, feuille.cols + 1)
        if feuille.own(r, c)
    ]
