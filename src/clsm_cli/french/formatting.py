"""French formatting for reports: numbers, percentages, units and plural agreement (Babel);
dates, whose words are decided in dates.py (without Babel, for `clsm validate`)."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_decimal

from ..figures.compute import NON_RENSEIGNE, Decompte
from ..models.common import Periode, bornes
from ..models.publics import nom_categorie
from .agreement import forme
from .dates import annees_fr as annees_fr  # light: `clsm validate` reads it from .dates
from .dates import date_fr as date_fr  # the bilan, templates and writers read it from here
from .dates import de, jour_mois, mois

LOCALE = Locale("fr", "FR")


@functools.lru_cache(maxsize=8192)
def arrondi(value: float, decimals: int = 0) -> float:
    """Rounded as a reader rounds, halves up (26,5 → 27), not to the even neighbour
    (remembered: a tracking table rounds the same rates and targets year after year)."""
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def nombre(value: float | int | None, decimals: int = 1) -> str:
    """`1 234`, `0,6` — a number as French readers write it; `non renseigné` when unknown."""
    if value is None:
        return NON_RENSEIGNE
    return _nombre(value, decimals)


@functools.lru_cache(maxsize=8192)
def _nombre(value: float | int, decimals: int) -> str:
    """`nombre`, remembered: Babel takes ~0.1 ms a number, and an evaluation of a large plan
    writes the same few thousand figures (targets, references) year after year."""
    if float(value).is_integer():
        return format_decimal(int(value), locale=LOCALE)
    pattern = "#,##0." + "#" * decimals
    return format_decimal(arrondi(value, decimals), format=pattern, locale=LOCALE)


def pourcentage(value: float | None, decimals: int = 0) -> str:
    """`83 %` — a percentage given on a 0–100 scale."""
    if value is None:
        return NON_RENSEIGNE
    return f"{nombre(arrondi(value, decimals), decimals)}\u202f%"


def decimales(value: float, cible: float | None) -> int:
    """How many decimals a percentage needs so that what is shown does not contradict its
    verdict: 29,9 % (not « 30 % ») for a target of 30 %; none otherwise (83 %)."""
    if cible is None or value == cible:
        return 0
    for decimals in range(3):
        if arrondi(value, decimals) != arrondi(cible, decimals):
            return decimals
    return 3


@functools.lru_cache(maxsize=8192)
def en_unite(value: float | None, unite: str | None, decimals: int = 0) -> str:
    """A value with its unit, as a reader expects it: `83 %`, `14 500 €`, `18 h`, `3 jours`,
    `oui`; `non renseigné` when there is none. The one place that writes units."""
    if value is None:
        return NON_RENSEIGNE
    if unite == "pourcentage":
        return pourcentage(value, decimals)
    if unite == "euros":
        if float(value).is_integer():
            return f"{nombre(value)}\u00a0€"
        return f"{format_decimal(value, format='#,##0.00', locale=LOCALE)}\u00a0€"
    if unite == "heures":
        return f"{nombre(value)}\u00a0h"
    if unite == "jours":
        return accord(value, "jour")
    if unite == "oui-non" and value in (0, 1):
        return "oui" if value == 1 else "non"
    return nombre(value)


def au_moins(value: float | None, partiel: bool, unite: str | None, decimals: int = 0) -> str:
    """`4 200 €`, `au moins 4 200 €` when a sum lacks some of its parts, or `non renseigné`
    when none is known: a sum with gaps is a lower bound, never the whole."""
    text = en_unite(value, unite, decimals)
    return f"au moins {text}" if partiel and value is not None else text


def ecart(valeur: float, cible: float, unite: str | None, decimals: int = 0) -> str:
    """The signed gap between a value and its target: `+23 pt`, `−2 000 €`, `+3 jours`;
    none between a yes and a no. A gap in points is taken from the percentage as shown, so
    that the reader's own subtraction (83 % − 60 %) gives the figure printed."""
    if unite == "oui-non":
        return ""
    difference = ecart_chiffre(valeur, cible, unite, decimals)
    signe = "+" if difference > 0 else ("−" if difference < 0 else "")
    if unite == "pourcentage":
        return f"{signe}{nombre(abs(difference), decimals)}\u202fpt"
    return signe + en_unite(abs(difference), unite)


def ecart_chiffre(valeur: float, cible: float, unite: str | None, decimals: int = 0) -> float:
    """The gap `ecart` writes, as a number: in points, from the percentage as shown (83 %
    against 60 % is 23, not 23,3), so that a workbook's cell says what the text says."""
    if unite == "pourcentage":
        return arrondi(arrondi(valeur, decimals) - cible, decimals)
    return valeur - cible


