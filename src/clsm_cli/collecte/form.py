"""`clsm collecte`: the year's collection form, as a workbook (xlsxwriter, excel/workbook.py).

Sheets: the instructions, then one per kind of entry (layout.py) — the entries already in
`activite/AAAA.yaml` pre-filled, each with its key in hidden column A, then formatted
empty rows to fill; drop-down lists and Excel's own checks (whole numbers ≥ 0, dates of
the year: checks.py) on every row; the header frozen, filters on, landscape and fit to the
page width with the header repeated. Two hidden sheets: « Listes » (the drop-downs' labels and the
values they stand for) and « clsm-collecte » (what the form was made for, and each
pre-filled entry's fingerprint, field by field: keys.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..excel.workbook import Sheet, Workbook
from ..excel.workbooks import FORM_SHEET
from ..models.activite import Activite, Seance
from ..models.plan import LIBELLES_UNITES
from ..validation.dossier import Dossier
from .checks import column_check, list_ranges
from .instructions import instruction_lines
from .keys import Entree, entries, fingerprint
from .layout import INSTRUCTIONS, LISTES, PAIRES, Colonne, Genre, Onglet, onglets
from .lists import (
    HORS_ANNUAIRE,
    LIST_OF,
    LISTS,
    Listes,
    Vocabulaire,
    build_lists,
    territory_aliases,
)
from .scope import Perimetre

VERSION = "1"
"""The form's format: written in its hidden sheet, checked when it is read back."""
BLANK_ROWS = 30
"""Formatted empty rows below the pre-filled ones."""
CHECKED_ROWS = 500
"""How many rows below the pre-filled ones get the drop-downs and checks."""
MAX_LINES = 6
"""A row shows at most this many lines of a long text (the cell holds it all)."""
KEY_WIDTH = 14


@dataclass(frozen=True, slots=True)
class Ligne:
    """A row to write: the entry's key (none for a row proposed empty) and its values."""

    cle: str | None
    valeurs: dict[str, Any]


def form_bytes(dossier: Dossier, perimetre: Perimetre, retour: str | None, faite: date) -> bytes:
    """The form's workbook, as the bytes of an .xlsx file."""
    activite = dossier.activite(perimetre.annee)
    sheets = perimetre.sheets(onglets(_widths(activite)))
    current = entries(activite, sheets)
    shown = _shown(perimetre, current)
    annuaire = dossier.annuaire[1].partenaires if dossier.annuaire else []
    listes = build_lists(
        perimetre.annee,
        perimetre.actions,
        perimetre.indicateurs,
        [p for p in annuaire if p.partenaire_en(perimetre.annee)] or annuaire,
        perimetre.instances,
        [(e.cle, e.valeurs["titre"], e.valeurs["date"]) for e in shown.get("Réalisations", [])],
        _bands(dossier),
    )
    book = Workbook()
    _instructions(book, dossier, perimetre, sheets, retour, faite)
    alias = territory_aliases(dossier, perimetre.annee)
    writer = _Writer(book, listes, perimetre, Vocabulaire(listes, alias))
    for onglet in sheets:
        writer.sheet(onglet, _rows(onglet, shown.get(onglet.nom, []), perimetre))
    _lists_sheet(book, listes)
    _form_sheet(book, dossier, perimetre, shown, faite)
    book.wb.set_properties(
        {
            "title": f"Fiche de collecte {perimetre.annee}",
            "subject": dossier.territoire[1].nom if dossier.territoire else "",
            "author": "clsm",
            "keywords": "clsm; collecte",
        }
    )
    return book.close()


def _widths(activite: Activite | None) -> dict[str, int]:
    """How many pairs of columns each breakdown needs: the defaults, or more for an entry of
    the year that has more structures, publics or age bands."""
    widths = dict(PAIRES)
    realisations = activite.realisations if activite else []
    counted = [*realisations, *(s for r in realisations for s in r.seances)]
    for entry in counted:
        for champ in ("publics", "ages"):
            widths[champ] = max(widths[champ], len(getattr(entry, champ) or {}))
        if isinstance(entry, Seance):
            widths["repartition"] = max(widths["repartition"], len(entry.repartition))
    return widths


def _bands(dossier: Dossier) -> list[str]:
    """The age bands the territory's years use, youngest first: the drop-down of ages."""
    from ..models.publics import ordre_tranches

    found = {
        band
        for _, activite in dossier.activites
        for r in activite.realisations
        for entry in (r, *r.seances)
        for band in getattr(entry, "ages", None) or {}
    }
    return ordre_tranches(sorted(found))


def _shown(perimetre: Perimetre, current: dict[str, list[Entree]]) -> dict[str, list[Entree]]:
    """The entries the form pre-fills, by sheet: a séance goes with its réalisation."""
    shown = {name: [e for e in found if perimetre.covers(e)] for name, found in current.items()}
    if "Séances" in shown:
        parents = {e.cle for e in shown.get("Réalisations", [])}
        shown["Séances"] = [e for e in shown["Séances"] if e.valeurs["realisation"] in parents]
    return shown


