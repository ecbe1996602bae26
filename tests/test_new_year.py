"""`clsm init` with a name, a period and a first year; `clsm nouvelle-annee` from the plan."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from clsm_cli.loader import load_file
from conftest import Result, write_tree

Cli = Callable[..., Result]


def test_init_takes_the_name_the_period_and_the_first_year(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "angers"
    result = cli(
        "init", root, "--territoire", "Angers", "--periode", "2024-2028", "--annee", "2026"
    )
    assert result.code == 0, result.err
    assert (root / "plan-2024-2028.yaml").is_file()
    assert sorted(p.name for p in (root / "activite").iterdir()) == ["2026.yaml"]
    territoire = load_file(root / "clsm.yaml").data
    assert (territoire["nom"], territoire["territoire"]) == ("CLSM d'Angers", "Angers")
    plan = load_file(root / "plan-2024-2028.yaml").data
    assert plan["periode"] == {"debut": 2024, "fin": 2028}
    assert plan["titre"] == "Plan d'action 2024-2028"
    assert load_file(root / "activite" / "2026.yaml").data["annee"] == 2026
    partenaires = load_file(root / "partenaires.yaml").data["partenaires"]
    assert partenaires[0]["nom"] == "Ville d'Angers"

    validated = cli("validate", root)
    assert validated.code == 0, validated.out
    assert "Ma Ville" not in validated.out  # the names given are no example text
    assert cli("fmt", "--check", root).code == 0


@pytest.mark.parametrize(
    ("territoire", "nom", "ville"),
    [
        ("Le Havre", "CLSM du Havre", "Ville du Havre"),
        ("Les Sables-d'Olonne", "CLSM des Sables-d'Olonne", "Ville des Sables-d'Olonne"),
        ("La Rochelle", "CLSM de La Rochelle", "Ville de La Rochelle"),
        ("Le Mans", "CLSM du Mans", "Ville du Mans"),
        ("Lens", "CLSM de Lens", "Ville de Lens"),
        ("Évry", "CLSM d'Évry", "Ville d'Évry"),
    ],
)
def test_init_contracts_de_with_the_article_of_a_name(
    cli: Cli, tmp_path: Path, territoire: str, nom: str, ville: str
) -> None:
    """« CLSM de Le Havre » is not French: de + le is du, de + les is des (a French
    coordinator's trial in Redon: « Ville de Le Havre » would be printed in the bilan)."""
    root = tmp_path / "t"
    assert cli("init", root, "--territoire", territoire).code == 0
    assert load_file(root / "clsm.yaml").data["nom"] == nom
    assert load_file(root / "partenaires.yaml").data["partenaires"][0]["nom"] == ville
    assert cli("validate", root).code == 0


def test_init_quotes_a_name_yaml_would_misread(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "t"
    name = "Nord: Sud #1 'bis'"
    assert cli("init", root, "--territoire", name, "--nom", "Réseau santé mentale").code == 0
    territoire = load_file(root / "clsm.yaml").data
    assert (territoire["nom"], territoire["territoire"]) == ("Réseau santé mentale", name)
    assert cli("validate", root).code == 0
    assert cli("fmt", "--check", root).code == 0


def test_init_without_options_is_as_before(cli: Cli, tmp_path: Path) -> None:
    year = date.today().year
    root = tmp_path / "t"
    assert cli("init", root).code == 0
    assert (root / f"plan-{year}-{year + 4}.yaml").is_file()
    assert (root / "activite" / f"{year}.yaml").is_file()
    assert load_file(root / "clsm.yaml").data["nom"] == "CLSM de Ma Ville"


def test_init_with_a_period_starts_at_its_first_year_when_it_lies_ahead(
    cli: Cli, tmp_path: Path
) -> None:
    start = date.today().year + 2
    root = tmp_path / "t"
    assert cli("init", root, "--periode", f"{start}-{start + 5}").code == 0
    assert [p.name for p in (root / "activite").iterdir()] == [f"{start}.yaml"]


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--periode", "2029-2025"], "--periode 2029-2025 : attendu la première et la dernière"),
        (["--periode", "2025"], "--periode 2025 : attendu"),
        (["--periode", "2025-2029", "--annee", "2031"], "--annee 2031 n'est pas dans la période"),
    ],
)
def test_init_refuses_a_period_or_year_that_does_not_hold(
    cli: Cli, tmp_path: Path, options: list[str], said: str
) -> None:
    result = cli("init", tmp_path / "t", *options)
    assert result.code == 2
    assert said in result.err
    assert not (tmp_path / "t").exists()


