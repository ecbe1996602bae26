"""`clsm export`: a plan as a workbook a coordinator can send to partners as it is.

Sheets: the grid ("Plan d'action", in a layout from `templates/grilles/`), "Indicateurs"
(one row per indicator, its target, each year's value and a coloured status),
"Partenaires" and "Informations" (the plan's title, period and descriptions). Everything a
plan holds is in a visible cell, so that `clsm import` gives the same plan back.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import compute, formatting, suivi
from ..atomic import write_bytes
from ..loader import Document
from ..models.common import LIBELLES_SECTEURS
from ..models.partenaires import Partenaire
from ..models.plan import Action, Axe, Indicateur, ObjectifSpecifique, Plan, Unite
from ..problems import ClsmError
from ..workspace import Dossier, display_name
from .champs import Noms, axe_texte, cellule, number_text, objectif_texte
from .grilles import Colonne, Grille

EXCEL_CELL_LIMIT = 32_767
ACCENT = "1F5F8B"
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
    "Commune",
    "Site",
    "Notes",
)


@dataclass(slots=True)
class Ligne:
    """A row of an action grid, or of an indicator grid."""

    axe: Axe
    objectif: ObjectifSpecifique | None
    action: Action | None
    indicateur: Indicateur | None = None


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""The control characters Excel refuses in a cell (tab, line feed and return are fine)."""


def safe(value: Any, what: str) -> Any:
    """A cell value that Excel will never run: formula-like text stays text; limits checked."""
    if not isinstance(value, str):
        return value
    if len(value) > EXCEL_CELL_LIMIT:
        raise ClsmError(
            f"{what} fait {len(value)} caractères : une cellule Excel en contient au plus"
            f" {EXCEL_CELL_LIMIT}",
            hint="raccourcissez ce texte ou découpez-le en plusieurs éléments",
        )
    bad = _CONTROL.search(value)
    if bad is not None:
        raise ClsmError(
            f"{what} contient un caractère de contrôle (U+{ord(bad.group()):04X}) qu'Excel refuse",
            hint="supprimez ce caractère invisible du fichier YAML",
        )
    return value


class _Sheet:
    """An xlsxwriter worksheet addressed with 1-based rows and columns, as Excel shows them."""

    def __init__(self, ws: Any, widths: Sequence[float]) -> None:
        self.ws = ws
        self.widths = list(widths)
        self.texts: dict[tuple[int, int], str] = {}
        self.merged: set[tuple[int, int]] = set()


