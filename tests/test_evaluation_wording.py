"""The evaluation says each thing once, in the part where it belongs, in every format: what
the coordinator reads before the steering committee, through the real command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL, Result, write_tree
from test_wording import html_texts, reader_text

Cli = Callable[..., Result]

TEXT_FORMATS = ("html", "md", "docx")


def _evaluations(cli: Cli, root: Path, folder: Path) -> dict[str, Path]:
    outputs = {}
    for fmt in (*TEXT_FORMATS, "xlsx"):
        target = folder / f"evaluation.{fmt}"
        result = cli("evaluation", root, "-o", target)
        assert result.code == 0, (fmt, result.err)
        outputs[fmt] = target
    return outputs


def _sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def _docx_body_text(path: Path) -> str:
    """The DOCX's paragraphs and tables in the order of the document (docx_text puts the
    tables last), to tell which part a sentence is in."""
    import docx

    document = docx.Document(str(path))
    texts = []
    for block in document.element.body.iterchildren():
        texts.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
    return " ".join(" ".join(texts).split())


# ------------------------------------------------------- the years without an activity file


@pytest.fixture
def sans_2023(cli: Cli, tmp_path: Path) -> dict[str, Path]:
    """Plan 2022–2024 with activity for 2022 and 2024: 2023 has no activity file."""
    root = write_tree(tmp_path / "t", {**MINIMAL, "activite/2024.yaml": "annee: 2024\n"})
    return _evaluations(cli, root, tmp_path)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_a_year_without_activity_file_is_said_once_in_the_quality_of_the_follow_up(
    sans_2023: dict[str, Path], fmt: str
) -> None:
    """The year the plan has no activity file for was said on the title page, in the
    summary and in the quality part: it is said once, where the follow-up's gaps are."""
    text = _docx_body_text(sans_2023[fmt]) if fmt == "docx" else reader_text(sans_2023[fmt])
    assert text.count("fichier d'activité") == 1, text
    assert "Aucun fichier d'activité pour 2023 : l'évaluation n'en dit rien." in text
    qualite = text.rindex("La qualité du suivi")
    assert text.index("Aucun fichier d'activité pour 2023") > qualite
    assert "Années évaluées : 2022 et 2024" in text


def test_the_workbook_says_the_year_without_activity_file_with_what_is_left_to_fill(
    sans_2023: dict[str, Path],
) -> None:
    import openpyxl

    sheets = _sheets(sans_2023["xlsx"])
    rows = sheets["À compléter"]
    annee = [dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == "année"]
    assert annee == [
        {
            "Élément": "année",
            "Identifiant": "2023",
            "Intitulé": "activite/2023.yaml",
            "Ce qui manque": "fichier d'activité : l'évaluation n'en dit rien",
        }
    ]
    said = [
        str(cell)
        for name, sheet in sheets.items()
        for row in sheet
        for cell in row
        if "fichier d'activité" in str(cell)
    ]
    assert len(said) == 1
    comments = openpyxl.load_workbook(sans_2023["xlsx"]).properties.description or ""
    assert "fichier d'activité" not in comments