def test_a_new_year_lists_the_plan_and_the_meetings(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory(
        clsm_yaml=territory_with_two_instances(),
    )
    result = cli("nouvelle-annee", "2023", root)
    assert result.code == 0, result.err
    written = root / "activite" / "2023.yaml"
    assert f"écrit : {os.path.relpath(written)}\n" in result.out
    text = written.read_text(encoding="utf-8")
    assert "# Axe 1 — Lutter contre la stigmatisation\n#   1.1.1  Former les acteurs\n" in text
    assert "plan.yaml" in text
    # the example names the plan's first action and its own partners (pilote first): once
    # uncommented it refers to what the territory has, not to a « ville » it may not have
    assert "#   - action: 1.1.1\n" in text
    assert "#     partenaires: [ch, ville]\n" in text
    data = load_file(written).data
    assert data["annee"] == 2023
    assert data["realisations"] == []
    assert [(r["instance"], r["date"]) for r in data["reunions"]] == [
        ("copil", 2023),
        ("pleniere", 2023),
    ]
    assert re.search(r"- instance: pleniere # Assemblée plénière\n", text)

    validated = cli("validate", root)
    assert validated.code == 0, validated.out
    assert "erreur" not in validated.out
    checked = cli("fmt", "--check", written)
    assert checked.code == 0, checked.out
    assert "1 fichier : 0 à reformater, 1 déjà au format" in checked.out


def territory_with_two_instances() -> str:
    from conftest import MINIMAL

    return MINIMAL["clsm.yaml"] + (
        "  - id: pleniere\n    nom: Assemblée plénière\n    type: assemblee-pleniere\n"
    )


def test_a_new_year_from_inside_the_territory(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    inside = cli("nouvelle-annee", "2024", cwd=root / "activite")
    assert inside.code == 0
    assert (root / "activite" / "2024.yaml").is_file()
    # the file as the coordinator would type it from there, not « ../activite/2024.yaml »
    assert inside.out.startswith("écrit : 2024.yaml\n")


def test_a_new_year_refuses_an_existing_file(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    before = (root / "activite" / "2022.yaml").read_bytes()
    result = cli("nouvelle-annee", "2022", root)
    assert result.code == 1
    assert "activite/2022.yaml existe déjà : rien n'a été écrit" in result.err
    assert (root / "activite" / "2022.yaml").read_bytes() == before


def test_a_new_year_no_plan_covers_is_refused(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    result = cli("nouvelle-annee", "2030", root)
    assert result.code == 2  # a year the command line asks for, as `collecte 2030` says
    assert "ne couvre 2030 (périodes : 2022-2024)" in result.err
    assert cli("collecte", "2030", root).code == 2
    assert not (root / "activite" / "2030.yaml").exists()
    # run in the territory, it is named by its folder, not « . »
    here = cli("nouvelle-annee", "2030", cwd=root)
    assert f"aucun plan de {root.name} ne couvre 2030" in here.err
    # from its activite/ folder, named « .. » on the command line: still its own name
    below = cli("nouvelle-annee", "2030", "..", cwd=root / "activite")
    assert f"aucun plan de {root.name} ne couvre 2030" in below.err


def test_a_meeting_left_to_complete_is_said_until_it_is(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """The meeting `nouvelle-annee` writes for each body, left as it is, was counted as held
    in the bilan (« 1 réunion en 2023 »), without a word: validate now says it, located, and
    stops saying it once the meeting has its day or its presents."""
    root = territory()
    assert cli("nouvelle-annee", "2023", root).code == 0
    result = cli("validate", root)
    assert result.code == 0, result.out  # a warning: the file is valid
    text = (root / "activite" / "2023.yaml").read_text(encoding="utf-8")
    line = text.splitlines().index("  - instance: copil # Comité de pilotage") + 1
    assert (
        f"2023.yaml:{line}:5: avertissement [reunion-a-completer] réunion « copil » de 2023"
        " sans date précise, ni présents, ni ordre du jour : le bilan la compte comme tenue"
    ) in result.out
    assert "précisez sa date (2023-04-15) et ses présents" in result.out
    completed = text.replace("    date: 2023\n", "    date: 2023-04-15\n")
    assert completed != text
    (root / "activite" / "2023.yaml").write_text(completed, encoding="utf-8")
    assert "reunion-a-completer" not in cli("validate", root).out


def test_a_new_year_of_a_territory_made_by_init_keeps_its_schema_line(
    cli: Cli, tmp_path: Path
) -> None:
    root = tmp_path / "t"
    assert cli("init", root, "--territoire", "Poitiers", "--periode", "2025-2029").code == 0
    assert cli("nouvelle-annee", "2027", root).code == 0
    text = (root / "activite" / "2027.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/activite.schema.json\n")
    assert "#   1.1.1  Organiser les Semaines d'information sur la santé mentale\n" in text
    assert cli("validate", root).code == 0
    assert cli("fmt", "--check", root).code == 0


def test_a_new_year_in_a_folder_of_territories_asks_which(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    territory()
    write_tree(tmp_path / "autre", {})
    from conftest import MINIMAL

    write_tree(tmp_path / "autre", MINIMAL)
    result = cli("nouvelle-annee", "2023", cwd=tmp_path)
    assert result.code == 2
    assert "indiquez un seul territoire" in result.err


def test_a_new_year_lists_an_axis_without_title(cli: Cli, territory: Callable[..., Path]) -> None:
    from conftest import MINIMAL

    plan = MINIMAL["plan.yaml"].replace("    titre: Lutter contre la stigmatisation\n", "")
    root = territory(plan_yaml=plan)
    result = cli("nouvelle-annee", "2023", root)
    assert result.code == 0, result.err
    text = (root / "activite" / "2023.yaml").read_text(encoding="utf-8")
    assert "# Axe 1\n#   1.1.1  Former les acteurs\n" in text
