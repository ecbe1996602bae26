"""Excel grids: the export read back with openpyxl, the round trip, the seed's own grid."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from ruamel.yaml import YAML

from clsm_cli.figures import tracking
from clsm_cli.models.plan import Plan
from clsm_cli.validation.pipeline import validate_paths
from conftest import MINIMAL, PLANS, REPO, Result, libreoffice_pdf

Cli = Callable[..., Result]
SEED = Path(__file__).resolve().parent / "data" / "grille-cctc.txt"
"""The CCTC action grid as tab-separated text, cell by cell (kept in the repository)."""
SEED_HEADERS = [
    "Objectifs stratégiques",
    "Objectifs spécifiques",
    "Actions",
    "Description",
    "Prérequis",
    "Public cible",
    "Identification des dispositifs existants",
    "Résultats attendus",
    "Indicateurs de résultat",
    "Source de vérification",
    "Moyens financiers, humains et matériels mobilisables",
    "Moyens financiers, humains et matériels à mobiliser/à rechercher",
]
PLAN_FILES = sorted(PLANS.glob("*/plan*.yaml"))


def export(cli: Cli, source: Path, target: Path, *extra: str) -> Result:
    result = cli("export", source, "-o", target, *extra)
    assert result.code == 0, result.err
    return result


# ---------------------------------------------------------------- export


@pytest.fixture(scope="module")
def cctc_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from clsm_cli.excel.export import export_workbook
    from clsm_cli.excel.layouts import load_layout

    target = tmp_path_factory.mktemp("export") / "cctc.xlsx"
    dossier = validate_paths([PLANS / "cctc"]).dossiers[0]
    layout, problems = load_layout("cctc", [])
    assert layout is not None
    assert problems == []
    export_workbook(dossier, None, layout, target, force=False)
    return target


def test_cctc_layout_has_the_seed_headers_and_structure(cctc_book: Path) -> None:
    wb = load_workbook(cctc_book)
    assert wb.sheetnames == ["Plan d'action", "Indicateurs", "Partenaires", "Informations"]
    ws = wb["Plan d'action"]
    assert [ws.cell(3, c).value for c in range(1, 13)] == SEED_HEADERS
    assert ws.cell(3, 13).value == "Partenaires", "the only clsm-only field the CCTC plan uses"
    assert ws.max_column == 13
    assert ws.cell(1, 1).value == "Objectif global CLSM CCTC"
    assert ws.cell(2, 1).value == "Période : 2023–2027"
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:M12"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth or 1) == 1, "1 is OOXML's default, which writers may omit"
    assert ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    merges = {str(r) for r in ws.merged_cells.ranges}
    assert "A4:A8" in merges, "axis 1 over its five actions"
    assert "B4:B5" in merges, "objective 1.1 over actions 1.1.1 and 1.1.2"
    assert ws["A9"].value == "2."
    assert ws["B9"].value == "Objectif spécifique 2.1"
    assert ws["C9"].value.startswith("Action 2.1.1 Création d'un répertoire")
    assert ws["E4"].value.split("\n") == [
        "Identification d'une formation adaptée",
        "Identification des acteurs à former",
        "Modalité de Financement des ateliers",
    ]
    assert ws["C4"].alignment.wrap_text is True
    assert ws["C4"].alignment.vertical == "top"
    assert 40 <= ws.column_dimensions["D"].width < 41
    assert ws.row_dimensions[4].height > 40


def test_no_cell_is_a_formula(cctc_book: Path) -> None:
    wb = load_workbook(cctc_book)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate


def test_companion_sheets_and_properties(cctc_book: Path) -> None:
    wb = load_workbook(cctc_book)
    indicators = wb["Indicateurs"]
    assert indicators["A1"].value == "Identifiant"
    assert indicators["A2"].value == "1.1.1-a"
    assert indicators["H2"].value == "60\u202f%", "a target with its unit, as the bilan says it"
    assert indicators["M1"].value == "Sources de vérification"
    assert indicators["N1"].value == "Public compté"
    assert indicators["O1"].value == "Cumul"
    assert indicators.max_column == 15, "no activity file: no value and no status to show"
    partners = wb["Partenaires"]
    assert partners.max_row == 18
    info = {r[0].value: r[1].value for r in wb["Informations"].iter_rows(min_row=2)}
    assert info["Début de la période"] == 2023
    assert wb.properties.title == "Objectif global CLSM CCTC"
    assert wb.properties.creator == "clsm"


def test_indicator_values_and_status_per_year(cli: Cli, territory: Callable[..., Path]) -> None:
    persons = "partenaires: [ch]\n    participants: 18"  # 18 persons, 21 attendances
    root = territory(
        activite__2022_yaml=MINIMAL["activite/2022.yaml"].replace("partenaires: [ch]", persons)
    )
    export(cli, root, root / "g.xlsx")
    ws = load_workbook(root / "g.xlsx")["Indicateurs"]
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["Valeur 2022", "Statut 2022"]
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=2)}
    assert rows["1.1.1-a"][-2] == pytest.approx(100 * 35 / 42)
    assert rows["1.1.1-a"][-1] == "en bonne voie"  # 83 % in 2022, before its target year
    assert rows["1.1.1-b"][-2] == 18


def test_indicator_sheet_says_absence_and_partial_sums(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    # 2022: a two-session training whose persons nobody counted, and a workshop of 5 persons:
    # the persons reached are at least 5. 2023: nothing recorded, so no figure at all.
    workshop = (
        "  - {action: 1.1.1, type: atelier, titre: Atelier, date: 2022-09, participants: 5}\n"
        "reunions:"
    )
    root = territory(
        activite__2022_yaml=MINIMAL["activite/2022.yaml"].replace("reunions:", workshop),
        activite__2023_yaml="annee: 2023\n",
    )
    export(cli, root, root / "g.xlsx")
    rows = indicator_rows(root / "g.xlsx")
    assert list(rows["1.1.1-a"])[-4:] == [
        "Valeur 2022",
        "Statut 2022",
        "Valeur 2023",
        "Statut 2023",
    ]
    assert rows["1.1.1-a"]["Valeur 2023"].value == "non renseigné"
    assert rows["1.1.1-b"]["Valeur 2023"].value == "non renseigné"
    assert rows["1.1.1-a"]["Statut 2023"].value is None, "no value, no status"
    partial = rows["1.1.1-b"]["Valeur 2022"]
    assert (partial.value, partial.data_type) == (5, "n")
    assert partial.number_format == '[$-40C]"au moins "#,##0', "no « au moins 5. » in Excel"
    assert rows["1.1.1-b"]["Statut 2022"].value == "valeur partielle"
    assert rows["1.1.1-a"]["Statut 2022"].value == "en bonne voie"


UNITS_PLAN = MINIMAL["plan.yaml"].replace(
    "                cibles: [{valeur: 60}]\n",
    "                reference: {annee: 2021, valeur: 20}\n"
    "                cibles: [{annee: 2023, valeur: 40}, {valeur: 62.5}]\n"
    "              - {id: 1.1.1-c, libelle: Budget, unite: euros,"
    " cibles: [{annee: 2022, valeur: 14500}]}\n"
    "              - {id: 1.1.1-d, libelle: Heures, unite: heures,"
    " reference: {annee: 2021, valeur: 0.25}, cibles: [{valeur: 18}]}\n"
    "              - {id: 1.1.1-e, libelle: Durée, unite: jours, cibles: [{valeur: 3}]}\n"
    "              - {id: 1.1.1-f, libelle: Charte signée, unite: oui-non,"
    " cibles: [{annee: 2023, valeur: 1}]}\n",
)
"""An indicator of each unit, with baselines and targets (one of them not a whole percent)."""
UNITS_2022 = MINIMAL["activite/2022.yaml"].replace(
    "    numerateur: 35\n    denominateur: 42\n",
    "    numerateur: 11\n    denominateur: 40\n"  # 27.5 %: 28 % in the bilan
    "  - {indicateur: 1.1.1-c, valeur: 4000}\n"
    "  - {indicateur: 1.1.1-d, valeur: 12.5}\n"
    "  - {indicateur: 1.1.1-e, valeur: 1}\n"
    "  - {indicateur: 1.1.1-f, valeur: 0}\n",
)
UNITS_2023 = (
    "annee: 2023\nmesures:\n"
    "  - {indicateur: 1.1.1-a, valeur: 39.96}\n"  # 39,96 %: not « 40 % » for 40 % missed
    "  - {indicateur: 1.1.1-c, valeur: 1234567}\n"
    "  - {indicateur: 1.1.1-d, valeur: 20}\n"
    "  - {indicateur: 1.1.1-e, valeur: 4}\n"
    "  - {indicateur: 1.1.1-f, valeur: 1}\n"
)


@pytest.fixture
def units(territory: Callable[..., Path]) -> Path:
    """A territory whose indicators count in every unit, over two years."""
    assert MINIMAL["plan.yaml"] != UNITS_PLAN
    assert MINIMAL["activite/2022.yaml"] != UNITS_2022
    return territory(
        plan_yaml=UNITS_PLAN, activite__2022_yaml=UNITS_2022, activite__2023_yaml=UNITS_2023
    )


def indicator_rows(path: Path) -> dict[str, dict[str, Any]]:
    """The Indicateurs sheet's cells, by indicator and header."""
    ws = load_workbook(path)["Indicateurs"]
    header = [c.value for c in ws[1]]
    return {r[0].value: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2)}