def test_every_year_with_its_file_says_nothing_of_missing_files(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    outputs = _evaluations(cli, territory(), tmp_path)
    for fmt in TEXT_FORMATS:
        assert "fichier d'activité" not in reader_text(outputs[fmt]), fmt
    rows = _sheets(outputs["xlsx"])["À compléter"]
    assert not [r for r in rows[1:] if r[0] == "année"]


# ------------------------------------------------------------ the judgments' column

JUGEMENT = """\
evaluations:
  - par: Acteurs du CLSM
    methode: Questionnaire en ligne
    jugements:
      - {objectif: '1', appreciation: atteint}
"""
HORS_PLAN = """\
evaluations:
  - par: Acteurs du CLSM
    jugements:
      - {titre: Observation en santé mentale, appreciation: moins-atteint}
"""


def _objectives_header(outputs: dict[str, Path], fmt: str) -> list[str]:
    """The header of the objectives' table, as each format shows it."""
    path = outputs[fmt]
    if fmt == "xlsx":
        return [str(c) for c in _sheets(path)["Objectifs"][0]]
    if fmt == "docx":
        import docx

        tables = docx.Document(str(path)).tables
        return next(
            [c.text for c in t.rows[0].cells]
            for t in tables
            if t.rows[0].cells[0].text == "Axe ou objectif"
        )
    if fmt == "md":
        lines = path.read_text(encoding="utf-8").splitlines()
        line = next(x for x in lines if x.startswith("| Axe ou objectif |"))
        return [c.strip() for c in line.strip("|").split("|")]
    html = path.read_text(encoding="utf-8")
    table = html[html.index('<table class="objectifs">') :]
    return html_texts(table[: table.index("</thead>")])


@pytest.mark.parametrize("fmt", [*TEXT_FORMATS, "xlsx"])
def test_no_judgment_recorded_hides_the_judgments_column(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, fmt: str
) -> None:
    """An empty « Jugements » column read like judgments forgotten: without any, it is
    not shown; with one, it is."""
    sans = _evaluations(cli, territory(), tmp_path / "sans")
    assert "Jugements" not in _objectives_header(sans, fmt)
    assert "Selon les indicateurs" in _objectives_header(sans, fmt)
    activity = MINIMAL["activite/2022.yaml"] + JUGEMENT
    avec = _evaluations(cli, territory(activite__2022_yaml=activity), tmp_path / "avec")
    assert _objectives_header(avec, fmt)[-1] == "Jugements"
    if fmt != "xlsx":
        assert "Atteint — Acteurs du CLSM, questionnaire en ligne (2022)" in reader_text(avec[fmt])


def test_judgments_outside_the_plan_leave_the_column_hidden_and_are_shown_apart(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    activity = MINIMAL["activite/2022.yaml"] + HORS_PLAN
    outputs = _evaluations(cli, territory(activite__2022_yaml=activity), tmp_path)
    for fmt in (*TEXT_FORMATS, "xlsx"):
        assert "Jugements" not in _objectives_header(outputs, fmt), fmt
    for fmt in TEXT_FORMATS:
        text = reader_text(outputs[fmt])
        assert "Les jugements recueillis" in text, fmt
        assert "Observation en santé mentale" in text, fmt
    jugements = _sheets(outputs["xlsx"])["Jugements"]
    assert [r[5] for r in jugements[1:]] == ["Observation en santé mentale"]


def test_an_objective_counts_every_indicator_partial_sums_included(
    cli: Cli, tmp_path: Path
) -> None:
    """An objective whose indicators have targets and values, but a sum some year lacks,
    was said to have « aucun [indicateur] à la fois une cible et une valeur » (the Saint-Nazaire
    trial): each indicator is counted with its status over the period, in every format. (21
    persons in 2022, none known in 2023: less than the 30 of 45 due after two years.)"""
    plan = MINIMAL["plan.yaml"].replace(
        "                calcul: somme-participants\n",
        "                calcul: somme-participants\n                cibles: [{valeur: 45}]\n",
    )
    assert plan != MINIMAL["plan.yaml"]
    activite_2022 = MINIMAL["activite/2022.yaml"].replace(
        "    partenaires: [ch]\n", "    partenaires: [ch]\n    participants: 21\n"
    )
    assert activite_2022 != MINIMAL["activite/2022.yaml"]
    activite_2023 = "annee: 2023\nmesures:\n  - {indicateur: 1.1.1-a, valeur: 70}\n"
    files = {
        **MINIMAL,
        "plan.yaml": plan,
        "activite/2022.yaml": activite_2022,
        "activite/2023.yaml": activite_2023,
    }
    root = write_tree(tmp_path / "partiel", files)
    outputs = _evaluations(cli, root, tmp_path)
    expected = "2 indicateurs : 1 en bonne voie, 1 valeur partielle"
    for fmt in TEXT_FORMATS:
        text = reader_text(outputs[fmt])
        assert expected in text, fmt
        assert "à la fois une cible et une valeur" not in text, fmt
    head, *rows = _sheets(outputs["xlsx"])["Objectifs"]
    objectif = dict(zip(head, rows[-1], strict=True))
    assert objectif["Indicateurs"] == 2
    assert (objectif["En bonne voie"], objectif["Valeurs partielles"]) == (1, 1)
    counts = [v for k, v in objectif.items() if isinstance(v, int) and k != "Indicateurs"]
    assert sum(counts) == 2, objectif  # every indicator in some column


def test_an_empty_status_is_not_written_as_empty_bold_in_markdown(cli: Cli, tmp_path: Path) -> None:
    """An indicator without a value over the period has no status: the Markdown wrote
    `| **** |`, which a forge shows as four asterisks."""
    plan = MINIMAL["plan.yaml"].replace(
        "                calcul: somme-participants\n",
        "                calcul: somme-participants\n                cibles: [{valeur: 15}]\n",
    )
    root = write_tree(tmp_path / "vide", {**MINIMAL, "plan.yaml": plan})
    target = tmp_path / "evaluation.md"
    assert cli("evaluation", root, "-o", target).code == 0
    text = target.read_text(encoding="utf-8")
    periode = [line for line in text.splitlines() if line.startswith("|  | **Cumul")]
    assert periode
    assert periode[-1].endswith("| **non renseigné** |  |  |  |"), periode
    assert "****" not in text


def test_a_yes_no_indicator_has_no_gap_in_the_workbook_either(cli: Cli, tmp_path: Path) -> None:
    """Between a yes and a no there is no gap: the HTML, Markdown and DOCX leave it blank;
    the workbook wrote 0 or −1 (Saint-Nazaire trial)."""
    plan = MINIMAL["plan.yaml"].replace(
        "                calcul: somme-participants\n",
        "                calcul: somme-participants\n"
        "              - {id: 1.1.1-c, libelle: Charte signée, unite: oui-non,"
        " cibles: [{valeur: 1}]}\n",
    )
    activite = MINIMAL["activite/2022.yaml"] + "  - {indicateur: 1.1.1-c, valeur: 0}\n"
    files = {**MINIMAL, "plan.yaml": plan, "activite/2022.yaml": activite}
    root = write_tree(tmp_path / "ouinon", files)
    target = tmp_path / "evaluation.xlsx"
    assert cli("evaluation", root, "-o", target).code == 0
    head, *rows = _sheets(target)["Suivi des indicateurs"]
    lignes = [dict(zip(head, row, strict=True)) for row in rows]
    charte = [line for line in lignes if "1.1.1-c" in str(line.values())]
    assert charte, lignes
    assert all(line["Écart"] is None for line in charte), charte
    autres = [line for line in lignes if "1.1.1-a" in str(line.values())]
    assert any(isinstance(line["Écart"], float | int) for line in autres), autres


def test_a_gap_in_points_is_the_same_in_the_workbook_as_in_the_text(
    cli: Cli, tmp_path: Path
) -> None:
    """35 / 42 is shown 83 % against a target of 60 %: the gap is +23 pt in the HTML,
    Markdown and DOCX (the reader's own subtraction); the workbook wrote 23,3 (Redon
    trial: 67 % against 75 % was −8 pt in the text, −8,3 in the workbook)."""
    outputs = _evaluations(cli, write_tree(tmp_path / "t", MINIMAL), tmp_path)
    assert "+23\u202fpt" in outputs["md"].read_text(encoding="utf-8")
    head, *rows = _sheets(outputs["xlsx"])["Suivi des indicateurs"]
    lignes = [dict(zip(head, row, strict=True)) for row in rows]
    taux = [line for line in lignes if line["Indicateur"] == "1.1.1-a"]
    assert [line["Écart"] for line in taux] == [23, 23], taux
    assert [line["Valeur"] for line in taux] == [pytest.approx(83.333, abs=0.001)] * 2


def test_what_is_left_to_fill_asks_only_for_the_years_an_action_runs(
    cli: Cli, tmp_path: Path
) -> None:
    """« À compléter » asked for the 2022 status of an action whose calendrier starts in
    2023, and for the 2023 status of an action abandoned in 2022 (Saint-Nazaire trial)."""
    plan = MINIMAL["plan.yaml"] + (
        "          - id: 1.1.2\n"
        "            titre: Ouvrir un groupe de parole\n"
        "            pilote: ch\n"
        "            calendrier: {debut: 2023-01}\n"
    )
    activite_2022 = MINIMAL["activite/2022.yaml"].replace(
        "annee: 2022\n", "annee: 2022\nactions:\n  - {action: 1.1.1, statut: abandonnee}\n"
    )
    files = {
        **MINIMAL,
        "plan.yaml": plan,
        "activite/2022.yaml": activite_2022,
        "activite/2023.yaml": "annee: 2023\n",
    }
    root = write_tree(tmp_path / "calendrier", files)
    target = tmp_path / "evaluation.md"
    result = cli("evaluation", root, "-o", target)
    assert result.code == 0, result.err
    lignes = target.read_text(encoding="utf-8").split("À compléter")[1].splitlines()
    nouvelle = [line for line in lignes if "1.1.2" in line]
    assert nouvelle == ["| Action 1.1.2 – Ouvrir un groupe de parole | statut en 2023 |"]
    assert not [line for line in lignes if line.startswith("| Action 1.1.1 ")], lignes
    indicateur = [line for line in lignes if "1.1.1-b" in line]
    assert indicateur, lignes
    assert "2023" not in indicateur[0], indicateur  # the action was abandoned in 2022


def test_an_action_without_work_over_one_year_says_in_that_year(cli: Cli, tmp_path: Path) -> None:
    """« aucune réalisation enregistrée de 2018 à 2018 » (ARML's one year of activity):
    one year reads « en 2018 »."""
    annee = (
        "annee: 2022\nmesures:\n  - indicateur: 1.1.1-a\n    numerateur: 35\n    denominateur: 42\n"
    )
    root = write_tree(tmp_path / "un-an", {**MINIMAL, "activite/2022.yaml": annee})
    target = tmp_path / "evaluation.md"
    assert cli("evaluation", root, "-o", target).code == 0
    text = target.read_text(encoding="utf-8")
    assert "aucune réalisation enregistrée en 2022" in text
    assert "de 2022 à 2022" not in text
    assert "2022–2022" not in text