class _Workbook:
    """An xlsxwriter workbook with clsm's formats, written in memory."""

    def __init__(self) -> None:
        import xlsxwriter

        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(
            self.buffer,
            {
                "in_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        border = {"border": 1, "border_color": "#9AA9B3"}
        accent = f"#{ACCENT}"
        cell = {"text_wrap": True, "valign": "top", "font_size": 10, **border}
        self.formats = {
            "clsm-entete": self.wb.add_format(
                {
                    "bold": True,
                    "font_color": "#FFFFFF",
                    "bg_color": accent,
                    "text_wrap": True,
                    "valign": "vcenter",
                    "align": "center",
                    **border,
                }
            ),
            "clsm-texte": self.wb.add_format(cell),
            "clsm-texte-q": self.wb.add_format({**cell, "quote_prefix": True}),
            "clsm-groupe": self.wb.add_format({**cell, "bold": True, "font_color": accent}),
            "clsm-groupe-q": self.wb.add_format(
                {**cell, "bold": True, "font_color": accent, "quote_prefix": True}
            ),
            "clsm-titre": self.wb.add_format({"bold": True, "font_size": 14, "font_color": accent}),
            "clsm-sous-titre": self.wb.add_format(
                {"bold": True, "font_size": 11, "font_color": accent}
            ),
            "clsm-nombre": self.wb.add_format({**cell, "num_format": "0"}),
            "clsm-decimal": self.wb.add_format({**cell, "num_format": "0.0"}),
            # absence is said, never shown as 0 or as an empty cell
            "clsm-absent": self.wb.add_format({**cell, "italic": True, "font_color": "#767676"}),
        }
        self.cell = cell
        self.unit_formats: dict[str, Any] = {}
        self.status = {
            label: self.wb.add_format({"bg_color": f"#{colour}"})
            for label, colour in suivi.STATUTS_COULEURS.items()
        }

    def sheet(
        self, title: str, headers: list[str], widths: Sequence[float], header_row: int
    ) -> _Sheet:
        ws = self.wb.add_worksheet(title)
        sheet = _Sheet(ws, widths)
        for col, (name, width) in enumerate(zip(headers, widths, strict=True)):
            ws.write_string(header_row - 1, col, name, self.formats["clsm-entete"])
            sheet.texts[(header_row, col + 1)] = name
            ws.set_column(col, col, width)
        ws.freeze_panes(header_row, 0)
        ws.repeat_rows(header_row - 1)
        ws.set_landscape()
        ws.set_paper(8 if sum(widths) > 200 else 9)
        ws.fit_to_pages(1, 0)
        return sheet

    def write(
        self, sheet: _Sheet, row: int, col: int, value: Any, what: str, style: str = "clsm-texte"
    ) -> None:
        value = safe(value, what)
        if value is None:
            sheet.ws.write_blank(row - 1, col - 1, None, self.formats[style])
        elif isinstance(value, str):
            quoted = value[:1] in ("=", "+", "-", "@") and f"{style}-q" in self.formats
            sheet.ws.write_string(
                row - 1, col - 1, value, self.formats[f"{style}-q" if quoted else style]
            )
            sheet.texts[(row, col)] = value
        elif isinstance(value, bool):
            sheet.ws.write_string(row - 1, col - 1, "oui" if value else "non", self.formats[style])
        else:
            number_style = (
                style
                if style != "clsm-texte"
                else ("clsm-nombre" if float(value).is_integer() else "clsm-decimal")
            )
            sheet.ws.write_number(row - 1, col - 1, value, self.formats[number_style])

    def valeur(
        self,
        sheet: _Sheet,
        row: int,
        col: int,
        valeur: compute.Valeur | None,
        unite: Unite | None,
        cible: float | None,
    ) -> None:
        """An indicator's value of a year: a number shown with its unit as the bilan writes
        it (`28 %`, `4 000 €`, `29,9 %` for a target of 30 %), « oui » or « non » for a
        yes-or-no, « non renseigné » without data, and a lower bound shown « au moins … »
        (still a number) when some of its parts are unknown."""
        if valeur is None:
            self.write(sheet, row, col, compute.NON_RENSEIGNE, "une valeur", "clsm-absent")
            return
        if unite is Unite.OUI_NON and valeur.valeur in (0, 1) and not valeur.partiel:
            self.write(sheet, row, col, formatting.en_unite(valeur.valeur, unite), "une valeur")
            return
        decimales = 0
        if cible is not None and not valeur.partiel:  # as the bilan's indicator table does
            decimales = formatting.decimales(valeur.valeur, cible)
        num_format = format_nombre(valeur.valeur, unite, valeur.partiel, decimales)
        if num_format not in self.unit_formats:
            self.unit_formats[num_format] = self.wb.add_format(
                {**self.cell, "num_format": num_format}
            )
        sheet.ws.write_number(row - 1, col - 1, valeur.valeur, self.unit_formats[num_format])

    def merge(self, sheet: _Sheet, first: int, last: int, col: int, style: str) -> None:
        """Merge a column's cells from row `first` to `last` (1-based), keeping the first text."""
        value = sheet.texts.get((first, col), "")
        quoted = value[:1] in ("=", "+", "-", "@") and f"{style}-q" in self.formats
        sheet.ws.merge_range(
            first - 1,
            col - 1,
            last - 1,
            col - 1,
            value,
            self.formats[f"{style}-q" if quoted else style],
        )
        sheet.merged.update((row, col) for row in range(first, last + 1))

    def status_colours(self, sheet: _Sheet, col: int, first: int, last: int) -> None:
        """Colour the status column by conditional formatting."""
        for label, fmt in self.status.items():
            sheet.ws.conditional_format(
                first - 1,
                col - 1,
                last - 1,
                col - 1,
                {"type": "cell", "criteria": "==", "value": f'"{label}"', "format": fmt},
            )

    def finish(self, sheet: _Sheet, header_row: int, last_row: int, last_col: int) -> None:
        """Filters on the header, and row heights that show all the wrapped text."""
        if last_row > header_row:
            sheet.ws.autofilter(header_row - 1, 0, last_row - 1, last_col - 1)
        heights: dict[int, int] = {}
        for (row, col), text in sheet.texts.items():
            if row >= header_row and (row, col) not in sheet.merged and col <= len(sheet.widths):
                heights[row] = max(heights.get(row, 1), _wrapped_lines(text, sheet.widths[col - 1]))
        for row in range(header_row, last_row + 1):
            sheet.ws.set_row(row - 1, min(409, 13.5 * heights.get(row, 1) + 4))

    def close(self) -> bytes:
        self.wb.close()
        return self.buffer.getvalue()


FRANCAIS = "[$-40C]"
"""The French locale, in a number format: LibreOffice then groups thousands and writes
decimals as French readers do (4 000, 2,5) whatever its own language; Excel does so from
the reader's settings."""

_CHIFFRE = re.compile(r"^[+\-\u2212]?\d+(?:[\s\u00a0\u202f]\d{3})*(?:,\d+)?")


def format_nombre(valeur: float, unite: Unite | None, partiel: bool, decimales: int = 0) -> str:
    """The Excel number format that shows an indicator's value as the bilan writes it.

    The unit comes from `formatting.en_unite` (the one place that writes units): `28 %`,
    `4 000 €`, `18 h`, `1 jour`, `3 jours`; decimals only when the value has some, as many
    as the bilan shows (for a percentage, `decimales`: none, unless rounding would hide its
    verdict, as in 29,9 % for a target of 30 %; cents for euros; one otherwise); `au moins`
    before a partial sum (a lower bound). The cell keeps the exact figure; Excel rounds it
    for display only, halves up, as the bilan does.
    """
    if unite is Unite.POURCENTAGE:
        chiffres = "#,##0" + ("." + "0" * decimales if decimales else "")
    elif float(valeur).is_integer():
        chiffres = "#,##0"
    else:
        chiffres = "#,##0.00" if unite is Unite.EUROS else "#,##0.0"
    texte = formatting.en_unite(valeur, unite, decimales)
    chiffre = _CHIFFRE.match(texte)
    # a narrow no-break space is not in every spreadsheet font: a no-break space instead
    suffixe = texte[chiffre.end() :].replace("\u202f", "\u00a0") if chiffre else ""
    return (
        FRANCAIS
        + ('"au moins "' if partiel else "")
        + chiffres
        + (f'"{suffixe}"' if suffixe else "")
    )


def texte_unite(valeur: float, unite: Unite | None) -> str:
    """A target's or a baseline's figure with its unit, as the bilan writes it (`60 %`,
    `14 500 €`, `oui`), when that text reads back as the same figure; otherwise the exact
    figure (`62.5`), so that `clsm import` gives the same plan back."""
    from .compagnons import number

    for decimales in range(7 if unite is Unite.POURCENTAGE else 1):
        texte = formatting.en_unite(valeur, unite, decimales)
        if number(texte) == valeur:
            return texte
    return number_text(valeur)


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines a wrapped cell needs, from its column width in characters."""
    per_line = max(1.0, width * 1.15)
    return sum(max(1, -(-len(part) // int(per_line))) for part in text.split("\n"))


def _rows(plan: Plan, per_indicator: bool) -> list[Ligne]:
    """One row per action (or indicator); an axis, objective or action with none gets a row."""
    rows = []
    for axe in plan.axes:
        if not axe.objectifs:
            rows.append(Ligne(axe, None, None))
        for objectif in axe.objectifs:
            if not objectif.actions:
                rows.append(Ligne(axe, objectif, None))
            for action in objectif.actions:
                if per_indicator and action.indicateurs:
                    rows += [Ligne(axe, objectif, action, ind) for ind in action.indicateurs]
                else:
                    rows.append(Ligne(axe, objectif, action))
    return rows


def _merge_runs(rows: list[Ligne], key: str) -> Iterator[tuple[int, int]]:
    """(first, last) row indexes of runs sharing the same axis or objective."""
    start = 0
    for index in range(1, len(rows) + 1):
        value = getattr(rows[start], key)
        same = index < len(rows) and value is not None and getattr(rows[index], key) is value
        if not same:
            if index - 1 > start:
                yield start, index - 1
            start = index


STRUCTURE = ("axe", "objectif", "action")


def _template(env: Any, grille: Grille, colonne: Colonne) -> tuple[Any, set[str]]:
    """A column's compiled `valeur`, and the names it uses (a row without them is blank)."""
    from jinja2 import TemplateSyntaxError, meta

    assert colonne.valeur is not None
    try:
        return env.from_string(colonne.valeur), meta.find_undeclared_variables(
            env.parse(colonne.valeur)
        )
    except TemplateSyntaxError as exc:
        raise ClsmError(
            f"grille « {grille.nom} », colonne « {colonne.entete} » : la valeur n'est pas une"
            f" expression Jinja valide ({exc.message})",
            hint="voir « Mises en page » dans le README",
        ) from None


def _grid_sheet(book: _Workbook, grille: Grille, plan: Plan, dossier: Dossier, noms: Noms) -> None:
    from ..report import environment

    per_indicator = grille.ligne == "indicateur"
    rows = _rows(plan, per_indicator)
    env = environment([], html=False)
    shown: set[str | None] = {c.champ for c in grille.colonnes if c.champ in STRUCTURE}
    columns = []
    for colonne in grille.colonnes:
        template = _template(env, grille, colonne) if colonne.valeur else None
        values = [_value(grille, colonne, template, row, plan, noms, shown) for row in rows]
        if colonne.si_utilise and not any(values):
            continue
        columns.append((colonne, values))
    years = _years(plan, dossier) if per_indicator else []
    headers = [c.entete for c, _ in columns] + _year_headers(years)
    widths = [c.largeur for c, _ in columns] + [12.0, 14.0] * len(years)
    header_row = 3
    ws = book.sheet(grille.feuille, headers, widths, header_row)
    book.write(ws, 1, 1, plan.titre, "le titre du plan", "clsm-titre")
    period = f"Période : {plan.periode.debut}–{plan.periode.fin}"
    book.write(ws, 2, 1, period, "la période", "clsm-sous-titre")
    for col, (colonne, values) in enumerate(columns, start=1):
        grouped = colonne.champ in ("axe", "objectif") or (
            per_indicator and colonne.champ == "action"
        )
        for index, value in enumerate(values):
            where = rows[index].action or rows[index].objectif or rows[index].axe
            what = f"« {colonne.entete} » de {where.id}"
            book.write(
                ws,
                header_row + 1 + index,
                col,
                value,
                what,
                "clsm-groupe" if grouped else "clsm-texte",
            )
        if grouped:
            key = {"axe": "axe", "objectif": "objectif", "action": "action"}[colonne.champ or ""]
            for first, last in _merge_runs(rows, key):
                book.merge(ws, header_row + 1 + first, header_row + 1 + last, col, "clsm-groupe")
    if per_indicator:
        _indicator_values(book, ws, rows, years, plan, dossier, header_row, len(columns))
    book.finish(ws, header_row, header_row + len(rows), len(headers))


def _value(
    grille: Grille,
    colonne: Colonne,
    template: tuple[Any, set[str]] | None,
    row: Ligne,
    plan: Plan,
    noms: Noms,
    shown: set[str | None],
) -> str | None:
    levels = {"axe": row.axe, "objectif": row.objectif, "action": row.action}
    if template is not None:
        compiled, names = template
        context = {**levels, "indicateur": row.indicateur}
        if any(name in context and context[name] is None for name in names):
            return None
        cible = ""
        if row.indicateur is not None and row.indicateur.cibles:
            cible = _cibles_text(row.indicateur)
        from jinja2 import TemplateError

        try:
            text = compiled.render(plan=plan, cible=cible, **context)
        except TemplateError as exc:
            raise ClsmError(
                f"grille « {grille.nom} », colonne « {colonne.entete} » : la valeur ne se calcule"
                f" pas pour {(row.action or row.objectif or row.axe).id} ({exc.message})",
                hint="les noms connus sont plan, axe, objectif, action, indicateur et cible",
            ) from None
        return text or None
    champ = colonne.champ
    assert champ is not None
    text = cellule(champ, row.axe, row.objectif, row.action, noms)
    if text is None and champ in STRUCTURE:
        return _level_elsewhere(champ, levels, shown, noms)
    return text


def _level_elsewhere(
    champ: str, levels: dict[str, Any], shown: set[str | None], noms: Noms
) -> str | None:
    """The text of a row's own axis or objective, when the layout has no column for it.

    An axis without objectives, or an objective without actions, still gets its row; when
    the layout lacks its column, its heading goes in the first column of a deeper level
    (`Axe 2. Titre`, `Objectif spécifique 1.2 Titre`), where `clsm import` finds it.
    """
    level = "objectif" if levels["objectif"] is not None else "axe"
    if levels["action"] is not None or level in shown:
        return None
    deeper = STRUCTURE[STRUCTURE.index(level) + 1 :]
    if champ != next((c for c in deeper if c in shown), None):
        return None
    if level == "axe":
        return "Axe " + axe_texte(levels["axe"])
    return objectif_texte(levels["objectif"])


def _valeur_datee(valeur: float, annee: int | None, unite: Unite | None) -> str:
    """`60 % (2025)`, or `80 %` for the plan's final (undated) target."""
    texte = texte_unite(valeur, unite)
    return f"{texte} ({annee})" if annee is not None else texte


def _cibles_text(ind: Indicateur) -> str:
    return " ; ".join(_valeur_datee(c.valeur, c.annee, ind.unite) for c in ind.cibles)


def _year_headers(years: list[int]) -> list[str]:
    """`Valeur 2024`, `Statut 2024`, `Valeur 2025`, `Statut 2025`…"""
    return [header for year in years for header in (f"Valeur {year}", f"Statut {year}")]


def _years(plan: Plan, dossier: Dossier) -> list[int]:
    return sorted(a.annee for _, a in dossier.activites if plan.couvre(a.annee))


def _indicator_values(
    book: _Workbook,
    ws: _Sheet,
    rows: list[Ligne],
    years: list[int],
    plan: Plan,
    dossier: Dossier,
    header_row: int,
    first_col: int,
) -> None:
    """Each year's value and status, in pairs of columns after `first_col`; each status
    column coloured by conditional formatting."""
    for index, row in enumerate(rows):
        if row.indicateur is None or row.action is None:
            for col in range(first_col + 1, first_col + 1 + 2 * len(years)):
                book.write(ws, header_row + 1 + index, col, None, "une valeur")  # bordered
            continue
        for offset, year in enumerate(years):
            activite = dossier.activite(year)
            valeur = compute.valeur(row.indicateur, row.action.id, activite) if activite else None
            col = first_col + 1 + 2 * offset
            cible = suivi.cible_applicable(row.indicateur, year)
            book.valeur(
                ws,
                header_row + 1 + index,
                col,
                valeur,
                row.indicateur.unite,
                cible.valeur if cible else None,
            )
            status = suivi.etat(row.indicateur, plan, year, valeur)
            book.write(ws, header_row + 1 + index, col + 1, status or None, "un statut")
    for offset in range(len(years)):
        book.status_colours(
            ws, first_col + 2 + 2 * offset, header_row + 1, header_row + max(1, len(rows))
        )


def _indicators_sheet(book: _Workbook, plan: Plan, dossier: Dossier) -> None:
    rows = plan.indicateurs()
    years = _years(plan, dossier)
    headers = [*INDICATOR_HEADERS, *_year_headers(years)]
    widths = [14, 9, 36, 12, 26, 26, 14, 18, 9, 18, 16, 30, 28, *([12, 14] * len(years))]
    ws = book.sheet("Indicateurs", headers, widths, 1)
    for r, (action, ind) in enumerate(rows, start=2):
        reference = (
            _valeur_datee(ind.reference.valeur, ind.reference.annee, ind.unite)
            if ind.reference
            else None
        )
        cells = [
            ind.id,
            action.id,
            ind.libelle,
            ind.unite.value if ind.unite else None,
            ind.numerateur,
            ind.denominateur,
            reference,
            _cibles_text(ind) or None,
            ind.sens.value,
            ind.calcul.value if ind.calcul else None,
            " ; ".join(ind.types_realisation) or None,
            ind.resultat_attendu,
            "\n".join(ind.sources_verification) or None,
        ]
        for c, value in enumerate(cells, start=1):
            book.write(ws, r, c, value, f"« {headers[c - 1]} » de l'indicateur {ind.id}")
    _indicator_values(
        book,
        ws,
        [Ligne(a, o, act, i) for a, o, act in plan.actions() for i in act.indicateurs],
        years,
        plan,
        dossier,
        1,
        len(INDICATOR_HEADERS),
    )
    book.finish(ws, 1, 1 + len(rows), len(headers))


def _partners_sheet(book: _Workbook, partenaires: list[Partenaire]) -> None:
    widths = [22, 40, 12, 26, 22, 14, 20, 9, 16, 24, 30]
    ws = book.sheet("Partenaires", list(PARTNER_HEADERS), widths, 1)
    for r, p in enumerate(partenaires, start=2):
        cells = [
            p.id,
            p.nom,
            p.sigle,
            LIBELLES_SECTEURS[p.secteur],
            p.type.value if p.type else None,
            "Oui" if p.representant_usagers else "Non",
            p.parent,
            p.depuis,
            p.commune,
            p.site,
            p.notes,
        ]
        for c, value in enumerate(cells, start=1):
            book.write(ws, r, c, value, f"« {PARTNER_HEADERS[c - 1]} » du partenaire {p.id}")
    book.finish(ws, 1, 1 + len(partenaires), len(PARTNER_HEADERS))


def _information_sheet(book: _Workbook, plan: Plan, dossier: Dossier, grille: Grille) -> None:
    ws = book.sheet("Informations", ["Rubrique", "Valeur"], [30, 90], 1)
    rows: list[tuple[str, Any]] = [
        ("Titre du plan", plan.titre),
        ("Début de la période", plan.periode.debut),
        ("Fin de la période", plan.periode.fin),
        ("Objectif global", plan.objectif_global),
        ("Description du plan", plan.description),
    ]
    shown = {c.champ for c in grille.colonnes}
    for axe in plan.axes:
        if "axe" not in shown:
            rows.append((f"Intitulé de l'axe {axe.id}", axe.titre))
        if axe.description:
            rows.append((f"Description de l'axe {axe.id}", axe.description))
        for o in axe.objectifs:
            if "objectif" not in shown:
                rows.append((f"Intitulé de l'objectif {o.id}", o.titre))
            if o.description:
                rows.append((f"Description de l'objectif {o.id}", o.description))
    if dossier.territoire is not None:
        rows.append(("Territoire", dossier.territoire[1].nom))
    rows = [(k, v) for k, v in rows if v is not None]
    for r, (key, value) in enumerate(rows, start=2):
        book.write(ws, r, 1, key, "une rubrique", "clsm-groupe")
        book.write(ws, r, 2, value, f"« {key} »")


def classeur(plan: Plan, grille: Grille, dossier: Dossier) -> bytes:
    """The workbook of a plan, as the bytes of an .xlsx file."""
    book = _Workbook()
    partenaires = dossier.annuaire[1].partenaires if dossier.annuaire else []
    noms = Noms({p.id: p for p in partenaires})
    _grid_sheet(book, grille, plan, dossier, noms)
    if plan.indicateurs():
        _indicators_sheet(book, plan, dossier)
    if partenaires:
        _partners_sheet(book, partenaires)
    _information_sheet(book, plan, dossier, grille)
    book.wb.set_properties(
        {
            "title": plan.titre,
            "subject": dossier.territoire[1].nom if dossier.territoire else "",
            "author": "clsm",
            "keywords": "clsm; plan d'action",
            "comments": f"Plan d'action {plan.periode.debut}–{plan.periode.fin}, exporté par clsm",
        }
    )
    return book.close()


def choisir_plan(dossier: Dossier, fichier: Path | None) -> tuple[Document, Plan]:
    """The plan to export: the file given, else the latest starting plan of the territory."""
    if not dossier.plans:
        raise ClsmError(f"{display_name(dossier.root)} : aucun plan à exporter")
    if fichier is not None:
        for doc, plan in dossier.plans:
            if Path(doc.file).resolve() == fichier.resolve():
                return doc, plan
    return max(dossier.plans, key=lambda item: item[1].periode.debut)


def default_path(dossier: Dossier, plan: Plan) -> Path:
    """`out/grille-<territoire>-<début>-<fin>.xlsx`."""
    name = dossier.root.resolve().name
    return Path("out") / f"grille-{name}-{plan.periode.debut}-{plan.periode.fin}.xlsx"


def exporter(
    dossier: Dossier, fichier: Path | None, grille: Grille, output: Path | None, force: bool
) -> Path:
    """Write a territory's plan as a workbook; never replace a foreign file without force."""
    _, plan = choisir_plan(dossier, fichier)
    target = output or default_path(dossier, plan)
    if target.exists() and not force and target.parent.name != "out":
        raise ClsmError(
            f"{display_name(target)} existe déjà",
            hint="choisissez un autre nom avec -o, ou ajoutez --force pour le remplacer",
        )
    data = classeur(plan, grille, dossier)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, data)
    return target
