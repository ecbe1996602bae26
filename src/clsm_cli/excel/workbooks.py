"""Which kind of workbook `clsm import` is given, decided here only.

A collection form written by `clsm collecte` carries a hidden sheet named `FORM_SHEET`;
any other workbook is read as an action-plan grid. Only the workbook's list of sheets is
read (xl/workbook.xml, with defusedxml), once the guard has passed the file.
"""

from __future__ import annotations

import zipfile
from enum import StrEnum
from pathlib import Path

from ..problems import ClsmError
from .guard import REOPEN, check_workbook

FORM_SHEET = "clsm-collecte"
"""The hidden sheet of a collection form: what it was made for, and the rows it was given."""
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class Classeur(StrEnum):
    """The kinds of workbook clsm reads."""

    GRILLE = "grille"
    """An action-plan grid (clsm export's, or anyone's): `clsm import` writes plan files."""
    COLLECTE = "collecte"
    """A collection form (clsm collecte): merged into the year's activity file."""


def workbook_kind(path: Path) -> Classeur:
    """The kind of a workbook; the guard's refusals (ClsmError) for a file it refuses."""
    check_workbook(path)
    return Classeur.COLLECTE if FORM_SHEET in sheet_names(path) else Classeur.GRILLE


def sheet_names(path: Path) -> list[str]:
    """The names of a workbook's sheets, in order, as xl/workbook.xml lists them."""
    from defusedxml import DefusedXmlException, ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    except (KeyError, zipfile.BadZipFile, OSError, SyntaxError, DefusedXmlException):
        raise ClsmError(f"{path.name} : classeur abîmé ou incomplet", hint=REOPEN) from None
    return [sheet.get("name", "") for sheet in root.iter(f"{_MAIN}sheet")]