def test_indicator_values_are_numbers_shown_with_their_unit(cli: Cli, units: Path) -> None:
    export(cli, units, units / "g.xlsx")
    rows = indicator_rows(units / "g.xlsx")
    shown = {
        ident: (row["Valeur 2022"].value, row["Valeur 2022"].number_format)
        for ident, row in rows.items()
        if row["Valeur 2022"].data_type == "n"
    }
    assert shown == {
        "1.1.1-a": (27.5, '[$-40C]#,##0"\u00a0%"'),  # shown 28 %, as in the bilan
        "1.1.1-c": (4000, '[$-40C]#,##0"\u00a0€"'),  # 4 000 €
        "1.1.1-d": (12.5, '[$-40C]#,##0.0"\u00a0h"'),  # 12,5 h
        "1.1.1-e": (1, '[$-40C]#,##0" jour"'),
    }
    missed = rows["1.1.1-a"]["Valeur 2023"]
    assert (missed.value, missed.number_format) == (39.96, '[$-40C]#,##0.00"\u00a0%"')
    later = rows["1.1.1-e"]["Valeur 2023"]
    assert (later.value, later.number_format) == (4, '[$-40C]#,##0" jours"')
    millions = rows["1.1.1-c"]["Valeur 2023"]
    assert (millions.value, millions.data_type) == (1234567, "n")
    yes_no = rows["1.1.1-f"]
    assert [yes_no[f"Valeur {y}"].value for y in (2022, 2023)] == ["non", "oui"]
    assert rows["1.1.1-b"]["Valeur 2022"].value == "non renseigné"
    assert {ident: row["Cibles"].value for ident, row in rows.items()} == {
        "1.1.1-a": "40\u202f% (2023) ; 62,5\u202f%",
        "1.1.1-b": None,
        "1.1.1-c": "14\u202f500\u00a0€ (2022)",
        "1.1.1-d": "18\u00a0h",
        "1.1.1-e": "3 jours",
        "1.1.1-f": "oui (2023)",
    }
    assert rows["1.1.1-a"]["Référence"].value == "20\u202f% (2021)"
    assert rows["1.1.1-d"]["Référence"].value == "0.25 (2021)", "exact where the bilan rounds"


