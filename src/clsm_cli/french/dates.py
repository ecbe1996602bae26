"""Dates in French words, decided here for every reader: the bilan and the evaluation (through
formatting), the collection form's reading (collecte/cells) and `clsm validate`'s messages.

Without Babel: `clsm validate` stays light (tests/test_imports.py), and French months are
twelve words (tests/test_french_dates.py checks them against Babel's).
"""

from __future__ import annotations

import re
from datetime import date

from ..models.common import bornes

MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
"""The months, as French writes them in a sentence (lower case)."""


def annees_fr(debut: int, fin: int) -> str:
    """`2018–2022`, or `2018` when both years are one."""
    return str(debut) if debut == fin else f"{debut}–{fin}"


WORD_JOINER = "\u2060"
"""Invisible; no line break beside it."""
_RANGE = re.compile(r"(?<=\d)–(?=\d)")
"""The en dash of a range of years or numbers (`2023–2025`)."""


def joined_ranges(text: str) -> str:
    """The text with each range's dash joined to what follows it (`WORD_JOINER`), so that a
    narrow column of the HTML or PDF keeps `2023–2025` on one line: it broke it as « 2023– »
    / « 2025 ». The HTML's templates call it on every text (`french.templating`); the DOCX,
    a document the coordinator edits and searches in Word, keeps its text as it is, its
    columns sized for the ranges instead."""
    return _RANGE.sub("–" + WORD_JOINER, text) if "–" in text else text


def mois(value: date) -> str:
    """`mai`: the month of a day."""
    return MOIS[value.month - 1]


def jour_mois(value: date) -> str:
    """`9 janvier`, `1er mai`."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {mois(value)}"


def date_fr(value: str | date | None) -> str:
    """`6 mai 2022`, `1er mai 2022`, `mai 2022` or `2022`, following the date's precision."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else value
    first, _ = bornes(text)
    if len(text) == 4:
        return text
    if len(text) == 7:
        return f"{mois(first)} {first.year}"
    return f"{jour_mois(first)} {first.year}"


def de(text: str) -> str:
    """`de janvier`, `d'avril`, `d'Angers`: French elides before a vowel; and contracts with
    the article le or les that begins a name (`du Havre`, `des Sables-d'Olonne`; `de La
    Rochelle` keeps it)."""
    article, _, rest = text.partition(" ")
    if rest and article.lower() in ("le", "les"):
        return f"{'du' if article.lower() == 'le' else 'des'} {rest}"
    return f"d'{text}" if text[:1].lower() in "aeiouyàâéèêîôû" else f"de {text}"


def du(value: str) -> str:
    """A date after a noun, at its precision: `du 2 mai 2022`, `de mai 2022`, `d'avril
    2022`, `de 2022` (« la séance du 2 mai 2022 »)."""
    text = date_fr(value)
    return f"du {text}" if len(value) == 10 else de(text)
