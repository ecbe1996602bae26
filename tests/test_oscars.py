"""OSCARS, the ARS database of funded public-health actions: an action's OSCARS fields
(themes, publics, types of intervention, territory reached) in the plan, the grid and the
bilan; `clsm export --grille oscars`, one row per action as an ARS enters it, which
`clsm import` refuses; `clsm diff` following an action continued under a new number."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from clsm_cli.validation.pipeline import validate_paths
from conftest import MINIMAL, Result, at, libreoffice_pdf

Cli = Callable[..., Result]

OSCARS = """\
            oscars:
              themes: [sante-mentale, competences-psychosociales]
              publics: [jeunes, professionnels]
              types_intervention: [formation]
              territoire:
                echelle: territoire-entier
                precisions: Antennes rurales comprises
"""
PLAN = (
    MINIMAL["plan.yaml"]
    .replace("            pilote: ch\n", "            pilote: ch\n" + OSCARS)
    .replace(
        "            partenaires: [ville]\n",
        "            partenaires: [ville]\n"
        "            financements:\n"
        "              - financeur: ville\n"
        "                dispositif: Contrat de ville\n"
        "                budget:\n"
        "                  - {annee: 2022, montant: 12000}\n"
        "                  - {annee: 2023, montant: 15500.5}\n",
    )
)
PARTENAIRES = MINIMAL["partenaires.yaml"].replace(
    "    secteur: sante\n",
    "    secteur: sante\n    type: etablissement-sante\n    commune: Poitiers\n",
)
TERRITOIRE = MINIMAL["clsm.yaml"] + "communes: [Testville, Testbourg]\n"
DEPENSES = (
    "depenses:\n"
    "  - {action: 1.1.1, financeur: ville, dispositif: Contrat de ville, montant: 9800}\n"
)


@pytest.fixture
def oscars_territory(territory: Callable[..., Path]) -> Path:
    return territory(
        plan_yaml=PLAN,
        partenaires_yaml=PARTENAIRES,
        clsm_yaml=TERRITOIRE,
        activite__2022_yaml=MINIMAL["activite/2022.yaml"] + DEPENSES,
    )


def rows_of(path: Path, sheet: str, header_row: int) -> list[dict[str, Any]]:
    ws = load_workbook(path)[sheet]
    headers = [c.value for c in ws[header_row]]
    return [
        dict(zip(headers, (c.value for c in row), strict=True))
        for row in ws.iter_rows(min_row=header_row + 1)
    ]


# ---------------------------------------------------------------- the fields in the plan


def test_the_oscars_block_validates_and_old_plans_need_none(
    cli: Cli, oscars_territory: Path, territory: Callable[..., Path]
) -> None:
    assert cli("validate", oscars_territory, "--strict").code == 0
    plan = validate_paths([oscars_territory]).dossiers[0].plans[0][1]
    oscars = plan.actions()[0][2].oscars
    assert oscars is not None
    assert [t.value for t in oscars.themes] == ["sante-mentale", "competences-psychosociales"]
    assert oscars.territoire is not None
    assert oscars.territoire.echelle is not None
    assert oscars.territoire.echelle.value == "territoire-entier"
    assert cli("validate", territory()).code == 0, "every field is optional"


def test_a_value_outside_the_list_is_located_with_the_values(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    text = PLAN.replace("types_intervention: [formation]", "types_intervention: [formations]")
    result = cli("validate", territory(plan_yaml=text), "-f", "json")
    assert result.code == 1
    problems = result.json()["problems"]
    line, _ = at(text, "types_intervention:")
    found = [p for p in problems if p["line"] == line]
    assert found, problems
    assert "formation" in str(found[0]["message"]) + str(found[0]["hint"])


def test_fmt_puts_the_block_in_the_models_order(cli: Cli, territory: Callable[..., Path]) -> None:
    shuffled = PLAN.replace(OSCARS, "").replace(
        "            pilote: ch\n",
        "            oscars:\n"
        "              territoire: {echelle: communes, communes: [Testville]}\n"
        "              themes: [addictions]\n"
        "            pilote: ch\n",
    )
    root = territory(plan_yaml=shuffled)
    assert cli("fmt", "--check", root).code == 1
    assert cli("fmt", root).code == 0
    text = (root / "plan.yaml").read_text(encoding="utf-8")
    assert text.index("pilote: ch") < text.index("oscars:"), "after the action's own fields"
    assert text.index("themes:") < text.index("territoire:")
    assert cli("fmt", "--check", root).code == 0


def test_the_bilan_names_the_actions_themes(
    cli: Cli, oscars_territory: Path, tmp_path: Path
) -> None:
    target = tmp_path / "bilan.md"
    assert cli("report", "2022", oscars_territory, "-o", target).code == 0
    assert "*Thèmes : Santé mentale ; Compétences psychosociales.*" in target.read_text(
        encoding="utf-8"
    )


# ---------------------------------------------------------------- the standard grid


def test_the_grid_shows_the_fields_and_imports_them_back(
    cli: Cli, oscars_territory: Path, tmp_path: Path
) -> None:
    grid = tmp_path / "grille.xlsx"
    assert cli("export", oscars_territory, "-o", grid).code == 0
    row = rows_of(grid, "Plan d'action", 3)[0]
    assert row["Thèmes (OSCARS)"] == "Santé mentale\nCompétences psychosociales"
    assert row["Publics visés (OSCARS)"] == (
        "Jeunes (16-25 ans)\nProfessionnels de santé, du social, de l'éducation"
    )
    assert row["Types d'intervention (OSCARS)"] == "Formation"
    assert row["Territoire touché (OSCARS)"] == (
        "Échelle : Tout le territoire\nPrécisions : Antennes rurales comprises"
    )
    result = cli("import", grid, "-o", tmp_path / "retour")
    assert result.code == 0, result.err
    back = validate_paths([tmp_path / "retour"]).dossiers[0].plans[0][1]
    assert back == validate_paths([oscars_territory]).dossiers[0].plans[0][1]


def test_labels_typed_by_hand_are_read(cli: Cli, oscars_territory: Path, tmp_path: Path) -> None:
    grid = tmp_path / "grille.xlsx"
    assert cli("export", oscars_territory, "-o", grid).code == 0
    book = load_workbook(grid)
    ws = book["Plan d'action"]
    columns = {c.value: c.column for c in ws[3]}
    ws.cell(4, columns["Thèmes (OSCARS)"]).value = "sante mentale\nADDICTIONS"
    ws.cell(
        4, columns["Territoire touché (OSCARS)"]
    ).value = "Échelle : communes\nCommunes : Testville ; Testbourg\nDépartements : Vienne"
    book.save(grid)
    assert cli("import", grid, "-o", tmp_path / "retour").code == 0
    action = validate_paths([tmp_path / "retour"]).dossiers[0].plans[0][1].actions()[0][2]
    assert action.oscars is not None
    assert [t.value for t in action.oscars.themes] == ["sante-mentale", "addictions"]
    assert action.oscars.territoire is not None
    assert action.oscars.territoire.communes == ["Testville", "Testbourg"]
    assert action.oscars.territoire.departements == ["Vienne"]
    assert action.oscars.territoire.precisions is None


def test_a_grid_without_some_oscars_columns_keeps_those_fields(
    cli: Cli, oscars_territory: Path, tmp_path: Path
) -> None:
    grid = tmp_path / "grille.xlsx"
    assert cli("export", oscars_territory, "-o", grid).code == 0
    book = load_workbook(grid)
    ws = book["Plan d'action"]
    columns = {c.value: c.column for c in ws[3]}
    ws.cell(4, columns["Thèmes (OSCARS)"]).value = "Addictions"
    ws.delete_cols(columns["Publics visés (OSCARS)"])
    book.save(grid)
    result = cli("import", grid, "-o", oscars_territory, "--force")
    assert result.code == 0, result.err
    action = validate_paths([oscars_territory]).dossiers[0].plans[0][1].actions()[0][2]
    assert action.oscars is not None
    assert [t.value for t in action.oscars.themes] == ["addictions"]
    assert [p.value for p in action.oscars.publics] == ["jeunes", "professionnels"], "kept"


# ---------------------------------------------------------------- the OSCARS export


@pytest.fixture
def oscars_book(cli: Cli, oscars_territory: Path, tmp_path: Path) -> Path:
    before = (
        MINIMAL["plan.yaml"]
        .replace("Plan 2022-2024", "Plan 2019-2021")
        .replace("{debut: 2022, fin: 2024}", "{debut: 2019, fin: 2021}")
    )
    (oscars_territory / "plan-2019-2021.yaml").write_text(before, encoding="utf-8")
    plan = oscars_territory / "plan.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "            pilote: ch\n", "            pilote: ch\n            suite_de: 1.1.1\n"
    )
    plan.write_text(text, encoding="utf-8")
    assert cli("validate", oscars_territory).code == 0
    target = tmp_path / "oscars.xlsx"
    result = cli("export", plan, "-o", target, "--grille", "oscars")
    assert result.code == 0, result.err
    return target


def test_the_oscars_export_has_one_row_per_action_as_an_ars_enters_it(oscars_book: Path) -> None:
    book = load_workbook(oscars_book)
    assert book.sheetnames == ["OSCARS"], "only the grid: nothing there is read back"
    ws = book["OSCARS"]
    assert "export seulement : clsm import ne le relit pas" in str(ws["A2"].value)
    assert ws.freeze_panes == "A4"
    (row,) = rows_of(oscars_book, "OSCARS", 3)
    assert row["N° dans le plan"] == "1.1.1"
    assert row["Intitulé de l'action"] == "Former les acteurs"
    assert (row["Année de début"], row["Année de fin"]) == (2022, 2024)
    assert row["Action chaînée avec"] == "1.1.1 – Former les acteurs (plan 2019–2021)"
    assert row["Porteur"] == "Centre hospitalier"
    assert row["Statut juridique du porteur"] == "Établissement de santé"
    assert row["Commune du porteur"] == "Poitiers"
    assert row["Thèmes"] == "Santé mentale\nCompétences psychosociales"
    assert row["Territoire touché"] == (
        "Échelle : Tout le territoire\nPrécisions : Antennes rurales comprises\n"
        "Territoire : Ville de Test\nCommunes du territoire : Testville ; Testbourg"
    )
    assert row["Objectif général"] == "Lutter contre la stigmatisation"
    assert row["Objectif spécifique"] == "Sensibiliser"
    assert row["Objectif opérationnel"] == "Former les acteurs"
    assert row["Partenaires"] == "Ville de Test"
    assert row["Financeurs"] == (
        "Ville de Test — Contrat de ville : 12\u202f000\u00a0€ en 2022,"
        " 15\u202f500,50\u00a0€ en 2023"
    )
    assert row["Indicateurs"] == "Acteurs formés — cible 60\u202f%\nParticipants"
    assert row["Budget prévu 2022"] == 12000
    assert row["Budget prévu 2023"] == 15500.5
    assert "Budget prévu 2024" not in row, "a year without any budget has no column"
    assert row["Dépensé 2022"] == 9800
    assert "€" in ws.cell(4, list(row).index("Budget prévu 2022") + 1).number_format


def test_clsm_import_refuses_the_oscars_export_and_says_why(
    cli: Cli, oscars_book: Path, tmp_path: Path
) -> None:
    result = cli("import", oscars_book, "-o", tmp_path / "x")
    assert result.code == 1
    assert (
        "oscars.xlsx est l'export « Actions pour OSCARS » de clsm (grille oscars), qui ne se"
        " réimporte pas : rien n'a été importé" in result.err
    )
    assert "clsm export, sans --grille" in result.err
    assert not (tmp_path / "x").exists()


def test_the_oscars_export_converts_and_reads_well(oscars_book: Path, tmp_path: Path) -> None:
    libreoffice = shutil.which("libreoffice") or shutil.which("soffice")
    if libreoffice is None:
        pytest.skip("LibreOffice absent")
    pdf = libreoffice_pdf(libreoffice, oscars_book, tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_layout_naming_an_unknown_field_is_located(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    layout = tmp_path / "ars.yaml"
    layout.write_text(
        "nom: ars\ntitre: ARS\nfeuille: F\ncolonnes:\n  - {entete: Thèmes, champ: themse}\n"
        "  - {entete: Budget, champ: budget_prevu}\n",
        encoding="utf-8",
    )
    result = cli("export", territory(), "-o", tmp_path / "x.xlsx", "--grille", layout)
    assert result.code == 1
    assert "ars.yaml:5:5: erreur" in result.err
    assert "champ « themse » inconnu" in result.err
    assert "ars.yaml:6:5: erreur" in result.err
    assert "ajoutez par_annee: true" in result.err
    assert "Traceback" not in result.err


# ---------------------------------------------------------------- the diff


NEXT = """\
titre: Plan 2025-2027
periode: {debut: 2025, fin: 2027}
axes:
  - id: "1"
    titre: Lutter contre la stigmatisation
    objectifs:
      - id: "1.2"
        titre: Former
        actions:
          - id: 1.2.1
            titre: Former les acteurs de la ville
            suite_de: 1.1.1
            oscars: {themes: [sante-mentale]}
