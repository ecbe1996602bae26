"""Partners over time: a partner leaves (`jusqu_a`), is succeeded (`devenu`), or was renamed
(`anciens_noms`), and past years' bilans keep the names and counts of their year."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from conftest import MINIMAL, Result

Cli = Callable[..., Result]

DIRECTORY = (
    MINIMAL["partenaires.yaml"]
    + """\
  - id: chs
    nom: Centre hospitalier Henri Laborit
    sigle: CHL
    secteur: sante
    anciens_noms:
      - nom: Centre hospitalier spécialisé de la Vienne
        sigle: CHS
        jusqu_a: 2022
  - id: udaf-ancienne
    nom: UDAF 86
    secteur: social-medico-social
    depuis: 2020
    jusqu_a: 2022
    devenu: udaf
  - id: udaf
    nom: UDAF de la Vienne
    secteur: social-medico-social
    depuis: 2023
"""
)

ACTIVITY_2022 = MINIMAL["activite/2022.yaml"].replace(
    "partenaires: [ch]", "partenaires: [ch, chs, udaf-ancienne]"
)
PLAN = MINIMAL["plan.yaml"]
ACTIVITY_2023 = ACTIVITY_2022.replace("annee: 2022", "annee: 2023").replace("2022-", "2023-")


def test_each_years_bilan_names_partners_as_they_were(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory(
        partenaires_yaml=DIRECTORY,
        activite__2022_yaml=ACTIVITY_2022,
        activite__2023_yaml=ACTIVITY_2023.replace("udaf-ancienne", "udaf"),
    )
    assert cli("validate", root).code == 0
    for annee, fmt in ((2022, "md"), (2023, "md"), (2022, "html"), (2022, "docx")):
        target = tmp_path / f"b{annee}.{fmt}"
        assert cli("report", str(annee), root, "-f", fmt, "-o", target).code == 0
    md22 = (tmp_path / "b2022.md").read_text(encoding="utf-8")
    md23 = (tmp_path / "b2023.md").read_text(encoding="utf-8")
    assert "Centre hospitalier spécialisé de la Vienne" in md22
    assert "Centre hospitalier Henri Laborit" not in md22
    assert "Centre hospitalier Henri Laborit" in md23
    assert "### Partenaires dont 2022 est la dernière année" in md22
    assert "- UDAF 86 (Social et médico-social), à qui succède UDAF de la Vienne" in md22
    assert "dernière année" not in md23
    html = (tmp_path / "b2022.html").read_text(encoding="utf-8")
    assert "UDAF 86 (Social et médico-social), à qui succède UDAF de la Vienne" in html
    with zipfile.ZipFile(tmp_path / "b2022.docx") as archive:
        document = archive.read("word/document.xml").decode()
    assert "à qui succède UDAF de la Vienne" in document


def test_a_partner_named_after_it_left_is_said(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory(
        partenaires_yaml=DIRECTORY,
        activite__2022_yaml=ACTIVITY_2022,
        activite__2023_yaml=ACTIVITY_2023,
    )
    result = cli("validate", root, "-f", "json")
    problems = [p for p in result.json()["problems"] if p["code"] == "membre-hors-periode"]
    assert len(problems) == 1
    assert problems[0]["file"].endswith("2023.yaml")
    assert "a quitté le partenariat en 2022" in problems[0]["message"]
    assert problems[0]["hint"].startswith("nommez plutôt « udaf », qui lui succède")
    assert problems[0]["severity"] == "avertissement"


def test_a_partner_leaving_before_it_joins_and_an_unknown_successor(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    broken = DIRECTORY.replace(
        "    depuis: 2020\n    jusqu_a: 2022\n", "    depuis: 2022\n    jusqu_a: 2020\n"
    )
    broken = broken.replace("devenu: udaf\n", "devenu: udaf-nouvelle\n")
    result = cli("validate", territory(partenaires_yaml=broken), "-f", "json")
    codes = {(p["code"], p["line"]) for p in result.json()["problems"]}
    lines = broken.splitlines()
    assert ("dates-inversees", lines.index("    jusqu_a: 2020") + 1) in codes
    assert ("reference-inconnue", lines.index("    devenu: udaf-nouvelle") + 1) in codes
    assert result.code == 1


def test_the_grid_carries_partners_over_time_both_ways(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory(partenaires_yaml=DIRECTORY, activite__2022_yaml=ACTIVITY_2022)
    grid = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", grid).code == 0
    sheet = load_workbook(grid)["Partenaires"]
    headers = [c.value for c in sheet[1]]
    rows = {
        row[0]: dict(zip(headers, row, strict=False))
        for row in sheet.iter_rows(2, values_only=True)
    }
    assert rows["udaf-ancienne"]["Jusqu'à"] == 2022
    assert rows["udaf-ancienne"]["Devenu"] == "udaf"
    assert (
        rows["chs"]["Anciens noms"]
        == "Centre hospitalier spécialisé de la Vienne (CHS) jusqu'en 2022"
    )
    back = tmp_path / "reimport"
    assert cli("import", grid, "-o", back).code == 0
    text = (back / "partenaires.yaml").read_text(encoding="utf-8")
    assert "jusqu_a: 2022" in text
    assert "devenu: udaf" in text
    assert "nom: Centre hospitalier spécialisé de la Vienne" in text
    shutil.rmtree(back / "activite", ignore_errors=True)
    assert cli("validate", back).code == 0
