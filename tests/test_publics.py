"""Who was reached, by public, sex and age band: breakdowns beside `participants`, checked
against their totals, shown in every output, and counted by an indicator — through the real
command line."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL, Result, at
from test_figures import activity, report

Cli = Callable[..., Result]
Territory = Callable[..., Path]

FORMATION = """\
- action: 1.1.1
  type: formation
  titre: Formation PSSM
  date: 2022-11-17
  participants: 40
  publics: {professionnels: 28, habitants: 8, elus: 4}
  sexes: {femmes: 25, hommes: 15}
  ages: {"18-25": 10, "26-59": 25, 60+: 5}
"""

ATELIER = """\
- action: 1.1.1
  type: atelier
  titre: Atelier des habitants
  date: 2022-06
  participants: 20
  publics: {habitants: 12}
  seances:
    - date: 2022-06-01
      participants: 14
      publics: {habitants: 9, proches: 2}
    - date: 2022-06-15
      participants: 11
"""


def problems(cli: Cli, root: Path, code: str) -> list[dict[str, Any]]:
    result = cli("validate", root, "-f", "json")
    return [p for p in result.json()["problems"] if p["code"] == code]


def plan_with(indicator: str) -> str:
    """The minimal plan, with one more indicator on action 1.1.1."""
    block = textwrap.indent(textwrap.dedent(indicator), " " * 14)
    return MINIMAL["plan.yaml"] + block


# ---------------------------------------------------------------- shown in every output


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_the_bilan_shows_who_was_reached_in_every_format(
    cli: Cli, territory: Territory, fmt: str
) -> None:
    root = territory(activite__2022_yaml=activity(FORMATION + ATELIER))
    assert cli("validate", root).code == 0
    text = report(cli, root, fmt)
    assert "Publics touchés en 2022" in text
    # each realisation's persons, in words, with what no category holds
    assert "Public : 8 habitants, 28 professionnels et 4 élus" in text
    assert "Sexe : 25 femmes et 15 hommes" in text
    assert (
        "Âge : 10 personnes de 18 à 25 ans, 25 personnes de 26 à 59 ans et 5 personnes de"
        " 60 ans et plus" in text
    )
    assert "Public : 12 habitants ; non précisé pour 8" in text
    # a session's attendance, in the sessions' table
    assert "Public : 9 habitants et 2 proches ; non précisé pour 3" in text


def test_the_year_table_adds_persons_and_attendances_and_says_what_is_not_precise(
    cli: Cli, territory: Territory
) -> None:
    root = territory(activite__2022_yaml=activity(FORMATION + ATELIER))
    text = report(cli, root)
    table = text[text.index("### Publics touchés en 2022") :]
    # persons: 28 + 0 professionals; attendances: the training has no session (its
    # persons), the workshop's sessions give 9 habitants and 2 proches out of 25
    assert "| Public | Personnes | Présences |" in table
    # a category is « au moins » what the files give it while some of its column is in none
    assert "| Habitants | au moins 20 | au moins 17 |" in table
    assert "| Proches, aidants | non précisé | au moins 2 |" in table  # absent, never 0
    assert "| Professionnels | au moins 28 | au moins 28 |" in table
    assert "| Non précisé | 8 | 14 |" in table
    assert "| **Total** | **60** | **65** |" in table
    assert "| Hommes | au moins 15 | au moins 15 |" in table
    assert "| 60 ans et plus | au moins 5 | au moins 5 |" in table


def row(fmt: str, *cells: str) -> str:
    """A table row as the md bilan writes it, or as the html one reads stripped of tags."""
    return "| " + " | ".join(cells) + " |" if fmt == "md" else " ".join(cells)


def test_attendances_of_persons_all_in_one_category_are_that_category(
    cli: Cli, territory: Territory
) -> None:
    # the stranger's Saint-Nazaire 2025: 12 professionals at two sessions that give no
    # breakdown were 12 persons and 0 attendances of professionals, 23 « non précisé »
    sessions = """\
- action: 1.1.1
  type: formation
  titre: PSSM standard, session 3
  date: 2022-03
  participants: 12
  publics: {professionnels: 12}
  sexes: {femmes: 12}
  seances:
    - date: 2022-03-17
      participants: 12
    - date: 2022-03-18
      participants: 11