"""


def test_diff_follows_an_action_of_the_next_plan(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    (root / "suivant.yaml").write_text(NEXT, encoding="utf-8")
    result = cli("diff", root / "plan.yaml", root / "suivant.yaml", "-f", "json")
    assert result.code in (0, 1), result.err
    said = [c["message"] for c in result.json()]
    assert "action 1.1.1 devient 1.2.1 (suite_de) : Former les acteurs de la ville" in said
    assert (
        "action 1.2.1 : l'intitulé passe de « Former les acteurs » à « Former les acteurs de la"
        " ville »" in said
    )
    assert "action 1.2.1 : les thèmes (OSCARS) — + « Santé mentale »" in said
    assert not any("supprimée" in m or "ajoutée" in m for m in said if "1.1.1" in m)
    assert not any("suite_de" in m and "passe" in m for m in said)


def test_diff_follows_actions_when_the_next_plan_is_added(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    old = territory()
    new = tmp_path / "nouveau"
    shutil.copytree(old, new)
    (new / "plan-2025-2027.yaml").write_text(NEXT, encoding="utf-8")
    result = cli("diff", old, new)
    assert "plan ajouté : Plan 2025-2027 (2025–2027)" in result.out
    assert "action 1.1.1 de plan.yaml devient 1.2.1 : Former les acteurs de la ville" in result.out


def test_the_oscars_export_writes_texts_to_be_copied(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    text = MINIMAL["plan.yaml"].replace(
        "            pilote: ch\n",
        "            description: |\n"
        "              **Contenus** : apports théoriques et\n"
        "              mises en situation.\n"
        "\n"
        "              - un atelier sur la\n"
        "                stigmatisation ;\n"
        "              - un débat.\n"
        "            pilote: ch\n",
    )
    target = tmp_path / "o.xlsx"
    assert cli("export", territory(plan_yaml=text), "-o", target, "--grille", "oscars").code == 0
    (row,) = rows_of(target, "OSCARS", 3)
    assert row["Description"] == (
        "Contenus : apports théoriques et mises en situation.\n\n"
        "- un atelier sur la stigmatisation ;\n- un débat."
    )


def test_the_starter_plan_of_init_shows_a_valid_oscars_block(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "neuf"
    assert cli("init", root).code == 0
    plan = next(root.glob("plan*.yaml"))
    lines = plan.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("# oscars:"))
    end = next(i for i in range(start + 1, len(lines)) if "# suite_de" in lines[i])
    indent = lines[start].index("#")
    for i in range(start, end):
        lines[i] = lines[i][:indent] + lines[i][indent + 2 :]
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("validate", root, "-f", "json")
    assert result.code == 0, result.out
    assert not [p for p in result.json()["problems"] if start < (p.get("line") or 0) <= end]
    action = validate_paths([root]).dossiers[0].plans[0][1].actions()[0][2]
    assert action.oscars is not None
    assert [t.value for t in action.oscars.themes] == ["sante-mentale"]


def test_the_oscars_export_does_not_replace_the_standard_grid(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """Both exports without -o: each has its own file (the OSCARS export replaced the grid)."""
    root = territory()
    assert cli("export", cwd=root).code == 0
    assert cli("export", "--grille", "oscars", cwd=root).code == 0
    from openpyxl import load_workbook

    grids = sorted(p.name for p in (root / "out").glob("*.xlsx"))
    assert len(grids) == 2, grids
    standard = [p for p in grids if not p.startswith("grille-oscars-")]
    assert standard
    assert standard[0].startswith("grille-territoire-")
    assert "Plan d'action" in load_workbook(root / "out" / standard[0]).sheetnames
    oscars = load_workbook(root / "out" / next(p for p in grids if p.startswith("grille-oscars-")))
    assert "Plan d'action" not in oscars.sheetnames


def test_a_layout_file_named_like_the_standard_one_has_its_own_default_name(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """`--grille mes/cctc.yaml` is not the standard layout: its grid must not replace it."""
    root = territory()
    (root / "mes").mkdir()
    shipped = Path(__file__).resolve().parents[1] / "src/clsm_cli/templates/grilles/cctc.yaml"
    (root / "mes" / "cctc.yaml").write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("export", cwd=root).code == 0
    result = cli("export", "--grille", "mes/cctc.yaml", cwd=root)
    assert result.code == 0, result.err
    assert len(list((root / "out").glob("*.xlsx"))) == 2
    assert "grille-cctc-territoire-" in result.out
