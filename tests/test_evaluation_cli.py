"""`clsm evaluation` as typed: which plan, which file, the templates, and its refusals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL, PLANS, Result, visible, write_tree
from test_modele_docx import EN_TETE, headers, modele

Cli = Callable[..., Result]

ANCIEN = """\
titre: Plan 2019-2021
periode: {debut: 2019, fin: 2021}
axes:
  - id: "1"
    titre: Ancien axe
    objectifs:
      - id: "1.1"
        actions:
          - {id: 1.1.1, titre: Ancienne action}
"""
ACTIVITE_2021 = """\
annee: 2021
realisations:
  - {action: 1.1.1, type: atelier, titre: Atelier ancien, date: 2021-03, participants: 9}
"""


@pytest.fixture
def deux_plans(territory: Callable[..., Path]) -> Path:
    return territory(**{"plan-2019-2021_yaml": ANCIEN, "activite__2021_yaml": ACTIVITE_2021})


def test_the_plan_chosen_with_plan_or_as_the_path(
    cli: Cli, deux_plans: Path, tmp_path: Path
) -> None:
    result = cli("evaluation", deux_plans, "-o", tmp_path / "recent.md")
    assert result.code == 0, result.err
    assert "Évaluation du plan d'action 2022–2024" in (tmp_path / "recent.md").read_text()
    plan = deux_plans / "plan-2019-2021.yaml"
    result = cli("evaluation", "--plan", plan, "-o", tmp_path / "ancien.md")
    assert result.code == 0, result.err
    text = (tmp_path / "ancien.md").read_text()
    assert "Évaluation du plan d'action 2019–2021" in text
    assert "1 réalisation, 9 personnes" in text
    assert "Aucun fichier d'activité pour 2019 et 2020" in text
    result = cli("evaluation", plan, "-o", tmp_path / "chemin.md")
    assert result.code == 0, result.err
    assert (tmp_path / "chemin.md").read_text() == text


def test_a_plan_of_another_territory_is_refused(cli: Cli, deux_plans: Path, tmp_path: Path) -> None:
    other = write_tree(tmp_path / "autre", MINIMAL)
    result = cli("evaluation", deux_plans, "--plan", other / "plan.yaml", "-o", tmp_path / "x.md")
    assert result.code == 2  # the command line asks for what cannot be: a usage error
    assert "n'est pas un plan du territoire" in result.err
    result = cli("evaluation", deux_plans, "--plan", deux_plans / "plan-2030.yaml")
    assert result.code == 2  # as a territory that does not exist (`evaluation nowhere`)
    assert "plan-2030.yaml n'existe pas" in result.err
    assert cli("evaluation", tmp_path / "nowhere").code == 2


def test_no_plan_with_activity_says_what_is_missing(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    (root / "activite" / "2022.yaml").unlink()
    result = cli("evaluation", root, "-o", tmp_path / "x.html")
    assert result.code == 1
    assert "aucun plan n'a d'activité à évaluer" in result.err
    assert "aide : l'évaluation porte sur les années d'un plan" in result.err
    assert not (tmp_path / "x.html").exists()


def test_the_extension_chooses_the_format_and_a_contradiction_is_refused(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    result = cli("evaluation", root, "-o", tmp_path / "suivi.xlsx")
    assert result.code == 0, result.err
    assert (tmp_path / "suivi.xlsx").read_bytes()[:2] == b"PK"
    result = cli("evaluation", root, "-f", "pdf", "-o", tmp_path / "suivi.docx")
    assert result.code == 2
    assert "-f pdf et -o suivi.docx se contredisent" in result.err


def test_errors_in_the_files_refuse_the_evaluation(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory(activite__2022_yaml="annee: 2022\nrealisations: [{action: 9.9.9}]\n")
    result = cli("evaluation", root, "-o", tmp_path / "x.html")
    assert result.code == 1
    assert "clsm : évaluation refusée, corrigez d'abord ces erreurs." in result.err


def test_a_clsm_output_is_replaced_a_foreign_file_is_not(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    target = tmp_path / "evaluation.md"
    assert cli("evaluation", root, "-o", target).code == 0
    assert cli("evaluation", root, "-o", target).code == 0, "its own Markdown is replaced"
    target.write_text("# Mes notes\n", encoding="utf-8")
    result = cli("evaluation", root, "-o", target)
    assert result.code == 1
    assert "n'a pas été produit par clsm" in result.err


def test_a_user_template_replaces_one_block(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    write_tree(
        root / "templates",
        {
            "evaluation.html.j2": """\
                {% extends "default:evaluation.html.j2" %}
                {% block synthese %}<p>Synthèse du COPIL :
                {{ evaluation.annees | join(", ") }}</p>{% endblock %}
                """
        },
    )
    result = cli("evaluation", root, "-o", tmp_path / "e.html")
    assert result.code == 0, result.err
    html = (tmp_path / "e.html").read_text(encoding="utf-8")
    assert "Synthèse du COPIL :\n2022" in html
    assert "Le suivi des indicateurs" in html, "the other blocks are the shipped ones"


def test_a_template_error_is_located(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    write_tree(root / "templates", {"evaluation.md.j2": "{{ evaluation.anees }}\n"})
    result = cli("evaluation", root, "-o", tmp_path / "e.md")
    assert result.code == 1
    assert "templates/evaluation.md.j2:1" in result.err
    assert "annees" in result.err
    assert "clsm : évaluation non écrite, corrigez d'abord le modèle." in result.err


def test_the_territorys_modele_docx_dresses_the_evaluation(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    modele(root / "templates" / "modele.docx")
    target = tmp_path / "e.docx"
    result = cli("evaluation", root, "-o", target)
    assert result.code == 0, result.err
    assert EN_TETE in headers(target)


def test_the_help_page_is_french(cli: Cli) -> None:
    result = cli("evaluation", "--help")
    assert result.code == 0
    assert "Évalue un plan sur ses années" in result.out
    assert "--plan FICHIER" in result.out
    assert "xlsx" in result.out


def test_one_year_evaluated_is_said_as_one_year_and_no_meeting_is_not_zero(
    cli: Cli, tmp_path: Path
) -> None:
    """A body with no meeting in a year's list is « non renseigné » (whether none was held,
    the file does not say), not 0; a single year's total is « Total 2022 », not « 2022–2022 »."""
    clsm = MINIMAL["clsm.yaml"] + (
        "  - id: cellule\n    nom: Cellule de concertation\n    type: cellule\n"
    )
    activity = MINIMAL["activite/2022.yaml"] + (
        "saisines:\n  - {mois: 2022-03, saisissant: le CCAS, niveau: 1, decision: suivi}\n"
    )
    root = write_tree(
        tmp_path / "t", {**MINIMAL, "clsm.yaml": clsm, "activite/2022.yaml": activity}
    )
    result = cli("evaluation", root, "-f", "md", "-o", tmp_path / "e.md")
    assert result.code == 0, result.err
    text = (tmp_path / "e.md").read_text(encoding="utf-8")
    assert "| Cellule de concertation | non renseigné | non renseigné |" in text
    assert "| Comité de pilotage | 1 | non renseigné |" in text
    assert "**Total 2022**" in text
    assert "2022–2022" not in text


