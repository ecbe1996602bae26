"""Dates in French, worded in one place (french/dates.py, without Babel) and read by the
bilan, the collection form's reading and `clsm validate`, whose messages say a date as a
coordinator does (« la séance du 2 mai 2022 », not « 2022-05-02 »)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import Result
from test_figures import activity

Cli = Callable[..., Result]

SEANCES = """\
- action: 1.1.1
  type: formation
  titre: Formation en deux jours
  date: 2022-05
  participants: 10
  publics: {professionnels: 8, elus: 2}
  seances:
    - date: DATE
      participants: 6
      publics: {professionnels: 3, elus: 3}
"""


def _messages(cli: Cli, root: Path) -> list[str]:
    result = cli("validate", root, "-f", "json")
    problems: list[dict[str, Any]] = result.json()["problems"]
    return [p["message"] for p in problems if p["code"] == "incoherence"]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2022-05-02", "la séance du 2 mai 2022"),
        ("2022-05-01", "la séance du 1er mai 2022"),
        ("2022-05", "la séance de mai 2022"),
        ("2022-04", "la séance d'avril 2022"),
        ("2022-08-15", "la séance du 15 août 2022"),
    ],
)
def test_validate_says_a_sessions_date_in_french(
    cli: Cli, territory: Callable[..., Path], typed: str, said: str
) -> None:
    text = activity(SEANCES.replace("DATE", typed))
    messages = _messages(cli, territory(activite__2022_yaml=text))
    assert f"{said} compte 3 élus, plus que les personnes touchées (2)" in messages
    assert not [m for m in messages if typed in m]


def test_one_place_names_the_months_and_the_others_read_it() -> None:
    """The bilan (Babel's months before), the collection form (its own list before) and
    validate say the same words for every month."""
    from babel.dates import format_date

    from clsm_cli.collecte.cells import french_date
    from clsm_cli.french import dates, formatting

    for month in range(1, 13):
        day = date(2022, month, 2)
        babel = format_date(day, "MMMM", locale="fr_FR")
        assert dates.MOIS[month - 1] == babel
        iso = day.isoformat()
        assert formatting.date_fr(iso) == f"2 {babel} 2022" == dates.date_fr(iso)
        assert french_date(iso) == f"le 2 {babel} 2022"
        assert formatting.mois_fr(iso) == babel.capitalize()
    assert formatting.date_fr("2022-05-01") == "1er mai 2022"
    assert formatting.date_fr("2022-10") == "octobre 2022"
    assert formatting.date_fr(date(2022, 3, 9)) == "9 mars 2022"
    assert (
        formatting.intervalle_fr("2024-01-09", "2024-12-17") == "du 9 janvier au 17 décembre 2024"
    )
    assert french_date("2025-04") == "le mois d'avril 2025"
    assert french_date("2025") == "l'année 2025"
