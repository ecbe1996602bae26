"""An indicator's figure in Excel as the bilan writes it: a number format that shows its unit
(`28 %`, `4 000 €`), and the text of a target or baseline that reads back as the same figure."""

from __future__ import annotations

import re

from ..french import formatting
from ..models.plan import Unite
from .fields import number_text

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
    from .companions import number

    for decimales in range(7 if unite is Unite.POURCENTAGE else 1):
        texte = formatting.en_unite(valeur, unite, decimales)
        if number(texte) == valeur:
            return texte
    return number_text(valeur)
