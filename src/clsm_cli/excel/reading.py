"""`clsm import`: an existing Excel grid into plan files, with a report of every guess.

The workbook is checked (`garde`) and opened; its grid's header row is found
(`entetes`), its rows read into axes, objectives and actions (`lignes`), and the plan put
together with the Indicateurs, Partenaires and Informations sheets (`assemblage`). Every
guess and every cell that could not be placed is reported with its address; a header with
no action below it imports nothing.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import ClsmError
from .assembly import attach_indicators, exprimes, map_partner_names, plan_metadata
from .companions import lire_indicateurs, lire_informations, lire_partenaires
from .guard import verifier
from .headers import find_header, note_columns
from .rows import read_grid
from .sheet import Remarque


@dataclass(slots=True)
class Lecture:
    """What was read from a workbook: plain data for the models, and the remarks."""

    plan: dict[str, Any]
    partenaires: list[dict[str, Any]]
    territoire: str | None
    remarques: list[Remarque] = field(default_factory=list)
    exprimes: dict[str, set[str]] = field(default_factory=dict)
    """Per level (plan, axe, objectif, action, indicateur), the keys the workbook states: a
    key it states and leaves empty was emptied; a key it cannot state is left as it was."""

    @property
    def perdu(self) -> bool:
        """Whether anything in the workbook could not be placed."""
        return any(r.perdu for r in self.remarques)


def lire(path: Path, annuaire: list[dict[str, Any]] | None = None) -> Lecture:
    """Read a grid workbook into plan data; raise ClsmError for files it refuses."""
    avertissements = verifier(path)
    from openpyxl import load_workbook

    fichier = path.name
    remarques = [Remarque(fichier, a, nature="avertissement") for a in avertissements]
    from defusedxml import DefusedXmlException

    try:
        workbook = load_workbook(
            path, data_only=False, keep_links=False, keep_vba=False, rich_text=False
        )
    except DefusedXmlException as exc:
        raise ClsmError(
            f"{fichier} contient des déclarations XML interdites ({exc.__class__.__name__}) :"
            " entités ou références externes, refusées par sécurité",
            hint="ouvrez-le dans Excel ou LibreOffice et enregistrez une copie",
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
            f"{fichier} : classeur abîmé ou incomplet ({exc.__class__.__name__})",
            hint="ouvrez-le dans Excel ou LibreOffice et enregistrez une copie",
        ) from None
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible":
            remarques.append(
                Remarque(
                    f"{fichier}:{ws.title}",
                    f"feuille masquée « {ws.title} » : non importée (affichez-la pour l'importer)",
                    perdu=True,
                )
            )
    feuille, header, columns = find_header(workbook, fichier, remarques)
    suivi = "Indicateurs" in workbook.sheetnames
    note_columns(feuille, header, columns, suivi)
    plan_data, libelles = read_grid(feuille, header, columns, suivi)
    if not plan_data.axes:
        feuille.note(
            header,
            1,
            f"aucune action trouvée sous l'en-tête, ligne {header} : rien n'est importé",
            perdu=True,
        )
    indicateurs = lire_indicateurs(workbook, fichier, remarques)
    attach_indicators(plan_data, libelles, indicateurs, feuille, columns)
    known = list(annuaire or [])
    ids = {p.get("id") for p in known}
    partenaires = known + [
        p for p in lire_partenaires(workbook, fichier, remarques) if p.get("id") not in ids
    ]
    map_partner_names(plan_data, partenaires, feuille)
    infos = lire_informations(workbook, fichier, remarques)
    above = [
        feuille.own(r, c)
        for r in range(1, header)
        for c in range(1, feuille.cols + 1)
        if feuille.own(r, c)
    ]
    plan = plan_metadata(plan_data, infos, above, feuille)
    lecture = Lecture(plan, partenaires, infos.get("Territoire"), remarques)
    lecture.exprimes = exprimes(set(columns.values()), infos, above, bool(indicateurs))
    return lecture
