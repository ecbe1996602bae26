"""`clsm collecte` and the import of collection forms, through the real command line.

A form is generated, filled the way a partner fills it (openpyxl: names instead of ids,
dates typed as text, a sheet sorted, rows inserted), then imported; the year's file must
gain exactly what the form says, its comments kept, and say every guess at its cell.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from clsm_cli.collecte.cells import parse_date
from conftest import MINIMAL, PLANS, Result

Cli = Callable[..., Result]


def make_form(cli: Cli, root: Path, target: Path, *args: str, year: str = "2022") -> Path:
    result = cli("collecte", year, root, "-o", target, *args)
    assert result.code == 0, result.err
    assert result.out.strip() == f"écrit : {target}"
    return target


def row_of(ws: Any, column: int, text: str) -> int:
    """The row whose cell in a column holds a text (or starts with it)."""
    for row in range(2, ws.max_row + 1):
        value = ws.cell(row, column).value
        if isinstance(value, str) and value.startswith(text):
            return row
    raise AssertionError(f"{text!r} absent de {ws.title}")


def value(ws: Any, row: int, header: str) -> Any:
    """A cell of a row, by its column's header."""
    column = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == header)
    return ws.cell(row, column).value


def empty_row(ws: Any) -> int:
    """The first row with nothing in the form's columns (B and after)."""
    for row in range(2, ws.max_row + 2):
        if not any(ws.cell(row, c).value for c in range(1, ws.max_column + 1)):
            return row
    return ws.max_row + 1


def put(ws: Any, row: int, values: dict[str, Any]) -> None:
    """Fill a row by headers."""
    headers = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
    for header, value in values.items():
        ws.cell(row, headers[header]).value = value


@pytest.fixture
def poitiers(tmp_path: Path) -> Path:
    root = tmp_path / "poitiers"
    shutil.copytree(PLANS / "poitiers", root)
    return root


def text_of(root: Path, year: str = "2022") -> str:
    return (root / "activite" / f"{year}.yaml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the form


def test_the_form_has_its_sheets_lists_and_checks(cli: Cli, poitiers: Path, tmp_path: Path) -> None:
    path = make_form(cli, poitiers, tmp_path / "fiche.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "Mode d'emploi",
        "Réalisations",
        "Séances",
        "Réunions",
        "Saisines",
        "Suivi des actions",
        "Listes",
        "clsm-collecte",
    ]  # no Mesures sheet: every indicator of Poitiers 2018-2022 is computed
    assert [ws.sheet_state for ws in wb.worksheets][-2:] == ["hidden", "hidden"]
    instructions = "\n".join(str(c.value) for c in wb["Mode d'emploi"]["A"] if c.value)
    assert "Fiche de collecte 2022 — CLSM de Poitiers" in instructions
    assert "ne la modifiez pas" in instructions
    # the date examples are of the form's year, not of the year clsm was written
    assert "écrivez le mois (2022-05) ou l'année (2022)" in instructions
    ws = wb["Réalisations"]
    assert ws.column_dimensions["A"].hidden
    assert ws.freeze_panes == "C2"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    row = row_of(ws, 4, "Info-formations santé mentale")
    assert ws.cell(row, 2).value == "1.2.2 — Former les acteurs à la santé mentale"
    assert ws.cell(row, 3).value == "Formation"
    assert ws.cell(row, 5).value == datetime(2022, 5, 6)  # a real date cell
    assert ws.cell(row, 5).number_format == "dd/mm/yyyy"
    assert ws.cell(row, 1).value.startswith("R-")
    checks = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert checks["C2"].type == "list"
    assert checks["C2"].formula1.startswith("Listes!")
    assert checks["I2"].type == "whole"
    assert checks["I2"].operator == "greaterThanOrEqual"
    dates = checks["E2"]  # between (the default operator) 1 January and 31 December 2022
    assert (dates.type, dates.formula1, dates.formula2) == ("date", "44562", "44926")
    seances = wb["Séances"]
    first = row_of(seances, 2, "Info-formations")
    assert value(seances, first, "Structure 1") == "Habitat de la Vienne"
    # CART is named in words in the file, and is also in the directory: it stays in words
    assert value(seances, first, "Structure 3") == "CART (hors annuaire)"
    assert value(seances, first, "Public 1") == "Professionnels"  # publics: {professionnels: 11}
    assert value(seances, first, "Nombre (public 1)") == 11
    publics = {str(dv.sqref).split(":")[0]: dv for dv in seances.data_validations.dataValidation}
    column = next(
        c for c in range(1, seances.max_column + 1) if seances.cell(1, c).value == "Public 1"
    )
    assert publics[f"{seances.cell(2, column).column_letter}2"].type == "list"


@pytest.mark.parametrize(
    ("territoire", "annee"),
    [
        ("poitiers", "2019"),
        ("poitiers", "2020"),
        ("poitiers", "2021"),
        ("poitiers", "2022"),
        ("arml-bfc", "2018"),
        ("cps-missions-locales-hdf", "2022"),
        ("cps-missions-locales-hdf", "2023"),
        ("ml-haute-vienne", "2019"),
        ("ml-haute-vienne", "2020"),
    ],
)
def test_a_form_imported_as_it_was_made_changes_nothing(
    cli: Cli, tmp_path: Path, territoire: str, annee: str
) -> None:
    root = tmp_path / territoire
    shutil.copytree(PLANS / territoire, root)
    before = text_of(root, annee)
    path = make_form(cli, root, tmp_path / "fiche.xlsx", year=annee)
    result = cli("import", path, root)
    assert result.code == 0, result.err
    assert result.out.strip() == f"inchangé : {root / 'activite' / f'{annee}.yaml'}"
    assert "avertissement" not in result.err
    assert "erreur" not in result.err
    assert "fiche.xlsx : aucun changement" in result.err
    assert text_of(root, annee) == before


# ---------------------------------------------------------------- a partner's filling


def fill_like_a_partner(path: Path, target: Path) -> None:
    """Two séances of the info-formations (one by the drop-down's label, one by its title),
    partners by name, a date typed as text, « 11 participants », then the sheet sorted by
    date; a meeting of the COPIL with its presence."""
    wb = load_workbook(path)
    ws = wb["Séances"]
    label = ws.cell(row_of(ws, 2, "Info-formations"), 2).value
    row = empty_row(ws)
    put(
        ws,
        row,
        {
            "Réalisation": label,
            "Date": "10/06/2022",
            "Structure 1": "habitat de la vienne",
            "Présents 1": "11 participants",
            "Structure 2": "EKIDOM",
            "Présents 2": 3,
        },
    )
    put(
        ws,
        row + 1,
        {
            "Réalisation": "Info-formations santé mentale pour les acteurs du CLSPD",
            "Date": datetime(2022, 6, 24),
            "Présences (total)": 9,
        },
    )
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=row + 1)]
    rows.sort(key=lambda r: str(r[2]), reverse=True)  # the partner sorts by date
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c).value = value
    ws = wb["Réunions"]
    put(
        ws,
        empty_row(ws),
        {
            "Instance": "Comité de pilotage",
            "Date": "15/12/2022",
            "Personnes présentes": 14,
            "Structures présentes": "UNAFAM\nDAC\nville-poitiers",
            "Ordre du jour": "Bilan 2022\nPerspectives 2023",
        },
    )
    wb.save(target)


