"""The workbook clsm writes: xlsxwriter with clsm's formats, cells addressed as Excel shows
them (1-based), every value checked before it is written (formula-like text stays text,
Excel's limits and refused characters are French errors)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from ..figures import compute, tracking
from ..french import formatting
from ..models.plan import Unite
from ..problems import ClsmError
from .units import format_nombre

EXCEL_CELL_LIMIT = 32_767
ACCENT = "1F5F8B"


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


class Sheet:
    """An xlsxwriter worksheet addressed with 1-based rows and columns, as Excel shows them."""

    def __init__(self, ws: Any, widths: Sequence[float]) -> None:
        self.ws = ws
        self.widths = list(widths)
        self.texts: dict[tuple[int, int], str] = {}
        self.merged: set[tuple[int, int]] = set()


class Workbook:
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
            "clsm-paragraphe": self.wb.add_format({"text_wrap": True, "valign": "top"}),
            "clsm-note": self.wb.add_format(
                {"text_wrap": True, "italic": True, "font_color": "#767676"}
            ),
            "clsm-sous-titre": self.wb.add_format(
                {"bold": True, "font_size": 11, "font_color": accent}
            ),
            "clsm-nombre": self.wb.add_format({**cell, "num_format": "0"}),
            "clsm-decimal": self.wb.add_format({**cell, "num_format": "0.0"}),
            "clsm-date": self.wb.add_format(
                {**cell, "num_format": "dd/mm/yyyy", "align": "center"}
            ),
            "clsm-centre": self.wb.add_format({**cell, "align": "center"}),
            # absence is said, never shown as 0 or as an empty cell
            "clsm-absent": self.wb.add_format({**cell, "italic": True, "font_color": "#767676"}),
        }
        self.cell = cell
        self.unit_formats: dict[str, Any] = {}
        self.status = {
            label: self.wb.add_format({"bg_color": f"#{colour}"})
            for label, colour in tracking.STATUTS_COULEURS.items()
        }

    def sheet(
        self, title: str, headers: list[str], widths: Sequence[float], header_row: int
    ) -> Sheet:
        ws = self.wb.add_worksheet(title)
        sheet = Sheet(ws, widths)
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
        self, sheet: Sheet, row: int, col: int, value: Any, what: str, style: str = "clsm-texte"
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

    def note(self, sheet: Sheet, row: int, col: int, text: str) -> None:
        """A cell's note (shown on hover, flagged by a corner mark): what a computed cell
        was judged from, beside it rather than in it."""
        sheet.ws.write_comment(row - 1, col - 1, text, {"author": "clsm"})

    def write_date(self, sheet: Sheet, row: int, col: int, value: date) -> None:
        """A real date cell, shown dd/mm/yyyy (the reader's own settings may show it otherwise)."""
        moment = datetime(value.year, value.month, value.day)
        sheet.ws.write_datetime(row - 1, col - 1, moment, self.formats["clsm-date"])

    def valeur(
        self,
        sheet: Sheet,
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

    def montant(self, sheet: Sheet, row: int, col: int, value: float | None, what: str) -> None:
        """An amount in euros: a number shown as the bilan writes it (`12 000 €`); an empty
        cell when there is none (nothing planned, where a figure may be typed)."""
        if value is None:
            self.write(sheet, row, col, None, what)
            return
        num_format = format_nombre(value, Unite.EUROS, False)
        if num_format not in self.unit_formats:
            self.unit_formats[num_format] = self.wb.add_format(
                {**self.cell, "num_format": num_format}
            )
        sheet.ws.write_number(row - 1, col - 1, value, self.unit_formats[num_format])

    def merge(self, sheet: Sheet, first: int, last: int, col: int, style: str) -> None:
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

    def status_colours(self, sheet: Sheet, col: int, first: int, last: int) -> None:
        """Colour the status column by conditional formatting."""
        for label, fmt in self.status.items():
            sheet.ws.conditional_format(
                first - 1,
                col - 1,
                last - 1,
                col - 1,
                {"type": "cell", "criteria": "==", "value": f'"{label}"', "format": fmt},
            )

    def finish(
        self,
        sheet: Sheet,
        header_row: int,
        last_row: int,
        last_col: int,
        max_lines: int | None = None,
    ) -> None:
        """Filters on the header, and row heights that show all the wrapped text (or at most
        `max_lines` lines of it: the rest shows when the cell is selected)."""
        if last_row > header_row:
            sheet.ws.autofilter(header_row - 1, 0, last_row - 1, last_col - 1)
        heights: dict[int, int] = {}
        for (row, col), text in sheet.texts.items():
            if row >= header_row and (row, col) not in sheet.merged and col <= len(sheet.widths):
                lines = _wrapped_lines(text, sheet.widths[col - 1])
                heights[row] = max(heights.get(row, 1), min(lines, max_lines or lines))
        for row in range(header_row, last_row + 1):
            sheet.ws.set_row(row - 1, min(409, 13.5 * heights.get(row, 1) + 4))

    def close(self) -> bytes:
        self.wb.close()
        return self.buffer.getvalue()


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines a wrapped cell needs, from its column width in characters."""
    per_line = max(1.0, width * 1.15)
    return sum(max(1, -(-len(part) // int(per_line))) for part in text.split("\n"))