def test_each_year_has_its_status_coloured(cli: Cli, units: Path) -> None:
    export(cli, units, units / "g.xlsx")
    rows = indicator_rows(units / "g.xlsx")
    statuses = {
        ident: (row["Statut 2022"].value, row["Statut 2023"].value) for ident, row in rows.items()
    }
    assert statuses == {
        "1.1.1-a": ("en retard", "non atteint"),  # 28 % under the line to 40 % in 2023
        "1.1.1-b": (None, None),  # no value: no status
        "1.1.1-c": ("non atteint", "atteint"),  # 4 000 € for 14 500 € in 2022
        "1.1.1-d": ("en bonne voie", "en bonne voie"),
        "1.1.1-e": ("en bonne voie", "en bonne voie"),
        "1.1.1-f": (None, "atteint"),  # a no before its year: no line to follow
    }
    ws = load_workbook(units / "g.xlsx")["Indicateurs"]
    header = [c.value for c in ws[1]]
    assert header[15:] == ["Valeur 2022", "Statut 2022", "Valeur 2023", "Statut 2023"]
    fills = {
        str(cf.sqref): {
            rule.formula[0].strip('"'): rule.dxf.fill.bgColor.rgb[2:] for rule in cf.rules
        }
        for cf in ws.conditional_formatting
    }
    assert fills == {"Q2:Q7": tracking.STATUTS_COULEURS, "S2:S7": tracking.STATUTS_COULEURS}


@pytest.mark.parametrize("layout", ["cctc", "suivi-indicateurs"])
def test_units_and_statuses_come_back_through_import(
    cli: Cli, units: Path, tmp_path: Path, layout: str
) -> None:
    export(cli, units, tmp_path / "g.xlsx", "--grille", layout)
    result = cli("import", tmp_path / "g.xlsx", "-o", tmp_path / "retour")
    assert result.code == 0, result.out + result.err
    for column, header in (("P", "Valeur 2022"), ("Q", "Statut 2022"), ("S", "Statut 2023")):
        assert (
            f"g.xlsx:Indicateurs!{column}1: info [colonne-ignoree] colonne « {header} » non lue"
            in result.err
        )
    if layout == "suivi-indicateurs":
        assert "g.xlsx:Suivi!J3: info [colonne-ignoree] colonne « Statut 2022 » non lue" in (
            result.err
        )
    original = validate_paths([units]).dossiers[0].plans[0][1]
    back = validate_paths([tmp_path / "retour"]).dossiers[0].plans[0][1]
    indicators = [[i for _, i in p.indicateurs()] for p in (back, original)]
    assert indicators[0] == indicators[1], "targets and baselines read back exactly"
    if layout == "cctc":
        assert back == original


