"""One cell of a filled form, read back as the value of its field — what was guessed said.

A date cell is a date (a cell that shows only a month, « mai-25 », is read as that month);
a date typed as text is read the French way, day then month (« 06/05/2025 » is 6 May),
and that is said; « 11 participants » in a number column is 11, said too; a partner, an
action or a type is read from its label in the drop-down list, its identifier, or its name
(lists.py). A cell that cannot be read is an error: its row is not imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ..excel.companions import number
from ..excel.fields import normalise
from ..excel.sheet import DEVINE, PERDU
from ..french.dates import MOIS, date_fr, de
from .layout import Genre
from .lists import HORS_ANNUAIRE, LIST_OF, Vocabulaire

_MOIS = {normalise(nom): n for n, nom in enumerate(MOIS, start=1)}
_MOIS.update(
    {"janv": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10}
    | {"nov": 11, "dec": 12}
)
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(?::\d{2})?$")
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})$")
_MY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_WORDS = re.compile(r"^(?:(\d{1,2})(?:er)?\s+)?([a-z]+)\s+(\d{4})$")
_WHOLE = re.compile(r"^(\d{1,3}(?:[\s\u00a0\u202f]\d{3})+|\d+)\s*(.*)$", re.S)
_WORDED = re.compile(r"^(\d[\d\s\u00a0\u202f]*(?:[.,](?!\d{3}\b)\d+)?)\s*([^\W\d_]\D*)$", re.S)
"""A figure followed by words (`8 situations`, `12,5 heures`); not `1.000 personnes` (a
thousand, or one?) nor `8 sur 10` (a rate?), which stay errors."""
EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(slots=True)
class Lecture:
    """A cell read: its value, what was guessed or lost (code, message), and whether it failed."""

    valeur: Any = None
    remarques: list[tuple[str, str]] = field(default_factory=list)
    erreur: bool = False

    def guess(self, message: str) -> None:
        self.remarques.append((DEVINE, message))

    def fail(self, message: str) -> Lecture:
        self.remarques.append((PERDU, message))
        self.erreur = True
        return self


def french_date(iso: str) -> str:
    """`2025-05-06` → « le 6 mai 2025 », `2025-05` → « le mois de mai 2025 », `2025` →
    « l'année 2025 » (the words are french/dates', without Babel)."""
    if len(iso) == 4:
        return f"l'année {iso}"
    if len(iso) == 7:
        return f"le mois {de(date_fr(iso))}"
    return f"le {date_fr(iso)}"


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The partial date, if it is one of the calendar."""
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