def test_poitiers_round_trip_a_partners_form_shows_in_the_bilan(
    cli: Cli, poitiers: Path, tmp_path: Path
) -> None:
    form = make_form(cli, poitiers, tmp_path / "fiche.xlsx")
    filled = tmp_path / "rempli.xlsx"
    fill_like_a_partner(form, filled)
    before = text_of(poitiers)
    result = cli("import", filled, poitiers)
    assert result.code == 0, result.err
    assert result.out.strip() == f"écrit : {poitiers / 'activite' / '2022.yaml'}"
    err = result.err
    assert "rempli.xlsx:Séances!" in err
    assert "« 10/06/2022 » lu comme le 10 juin 2022 (jour/mois)" in err
    assert "« 11 participants » lu comme 11" in err
    assert "« habitat de la vienne » lu comme le partenaire « Habitat de la Vienne »" in err
    assert "réalisation reconnue à son titre" in err
    assert "rempli.xlsx:Réunions!C" in err
    assert "« 15/12/2022 » lu comme le 15 décembre 2022" in err
    assert "rempli.xlsx : 2 séances ajoutées, 1 réunion ajoutée" in err
    after = text_of(poitiers)
    comments = [line.strip() for line in before.splitlines() if line.strip().startswith("#")]
    assert all(c in after for c in comments), "un commentaire du fichier a été perdu"
    assert "partenaire: habitat-vienne\n            participants: 11" in after
    assert after.index("- date: 2022-06-10") < after.index("- date: 2022-06-24")  # by date
    assert cli("validate", poitiers).code == 0
    assert cli("fmt", "--check", poitiers).code == 0
    bilan = tmp_path / "bilan.md"
    assert cli("report", "2022", poitiers, "-o", bilan).code == 0
    text = bilan.read_text(encoding="utf-8")
    assert "44 présences (personnes distinctes non renseignées)" in text  # 21 + 14 + 9
    assert "| 10 juin 2022 | 14 | 11 Habitat de la Vienne, 3 EKIDOM |" in text
    assert "3 réunions en 2022" in text
    assert "#### 15 décembre 2022" in text
    assert "| Formations organisées | 1.2.2 | 5 (calculé) |" in text
    again = cli("import", filled, poitiers)
    assert again.code == 0, again.err
    assert again.out.strip().startswith("inchangé : ")
    assert "avertissement" not in again.err  # nothing read a second time is said again
    assert text_of(poitiers) == after


def test_rows_sorted_or_inserted_change_nothing(cli: Cli, poitiers: Path, tmp_path: Path) -> None:
    form = make_form(cli, poitiers, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Réalisations"]
    ws.insert_rows(3, 2)  # two blank rows inserted in the middle
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=ws.max_row)]
    rows.sort(key=lambda r: str(r[3] or "~"))  # sorted by title
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c).value = value
    wb.save(form)
    result = cli("import", form, poitiers)
    assert result.code == 0, result.err
    assert result.out.startswith("inchangé")