def _rows(onglet: Onglet, pre_filled: list[Entree], perimetre: Perimetre) -> list[Ligne]:
    """The entries, then a row to fill for each action or measured indicator without one."""
    rows = [Ligne(e.cle, e.valeurs) for e in pre_filled]
    if onglet.liste == "actions":
        done = {e.valeurs["action"] for e in pre_filled}
        rows += [Ligne(None, {"action": a.id}) for a in perimetre.actions if a.id not in done]
    elif onglet.liste == "mesures":
        done = {e.valeurs["indicateur"] for e in pre_filled}
        rows += [
            Ligne(None, {"indicateur": i.id}) for i in perimetre.indicateurs if i.id not in done
        ]
    return rows


class _Writer:
    """Writes the sheets of entries: cells, drop-downs, checks."""

    def __init__(
        self, book: Workbook, listes: Listes, perimetre: Perimetre, vocabulaire: Vocabulaire
    ) -> None:
        self.book = book
        self.listes = listes
        self.vocabulaire = vocabulaire
        self.annee = perimetre.annee
        self.unites = {
            i.id: LIBELLES_UNITES[i.unite] for i in perimetre.indicateurs if i.unite is not None
        }
        self.ranges = list_ranges(listes)

    def sheet(self, onglet: Onglet, rows: list[Ligne]) -> None:
        headers = ["Clé (ne pas modifier)", *(c.titre for c in onglet.colonnes)]
        widths = [KEY_WIDTH, *(c.largeur for c in onglet.colonnes)]
        ws = self.book.sheet(onglet.nom, headers, widths, 1)
        ws.ws.set_column(0, 0, KEY_WIDTH, None, {"hidden": True})
        ws.ws.freeze_panes(1, 2)
        for r, ligne in enumerate(rows, start=2):
            if ligne.cle:
                self.book.write(ws, r, 1, ligne.cle, "une clé")
            for c, colonne in enumerate(onglet.colonnes, start=2):
                self.cell(ws, r, c, colonne, ligne.valeurs, onglet)
        last = len(rows) + 1
        for r in range(last + 1, last + BLANK_ROWS + 1):
            for c, colonne in enumerate(onglet.colonnes, start=2):
                ws.ws.write_blank(r - 1, c - 1, None, self.book.formats[_style(colonne)])
        for c, colonne in enumerate(onglet.colonnes, start=2):
            self.checks(ws, c, colonne, last + CHECKED_ROWS)
        self.book.finish(ws, 1, last + BLANK_ROWS, len(headers), MAX_LINES)

    def cell(
        self, ws: Sheet, r: int, c: int, colonne: Colonne, valeurs: dict[str, Any], onglet: Onglet
    ) -> None:
        """One cell: the value as a partner reads it."""
        value = _value(colonne, valeurs)
        what = f"« {colonne.titre} » ({onglet.nom}, ligne {r})"
        genre = colonne.genre
        if genre is Genre.INFO:
            unite = self.unites.get(valeurs.get("indicateur", ""))
            self.book.write(ws, r, c, unite, what, "clsm-absent")
        elif value is None:
            self.book.write(ws, r, c, None, what)
        elif genre is Genre.DATE and len(value) == 10:
            self.book.write_date(ws, r, c, date.fromisoformat(value))
        elif genre in (Genre.DATE, Genre.MOIS):
            self.book.write(ws, r, c, value, what, "clsm-centre")
        elif genre in (Genre.ENTIER, Genre.NOMBRE, Genre.POURCENTAGE, Genre.NIVEAU):
            self.book.write(ws, r, c, value, what)
        elif genre is Genre.OUI:
            self.book.write(ws, r, c, "oui", what, "clsm-centre")  # a no is None (keys.plain)
        elif genre is Genre.POINTS:
            joint = "\n\n" if any("\n" in point for point in value) else "\n"
            self.book.write(ws, r, c, joint.join(value), what)
        elif genre is Genre.PARTENAIRES:
            labels = [self.listes.label("partenaires", ident) for ident in value]
            self.book.write(ws, r, c, "\n".join(labels), what)
        elif genre is Genre.STRUCTURE:
            self.book.write(ws, r, c, self.structure(value), what)
        elif genre is Genre.TRANCHE:
            self.book.write(ws, r, c, str(value), what)
        elif genre in LIST_OF:
            self.book.write(ws, r, c, self.listes.label(LIST_OF[genre], value), what)
        else:
            self.book.write(ws, r, c, str(value), what)

    def structure(self, value: dict[str, Any]) -> str:
        """A structure present: a partner's label, or its name in words (marked when the
        directory has a partner of that name, so that it reads back in words)."""
        named = value.get("structure")
        if named is None:
            return self.listes.label("partenaires", value["partenaire"])
        if self.vocabulaire.read("partenaires", named).valeur is not None:
            return f"{named} {HORS_ANNUAIRE}"
        return str(named)

    def checks(self, ws: Sheet, c: int, colonne: Colonne, last: int) -> None:
        """The column's drop-down list or check, and its input message."""
        options = column_check(colonne, self.annee, self.ranges)
        if options is None:
            return
        if colonne.aide:
            options["input_title"] = colonne.titre[:32]
            options["input_message"] = colonne.aide[:255]
        ws.ws.data_validation(1, c - 1, last - 1, c - 1, options)


