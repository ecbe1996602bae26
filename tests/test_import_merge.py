"""`clsm import GRILLE --force`: every sheet the import of a new folder reads is merged too.

A grid imported into a new folder (`-o neuf`) and the same grid merged into the existing
territory (`--force`) must give the same plan: an edit in a companion sheet (Indicateurs,
Financements par année) is reported, never dropped with « aucun changement ».
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from clsm_cli.validation.pipeline import validate_paths
from conftest import MINIMAL, Result

Cli = Callable[..., Result]

INDICATOR_EDITS = {
    "1.1.1-a": {
        "Numérateur": "acteurs formés dans l'année",
        "Dénominateur": "acteurs du territoire",
        "Cibles": "50 % (2022) ; 70 % (2024)",
    },
    "1.1.1-b": {
        "Référence": "5 (2021)",
        "Cibles": "20 (2022) ; 30 (2024)",
        "Sens": "baisse",
        "Types de réalisation": "formation",
        "Résultat attendu": "Plus de participants",
        "Sources de vérification": "Feuilles d'émargement",
        "Public compté": "professionnels",
        "Cumul": "non",
    },
}
"""A new value in every column of the Indicateurs sheet that the import reads (the
identifier, action and label name the indicator)."""

FINANCED = MINIMAL["plan.yaml"].replace(
    "            indicateurs:\n",
    """\
            financements:
              - financeur: ville
                budget:
                  - annee: 2022
                    montant: 6000
                  - annee: 2023
                    montant: 6500
            indicateurs:
""",
    1,
)
assert "financements" in FINANCED


def _indicators(root: Path) -> dict[str, dict[str, Any]]:
    plan = validate_paths([root]).dossiers[0].plans[0][1]
    return {
        i.id: i.model_dump(mode="json", exclude_defaults=True)
        for _, _, action in plan.actions()
        for i in action.indicateurs
    }


def _edit(book: Path, sheet: str, edits: dict[str, dict[str, Any]]) -> None:
    """Set cells of a sheet by its first column's value and its header."""
    wb = load_workbook(book)
    ws = wb[sheet]
    headers = {cell.value: cell.column for cell in ws[1]}
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for key, cells in edits.items():
        for header, value in cells.items():
            ws.cell(rows[key], headers[header]).value = value
    wb.save(book)