class CellReader:
    """Reads cells into values, with the form's vocabulary."""

    def __init__(self, vocabulaire: Vocabulaire) -> None:
        self.vocabulaire = vocabulaire

    def read(self, genre: Genre, text: str, cell: Any) -> Lecture:
        """A cell's value for its column's kind (its text, and openpyxl's cell)."""
        lu = Lecture()
        raw = getattr(cell, "value", text)
        if genre in (Genre.TEXTE, Genre.TEXTE_LONG):
            lu.valeur = text
        elif genre is Genre.POINTS:
            lu.valeur = points(text)
        elif genre in (Genre.DATE, Genre.MOIS):
            return self.date(text, raw, cell, lu, month=genre is Genre.MOIS)
        elif genre in (Genre.ENTIER, Genre.NIVEAU):
            return whole(text, raw, lu)
        elif genre in (Genre.NOMBRE, Genre.POURCENTAGE):
            return decimal(text, raw, lu)
        elif genre is Genre.OUI:
            return yes(text, raw, lu)
        elif genre is Genre.PARTENAIRES:
            lu.valeur = []
            for name in (n.strip() for n in re.split(r"[\n;]", text)):
                if name:
                    lu.valeur.append(self.named("partenaires", name, lu, "partenaire"))
        elif genre is Genre.STRUCTURE and text.endswith(HORS_ANNUAIRE):
            lu.valeur = {"structure": text.removesuffix(HORS_ANNUAIRE).strip()}
        elif genre is Genre.STRUCTURE:
            found = self.vocabulaire.read("partenaires", text)
            if found.valeur is None:
                lu.valeur = {"structure": text}
                lu.guess(f"« {text} » n'est pas dans l'annuaire : gardée en toutes lettres")
            else:
                self._said("partenaires", found.devine, text, found.valeur, lu)
                lu.valeur = {"partenaire": found.valeur}
        elif genre is Genre.TRANCHE:
            return age_band(text, lu)
        elif genre is Genre.REALISATION:
            found = self.vocabulaire.read("realisations", text)
            lu.valeur = found.valeur if found.valeur is not None else ("titre", text)
        elif genre in LIST_OF:
            lu.valeur = self.named(LIST_OF[genre], text, lu, _WHAT[genre])
        return lu

    def named(self, name: str, text: str, lu: Lecture, what: str) -> str | None:
        """The value a cell names in a list; an unknown one fails the cell."""
        found = self.vocabulaire.read(name, text)
        if found.valeur is None:
            proche = self.vocabulaire.proche(name, text)
            meant = f" — vouliez-vous dire « {proche} » ?" if proche else ""
            lu.fail(f"{what} inconnu{'e' if what in _FEMININE else ''} : « {text} »{meant}")
            return None
        self._said(name, found.devine, text, found.valeur, lu)
        return found.valeur

    def _said(self, name: str, devine: bool, text: str, value: str, lu: Lecture) -> None:
        """Say a value read from a name rather than from the list or its identifier."""
        if devine and normalise(text) != normalise(value):
            label = self.vocabulaire.listes.label(name, value)
            shown = f"« {label} » ({value})" if label != value else value
            lu.guess(f"« {text} » lu comme {_ARTICLES[name]} {shown}")

    def date(self, text: str, raw: Any, cell: Any, lu: Lecture, month: bool) -> Lecture:
        """A date cell, a number of days (a date cell whose format was lost), or a text."""
        if isinstance(raw, datetime | date):
            shown = str(getattr(cell, "number_format", "") or "").lower()
            if "d" in shown or shown in ("", "general"):
                value = raw.strftime("%Y-%m-%d")
            elif "m" in shown:
                value = raw.strftime("%Y-%m")
                if not month:  # in a column of months, a month is what is expected
                    lu.guess(f"la cellule montre un mois : lue comme {french_date(value)}")
            else:
                value = raw.strftime("%Y")
        elif isinstance(raw, int | float) and not isinstance(raw, bool):
            if float(raw).is_integer() and 1900 <= raw <= 2200:
                value = str(int(raw))
            elif float(raw).is_integer() and 20_000 <= raw <= 120_000:
                value = (EXCEL_EPOCH + timedelta(days=int(raw))).isoformat()
                lu.guess(f"le nombre {int(raw)} lu comme une date : {french_date(value)}")
            else:
                return lu.fail(f"« {text} » n'est pas une date")
        else:
            found = parse_date(text)
            if found is None:
                return lu.fail(
                    f"« {text} » n'est pas une date : écrivez jj/mm/aaaa, ou 2025-05 pour un mois"
                )
            value, guessed = found
            if guessed:
                lu.guess(f"« {text} » lu comme {french_date(value)} ({guessed})")
        if month and len(value) == 10:
            value = value[:7]
        lu.valeur = value
        return lu


_WHAT = {
    Genre.ACTION: "action",
    Genre.INDICATEUR: "indicateur",
    Genre.TYPE: "type",
    Genre.STATUT: "statut",
    Genre.INSTANCE: "instance",
    Genre.PARTENAIRE: "partenaire",
    Genre.PUBLIC: "public",
}
_FEMININE = ("action", "instance")
_ARTICLES = {
    "actions": "l'action",
    "indicateurs": "l'indicateur",
    "partenaires": "le partenaire",
    "types": "le type",
    "statuts": "le statut",
    "instances": "l'instance",
    "publics": "le public",
}


