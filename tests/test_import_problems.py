"""`clsm import` reports through validate's reporters: located problems, on stderr, or JSON.

And `clsm report` prints a broken user template as a located problem like any other.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from clsm_cli.excel.sheet import remarque
from clsm_cli.problems import Gravite, Problem, Report
from clsm_cli.validation.reporters import GithubReporter, TextReporter
from conftest import Result

Cli = Callable[..., Result]
GUESSED = (
    "grille.xlsx:Plan d'action!D2: avertissement [valeur-devinee] colonne « Budget » lue comme"
    " « Moyens à mobiliser »"
)


def grid(path: Path, *, formulas: tuple[str, ...] = ()) -> Path:
    """A grid on a sheet « Plan d'action » whose « Budget » column is a guess; `formulas`
    are cells given a formula, which the import cannot read."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan d'action"
    ws.append(["Plan d'action 2023-2027"])
    ws.append(["Axe", "Objectif", "Action", "Budget", "Porteur"])
    ws.append(["1. Prévenir", "1.1 Former les acteurs", "1.1.1 Sessions PSSM", "5 000 €", "Mairie"])
    for n in range(2, 10):
        ws.append([None, None, f"1.1.{n} Action {n}", None, None])
    for cell in formulas:
        ws[cell] = "=1+1"
    wb.save(path)
    return path


def test_a_guess_is_a_located_warning_on_stderr(cli: Cli, tmp_path: Path) -> None:
    result = cli("import", grid(tmp_path / "grille.xlsx"), "-o", tmp_path / "t")
    assert result.code == 0, result.out + result.err
    assert any(line.startswith(GUESSED) for line in result.err.splitlines()), result.err
    assert "[valeur-devinee]" not in result.out, "stdout keeps only what was written"
    written = [line for line in result.out.splitlines() if line.startswith("écrit : ")]
    assert len(written) == 3, result.out
    assert "pertes" not in result.err


def test_losses_are_errors_in_natural_cell_order(cli: Cli, tmp_path: Path) -> None:
    book = grid(tmp_path / "grille.xlsx", formulas=("D10", "D9"))
    result = cli("import", book, "-o", tmp_path / "t")
    assert result.code == 1
    lost = [line for line in result.err.splitlines() if "[non-importe]" in line]
    assert [line.split(": ", 1)[0] for line in lost] == [
        "grille.xlsx:Plan d'action!D9",
        "grille.xlsx:Plan d'action!D10",
    ]
    assert all(": erreur [non-importe] formule ignorée (=1+1)" in line for line in lost)
    assert "      aide : corrigez la grille et relancez l'import" in result.err
    assert result.err.splitlines()[-1] == "clsm : importé avec des pertes, voir ci-dessus."
    assert "écrit : " in result.out


def test_json_holds_the_problems_and_the_files_written(cli: Cli, tmp_path: Path) -> None:
    book = grid(tmp_path / "grille.xlsx", formulas=("D9",))
    result = cli("import", book, "-o", tmp_path / "t", "--format", "json")
    assert result.code == 1
    document = json.loads(result.out)
    assert {"valid", "stats", "files", "problems", "written", "unchanged"} <= set(document)
    assert document["valid"] is False
    assert document["stats"]["errors"] == 1
    assert document["stats"]["warnings"] >= 1
    assert document["files"][0] == "grille.xlsx"
    by_code = {p["code"]: p for p in document["problems"]}
    assert by_code["valeur-devinee"] | {"message": "", "hint": None} == {
        "code": "valeur-devinee",
        "message": "",
        "file": "grille.xlsx",
        "cellule": "Plan d'action!D2",
        "line": None,
        "column": None,
        "path": "",
        "hint": None,
        "severity": "avertissement",
    }
    assert by_code["non-importe"]["cellule"] == "Plan d'action!D9"
    assert by_code["non-importe"]["severity"] == "erreur"
    assert sorted(Path(p).name for p in document["written"]) == [
        "clsm.yaml",
        "partenaires.yaml",
        "plan-2023-2027.yaml",
    ]
    assert document["unchanged"] == []
    assert "[valeur-devinee]" not in result.err