def test_follow_up_grid_layout(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    export(cli, root, root / "tracking.xlsx", "--grille", "suivi-indicateurs")
    ws = load_workbook(root / "tracking.xlsx")["Suivi"]
    assert [c.value for c in ws[3]] == [
        "Axe",
        "Objectif spécifique",
        "Action",
        "Indicateur",
        "Unité",
        "Valeur de référence",
        "Cible",
        "Sources de vérification",
        "Valeur 2022",
        "Statut 2022",
    ]
    assert ws["D4"].value == "1.1.1-a – Acteurs formés"
    assert ws["G4"].value == "60\u202f%"
    assert "C4:C5" in {str(r) for r in ws.merged_cells.ranges}
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["J4:J5"]


def test_a_grid_layout_written_by_a_user(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    (root / "templates" / "grilles").mkdir(parents=True)
    (root / "templates" / "grilles" / "ars.yaml").write_text(
        "nom: ars\ntitre: Grille ARS\nfeuille: Fiches\ncolonnes:\n"
        "  - {entete: N°, valeur: '{{ action.id }}', largeur: 8}\n"
        "  - {entete: Intitulé, champ: action}\n"
        "  - {entete: Pilote, champ: pilote}\n",
        encoding="utf-8",
    )
    export(cli, root, root / "ars.xlsx", "--grille", "ars")
    ws = load_workbook(root / "ars.xlsx")["Fiches"]
    assert [c.value for c in ws[4]] == [
        "1.1.1",
        "Action 1.1.1 Former les acteurs",
        "Centre hospitalier",
    ]


def test_a_broken_grid_layout_is_located(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    layout = tmp_path / "mauvaise.yaml"
    layout.write_text("nom: x\ntitre: X\nfeuille: F\ncolones: []\n", encoding="utf-8")
    result = cli("export", territory(), "-o", tmp_path / "x.xlsx", "--grille", layout)
    assert result.code == 1
    assert "mauvaise.yaml:4:1: erreur [cle-inconnue]" in result.err
    assert "« colonnes », obligatoire ici, est sans doute mal écrite" in result.err


def test_a_grid_the_command_line_names_and_that_is_not_there_is_a_usage_error(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """`--grille nope` or a layout file that does not exist: what the command line asks
    cannot be (code 2, like a path that does not exist), not a problem in the files."""
    root = territory()
    result = cli("export", root, "-o", tmp_path / "x.xlsx", "--grille", "nope")
    assert result.code == 2
    assert "grille « nope » inconnue" in result.err
    assert "grilles livrées : " in result.err
    result = cli("export", root, "-o", tmp_path / "x.xlsx", "--grille", tmp_path / "absente.yaml")
    assert result.code == 2
    assert "absente.yaml : ce fichier de grille n'existe pas" in result.err
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+33 5 49", "-1", "@SUM(A1)"])
def test_formula_like_text_stays_text(cli: Cli, territory: Callable[..., Path], text: str) -> None:
    plan = MINIMAL["plan.yaml"].replace(
        "titre: Former les acteurs", f"titre: Former\n            description: '{text}'"
    )
    root = territory(plan_yaml=plan)
    export(cli, root, root / "g.xlsx")
    cell = load_workbook(root / "g.xlsx")["Plan d'action"]["D4"]
    assert cell.value == text
    assert cell.data_type == "s"
    assert cell.quotePrefix is True


def test_text_over_the_excel_limit_is_a_clear_error(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    plan = MINIMAL["plan.yaml"].replace(
        "titre: Former les acteurs",
        "titre: Former\n            description: " + "a" * 40_000,
    )
    root = territory(plan_yaml=plan)
    result = cli("export", root, "-o", root / "g.xlsx")
    assert result.code == 1
    assert "« Description » de 1.1.1 fait 40000 caractères" in result.err
    assert not (root / "g.xlsx").exists()


LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.skipif(
    LIBREOFFICE is None, reason="LibreOffice absent (apt-get install libreoffice-calc)"
)
def test_libreoffice_converts_the_workbook(cctc_book: Path, tmp_path: Path) -> None:
    assert LIBREOFFICE is not None
    pdf_path = libreoffice_pdf(LIBREOFFICE, cctc_book, tmp_path)
    from pypdf import PdfReader

    text = PdfReader(str(pdf_path)).pages[0].extract_text()
    assert "Objectif global CLSM CCTC" in text
    assert "Action 1.1.1" in text


def spaced(text: str) -> str:
    """Text with every kind of space as a plain one."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


@pytest.mark.skipif(
    LIBREOFFICE is None, reason="LibreOffice absent (apt-get install libreoffice-calc)"
)
def test_the_sheet_shows_each_value_as_the_bilan_does(
    cli: Cli, units: Path, tmp_path: Path
) -> None:
    assert LIBREOFFICE is not None
    export(cli, units, tmp_path / "g.xlsx")
    from pypdf import PdfReader

    pdf = PdfReader(str(libreoffice_pdf(LIBREOFFICE, tmp_path / "g.xlsx", tmp_path)))
    sheet = spaced(" ".join(page.extract_text() for page in pdf.pages))
    assert cli("report", "2022", units, "-f", "md", "-o", tmp_path / "b.md").code == 0
    bilan = spaced((tmp_path / "b.md").read_text(encoding="utf-8"))

    def cell(figure: str) -> str:  # a figure alone, not part of a longer number
        return rf"(?<![\d,]){re.escape(figure)}(?![\d,])"

    assert cli("report", "2023", units, "-f", "md", "-o", tmp_path / "b23.md").code == 0
    bilan += spaced((tmp_path / "b23.md").read_text(encoding="utf-8"))
    for figure in ("28 %", "4 000 €", "12,5 h", "1 jour", "non"):
        assert re.search(cell(figure), bilan), figure
        assert re.search(cell(figure), sheet), figure
    for figure in ("39,96 %", "1 234 567 €", "20 h", "4 jours", "oui"):
        assert re.search(cell(figure), bilan), figure
        assert re.search(cell(figure), sheet), figure
    assert "14 500 € (2022)" in sheet
    assert "27.5" not in sheet
    assert "27,5" not in sheet


# ---------------------------------------------------------------- round trip


@pytest.mark.parametrize("plan_file", PLAN_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_export_then_import_gives_back_the_same_plan(
    cli: Cli, tmp_path: Path, plan_file: Path
) -> None:
    export(cli, plan_file, tmp_path / "grille.xlsx")
    result = cli("import", tmp_path / "grille.xlsx", "-o", tmp_path / "retour")
    assert result.code == 0, result.out + result.err
    original = validate_paths([plan_file.parent]).dossiers[0]
    plan = next(p for doc, p in original.plans if Path(doc.file).resolve() == plan_file.resolve())
    back = validate_paths([tmp_path / "retour"]).dossiers[0]
    assert back.plans[0][1] == plan
    assert cli("fmt", "--check", tmp_path / "retour").code == 0, "import writes canonical files"
    assert original.annuaire is not None
    assert back.annuaire is not None
    assert back.annuaire[1] == original.annuaire[1]


# ---------------------------------------------------------------- the seed's own grid


def seed_rows() -> list[list[str]]:
    return [line.split("\t") for line in SEED.read_text(encoding="utf-8").split("\n")]


@pytest.fixture(scope="module")
def seed_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    folder = tmp_path_factory.mktemp("seed")
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    for r, cells in enumerate(seed_rows(), start=1):
        for c, text in enumerate(cells, start=1):
            if text:
                ws.cell(r, c, text)
    wb.save(folder / "cctc.xlsx")
    from clsm_cli.excel.importing import import_grid

    result = import_grid(folder / "cctc.xlsx", folder / "plan", force=False)
    return result, folder / "plan"


def test_seed_grid_imports_and_validates(seed_import) -> None:  # type: ignore[no-untyped-def]
    result, dest = seed_import
    assert not result.lost, result.problems
    report = validate_paths([dest]).report
    assert report.valid(), report.sorted()


def test_seed_grid_is_imported_cell_by_cell(seed_import) -> None:  # type: ignore[no-untyped-def]
    from clsm_cli.excel.fields import read_list

    _, dest = seed_import
    plan = validate_paths([dest]).dossiers[0].plans[0][1]
    actions = {a.id: (axe, obj, a) for axe, obj, a in plan.actions()}
    assert list(actions) == [
        "1.1.1",
        "1.1.2",
        "1.2.1",
        "1.2.2",
        "1.3.1",
        "2.1.1",
        "3.1.1",
        "3.2.1",
        "3.3.1",
    ]
    for cells in seed_rows()[5:14]:
        cells = cells + [""] * (13 - len(cells))
        start = next(i for i, c in enumerate(cells) if c.startswith("Action "))
        shift = start - 2
        ident = cells[start].split()[1]
        action = actions[ident][2]
        assert action.titre == cells[start].split(" ", 2)[2].strip()
        expect = {
            k: cells[3 + shift + i].strip()
            for i, k in enumerate(
                [
                    "description",
                    "prerequis",
                    "public_cible",
                    "dispositifs_existants",
                    "resultats_attendus",
                    "indicateurs",
                    "sources_verification",
                    "moyens_mobilisables",
                    "moyens_a_mobiliser",
                ]
            )
            if 3 + shift + i < len(cells)
        }
        assert (action.description or "") == expect["description"]
        assert (action.public_cible or "") == expect.get("public_cible", "")
        assert (action.dispositifs_existants or "") == expect.get("dispositifs_existants", "")
        for key in (
            "prerequis",
            "resultats_attendus",
            "sources_verification",
            "moyens_mobilisables",
            "moyens_a_mobiliser",
        ):
            assert getattr(action, key) == read_list(expect.get(key, "")), (ident, key)
        assert [i.libelle for i in action.indicateurs] == read_list(expect.get("indicateurs", ""))
    axe2, obj21, _ = actions["2.1.1"]
    assert (axe2.id, axe2.titre, obj21.id, obj21.titre) == ("2", None, "2.1", None)
    axe3, obj31, _ = actions["3.1.1"]
    assert axe3.titre == "Disposer d'une gouvernance autour de la santé mentale sur le territoire"
    assert obj31.titre == "Piloter le CLSM au niveau du territoire"
    ratio = actions["1.1.1"][2].indicateurs[0]
    assert (ratio.numerateur, ratio.denominateur, ratio.unite) == (
        "Nombre de participants sur le territoire",
        "au nombre d'acteurs concernés",
        "pourcentage",
    )


def test_seed_import_reports_every_guess_with_its_cell(seed_import) -> None:  # type: ignore[no-untyped-def]
    result, _ = seed_import
    remarks = {(r.where, r.code, r.message.split(" :")[0]) for r in result.problems}
    assert (
        "cctc.xlsx:Plan!C11",
        "valeur-devinee",
        "l'action 2.1.1 n'a pas de ligne d'objectif 2.1 au-dessus d'elle",
    ) in remarks
    for row in (12, 13, 14):
        assert (
            f"cctc.xlsx:Plan!D{row}",
            "valeur-devinee",
            "ligne décalée de 1 colonne(s) vers la droite",
        ) in remarks
    assert any("période" in r.message for r in result.problems)


def test_seed_grid_import_is_canonical(cli: Cli, seed_import) -> None:  # type: ignore[no-untyped-def]
    _, dest = seed_import
    result = cli("fmt", "--check", dest)
    assert result.code == 0, result.out


def test_seed_grid_import_validate_export_gives_an_equivalent_grid(
    cli: Cli,
    seed_import,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from clsm_cli.excel.fields import read_list

    _, dest = seed_import
    assert cli("validate", dest).code == 0
    export(cli, dest, tmp_path / "retour.xlsx")
    ws = load_workbook(tmp_path / "retour.xlsx")["Plan d'action"]
    assert [ws.cell(3, c).value for c in range(1, 13)] == SEED_HEADERS
    exported = {}
    for row in ws.iter_rows(min_row=4):
        if row[2].value:
            exported[row[2].value.split()[1]] = [c.value or "" for c in row[:12]]
    for cells in seed_rows()[5:14]:
        cells = cells + [""] * (13 - len(cells))
        start = next(i for i, c in enumerate(cells) if c.startswith("Action "))
        aligned = cells[start - 2 : start - 2 + 12] + [""] * 12
        back = exported[cells[start].split()[1]]
        assert back[2] == aligned[2].strip()
        assert back[3] == aligned[3].strip()
        for col in (4, 7, 8, 9, 10, 11):
            assert back[col].split("\n") == (read_list(aligned[col]) or [""]), col


def test_cells_refuse_control_characters_excel_would_reject() -> None:
    from clsm_cli.excel.workbook import safe
    from clsm_cli.problems import ClsmError

    assert safe("ligne\tcolonne\nsuite\r", "titre") == "ligne\tcolonne\nsuite\r"
    with pytest.raises(ClsmError, match="U\\+0007"):
        safe("sonnette \x07", "titre de l'action 1.1.1")


# ---------------------------------------------------------------- axes and objectives alone


def readme_layout() -> str:
    """The ARS layout the guide gives as its example (`clsm export`), as the guide gives it."""
    page = (REPO / "docs" / "commandes" / "export.md").read_text(encoding="utf-8")
    found = re.search(r"```yaml\n# templates/grilles/ars.yaml\n(.*?)```", page, re.S)
    assert found is not None, "the guide's example layout"
    return found[1]


def poitiers_axes() -> str:
    """The six axes of the Poitiers 2018–2022 plan, each given as an axis alone."""
    plan = YAML(typ="safe").load((PLANS / "poitiers" / "plan-2018-2022.yaml").read_text("utf-8"))
    assert len(plan["axes"]) == 6
    lines = ["titre: Six axes", "periode: {debut: 2022, fin: 2024}", "axes:"]
    for axe in plan["axes"]:
        lines += [f"  - id: '{axe['id']}'", f'    titre: "{axe["titre"]}"']
    return "\n".join(lines) + "\n"


CHILDLESS = MINIMAL["plan.yaml"] + (
    "      - id: '1.2'\n"
    "        titre: Objectif sans action\n"
    "  - id: '2'\n"
    "    titre: Axe sans objectif\n"
)
PLANS_WITHOUT_CHILDREN = {"six-axes-seuls": poitiers_axes(), "sans-enfants": CHILDLESS}


def structure(plan: Plan) -> list[Any]:
    return [
        (axe.id, axe.titre, [(o.id, o.titre, [a.id for a in o.actions]) for o in axe.objectifs])
        for axe in plan.axes
    ]


def grid_texts(path: Path) -> list[str]:
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    return [str(c.value) for row in ws.iter_rows(min_row=4) for c in row if c.value]


@pytest.mark.parametrize("layout", ["cctc", "suivi-indicateurs", "ars"])
@pytest.mark.parametrize("plan_name", list(PLANS_WITHOUT_CHILDREN))
def test_axes_and_objectives_without_children_are_in_every_grid_and_come_back(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, layout: str, plan_name: str
) -> None:
    root = territory(
        plan_yaml=PLANS_WITHOUT_CHILDREN[plan_name], activite__2022_yaml="annee: 2022\n"
    )
    (root / "templates" / "grilles").mkdir(parents=True)
    (root / "templates" / "grilles" / "ars.yaml").write_text(readme_layout(), encoding="utf-8")
    original = validate_paths([root]).dossiers[0].plans[0][1]
    book = tmp_path / f"{layout}.xlsx"
    result = cli("export", root, "-o", book, "--grille", layout)
    assert result.code == 0, result.err
    assert "erreur interne" not in result.err
    texts = grid_texts(book)
    for axe in original.axes:
        assert any(t.endswith(f"{axe.id}. {axe.titre}") for t in texts), axe.id
        for objectif in axe.objectifs:
            if not objectif.actions:
                assert f"Objectif spécifique {objectif.id} {objectif.titre}" in texts
    back = tmp_path / "retour"
    imported = cli("import", book, "-o", back)
    assert imported.code == 0, imported.out + imported.err
    assert cli("validate", back).code == 0
    assert cli("fmt", "--check", back).code == 0
    assert structure(validate_paths([back]).dossiers[0].plans[0][1]) == structure(original)


def test_a_template_value_that_fails_is_located(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    layout = tmp_path / "faute.yaml"
    layout.write_text(
        "nom: faute\ntitre: F\nfeuille: F\ncolonnes:\n"
        "  - {entete: Intitulé, champ: action}\n"
        "  - {entete: Code, valeur: '{{ action.code_inconnu }}'}\n",
        encoding="utf-8",
    )
    result = cli("export", territory(), "-o", tmp_path / "x.xlsx", "--grille", layout)
    assert result.code == 1
    assert "grille « faute », colonne « Code » : la valeur ne se calcule pas pour 1.1.1" in (
        result.err
    )
    assert "erreur interne" not in result.err


# ---------------------------------------------------------------- importing into a territory


def comments(path: Path) -> list[str]:
    """The comment lines of a YAML file (every one of the example plans' comments is a line)."""
    return [line.strip() for line in path.read_text("utf-8").splitlines() if "#" in line]


@pytest.fixture
def cctc_copy(tmp_path: Path) -> Path:
    """The CCTC territory, commented throughout, copied where it may be changed."""
    root = shutil.copytree(PLANS / "cctc", tmp_path / "cctc")
    assert len(comments(root / "plan.yaml")) >= 15
    return root


def edited_cctc_grid(cli: Cli, root: Path, tmp_path: Path) -> Path:
    """The CCTC grid as a coordinator sends it back: one description rewritten, one list
    emptied, one action added with a partner the directory does not know."""
    export(cli, root, tmp_path / "grille.xlsx")
    wb = load_workbook(tmp_path / "grille.xlsx")
    ws = wb["Plan d'action"]
    assert ws["C4"].value.startswith("Action 1.1.1")
    assert ws["C5"].value.startswith("Action 1.1.2")
    assert ws["M3"].value == "Partenaires"
    ws["D4"] = "Ateliers de sensibilisation, nouvelle rédaction"
    ws["E5"] = None
    ws["C13"] = "Action 3.3.2 Forum annuel des partenaires"
    ws["M13"] = "Maison des adolescents\nAssociation Les Liens"
    wb.save(tmp_path / "retour.xlsx")
    return tmp_path / "retour.xlsx"


def test_import_force_merges_into_a_commented_territory(
    cli: Cli, cctc_copy: Path, tmp_path: Path
) -> None:
    plan_path, directory = cctc_copy / "plan.yaml", cctc_copy / "partenaires.yaml"
    before = {p: comments(p) for p in (plan_path, directory)}
    grid = edited_cctc_grid(cli, cctc_copy, tmp_path)
    snapshot = {p: p.read_bytes() for p in cctc_copy.iterdir() if p.is_file()}

    refused = cli("import", grid, "-o", cctc_copy)
    assert refused.code == 1
    assert "plan.yaml existe déjà : rien n'a été écrit" in refused.err
    assert {p: p.read_bytes() for p in snapshot} == snapshot, "nothing written, not even partners"

    result = cli("import", grid, "-o", cctc_copy, "--force")
    assert result.code == 0, result.out + result.err
    assert comments(plan_path) == before[plan_path], "every comment of the plan kept, in order"
    assert comments(directory) == before[directory]
    err = result.err
    assert (
        "plan.yaml:118: info [changement-fusionne] « prerequis » de l'action 1.1.2 retiré :"
        " vide dans la grille" in err
    )
    assert "[changement-fusionne] l'action 3.3.2 ajoutée" in err
    assert (
        "[changement-fusionne] le partenaire « Association Les Liens » (association-les-liens)"
        " ajouté" in err
    )
    assert "changements de la grille reportés, commentaires gardés" in err
    assert "partenaires.yaml: info [changement-fusionne] 1 changement de la grille" in err
    assert cli("validate", cctc_copy).code == 0
    assert cli("fmt", "--check", cctc_copy).code == 0
    plan = validate_paths([cctc_copy]).dossiers[0].plans[0][1]
    actions = {a.id: a for _, _, a in plan.actions()}
    assert actions["1.1.1"].description == "Ateliers de sensibilisation, nouvelle rédaction"
    assert actions["1.1.2"].prerequis == []
    assert actions["1.1.2"].description, "fields the grid did not change are kept"
    assert actions["3.3.2"].partenaires == ["mda", "association-les-liens"]
    assert plan.titre == "Objectif global CLSM CCTC"


def test_items_the_grid_leaves_out_are_kept_and_said(
    cli: Cli, cctc_copy: Path, tmp_path: Path
) -> None:
    export(cli, cctc_copy, tmp_path / "grille.xlsx")
    wb = load_workbook(tmp_path / "grille.xlsx")
    ws = wb["Plan d'action"]
    assert ws["C12"].value.startswith("Action 3.3.1")
    ws.unmerge_cells("A10:A12")
    for cell in ws[12]:
        cell.value = None
    wb.save(tmp_path / "grille.xlsx")
    result = cli("import", tmp_path / "grille.xlsx", "-o", cctc_copy, "--force")
    assert result.code == 0, result.out + result.err
    assert "[changement-fusionne] l'objectif 3.3, absent de la grille, est gardé" in result.err
    plan = validate_paths([cctc_copy]).dossiers[0].plans[0][1]
    assert "3.3.1" in {a.id for _, _, a in plan.actions()}


COMMENTED_PLAN = """\
# Plan commenté.
titre: Plan 2022-2024
periode:
  debut: 2022
  fin: 2024
axes:
  - id: '1'
    titre: Lutter contre la stigmatisation
    objectifs:
      - id: '1.1'
        titre: Sensibiliser
        actions:
          # Première action.
          - id: 1.1.1
            titre: Former les acteurs
            description: Des ateliers # à préciser
            # Le public vient après.
            public_cible: Élus
          # Deuxième action.
          - id: 1.1.2
            titre: Informer
# Fin du plan.
"""


def test_an_emptied_cell_removes_its_field_and_says_which_comment_went_with_it(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory(plan_yaml=COMMENTED_PLAN, activite__2022_yaml="annee: 2022\n")
    export(cli, root, tmp_path / "g.xlsx")
    wb = load_workbook(tmp_path / "g.xlsx")
    ws = wb["Plan d'action"]
    assert ws["D4"].value == "Des ateliers"
    ws["D4"] = None
    ws["C6"] = "Action 1.1.3 Évaluer"
    wb.save(tmp_path / "g.xlsx")
    result = cli("import", tmp_path / "g.xlsx", "-o", root, "--force")
    assert result.code == 0, result.out + result.err
    assert "« description » de l'action 1.1.1 retiré : vide dans la grille" in result.err
    assert "commentaire « # à préciser » retiré avec son champ" in result.err
    text = (root / "plan.yaml").read_text(encoding="utf-8")
    assert "description" not in text
    for kept in (
        "# Plan commenté.",
        "# Première action.",
        "# Le public vient après.",
        "# Deuxième action.",
        "# Fin du plan.",
    ):
        assert kept in text
    assert text.index("# Le public vient après.") < text.index("public_cible")
    assert text.index("# Deuxième action.") < text.index("1.1.2") < text.index("1.1.3")
    assert text.rstrip().endswith("# Fin du plan.")
    assert cli("validate", root).code == 0
    assert cli("fmt", "--check", root / "plan.yaml").code == 0


# ---------------------------------------------------------------- grids people really have


def sheet(path: Path, rows: list[list[str | None]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_numbered_objectives_and_common_headers(cli: Cli, tmp_path: Path) -> None:
    book = sheet(
        tmp_path / "grille.xlsx",
        [
            ["Plan d'action 2023-2027"],
            ["Axe", "Objectif", "Action", "Budget", "Porteur"],
            ["1. Prévenir", "1.1 Former les acteurs", "1.1.1 Sessions PSSM", "5 000 €", "Mairie"],
            [None, "1.2 Informer", "Action 1.2.1 Plaquettes", None, None],
        ],
    )
    result = cli("import", book, "-o", tmp_path / "t")
    assert result.code == 0, result.out + result.err
    assert "non reconnue" not in result.err
    assert (
        "grille.xlsx:Plan!D2: avertissement [valeur-devinee] colonne « Budget » lue comme"
        " « Moyens à mobiliser »" in result.err
    )
    plan = validate_paths([tmp_path / "t"]).dossiers[0].plans[0][1]
    assert [(o.id, o.titre) for o in plan.axes[0].objectifs] == [
        ("1.1", "Former les acteurs"),
        ("1.2", "Informer"),
    ]
    first = plan.axes[0].objectifs[0].actions[0]
    assert (first.id, first.titre, first.moyens_a_mobiliser) == (
        "1.1.1",
        "Sessions PSSM",
        ["5 000 €"],
    )
    assert cli("fmt", "--check", tmp_path / "t").code == 0


def test_a_number_column_and_a_deadline(cli: Cli, tmp_path: Path) -> None:
    book = sheet(
        tmp_path / "fiches.xlsx",
        [
            ["N°", "Objectif spécifique", "Intitulé de l'action", "Échéance"],
            ["1.1.1", "Objectif spécifique 1.1 Repérer", "Former les gardiens", "2024-06"],
        ],
    )
    result = cli("import", book, "-o", tmp_path / "t")
    assert result.code == 0, result.out + result.err
    action = validate_paths([tmp_path / "t"]).dossiers[0].plans[0][1].actions()[0][2]
    assert (action.id, action.titre) == ("1.1.1", "Former les gardiens")
    assert action.calendrier is not None
    assert (action.calendrier.debut, action.calendrier.fin) == (None, "2024-06")


def test_a_header_without_rows_fails_and_says_where(cli: Cli, tmp_path: Path) -> None:
    book = sheet(
        tmp_path / "vide.xlsx",
        [["Plan 2023-2027"], ["Objectifs stratégiques", "Objectifs spécifiques", "Actions"]],
    )
    result = cli("import", book, "-o", tmp_path / "t")
    assert result.code == 1
    assert (
        "vide.xlsx:Plan!A2: erreur [non-importe] aucune action trouvée sous l'en-tête, ligne 2"
        in result.err
    )
    assert "rien n'a été écrit" in result.err
    assert not (tmp_path / "t").exists()


def test_import_writes_numbers_and_years_as_a_coordinator_does(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    calendar = "            calendrier: {debut: 2022, fin: 2023-06}\n"
    plan = MINIMAL["plan.yaml"].replace(
        "            pilote: ch\n", f"{calendar}            pilote: ch\n"
    )
    assert calendar in plan
    root = territory(plan_yaml=plan)
    export(cli, root, tmp_path / "g.xlsx")
    done = cli("import", tmp_path / "g.xlsx", "-o", tmp_path / "t")
    assert done.code == 0, done.out + done.err
    (written,) = (tmp_path / "t").glob("plan*.yaml")
    text = written.read_text(encoding="utf-8")
    assert "valeur: 60\n" in text
    assert ".0\n" not in text
    assert "calendrier:\n              debut: 2022\n              fin: 2023-06\n" in text
    assert cli("validate", tmp_path / "t").code == 0


def test_the_date_keys_are_those_of_the_models() -> None:
    import typing

    from pydantic import BaseModel

    from clsm_cli.models import activite, partenaires, plan, territoire
    from clsm_cli.models.common import CLES_DATES, DatePartielle

    found: set[str] = set()
    for module in (activite, partenaires, plan, territoire):
        for model in vars(module).values():
            if isinstance(model, type) and issubclass(model, BaseModel):
                hints = typing.get_type_hints(model, include_extras=True)
                for name, hint in hints.items():
                    if hint == DatePartielle or DatePartielle in typing.get_args(hint):
                        found.add(name)
    assert found == CLES_DATES


def test_importing_the_same_grid_again_changes_nothing(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    export(cli, root, tmp_path / "g.xlsx")
    first = cli("import", tmp_path / "g.xlsx", "-o", root, "--force")
    assert first.code == 0, first.out + first.err
    plan = (root / "plan.yaml").read_bytes()
    assert b'id: "1"' in plan  # the file's quotes, as the guide writes ids
    again = cli("import", tmp_path / "g.xlsx", "-o", root)
    assert again.code == 0, again.out + again.err  # nothing to change: no --force needed
    assert "écrit :" not in again.out
    assert f"inchangé : {root / 'plan.yaml'}" in again.out
    assert (root / "plan.yaml").read_bytes() == plan


@pytest.mark.parametrize("inside", ["", "activite"], ids=["territoire", "activite"])
def test_import_typed_inside_a_territory_goes_into_it(
    cli: Cli, cctc_copy: Path, tmp_path: Path, inside: str
) -> None:
    """Without -o, inside a territory, the grid is merged into it (it made a new territory
    folder inside the territory, named after the grid)."""
    export(cli, cctc_copy, tmp_path / "grille.xlsx")
    (cctc_copy / "activite").mkdir(exist_ok=True)
    before = sorted(p.name for p in cctc_copy.iterdir())
    result = cli("import", tmp_path / "grille.xlsx", cwd=cctc_copy / inside)
    assert result.code == 0, result.out + result.err
    shown = "../plan.yaml" if inside else "plan.yaml"
    assert f"inchangé : {shown}" in result.out
    assert sorted(p.name for p in cctc_copy.iterdir()) == before
    assert list((cctc_copy / "activite").iterdir()) == []


def test_a_grid_that_changes_nothing_leaves_a_file_written_otherwise_alone(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """The plan in flow style (`periode: {debut: …}`), not clsm fmt's: re-importing its own
    grid said « existe déjà » and wanted --force, which would only have reformatted it."""
    root = territory()
    plan = root / "plan.yaml"
    flow = plan.read_text(encoding="utf-8")
    assert "periode: {debut: 2022, fin: 2024}" in flow
    export(cli, root, tmp_path / "g.xlsx")
    result = cli("import", tmp_path / "g.xlsx", "-o", root)
    assert result.code == 0, result.out + result.err
    assert f"inchangé : {plan}" in result.out
    assert plan.read_text(encoding="utf-8") == flow


def test_an_unchanged_grid_needs_no_force(cli: Cli, cctc_copy: Path, tmp_path: Path) -> None:
    export(cli, cctc_copy, tmp_path / "grille.xlsx")
    snapshot = {p: p.read_bytes() for p in cctc_copy.iterdir() if p.is_file()}
    result = cli("import", tmp_path / "grille.xlsx", "-o", cctc_copy)
    assert result.code == 0, result.out + result.err
    assert f"inchangé : {cctc_copy / 'plan.yaml'}" in result.out
    assert "écrit :" not in result.out
    assert "existe déjà" not in result.err
    assert {p: p.read_bytes() for p in snapshot} == snapshot


def test_force_is_still_needed_when_only_the_directory_would_change(
    cli: Cli, cctc_copy: Path, tmp_path: Path
) -> None:
    export(cli, cctc_copy, tmp_path / "grille.xlsx")
    wb = load_workbook(tmp_path / "grille.xlsx")
    ws = wb["Partenaires"]
    ws.cell(ws.max_row + 1, 1, "nouveau")
    ws.cell(ws.max_row, 2, "Nouveau partenaire")
    ws.cell(ws.max_row, 4, "Santé")
    wb.save(tmp_path / "grille.xlsx")
    snapshot = {p: p.read_bytes() for p in cctc_copy.iterdir() if p.is_file()}
    refused = cli("import", tmp_path / "grille.xlsx", "-o", cctc_copy)
    assert refused.code == 1
    assert "plan.yaml existe déjà : rien n'a été écrit" in refused.err
    assert {p: p.read_bytes() for p in snapshot} == snapshot
    forced = cli("import", tmp_path / "grille.xlsx", "-o", cctc_copy, "--force")
    assert forced.code == 0, forced.out + forced.err
    assert f"écrit : {cctc_copy / 'partenaires.yaml'}" in forced.out
    assert f"inchangé : {cctc_copy / 'plan.yaml'}" in forced.out


def test_export_typed_inside_activite_takes_its_territory(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """`clsm export` in activite/ said « . : aucun territoire »."""
    root = territory()
    target = tmp_path / "grille.xlsx"
    result = cli("export", "-o", target, cwd=root / "activite")
    assert result.code == 0, result.err
    assert target.is_file()
    assert cli("export", "-o", tmp_path / "g2.xlsx", cwd=root).code == 0