- action: 1.1.1
  type: formation
  titre: PSSM standard, session 4
  date: 2022-06
  participants: 14
  publics: {professionnels: 10, benevoles: 4}
  seances:
    - date: 2022-06-10
      participants: 14
    - date: 2022-06-11
      participants: 14
"""
    root = territory(activite__2022_yaml=activity(sessions))
    assert cli("validate", root).code == 0
    for fmt in ("md", "html"):
        text = report(cli, root, fmt)
        table = text[text.index("Publics touchés en 2022") :]
        # all of the first training's persons are professionals (and women): so are its
        # 23 attendances; the second's sessions cannot tell who of its two publics came
        assert row(fmt, "Professionnels", "22", "au moins 23") in table
        assert row(fmt, "Bénévoles", "4", "non précisé") in table
        assert row(fmt, "Non précisé", "0", "28") in table
        assert row(fmt, "Femmes", "au moins 12", "au moins 23") in table
    # the session's own line still says what the file says: no breakdown
    assert "Public : 12 professionnels" in text
    # a session naming the category too is counted once, not twice
    partial = sessions.replace(
        "      participants: 11\n", "      participants: 11\n      publics: {professionnels: 9}\n"
    )
    table = report(cli, territory(activite__2022_yaml=activity(partial)))
    assert "| Professionnels | 22 | au moins 23 |" in table


def test_without_a_breakdown_no_table_is_shown(cli: Cli, territory: Territory) -> None:
    text = report(cli, territory())
    assert "Publics touchés" not in text
    assert "Public :" not in text


# ---------------------------------------------------------------- checks, located


def test_a_breakdown_larger_than_its_total_is_a_located_error(
    cli: Cli, territory: Territory
) -> None:
    text = activity(FORMATION.replace("professionnels: 28", "professionnels: 30"))
    root = territory(activite__2022_yaml=text)
    result = cli("validate", root)
    assert result.code == 1
    line, column = at(text, "publics:")
    assert f"activite/2022.yaml:{line}:{column}: erreur [repartition-excedentaire]" in result.out
    assert (
        "la répartition par public compte 42 personnes touchées, plus que le total (40)"
        in result.out
    )
    assert "clsm : rapport refusé" in cli("report", "2022", root).err


def test_a_session_breakdown_larger_than_its_attendance(cli: Cli, territory: Territory) -> None:
    text = activity(ATELIER.replace("habitants: 9, proches: 2", "habitants: 13, proches: 2"))
    found = problems(cli, territory(activite__2022_yaml=text), "repartition-excedentaire")
    assert [(p["line"], p["column"]) for p in found] == [at(text, "publics:", 2)]
    assert found[0]["message"] == (
        "la répartition par public compte 15 présences, plus que le total (14)"
    )


def test_a_partial_breakdown_is_allowed(cli: Cli, territory: Territory) -> None:
    root = territory(activite__2022_yaml=activity(ATELIER))
    assert cli("validate", root, "--strict").code == 0


def test_without_a_total_the_breakdown_gives_it(cli: Cli, territory: Territory) -> None:
    text = activity(FORMATION.replace("  participants: 40\n", ""))
    root = territory(activite__2022_yaml=text)
    assert cli("validate", root, "--strict").code == 0
    assert "Formation · 17 novembre 2022 · 40 personnes." in report(cli, root)


def test_breakdowns_that_disagree_without_a_total_leave_it_unknown(
    cli: Cli, territory: Territory
) -> None:
    text = activity(
        FORMATION.replace("  participants: 40\n", "").replace("hommes: 15", "hommes: 12")
    )
    root = territory(activite__2022_yaml=text)
    result = cli("validate", root)
    assert result.code == 0  # a warning
    assert cli("validate", root, "--strict").code == 1
    [found] = problems(cli, root, "total-non-deduit")
    assert (found["line"], found["column"]) == at(text, "ages:")
    assert found["message"] == (
        "sans « participants », les répartitions ne disent pas le même total (par public : 40 ;"
        " par sexe : 37 ; par âge : 40) : le nombre de personnes touchées n'est pas connu"
    )
    text = report(cli, root)
    assert "**Total de l'axe : 1 réalisation, personnes et présences non renseignées.**" in text
    assert "| **Total** | **non renseigné** | **non renseigné** |" in text


def test_overlapping_age_bands_are_a_located_error(cli: Cli, territory: Territory) -> None:
    text = activity(FORMATION.replace('"26-59": 25', '"25-59": 25'))
    [found] = problems(cli, territory(activite__2022_yaml=text), "tranches-chevauchantes")
    assert (found["line"], found["column"]) == at(text, '"25-59"')
    assert found["message"] == (
        "les tranches d'âge « 18-25 » et « 25-59 » se recouvrent (25 ans est dans les deux)"
    )
    text = activity(FORMATION.replace('"26-59": 25, 60+: 5', '"26-59": 25, 50+: 5'))
    [found] = problems(cli, territory(activite__2022_yaml=text), "tranches-chevauchantes")
    assert "« 26-59 » et « 50+ »" in found["message"]


@pytest.mark.parametrize(
    ("change", "message", "hint"),
    [
        (
            ("professionnels: 28", "profesionnels: 28"),
            "« profesionnels » n'est pas une clé permise dans « publics »",
            "vouliez-vous dire « professionnels » ?",
        ),
        (
            ("femmes: 25", "filles: 25"),
            "« filles » n'est pas une clé permise dans « sexes »",
            "clés possibles : femmes, hommes, autre",
        ),
        (
            ('"18-25": 10', "18 ans: 10"),
            "« 18 ans » n'est pas une tranche d'âge",
            "moins-de-18, 18-25 ou 60+",
        ),
        (
            ('"18-25": 10', '"25-18": 10'),
            "la tranche « 25-18 » finit avant de commencer",
            "bornes comprises",
        ),
    ],
)
def test_a_key_a_breakdown_does_not_allow_is_located_on_the_key(
    cli: Cli, territory: Territory, change: tuple[str, str], message: str, hint: str
) -> None:
    text = activity(FORMATION.replace(*change))
    result = cli("validate", territory(activite__2022_yaml=text), "-f", "json")
    assert result.code == 1
    [found] = result.json()["problems"][:1]
    assert found["message"] == message
    assert hint in found["hint"]
    assert (found["line"], found["column"]) == at(text, change[1])


def test_persons_and_attendances_category_by_category(cli: Cli, territory: Territory) -> None:
    sessions = """\