def test_every_indicator_column_is_merged_as_a_new_folder_reads_it(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    book = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", book).code == 0
    _edit(book, "Indicateurs", INDICATOR_EDITS)

    fresh = cli("import", book, "-o", tmp_path / "neuf")
    assert fresh.code == 0, fresh.out + fresh.err
    merged = cli("import", book, "-o", root, "--force")
    assert merged.code == 0, merged.out + merged.err
    assert "aucun changement" not in merged.err
    assert "changements de la grille reportés" in merged.err
    assert f"écrit : {root / 'plan.yaml'}" in merged.out

    indicators = _indicators(root)
    assert indicators == _indicators(tmp_path / "neuf")
    b = indicators["1.1.1-b"]
    assert b["cibles"] == [{"annee": 2022, "valeur": 20}, {"annee": 2024, "valeur": 30}]
    assert b["sources_verification"] == ["Feuilles d'émargement"]
    assert (b["sens"], b["public"], b["cumul"]) == ("baisse", "professionnels", False)
    assert indicators["1.1.1-a"]["denominateur"] == "acteurs du territoire"
    text = (root / "plan.yaml").read_text(encoding="utf-8")
    assert "valeur: 20\n" in text, "a whole target written as the coordinator typed it"


def test_a_merged_amount_is_written_as_a_new_folder_writes_it(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory(plan_yaml=FINANCED)
    book = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", book).code == 0
    _edit(book, "Financements par année", {"1.1.1": {"Prévu 2023": 7000}})

    fresh = cli("import", book, "-o", tmp_path / "neuf")
    assert fresh.code == 0, fresh.out + fresh.err
    merged = cli("import", book, "-o", root, "--force")
    assert merged.code == 0, merged.out + merged.err
    text = (root / "plan.yaml").read_text(encoding="utf-8")
    assert "montant: 7000\n" in text
    assert "7000.0" not in text
    assert "montant: 7000\n" in (tmp_path / "neuf" / "plan-2022-2024.yaml").read_text("utf-8")
    assert cli("validate", root).code == 0


COMMENTED_DIRECTORY = (
    MINIMAL["partenaires.yaml"]
    .replace("partenaires:\n", "# L'annuaire du CLSM.\npartenaires:\n", 1)
    .replace("    secteur: sante\n", "    secteur: sante  # le CH de secteur\n", 1)
    + "# fin de l'annuaire\n"
)


def _directory(root: Path) -> dict[str, dict[str, Any]]:
    annuaire = validate_paths([root]).dossiers[0].annuaire
    assert annuaire is not None
    return {p.id: p.model_dump(mode="json", exclude_defaults=True) for p in annuaire[1].partenaires}


def test_an_edited_partner_of_the_directory_is_merged_and_said(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory(partenaires_yaml=COMMENTED_DIRECTORY)
    book = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", book).code == 0
    _edit(
        book,
        "Partenaires",
        {
            "ville": {"Commune": "Test"},
            "unafam": {"Nom": "UNAFAM 44", "Représentant des usagers": "Non"},
        },
    )
    wb = load_workbook(book)
    wb["Partenaires"].delete_rows(4)  # ch's row: the partner stays, and that is said
    wb.save(book)
    fresh = cli("import", book, "-o", tmp_path / "neuf")
    assert fresh.code == 0, fresh.out + fresh.err

    merged = cli("import", book, "-o", root, "--force")
    assert merged.code == 0, merged.out + merged.err
    directory = root / "partenaires.yaml"
    assert f"écrit : {directory}" in merged.out
    err = merged.err
    assert "« nom » du partenaire unafam" not in err  # a changed field is counted, not named
    assert "le partenaire « Centre hospitalier » (ch), absent de la feuille Partenaires," in err
    assert "« representant_usagers » du partenaire unafam retiré" in err
    assert "partenaires.yaml: info [changement-fusionne] 3 changements de la grille" in err

    partners = _directory(root)
    assert partners["ville"] == {
        "id": "ville",
        "nom": "Ville de Test",
        "secteur": "collectivite",
        "commune": "Test",
    }
    assert partners["ch"] == {"id": "ch", "nom": "Centre hospitalier", "secteur": "sante"}
    assert partners["unafam"] == {
        "id": "unafam",
        "nom": "UNAFAM 44",
        "secteur": "habitants-usagers-citoyens",
    }
    fresh_partners = _directory(tmp_path / "neuf")
    assert fresh_partners["ville"] == partners["ville"]
    text = directory.read_text(encoding="utf-8")
    assert text.startswith("# L'annuaire du CLSM.\n")
    assert "secteur: sante  # le CH de secteur\n" in text
    assert text.endswith("# fin de l'annuaire\n")
    assert cli("validate", root).code == 0

    again = cli("import", book, "-o", root, "--force")
    assert again.code == 0, again.out + again.err
    assert f"inchangé : {directory}" in again.out
    assert directory.read_text(encoding="utf-8") == text


def test_a_partner_edit_needs_force_and_a_wrong_cell_is_refused_where_it_is(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    directory = root / "partenaires.yaml"
    before = directory.read_bytes()
    book = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", book).code == 0
    _edit(book, "Partenaires", {"ch": {"Commune": "Test"}})
    refused = cli("import", book, "-o", root)
    assert refused.code == 1
    assert "--force pour y fusionner la grille" in refused.err
    assert directory.read_bytes() == before

    _edit(book, "Partenaires", {"ch": {"Secteur": "hôpital", "Depuis": "longtemps"}})
    wrong = cli("import", book, "-o", root, "--force")
    assert wrong.code == 1, wrong.out + wrong.err
    assert "grille.xlsx:Partenaires!D4: erreur" in wrong.err
    assert "grille.xlsx:Partenaires!H4: erreur" in wrong.err, "an unreadable year is no loss"
    assert directory.read_bytes() == before


def test_a_sector_typed_as_its_value_in_other_letters_is_read(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """« Social-médico-social » in the Secteur column was refused (« vouliez-vous dire
    « social-medico-social » ? ») though it differs only by its accents and capitals."""
    root = territory()
    book = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", book).code == 0
    _edit(book, "Partenaires", {"ch": {"Secteur": "Social-Médico-Social"}})
    result = cli("import", book, "-o", root, "--force")
    assert result.code == 0, result.out + result.err
    assert _directory(root)["ch"]["secteur"] == "social-medico-social"


def test_a_new_folder_s_territory_is_a_text_validate_asks_to_replace(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A grid imported into a new folder wrote « territoire: à compléter », which validate
    accepted without a word, and the bilan would have printed."""
    book = tmp_path / "grille.xlsx"
    assert cli("export", territory(), "-o", book).code == 0
    assert cli("import", book, "-o", tmp_path / "neuf").code == 0
    result = cli("validate", tmp_path / "neuf", "-f", "json")
    said = [p for p in result.json()["problems"] if p["code"] == "texte-exemple"]
    assert [p["file"].rsplit("/", 1)[-1] for p in said] == ["clsm.yaml"]
    assert "« Territoire à compléter »" in said[0]["message"]