def test_a_second_import_reports_unchanged_files_in_json(cli: Cli, tmp_path: Path) -> None:
    book = grid(tmp_path / "grille.xlsx")
    assert cli("import", book, "-o", tmp_path / "t").code == 0
    again = cli("import", book, "-o", tmp_path / "t", "-f", "json")
    assert again.code == 0, again.err
    document = json.loads(again.out)
    assert document["written"] == []
    assert [Path(p).name for p in document["unchanged"]] == [
        "partenaires.yaml",
        "plan-2023-2027.yaml",
    ]
    merged = [p for p in document["problems"] if p["code"] == "changement-fusionne"]
    assert [p["message"] for p in merged] == ["aucun changement"]
    assert merged[0]["severity"] == "info"


def test_github_format_annotates_the_workbook(cli: Cli, tmp_path: Path) -> None:
    book = grid(tmp_path / "grille.xlsx", formulas=("D9",))
    result = cli("import", book, "-o", tmp_path / "t", "--format", "github")
    assert result.code == 1
    lines = result.out.splitlines()
    assert any(
        line.startswith(
            "::warning file=grille.xlsx,title=clsm [valeur-devinee]::Plan d'action!D2 : colonne"
            " « Budget » lue comme « Moyens à mobiliser »"
        )
        for line in lines
    ), result.out
    assert any(
        line.startswith("::error file=grille.xlsx,title=clsm [non-importe]::Plan d'action!D9 :")
        for line in lines
    )
    assert any(line.startswith("écrit : ") for line in lines)


def test_a_broken_template_is_a_located_problem(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    (root / "templates").mkdir()
    (root / "templates" / "bilan.md.j2").write_text(
        "# Bilan\n{{ bilan.inexistant }}\n", encoding="utf-8"
    )
    result = cli("report", "2022", root, "-f", "md", "-o", root / "b.md")
    assert result.code == 1
    lines = result.err.splitlines()
    first = next(i for i, line in enumerate(lines) if "[modele-invalide]" in line)
    assert "un objet Bilan n'a pas d'attribut « inexistant »" in lines[first]
    assert lines[first].split(": erreur [modele-invalide] ")[0].endswith("templates/bilan.md.j2:2")
    assert lines[first + 1] == "    2 | {{ bilan.inexistant }}"
    assert lines[first + 2].startswith("      aide : vérifiez l'orthographe")
    assert lines[-1] == "clsm : bilan non écrit, corrigez d'abord le modèle."
    assert not (root / "b.md").exists()


def test_reporters_print_a_cell_where_a_text_file_has_a_line() -> None:
    problem = Problem(
        "non-importe",
        "formule ignorée",
        "g.xlsx",
        cellule="Plan!C12",
        hint="à reprendre",
        severity=Gravite.ERREUR,
    )
    report = Report(["g.xlsx"], [problem])
    text = io.StringIO()
    TextReporter(text, lambda file, line: "never asked").problems(report, strict=False)
    assert text.getvalue() == (
        "g.xlsx:Plan!C12: erreur [non-importe] formule ignorée\n      aide : à reprendre\n"
    )
    github = io.StringIO()
    GithubReporter(github, lambda file, line: "").problems(report, strict=False)
    assert github.getvalue() == (
        "::error file=g.xlsx,title=clsm [non-importe]::Plan!C12 : formule ignorée"
        " — aide : à reprendre\n"
    )
    assert problem.as_dict()["cellule"] == "Plan!C12"
    assert "cellule" not in Problem("yaml-syntaxe", "x", "plan.yaml", 1, 1).as_dict()


def test_cells_sort_naturally() -> None:
    cells = ["Plan!C10", "Plan!C9", "Plan!B2", "Indicateurs!A1"]
    problems = [Problem("non-importe", "x", "g.xlsx", cellule=c) for c in cells]
    ordered = [p.cellule for p in Report(["g.xlsx"], problems).sorted()]
    assert ordered == ["Indicateurs!A1", "Plan!B2", "Plan!C9", "Plan!C10"]


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("valeur-devinee", Gravite.AVERTISSEMENT),
        ("non-importe", Gravite.ERREUR),
        ("colonne-ignoree", Gravite.INFO),
        ("macros-ignorees", Gravite.AVERTISSEMENT),
        ("changement-fusionne", Gravite.INFO),
    ],
)
def test_what_was_guessed_warns_and_what_was_lost_fails(code: str, severity: Gravite) -> None:
    """The code of an import remark decides how serious it is: a loss alone fails."""
    problem = remarque(code, "x", "g.xlsx", "Plan!A1")
    assert problem.severity is severity
    assert problem.is_error is (code == "non-importe")
