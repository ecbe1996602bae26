"""`clsm import` reports through validate's reporters: located problems, on stderr, or JSON.

And `clsm report` prints a broken user template as a located problem like any other.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from clsm_cli.excel.sheet import remarque
from clsm_cli.problems import Gravite, Problem, Report
from clsm_cli.validation.reporters import GithubReporter, TextReporter
from conftest import MINIMAL, Result

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


WITH_A_SECOND_ACTION = MINIMAL["plan.yaml"] + (
    "          - id: 1.1.2\n            titre: Publier un baromètre\n"
)
"""The minimal plan and an action that has no indicator yet."""


def _exported(cli: Cli, root: Path, book: Path) -> tuple[Any, dict[str, str]]:
    """The workbook `clsm export` writes, opened, and the cells that matter: the grid's
    indicator cell of action 1.1.2 and the row below the last of the Indicateurs sheet."""
    assert cli("export", root, "-o", book).code == 0
    wb = load_workbook(book)
    grid = wb["Plan d'action"]
    header = next(
        c for row in grid.iter_rows() for c in row if c.value == "Indicateurs de résultat"
    )
    action = next(c for c in grid["C"] if str(c.value).startswith("Action 1.1.2"))
    cells = {
        "grille": f"{header.column_letter}{action.row}",
        "ligne": str(wb["Indicateurs"].max_row + 1),
    }
    return wb, cells


def test_an_indicator_the_grid_does_not_name_is_said_at_its_row_with_what_to_do(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A row added to the Indicateurs sheet, its action's cell of the grid left empty: the
    loss was said at the grid's header (`Plan d'action!I1`), with no way out."""
    root = territory(plan_yaml=WITH_A_SECOND_ACTION)
    book = tmp_path / "grille.xlsx"
    wb, cells = _exported(cli, root, book)
    row = cells["ligne"]
    sheet = wb["Indicateurs"]
    sheet[f"B{row}"], sheet[f"C{row}"], sheet[f"D{row}"] = "1.1.2", "Baromètre publié", "oui-non"
    wb.save(book)

    result = cli("import", book, "-o", root, "--force")
    assert result.code == 1
    lost = [line for line in result.err.splitlines() if "[non-importe]" in line]
    assert lost == [
        f"grille.xlsx:Indicateurs!C{row}: erreur [non-importe] indicateur « Baromètre publié »"
        " de l'action 1.1.2 non importé : la colonne « Indicateurs de résultat » de la feuille"
        " Plan d'action ne le nomme pas"
    ]
    hint = result.err.splitlines()[result.err.splitlines().index(lost[0]) + 1]
    assert hint == (
        "      aide : ajoutez « Baromètre publié » (le libellé exact) à la cellule Plan"
        f" d'action!{cells['grille']}, dans la colonne « Indicateurs de résultat » de l'action"
        " 1.1.2 (un indicateur par ligne de la cellule : Alt+Entrée dans Excel), ou supprimez"
        " cette ligne"
    )

    wb["Plan d'action"][cells["grille"]] = "Baromètre publié"  # as the hint says
    wb.save(book)
    done = cli("import", book, "-o", root, "--force")
    assert done.code == 0, done.err
    assert (
        f"grille.xlsx:Indicateurs!A{row}: avertissement [valeur-devinee] indicateur « Baromètre"
        " publié » sans identifiant : 1.1.2-a lui est donné"
    ) in done.err
    plan = (root / "plan.yaml").read_text(encoding="utf-8")
    assert "- id: 1.1.2-a\n                libelle: Baromètre publié\n" in plan
    assert cli("validate", root).code == 0


def test_an_indicator_of_no_action_of_the_grid_is_said_at_its_action_cell(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    book = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", book).code == 0
    wb = load_workbook(book)
    sheet = wb["Indicateurs"]
    last = sheet.max_row
    sheet.append(["9.9.9-a", "9.9.9", "Action inconnue"])
    sheet.append([None, None, "Sans action"])
    wb.save(book)

    result = cli("import", book, "-o", tmp_path / "neuf")
    assert result.code == 1
    lines = result.err.splitlines()
    lost = [(line, lines[i + 1]) for i, line in enumerate(lines) if "[non-importe]" in line]
    assert lost == [
        (
            f"grille.xlsx:Indicateurs!B{last + 1}: erreur [non-importe] indicateur « Action"
            " inconnue » (9.9.9-a) de l'action 9.9.9, absente de la feuille Plan d'action :"
            " non importé",
            "      aide : corrigez le numéro d'action de cette ligne, ou ajoutez l'action 9.9.9 à"
            " la feuille Plan d'action ; ou supprimez cette ligne",
        ),
        (
            f"grille.xlsx:Indicateurs!B{last + 2}: erreur [non-importe] indicateur « Sans action »"
            " non importé : sa ligne de la feuille Indicateurs ne dit pas à quelle action il"
            " appartient",
            "      aide : écrivez le numéro de son action dans la colonne « Action », et son"
            " libellé dans la colonne « Indicateurs de résultat » de cette action, feuille Plan"
            " d'action ; ou supprimez cette ligne",
        ),
    ]


def test_a_value_typed_in_the_grid_s_follow_up_is_said_at_its_cell(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A coordinator typed 90 into « Valeur 2022 » of the exported grid and imported it: the
    import said only that the column is not read, whatever it held, and the 90 was lost."""
    root = territory()
    grille = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", grille).code == 0
    # the grid as exported comes back without a word about its values
    same = cli("import", grille, "-o", root, "--force")
    assert same.code == 0, same.err
    assert "valeur-non-lue" not in same.err
    book = load_workbook(grille)
    sheet = book["Indicateurs"]
    head = [c.value for c in sheet[1]]
    column = head.index("Valeur 2022") + 1
    [row] = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "1.1.1-a"]
    cell = sheet.cell(row, column)
    assert cell.value == pytest.approx(35 / 42 * 100)  # what the activity file gives
    cell.value = 90
    book.save(grille)
    result = cli("import", grille, "-o", root, "--force")
    assert result.code == 0, result.err  # a warning: the rest of the grid is imported
    assert (
        f"grille.xlsx:Indicateurs!{cell.coordinate}: avertissement [valeur-non-lue] « 90 » n'est"
        " pas importé : la colonne « Valeur 2022 » est calculée à partir des fichiers"
        " d'activité, qui donnent 83,3 pour 1.1.1-a"
    ) in result.err
    assert "saisissez cette valeur dans activite/2022.yaml (mesures) ou par clsm collecte" in (
        result.err
    )
    # an indicator clsm computes is changed through what it counts, not by a measurement
    book = load_workbook(grille)
    sheet = book["Indicateurs"]
    [row] = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "1.1.1-b"]
    sheet.cell(row, column).value = 30
    book.save(grille)
    result = cli("import", grille, "-o", root, "--force")
    assert "« 30 » n'est pas importé" in result.err
    assert "qui n'en donnent pas pour 1.1.1-b" in result.err
    assert (
        "1.1.1-b est calculé de l'activité de l'année : corrigez ce qu'il compte (réalisations,"
        " saisines…) dans activite/2022.yaml ou par clsm collecte"
    ) in result.err