- action: 1.1.1
  type: formation
  titre: Formation en deux jours
  date: 2022-05
  participants: 10
  publics: {professionnels: 8, elus: 2}
  seances:
    - date: 2022-05-02
      participants: 6
      publics: {professionnels: 3, elus: 3}
    - date: 2022-05-03
      participants: 6
      publics: {professionnels: 4, elus: 2}
"""
    text = activity(sessions)
    found = problems(cli, territory(activite__2022_yaml=text), "incoherence")
    assert [p["message"] for p in found] == [
        "les personnes touchées comptent 8 professionnels, plus que les présences de toutes"
        " les séances (7)",
        "la séance du 2 mai 2022 compte 3 élus, plus que les personnes touchées (2)",
    ]
    assert (found[0]["line"], found[0]["column"]) == at(text, "8")
    assert (found[1]["line"], found[1]["column"]) == at(text, "2}")
    # partial breakdowns tell lower bounds only: nothing to contradict
    partial = sessions.replace(
        "participants: 6\n      publics: {professionnels: 3",
        "participants: 7\n      publics: {professionnels: 3",
    )
    partial = partial.replace("participants: 10\n", "participants: 11\n")
    assert problems(cli, territory(activite__2022_yaml=activity(partial)), "incoherence") == []


# ---------------------------------------------------------------- an indicator counts one category


PROS = """\
- id: 1.1.1-pros
  libelle: Professionnels formés
  unite: nombre
  calcul: somme-participants
  public: professionnels
"""


def test_an_indicator_counts_one_public(cli: Cli, territory: Territory) -> None:
    root = territory(plan_yaml=plan_with(PROS), activite__2022_yaml=activity(FORMATION))
    assert cli("validate", root, "--strict").code == 0
    assert "| Professionnels formés | 1.1.1 |  | 28 (calculé : professionnels) |" in report(
        cli, root
    )


def test_a_counted_public_is_a_lower_bound_when_some_persons_are_not_precise(
    cli: Cli, territory: Territory
) -> None:
    both = activity(FORMATION + ATELIER.replace("habitants: 12", "professionnels: 2"))
    root = territory(plan_yaml=plan_with(PROS), activite__2022_yaml=both)
    assert "| Professionnels formés | 1.1.1 |  | au moins 30 (calculé : professionnels) |" in (
        report(cli, root)
    )


SANS_PERSONNES = """\
- action: 1.1.1
  type: formation
  titre: Formation sans émargement nominatif
  date: 2022-12
  seances:
    - {date: 2022-12-05, participants: 8}
    - {date: 2022-12-06, participants: 8}