def test_a_pre_filled_row_edited_updates_its_entry_in_place(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Réalisations"]
    put(ws, row_of(ws, 4, "Info-formation"), {"Lieu": "Médiathèque", "Personnes touchées": 15})
    wb.save(form)
    before = text_of(root)
    result = cli("import", form, root)
    assert result.code == 0, result.err
    assert "fiche.xlsx : 2 changements reportés" in result.err
    after = text_of(root)
    assert after.count("- action: 1.1.1") == before.count("- action: 1.1.1")  # not duplicated
    assert "    lieu: Médiathèque\n" in after
    assert "    participants: 15\n" in after


# ---------------------------------------------------------------- conflicts


def edit_yaml(root: Path, old: str, new: str) -> None:
    path = root / "activite" / "2022.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_value_changed_in_the_file_and_in_the_form_is_a_conflict(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    edit_yaml(root, "participants: 11", "participants: 12")  # the coordinator, since
    wb = load_workbook(form)
    ws = wb["Séances"]
    row = 2
    put(ws, row, {"Présences (total)": 13})  # the partner, in the form
    put(ws, row + 1, {"Lieu": "Salle du conseil"})  # another séance, no conflict
    wb.save(form)
    before = text_of(root)
    result = cli("import", form, root)
    assert result.code == 1
    assert (
        "fiche.xlsx:Séances!F2: erreur [conflit-collecte] « Présences (total) » changé dans la"
        " fiche (« 13 ») et dans le fichier depuis que la fiche a été faite (« 12 ») : la valeur"
        " du fichier est gardée"
    ) in result.err
    assert "rien n'a été écrit" in result.err
    assert text_of(root) == before
    kept = cli("import", form, root, "--garder-valides")
    assert kept.code == 1
    assert "conflit-collecte" in kept.err
    assert "importé en partie" in kept.err
    after = text_of(root)
    assert "participants: 12" in after
    assert "participants: 13" not in after
    assert "lieu: Salle du conseil" in after


def test_different_fields_changed_on_each_side_are_both_kept(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    edit_yaml(root, "titre: Info-formation", "titre: Info-formations")
    wb = load_workbook(form)
    ws = wb["Réalisations"]
    put(ws, 2, {"Lieu": "Poitiers"})
    wb.save(form)
    result = cli("import", form, root)
    assert result.code == 0, result.err
    after = text_of(root)
    assert "titre: Info-formations" in after
    assert "lieu: Poitiers" in after


def test_two_partners_forms_merged_together_and_their_conflicts(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    plan = MINIMAL["plan.yaml"].replace("partenaires: [ville]", "partenaires: [ville, unafam]")
    root = territory(plan_yaml=plan)
    forms = tmp_path / "fiches"
    result = cli(
        "collecte", "2022", root, "--partenaire", "ch", "--partenaire", "unafam", "-o", forms
    )
    assert result.code == 0, result.err
    ch, unafam = (
        forms / "collecte-territoire-2022-ch.xlsx",
        forms / "collecte-territoire-2022-unafam.xlsx",
    )
    assert ch.is_file()
    assert unafam.is_file()
    wb = load_workbook(ch)
    assert "Réunions" not in wb.sheetnames  # the CH sits on no body
    ws = wb["Séances"]
    put(ws, 2, {"Présences (total)": 12})
    put(
        ws,
        empty_row(ws),
        {"Réalisation": ws.cell(2, 2).value, "Date": "03/06/2022", "Présences (total)": 8},
    )
    wb.save(ch)
    wb = load_workbook(unafam)
    assert "Réunions" in wb.sheetnames  # the UNAFAM sits on the COPIL
    ws = wb["Séances"]
    put(ws, 2, {"Présences (total)": 14})  # the same séance, otherwise
    ws = wb["Réunions"]
    put(
        ws,
        empty_row(ws),
        {"Instance": "Comité de pilotage", "Date": "2022-10", "Structures présentes": "UNAFAM"},
    )
    wb.save(unafam)
    result = cli("import", ch, unafam, root)
    assert result.code == 1
    assert (
        "collecte-territoire-2022-unafam.xlsx:Séances!F2: erreur [conflit-collecte]"
        " « Présences (total) » changé dans la fiche (« 14 ») et par"
        " collecte-territoire-2022-ch.xlsx (« 12 »)"
    ) in result.err
    result = cli("import", ch, unafam, root, "--garder-valides")
    after = text_of(root)
    assert "participants: 12" in after
    assert "participants: 14" not in after
    assert "date: 2022-06-03" in after
    assert "date: 2022-10" in after


# ---------------------------------------------------------------- what a form says


def test_keys_altered_erased_or_copied(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Séances"]
    ws.cell(2, 1).value = "S-0000000000"  # altered
    ws.cell(3, 1).value = None  # erased: the row is still recognised
    copy = empty_row(ws)
    for c in range(1, ws.max_column + 1):
        ws.cell(copy, c).value = ws.cell(3, c).value
    ws.cell(copy, 1).value = wb["Séances"].cell(2, 1).value
    wb.save(form)
    result = cli("import", form, root)
    assert "fiche.xlsx:Séances!A2: erreur [cle-alteree]" in result.err
    assert "clé effacée : ligne reconnue" in result.err
    assert result.code == 1
    codes = {p["code"] for p in cli("import", form, root, "--format", "json").json()["problems"]}
    assert "cle-alteree" in codes


def test_a_row_deleted_from_the_form_keeps_its_entry(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    wb["Réunions"].delete_rows(2)
    wb.save(form)
    result = cli("import", form, root)
    assert result.code == 0, result.err
    assert "fiche.xlsx:Réunions: avertissement [ligne-absente]" in result.err
    assert "instance: copil" in text_of(root)
    document = cli("import", form, root, "--format", "json").json()
    assert [p["severity"] for p in document["problems"] if p["code"] == "ligne-absente"] == [
        "avertissement"
    ]


def test_an_unknown_action_stops_the_import_unless_the_valid_rows_are_kept(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Réalisations"]
    row = empty_row(ws)
    put(ws, row, {"Action": "9.9.9", "Type": "Atelier", "Titre": "Ailleurs", "Date": "2022-03"})
    put(ws, row + 1, {"Action": "1.1.1", "Type": "atelier", "Titre": "Atelier", "Date": "2022-03"})
    ws.cell(1, 20).value = "Mes notes"
    ws.cell(row, 20).value = "à revoir"
    wb.save(form)
    before = text_of(root)
    result = cli("import", form, root)
    assert result.code == 1
    assert "fiche.xlsx:Réalisations!B" in result.err
    assert "action inconnue : « 9.9.9 »" in result.err
    assert "fiche.xlsx:Réalisations!T1: info [colonne-ignoree] colonne « Mes notes »" in result.err
    assert "rien n'a été écrit" in result.err
    assert text_of(root) == before
    kept = cli("import", form, root, "--garder-valides")
    assert kept.code == 1
    assert "titre: Atelier" in text_of(root)
    assert "Ailleurs" not in text_of(root)


def test_the_merged_territory_is_checked_before_anything_is_written(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Séances"]
    seance = {"Réalisation": ws.cell(2, 2).value, "Date": "2021-12-01", "Présences (total)": 4}
    put(ws, empty_row(ws), seance)
    wb.save(form)
    before = text_of(root)
    result = cli("import", form, root)
    assert result.code == 1
    assert "fiche.xlsx:Séances!C4: erreur [date-hors-annee]" in result.err
    assert text_of(root) == before


def test_a_new_row_without_what_an_entry_needs_is_not_imported(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Réalisations"]
    put(ws, empty_row(ws), {"Action": "1.1.1", "Titre": "Sans type", "Date": "2022-04"})
    wb.save(form)
    result = cli("import", form, root)
    assert result.code == 1
    assert "fiche.xlsx:Réalisations!C3: erreur [non-importe] « Type » est à remplir" in result.err


def test_a_whole_number_with_a_point_or_a_comma_is_refused_never_guessed(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """`1.000` in « Personnes touchées » was written `participants: 1`: a thousand in French
    typing, read as one. A point or a comma in a whole number is refused, and nothing written."""
    root = territory()
    before = text_of(root)
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Réalisations"]
    put(
        ws,
        empty_row(ws),
        {
            "Action": "1.1.1",
            "Type": "Atelier",
            "Titre": "Forum",
            "Date": "2022-04",
            "Personnes touchées": "1.000",
        },
    )
    wb.save(form)
    result = cli("import", form, root)
    assert result.code == 1
    assert "« 1.000 » : un nombre entier s'écrit sans point ni virgule" in result.err
    assert text_of(root) == before


MEASURED = MINIMAL["plan.yaml"].replace(
    "                calcul: somme-participants\n",
    """\
                calcul: somme-participants
              - id: 1.1.1-c
                libelle: Situations suivies
                unite: nombre
""",
)


@pytest.mark.parametrize(
    ("sheet", "anchor", "header", "typed", "said"),
    [
        ("Mesures", "1.1.1-c", "Valeur", "8 situations", "avertissement [valeur-devinee]"),
        ("Mesures", "1.1.1-c", "Valeur", "douze", "erreur [non-importe]"),
        ("Suivi des actions", "1.1.1", "Statut", "en courrs", "erreur [non-importe]"),
    ],
)
def test_a_proposed_row_typed_and_not_read_is_said_never_dropped(
    cli: Cli,
    territory: Callable[..., Path],
    tmp_path: Path,
    sheet: str,
    anchor: str,
    header: str,
    typed: str,
    said: str,
) -> None:
    """« 8 situations » or « douze » in the « Valeur » of an indicator the form proposed was
    dropped with « aucun changement »: read as a number (said), or refused at its cell."""
    root = territory(plan_yaml=MEASURED)
    before = text_of(root)
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb[sheet]
    row = row_of(ws, 2, anchor)
    put(ws, row, {header: typed})
    column = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == header)
    wb.save(form)
    result = cli("import", form, root)
    cell = f"fiche.xlsx:{sheet}!{ws.cell(row, column).coordinate}: {said}"
    assert cell in result.err, result.err
    assert "aucun changement" not in result.err
    if said.startswith("erreur"):
        assert result.code == 1
        assert text_of(root) == before
    else:
        assert result.code == 0, result.err
        assert f"« {typed} » lu comme 8" in result.err
        assert "  - indicateur: 1.1.1-c\n    valeur: 8\n" in text_of(root)


def test_a_measurement_given_as_the_total_since_the_plans_start(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A partner could not say that a value is the total since the plan's start (`cumul`,
    which the evaluation does not add to the earlier years): the form's « Total depuis le
    début » column says it, « oui » or empty; a form made again shows it, imported unchanged
    it changes nothing, emptied it takes the mark off."""
    root = territory(plan_yaml=MEASURED)
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Mesures"]
    row = row_of(ws, 2, "1.1.1-c")
    assert value(ws, row, "Total depuis le début") is None
    put(ws, row, {"Valeur": 20, "Total depuis le début": "oui"})
    wb.save(form)
    result = cli("import", form, root)
    assert result.code == 0, result.err
    assert "  - indicateur: 1.1.1-c\n    valeur: 20\n    cumul: true\n" in text_of(root)

    again = make_form(cli, root, tmp_path / "fiche-2.xlsx")
    wb = load_workbook(again)
    ws = wb["Mesures"]
    row = row_of(ws, 2, "1.1.1-c")
    assert value(ws, row, "Total depuis le début") == "oui"
    before = text_of(root)
    result = cli("import", again, root)
    assert result.code == 0, result.err
    assert "aucun changement" in result.err
    assert text_of(root) == before

    put(ws, row, {"Total depuis le début": None})
    wb.save(again)
    result = cli("import", again, root)
    assert result.code == 0, result.err
    assert "  - indicateur: 1.1.1-c\n    valeur: 20\n" in text_of(root)
    assert "cumul" not in text_of(root)


@pytest.mark.parametrize(
    ("typed", "said", "cumul"),
    [
        ("x", "avertissement [valeur-devinee]", True),
        ("non", None, False),
        ("peut-être", "erreur [non-importe]", None),
    ],
)
def test_the_total_since_the_start_is_a_yes_or_nothing(
    cli: Cli,
    territory: Callable[..., Path],
    tmp_path: Path,
    typed: str,
    said: str | None,
    cumul: bool | None,
) -> None:
    """« x » is read as « oui » (said); « non » is the same as an empty cell; anything else
    is refused at its cell, and nothing written."""
    root = territory(plan_yaml=MEASURED)
    before = text_of(root)
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Mesures"]
    row = row_of(ws, 2, "1.1.1-c")
    put(ws, row, {"Valeur": 12, "Total depuis le début": typed})
    column = next(
        c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == "Total depuis le début"
    )
    wb.save(form)
    result = cli("import", form, root)
    if said is not None:
        assert f"fiche.xlsx:Mesures!{ws.cell(row, column).coordinate}: {said}" in result.err
    if cumul is None:
        assert result.code == 1
        assert "« peut-être » : écrivez « oui », ou laissez la cellule vide" in result.err
        assert text_of(root) == before
    else:
        assert result.code == 0, result.err
        assert "  - indicateur: 1.1.1-c\n    valeur: 12\n" in text_of(root)
        assert ("cumul: true" in text_of(root)) is cumul


def test_a_meeting_given_its_day_imports_once_and_again_changes_nothing(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A meeting pre-filled for « 2022-04 » and given its day: the same form imported again
    was a conflict (« l'entrée de cette ligne n'est plus dans le fichier »), its key made of
    the date the form was given; and the day was written quoted (`date: "2022-04-12"`) where
    a new meeting's is not."""
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Réunions"]
    row = row_of(ws, 2, "Comité de pilotage")
    put(ws, row, {"Date": datetime(2022, 4, 12), "Structures présentes": "Ville de Test"})
    put(
        ws,
        empty_row(ws),
        {
            "Instance": "Comité de pilotage",
            "Date": datetime(2022, 10, 5),
            "Structures présentes": "Ville de Test",
        },
    )
    wb.save(form)
    result = cli("import", form, root)
    assert result.code == 0, result.err
    written = text_of(root)
    assert "    date: 2022-04-12\n" in written
    assert "    date: 2022-10-05\n" in written
    result = cli("import", form, root)
    assert result.code == 0, result.err
    assert "aucun changement" in result.err
    assert "conflit" not in result.err
    assert text_of(root) == written


def test_a_year_without_its_file_gets_one(cli: Cli, poitiers: Path, tmp_path: Path) -> None:
    assert not (poitiers / "activite" / "2023.yaml").exists()
    form = make_form(cli, poitiers, tmp_path / "fiche.xlsx", year="2023")
    wb = load_workbook(form)
    ws = wb["Suivi des actions"]
    assert ws.cell(2, 2).value.startswith("1.1.1 — ")  # a row proposed per action
    put(ws, 2, {"Statut": "En cours", "Avancement (%)": "60 %"})
    wb.save(form)
    result = cli("import", form, poitiers)
    assert result.code == 0, result.err
    text = text_of(poitiers, "2023")
    assert "annee: 2023" in text
    assert "statut: en-cours" in text
    assert "avancement: 60" in text
    assert text.count("- action:") == 1  # the other proposed rows stayed empty
    assert cli("validate", poitiers).code == 0


def test_a_partners_form_covers_its_actions_and_bodies(
    cli: Cli, poitiers: Path, tmp_path: Path
) -> None:
    form = make_form(cli, poitiers, tmp_path / "f.xlsx", "--partenaire", "unafam")
    wb = load_workbook(form)
    instructions = "\n".join(str(c.value) for c in wb["Mode d'emploi"]["A"] if c.value)
    assert "Pour : UNAFAM" in instructions
    actions = {str(c.value).split(" — ")[0] for c in wb["Listes"]["A"][1:] if c.value}
    assert actions
    assert "1.2.2" in actions
    result = cli("collecte", "2022", poitiers, "--partenaire", "unafan")
    assert result.code == 2
    assert "vouliez-vous dire « unafam »" in result.err
    result = cli("collecte", "2030", poitiers)
    assert result.code == 2
    assert "aucun plan" in result.err


# ---------------------------------------------------------------- hostile forms


def test_a_form_goes_through_the_guard(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    renamed = tmp_path / "fiche.xls"
    renamed.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    result = cli("import", renamed, root)
    assert result.code == 1
    assert "format Excel 97-2003" in result.err
    wb = load_workbook(form)
    ws = wb["Séances"]
    ws.cell(2, 6).value = "=1+1"
    wb["clsm-collecte"].cell(9, 3).value = "{pas du json"
    wb.save(form)
    result = cli("import", form, root)
    assert result.code == 1
    assert "feuille masquée clsm-collecte a été modifiée" in result.err
    assert "Traceback" not in result.err


def test_a_formula_in_a_form_is_not_read(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    wb["Séances"].cell(2, 6).value = "=B1+1"
    wb.save(form)
    result = cli("import", form, root)
    assert result.code == 1
    assert "fiche.xlsx:Séances!F2: erreur [non-importe] formule ignorée" in result.err


def test_a_grid_and_a_form_are_not_imported_together(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    grid = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", grid).code == 0
    result = cli("import", grid, form, root)
    assert result.code == 2
    assert "ne s'importent pas ensemble" in result.err


# ---------------------------------------------------------------- LibreOffice


def test_a_form_saved_again_by_libreoffice_still_imports(
    cli: Cli, poitiers: Path, tmp_path: Path
) -> None:
    import subprocess

    libreoffice = shutil.which("libreoffice") or shutil.which("soffice")
    if libreoffice is None:
        pytest.skip("LibreOffice n'est pas installé")
    form = make_form(cli, poitiers, tmp_path / "fiche.xlsx")
    filled = tmp_path / "rempli.xlsx"
    fill_like_a_partner(form, filled)
    out = tmp_path / "lo"
    subprocess.run(
        [
            libreoffice,
            f"-env:UserInstallation=file://{tmp_path}/profil",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(filled),
        ],
        capture_output=True,
        timeout=240,
        check=True,
    )
    result = cli("import", out / "rempli.xlsx", poitiers)
    assert result.code == 0, result.err
    assert "2 séances ajoutées, 1 réunion ajoutée" in result.err
    assert "partenaire: habitat-vienne" in text_of(poitiers)


# ---------------------------------------------------------------- reading dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-05-06", ("2025-05-06", "")),
        ("2025-05", ("2025-05", "")),
        ("2025", ("2025", "")),
        ("06/05/2025", ("2025-05-06", "jour/mois")),
        ("6.5.25", ("2025-05-06", "jour/mois")),
        ("05/2025", ("2025-05", "mois/année")),
        ("6 mai 2025", ("2025-05-06", "en toutes lettres")),
        ("1er février 2025", ("2025-02-01", "en toutes lettres")),
        ("2025-05-06 00:00:00", ("2025-05-06", "")),
        ("31/02/2025", None),
        ("bientôt", None),
    ],
)
def test_dates_typed_as_text(text: str, expected: tuple[str, str] | None) -> None:
    assert parse_date(text) == expected


# ---------------------------------------------------------------- appending, fast


def test_new_entries_are_appended_as_the_tree_would_write_them(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A form that only adds entries is written as text (appending.py); the result is the
    one the tree gives, comments and all, in canonical form."""
    from clsm_cli.collecte import merge

    texts = []
    calls: list[bool] = []
    original = merge.appended

    def counted(*args: Any) -> str | None:
        result = original(*args)
        calls.append(result is not None)
        return result

    for slow in (False, True):
        root = territory()
        (root / "activite" / "2022.yaml").unlink()
        assert cli("nouvelle-annee", "2022", root).code == 0  # `realisations: []`, comments
        form = make_form(cli, root, tmp_path / f"fiche-{slow}.xlsx")
        wb = load_workbook(form)
        ws = wb["Réalisations"]
        put(
            ws,
            2,
            {
                "Action": "1.1.1",
                "Type": "Atelier",
                "Titre": "Atelier : le stress",
                "Date": "2022-03",
                "Partenaires": "ch\nville",
                "Personnes touchées": 12,
            },
        )
        put(
            ws,
            3,
            {
                "Action": "1.1.1",
                "Type": "Formation",
                "Titre": "PSSM #2",
                "Date": datetime(2022, 4, 5),
                "Texte du bilan": "Deux jours.\n\nBien suivis.",
            },
        )
        ws = wb["Séances"]
        put(
            ws,
            2,
            {
                "Réalisation": "PSSM #2",
                "Date": "05/04/2022",
                "Structure 1": "UNAFAM",
                "Présents 1": 6,
                "Structure 2": "Mairie annexe",
                "Présents 2": 2,
            },
        )
        ws = wb["Réunions"]
        put(
            ws,
            empty_row(ws),
            {
                "Instance": "Comité de pilotage",
                "Date": "2022-10",
                "Ordre du jour": "Bilan\nFinancement : 2023",
            },
        )
        wb.save(form)
        monkeypatch.setattr(merge, "appended", (lambda *args: None) if slow else counted)
        result = cli("import", form, root)
        assert result.code == 0, result.err
        texts.append(text_of(root))
        assert slow or calls == [True], "the form only adds entries: appended as text"
        assert cli("fmt", "--check", root / "activite" / "2022.yaml").code == 0
        assert cli("validate", root).code == 0
    fast, slow_text = texts
    assert fast == slow_text
    assert "# Les actions du plan :" in fast  # nouvelle-annee's comments are kept
    assert "titre: PSSM #2" not in fast  # a `#` that would start a comment is quoted
    assert 'titre: "PSSM #2"' in fast


@pytest.mark.parametrize(
    "text",
    [
        "Formation",
        "Thème : santé",
        "l'atelier",
        "2023-05-06",
        "1.1",
        "1.1.1",
        "a:b",
        "x #y",
        "2023",
        "oui",
        "no",
        "true",
        "~",
        "0x10",
        "12:30",
        "Café-débat",
        "50 %",
        "-x",
        "#1",
        "a, b",
        "[x]",
        "« citation »",
        "O'Neil",
        "Année 2023 — bilan",
        "a  b",
        "x" * 79,
    ],
)
def test_a_simple_value_is_written_as_ruamel_yaml_writes_it(text: str) -> None:
    from ruamel.yaml.comments import CommentedMap

    from clsm_cli.writing.commented import commented, dump_tree
    from clsm_cli.writing.fmt import canonical_tree
    from clsm_cli.writing.yaml_text import block_item

    item = {"action": "1.1.1", "titre": text, "partenaires": [text, "ch"], "participants": 3}
    fast = block_item(item, 2)
    tree = CommentedMap({"realisations": commented([item])})
    canonical_tree(tree, "activite", "")
    assert fast in (None, dump_tree(tree).split("\n", 1)[1])


# ---------------------------------------------------------------- more of what a form says


def test_a_row_emptied_keeps_its_entry_and_a_title_emptied_is_refused(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Réunions"]
    for c in range(2, ws.max_column + 1):
        ws.cell(2, c).value = None
    ws = wb["Réalisations"]
    put(ws, 2, {"Titre": None})
    wb.save(form)
    before = text_of(root)
    result = cli("import", form, root)
    assert result.code == 1
    assert "fiche.xlsx:Réunions!B2: avertissement [ligne-absente] ligne pré-remplie vidée" in (
        result.err
    )
    assert "fiche.xlsx:Réalisations!D2: erreur [non-importe] « Titre » est à remplir" in result.err
    assert text_of(root) == before


def test_the_import_says_it_in_json_with_each_cell(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Séances"]
    put(
        ws,
        empty_row(ws),
        {"Réalisation": ws.cell(2, 2).value, "Date": "3/6/22", "Présences (total)": 5},
    )
    wb.save(form)
    result = cli("import", form, root, "--format", "json")
    assert result.code == 0, result.err
    document = result.json()
    assert document["written"] == [str(root / "activite" / "2022.yaml")]
    guess = next(p for p in document["problems"] if p["code"] == "valeur-devinee")
    assert guess["file"] == "fiche.xlsx"
    assert guess["cellule"] == "Séances!C4"


def test_a_form_is_imported_into_the_territory_it_was_made_for(
    cli: Cli, territory: Callable[..., Path], poitiers: Path, tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    result = cli("import", form, poitiers)
    assert result.code == 1
    assert "a été faite pour « CLSM de Test », pas pour « CLSM de Poitiers »" in result.err
    depot = tmp_path / "depot"
    shutil.copytree(root, depot / "plans" / "test")
    shutil.copytree(poitiers, depot / "plans" / "poitiers")
    result = cli("import", form, cwd=depot)  # plans/ has two territories: the form names one
    assert result.code == 0, result.err
    assert result.out.strip() == "inchangé : plans/test/activite/2022.yaml"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("~$fiche.xlsx", b"PK\x03\x04", "fichier de verrouillage d'Excel"),
        ("fiche.xlsx", b"Action;Date\n1.1.1;06/05/2022\n", "c'est du texte (un CSV ?)"),
        ("fiche.xlsx", b"PK\x03\x04" + b"\0" * 40, "tronqué ou abîmé"),
    ],
)
def test_a_hostile_form_is_refused_by_the_guard(
    cli: Cli,
    territory: Callable[..., Path],
    tmp_path: Path,
    name: str,
    content: bytes,
    message: str,
) -> None:
    root = territory()
    path = tmp_path / name
    path.write_bytes(content)
    before = text_of(root)
    result = cli("import", path, root)
    assert result.code in (1, 2)
    assert message in result.err
    assert "Traceback" not in result.err
    assert text_of(root) == before


def test_keys_survive_the_file_being_reordered_and_reformatted(
    cli: Cli, poitiers: Path, tmp_path: Path
) -> None:
    form = make_form(cli, poitiers, tmp_path / "fiche.xlsx")
    path = poitiers / "activite" / "2022.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("  - id: sism-2022\n")
    second = text.index("  - id: eco-anxiete-2022\n")
    # the two SISM réalisations moved after the eco-anxiety day, and a comment added
    text = text[:first] + text[second:].replace(
        "  - id: balade-verte-2022\n",
        text[first:second] + "  # déplacées\n  - id: balade-verte-2022\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    assert cli("fmt", poitiers).code == 0
    wb = load_workbook(form)
    ws = wb["Réalisations"]
    put(ws, row_of(ws, 4, "Clôture des SISM"), {"Personnes touchées": 50})
    wb.save(form)
    result = cli("import", form, poitiers)
    assert result.code == 0, result.err
    after = path.read_text(encoding="utf-8")
    cloture = after[after.index("id: sism-2022-cloture") :]
    assert cloture[: cloture.index("  - id:")].count("participants: 50") == 1
    assert "# déplacées" in after


def test_attendance_by_public_sex_and_age(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Séances"]
    put(
        ws,
        empty_row(ws),
        {
            "Réalisation": ws.cell(2, 2).value,
            "Date": "2022-06-03",
            "Présences (total)": 11,
            "Public 1": "Professionnels",
            "Nombre (public 1)": 8,
            "Public 2": "habitants",
            "Nombre (public 2)": 3,
            "Femmes": 7,
            "Hommes": 4,
            "Âge 1": "18 à 25 ans",
            "Nombre (âge 1)": 6,
            "Âge 2": "60+",
            "Nombre (âge 2)": 5,
        },
    )
    ws = wb["Réalisations"]
    put(ws, 2, {"Public 1": "élus", "Nombre (public 1)": 2})  # no persons counted: refused
    wb.save(form)
    result = cli("import", form, root)
    assert "« 18 à 25 ans » lu comme la tranche d'âge 18-25" in result.err
    assert "« habitants » lu comme" not in result.err  # a value of the list, as written
    assert result.code == 1, result.err  # persons by public without persons: an error
    result = cli("import", form, root, "--garder-valides")
    text = text_of(root)
    from clsm_cli.loader import parse

    (realisation,) = parse(text, "2022.yaml").data["realisations"]
    seance = realisation["seances"][-1]
    assert seance["date"] == "2022-06-03"
    assert seance["publics"] == {"habitants": 3, "professionnels": 8}
    assert seance["sexes"] == {"femmes": 7, "hommes": 4}
    assert seance["ages"] == {"18-25": 6, "60+": 5}
    assert "publics" not in realisation
    assert cli("validate", root).code == 0
    again = load_workbook(make_form(cli, root, tmp_path / "encore.xlsx"))
    row = 4  # the third séance of the réalisation
    assert value(again["Séances"], row, "Âge 1") == "18-25"
    assert value(again["Séances"], row, "Nombre (public 2)") == 8  # habitants first, as fmt sorts


@pytest.mark.parametrize(("label", "value"), [("Année", "deux mille"), ("empreinte", "5")])
def test_a_hidden_sheet_edited_by_hand_is_said_not_an_internal_error(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, label: str, value: str
) -> None:
    """The hidden sheet's year or a fingerprint changed by hand gave « erreur interne »."""
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["clsm-collecte"]
    for row in ws.iter_rows(min_row=2):
        if label == "Année" and row[0].value == "Année":
            row[1].value = value
            break
        if label == "empreinte" and isinstance(row[2].value, str) and row[2].value.startswith("{"):
            row[2].value = value
            break
    else:
        pytest.fail(f"no {label} in the hidden sheet")
    wb.save(form)
    result = cli("import", form, root)
    assert result.code != 0
    assert "la feuille masquée clsm-collecte a été modifiée" in result.err
    assert "erreur interne" not in result.err


def test_two_forms_of_the_same_name_are_refused(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """a/fiche.xlsx and b/fiche.xlsx (the same form sent to two partners): their rows, remarks
    and counts were mixed up by name; the command now asks to rename them and writes nothing."""
    root = territory()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = make_form(cli, root, tmp_path / "a" / "fiche.xlsx")
    second = make_form(cli, root, tmp_path / "b" / "fiche.xlsx")
    before = text_of(root)
    result = cli("import", first, second, root)
    assert result.code == 2
    assert "plusieurs fiches s'appellent fiche.xlsx" in result.err
    assert text_of(root) == before


def test_an_unknown_partner_is_said_absent_from_the_directory(
    cli: Cli, poitiers: Path, tmp_path: Path
) -> None:
    result = cli("collecte", "2022", poitiers, "-o", tmp_path / "x.xlsx", "--partenaire", "zzz")
    assert result.code == 2, result.err
    assert "le partenaire « zzz » n'existe pas dans l'annuaire" in result.err


def test_a_field_the_form_contradicts_is_said_at_the_row_that_does(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """Séances added by the form to a realisation whose file says 30 persons reached: the
    error was said at « activite/2022.yaml » and « realisations[0].participants », which the
    form does not show. It is said at the first séance row the form added."""
    activity = (
        "annee: 2022\nrealisations:\n  - action: 1.1.1\n    type: formation\n"
        "    titre: Info-formation\n    date: 2022-05\n    participants: 30\n"
    )
    root = territory(activite__2022_yaml=activity)
    assert cli("validate", root).code == 0
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Séances"]
    realisation = "Info-formation"  # the title the Réalisations sheet gives
    first = empty_row(ws)
    put(ws, first, {"Réalisation": realisation, "Date": "2022-05-06", "Présences (total)": 5})
    put(ws, first + 1, {"Réalisation": realisation, "Date": "2022-05-20", "Présences (total)": 6})
    wb.save(form)
    before = text_of(root)
    result = cli("import", form, root)
    assert result.code == 1
    assert f"fiche.xlsx:Séances!B{first}: erreur [incoherence] les personnes touchées (30)" in (
        result.err
    )
    assert "realisations[0]" not in result.err
    assert text_of(root) == before


def test_a_partner_named_in_part_is_refused_with_the_name_it_may_mean(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """« Maison de la Métropole » for « Maison de la Métropole de Villeurbanne » was refused
    without a word of the partner it was close to."""
    root = territory()
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Réalisations"]
    row = row_of(ws, 4, "Info-formation")
    put(ws, row, {"Partenaires": "hospitalier"})
    wb.save(form)
    result = cli("import", form, root)
    assert result.code == 1
    assert (
        "partenaire inconnu : « hospitalier » — vouliez-vous dire « Centre hospitalier » ?"
        in result.err
    ), result.err


def test_a_partner_typed_by_its_exact_name_is_no_guess(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A partner with an acronym is listed « Ville de Test (VDT) »; typed « Ville de Test »,
    its exact name, the import said it had guessed."""
    partners = MINIMAL["partenaires.yaml"].replace(
        "nom: Ville de Test\n", "nom: Ville de Test\n    sigle: VDT\n"
    )
    assert "sigle: VDT" in partners
    for typed, guessed in (("Ville de Test", False), ("ville de TEST", True)):
        root = territory(partenaires_yaml=partners)
        form = make_form(cli, root, tmp_path / f"fiche-{guessed}.xlsx")
        wb = load_workbook(form)
        ws = wb["Réalisations"]
        row = row_of(ws, 4, "Info-formation")
        put(ws, row, {"Partenaires": f"{value(ws, row, 'Partenaires')}\n{typed}"})
        wb.save(form)
        result = cli("import", form, root)
        assert result.code == 0, result.err
        assert "partenaires:\n      - ch\n      - ville\n" in text_of(root)
        assert (f"« {typed} » lu comme le partenaire" in result.err) is guessed, result.err


def test_a_name_several_partners_hold_suggests_none_of_them(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """« Centre » is in « Centre hospitalier » and in « Centre social »: clsm does not pick
    one to suggest."""
    partners = MINIMAL["partenaires.yaml"] + (
        "  - id: cs\n    nom: Centre social\n    secteur: social-medico-social\n"
    )
    root = territory(partenaires_yaml=partners)
    form = make_form(cli, root, tmp_path / "fiche.xlsx")
    wb = load_workbook(form)
    ws = wb["Réalisations"]
    put(ws, row_of(ws, 4, "Info-formation"), {"Partenaires": "Centre"})
    wb.save(form)
    result = cli("import", form, root)
    assert result.code == 1
    assert "partenaire inconnu : « Centre »" in result.err
    assert "vouliez-vous dire" not in result.err


def test_a_form_leaves_out_the_actions_outside_their_calendar(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """The stranger's 2025 form asked for the status of an action whose calendar had ended
    in 2024. An action not due in the year is not proposed, unless the year's file already
    has entries of it, or it is asked for."""
    plan = MINIMAL["plan.yaml"].replace(
        "            pilote: ch\n", "            pilote: ch\n            calendrier: {fin: 2022}\n"
    )
    assert "calendrier: {fin: 2022}" in plan
    root = territory(plan_yaml=plan, activite__2023_yaml="annee: 2023\n")

    def proposed(year: str, *args: str) -> list[str]:
        form = make_form(cli, root, tmp_path / f"f-{year}-{len(args)}.xlsx", *args, year=year)
        ws = load_workbook(form)["Suivi des actions"]
        return [str(ws.cell(r, 2).value).split(" — ")[0] for r in range(2, ws.max_row + 1)]

    assert "1.1.1" in proposed("2022")
    assert "1.1.1" not in proposed("2023")
    assert "1.1.1" in proposed("2023", "--action", "1.1.1")
    root = territory(
        plan_yaml=plan,
        activite__2023_yaml="annee: 2023\nactions:\n  - {action: 1.1.1, statut: realisee}\n",
    )
    assert "1.1.1" in proposed("2023")