def test_the_summary_counts_reached_indicators_among_those_that_can_be_judged(
    cli: Cli, tmp_path: Path
) -> None:
    """« 0 indicateur atteint sur 1 ayant un statut sur la période » when another one has no
    target or value; only « … sur 1 » when all can be judged (no longer « qui ont cible et
    valeur », which read like a note)."""
    root = write_tree(tmp_path / "partiel", MINIMAL)
    result = cli("evaluation", root, "-f", "md", "-o", tmp_path / "partiel.md")
    assert result.code == 0, result.err
    text = (tmp_path / "partiel.md").read_text(encoding="utf-8")
    assert "indicateur atteint sur 1 ayant un statut sur la période" in text
    assert "qui ont cible" not in text
    plan = MINIMAL["plan.yaml"].split("              - id: 1.1.1-b")[0]
    assert plan != MINIMAL["plan.yaml"]
    root = write_tree(tmp_path / "complet", {**MINIMAL, "plan.yaml": plan})
    result = cli("evaluation", root, "-f", "md", "-o", tmp_path / "complet.md")
    assert result.code == 0, result.err
    text = (tmp_path / "complet.md").read_text(encoding="utf-8")
    assert "indicateur atteint sur 1" in text
    assert "ayant une cible" not in text


def test_docx_figures_are_aligned_right_as_in_the_html(cli: Cli, tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    root = write_tree(tmp_path / "t", MINIMAL)
    result = cli("evaluation", root, "-o", tmp_path / "e.docx")
    assert result.code == 0, result.err
    document = docx.Document(str(tmp_path / "e.docx"))
    tables = {t.rows[0].cells[0].text: t for t in document.tables}
    droite = {
        premier: [c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in t.rows[0].cells]
        for premier, t in tables.items()
    }
    # Indicateur, Année, Cible, Valeur, Taux d'atteinte, Écart, Statut
    assert droite["Indicateur"] == [False, True, True, True, True, True, False]
    assert droite["Instance"] == [False, True, True]
    assert droite["Année"] == [False, True, False, False]


def test_an_empty_list_of_meetings_says_no_body_met(cli: Cli, tmp_path: Path) -> None:
    """`reunions: []` says that no body met: 0, as the guide says (not « non renseigné »)."""
    activity = MINIMAL["activite/2022.yaml"].replace(
        "reunions:\n  - instance: copil\n    date: 2022-04\n    presents: [ville, unafam]\n",
        "reunions: []\n",
    )
    assert "reunions: []" in activity
    root = write_tree(tmp_path / "t", {**MINIMAL, "activite/2022.yaml": activity})
    result = cli("evaluation", root, "-f", "md", "-o", tmp_path / "e.md")
    assert result.code == 0, result.err
    text = (tmp_path / "e.md").read_text(encoding="utf-8")
    assert "| Comité de pilotage | 0 | non renseigné |" in text


def test_a_plan_refused_names_the_territory_by_its_folder(
    cli: Cli, deux_plans: Path, tmp_path: Path
) -> None:
    """« nope.yaml n'est pas un plan du territoire . » when run in the territory."""
    (deux_plans / "nope.yaml").write_text("x: 1\n", encoding="utf-8")
    result = cli("evaluation", "--plan", "nope.yaml", "-o", tmp_path / "x.md", cwd=deux_plans)
    assert result.code == 2
    assert f"nope.yaml n'est pas un plan du territoire {deux_plans.name}\n" in result.err


def test_a_plan_named_without_activity_says_so(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """`--plan` naming a plan whose years have no activity file ended in an internal error."""
    root = territory(**{"plan-2030-2032_yaml": ANCIEN.replace("2019", "2030").replace(
        "2021", "2032")})  # fmt: skip
    result = cli(
        "evaluation", root, "--plan", root / "plan-2030-2032.yaml", "-o", tmp_path / "x.md"
    )
    assert result.code == 1
    assert "aucune année de ce plan n'a d'activité à évaluer" in result.err
    assert "erreur interne" not in result.err


def test_a_year_without_a_file_makes_the_referrals_total_a_lower_bound(
    cli: Cli, tmp_path: Path
) -> None:
    """Files for 2022 and 2024, none for 2023: « Total 2022–2024 » covers 2023, whose
    referrals nobody knows: « au moins 2 », as the running total of an indicator says it; it
    said 2, as if 2023 had none."""
    saisines = "saisines:\n  - {{mois: {a}-03, saisissant: CCAS, niveau: {n}, decision: suivi}}\n"
    root = write_tree(
        tmp_path / "t",
        {
            **MINIMAL,
            "activite/2022.yaml": MINIMAL["activite/2022.yaml"] + saisines.format(a=2022, n=1),
            "activite/2024.yaml": "annee: 2024\n" + saisines.format(a=2024, n=2),
        },
    )
    result = cli("evaluation", root, "-f", "md", "-o", tmp_path / "e.md")
    assert result.code == 0, result.err
    text = (tmp_path / "e.md").read_text(encoding="utf-8")
    assert "| **Total 2022–2024** | **au moins 2** | **au moins 1** | **au moins 1** |" in text


def test_a_range_of_years_stays_on_one_line(cli: Cli, tmp_path: Path) -> None:
    """The evaluation's narrow « Année » column broke « Cumul 2023– » / « 2025 » in the PDF:
    a range's dash is joined to its second year (an invisible word joiner) in the HTML it is
    printed from. The DOCX, edited and searched in Word, and the Markdown keep plain text."""
    import zipfile

    root = PLANS / "cps-missions-locales-hdf"
    outputs = {fmt: tmp_path / f"e.{fmt}" for fmt in ("html", "docx", "md")}
    for fmt, target in outputs.items():
        assert cli("evaluation", root, "-f", fmt, "-o", target).code == 0
    html = outputs["html"].read_text(encoding="utf-8")
    assert "Cumul 2021–\u20602023" in html
    assert "Cumul 2021–2023" not in html
    assert "Cumul 2021–2023" in visible(html)
    with zipfile.ZipFile(outputs["docx"]) as archive:
        docx = archive.read("word/document.xml").decode()
    md = outputs["md"].read_text(encoding="utf-8")
    for text in (docx, md):
        assert "\u2060" not in text
        assert "Cumul 2021–2023" in text