def parse_date(text: str) -> tuple[str, str] | None:
    """A date typed as text: ISO (`2025-05-06`, `2025-05`, `2025`) as it is; the French ways
    (`06/05/2025`, `6.5.25`, `05/2025`, `6 mai 2025`, `mai 2025`) with what was guessed."""
    text = text.strip()
    if m := _ISO_TIME.match(text):
        text = m[1]
    if m := _ISO.match(text):
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        found = _iso(year, month, day)
        return (found, "") if found else None
    if m := _DMY.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        found = _iso(year, month, day)
        return (found, "jour/mois") if found else None
    if m := _MY.match(text):
        found = _iso(int(m[2]), int(m[1]))
        return (found, "mois/année") if found else None
    if m := _WORDS.match(normalise(text)):
        month = _MOIS.get(m[2])
        if month is None:
            return None
        found = _iso(int(m[3]), month, int(m[1]) if m[1] else None)
        return (found, "en toutes lettres") if found else None
    return None


_BAND_WORDS = (
    (re.compile(r"^moins de (\d{1,3})(?: ans?)?$"), "moins-de-{0}"),
    (re.compile(r"^(\d{1,3}) (?:a|-) ?(\d{1,3})(?: ans?)?$"), "{0}-{1}"),
    (re.compile(r"^(\d{1,3})(?: ans?)? (?:et plus|et \+|\+|ou plus)$"), "{0}+"),
)


def age_band(text: str, lu: Lecture) -> Lecture:
    """An age band as the files write it (`moins-de-18`, `18-25`, `60+`), or in words
    (« 18 à 25 ans », « 60 ans et plus »: said)."""
    from ..models.publics import est_tranche

    written = text.strip().replace(" ", "")
    if est_tranche(written):
        lu.valeur = written
        return lu
    words = normalise(text.replace("+", " et plus"))
    for pattern, band in _BAND_WORDS:
        if (m := pattern.match(words)) is not None and est_tranche(band.format(*m.groups())):
            lu.valeur = band.format(*m.groups())
            lu.guess(f"« {text} » lu comme la tranche d'âge {lu.valeur}")
            return lu
    return lu.fail(f"« {text} » n'est pas une tranche d'âge : écrivez 18-25, moins-de-18 ou 60+")


def whole(text: str, raw: Any, lu: Lecture) -> Lecture:
    """A whole number: a number cell, or the number a text starts with (said)."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if not float(raw).is_integer():
            return lu.fail(f"{raw} n'est pas un nombre entier")
        lu.valeur = int(raw)
        return lu
    m = _WHOLE.match(text.strip())
    if m is None:
        return lu.fail(f"« {text} » n'est pas un nombre : écrivez un nombre entier (11)")
    if re.match(r"[.,]\d", m[2]):  # `1.000` (a thousand, or one?), `12,5`: never guessed
        return lu.fail(
            f"« {text} » : un nombre entier s'écrit sans point ni virgule (1000, 1 000 ou 12)"
        )
    lu.valeur = int(re.sub(r"\D", "", m[1]))
    if m[2].strip():
        lu.guess(f"« {text} » lu comme {lu.valeur}")
    return lu


def decimal(text: str, raw: Any, lu: Lecture) -> Lecture:
    """A number: a number cell, or a text such as `60 %`, `0,5` or `8 situations` (said)."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        lu.valeur = int(raw) if float(raw).is_integer() else float(raw)
        return lu
    value = number(text)
    if value is None and (m := _WORDED.match(text.strip())) is not None:
        value = number(m[1])
    if value is None:
        return lu.fail(f"« {text} » n'est pas un nombre")
    lu.valeur = value
    if normalise(text) != normalise(str(value)):
        lu.guess(f"« {text} » lu comme {value}")
    return lu


_OUI = frozenset({"oui", "o", "x", "vrai", "yes", "true", "1"})
_NON = frozenset({"non", "n", "faux", "no", "false", "0"})


def yes(text: str, raw: Any, lu: Lecture) -> Lecture:
    """A yes: « oui » (x, vrai, a ticked box's TRUE: said) is True; « non » says no, as an
    empty cell does: nothing, the field being no by default."""
    word = ("oui" if raw else "non") if isinstance(raw, bool) else normalise(text)
    if word in _OUI:
        lu.valeur = True
        if word != "oui":
            lu.guess(f"« {text} » lu comme « oui »")
    elif word not in _NON:
        lu.fail(f"« {text} » : écrivez « oui », ou laissez la cellule vide")
    return lu


def points(text: str) -> list[str]:
    """A cell's points: one per paragraph when it has blank lines, else one per line."""
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [p.strip() for p in parts if p.strip()]