def accord(count: float | int, singular: str, plural: str | None = None) -> str:
    """`1 participant`, `16 participants`: French agreement (0 and 1 take the singular)."""
    return f"{nombre(count)} {forme(count, singular, plural)}"


def effectif(value: Decompte | int | None, singular: str, plural: str | None = None) -> str:
    """`12 personnes`, `au moins 12 personnes` when some parts are unknown, or
    `personnes : non renseigné` — never 0 for what nobody counted."""
    plural = plural or singular + "s"
    if isinstance(value, Decompte):
        if value.valeur is None:
            return f"{plural} : {NON_RENSEIGNE}"
        text = accord(value.valeur, singular, plural)
        return f"au moins {text}" if value.partiel else text
    if value is None:
        return f"{plural} : {NON_RENSEIGNE}"
    return accord(value, singular, plural)


def chiffre(value: Decompte | int | None) -> str:
    """A figure alone (a key figure, a bar's label): `716`, `≥ 716` when partial, or
    `non renseigné`."""
    if not isinstance(value, Decompte):
        return nombre(value)
    if value.valeur is None:
        return NON_RENSEIGNE
    return ("≥\u202f" if value.partiel else "") + nombre(value.valeur)


def mois_fr(value: str) -> str:
    """`Janvier` — the month of a date, alone, capitalised for a table's first column."""
    first, _ = bornes(value)
    return mois(first).capitalize()


def intervalle_fr(start: str, end: str | None) -> str:
    """A span as French writes it, each end at its own precision, the year said once:
    `du 9 janvier au 17 décembre 2024`, `du 10 au 23 octobre 2022`, `les 17 et 18
    novembre 2022`, `de janvier à juin 2022`, `d'octobre 2022 à mars 2023`, `de 2018 à 2022`.
    """
    if not end or end == start:
        return date_fr(start)
    first, _ = bornes(start)
    last, _ = bornes(end)
    if len(start) == len(end) == 10 and start[:7] == end[:7]:
        month = f"{mois(first)} {first.year}"
        day = "1er" if first.day == 1 else str(first.day)
        if last.day == first.day + 1:
            return f"les {day} et {last.day} {month}"
        return f"du {day} au {last.day} {month}"
    year_once = start[:4] == end[:4] and len(start) > 4
    if len(start) == 10:
        debut = "du " + (jour_mois(first) if year_once else date_fr(start))
    elif len(start) == 7:
        debut = de(mois(first) if year_once else date_fr(start))
    else:
        debut = de(start)
    fin = f"au {date_fr(end)}" if len(end) == 10 else f"à {date_fr(end)}"
    return f"{debut} {fin}"


def periode_fr(periode: Periode) -> str:
    """`2018–2022`, or `2018` for a period of one year."""
    return annees_fr(periode.debut, periode.fin)


def pendant_fr(debut: int, fin: int) -> str:
    """`de 2018 à 2022`, or `en 2018` when both years are one."""
    return f"en {debut}" if debut == fin else f"de {debut} à {fin}"


def liste_fr(items: list[str]) -> str:
    """`a, b et c`."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " et " + items[-1]


TITRES_REPARTITIONS = {"publics": "Public", "sexes": "Sexe", "ages": "Âge"}
"""How each breakdown is headed: a table's first column, a realisation's line."""

NON_PRECISE = "non précisé"
"""What a breakdown leaves out of its total: the persons counted in no category."""


def repartition_fr(dimension: str, parts: dict[str, int], non_precise: int = 0) -> str:
    """`28 professionnels, 8 habitants et 4 élus ; non précisé pour 4`: a breakdown by
    public, sex or age in words, categories in their list's order (ages from the youngest)."""
    from ..figures.publics import ordre

    counts = [(c, parts[c]) for c in ordre(dimension, parts)]
    text = liste_fr([f"{nombre(n)} {nom_categorie(dimension, c, n)}" for c, n in counts])
    return f"{text} ; {NON_PRECISE} pour {nombre(non_precise)}" if non_precise else text


def repartition_titree(dimension: str, parts: dict[str, int], non_precise: int = 0) -> str:
    """`Public : 28 professionnels et 8 habitants ; non précisé pour 4`."""
    return f"{TITRES_REPARTITIONS[dimension]} : {repartition_fr(dimension, parts, non_precise)}"


def romain(number: int) -> str:
    """`IV` — section numbers as French reports write them."""
    values = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out
