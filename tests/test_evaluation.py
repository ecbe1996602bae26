"""`clsm evaluation`: a plan over its years, in five formats, figures computed from the files.

The bundled examples must say their own figures: the CPS programme's 2021–2023 (13 sessions,
138 professionals trained, 35 of 42 missions locales, 95 actions in 18 of 22 missions
locales reaching 678 young people) and Poitiers' 2018–2022 (the cellule's 12, 12, 8 and 6
referrals, its partners' judgment of the objectives).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clsm_cli.bilan import build_bilan
from clsm_cli.evaluation import build_evaluation, plan_choisi
from clsm_cli.validation.pipeline import validate_paths
from conftest import PLANS, Result
from test_wording import docx_text, html_texts, markdown_text

Cli = Callable[..., Result]
NNBSP = "\u202f"
FORMATS = ("html", "md", "docx", "pdf", "xlsx")
CPS = PLANS / "cps-missions-locales-hdf"
POITIERS = PLANS / "poitiers"


def _main(argv: list[str], cwd: Path | None = None) -> int:
    from clsm_cli.cli.main import main

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.argv", ["clsm", *argv])
        if cwd is not None:
            patch.chdir(cwd)
        with pytest.raises(SystemExit) as done:
            main()
    return int(done.value.code or 0)


def _texte(path: Path) -> str:
    """What a reader sees of an output, as one line of text (pdf: through pdftotext)."""
    if path.suffix == ".html":
        text = " ".join(html_texts(path.read_text(encoding="utf-8")))
    elif path.suffix == ".md":
        text = markdown_text(path.read_text(encoding="utf-8"))
    elif path.suffix == ".docx":
        text = docx_text(path)
    else:
        done = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        )
        text = done.stdout
    return " ".join(text.replace("\u00a0", " ").replace(NNBSP, " ").split())


def _sorties(folder: Path, territoire: Path) -> dict[str, Path]:
    outputs = {}
    for fmt in FORMATS:
        if fmt == "pdf" and shutil.which("pdftotext") is None:
            continue
        target = folder / f"evaluation.{fmt}"
        assert _main(["evaluation", str(territoire), "-o", str(target)]) == 0, fmt
        outputs[fmt] = target
    return outputs


@pytest.fixture(scope="module")
def cps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _sorties(tmp_path_factory.mktemp("cps"), CPS)


@pytest.fixture(scope="module")
def poitiers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _sorties(tmp_path_factory.mktemp("poitiers"), POITIERS)


def _sheet(path: Path, name: str) -> tuple[Any, list[tuple[Any, ...]]]:
    import openpyxl

    ws = openpyxl.load_workbook(path)[name]
    return ws, list(ws.iter_rows(values_only=True))


def _ligne(rows: list[tuple[Any, ...]], indicateur: str, annee: object) -> dict[str, Any]:
    header = rows[0]
    found = [r for r in rows[1:] if r[3] == indicateur and r[7] == annee]
    assert len(found) == 1, (indicateur, annee)
    return dict(zip(header, found[0], strict=True))


# ---------------------------------------------------------------- the CPS programme


CPS_FIGURES = (
    "Cumul 2021–2023 (total relevé en 2023)",
    "13",
    "138",
    "83 % (35 / 42)",
    "82 % (18 / 22)",
    "95",
    "678",
    "15",
)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "xlsx"])
def test_the_cps_programme_states_its_figures_in_every_format(
    cps: dict[str, Path], fmt: str
) -> None:
    if fmt not in cps:
        pytest.skip("pdftotext n'est pas installé")
    text = _texte(cps[fmt])
    for figure in CPS_FIGURES:
        assert figure in text, (fmt, figure)
    assert "Évaluation du plan d'action 2021–2023" in text
    assert "Aucun fichier d'activité pour 2021" in text


def test_the_cps_workbook_is_a_filterable_table_of_numbers(cps: dict[str, Path]) -> None:
    ws, rows = _sheet(cps["xlsx"], "Suivi des indicateurs")
    assert ws.auto_filter.ref == f"A1:P{len(rows)}"
    assert ws.freeze_panes == "A2"
    couverture = _ligne(rows, "1.1.1-couverture", 2023)
    assert couverture["Valeur"] == pytest.approx(100 * 35 / 42)
    assert couverture["Précisions"] == "35 / 42"
    conversion = _ligne(rows, "1.2.1-conversion", 2022)
    assert conversion["Valeur"] == pytest.approx(100 * 18 / 22)
    assert _ligne(rows, "1.2.1-conversion", "Dernière valeur (2022)")["Valeur"] == pytest.approx(
        100 * 18 / 22
    )
    periode = "Cumul 2021–2023 (total relevé en 2023)"
    assert _ligne(rows, "1.1.1-sessions", periode)["Valeur"] == 13
    assert _ligne(rows, "1.1.1-professionnels", periode)["Valeur"] == 138
    jeunes = _ligne(rows, "1.2.1-jeunes", 2022)
    assert jeunes["Valeur"] == 678
    assert isinstance(jeunes["Année"], int)
    assert _ligne(rows, "1.2.1-actions-cps", 2022)["Valeur"] == 95
    # what the files do not say is said, never 0
    assert _ligne(rows, "1.1.1-sessions", 2022)["Valeur"] == "non renseigné"
    number_format = ws.cell(row=rows.index(tuple(couverture.values())) + 1, column=11)
    assert "%" in number_format.number_format


def test_a_total_since_the_plan_start_is_not_added_to_earlier_years(tmp_path: Path) -> None:
    """The CPS figures are recorded once, at the end of the period, as totals (`cumul`)."""
    dossier = validate_paths([CPS]).dossiers[0]
    evaluation = build_evaluation(dossier, *plan_choisi(dossier, None))
    periode = {s.indicateur.id: s.periode for s in evaluation.indicateurs}
    assert periode["1.1.1-sessions"].valeur == 13
    assert not periode["1.1.1-sessions"].partiel
    assert periode["1.1.1-sessions"].sans_valeur == []
    assert (periode["1.2.1-jeunes"].valeur, periode["1.2.1-jeunes"].partiel) == (678, True)
    assert periode["1.2.1-jeunes"].sans_valeur == [2023]
    assert periode["1.1.1-couverture"].valeur == pytest.approx(100 * 35 / 42)
    assert periode["1.1.1-couverture"].annee == 2023


# ---------------------------------------------------------------- Poitiers 2018–2022


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "xlsx"])
def test_poitiers_states_the_cellule_years_and_its_partners_judgment(
    poitiers: dict[str, Path], fmt: str
) -> None:
    if fmt not in poitiers:
        pytest.skip("pdftotext n'est pas installé")
    text = _texte(poitiers[fmt])
    assert "Évaluation du plan d'action 2018–2022" in text
    for saisines in ("2019 12", "2020 12", "2021 8", "2022 6 5 1"):
        assert saisines in text, (fmt, saisines)
    total = "Total 2019–2022 38 au moins 5 au moins 1"
    # pdftotext reads a table's last row apart from its cells
    assert total in text if fmt != "pdf" else all(p in text for p in ("Total 2019–2022", "38"))
    assert "Acteurs du CLSM — questionnaire en ligne" in text
    assert "15 répondants" in text
    for titre in ("Objectifs atteints", "Objectifs moins atteints", "Sans opinion"):
        assert titre in text
    assert "Atteint — Acteurs du CLSM, questionnaire en ligne (2022)" in text
    assert "Aucun fichier d'activité pour 2018" in text
    # the years without a value merged, those with one apart
    assert "2019–2021 non renseigné 2022 700 (calculé)" in text
    assert "Actions poursuivies dans le plan 2023–2027" in text
    assert (
        "3.1.1 Animer la cellule de concertation sur les situations psychosociales complexes →"
        " 2.1.1 Animer la cellule de concertation sur les situations complexes"
    ) in text


def test_poitiers_workbook_keeps_every_part(poitiers: dict[str, Path]) -> None:
    _, rows = _sheet(poitiers["xlsx"], "Suivi des indicateurs")
    saisines = [_ligne(rows, "3.1.1-saisines", year)["Valeur"] for year in range(2019, 2023)]
    assert saisines == [12, 12, 8, 6]
    assert _ligne(rows, "3.1.1-saisines", "Cumul 2019–2022")["Valeur"] == 38
    _, gouvernance = _sheet(poitiers["xlsx"], "Partenariat et gouvernance")
    header = gouvernance[0]
    by_year = {r[0]: dict(zip(header, r, strict=True)) for r in gouvernance[1:]}
    assert [by_year[y]["Saisines"] for y in range(2019, 2023)] == [12, 12, 8, 6]
    assert by_year[2022]["Saisines de niveau 1"] == 5
    assert by_year[2019]["Saisines de niveau 1"] == "non renseigné"
    assert by_year[2022]["Partenaires actifs"] == 74
    assert by_year[2022]["Réunions : Comité de pilotage"] == 2
    assert by_year[2022]["Réunions : Assemblée plénière"] == "non renseigné"  # none listed
    assert by_year[2021]["Réunions : Comité de pilotage"] == "non renseigné"
    _, jugements = _sheet(poitiers["xlsx"], "Jugements")
    assert [r[5] for r in jugements[1:] if r[6] == "Moins atteint"] == [
        "Observation en santé mentale",
        "Fluidité des parcours de vie",
    ]
    assert {r[3] for r in jugements[1:]} == {15}
    _, actions = _sheet(poitiers["xlsx"], "Actions")
    reportee = [r for r in actions[1:] if r[2] == "2.2.1" and r[5] == 2022]
    assert reportee[0][6] == "Reportée"


def test_the_default_plan_is_the_latest_with_activity_and_the_default_path(
    cli: Cli, tmp_path: Path
) -> None:
    result = cli("evaluation", POITIERS, cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out == "écrit : out/evaluation-poitiers-2018-2022.html\n"
    assert (tmp_path / "out" / "evaluation-poitiers-2018-2022.html").is_file()


# ---------------------------------------------- each year's bilan, figure for figure


@pytest.mark.parametrize("territoire", ["poitiers", "cps-missions-locales-hdf", "arml-bfc"])
def test_each_year_of_the_evaluation_is_that_years_bilan(territoire: str) -> None:
    dossier = validate_paths([PLANS / territoire]).dossiers[0]
    evaluation = build_evaluation(dossier, *plan_choisi(dossier, None))
    assert evaluation.annees
    for index, annee in enumerate(evaluation.annees):
        bilan = build_bilan(dossier, annee)
        lignes = [(s.annees[index].ligne, s) for s in evaluation.indicateurs]
        assert len(bilan.indicateurs) == len(lignes)
        for du_bilan, (ligne, _) in zip(bilan.indicateurs, lignes, strict=True):
            figures = ("valeur", "detail", "cible", "ecart", "statut", "reference")
            assert [getattr(ligne, f) for f in figures] == [getattr(du_bilan, f) for f in figures]
        actifs = evaluation.gouvernance.partenariat[index].actifs
        assert actifs == (bilan.partenariat.nombre if bilan.partenariat else None)
        saisines = evaluation.gouvernance.saisines[index].nombre
        assert saisines == (bilan.cellule.nombre if bilan.cellule else None)