def _style(colonne: Colonne) -> str:
    """The format of a column's empty cells. A date column's has no number format: the
    one Excel or Calc gives a date typed there says its precision (« mai-25 » is a month)."""
    return "clsm-centre" if colonne.genre in (Genre.DATE, Genre.MOIS, Genre.OUI) else "clsm-texte"


def _value(colonne: Colonne, valeurs: dict[str, Any]) -> Any:
    """The value of a column in an entry's values: a breakdown's column reads its part
    (`sexes.femmes`; `publics.2.nombre`, the second public's count; `repartition.1.structure`,
    the first structure present)."""
    champ, _, rest = colonne.champ.partition(".")
    value = valeurs.get(champ)
    if not rest or value is None:
        return value
    index, _, part = rest.partition(".")
    if not part:
        return value.get(index)
    items = list(value.items()) if isinstance(value, dict) else value
    if int(index) > len(items):
        return None
    item = items[int(index) - 1]
    if isinstance(item, tuple):  # a category and its count
        return item[0] if part == "categorie" else item[1]
    return item if part == "structure" else item.get(part)


def _instructions(
    book: Workbook,
    dossier: Dossier,
    perimetre: Perimetre,
    sheets: tuple[Onglet, ...],
    retour: str | None,
    faite: date,
) -> None:
    """The first sheet: what the form is, what to fill and how, to whom and by when."""
    ws = Sheet(book.wb.add_worksheet(INSTRUCTIONS), [WIDTH])
    ws.ws.set_column(0, 0, WIDTH)
    ws.ws.set_paper(9)
    ws.ws.set_margins(left=0.6, right=0.6)
    ws.ws.fit_to_pages(1, 0)
    ws.ws.hide_gridlines(2)
    lines = instruction_lines(dossier, perimetre, sheets, retour, faite)
    for r, (text, style) in enumerate(lines, start=1):
        if text:
            book.write(ws, r, 1, text, "une consigne", style)
        tall = style == "clsm-paragraphe"
        ws.ws.set_row(r - 1, 13.5 * _lines(text) + 3 if tall else (22 if r == 1 else None))
    ws.ws.activate()


WIDTH = 72
"""The instructions' column, in characters: an A4 page, upright."""


def _lines(text: str) -> int:
    return max(1, -(-len(text) // int(WIDTH * 1.2)))


def _lists_sheet(book: Workbook, listes: Listes) -> None:
    """The hidden sheet of the drop-downs: each list's labels, each beside its value."""
    headers = [h for name in LISTS for h in (LISTS[name], f"{LISTS[name]} (valeur)")]
    ws = book.sheet(LISTES, headers, [40, 16] * len(LISTS), 1)
    for n, name in enumerate(LISTS):
        for r, (label, value) in enumerate(listes.valeurs[name].items(), start=2):
            book.write(ws, r, 2 * n + 1, label, "une valeur de liste")
            book.write(ws, r, 2 * n + 2, value, "une valeur de liste")
    ws.ws.hide()


def _form_sheet(
    book: Workbook,
    dossier: Dossier,
    perimetre: Perimetre,
    shown: dict[str, list[Entree]],
    faite: date,
) -> None:
    """The hidden sheet: what the form was made for, and the fingerprints of its entries."""
    ws = book.sheet(FORM_SHEET, ["clsm collecte", VERSION, ""], [20, 16, 60], 1)
    facts = [
        ("Territoire", dossier.territoire[1].nom if dossier.territoire else ""),
        ("Année", str(perimetre.annee)),
        ("Partenaire", perimetre.partenaire.id if perimetre.partenaire else ""),
        ("Actions", " ".join(perimetre.demandees)),
        ("Faite le", faite.isoformat()),
    ]
    for r, (key, value) in enumerate(facts, start=2):
        book.write(ws, r, 1, key, "une rubrique")
        book.write(ws, r, 2, value, f"« {key} »")
    row = len(facts) + 3
    for c, title in enumerate(("Feuille", "Clé", "Empreintes"), start=1):
        book.write(ws, row, c, title, "un en-tête")
    for name, found in shown.items():
        for entree in found:
            row += 1
            book.write(ws, row, 1, name, "une feuille")
            book.write(ws, row, 2, entree.cle, "une clé")
            prints = json.dumps(fingerprint(entree.valeurs), separators=(",", ":"))
            book.write(ws, row, 3, prints, "une empreinte")
    ws.ws.hide()
    ws.ws.protect()
