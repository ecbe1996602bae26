"""French formatting: dates, numbers, percentages, plural agreement."""

from __future__ import annotations

import pytest

from clsm_cli.french.formatting import (
    accord,
    date_fr,
    decimales,
    ecart,
    en_unite,
    intervalle_fr,
    liste_fr,
    mois_fr,
    nombre,
    pourcentage,
    romain,
)

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-05-06", "6 mai 2022"),
        ("2022-05-01", "1er mai 2022"),
        ("2022-08", "août 2022"),
        ("2022", "2022"),
        ("2021-12-16", "16 décembre 2021"),
    ],
)
def test_dates(value: str, expected: str) -> None:
    assert date_fr(value) == expected


def test_ranges() -> None:
    assert intervalle_fr("2022-10-10", "2022-10-23") == "du 10 au 23 octobre 2022"
    assert intervalle_fr("2022-11-17", "2022-11-18") == "les 17 et 18 novembre 2022"
    assert intervalle_fr("2022-01", "2022-06") == "de janvier à juin 2022"
    assert intervalle_fr("2022-04", "2022-06") == "d'avril à juin 2022"
    assert intervalle_fr("2022-10", "2023-03") == "d'octobre 2022 à mars 2023"
    assert intervalle_fr("2024-01-09", "2024-12-17") == "du 9 janvier au 17 décembre 2024"
    assert intervalle_fr("2023-01-09", "2024-12-17") == "du 9 janvier 2023 au 17 décembre 2024"
    assert intervalle_fr("2022-05-01", "2022-05-03") == "du 1er au 3 mai 2022"
    assert intervalle_fr("2022-05-06", "2022-06") == "du 6 mai à juin 2022"
    assert intervalle_fr("2018", "2022") == "de 2018 à 2022"
    assert intervalle_fr("2022-05-06", None) == "6 mai 2022"


def test_numbers_and_percentages() -> None:
    assert nombre(1234) == f"1{NNBSP}234"
    assert nombre(0.6) == "0,6"
    assert nombre(None) == "non renseigné"
    assert pourcentage(None) == "non renseigné"
    assert pourcentage(100 * 35 / 42) == f"83{NNBSP}%"
    assert pourcentage(100 * 18 / 22) == f"82{NNBSP}%"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 participant"), (1, "1 participant"), (2, "2 participants"), (16, "16 participants")],
)
def test_plural_agreement(count: int, expected: str) -> None:
    assert accord(count, "participant") == expected


def test_lists_months_and_numerals() -> None:
    assert liste_fr(["a", "b", "c"]) == "a, b et c"
    assert liste_fr(["a"]) == "a"
    assert mois_fr("2022-11") == "Novembre"
    assert [romain(n) for n in (1, 4, 9, 10)] == ["I", "IV", "IX", "X"]


@pytest.mark.parametrize(
    ("value", "unite", "expected"),
    [
        (14500, "euros", "14\u202f500\u00a0€"),
        (12.5, "euros", "12,50\u00a0€"),
        (18, "heures", "18\u00a0h"),
        (1, "jours", "1 jour"),
        (18, "jours", "18 jours"),
        (1, "oui-non", "oui"),
        (0, "oui-non", "non"),
        (83.33, "pourcentage", "83\u202f%"),
        (1234, "nombre", "1\u202f234"),
        (1234, None, "1\u202f234"),
        (None, "euros", "non renseigné"),
    ],
)
def test_every_unit_is_written(value: float | None, unite: str | None, expected: str) -> None:
    assert en_unite(value, unite) == expected


def test_gaps_carry_their_unit() -> None:
    assert ecart(12_000, 14_500, "euros") == "−2\u202f500\u00a0€"
    assert ecart(83.33, 60, "pourcentage") == "+23\u202fpt"  # as 83 % − 60 % reads
    assert ecart(63.6, 60, "pourcentage") == "+4\u202fpt"
    assert ecart(26.5, 30, "pourcentage") == "−3\u202fpt"  # 27 % shown: 27 − 30
    assert ecart(29.9, 30, "pourcentage", decimales(29.9, 30)) == "−0,1\u202fpt"
    assert ecart(5, 3, "jours") == "+2 jours"
    assert ecart(4, 4, "nombre") == "0"
    assert ecart(0, 1, "oui-non") == ""


def test_a_percentage_is_rounded_as_a_reader_rounds_and_never_hides_its_verdict() -> None:
    assert pourcentage(26.5) == "27\u202f%"
    assert pourcentage(30.5) == "31\u202f%"
    assert decimales(83.33, 60) == 0
    assert decimales(29.9, 30) == 1
    assert pourcentage(29.9, decimales(29.9, 30)) == "29,9\u202f%"
    assert decimales(29.96, 30) == 2
    assert decimales(30, 30) == 0