"""
"""A training of two days whose distinct persons were not counted (16 attendances)."""


def test_a_counted_public_is_a_lower_bound_beside_sessions_of_unknown_persons(
    cli: Cli, territory: Territory
) -> None:
    """A training of two days whose distinct persons were not counted (16 attendances)
    may have trained professionals too: the count is « au moins 28 », as the year's
    total of persons is « au moins 40 », never the exact 28."""
    root = territory(
        plan_yaml=plan_with(PROS), activite__2022_yaml=activity(FORMATION + SANS_PERSONNES)
    )
    text = report(cli, root)
    assert "au moins 40 personnes (non renseigné pour 1 réalisation)" in text
    assert "| Professionnels formés | 1.1.1 |  | au moins 28 (calculé : professionnels) |" in text


def test_the_indicator_sheets_breakdowns_say_a_realisation_without_its_persons(
    cli: Cli, territory: Territory, tmp_path: Path
) -> None:
    """The export's « Publics 2022 » read « Public : 8 habitants, 28 professionnels et
    4 élus » as if complete, while a training counted 16 attendances and not its persons:
    it says, as the bilan does, « non renseigné pour 1 réalisation »."""
    import openpyxl

    root = territory(
        plan_yaml=plan_with(PROS), activite__2022_yaml=activity(FORMATION + SANS_PERSONNES)
    )
    target = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", target).code == 0
    sheet = openpyxl.load_workbook(target)["Indicateurs"]
    headers = [c.value for c in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    breakdown = rows["1.1.1-b"][headers.index("Publics 2022")].value
    assert breakdown.splitlines()[0] == (
        "Public : 8 habitants, 28 professionnels et 4 élus ; non renseigné pour 1 réalisation"
    )


def test_a_counted_public_is_absent_when_nothing_is_broken_down(
    cli: Cli, territory: Territory
) -> None:
    root = territory(plan_yaml=plan_with(PROS))
    text = report(cli, root)
    assert "| Professionnels formés | 1.1.1 |  | non renseigné |" in text
    # a complete breakdown without the category says 0: it is known
    whole = activity(FORMATION.replace("professionnels: 28, habitants: 8", "habitants: 36"))
    root = territory(plan_yaml=plan_with(PROS), activite__2022_yaml=whole)
    assert "| Professionnels formés | 1.1.1 |  | 0 (calculé : professionnels) |" in report(
        cli, root
    )


def test_sexes_and_ages_can_be_counted_too(cli: Cli, territory: Territory) -> None:
    counted = PROS.replace("public: professionnels", "sexe: femmes").replace("-pros", "-f")
    counted += PROS.replace("public: professionnels", 'tranche_age: "18-25"').replace("-pros", "-j")
    root = territory(plan_yaml=plan_with(counted), activite__2022_yaml=activity(FORMATION))
    text = report(cli, root)
    assert "25 (calculé : femmes)" in text
    assert "10 (calculé : personnes de 18 à 25 ans)" in text


def test_an_unknown_category_in_an_indicator_is_a_located_error(
    cli: Cli, territory: Territory
) -> None:
    plan = plan_with(PROS.replace("public: professionnels", "public: profesionnels"))
    result = cli("validate", territory(plan_yaml=plan), "-f", "json")
    [found] = [p for p in result.json()["problems"] if p["code"] == "valeur-invalide"]
    assert (found["line"], found["column"]) == at(plan, "profesionnels")
    assert "vouliez-vous dire « professionnels » ?" in found["hint"]


def test_a_category_needs_the_sum_of_persons_and_only_one(cli: Cli, territory: Territory) -> None:
    plan = plan_with(PROS.replace("somme-participants", "nombre-realisations"))
    [found] = problems(cli, territory(plan_yaml=plan), "incoherence")
    assert found["message"] == (
        "l'indicateur 1.1.1-pros ne compte « public » que s'il fait la somme des personnes touchées"
    )
    assert (found["line"], found["column"]) == at(plan, "public: professionnels")
    plan = plan_with(PROS + "  sexe: femmes\n")
    [found] = problems(cli, territory(plan_yaml=plan), "incoherence")
    assert "compte à la fois « public » et « sexe »" in found["message"]
    assert (found["line"], found["column"]) == at(plan, "sexe: femmes")


# ---------------------------------------------------------------- the Excel sheet, fmt, diff


def test_the_indicator_sheet_shows_the_category_and_the_breakdowns(
    cli: Cli, territory: Territory, tmp_path: Path
) -> None:
    import openpyxl

    root = territory(plan_yaml=plan_with(PROS), activite__2022_yaml=activity(FORMATION))
    target = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", target).code == 0
    sheet = openpyxl.load_workbook(target)["Indicateurs"]
    headers = [c.value for c in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert rows["1.1.1-pros"][headers.index("Public compté")].value == "public: professionnels"
    assert rows["1.1.1-pros"][headers.index("Valeur 2022")].value == 28
    breakdown = rows["1.1.1-b"][headers.index("Publics 2022")].value
    assert breakdown.splitlines()[:2] == [
        "Public : 8 habitants, 28 professionnels et 4 élus",
        "Sexe : 25 femmes et 15 hommes",
    ]
    assert rows["1.1.1-a"][headers.index("Publics 2022")].value is None  # a rate
    # imported back: the category returns, the computed column is said not read
    result = cli("import", target, "-o", tmp_path / "lu", "-f", "json")
    assert result.code == 0, result.out
    assert "public: professionnels" in (tmp_path / "lu" / "plan-2022-2024.yaml").read_text(
        encoding="utf-8"
    )
    ignored = [p["message"] for p in result.json()["problems"] if p["code"] == "colonne-ignoree"]
    assert any("« Publics 2022 » non lue" in m for m in ignored)


def test_fmt_orders_a_breakdown_as_its_list(cli: Cli, territory: Territory) -> None:
    text = activity(
        FORMATION.replace(
            "professionnels: 28, habitants: 8, elus: 4", "elus: 4, habitants: 8, professionnels: 28"
        ).replace('"18-25": 10, "26-59": 25, 60+: 5', '60+: 5, "18-25": 10, "26-59": 25')
    )
    root = territory(activite__2022_yaml=text)
    assert cli("fmt", root / "activite" / "2022.yaml").code == 0
    written = (root / "activite" / "2022.yaml").read_text(encoding="utf-8")
    assert "    publics:\n      habitants: 8\n      professionnels: 28\n      elus: 4\n" in written
    assert "    ages:\n      18-25: 10\n      26-59: 25\n      60+: 5\n" in written
    assert cli("validate", root, "--strict").code == 0
    assert cli("fmt", "--check", root / "activite" / "2022.yaml").code == 0


def test_diff_names_a_changed_breakdown(cli: Cli, territory: Territory, tmp_path: Path) -> None:
    before = territory(activite__2022_yaml=activity(FORMATION))
    old = tmp_path / "avant"
    before.rename(old)
    after = territory(
        activite__2022_yaml=activity(FORMATION.replace("habitants: 8, elus: 4", "habitants: 12"))
    )
    result = cli("diff", old, after)
    assert (
        "la répartition par public passe de « 8 habitants, 28 professionnels et 4 élus » à"
        " « 12 habitants et 28 professionnels »" in result.out  # as the bilan words it
    )


def test_one_session_and_its_persons_agree_category_by_category(
    cli: Cli, territory: Territory
) -> None:
    single = """\
- action: 1.1.1
  type: atelier
  titre: Atelier d'une séance
  date: 2022-03
  publics: {professionnels: 12}
  seances:
    - date: 2022-03-08
      participants: 12
      publics: {professionnels: 10, elus: 2}
"""
    text = activity(single)
    found = problems(cli, territory(activite__2022_yaml=text), "incoherence")
    assert [(p["message"], p["line"], p["column"]) for p in found] == [
        (
            "la séance du 8 mars 2022 compte 2 élus, plus que les personnes touchées (0)",
            *at(text, "publics:"),
        ),
        (
            "les personnes touchées comptent 12 professionnels, plus que les présences de"
            " toutes les séances (10)",
            *at(text, "12}"),
        ),
    ]
