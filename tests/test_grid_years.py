"""The grid carries money and history: each action's budget planned per year by funder (the
plan, read back by `clsm import`) beside what was spent (the activity, shown only), and each
action's status year by year (the activity, shown only); what is not read back is said."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from clsm_cli.validation.pipeline import validate_paths
from conftest import MINIMAL, Result

Cli = Callable[..., Result]

PLAN = MINIMAL["plan.yaml"].replace(
    "            pilote: ch\n",
    "            pilote: ch\n"
    "            financements:\n"
    "              - financeur: ville\n"
    "                dispositif: Contrat de ville\n"
    "                budget:\n"
    "                  - {annee: 2022, montant: 12000}\n"
    "                  - {annee: 2023, montant: 15000}\n"
    "              - financeur: ch\n"
    "                budget:\n"
    "                  - {annee: 2022, montant: 3000}\n",
)
YEAR_2022 = MINIMAL["activite/2022.yaml"] + (
    "actions:\n"
    "  - {action: 1.1.1, statut: en-cours, avancement: 60, commentaire: Une session reportée}\n"
    "depenses:\n"
    "  - {action: 1.1.1, financeur: ville, dispositif: Contrat de ville, montant: 10500}\n"
    "  - {action: 1.1.1, financeur: unafam, montant: 250}\n"
)
YEAR_2023 = "annee: 2023\nactions:\n  - {action: 1.1.1, statut: realisee}\n"


@pytest.fixture
def root(territory: Callable[..., Path]) -> Path:
    return territory(plan_yaml=PLAN, activite__2022_yaml=YEAR_2022, activite__2023_yaml=YEAR_2023)


@pytest.fixture
def grid(cli: Cli, root: Path, tmp_path: Path) -> Path:
    assert cli("validate", root).code == 0
    target = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", target).code == 0
    return target


def table(path: Path, sheet: str) -> list[dict[str, Any]]:
    ws = load_workbook(path)[sheet]
    headers = [c.value for c in ws[1]]
    return [dict(zip(headers, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]


def test_money_per_year_planned_and_spent(grid: Path) -> None:
    book = load_workbook(grid)
    assert book.sheetnames[:4] == [
        "Plan d'action",
        "Indicateurs",
        "Financements par année",
        "Suivi des actions",
    ]
    ws = book["Financements par année"]
    headers = [c.value for c in ws[1]]
    assert headers == [
        "Action",
        "Intitulé de l'action",
        "Financeur",
        "Dispositif",
        "Prévu 2022",
        "Dépensé 2022",
        "Prévu 2023",
        "Dépensé 2023",
        "Prévu 2024",
    ], "a year without an activity file has no spent column"
    assert ws.freeze_panes == "A2"
    ville, ch, unafam = table(grid, "Financements par année")
    assert (ville["Financeur"], ville["Dispositif"]) == ("Ville de Test", "Contrat de ville")
    assert (ville["Prévu 2022"], ville["Dépensé 2022"], ville["Prévu 2023"]) == (
        12000,
        10500,
        15000,
    )
    assert ville["Dépensé 2023"] == "non renseigné", "planned, and nothing said spent"
    assert ville["Prévu 2024"] is None, "nothing planned: an empty cell"
    assert (ch["Prévu 2022"], ch["Dépensé 2022"]) == (3000, "non renseigné")
    assert ch["Dépensé 2023"] is None, "nothing planned, nothing spent"
    # an expense of a funder the plan does not list for the action: its own row
    assert (unafam["Financeur"], unafam["Prévu 2022"], unafam["Dépensé 2022"]) == (
        "UNAFAM",
        None,
        250,
    )
    assert "€" in ws["E2"].number_format


def test_status_year_by_year(grid: Path) -> None:
    (row,) = table(grid, "Suivi des actions")
    assert row == {
        "Action": "1.1.1",
        "Intitulé de l'action": "Former les acteurs",
        "2022": "En cours, 60\u202f%\nUne session reportée",
        "2023": "Réalisée",
    }


def test_a_year_not_following_an_action_says_so(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    plan = PLAN.replace(
        "                  - {annee: 2022, montant: 3000}\n",
        "                  - {annee: 2022, montant: 3000}\n"
        "          - id: 1.1.2\n"
        "            titre: Informer les élus\n",
    )
    root = territory(plan_yaml=plan, activite__2022_yaml=YEAR_2022)
    target = tmp_path / "g.xlsx"
    assert cli("export", root, "-o", target).code == 0
    rows = table(target, "Suivi des actions")
    assert [(r["Action"], r["2022"]) for r in rows] == [
        ("1.1.1", "En cours, 60\u202f%\nUne session reportée"),
        ("1.1.2", "non renseigné"),
    ]


def test_no_money_and_no_follow_up_no_sheets(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "g.xlsx"
    assert cli("export", territory(), "-o", target).code == 0
    names = load_workbook(target).sheetnames
    assert "Financements par année" not in names
    assert "Suivi des actions" not in names


def test_budgets_come_back_and_what_is_not_read_is_said(
    cli: Cli, root: Path, grid: Path, tmp_path: Path
) -> None:
    result = cli("import", grid, "-o", tmp_path / "retour", "-f", "json")
    assert result.code == 0, result.err
    back = validate_paths([tmp_path / "retour"]).dossiers[0].plans[0][1]
    assert back == validate_paths([root]).dossiers[0].plans[0][1]
    said = {(p.get("cellule"), p["code"], p["message"]) for p in result.json()["problems"]}
    assert (
        "Financements par année!F1",
        "colonne-ignoree",
        "colonne « Dépensé 2022 » non lue : la dépense de l'année se saisit dans"
        " activite/2022.yaml (depenses)",
    ) in said
    assert (
        "Suivi des actions",
        "colonne-ignoree",
        "feuille « Suivi des actions » non lue : le statut, l'avancement et le commentaire de"
        " chaque année se saisissent dans activite/AAAA.yaml (actions)",
    ) in said


def test_a_budget_typed_in_excel_is_merged_and_the_rest_kept(
    cli: Cli, root: Path, grid: Path
) -> None:
    book = load_workbook(grid)
    ws = book["Financements par année"]
    ws["I2"] = 16000  # Prévu 2024 of the city's line
    ws["E3"] = "3 500"  # Prévu 2022 of the hospital, typed as text
    book.save(grid)
    result = cli("import", grid, "-o", root, "--force")
    assert result.code == 0, result.err
    plan = validate_paths([root]).dossiers[0].plans[0][1]
    ville, ch = plan.actions()[0][2].financements
    assert [(m.annee, m.montant) for m in ville.budget] == [
        (2022, 12000),
        (2023, 15000),
        (2024, 16000),
    ]
    assert [(m.annee, m.montant) for m in ch.budget] == [(2022, 3500)]
    assert ville.dispositif == "Contrat de ville"


def test_without_the_money_sheet_budgets_are_kept(cli: Cli, root: Path, grid: Path) -> None:
    before = (root / "plan.yaml").read_text(encoding="utf-8")
    book = load_workbook(grid)
    del book["Financements par année"]
    book.save(grid)
    result = cli("import", grid, "-o", root, "--force")
    assert result.code == 0, result.err
    assert "retiré" not in result.err
    plan = validate_paths([root]).dossiers[0].plans[0][1]
    assert [len(f.budget) for f in plan.actions()[0][2].financements] == [2, 1]
    assert "budget:" in (root / "plan.yaml").read_text(encoding="utf-8")
    assert before.count("montant") == (root / "plan.yaml").read_text(encoding="utf-8").count(
        "montant"
    )


def test_a_budget_without_its_financing_line_is_said_lost(
    cli: Cli, root: Path, grid: Path, tmp_path: Path
) -> None:
    book = load_workbook(grid)
    ws = book["Financements par année"]
    ws["E4"] = 400  # planned on the row of an expense the plan does not list
    ws["G2"] = "beaucoup"  # Prévu 2023
    book.save(grid)
    result = cli("import", grid, "-o", tmp_path / "retour", "-f", "json")
    assert result.code == 1
    problems = result.json()["problems"]
    lost = {(p.get("cellule"), p["message"]) for p in problems if p["code"] == "non-importe"}
    assert (
        "Financements par année!A4",
        "budget non importé : aucun financement de « UNAFAM » dans la colonne Financements de"
        " l'action 1.1.1",
    ) in lost
    assert ("Financements par année!G2", "montant « beaucoup » illisible : non importé") in lost


def test_a_year_outside_an_action_s_calendar_is_hors_calendrier(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """An action planned from 2023 on read « non renseigné » in 2022, a status to fill in
    that was never due."""
    plan = PLAN.replace(
        "                  - {annee: 2022, montant: 3000}\n",
        "                  - {annee: 2022, montant: 3000}\n"
        "          - id: 1.1.2\n"
        "            titre: Informer les élus\n"
        "            calendrier: {debut: 2023}\n",
    )
    root = territory(plan_yaml=plan, activite__2022_yaml=YEAR_2022, activite__2023_yaml=YEAR_2023)
    target = tmp_path / "g.xlsx"
    assert cli("export", root, "-o", target).code == 0
    rows = table(target, "Suivi des actions")
    assert [(r["Action"], r["2022"], r["2023"]) for r in rows] == [
        ("1.1.1", "En cours, 60\u202f%\nUne session reportée", "Réalisée"),
        ("1.1.2", "hors calendrier", "non renseigné"),
    ]
